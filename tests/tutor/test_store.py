"""The learner store: round trips, one transaction per turn, schema migrations; each test on both backends
(``store_db``: a SQLite file, then a PostgreSQL database of the suite's own server)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fsrs import Rating, ReviewLog

from tutor import store as store_module
from tutor.review_fit import LoggedReview, logged_reviews
from tutor.replies import Reply
from tutor.store import AnswerRecord, LearnerState, ReviewCard, Store, TurnWrites

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _card(item: str, due: datetime = NOW) -> ReviewCard:
    return ReviewCard(item, "etp", {"card_id": 1, "state": 1}, due)


def test_new_learner_gets_a_fresh_state(store_db: str) -> None:
    state = Store(store_db).load("tg:1")
    assert state == LearnerState("tg:1")


def test_turn_round_trips_across_reopen(store_db: str) -> None:
    store = Store(store_db)
    state = LearnerState("tg:1", state="awaiting_answer", lesson_id="l1", step=2, pending={"prompt": "P?"},
                         misses=1, options=["a", "b"], mastery={"etp": 0.5})
    writes = TurnWrites("b", ["Right"], "answer", [AnswerRecord("ex", "etp", "b", True)], [_card("ex")])
    store.save_turn(state, writes)
    store.close()

    reopened = Store(store_db)
    assert reopened.load("tg:1") == state
    assert reopened.answers("tg:1") == [AnswerRecord("ex", "etp", "b", True)]
    assert reopened.conversation("tg:1") == [("learner", "b"), ("tutor", "Right")]
    assert reopened.card("tg:1", "ex") == _card("ex")


def test_a_failing_turn_writes_nothing(store_db: str) -> None:
    store = Store(store_db)
    store.save_turn(LearnerState("x", lesson_id="l1"), TurnWrites("hi"))
    broken = TurnWrites("later", cards=[ReviewCard("ex", "etp", {"not": object()}, NOW)])  # not JSON
    with pytest.raises(TypeError):
        store.save_turn(LearnerState("x", lesson_id="l2", mastery={"etp": 1.0}), broken)
    assert store.load("x").lesson_id == "l1" and store.load("x").mastery == {}
    assert store.conversation("x") == [("learner", "hi")]


def test_due_cards_only_those_due_most_overdue_first(store_db: str) -> None:
    store = Store(store_db)
    cards = [_card("late", datetime(2025, 12, 1, tzinfo=timezone.utc)), _card("later", datetime(2026, 2, 1, tzinfo=timezone.utc)),
             _card("now", NOW)]
    store.save_turn(LearnerState("x"), TurnWrites("hi", cards=cards))
    assert [c.item for c in store.due_cards("x", NOW)] == ["late", "now"]
    assert store.due_cards("someone else", NOW) == []


def test_reset_forgets_progress_but_keeps_the_log(store_db: str) -> None:
    store = Store(store_db)
    store.save_turn(LearnerState("x", lesson_id="l1", mastery={"etp": 1.0}), TurnWrites("hi", cards=[_card("ex")]))
    store.save_turn(LearnerState("x", state="idle"), TurnWrites("yes", reset=True))
    assert store.load("x") == LearnerState("x", state="idle")
    assert store.due_cards("x", NOW) == []
    assert [text for _, text in store.conversation("x")] == ["hi", "yes"]


def test_schema_version_recorded_and_new_migrations_applied_once(store_db: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = store_db
    current = store_module.SCHEMA_VERSION
    assert Store(path).schema_version() == current == len(store_module.MIGRATIONS)

    def add_nickname(db) -> None:
        db["learners"].add_column("nickname", str)

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, add_nickname])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", current + 1)
    assert Store(path).schema_version() == current + 1
    assert Store(path).schema_version() == current + 1  # reopening does not apply it again (it would fail)
    assert "nickname" in Store(path).db["learners"].columns()


def test_review_logs_are_saved_with_the_turn_and_outlive_a_reset(store_db: str) -> None:
    log = ReviewLog(7, Rating.Good, NOW, None)
    store = Store(store_db)
    store.save_turn(LearnerState("x"), TurnWrites("b", cards=[_card("ex")], reviews=[("ex", log)]))
    store.save_turn(LearnerState("x", state="idle"), TurnWrites("yes", reset=True))
    assert logged_reviews(store) == [LoggedReview("x", "ex", log)]


def test_a_version_2_store_gains_the_review_logs(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store_db
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "SCHEMA_VERSION", 2)
        Store(path).db["dialogue_state"].insert({"learner_id": "x", "data": '{"lesson_id": "l1"}'})
    store = Store(path)
    assert store.schema_version() == store_module.SCHEMA_VERSION and store.load("x").lesson_id == "l1"
    assert logged_reviews(store) == []


def test_a_version_5_store_gains_the_replies_of_its_deliveries(store_db: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "SCHEMA_VERSION", 5)
        old = Store(store_db)
        old.db["deliveries"].insert({"learner_id": "x", "delivery_id": "tg:1",
                                       "at": datetime.now(timezone.utc).isoformat()})
        assert "replies" not in old.db["deliveries"].columns()
        old.close()
    store = Store(store_db)
    assert store.schema_version() == store_module.SCHEMA_VERSION
    assert store.delivered_replies("x", "tg:1") == []          # answered before replies were kept
    assert store.delivered_replies("x", "tg:2") is None


def test_a_delivery_keeps_the_replies_it_got(store_db: str) -> None:
    store = Store(store_db)
    replies = [Reply("Which one?", ["a", "b"]), Reply("Here:", images=[Path("/cache/p.png")])]
    store.save_turn(LearnerState("x"), TurnWrites("/quiz", ["Which one?", "Here:"]), "rest:m1", replies)
    assert store.delivered_replies("x", "rest:m1") == replies
    assert store.delivered("x", "rest:m1") and not store.delivered("y", "rest:m1")
    with pytest.raises(Exception):        # the same delivery twice cannot be recorded
        store.save_turn(LearnerState("x"), TurnWrites("/quiz"), "rest:m1", [])
    assert store.conversation("x") == [("learner", "/quiz"), ("tutor", "Which one?"), ("tutor", "Here:")]


def test_cards_due_together_come_in_the_order_last_written(store_db: str) -> None:
    store = Store(store_db)
    store.save_turn(LearnerState("x"), TurnWrites("a", cards=[_card("b"), _card("a"), _card("c")]))
    store.save_turn(LearnerState("x"), TurnWrites("b", cards=[_card("b")]))     # written again: now last
    assert [card.item for card in store.cards("x")] == ["a", "c", "b"]


def test_text_compares_byte_by_byte_on_both(store_db: str) -> None:
    store = Store(store_db)
    store.save_turn(LearnerState("x"), TurnWrites("a", cards=[_card("Zed"), _card("zed"), _card("_z")]))
    rows = store.db.execute("SELECT item FROM review_cards ORDER BY item").fetchall()
    assert [item for (item,) in rows] == ["Zed", "_z", "zed"]


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_6_store_gains_the_lab_history(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor import lab_runs

    with monkeypatch.context() as patch:
        patch.setattr(store_module, "SCHEMA_VERSION", 6)
        Store(store_db).close()
    store = Store(store_db)
    assert store.schema_version() == store_module.SCHEMA_VERSION
    assert lab_runs.history(store, "x") == []
    with store.transaction("x"):
        lab_runs.write(store.db, "x", [lab_runs.LabRun("cnn", {"seed": 3, "epochs": 2}, "done", {"acc": 0.9}, "ok")],
                       "2026-12-06T00:00:00+00:00")
    assert [(run.lab, run.seed, run.figures) for run in lab_runs.history(store, "x")] == [("cnn", 3, {"acc": 0.9})]
