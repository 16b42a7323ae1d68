"""The learner store: one SQLite file (WAL), or a PostgreSQL server (tutor/database.py).

A turn runs inside :meth:`Store.transaction` named by its learner: it reads the learner with
:meth:`Store.load`, answers, and writes back with :meth:`Store.save_turn` (dialogue state, mastery,
answers, review cards, conversation log, the platform's delivery id and the replies it got) in ONE
write transaction. The transaction holds the learner's lock from the read on (SQLite: the file's
write lock, BEGIN IMMEDIATE; PostgreSQL: an advisory lock on the learner), so two processes serving
one learner take turns instead of overwriting each other, and a crash loses at most the turn in
flight. The schema is versioned, the same for both; :data:`MIGRATIONS` brings an older store up to
date when it is opened.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fsrs import ReviewLog

from tutor import lab_runs
from tutor.claims import Claims
from tutor.database import Database, Location, Sessions, location
from tutor.outbox import replies_from_json, replies_json
from tutor.reminders import ReminderSetting
from tutor.replies import Reply
from tutor.schema import MIGRATIONS, SCHEMA_VERSION  # noqa: F401 - tests swap MIGRATIONS here


@dataclass
class LearnerState:
    """Where one learner is in the dialogue: everything the next turn needs."""

    learner_id: str
    state: str = "new"                       # a tutor.dialogue.Mode value
    lesson_id: str | None = None
    step: int = 0                            # index of the next lesson step to show
    pending: dict[str, Any] | None = None    # the open question (Question.to_dict() + "review": bool)
    misses: int = 0                          # wrong answers to the pending question so far
    options: list[str] = field(default_factory=list)   # the last reply's options, as shown
    actions: list[str] = field(default_factory=list)   # what choosing each option does (a command)
    context: dict[str, Any] = field(default_factory=dict)  # small per-state extras (e.g. text to clarify)
    questions_asked: int = 0                 # seeds fresh exercise values, reproducibly per learner
    mastery: dict[str, float] = field(default_factory=dict)  # concept key -> mastery in [0, 1]


@dataclass
class AnswerRecord:
    exercise_id: str
    concept: str
    answer: str
    correct: bool


@dataclass
class ReviewCard:
    """One spaced-review item (an exercise), its fsrs card as a dict, and when it is due."""

    item: str
    concept: str
    card: dict[str, Any]
    due: datetime


@dataclass
class TurnWrites:
    """What one turn changed besides the dialogue state; saved together with it."""

    user_text: str
    bot_texts: list[str] = field(default_factory=list)
    intent: str | None = None
    answers: list[AnswerRecord] = field(default_factory=list)
    cards: list[ReviewCard] = field(default_factory=list)
    reviews: list[tuple[str, ReviewLog]] = field(default_factory=list)   # (item, fsrs's log) per review
    reminder: ReminderSetting | None = None   # /remind TIME: the learner's new reminder
    reminder_off: bool = False                # /remind off
    reminded_day: str | None = None           # the learner's local day this turn reminded them of due reviews
    reset: bool = False                  # /reset confirmed: forget progress first (the log is kept)
    unanswered: list[Unanswered] = field(default_factory=list)   # questions the course could not answer
    lab: lab_runs.LabRequest | None = None    # a lab to start once the turn is saved (bot/labs.py)
    finished_labs: list[lab_runs.LabRun] = field(default_factory=list)   # labs that ended, for the history


@dataclass(frozen=True)
class Unanswered:
    """A learner's question the course had no answer for, and where the learner was."""

    question: str
    lesson: str | None = None


@dataclass
class UnansweredCount:
    question: str            # as first asked
    count: int
    learners: set[str]
    lessons: set[str]        # where the learners were when they asked
    last_asked: str


# Platforms redeliver for a day or so (Telegram keeps updates 24 hours); ids older than this are
# forgotten, so the table stays small. Telegram's update ids restart at random after a week idle,
# so keeping them longer could mistake a new update for an old one.
DELIVERY_RETENTION = timedelta(days=3)
PRUNE_EVERY = 1_000    # recorded deliveries between two prunings


