"""The async core: persistence across restarts, concurrent learners, bad input, failing turns."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core import APOLOGY, EMPTY_REPLY, MAX_MESSAGE_CHARS, TRUNCATED_NOTE, Core, clean_text, open_core
from bot.pictures import SLOW_DOWN, Pictures, RateLimit
from tutor import plots
from nlp.types import Analysis
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.dialogue import State


def _open(db: Path, pipeline: object = None) -> Core:
    return open_core(None, db, pipeline=pipeline or RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)


async def test_state_and_pending_question_survive_a_restart(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    chat = Chat(core)
    await chat("/lesson l2")
    await chat("/quiz gradient descent")
    assert "Hint" in await chat("(5, 5)")
    await core.close()

    chat = Chat(_open(tmp_path / "t.db"))
    state = chat.state()
    assert (state.state, state.lesson_id, state.misses) == (State.AWAITING_ANSWER, "l2", 1)
    assert "Correct — well worked out" in await chat("(4, 4)")
    await chat.core.close()


async def test_concurrent_learners_are_kept_apart(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    # Even learners study Day 1 (a choice question), odd ones Day 2 (a typed one); all answer right.
    plans = {1: ("etp", "the performance measure", "l1"), 2: ("backpropagation", "chain rule", "l3")}

    async def learner(number: int) -> None:
        day = 1 + number % 2
        await core.handle(f"t:{number}", f"/day {day}")
        await core.handle(f"t:{number}", "/quiz")
        await core.handle(f"t:{number}", plans[day][1])

    await asyncio.gather(*(learner(n) for n in range(40)))
    for number in range(40):
        concept, _, lesson = plans[1 + number % 2]
        state = core.store.load(f"t:{number}")
        assert (state.lesson_id, state.mastery, state.pending) == (lesson, {concept: 1.0}, None)
        assert len(core.store.answers(f"t:{number}")) == 1
    await core.close()


async def test_one_learners_turns_run_in_order(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    await core.handle("t:1", "/lesson l1")
    await asyncio.gather(*(core.handle("t:1", "/quiz") for _ in range(10)))
    assert core.store.load("t:1").questions_asked == 10  # no turn overwrote another's state
    await core.close()


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x07"])
async def test_empty_input_gets_a_clear_answer(tmp_path: Path, text: str) -> None:
    core = _open(tmp_path / "t.db")
    assert [r.text for r in await core.handle("t:1", text)] == [EMPTY_REPLY]
    await core.close()


async def test_huge_input_is_truncated_with_a_note(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    replies = await core.handle("t:1", "what is gradient descent " * 1000)
    assert replies[0].text == TRUNCATED_NOTE and "stepping against its gradient" in replies[1].text
    logged = core.store.conversation("t:1")[0][1]
    assert len(logged) == MAX_MESSAGE_CHARS
    await core.close()


def test_odd_unicode_and_control_characters_are_cleaned() -> None:
    assert clean_text("ｇｏ\u3000to day\u200b 2\x1b[0m") == ("go to day 2 [0m", False)
    assert clean_text("caf\u0065\u0301 \ud800ok") == ("café ok", False)
    assert clean_text("5² = 25")[0] == "5² = 25"


async def test_odd_unicode_is_understood(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    text = "\n".join(r.text for r in await core.handle("t:1", "ｇｏ　ｔｏ　ｄａｙ　２ 🤖"))
    assert "Day 2: Neural networks" in text
    await core.close()


async def test_a_failing_turn_apologises_and_keeps_the_state(tmp_path: Path) -> None:
    class Flaky(RuleNLU):
        def __call__(self, text: str) -> Analysis:
            if "boom" in text:
                raise RuntimeError("model crashed")
            return super().__call__(text)

    core = _open(tmp_path / "t.db", Flaky())
    chat = Chat(core)
    await chat("/quiz etp")
    before = chat.state()
    assert await chat("boom") == APOLOGY
    assert chat.state() == before
    assert "Correct" in await chat("b")
    await core.close()


async def test_without_models_commands_answers_and_keywords_still_work(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    assert core.nlu is None
    assert "Day 2: Neural networks" in await chat("please go to day 2")
    assert "Which rule of calculus" in await chat("quiz me")
    assert "Correct" in await chat("Chain rule")
    assert "needs the trained sentiment model" in await chat("/sentiment great")
    await core.close()


async def test_turn_result_carries_the_analysis(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    result = await core.handle_turn("t:1", "hi")
    assert result.analysis is not None and result.analysis.intent.name == "greet"
    assert (await core.handle_turn("t:1", "/help")).analysis is None
    await core.close()


async def test_a_cancelled_turn_still_finishes_before_the_next_one(tmp_path: Path) -> None:
    class Slow(RuleNLU):
        def __call__(self, text: str) -> Analysis:
            if text == "continue":
                time.sleep(0.3)  # a slow model; the channel gives up waiting meanwhile
            return super().__call__(text)

    core = _open(tmp_path / "t.db", Slow())
    await core.handle("t:1", "/lesson l1")
    slow = asyncio.create_task(core.handle("t:1", "continue"))
    await asyncio.sleep(0.05)
    slow.cancel()
    await core.handle("t:1", "/next")
    assert core.store.load("t:1").step == 2  # both turns applied, in order: no lost update
    await core.close()


# ------------------------------------------------------------------ one transaction per turn (D5)

TWO_PROCESSES = """
import asyncio, sys, time
from bot.core import open_core
from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw

