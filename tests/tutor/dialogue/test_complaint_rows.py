"""A teacher's third play-through: the question said again after "that's not what I asked" is answered, or, with no
sure answer, the tutor says so (it had asked to say it again a third time); encouragement never sends a learner who
has studied back to "the very first, gentle lesson"."""
from __future__ import annotations

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat
from tutor.dialogue import texts
from tutor.dialogue.cues import ASKS_SIMPLER

ADAM = AnswerHit("d1-lr-choose", "Start with 0.001 for Adam; lower it tenfold if the loss is noisy.", 0.65, False,
                 "l2", (), "howto")
UNSURE = AnswerHit("d5-project-subset", "A subset of Food-101 makes every experiment quick.", 0.23, False, "l3", (),
                   "howto")


async def test_the_question_said_again_after_a_complaint_is_answered(scripted) -> None:  # noqa: F811
    message = "that's not what I asked. I asked about the learning rate for Adam."
    chat = await scripted({message: "smalltalk"}, {"the learning rate for Adam.": ADAM})
    await chat("/lesson l2")
    reply = await chat(message)
    assert ADAM.answer in reply and "other words" not in reply


async def test_with_no_sure_answer_the_tutor_says_so_and_keeps_the_question(scripted) -> None:  # noqa: F811
    message = "you didn't answer: is 500 scanned sheets enough data for this project?"
    rest = "is 500 scanned sheets enough data for this project?"
    chat = await scripted({message: "smalltalk"}, {rest: UNSURE})
    await chat("/lesson l2")
    reply = await chat(message)
    assert texts.NO_GOOD_ANSWER in reply and UNSURE.answer not in reply
    assert [row.question for row in chat.core.store.unanswered()] == [rest]


async def test_a_complaint_alone_still_asks_what_was_meant(scripted) -> None:  # noqa: F811
    chat = await scripted({"that's not what I asked": "smalltalk"}, {})
    await chat("/lesson l2")
    assert texts.NO_GOOD_ANSWER not in await chat("that's not what I asked")


async def test_a_learner_who_has_studied_is_not_sent_to_the_first_lesson(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("the data")
    await chat("skip")
    reply = await chat("ugh I'm so confused")
    assert texts.EASIER_START.strip() not in reply


async def test_a_new_learner_who_is_lost_is_offered_the_first_lesson(chat: Chat) -> None:
    assert texts.EASIER_START.strip() in await chat("ugh I'm so confused")


async def test_the_same_said_twice_is_owned_up_to_and_said_another_way(chat: Chat) -> None:
    step = await chat("/lesson l2")
    reply = await chat("you repeated yourself")
    assert reply.startswith(texts.SORRY_REPEATED[0]) and reply != step
    assert "how your day is going" not in reply


def test_too_technical_asks_for_it_simpler() -> None:
    assert ASKS_SIMPLER.search("still too technical lol. my grandma doesn't know what a corpus is")
    assert ASKS_SIMPLER.search("less jargon please") and not ASKS_SIMPLER.search("a technical question about lstm")


async def test_a_hedged_answer_is_graded_and_not_answered_as_a_question(scripted) -> None:  # noqa: F811
    message = "x is 5 - 1 so (4, 4) ?"
    chat = await scripted({}, {message: ADAM})
    await chat("/quiz gradient descent")
    reply = await chat(message)
    assert "Correct" in reply and ADAM.answer not in reply and texts.QUESTION_BESIDE_THE_ANSWER[:15] not in reply


async def test_a_question_beside_an_answer_is_still_answered(scripted) -> None:  # noqa: F811
    chat = await scripted({}, {"is the learning rate the step size?": ADAM})
    await chat("/quiz etp")
    reply = await chat("2, but is the learning rate the step size?")
    assert "Correct" in reply and ADAM.answer in reply
