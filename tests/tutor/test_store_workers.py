"""Several processes on one learner store, as `tutorbot serve --workers N` runs it, on both backends: one
learner's turns never interleave, and a process killed mid-turn loses only its uncommitted turn."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from multiprocessing.synchronize import Barrier, Event

from tutor.store import Store, TurnWrites

LEARNER = "rest:ada"
TURNS_EACH = 15


def _count_turns(db: str, name: str, start: Barrier) -> None:
    """A worker: TURNS_EACH turns of one learner, each reading the count, pausing, and writing it plus one."""
    store = Store(db)
    start.wait()
    for number in range(TURNS_EACH):
        with store.transaction(LEARNER):
            state = store.load(LEARNER)
            time.sleep(0.002)                 # another worker's turn would read the same count now
            state.questions_asked += 1
            store.save_turn(state, TurnWrites(f"{name}{number}"))
    store.close()


def test_turns_of_one_learner_from_two_processes_never_interleave(store_db: str) -> None:
    Store(store_db).close()                   # migrated before the workers race
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(2)
    workers = [spawn.Process(target=_count_turns, args=(store_db, name, start)) for name in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    store = Store(store_db)
    assert store.load(LEARNER).questions_asked == 2 * TURNS_EACH       # no turn overwrote another's
    said = [text for sender, text in store.conversation(LEARNER) if sender == "learner"]
    for name in "ab":                         # each worker's turns in the order it made them
        assert [text for text in said if text[0] == name] == [f"{name}{n}" for n in range(TURNS_EACH)]


def _die_mid_turn(db: str, in_turn: Event) -> None:
    store = Store(db)
    state = store.load(LEARNER)
    state.questions_asked = 1
    store.save_turn(state, TurnWrites("first", ["one"]), delivery_id="rest:1")
    with store.transaction(LEARNER):
        state.questions_asked = 2
        store.save_turn(state, TurnWrites("second", ["two"]), delivery_id="rest:2")
        in_turn.set()
        time.sleep(120)                       # killed here, before the commit


def test_a_worker_killed_mid_turn_loses_only_that_turn(store_db: str) -> None:
    Store(store_db).close()
    spawn = multiprocessing.get_context("spawn")
    in_turn = spawn.Event()
    worker = spawn.Process(target=_die_mid_turn, args=(store_db, in_turn))
    worker.start()
    assert in_turn.wait(60)
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(10)
    store = Store(store_db)
    with store.transaction(LEARNER):          # the learner's lock went with the worker: this does not wait 30 s
        assert store.load(LEARNER).questions_asked == 1
    assert store.conversation(LEARNER) == [("learner", "first"), ("tutor", "one")]
    assert store.delivered("rest:ada", "rest:1") and not store.delivered(LEARNER, "rest:2")   # a retry runs it again
