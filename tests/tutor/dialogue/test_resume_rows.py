"""After a side question in the middle of a lesson (the knowledge base's answer, a glossary card, a joke),
"continue", "go on", "ok next" resume the lesson at the step after the one the learner was at, never at its start."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.dialogue.test_knowledge_rows import FIX, KnowingNLU
from tests.tutor.test_dialogue import Chat, build_curriculum, fake_draw


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=KnowingNLU(), curriculum=build_curriculum(), draw=fake_draw)
    yield Chat(core)
    await core.close()


@pytest.mark.parametrize("side", ["what is the way to fix it", "what is backprop?", "how are you"])
@pytest.mark.parametrize("go_on", ["continue", "go on", "ok next", "Continue the course"])
async def test_go_on_after_a_side_question_resumes_at_the_next_step(chat: Chat, side: str, go_on: str) -> None:
    await chat("/lesson l2")
    assert "x ← x − λ·∇y" in await chat("continue")            # step 2 of 3
    side_answer = await chat(side)
    assert "x ← x − λ·∇y" not in side_answer
    resumed = await chat(go_on)
    assert resumed.startswith("Small steps converge.") and "(1/3)" not in resumed
    assert chat.state().lesson_id == "l2" and chat.state().step == 2


async def test_the_knowledge_base_answer_offers_to_continue_the_course(chat: Chat) -> None:
    await chat("/lesson l2")
    assert await chat("what is the way to fix it") == FIX.answer
    assert "Continue the course" in chat.options