def _now() -> datetime:
    return datetime.now(timezone.utc)


SCHEMA_LOCK = "\0schema"      # what migrating stores take turns on (no learner id has a NUL)


class Store:
    """The learner store at ``db`` (a SQLite path, ``sqlite:///path`` or ``postgresql://...``).

    Thread-safe (turns run in worker threads): :class:`tutor.database.Sessions` gives each thread its
    connection (SQLite: one shared, each use under its lock; PostgreSQL: one per thread)."""

    def __init__(self, db: Path | str | Location, clock: Callable[[], datetime] = _now) -> None:
        self.clock = clock
        self.location = location(db)
        self._sessions = Sessions(self.location)
        self.claims = Claims(self.location)    # who sends a learner's unsent replies (bot/outbox.py)
        self._recorded = 0       # deliveries recorded since the last pruning
        self._migrate()

    @property
    def db(self) -> Database:
        """This thread's connection (for the SQL of the store's own modules: reminders, review logs)."""
        return self._sessions.current().db

    @property
    def _lock(self) -> threading.RLock:
        return self._sessions.current().lock

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self.db["schema_version"].exists():
            return 0
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self.transaction(SCHEMA_LOCK):
            if not self.db["schema_version"].exists():
                self.db["schema_version"].create({"version": int, "applied": str}, pk="version")
            for version in range(self.schema_version(), SCHEMA_VERSION):
                MIGRATIONS[version](self.db)
                self.db.execute(
                    "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                    (version + 1, self.clock().isoformat()),
                )
            self._prune_deliveries()

    @contextmanager
    def transaction(self, learner_id: str | None = None) -> Iterator[None]:
        """One write transaction; one opened inside it (by the same thread) is a savepoint of it,
        undone alone if it fails.

        The transaction holds ``learner_id``'s lock before the first read (SQLite: BEGIN IMMEDIATE,
        the file's write lock; PostgreSQL: an advisory lock on the learner), so what is read inside
        is what gets written back: another process's turn for the same learner waits (up to 30 s)
        instead of being overwritten or overtaking it."""
        with self._sessions.current().transaction(learner_id):
            yield

    # -- reads ----------------------------------------------------------------------------
    def load(self, learner_id: str) -> LearnerState:
        """The learner's state, or a fresh one for a new learner."""
        with self._lock:
            row = self.db.execute(
                "SELECT data FROM dialogue_state WHERE learner_id = ?", (learner_id,)
            ).fetchone()
            mastery = dict(
                self.db.execute("SELECT concept, score FROM mastery WHERE learner_id = ?", (learner_id,)).fetchall()
            )
        if row is None:
            return LearnerState(learner_id, mastery=mastery)
        # Only the fields this version knows: a state saved by a newer or older version still loads.
        known = {f.name for f in fields(LearnerState)} - {"learner_id", "mastery"}
        data = {key: value for key, value in json.loads(row[0]).items() if key in known}
        return LearnerState(learner_id=learner_id, mastery=mastery, **data)

    def due_cards(self, learner_id: str, now: datetime, limit: int = 20) -> list[ReviewCard]:
        """Review items due at ``now``, the most overdue first."""
        return [card for card in self.cards(learner_id) if card.due <= now][:limit]

    def cards(self, learner_id: str) -> list[ReviewCard]:
        """All the learner's review items, the earliest due first (ties in the order they were written)."""
        with self._lock:
            rows = self.db.execute(
                "SELECT item, concept, card, due FROM review_cards WHERE learner_id = ? ORDER BY due, rowid",
                (learner_id,),
            ).fetchall()
        return [_card_from_row(row) for row in rows]

    def card(self, learner_id: str, item: str) -> ReviewCard | None:
        with self._lock:
            row = self.db.execute(
                "SELECT item, concept, card, due FROM review_cards WHERE learner_id = ? AND item = ?",
                (learner_id, item),
            ).fetchone()
        return _card_from_row(row) if row else None

    def answers(self, learner_id: str) -> list[AnswerRecord]:
        with self._lock:
            rows = self.db.execute(
                "SELECT exercise_id, concept, answer, correct FROM answers WHERE learner_id = ? ORDER BY id",
                (learner_id,),
            ).fetchall()
        return [AnswerRecord(e, c, a, bool(ok)) for e, c, a, ok in rows]

    def delivered(self, learner_id: str, delivery_id: str) -> bool:
        """Whether the platform message ``delivery_id`` of this learner was already answered."""
        return self.delivered_replies(learner_id, delivery_id) is not None

    def delivered_replies(self, learner_id: str, delivery_id: str) -> list[Reply] | None:
        """The replies the message ``delivery_id`` got when it was answered; None if it was not
        (an answer recorded before schema 6 kept no replies: [])."""
        with self._lock:
            row = self.db.execute(
                "SELECT replies FROM deliveries WHERE learner_id = ? AND delivery_id = ?", (learner_id, delivery_id)
            ).fetchone()
        return None if row is None else replies_from_json(row[0])

    def conversation(self, learner_id: str) -> list[tuple[str, str]]:
        """(sender, text) pairs, oldest first; sender is "learner" or "tutor"."""
        with self._lock:
            rows = self.db.execute(
                "SELECT sender, text FROM log WHERE learner_id = ? ORDER BY id", (learner_id,)
            ).fetchall()
        return [(sender, text) for sender, text in rows]

    # -- writes ---------------------------------------------------------------------------
    def save_turn(self, state: LearnerState, writes: TurnWrites, delivery_id: str | None = None,
                  replies: list[Reply] | None = None, pushed: bool = False) -> None:
        """Everything one turn changed, in one transaction (the caller's, when it holds one).

        ``delivery_id``: the platform's id of the message answered, recorded with the turn and its
        ``replies`` so a redelivery of it is recognised and can get them again (:meth:`delivered_replies`);
        ``pushed``: a push channel sends them, and marks each sent (tutor/outbox.py)."""
        now = self.clock().isoformat()
        learner = state.learner_id
        data = {k: v for k, v in asdict(state).items() if k not in ("learner_id", "mastery")}
        with self.transaction(learner), self.db.batch():
            if delivery_id is not None:
                self._record_delivery(learner, delivery_id, now, replies or [], pushed)
            if writes.reset:
                self._forget_progress(learner)
            self.db.execute(
                "INSERT INTO learners (id, created, last_seen) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen",
                (learner, now, now),
            )
            self.db.execute(
                "INSERT INTO dialogue_state (learner_id, data) VALUES (?, ?) "
                "ON CONFLICT(learner_id) DO UPDATE SET data = excluded.data",
                (learner, json.dumps(data)),
            )
            self._write_mastery(learner, state.mastery, now)
            self._write_practice(learner, writes, now)
            self._write_reminder(learner, writes)
            lab_runs.write(self.db, learner, writes.finished_labs, now)
            log = [(learner, now, "learner", writes.user_text, writes.intent)]
            log += [(learner, now, "tutor", text, None) for text in writes.bot_texts]
            self.db.executemany("INSERT INTO log (learner_id, at, sender, text, intent) VALUES (?, ?, ?, ?, ?)", log)

    def _write_practice(self, learner: str, writes: TurnWrites, now: str) -> None:
        """The turn's answers, review cards and logs, and the questions the course could not answer."""
        self.db.executemany(
            "INSERT INTO answers (learner_id, at, exercise_id, concept, answer, correct) VALUES (?, ?, ?, ?, ?, ?)",
            [(learner, now, a.exercise_id, a.concept, a.answer, int(a.correct)) for a in writes.answers],
        )
        self._write_cards(learner, writes.cards)
        self.db.executemany(
            "INSERT INTO review_logs (learner_id, item, card_id, rating, at, duration) VALUES (?, ?, ?, ?, ?, ?)",
            [(learner, item, log.card_id, int(log.rating), log.review_datetime.isoformat(), log.review_duration)
             for item, log in writes.reviews],
        )
        self.db.executemany(
            "INSERT INTO unanswered (learner_id, at, question, lesson) VALUES (?, ?, ?, ?)",
            [(learner, now, u.question, u.lesson) for u in writes.unanswered],
        )

    def _write_cards(self, learner: str, cards: list[ReviewCard]) -> None:
        """Each card replaces the learner's card of its item, written anew: cards due at the same time
        come in the order they were last written (SQLite's rowid, PostgreSQL's rowid column)."""
        latest = list({card.item: card for card in reversed(cards)}.values())[::-1]   # the last of each item
        rows = [(learner, c.item, c.concept, json.dumps(c.card), c.due.isoformat()) for c in latest]
        self.db.executemany("DELETE FROM review_cards WHERE learner_id = ? AND item = ?",
                            [(learner, card.item) for card in latest])
        self.db.executemany(
            "INSERT INTO review_cards (learner_id, item, concept, card, due) VALUES (?, ?, ?, ?, ?)", rows)

    def _write_reminder(self, learner: str, writes: TurnWrites) -> None:
        if writes.reminded_day is not None:
            self.db.execute("INSERT INTO reminders_sent (learner_id, day, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                            (learner, writes.reminded_day, self.clock().isoformat()))
        if writes.reminder_off:
            self.db.execute("DELETE FROM reminders WHERE learner_id = ?", (learner,))
        if writes.reminder is not None:
            self.db.execute("INSERT INTO reminders (learner_id, at, zone) VALUES (?, ?, ?) "
                            "ON CONFLICT(learner_id) DO UPDATE SET at = excluded.at, zone = excluded.zone",
                            (learner, f"{writes.reminder.at:%H:%M}", writes.reminder.zone))

    def unanswered(self, limit: int = 50) -> list[UnansweredCount]:
        """The questions the course could not answer, the most asked first (case and punctuation ignored)."""
        with self._lock:
            rows = self.db.execute("SELECT question, lesson, at, learner_id FROM unanswered ORDER BY id").fetchall()
        groups: dict[str, UnansweredCount] = {}
        for question, lesson, at, learner in rows:
            key = " ".join("".join(ch if ch.isalnum() else " " for ch in question.lower()).split())
            group = groups.setdefault(key, UnansweredCount(question, 0, set(), set(), at))
            group.count += 1
            group.learners.add(learner)
            group.lessons.update({lesson} if lesson else set())
            group.last_asked = at
        return sorted(groups.values(), key=lambda g: (-g.count, g.question))[:limit]

    def _record_delivery(self, learner: str, delivery_id: str, now: str, replies: list[Reply], pushed: bool) -> None:
        self.db.execute("INSERT INTO deliveries (learner_id, delivery_id, at, replies, unsent) VALUES (?, ?, ?, ?, ?)",
                        (learner, delivery_id, now, replies_json(replies), len(replies) if pushed else None))
        self._recorded += 1
        if self._recorded >= PRUNE_EVERY:
            self._prune_deliveries()

    def _prune_deliveries(self) -> None:
        cutoff = (self.clock() - DELIVERY_RETENTION).isoformat()
        self.db.execute("DELETE FROM deliveries WHERE at < ?", (cutoff,))
        self._recorded = 0

    def _write_mastery(self, learner: str, mastery: dict[str, float], now: str) -> None:
        self.db.executemany(
            "INSERT INTO mastery (learner_id, concept, score, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(learner_id, concept) DO UPDATE SET score = excluded.score, updated = excluded.updated "
            "WHERE mastery.score != excluded.score",
            [(learner, concept, score, now) for concept, score in mastery.items()],
        )

    def _forget_progress(self, learner: str) -> None:
        for table in ("dialogue_state", "mastery", "review_cards"):
            self.db.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner,))

    def close(self) -> None:
        self.claims.close()
        self._sessions.close()


def _card_from_row(row: tuple[str, str, str, str]) -> ReviewCard:
    item, concept, card, due = row
    return ReviewCard(item, concept, json.loads(card), datetime.fromisoformat(due))
