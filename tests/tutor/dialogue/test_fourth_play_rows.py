"""Rows from a teacher's fourth play-through: the day named after "to" is where a jump goes; "where did I mess up?"
gets the last verdict; a worked example asked in words in a lesson is shown; "the same thing you said" is owned up
to; a correction that asks again ("no i asked why LOGISTIC") is answered as that question; discouragement is bad
news, not news to cheer."""
from __future__ import annotations

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat
from tutor.dialogue import texts
from tutor.dialogue.cues import read_acts

LOGISTIC = AnswerHit("d1-why-called-regression", "Logistic: from the logistic (sigmoid) function.", 0.6, False, "l1",
                     (), "why")


async def test_the_day_named_after_to_is_where_the_jump_goes(chat: Chat) -> None:
    reply = await chat("this day 1 stuff is kinda slow, can we skip to day 2")
    assert "Backpropagation (1/3)" in reply


async def test_where_did_i_mess_up_gets_the_last_verdict(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("the data")
    await chat("skip")
    reply = await chat("i did that tho?? where did i mess up")
    assert "the performance measure" in reply.lower() and "Ha, good one" not in reply


async def test_a_worked_example_asked_in_words_in_a_lesson_is_shown(chat: Chat) -> None:
    await chat("/lesson l2")
    assert "(5, 5) → (4, 4)" in await chat("ugh ok. show me a worked example")


async def test_the_same_thing_you_said_is_owned_up_to(chat: Chat) -> None:
    await chat("/lesson l2")
    assert (await chat("thats the same thing u said. WHY do we need it")).startswith(texts.SORRY_REPEATED[0])


async def test_a_correction_that_asks_again_is_answered_as_that_question(scripted) -> None:  # noqa: F811
    chat = await scripted({"no i asked why LOGISTIC": "deny"}, {"why LOGISTIC": LOGISTIC})
    await chat("/lesson l1")
    assert LOGISTIC.answer in await chat("no i asked why LOGISTIC")


def test_discouragement_is_bad_news() -> None:
    assert "feeling_bad" in read_acts("I'm feeling discouraged tonight")
    assert "feeling_bad" in read_acts("some evenings I wonder if I'm too old and too slow for this")


async def test_a_typed_answer_said_first_with_remarks_after_is_graded(chat: Chat) -> None:
    """A fifth play-through: "Against overfitting, I should think, though you have not yet told me ..." had been
    taken for a question whose answer would give the open one away."""
    await chat("/quiz backpropagation")
    assert "Correct" in await chat("The chain rule, I should think, though you have not yet told me much about it.")


async def test_no_more_quizzes_said_in_a_quiz_stops_it(chat: Chat) -> None:
    await chat("/quiz backpropagation")
    reply = await chat("No more quizzes please, I just want to understand the ideas")
    assert "Not quite" not in reply and chat.state().pending is None
