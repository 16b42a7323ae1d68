"""Rows from the repairs after a teacher's tenth and eleventh play-throughs: a course question asked in the middle of
the placement check is answered and the check goes on ("Thank you. But how do I handle class imbalance in churn
data?" had ended it with its result, the question unanswered); thanks with a question beside them are answered with a
quiz question open too, unless the answer would show the open one's."""
from __future__ import annotations

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.curriculum import Curriculum

SEMINAR = Curriculum.load()
IMBALANCE = AnswerHit("d1-class-imbalance", "First change the metric: report per-class recall and precision.", 0.9,
                      False, "d1-performance", ("performance_measure",), "how")
THANKS_AND_ASKED = "Thank you. But how do I handle class imbalance in churn data?"
ASKED = "But how do I handle class imbalance in churn data?"


async def test_a_course_question_in_the_placement_check_is_answered_and_the_check_goes_on(scripted) -> None:
    chat = await scripted({THANKS_AND_ASKED: "thanks"}, {ASKED: IMBALANCE}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    await chat("2")
    asked = chat.pending().exercise_id
    text = await chat(THANKS_AND_ASKED)
    assert IMBALANCE.answer in text and "check stopped" not in text
    assert "placement" in chat.state().context and chat.pending().exercise_id == asked   # the same question again


async def test_a_question_the_course_cannot_answer_still_ends_the_check(scripted) -> None:
    message = "how do I become a pilot?"
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    assert "Day 1 check: 0 of 0 right" in await chat(message) and "placement" not in chat.state().context


async def test_thanks_with_a_question_that_shows_the_open_answer_is_not_answered(scripted) -> None:
    message, part = "thanks! but what does an output of 0.8 mean?", "but what does an output of 0.8 mean?"
    giveaway = AnswerHit("d1-output-meaning", "It means an 80% probability that y = 1.", 0.9, False, "d1-logistic",
                         ("logistic_regression",), "what")
    chat = await scripted({message: "thanks"}, {part: giveaway}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    await chat("2")
    assert chat.pending().concept == "logistic_regression" and "80%" in chat.pending().solution
    assert giveaway.answer not in await chat(message)
