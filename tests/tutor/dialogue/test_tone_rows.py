"""Tone: each situation its own answer, and the same encouragement never twice in a row."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, GloomyNLU, RuleNLU, build_curriculum, fake_draw, read_as


async def test_insult_gets_a_calm_answer_not_encouragement(chat: Chat) -> None:
    text = await chat("you are useless, I hate this")
    assert "not being helpful" in text and "everyone finds this hard" not in text
    assert chat.options[0] == "Explain again"


async def test_too_easy_raises_the_level_and_asks_a_harder_item(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz")
    assert chat.pending().exercise_id == "ex-choice"          # difficulty 1
    text = await chat("ugh these are too easy, give me the hardest")
    assert "harder" in text.lower() and "everyone finds this hard" not in text
    assert chat.pending().exercise_id == "ex-gd"              # difficulty 2, from another lesson's concept
    assert chat.state().misses == 0


async def test_tired_gets_a_break_not_a_hint(chat: Chat) -> None:
    await chat("/lesson l1")
    text = await chat("I'm so tired, my brain is fried")
    assert "break" in text and "saved" in text


async def test_tired_before_any_lesson_gets_rest_first_not_todays_lesson(chat: Chat) -> None:
    text = await chat("I'm exhausted, long week")
    assert "rest" in text.lower() and "today's lesson" not in text and "break" not in text


async def test_encouragement_is_never_the_same_twice_in_a_row(chat: Chat) -> None:
    await chat("/lesson l1")
    first = await chat("ugh I'm so confused")
    second = await chat("ugh I'm still lost")
    assert first.split(".")[0] != second.split(".")[0]


class Responder(RuleNLU):
    """The responder's replies of a teacher's trial, each to another speech act than the message's."""

    def __init__(self) -> None:
        super().__init__(responder=True)

    def __call__(self, text: str):
        analysis = RuleNLU.__call__(self, text)
        if text in ("good night!", "you're pretty smart"):
            read_as(analysis, "smalltalk")
        return analysis

    def respond(self, text: str, context=(), **_) -> str | None:
        return {"good night!": "Hello! Ready to learn some deep learning today?",
                "you're pretty smart": "Sorry about your day. I'm here whenever you want to learn."}.get(text, "Sure!")


async def test_a_chit_chat_reply_to_another_speech_act_is_not_sent(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=Responder(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    assert "Ready to learn" not in await chat("good night!")
    assert "Sorry about your day" not in await chat("you're pretty smart")
    await core.close()


async def test_an_insult_about_the_bot_and_a_coffee_break_get_their_own_answers(chat: Chat) -> None:
    assert "not being helpful" in await chat("this bot is stupid and useless")
    assert "saved" in await chat("brb getting coffee")


def test_replies_that_answer_another_speech_act_are_recognised() -> None:
    # from 110 chit-chat prompts written blind: lines meant for other messages
    from tests.tutor.test_dialogue import build_curriculum
    from tutor.dialogue.signals import Signals
    from tutor.dialogue.state import DialogueState

    def contradicted(message: str, reply: str) -> bool:
        signals = Signals(message, None, None, DialogueState("t"), build_curriculum(), lambda word: [])
        return signals.contradicted_by(reply)

    assert contradicted("I'm so happy today", "I'm sorry to hear that. Be kind to yourself today.")
    assert contradicted("bye!", "Hi! Let's make some progress in the course today.")
    assert contradicted("I not understand you", "You're welcome! I'm glad the lesson helped.")
    assert contradicted("I have a cat", "Good question for another time! Want to pick up where we left off?")
    assert not contradicted("thank you!", "You're welcome! I'm glad the lesson helped.")
    assert not contradicted("I failed my exam", "I'm sorry to hear that. Be kind to yourself today.")


@pytest.mark.parametrize("situation, message, lines", [
    ("frustration", "ugh I'm so confused", "ENCOURAGE"), ("boredom", "I'm bored", "BORED"),
    ("too easy", "these are too easy", "HARDER"), ("insult", "you are useless", "CALM"),
    ("tiredness", "I'm so tired", "BREAK"),
])
async def test_each_situation_has_its_own_lines_never_the_same_twice_in_a_row(
        chat: Chat, situation: str, message: str, lines: str) -> None:
    from tutor.dialogue import texts

    await chat("/lesson l1")
    said = [await chat(message) for _ in range(3)]
    firsts = [next(line for line in getattr(texts, lines) if line in text) for text in said]
    assert firsts[0] != firsts[1] != firsts[2], situation


async def test_review_with_nothing_studied_offers_a_lesson_not_praise(chat: Chat) -> None:
    from tutor.dialogue import texts

    text = await chat("/review")
    assert "well remembered" not in text and text == texts.NOTHING_TO_REVIEW_YET
    assert chat.options[0] == "Start Day 1"


async def test_review_after_practice_with_nothing_due_still_praises(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz")
    await chat("the performance measure")
    assert "well remembered" in await chat("/review")


async def test_a_follow_up_after_an_answer_is_about_the_answered_question(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz")
    await chat("the performance measure")
    text = await chat("why is that?")
    assert "couldn't find" not in text and ("ETP" in text or "experience, task, performance" in text.lower())


@pytest.mark.parametrize("message, encouraged", [
    ("relu neurons can die, isn't that worse than sigmoid?", False),
    ("the slides write minus grad C, a typo?", False),
    ("stop telling me everyone finds this hard. lstm vs gru", False),
    ("this is frustrating, you keep answering other stuff", True),       # stuck, and says so
    ("that's not what I asked. gradient descent against the normal equation", False),
    ("i'm so lost, what is a gradient even?", True),
    ("ugh I'm so confused", True),
    ("for a cancer screening test we care about precision, so we don't miss sick people. right?", False),
    ("This is broken. Moving on. Why do CNNs use max pooling at all?", False),
    ("what mean squashes? i dont understand this word", False),
])
async def test_a_question_or_challenge_read_as_negative_gets_no_pep_talk(tmp_path: Path, message: str,
                                                                         encouraged: bool) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=GloomyNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson l1")
    text = await chat(message)
    assert ("everyone finds this hard" in text or "normal place to get stuck" in text
            or "Being confused" in text or "Hang in there" in text) is encouraged, text
    await core.close()
