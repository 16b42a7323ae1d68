"""The outbox in the store (tutor/outbox.py, schema 8) and the claims that keep two workers from sending
one learner's replies at once (tutor/claims.py), on both backends."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from datetime import timedelta
from multiprocessing.synchronize import Event

import pytest

from tutor import outbox
from tutor import store as store_module
from tutor.replies import Reply
from tutor.store import LearnerState, Store, TurnWrites

REPLIES = [Reply("One."), Reply("Two?", ["a", "b"]), Reply("Three.")]


def _turn(store: Store, learner: str, delivery: str, replies: list[Reply], pushed: bool = True) -> None:
    store.save_turn(LearnerState(learner), TurnWrites("hi", [r.text for r in replies]), delivery, replies, pushed)


def test_a_pushed_turns_replies_are_unsent_until_marked_oldest_turn_first(store_db: str) -> None:
    store = Store(store_db)
    _turn(store, "tg:1", "tg:10", REPLIES)
    _turn(store, "tg:1", "tg:9", [Reply("Four.")])          # committed later, whatever its id
    _turn(store, "rest:1", "rest:m1", REPLIES, pushed=False)  # REST answers in its response: nothing to push
    assert [(u.delivery_id, u.replies) for u in outbox.unsent(store, "tg:1")] == [
        ("tg:10", REPLIES), ("tg:9", [Reply("Four.")])]
    outbox.mark_sent(store, "tg:1", "tg:10", 3)
    outbox.mark_sent(store, "tg:1", "tg:10", 2)
    assert [(u.delivery_id, u.replies) for u in outbox.unsent(store, "tg:1")] == [
        ("tg:10", [Reply("Three.")]), ("tg:9", [Reply("Four.")])]
    assert outbox.unsent(store, "rest:1") == []
    assert store.delivered_replies("tg:1", "tg:10") == REPLIES     # a redelivery still finds them all


def test_the_sweep_finds_the_learners_of_a_channel_whose_replies_waited(store_db: str) -> None:
    store = Store(store_db)
    _turn(store, "tg:1", "tg:1", REPLIES)
    _turn(store, "fb:2", "fb:m2", REPLIES)
    _turn(store, "tg:3", "tg:3", [Reply("sent")])
    outbox.mark_sent(store, "tg:3", "tg:3", 1)
    later = store.clock() + timedelta(seconds=1)
    assert outbox.waiting(store, "tg:", later) == ["tg:1"]
    assert outbox.waiting(store, "fb:", later) == ["fb:2"]
    assert outbox.waiting(store, "tg:", later - timedelta(minutes=1)) == []     # not left long enough


def test_a_version_7_store_gains_the_outbox_with_nothing_to_send(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "SCHEMA_VERSION", 7)
        old = Store(store_db)
        old.db.execute("INSERT INTO deliveries (learner_id, delivery_id, at, replies) VALUES (?, ?, ?, ?)",
                       ("tg:1", "tg:5", "2026-12-06T00:00:00+00:00", outbox.replies_json(REPLIES)))
        old.close()
    store = Store(store_db)
    assert store.schema_version() == 8
    assert outbox.unsent(store, "tg:1") == [] and store.delivered_replies("tg:1", "tg:5") == REPLIES


def _hold_a_claim(db: str, key: str, held: Event) -> None:
    store = Store(db)
    assert store.claims.take(key)
    held.set()
    time.sleep(120)                            # killed here, the claim held


def test_a_claim_waits_for_another_process_and_goes_with_it(store_db: str) -> None:
    store = Store(store_db)
    spawn = multiprocessing.get_context("spawn")
    held = spawn.Event()
    holder = spawn.Process(target=_hold_a_claim, args=(store_db, "tg:1", held))
    holder.start()
    try:
        assert held.wait(60)
        assert not store.claims.take("tg:1")          # another worker is sending this learner's replies
        assert store.claims.take("tg:2")              # other learners' are free
        store.claims.release("tg:2")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)
    deadline = time.monotonic() + 10                  # PostgreSQL notices the dropped connection
    while not store.claims.take("tg:1"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    store.claims.release("tg:1")
    store.close()
