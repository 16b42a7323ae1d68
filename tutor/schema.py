"""The learner store's tables and their migrations, one definition for SQLite and PostgreSQL
(:class:`tutor.database.Table` renders each dialect's DDL)."""
from __future__ import annotations

from collections.abc import Callable

from tutor import lab_runs, outbox, reminders, review_fit
from tutor.database import Database


def _schema_v1(db: Database) -> None:
    db["learners"].create({"id": str, "created": str, "last_seen": str}, pk="id", if_not_exists=True)
    db["dialogue_state"].create({"learner_id": str, "data": str}, pk="learner_id", if_not_exists=True)
    db["mastery"].create(
        {"learner_id": str, "concept": str, "score": float, "updated": str},
        pk=("learner_id", "concept"), if_not_exists=True,
    )
    db["answers"].create(
        {"id": int, "learner_id": str, "at": str, "exercise_id": str, "concept": str, "answer": str, "correct": int},
        pk="id", if_not_exists=True,
    )
    db["review_cards"].create(
        {"learner_id": str, "item": str, "concept": str, "card": str, "due": str},
        pk=("learner_id", "item"), if_not_exists=True,
    )
    db["log"].create(
        {"id": int, "learner_id": str, "at": str, "sender": str, "text": str, "intent": str},
        pk="id", if_not_exists=True,
    )
    db["answers"].create_index(["learner_id"], if_not_exists=True)
    db["review_cards"].create_index(["learner_id", "due"], if_not_exists=True)
    db["log"].create_index(["learner_id"], if_not_exists=True)


def _schema_v2(db: Database) -> None:
    """Platform message ids already answered (Telegram update_id, Messenger mid), so that a
    redelivered message is answered once, also after a restart."""
    db["deliveries"].create(
        {"learner_id": str, "delivery_id": str, "at": str}, pk=("learner_id", "delivery_id"), if_not_exists=True,
    )
    db["deliveries"].create_index(["at"], if_not_exists=True)


def _schema_v3(db: Database) -> None:
    """Learners' questions the course could not answer (`tutorbot unanswered`)."""
    db["unanswered"].create(
        {"id": int, "learner_id": str, "at": str, "question": str, "lesson": str}, pk="id", if_not_exists=True)


def _schema_v6(db: Database) -> None:
    """The replies a delivery got (JSON), so a client retrying a message it got no answer to (a REST
    client after a timeout, or a worker killed after the commit) gets the same answer again."""
    db["deliveries"].add_column("replies", str)


# Migration i brings the schema from version i to i + 1. Append, never edit.
# 4: every review as fsrs logged it (tutor/review_fit.py); 5: review reminders (tutor/reminders.py);
# 7: the labs learners ran (tutor/lab_runs.py); 8: the replies a push channel has not sent yet (tutor/outbox.py).
MIGRATIONS: list[Callable[[Database], None]] = [
    _schema_v1, _schema_v2, _schema_v3, review_fit.create_tables, reminders.create_tables, _schema_v6,
    lab_runs.create_tables, outbox.add_columns]
SCHEMA_VERSION = len(MIGRATIONS)
