"""Kinds of chit-chat a blind set found answered off (issue 19): a small mishap told deadpan is laughed with, not
pitied, congratulated or declined; leave for a break is granted; work done is praised; news worth a congratulation
gets one before the answer to what else is asked; a pick asked first is made, in the learner's own words turned; a
correction is only a correction when said first; and chat naming nothing of the course gets no knowledge-base
answer however sure the retriever is."""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp.types import AnswerContext, AnswerHit
from tests.tutor.dialogue.test_chat_mixed_rows import MoodNLU, first_reply
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.story_cues import EFFORT_DONE, MISHAP
from tutor.dialogue.cues import read_acts

MISHAP_LINES = chat_texts.FIRST_CHAT_BY_ACT["mishap"]


@pytest.mark.parametrize("message", [
    "Today I burned toast. Twice. Same slice.",
    "Wore two different shoes to work and nobody noticed until lunch. Fashion icon.",
    "my bus driver waved at me while driving right past my stop. thx buddy",
    "Locked myself out of my flat in my slippers. The neighbours now know me personally.",
])
async def test_a_mishap_told_deadpan_is_laughed_with(tmp_path: Path, message: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(-0.6))
    assert reply.split("\n")[0] in MISHAP_LINES
    assert "sorry to hear" not in reply.lower() and "congratulations" not in reply.lower()


@pytest.mark.parametrize("message", [
    "my cat died. I loved her so much.",             # grave: sympathy
    "I failed my driving test again. Third time.",   # a failure: sympathy, not a laugh
    "my cat had kittens!! 5 of them",                 # good news
    "Got 7 minutes between meetings. Hi.",            # a greeting after news
    "ok I'm off to bed, bye for now",                 # a goodbye
    "Tell me a joke. A good one.",                    # a request
    "I just realized I talk to you more than my friends. is that sad",   # a question
])
def test_what_is_no_mishap(message: str) -> None:
    assert not MISHAP.search(message)


@pytest.mark.parametrize("message", ["Is it ok if I just chill today and come back tomorrow?",
                                     "can we take a 10 min break? my eyes hurt",
                                     "I skipped yesterday to binge a series. Do you forgive me?"])
async def test_leave_for_a_break_is_granted(tmp_path: Path, message: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(-0.3))
    assert reply.split("\n")[0] in chat_texts.FIRST_CHAT_BY_ACT["asks_leave"]


@pytest.mark.parametrize("message", ["just finished my homework, reward time 🍫",
                                     "I studied for 2 hours straight, do I get a medal"])
async def test_work_done_is_praised(tmp_path: Path, message: str) -> None:
    reply = await first_reply(tmp_path, message, MoodNLU(0.2))
    assert reply.split("\n")[0] in chat_texts.FIRST_CHAT_BY_ACT["effort_done"]


def test_work_someone_else_did_is_no_effort_of_the_learner() -> None:
    assert not EFFORT_DONE.search("lol my cat just walked across the keyboard and submitted my homework")


async def test_news_worth_a_congratulation_gets_one_before_the_pick(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "Got a promotion today!!! Should I buy myself something or be a responsible "
                                        "adult?", MoodNLU(0.8))
    assert reply.startswith(chat_texts.CONGRATULATIONS_FIRST)
    assert "I'd say buy yourself something" in reply and "myself" not in reply


@pytest.mark.parametrize("message", ["pizza or sushi tonight? decide for me", "hoodie or jacket today? it's 12 degrees"])
def test_a_pick_asked_first_is_a_this_or_that(message: str) -> None:
    assert "this_or_that" in read_acts(message)


@pytest.mark.parametrize("message", ["can you help me or not?", "do you like it or not? I do"])
def test_a_question_to_the_bot_with_or_is_no_pick_to_make(message: str) -> None:
    assert "this_or_that" not in read_acts(message)


async def test_i_said_inside_a_story_corrects_nothing(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "My mom asked what I'm studying and I said backprop and now she thinks I'm a "
                                        "doctor", MoodNLU(0.1))
    assert texts.MY_MISTAKE.split("{")[0] not in reply


class SureOfEverything(MoodNLU):
    """A retriever sure of an answer to anything (the trained one gave 0.90 for "honestly? pretty good today 😊")."""

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        return AnswerHit("d5-job-market", "Honestly: junior roles are competitive.", 0.95, False, "l3", (), "fact")


async def test_chat_naming_nothing_of_the_course_gets_no_knowledge_base_answer(tmp_path: Path) -> None:
    assert "junior roles" not in await first_reply(tmp_path, "honestly? pretty good today 😊", SureOfEverything(0.6))


def topic_of(message: str) -> str | None:
    from tutor.curriculum import Curriculum

    found = Curriculum.load().small_talk.find(message)
    return found.id if found else None


@pytest.mark.parametrize("message, topic", [
    ("just got home from a week in Italy", "trip-back"),
    ("Do you think it's too late for me to learn new things at 45?", "too-old"),
    ("Merhaba, bugün çok yoğun bir gündü, biraz sohbet edelim mi?", "other-language-more"),
])
def test_the_topic_a_message_tells_of_is_found(message: str, topic: str) -> None:
    assert topic_of(message) == topic


@pytest.mark.parametrize("message, not_this", [
    ("today i am very happy because my sister she is came back from abroad", "trip-back"),   # her trip, not theirs
    ("is it too late to get into ai jobs now", "too-old"),                                    # the knowledge base's
])
def test_a_topic_is_not_found_for_what_only_looks_like_it(message: str, not_this: str) -> None:
    assert topic_of(message) != not_this


@pytest.mark.parametrize("message, act, read", [
    ("I'll try it your way and report back.", "about_bot", False),       # "your" alone asks nothing of the bot
    ("is your name tutorbot?", "about_bot", True),
    ("i got a 4/10 on the quiz and i'm choosing to see that as growth", "feeling_good", False),   # a poor score
    ("I got a 9/10 on the quiz", "feeling_good", True),
])
def test_what_the_words_do_and_do_not_say(message: str, act: str, read: bool) -> None:
    assert (act in read_acts(message)) is read


async def test_bad_news_taken_back_is_a_joke(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "I'm giving up. Just kidding. But I thought about it for a solid minute.",
                              MoodNLU(-0.7))
    assert "sorry" not in reply.lower() and reply.split("\n")[0] in chat_texts.BEFORE_NEWS_CHAT_BY_ACT["funny_news"]


async def test_a_score_of_ones_own_is_no_quiz_request(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "i got a 4/10 on the quiz, room for growth", MoodNLU(0.1, intent="quiz"))
    assert "In E/T/P" not in reply                                    # the test curriculum's quiz question
