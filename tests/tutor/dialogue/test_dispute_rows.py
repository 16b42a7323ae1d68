"""The rows of DISPUTE: a learner who disputes a verdict ("but I wrote 3,3, that is correct no?", "ur grading is
kinda broken", "wait was the data right or not??") gets their answer read again and shown as it was read; it is
neither graded as a new try nor met with sympathy, a second dispute gets help instead of the same words, and a
verdict the current reading finds wrong is owned up to (a teacher's play-through: "But I said ten. One per class,
surely that is right?" had got "I couldn't find that concept", "ur grading is broken" "be kind to yourself")."""
from __future__ import annotations

import pytest

from tests.tutor.test_dialogue import Chat
from tutor.dialogue.verdict_cues import CONTESTS_GRADE
from tutor.store import TurnWrites

SOLUTION = "P is the performance measure, e.g. accuracy."


@pytest.mark.parametrize("text", [
    "but I wrote 0,5, that is correct no?", "But I said ten. One per class, ten classes. Surely that is right?",
    "why is that wrong?", "why is (3, 3) wrong", "ur grading is kinda broken btw", "u marked segmentation wrong earlier",
    "wait was 28px right or not??", "i was right!", "that should be correct", "thats what i wrote",
])
def test_disputes_are_read(text: str) -> None:
    assert CONTESTS_GRADE.search(text)


@pytest.mark.parametrize("text", [
    "am I right?", "was I right?", "I was right about the weather", "why is the gradient negative?", "3,3",
    "the right answer please", "is it correct to use relu here?",
])
def test_other_messages_are_no_dispute(text: str) -> None:
    assert not CONTESTS_GRADE.search(text)


async def test_the_open_questions_answer_disputed_is_read_again_not_a_new_try(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    await chat("3,3")
    assert chat.state().misses == 1
    text = await chat("but I wrote 3,3, that is correct no?")
    assert "“3,3” again, which I read as (3, 3)" in text and "still open" in text
    assert "(4, 4)" not in text and chat.state().misses == 1          # no rung used up, nothing given away
    again = await chat("why is that wrong?")                           # disputed twice: the next rung, not the same
    assert "again, which I read as" not in again and "(10, 10)" in again and chat.state().misses == 2


async def test_a_new_answer_said_with_a_dispute_is_graded(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    await chat("3,3")
    assert "Correct" in await chat("but I wrote (4; 4) surely thats right?")


async def test_an_ended_questions_answer_disputed_gets_its_verdict_then_the_working_asked(chat: Chat) -> None:
    await chat("/quiz etp")
    for answer in ("the data", "the task", "the data"):
        await chat(answer)                      # hint, leading question, worked answer and a fresh variant
    text = await chat("wait was the data right or not??")
    assert "I checked it again" in text and "you answered “the data”" in text and SOLUTION in text
    assert "Back to your question" in text and chat.state().pending is not None
    again = await chat("ur grading is kinda broken btw")
    assert "twice now" in again and "first differ" in again and "Be kind" not in again


async def test_a_verdict_an_older_reading_got_wrong_is_owned_up(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("2")
    state = chat.state()
    state.context["graded"][-1]["correct"] = False           # graded by an older, wrong reading of "2"
    state.mastery["etp"] = 0.3
    chat.core.store.save_turn(state, TurnWrites(user_text=""))
    mastery = chat.state().mastery["etp"]
    text = await chat("but I said 2, surely that is right?")
    assert "You're right, and I'm sorry" in text and "option 2, “the performance measure”" in text
    assert chat.state().mastery["etp"] > mastery and chat.state().context["graded"][-1]["correct"] is True


async def test_a_dispute_with_nothing_graded_is_no_dispute(chat: Chat) -> None:
    text = await chat("that should be correct")
    assert "checked" not in text.lower()
