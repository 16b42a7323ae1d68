"""The learner store: one SQLite file (WAL) through sqlite-utils.

A turn runs inside :meth:`Store.transaction`: it reads the learner with :meth:`Store.load`,
answers, and writes back with :meth:`Store.save_turn` (dialogue state, mastery, answers,
review cards, conversation log, the platform's delivery id) in ONE write transaction. The
transaction begins IMMEDIATE, so it holds SQLite's write lock from the read on: two processes
serving one learner from the same file take turns instead of overwriting each other, and a
crash loses at most the turn in flight. The schema is versioned; :data:`MIGRATIONS` brings
an older file up to date when it is opened.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils
from fsrs import ReviewLog

from tutor import lab_runs, reminders, review_fit
from tutor.reminders import ReminderSetting


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


def _schema_v1(db: sqlite_utils.Database) -> None:
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


def _schema_v2(db: sqlite_utils.Database) -> None:
    """Platform message ids already answered (Telegram update_id, Messenger mid), so that a
    redelivered message is answered once, also after a restart."""
    db["deliveries"].create(
        {"learner_id": str, "delivery_id": str, "at": str}, pk=("learner_id", "delivery_id"), if_not_exists=True,
    )
    db["deliveries"].create_index(["at"], if_not_exists=True)


def _schema_v3(db: sqlite_utils.Database) -> None:
    """Learners' questions the course could not answer (`tutorbot unanswered`)."""
    db["unanswered"].create(
        {"id": int, "learner_id": str, "at": str, "question": str, "lesson": str}, pk="id", if_not_exists=True)


# Migration i brings the schema from version i to i + 1. Append, never edit.
# 4: every review as fsrs logged it (tutor/review_fit.py); 5: review reminders (tutor/reminders.py);
# 6: the labs learners ran (tutor/lab_runs.py).
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _schema_v1, _schema_v2, _schema_v3, review_fit.create_tables, reminders.create_tables, lab_runs.create_tables]
SCHEMA_VERSION = len(MIGRATIONS)


