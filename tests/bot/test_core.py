"""The async core: persistence across restarts, concurrent learners, bad input, failing turns."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.core import APOLOGY, EMPTY_REPLY, MAX_MESSAGE_CHARS, TRUNCATED_NOTE, Core, clean_text, open_core
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
    core = open_core(tmp_path / "no-models", tmp_path / "t.db", curriculum=build_curriculum(), draw=fake_draw)
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
