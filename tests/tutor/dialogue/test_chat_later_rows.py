"""Chit-chat a blind set found misread as requests (issue 19): the course put off till later is no start, news that
tells of no leaving is no goodbye, a question with no word of progress is no progress request, a question outside
the course gets an honest "I'd be guessing" (a task outside it is still declined), a topic asked for among chat
starts its lesson, and the concept finder's word2vec fallback leaves plain English words alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tutor.dialogue.test_chat_mixed_rows import MoodNLU, first_reply
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.turn import Course
from tests.tutor.test_dialogue import build_curriculum


@pytest.mark.parametrize("message, when", [
    ("I'll do the lesson after dinner", "after dinner"),
    ("gonna study tomorrow morning", "tomorrow morning"),
    ("not now, maybe later", "later"),
])
async def test_the_course_put_off_till_later_starts_nothing(tmp_path: Path, message: str, when: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(0.0, intent="start_lesson"))
    assert f"See you {when}" in reply or f"{when.capitalize()} it is" in reply or f"{when} it is" in reply
    assert "What learning means" not in reply


@pytest.mark.parametrize("message", ["ok let's start now", "I'll tell my friend tomorrow, let's start"])
async def test_the_course_asked_for_now_is_no_deferral(tmp_path: Path, message: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(0.0, intent="start_lesson"))
    assert "What learning means" in reply
    assert not any(line.split("{")[0] in reply for line in chat_texts.LATER_BEFORE_STARTING)


async def test_news_that_tells_of_no_leaving_is_no_goodbye(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "had ramen for lunch, pretty good", MoodNLU(0.3, intent="goodbye"))
    assert texts.GOODBYE not in reply


async def test_news_of_leaving_read_as_a_goodbye_stays_one(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "I'm leaving now", MoodNLU(0.0, intent="goodbye"))
    assert texts.GOODBYE in reply


async def test_a_question_with_no_word_of_progress_gets_no_progress_report(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "how many push-ups should I do a day", MoodNLU(0.0, intent="progress"))
    assert "Your progress" not in reply


@pytest.mark.parametrize("message", ["how far did I get?", "how much is left of the course?", "how am I doing so far?"])
async def test_progress_asked_in_its_words_gets_the_report(tmp_path: Path, message: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(0.0, intent="progress"))
    assert "Your progress" in reply


class Neighbours:
    """word2vec neighbours as the small trained model gave them: plain words next to course words."""

    table = {"pretty": [("weights", 0.73)], "weights": [("pretty", 0.7)],
             "convnetz": [("convolution", 0.9)], "convolution": [("convnetz", 0.9)]}

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        if word not in self.table:
            raise KeyError(word)
        return self.table[word][:n]


def test_the_word2vec_fallback_skips_plain_english_words() -> None:
    course = Course(build_curriculum(), embeddings=Neighbours())
    assert course.similar("pretty") == []
    assert course.similar("convnetz") == [("convolution", 0.9)]


async def test_a_question_outside_the_course_gets_an_honest_guess_no_refusal(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "How many cups are in a liter?", MoodNLU(0.0, intent="out_of_scope"))
    assert texts.CANNOT_HELP not in reply
    assert any(line in reply for line in texts.OUTSIDE_MY_KNOWLEDGE)


async def test_a_task_outside_the_course_is_still_declined(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "book me a flight to Paris", MoodNLU(0.0, intent="out_of_scope"))
    assert texts.CANNOT_HELP in reply


async def test_a_topic_asked_for_among_chat_starts_its_lesson(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "Just had my coffee, ready to tackle backprop again ☕", MoodNLU(0.3))
    assert "Backpropagation" in reply and "Errors flow backwards." in reply


async def test_a_jump_goes_to_the_concept_after_go_to_not_the_first_named(tmp_path: Path) -> None:
    message = "can we skip the gradient descent stuff and go straight to backprop?"
    reply = await first_reply(tmp_path, message, MoodNLU(0.0, intent="goto_day"))
    assert "Backpropagation" in reply and "Walk downhill." not in reply
