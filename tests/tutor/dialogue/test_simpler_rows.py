""""Simpler" once the step's simpler version is given (a teacher's play-through: "explain again, simpler" had got a
harder 2-D worked example, "thats harder not simpler :(" a harder item): the lesson's idea in plain words, the one
its title names first, then other ways in, never the worked example."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.curriculum import Curriculum, Day, Step
from tutor.dialogue import texts

FOG = "Walking downhill in fog."
ARROW = "An arrow pointing uphill."


def curriculum_with_plain_words() -> Curriculum:
    """The test curriculum, its gradient-descent lesson with a simpler step and two concepts put simply (the
    lesson's own concept listed second)."""
    base = build_curriculum()
    lesson = base.lesson("l2")
    lesson = replace(lesson, concepts=("gradient", "gradient_descent"),
                     steps=(replace(lesson.steps[0], again="Downhill, one step at a time."), *lesson.steps[1:]))
    first = base.days[0]
    days = (Day(first.number, first.title, first.goals, (first.lessons[0], lesson)), *base.days[1:])
    concepts = dict(base.concepts)
    concepts["gradient"] = replace(concepts["gradient_descent"], key="gradient", term="gradient", aliases=(), again=ARROW)
    concepts["gradient_descent"] = replace(concepts["gradient_descent"], again=FOG)
    return Curriculum(days, concepts, base.exercises)


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum_with_plain_words(),
                     draw=fake_draw)
    yield Chat(core)
    await core.close()


async def test_simpler_after_the_simpler_step_is_the_lessons_idea_put_simply(chat: Chat) -> None:
    await chat("/lesson l2")
    assert "Downhill, one step at a time." in await chat("simpler please")
    second = await chat("that is harder not simpler")
    assert texts.PUT_SIMPLY.format(again=FOG) in second
    assert "(5, 5) → (4, 4)" not in second                # not the worked example
    assert texts.PUT_SIMPLY.format(again=ARROW) in await chat("simpler please")


async def test_simpler_with_nothing_simpler_left_offers_other_ways_in(chat: Chat) -> None:
    await chat("/lesson l2")
    for _ in range(3):
        await chat("simpler please")
    last = await chat("simpler please")
    assert "(5, 5) → (4, 4)" not in last and "Start this lesson again" in chat.options


@pytest.mark.parametrize("message", ["gradient descent... it is difficult for me", "teach me gradient descent. simple",
                                     "can you explain gradient descent more simply please"])
async def test_a_named_concept_found_hard_or_asked_simply_is_put_simply(chat: Chat, message: str) -> None:
    assert FOG in await chat(message)


async def test_a_concept_set_aside_first_is_not_the_one_put_simply(chat: Chat) -> None:
    await chat("what is gradient descent?")
    assert FOG not in await chat("no, not gradient descent. what is backprop? simple please")
