"""An answer said as one ("the answer is 2") is read as an answer: to the open question even after other words, to
the question a jump left, or, with none, the learner is told no question is open. A teacher's play-through: "wait,
I was answering the quiz. the answer is 2" after a jump had picked the lesson's option 2, "Explain again"."""
from __future__ import annotations

import pytest

from tests.tutor.test_dialogue import Chat
from tutor.answers import says_the_answer, stated_answer
from tutor.dialogue import texts
from tutor.dialogue.state import DialogueState, OpenQuestion
from tutor.store import LearnerState


async def test_the_answer_after_other_words_answers_the_open_question(chat: Chat) -> None:
    await chat("/quiz etp")
    assert "Correct" in await chat("hmm ok, sorry. the answer is 2")


async def test_the_question_a_jump_left_is_taken_up_and_graded(chat: Chat) -> None:
    await chat("/quiz etp")
    jumped = await chat("go to day 2")
    assert "Backpropagation (1/3)" in jumped
    reply = await chat("wait, I was answering the quiz. the answer is 2")
    assert texts.DROPPED_TAKEN_UP.format(prompt="In E/T/P, what is P?") in reply and "Correct" in reply
    assert "Backpropagation (1/3)" not in reply     # no "Explain again" of the step, option 2 of the lesson's menu


async def test_a_wrong_answer_to_the_question_left_climbs_its_help_ladder(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("go to day 2")
    reply = await chat("my answer is the task")
    assert "P measures something." in reply and "Correct" not in reply
    assert "Correct" in await chat("the performance measure")


async def test_with_no_question_left_the_learner_is_told_none_is_open(chat: Chat) -> None:
    await chat("go to day 2")
    reply = await chat("the answer is 2")
    assert texts.NO_QUESTION_OPEN in reply and "Backpropagation (1/3)" not in reply


async def test_a_question_answered_is_not_taken_up_again(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("the performance measure")
    await chat("go to day 2")
    assert texts.NO_QUESTION_OPEN in await chat("the answer is 2")


def test_the_question_left_outlives_a_restart() -> None:
    state = DialogueState("u")
    state.dropped = OpenQuestion.from_dict({"exercise_id": "x", "concept": "etp", "prompt": "P?", "options": ["a", "b"],
                                            "answer": "b", "hints": [], "solution": "b", "explanation": ""})
    again = DialogueState.from_record(state.to_record())
    assert again.dropped is not None and again.dropped.question.prompt == "P?"
    assert DialogueState.from_record(LearnerState(learner_id="u", state="idle", context={"dropped": 3})).dropped is None


def test_the_answer_said_as_one_is_what_follows_the_answer_is() -> None:
    assert stated_answer("wait, I was on the quiz. The answer's 0,5") == "0,5"
    assert stated_answer("the answer is b") == "the answer is b"      # nothing before it: read as it is
    assert says_the_answer("ok my answer is (6.3, -3.5)") and not says_the_answer("what is the answer to life?")


@pytest.mark.parametrize("message", ["ok whatever", "thanks for nothing", "you're pretty smart"])
async def test_chat_to_a_free_text_question_is_not_graded_as_its_answer(chat: Chat, message: str) -> None:
    await chat("/quiz backpropagation")
    assert "Not quite" not in await chat(message)
    assert chat.state().misses == 0     # nothing counted as a miss
