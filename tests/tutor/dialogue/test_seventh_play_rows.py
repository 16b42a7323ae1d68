"""Rows from a teacher's seventh play-through: a quiz on a day stays on that day ("quiz me on day 3" beside the offered
"Quiz me", then "Another question"); "test me on day 3" is the day's check; "ELI5 please: how does X work?" is answered;
planning a project in words opens the project helper."""
from __future__ import annotations

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat


async def test_a_quiz_on_a_day_stays_on_that_day(chat: Chat) -> None:
    """A seventh play-through: "quiz me on day 3" beside the offered "Quiz me" had quizzed on the lesson in hand (Day
    1), and "another question" after a Day 3 question went back to Day 1."""
    await chat("/lesson l1")
    await chat("quiz me on day 2")
    assert chat.pending().exercise_id == "ex-typed"
    await chat("chain rule")
    await chat("another question")
    assert chat.pending().exercise_id == "ex-typed"          # Day 2's, not the lesson in hand's (Day 1)


async def test_test_me_on_a_day_is_the_days_check(chat: Chat) -> None:
    assert "quick check of Day 1" in await chat("test me on day 1")


async def test_a_question_asked_to_be_put_simply_is_answered(scripted) -> None:  # noqa: F811
    message = "ELI5 please: how does backprop work?"
    hit = AnswerHit("d2-backprop-how", "Backprop sends the error back ...", 0.7, False, "l3", ("backpropagation",), "how")
    chat = await scripted({message: "repeat"}, {message: hit})
    assert hit.answer in await chat(message)


async def test_planning_a_project_in_words_opens_the_project_helper(chat: Chat) -> None:
    """"Can you help me plan this project step by step? Is there a project helper?" had got "outside my little world"."""
    assert "Your final project!" in await chat("Can you help me plan this project step by step?")
    assert "Your final project!" in await chat("Is there a project helper?")


async def test_a_concept_asked_with_no_maths_please_is_put_simply_even_in_a_lesson(tmp_path) -> None:
    """"What's a sigmoid? Sorry, the math notation is a bit much for me." had got g(z) = 1 / (1 + e^(−z)) and its
    symmetries (in a lesson, plain words had re-taught the step instead of answering)."""
    from bot.core import open_core
    chat = Chat(open_core(None, tmp_path / "t.db"))           # the seminar's own curriculum
    await chat("/lesson d1-gradient-descent")
    text = await chat("What's a sigmoid? Sorry, the math notation is a bit much for me.")
    assert "plain words" in text and "S-shaped squeezer" in text
    await chat.core.close()
