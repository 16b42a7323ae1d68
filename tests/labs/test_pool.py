"""The lab pool with real processes: results and progress come back; a lab past its CPU, memory or time budget
is stopped with the limit named; one lab per learner; a bounded queue."""
from __future__ import annotations

import asyncio

import pytest

from labs import pool as pool_module
from labs._selftest import SPEC
from labs.pool import LabBusy, LabPool, QueueFull
from labs.registry import read_settings


def _params(text: str) -> dict[str, object]:
    return read_settings(SPEC, text).values


async def test_a_lab_runs_in_its_own_process_and_reports_progress_and_memory() -> None:
    pool = LabPool(workers=1)
    seen: list[str] = []
    place, task = pool.submit("t:1", SPEC, _params("epochs=4 seed=1"), lambda text, done: seen.append(text))
    outcome = await task
    assert place == 0 and outcome.stopped is None and outcome.error is None
    assert outcome.result.figures["accuracy"] > 0.8 and outcome.result.params["seed"] == 1
    assert seen == [f"epoch {n}/4 - loss {loss}" for n, loss in zip(range(1, 5), _losses(seen))]
    assert outcome.peak_rss_mb > outcome.peak_own_mb > 1     # the pages shared with the fork server are not its own
    again = await pool.submit("t:1", SPEC, _params("epochs=4 seed=1"))[1]
    assert again.result.figures == outcome.result.figures            # the same seed, the same run


def _losses(lines: list[str]) -> list[str]:
    return [line.rsplit(" ", 1)[1] for line in lines]


async def test_a_lab_past_its_cpu_budget_is_stopped_and_the_limit_named() -> None:
    outcome = await LabPool().submit("t:1", SPEC, _params("behaviour=spin"))[1]
    assert outcome.result is None and outcome.stopped == "it used up its CPU budget of 3 seconds"


async def test_a_lab_past_its_memory_budget_is_stopped_and_the_limit_named() -> None:
    outcome = await LabPool().submit("t:1", SPEC, _params("behaviour=hog"))[1]
    assert outcome.result is None and outcome.stopped == "it needed more than its memory budget of 400 MB"


async def test_a_lab_that_waits_past_its_time_limit_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "WALL_FACTOR", 0.5)
    monkeypatch.setattr(pool_module, "WALL_MARGIN_S", 1)
    outcome = await LabPool().submit("t:1", SPEC, _params("behaviour=sleep"))[1]
    assert outcome.stopped == "it ran longer than its time limit of 2.5 seconds"


async def test_a_lab_that_raises_gives_its_message() -> None:
    outcome = await LabPool().submit("t:1", SPEC, _params("behaviour=fail"))[1]
    assert outcome.result is None and outcome.stopped is None and "on purpose" in outcome.error


async def test_one_lab_per_learner_and_a_bounded_queue() -> None:
    pool = LabPool(workers=1, queue_limit=1)
    first = pool.submit("t:1", SPEC, _params("busy_seconds=1"))
    with pytest.raises(LabBusy, match="selftest"):
        pool.submit("t:1", SPEC, _params(""))
    second = pool.submit("t:2", SPEC, _params(""))
    with pytest.raises(QueueFull):
        pool.submit("t:3", SPEC, _params(""))
    assert (first[0], second[0], sum(pool.load)) == (0, 1, 2)
    outcomes = await asyncio.gather(first[1], second[1])
    assert all(outcome.result is not None for outcome in outcomes)
    assert pool.load == (0, 0) and pool.busy("t:1") is None
    assert pool.submit("t:3", SPEC, _params(""))[0] == 0                # room again