# Platforms redeliver for a day or so (Telegram keeps updates 24 hours); ids older than this are
# forgotten, so the table stays small. Telegram's update ids restart at random after a week idle,
# so keeping them longer could mistake a new update for an old one.
DELIVERY_RETENTION = timedelta(days=3)
PRUNE_EVERY = 1_000    # recorded deliveries between two prunings


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """The learner store. Thread-safe: one connection, guarded by a re-entrant lock (turns run in
    worker threads; the tutor reads review cards inside its own turn's transaction)."""

    def __init__(self, path: Path | str, clock: Callable[[], datetime] = _now) -> None:
        self.path = str(path)
        self.clock = clock
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: we open and close every transaction ourselves (see transaction).
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self.db = sqlite_utils.Database(conn)
        self._lock = threading.RLock()
        self._depth = 0          # transactions open on the connection (only the lock holder touches it)
        self._recorded = 0       # deliveries recorded since the last pruning
        if self.path != ":memory:":
            self.db.enable_wal()
            # Safe with WAL: a power cut may lose the last commits, never corrupt the file.
            self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self.db["schema_version"].exists():
            return 0
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self.transaction():
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
    def transaction(self) -> Iterator[None]:
        """One write transaction; one opened inside it (by the same thread) is a savepoint of it,
        undone alone if it fails.

        BEGIN IMMEDIATE takes SQLite's write lock before the first read, so what is read inside
        is what gets written back: another process's turn for the same learner waits (up to the
        connection's 30 s busy timeout) instead of being overwritten."""
        with self._lock:
            nested = self._depth > 0
            savepoint = f"nested{self._depth}"
            self.db.execute(f"SAVEPOINT {savepoint}" if nested else "BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self.db.execute(f"ROLLBACK TO {savepoint}" if nested else "ROLLBACK")
                if nested:
                    self.db.execute(f"RELEASE {savepoint}")
                raise
            else:
                self.db.execute(f"RELEASE {savepoint}" if nested else "COMMIT")
            finally:
                self._depth -= 1

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
        with self._lock:
            row = self.db.execute(
                "SELECT 1 FROM deliveries WHERE learner_id = ? AND delivery_id = ?", (learner_id, delivery_id)
            ).fetchone()
        return row is not None

    def conversation(self, learner_id: str) -> list[tuple[str, str]]:
        """(sender, text) pairs, oldest first; sender is "learner" or "tutor"."""
        with self._lock:
            rows = self.db.execute(
                "SELECT sender, text FROM log WHERE learner_id = ? ORDER BY id", (learner_id,)
            ).fetchall()
        return [(sender, text) for sender, text in rows]

    # -- writes ---------------------------------------------------------------------------
    def save_turn(self, state: LearnerState, writes: TurnWrites, delivery_id: str | None = None) -> None:
        """Everything one turn changed, in one transaction (the caller's, when it holds one).

        ``delivery_id``: the platform's id of the message answered, recorded with the turn so a
        redelivery of it is recognised (:meth:`delivered`)."""
        now = self.clock().isoformat()
        learner = state.learner_id
        data = {k: v for k, v in asdict(state).items() if k not in ("learner_id", "mastery")}
        with self.transaction():
            if delivery_id is not None:
                self._record_delivery(learner, delivery_id, now)
            if writes.reset:
                self._forget_progress(learner)
            self.db.execute(
                "INSERT INTO learners (id, created, last_seen) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen",
                (learner, now, now),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO dialogue_state (learner_id, data) VALUES (?, ?)",
                (learner, json.dumps(data)),
            )
            self._write_mastery(learner, state.mastery, now)
            self._write_practice(learner, writes, now)
            self._write_reminder(learner, writes)
            lab_runs.write(self.db, learner, writes.finished_labs, now)
            log = [(learner, now, "learner", writes.user_text, writes.intent)]
            log += [(learner, now, "tutor", text, None) for text in writes.bot_texts]
            self.db.conn.executemany(
                "INSERT INTO log (learner_id, at, sender, text, intent) VALUES (?, ?, ?, ?, ?)", log
            )

    def _write_practice(self, learner: str, writes: TurnWrites, now: str) -> None:
        """The turn's answers, review cards and logs, and the questions the course could not answer."""
        self.db.conn.executemany(
            "INSERT INTO answers (learner_id, at, exercise_id, concept, answer, correct) VALUES (?, ?, ?, ?, ?, ?)",
            [(learner, now, a.exercise_id, a.concept, a.answer, int(a.correct)) for a in writes.answers],
        )
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO review_cards (learner_id, item, concept, card, due) VALUES (?, ?, ?, ?, ?)",
            [(learner, c.item, c.concept, json.dumps(c.card), c.due.isoformat()) for c in writes.cards],
        )
        self.db.conn.executemany(
            "INSERT INTO review_logs (learner_id, item, card_id, rating, at, duration) VALUES (?, ?, ?, ?, ?, ?)",
            [(learner, item, log.card_id, int(log.rating), log.review_datetime.isoformat(), log.review_duration)
             for item, log in writes.reviews],
        )
        self.db.conn.executemany(
            "INSERT INTO unanswered (learner_id, at, question, lesson) VALUES (?, ?, ?, ?)",
            [(learner, now, u.question, u.lesson) for u in writes.unanswered],
        )

    def _write_reminder(self, learner: str, writes: TurnWrites) -> None:
        if writes.reminded_day is not None:
            self.db.execute("INSERT OR IGNORE INTO reminders_sent (learner_id, day, at) VALUES (?, ?, ?)",
                            (learner, writes.reminded_day, self.clock().isoformat()))
        if writes.reminder_off:
            self.db.execute("DELETE FROM reminders WHERE learner_id = ?", (learner,))
        if writes.reminder is not None:
            self.db.execute("INSERT OR REPLACE INTO reminders (learner_id, at, zone) VALUES (?, ?, ?)",
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

    def _record_delivery(self, learner: str, delivery_id: str, now: str) -> None:
        self.db.execute(
            "INSERT INTO deliveries (learner_id, delivery_id, at) VALUES (?, ?, ?)", (learner, delivery_id, now)
        )
        self._recorded += 1
        if self._recorded >= PRUNE_EVERY:
            self._prune_deliveries()

    def _prune_deliveries(self) -> None:
        cutoff = (self.clock() - DELIVERY_RETENTION).isoformat()
        self.db.execute("DELETE FROM deliveries WHERE at < ?", (cutoff,))
        self._recorded = 0

    def _write_mastery(self, learner: str, mastery: dict[str, float], now: str) -> None:
        self.db.conn.executemany(
            "INSERT INTO mastery (learner_id, concept, score, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(learner_id, concept) DO UPDATE SET score = excluded.score, updated = excluded.updated "
            "WHERE score != excluded.score",
            [(learner, concept, score, now) for concept, score in mastery.items()],
        )

    def _forget_progress(self, learner: str) -> None:
        for table in ("dialogue_state", "mastery", "review_cards"):
            self.db.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner,))

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()


def _card_from_row(row: tuple[str, str, str, str]) -> ReviewCard:
    item, concept, card, due = row
    return ReviewCard(item, concept, json.loads(card), datetime.fromisoformat(due))
