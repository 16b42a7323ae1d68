"""The outbox: which replies of a committed turn a push channel (Telegram, Messenger) has sent.

A turn's replies are stored with its delivery id, in the turn's transaction (:meth:`Store.save_turn`);
for a push channel the row also counts how many of them, the last ones, are not yet sent
(``deliveries.unsent``; NULL where nothing is pushed: REST answers in its response, and deliveries
stored before schema 8). The sender takes them in order and marks each once the platform accepted
it (:func:`mark_sent`), so a worker killed between the commit and the last send leaves exactly the
unsent ones, which a redelivery of the message or the sweep sends (bot/outbox.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.database import Database
from tutor.replies import Reply

if TYPE_CHECKING:
    from tutor.store import Store


def add_columns(db: Database) -> None:
    """Schema 8: how many of a delivery's replies (the last ones) a push channel has not sent yet."""
    db["deliveries"].add_column("unsent", int)
    db["deliveries"].create_index(["unsent"], if_not_exists=True)


def replies_json(replies: list[Reply]) -> str:
    return json.dumps([{"text": r.text, "options": r.options, "images": [str(image) for image in r.images]}
                       for r in replies], ensure_ascii=False)


def replies_from_json(text: str | None) -> list[Reply]:
    return [Reply(r["text"], r["options"], [Path(image) for image in r["images"]]) for r in json.loads(text or "[]")]


@dataclass(frozen=True)
class Unsent:
    """The replies of one delivery not sent yet, in order."""

    delivery_id: str
    replies: list[Reply]


def unsent(store: Store, learner: str) -> list[Unsent]:
    """The learner's replies not sent yet, delivery by delivery in the order they were committed."""
    with store.transaction():
        rows = store.db.execute("SELECT delivery_id, replies, unsent FROM deliveries WHERE learner_id = ? "
                                "AND unsent > 0 ORDER BY rowid", (learner,)).fetchall()
    return [Unsent(delivery, replies_from_json(replies)[-left:]) for delivery, replies, left in rows]


def mark_sent(store: Store, learner: str, delivery: str, left: int) -> None:
    """The platform accepted the reply that had ``left`` replies (itself included) still to send."""
    with store.transaction():
        store.db.execute("UPDATE deliveries SET unsent = ? WHERE learner_id = ? AND delivery_id = ?",
                         (left - 1, learner, delivery))


def waiting(store: Store, channel: str, before: datetime) -> list[str]:
    """The learners of ``channel`` (a learner id prefix: "tg:", "fb:") with replies committed before
    ``before`` and not sent yet."""
    with store.transaction():
        rows = store.db.execute(
            "SELECT DISTINCT learner_id FROM deliveries WHERE unsent > 0 AND at < ? AND substr(learner_id, 1, ?) = ?",
            (before.isoformat(), len(channel), channel)).fetchall()
    return sorted(learner for (learner,) in rows)
