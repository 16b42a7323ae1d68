"""Rows from a teacher's fifth play-through, as a non-technical learner ends a session: "sum up in 3 bullet points
what I learned" sums up the lessons reached (it had restarted a lesson); "How would it rate: '...'" runs the
sentiment tool on the quote (it had got "everyone finds this hard"); "No more quizzes please. What jobs ...?" stops
the quiz and answers; "stop" after that is no crash; a hedge ending in "?" and "Like explain it to my mom" are no
questions of their own; an own project idea with "no idea, what would you suggest?" gets a suggestion for its data."""
from __future__ import annotations

from bot.core import APOLOGY
from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat
from tutor.dialogue.wording import WordingSignals

JOBS = AnswerHit("d5-job-without-coding", "Yes, some: AI product manager ...", 0.6, False, "l3", (), "howto")


async def test_what_was_learned_is_summed_up_from_the_lessons_reached(chat: Chat) -> None:
    assert "no lessons on record" in await chat("can you sum up what I learned so far?")
    await chat("/lesson l2")
    reply = await chat("ok, plenty for today. Can you sum up in 3 bullet points what I learned?")
    assert reply.startswith("What you've covered so far") and "• Experience, task, performance:" in reply
    assert "• Gradient descent: Minimise a function" in reply and "(1/3)" not in reply


async def test_the_sentiment_tool_asked_in_words_reads_the_quote(chat: Chat) -> None:
    reply = await chat("Can you try the sentiment thing? How would it rate: 'I hate mondays'")
    assert "negative" in reply and "everyone finds" not in reply.lower()


async def test_no_more_quizzes_with_a_question_stops_and_answers(scripted) -> None:  # noqa: F811
    message = "No more quizzes please. What jobs are there in ML for non-programmers?"
    chat = await scripted({message: "ask_concept"}, {message: JOBS})
    await chat("/quiz etp")
    reply = await chat(message)
    assert "no more questions" in reply and JOBS.answer in reply and chat.state().pending is None
    assert chat.state().state != "awaiting_answer"
    assert await chat("hint") != APOLOGY          # it had crashed: awaiting an answer with no question


def test_a_hedge_and_a_manner_are_no_questions_of_their_own() -> None:
    assert WordingSignals.question_parts.fget(_Text("What's a GAN in plain English? Like explain it to my mom")) == [
        "What's a GAN in plain English?"]


async def test_an_own_idea_with_no_idea_gets_a_suggestion_for_its_data(chat: Chat) -> None:
    await chat("/project own idea")
    await chat("usage logs of 50,000 users, and we know who cancelled")
    reply = await chat("hmm no idea. what would you suggest for something like this?")
    assert "Noted: One row per example (e.g. per user)" in reply and "About “" not in reply
    assert "Binary classification" in reply                        # the next part's suggestion fits the data too


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text
