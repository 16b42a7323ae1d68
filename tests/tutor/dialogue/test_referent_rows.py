""""It" and "that" in a question naming no concept are read as what was just taught (a teacher's play-through:
"why is that important?" after the step on generalizing had got why backprop matters): the knowledge base is also
asked with the pronoun put as the concept just explained, or as the lesson's concept the step named."""
from __future__ import annotations

from dataclasses import replace

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import build_curriculum
from tutor.curriculum import Curriculum, Day

OFF_THREAD = AnswerHit("d2-why-backprop", "Backprop gets every gradient in one backward pass.", 0.46, False, "l3",
                       ("backpropagation",), "why")
WHY_DESCENT = AnswerHit("d1-why-descent", "Because no formula gives the best weights of a network.", 0.76, False,
                        "l2", ("gradient_descent",), "why")


def curriculum_naming_descent() -> Curriculum:
    """The test curriculum, the first step of the gradient-descent lesson naming its concept."""
    base = build_curriculum()
    lesson = base.lesson("l2")
    lesson = replace(lesson, steps=(replace(lesson.steps[0], text="Gradient descent walks downhill."),
                                    *lesson.steps[1:]))
    first = base.days[0]
    return Curriculum((Day(first.number, first.title, first.goals, (first.lessons[0], lesson)), *base.days[1:]),
                      base.concepts, base.exercises)


async def test_that_after_a_step_is_the_concept_the_step_named(scripted) -> None:  # noqa: F811
    hits = {"why is that important?": OFF_THREAD, "why is gradient descent important?": WHY_DESCENT}
    chat = await scripted({"why is that important?": "ask_concept"}, hits, curriculum_naming_descent())
    await chat("/lesson l2")
    reply = await chat("why is that important?")
    assert WHY_DESCENT.answer in reply and OFF_THREAD.answer not in reply


async def test_it_after_a_card_is_the_concept_of_the_card(scripted) -> None:  # noqa: F811
    hits = {"why is it important?": OFF_THREAD, "why is gradient descent important?": WHY_DESCENT}
    chat = await scripted({"why is it important?": "ask_concept"}, hits)
    await chat("what is gradient descent")
    assert WHY_DESCENT.answer in await chat("why is it important?")


async def test_a_step_recalling_another_lessons_concept_gives_it_no_referent(scripted) -> None:  # noqa: F811
    """The step of the gradient-descent lesson names backprop, a Day 2 concept: "that" is not read as backprop."""
    base = curriculum_naming_descent()
    lesson = base.lesson("l2")
    lesson = replace(lesson, steps=(replace(lesson.steps[0], text="Backpropagation will need this later."),
                                    *lesson.steps[1:]))
    curriculum = Curriculum((Day(1, "Basics", ("basics",), (base.lesson("l1"), lesson)), *base.days[1:]),
                            base.concepts, base.exercises)
    hits = {"why is that important?": WHY_DESCENT, "why is backpropagation important?": OFF_THREAD}
    chat = await scripted({"why is that important?": "ask_concept"}, hits, curriculum)
    await chat("/lesson l2")
    assert OFF_THREAD.answer not in await chat("why is that important?")
