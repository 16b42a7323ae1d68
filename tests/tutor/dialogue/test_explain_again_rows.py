"""Explaining again means explaining differently: the simpler version, then the worked example, then other
ways in; never the same text twice ("explain again" and "still dont get it 😩" had returned the identical text)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.curriculum import Curriculum, Day


def curriculum_with_second_explanations() -> Curriculum:
    base = build_curriculum()
    days = []
    for day in base.days:
        lessons = tuple(replace(lesson, steps=tuple(replace(step, again=f"Simpler: {step.text}") for step in lesson.steps))
                        for lesson in day.lessons)
        days.append(Day(day.number, day.title, day.goals, lessons))
    concepts = {key: replace(concept, again=f"In short, {concept.term} is like rolling downhill.")
                for key, concept in base.concepts.items()}
    return Curriculum(tuple(days), concepts, base.exercises)


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum_with_second_explanations(),
                     draw=fake_draw)
    yield Chat(core)
    await core.close()


async def test_explain_again_gives_the_simpler_version_then_the_example_then_other_ways_in(chat: Chat) -> None:
    await chat("/lesson l2")
    first = await chat("explain that again")
    second = await chat("I still don't get it")
    third = await chat("again please")
    assert first == "Let me put it another way: Simpler: Walk downhill."
    assert "(5, 5) → (4, 4) → (3.2, 3.2)" in second and second != first
    assert "different way in" in third and chat.options == ["Quiz me on this", "Start this lesson again", "Continue"]


async def test_the_next_step_has_its_own_explanations(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("explain that again")
    await chat("continue")
    assert await chat("explain that again") == "Let me put it another way: Simpler: x ← x − λ·∇y"


async def test_a_definition_that_did_not_land_gets_its_simpler_version_then_the_lesson(chat: Chat) -> None:
    await chat("what is gradient descent?")
    assert await chat("I don't get it") == "Put simply: In short, gradient descent is like rolling downhill."
    assert "from the start" in await chat("I still don't get it")


async def test_a_bare_why_after_a_lesson_step_explains_the_step_differently(chat: Chat) -> None:
    await chat("/lesson l2")
    assert await chat("why?") == "Let me put it another way: Simpler: Walk downhill."


async def test_explain_again_with_simple_words_never_gives_the_steps_own_words_back(chat: Chat) -> None:
    await chat("/lesson l2")
    assert await chat("simpler please") == "Let me put it another way: Simpler: Walk downhill."
    second = await chat("explain again with simple words")   # the lesson's idea put simply: no worked example
    assert "rolling downhill" in second and "(5, 5) → (4, 4)" not in second and "Walk downhill" not in second
    assert "(5, 5) → (4, 4)" in await chat("explain that again")   # asked without "simpler": the worked example


async def test_every_further_request_is_worded_differently(chat: Chat) -> None:
    await chat("/lesson l2")
    replies = [await chat("explain that again") for _ in range(5)]
    assert all(before != after for before, after in zip(replies, replies[1:]))


async def test_a_named_concept_again_in_simple_words_gets_its_simpler_version_not_its_card(chat: Chat) -> None:
    card = await chat("what is gradient descent?")
    simpler = await chat("explain gradient descent again in simple words")
    assert simpler == "Put simply: In short, gradient descent is like rolling downhill." and simpler != card
    assert "gradient descent from the start" in await chat("explain gradient descent again")


async def test_a_concept_named_by_a_struggling_learner_gets_its_simpler_version(chat: Chat) -> None:
    await chat("/lesson l2")
    text = await chat("ugh I don't get it at all, gradient descent??")
    assert "Put simply: In short, gradient descent is like rolling downhill." in text    # not the formal card
    assert "stepping against its gradient" not in text


async def test_encouragement_points_to_no_worked_example_already_shown(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("explain that again")                               # the simpler version
    text = await chat("ugh I hate this, I still don't get it")    # the worked example, with encouragement
    assert "(5, 5)" in text and "pick “Show me a worked example”" not in text
