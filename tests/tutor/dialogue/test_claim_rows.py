"""A learner's own claim about what is being taught, that nothing in the knowledge base confirms: compared with
what the course says, never answered as chit-chat."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from nlp.types import Analysis
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as


class ChattyNLU(RuleNLU):
    """Reads the claims as small talk, as the trained NLU read "so its like a pattern detector?" (smalltalk 1.00)."""

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        if not text.startswith("/"):
            read_as(analysis, "smalltalk")
        return analysis


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=ChattyNLU(), curriculum=build_curriculum(), draw=fake_draw)
    yield Chat(core)
    await core.close()


@pytest.mark.parametrize("claim", ["so it's like walking downhill?", "the step is the gradient times lambda, right?",
                                   "wait so the learning rate is the step size"])
async def test_a_claim_in_a_lesson_is_compared_with_what_the_course_says(chat: Chat, claim: str) -> None:
    await chat("/lesson l2")
    step = chat.core.tutor.course.curriculum.lesson("l2").steps[0]
    text = await chat(claim)
    assert text.startswith("I can't check that sentence word for word") and (step.again or step.text) in text
    assert chat.options == ["Continue", "Quiz me"]


async def test_a_so_what_question_or_chat_outside_a_lesson_is_no_claim(chat: Chat) -> None:
    assert "word for word" not in await chat("so what do you do all day?")
    assert "word for word" not in await chat("so, nice weather today")      # no lesson, nothing explained


async def test_a_restatement_graded_against_the_key_ideas(tmp_path: Path) -> None:
    from tests.tutor.test_concept_ideas import BACKPROP
    from tutor.concept_ideas import KeyIdeas
    from tutor.curriculum import Curriculum
    base = build_curriculum()
    curriculum = Curriculum(base.days, base.concepts, base.exercises, key_ideas=KeyIdeas({"backpropagation": BACKPROP}))
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum, draw=fake_draw)
    chat = Chat(core)
    text = await chat("so backprop is: guess, measure the error, go backwards, blame each weight by its share, fix it "
                      "a little. right?")
    assert text.startswith("Yes, that's it ✅ backpropagation in your words")
    text = await chat("so backprop goes back through the layers with the chain rule and gives each weight its share, "
                      "right?")
    assert text.startswith("Right so far ✅ You have: it goes backwards with the chain rule; every weight gets")
    assert "One more key idea to add: the error is measured at the output first." in text
    text = await chat("so backprop goes back through the layers with the chain rule, right?")   # one idea: no grade
    assert "Right so far" not in text
    text = await chat("so backprop sends the input forward only, right?")
    assert text.startswith("Not quite: backprop is the backward pass") and "Right so far" not in text
    await core.close()


async def test_a_likeness_in_a_lesson_is_graded_against_its_concept_even_beside_a_confirm(tmp_path: Path) -> None:
    """A sixth play-through: "is like a student who learn the answers of the old exam by memory and then in the new
    exam he fail?" in the overfitting lesson named no concept, and a confirm entry ("so ML just memorises?": "Not
    quite") matched its words; it had got "Ha, good one". A sound restatement is graded against the lesson's
    concept."""
    from tests.tutor.dialogue.test_thread_rows import ScriptedNLU
    from tests.tutor.test_concept_ideas import BACKPROP
    from tutor.concept_ideas import KeyIdeas
    from tutor.curriculum import Curriculum
    from nlp.types import AnswerHit
    base = build_curriculum()
    curriculum = Curriculum(base.days, base.concepts, base.exercises, key_ideas=KeyIdeas({"backpropagation": BACKPROP}))
    likeness = "is like a relay race: the error goes backwards and each weight gets its share of blame?"
    confirm = AnswerHit("d2-confirm-relay", "Not quite: ...", 0.55, False, "l3", ("backpropagation",), "confirm", "no")
    core = open_core(None, tmp_path / "t.db", pipeline=ScriptedNLU({likeness: "smalltalk"}, {likeness: confirm}),
                     curriculum=curriculum, draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson l3")
    text = await chat(likeness)
    assert "✅ backpropagation in your words" in text and "Not quite" not in text
    await core.close()