core = open_core(None, sys.argv[1], pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
turn = core.tutor.turn

def slow_turn(*args):
    time.sleep(0.002)   # widens the window between reading and writing the state
    return turn(*args)

core.tutor.turn = slow_turn

async def main():
    ready = sys.argv[1] + ".ready"
    with open(ready, "a") as mark:   # start together: both processes are loaded before either turns
        mark.write("x")
    while open(ready).read() != "xx":
        time.sleep(0.01)
    for _ in range(int(sys.argv[2])):
        await core.handle("cli:cat", "/quiz")
    await core.close()

asyncio.run(main())
"""


def test_two_processes_serving_one_learner_lose_no_update(tmp_path: Path) -> None:
    db = tmp_path / "same.db"
    core = _open(db)
    asyncio.run(core.handle("cli:cat", "/lesson l1"))
    asyncio.run(core.close())
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "PYTHONPATH": str(root)}
    runs = [subprocess.Popen([sys.executable, "-c", TWO_PROCESSES, str(db), "40"], cwd=root, env=environment)
            for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    core = _open(db)
    assert core.store.load("cli:cat").questions_asked == 80
    asyncio.run(core.close())


async def test_two_stores_on_one_file_serialise_their_turns(tmp_path: Path) -> None:
    cores = [_open(tmp_path / "same.db"), _open(tmp_path / "same.db")]
    for core in cores:
        turn = core.tutor.turn

        def slow_turn(*args, turn=turn):  # type: ignore[no-untyped-def]
            time.sleep(0.002)
            return turn(*args)

        core.tutor.turn = slow_turn
    await cores[0].handle("t:1", "/lesson l1")
    await asyncio.gather(*(core.handle("t:1", "/quiz") for _ in range(15) for core in cores))
    assert cores[0].store.load("t:1").questions_asked == 30
    for core in cores:
        await core.close()


# ------------------------------------------------------------------ redelivered messages (D10, D11)

async def test_a_redelivered_message_is_answered_once_even_after_a_restart(tmp_path: Path) -> None:
    core = _open(tmp_path / "t.db")
    await core.handle("tg:1", "/lesson l1")
    first = await core.handle_turn("tg:1", "/quiz", delivery_id="tg:update:7")
    assert first.replies and not first.redelivered
    again = await core.handle_turn("tg:1", "/quiz", delivery_id="tg:update:7")
    assert again.redelivered and again.replies == []
    assert await core.handle("tg:1", "/quiz", delivery_id="tg:update:7") == []
    log_length = len(core.store.conversation("tg:1"))
    await core.close()

    core = _open(tmp_path / "t.db")   # a restart remembers it
    assert await core.handle("tg:1", "/quiz", delivery_id="tg:update:7") == []
    assert core.store.load("tg:1").questions_asked == 1
    assert len(core.store.conversation("tg:1")) == log_length
    assert await core.handle("tg:1", "/quiz", delivery_id="tg:update:8")   # a new id is a new turn
    await core.close()


async def test_a_failed_turn_does_not_count_as_delivered(tmp_path: Path) -> None:
    class Flaky(RuleNLU):
        failures = 1

        def __call__(self, text: str) -> Analysis:
            if Flaky.failures:
                Flaky.failures -= 1
                raise RuntimeError("model crashed")
            return super().__call__(text)

    core = _open(tmp_path / "t.db", Flaky())
    assert [r.text for r in await core.handle("fb:1", "hi", delivery_id="fb:mid.1")] == [APOLOGY]
    retried = await core.handle("fb:1", "hi", delivery_id="fb:mid.1")   # the platform retries
    assert retried and retried[0].text != APOLOGY
    await core.close()


# ------------------------------------------------------------------ pictures (D4)

def _file_drawer(drawn: list[str], gate: threading.Event | None = None) -> Callable[..., Path]:
    """Writes a stand-in file where tutor.plots would; the step 0.11 waits for ``gate``."""
    def draw(name: str, **params: object) -> Path:
        if gate is not None and params.get("step") == 0.11:
            assert gate.wait(timeout=60), "another learner's drawing never finished"
        path = plots.picture_path(name, **params)
        path.write_bytes(b"png")
        drawn.append(f"{name} {params.get('step')}")
        return path
    return draw


def _with_pictures(db: Path, pictures: Pictures) -> Core:
    return open_core(None, db, pipeline=RuleNLU(), curriculum=build_curriculum(), pictures=pictures)


async def test_new_pictures_are_rate_limited_per_learner_with_a_clear_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTORBOT_IMAGES", str(tmp_path / "images"))
    drawn: list[str] = []
    now = [0.0]
    limit = RateLimit(burst=2, per_minute=6, clock=lambda: now[0])
    core = _with_pictures(tmp_path / "t.db", Pictures(_file_drawer(drawn), path_of=plots.picture_path, limit=limit))
    for step in ("0.11", "0.12"):
        assert (await core.handle("t:1", f"/gd {step}"))[0].images
    refused = await core.handle("t:1", "/gd 0.13")
    assert "step 0.13" in refused[0].text and refused[0].images == []
    assert refused[-1].text == SLOW_DOWN.format(seconds=10)
    assert (await core.handle("t:1", "/gd 0.11"))[0].images   # drawn before: free
    assert (await core.handle("t:2", "/gd 0.14"))[0].images   # another learner is not limited
    now[0] += 10
    assert (await core.handle("t:1", "/gd 0.13"))[0].images
    assert drawn == ["gd_path 0.11", "gd_path 0.12", "gd_path 0.14", "gd_path 0.13"]
    assert SLOW_DOWN.format(seconds=10) in [text for _, text in core.store.conversation("t:1")]
    await core.close()


async def test_one_learners_drawing_does_not_hold_up_another_learners(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTORBOT_IMAGES", str(tmp_path / "images"))
    other_done = threading.Event()
    drawn: list[str] = []

    def blank_path(figure: object, step: float, **params: object) -> None:   # tutor.plots draws the rest
        if step == 0.11:
            assert other_done.wait(timeout=60), "held up by the other learner's drawing"
        drawn.append(f"gd_path {step}")

    monkeypatch.setitem(plots._DRAWERS, "gd_path", blank_path)
    monkeypatch.setattr(plots, "CACHE", plots.PictureCache())
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum())
    slow = asyncio.create_task(core.handle("t:1", "/gd 0.11"))   # waits until t:2's picture is drawn
    await asyncio.sleep(0.05)
    other = await core.handle("t:2", "/gd 0.12")
    other_done.set()
    assert other[0].images and (await slow)[0].images
    assert drawn == ["gd_path 0.12", "gd_path 0.11"]
    await core.close()


async def test_a_picture_that_fails_to_draw_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTORBOT_IMAGES", str(tmp_path / "images"))

    def broken(name: str, **params: object) -> Path:
        raise ValueError("no picture today")

    core = _with_pictures(tmp_path / "t.db", Pictures(broken, path_of=plots.picture_path))
    replies = await core.handle("t:1", "/gd 0.3")
    assert "step 0.3" in replies[0].text and replies[0].images == []
    await core.close()


async def test_options_token_names_the_open_question_and_its_options(tmp_path: Path) -> None:
    """What a channel's buttons carry (bot.telegram): a new question is a new token, the same
    question shown again is the same one."""
    core = open_core(None, tmp_path / "learners.db")
    try:
        nothing_offered = await core.options_token("tg:1")
        await core.handle("tg:1", "/quiz")
        first = await core.options_token("tg:1")
        assert first != nothing_offered and first == await core.options_token("tg:1")
        await core.handle("tg:1", "1")
        await core.handle("tg:1", "/quiz")
        assert await core.options_token("tg:1") not in (first, nothing_offered)
        assert await core.options_token("tg:2") == nothing_offered       # per learner
    finally:
        await core.close()
