"""Chit-chat by speech act: a reply that answers another act than the message's is not sent (the responder's next
candidate, else a line written for the message's act, never the same twice in a row), and a greeting, goodbye or
thanks the NLU reads into words that do not say it is chit-chat."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core import open_core
from nlp.types import IntentScore
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.dialogue import texts
from tutor.dialogue.signals import Signals
from tutor.dialogue.state import DialogueState

GENERIC = "Let's get back to learning: how about a quick quiz on today's topic?"


class ScriptedResponder(RuleNLU):
    """An NLU with the intents of ``intents`` and a responder whose candidates, best first, are ``candidates``."""

    def __init__(self, intents: dict[str, str], candidates: dict[str, list[str]]) -> None:
        super().__init__(responder=True)
        self.intents, self.candidates = intents, candidates

    def __call__(self, text: str):
        analysis = RuleNLU.__call__(self, text)
        if text in self.intents:
            analysis.intent = IntentScore(self.intents[text], 0.95)
            analysis.intent_ranking = [analysis.intent]
        return analysis

    def respond(self, text: str, context: Any = (), *, refuse: Callable[[str], bool] | None = None,
                fallback: bool = True) -> str | None:
        kept = [reply for reply in self.candidates.get(text, []) if not (refuse and refuse(reply))]
        return kept[0] if kept else (GENERIC if fallback else None)


async def chat_with(tmp_path: Path, intents: dict[str, str], candidates: dict[str, list[str]]) -> Chat:
    core = open_core(None, tmp_path / "t.db", pipeline=ScriptedResponder(intents, candidates),
                     curriculum=build_curriculum(), draw=fake_draw)
    return Chat(core)


def acts(message: str) -> frozenset[str]:
    return Signals(message, None, None, DialogueState("t"), build_curriculum(), lambda word: []).speech_acts


def contradicted(message: str, reply: str) -> bool:
    return Signals(message, None, None, DialogueState("t"), build_curriculum(), lambda word: []).contradicted_by(reply)


@pytest.mark.parametrize("message, act", [
    ("see ya tomorrow", "goodbye"), ("off to bed, night", "goodbye"), ("thank u", "thanks"), ("my bad", "apology"),
    ("you're a genius", "compliment"), ("i love u bot ❤️", "compliment"), ("this app sucks", "insult"),
    ("uff", "sigh"), ("I'm stuck", "frustration"), ("my hamster died", "feeling_bad"), ("I got the job!", "feeling_good"),
    ("heya", "greeting"), ("👋", "greeting"), ("how old are you", "about_bot"), ("tell me a joke", "asks_joke"),
    ("order me a taxi", "request"), ("lol", "filler"), ("😂", "filler"),
])
def test_speech_acts_are_read_from_cue_words(message: str, act: str) -> None:
    assert act in acts(message)


def test_a_plain_statement_performs_no_act() -> None:
    assert acts("I have two cats") == frozenset()


@pytest.mark.parametrize("message, reply", [
    ("i love u bot ❤️", "You're not stupid: deep learning is hard. Take a breath, and let's try a simpler example."),
    ("you're pretty smart", "Sorry about your day. I'm here whenever you want to learn."),
    ("uff", "Bye for now! Remember to review what we learned."),
    ("ok that was easy lol", "You're welcome! I'm glad the lesson helped."),
    ("good night!", "Hello! Ready to learn some deep learning today?"),
    ("nice", "Thank you! You're a great learner."),
    ("so sleepy right now", "Fantastic! That's real progress."),
    ("so hot today ugh", "Why was the gradient so sad? Because it kept vanishing."),
    ("lol", "Hi! Let's make some progress in the course today."),
])
def test_a_reply_to_another_speech_act_is_recognised(message: str, reply: str) -> None:
    assert contradicted(message, reply)


@pytest.mark.parametrize("message, reply", [
    ("thanks a lot", "You're welcome! Happy to help."), ("hey there", "Hi! Good to see you."),
    ("bye!", "See you soon! Remember to review what we learned."), ("my dog died", "Oh no, I'm so sorry to hear that."),
    ("i passed!", "Congratulations! That's wonderful news."), ("you're awesome", "Thank you, that made my day!"),
    ("tell me a joke", "Why was the gradient so sad? Because it kept vanishing."),
    ("I have two cats", "How lovely! Networks learn to tell cats from dogs on day 3."),
])
def test_a_reply_to_the_same_speech_act_is_kept(message: str, reply: str) -> None:
    assert not contradicted(message, reply)


async def test_the_next_candidate_is_sent_when_the_first_answers_another_act(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"i love u bot ❤️": "smalltalk"}, {"i love u bot ❤️": [
        "I'm sorry to hear that. Be kind to yourself today.", "Aw, thanks! I enjoy teaching you too."]})
    text = await chat("i love u bot ❤️")
    assert "Aw, thanks!" in text and "sorry" not in text.lower()
    await chat.core.close()


async def test_without_a_fitting_candidate_the_acts_own_lines_answer_never_twice_alike(tmp_path: Path) -> None:
    wrong = ["Hello! Ready to learn some deep learning today?"]
    chat = await chat_with(tmp_path, {"you're a genius": "smalltalk"}, {"you're a genius": wrong})
    first, second = await chat("you're a genius"), await chat("you're a genius")
    assert "Hello!" not in first + second and GENERIC not in first + second
    assert first.splitlines()[0] in texts.CHAT_BY_ACT["compliment"]
    assert first.splitlines()[0] != second.splitlines()[0]
    await chat.core.close()


async def test_uff_read_as_goodbye_is_not_answered_bye(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"uff": "goodbye"}, {"uff": ["Bye for now! See you soon."]})
    text = await chat("uff")
    assert "bye" not in text.lower() and texts.GOODBYE not in text
    await chat.core.close()


async def test_a_heart_read_as_thanks_is_not_answered_you_are_welcome(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"❤️": "thanks"}, {"❤️": ["You're welcome! Shall we keep going?"]})
    assert "welcome" not in (await chat("❤️")).lower()
    await chat.core.close()


async def test_ok_that_was_easy_gets_a_harder_item_not_you_are_welcome(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"ok that was easy lol": "thanks"},
                           {"ok that was easy lol": ["You're welcome! Shall we keep going?"]})
    await chat("/lesson l1")
    text = await chat("ok that was easy lol")
    assert "welcome" not in text.lower() and text.splitlines()[0] in texts.HARDER
    await chat.core.close()


async def test_a_real_goodbye_is_still_a_goodbye(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"see you tomorrow": "goodbye"}, {})
    assert texts.GOODBYE in await chat("see you tomorrow")
    await chat.core.close()


async def test_an_apology_or_sad_news_the_nlu_reads_as_a_request_is_chit_chat(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"sorry I was away for so long": "repeat", "my cat died last week": "progress"}, {})
    assert (await chat("sorry I was away for so long")).splitlines()[0] in texts.CHAT_BY_ACT["apology"]
    text = await chat("my cat died last week")
    assert text.splitlines()[0] in texts.CHAT_BY_ACT["feeling_bad"] and "Your progress" not in text
    await chat.core.close()


async def test_with_a_question_open_a_sigh_still_climbs_the_help_ladder(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"ugh this is so hard, sorry": "deny"}, {})
    await chat("/lesson l1")
    await chat("/quiz")
    assert "Hint: P measures something." in await chat("ugh this is so hard, sorry")
    await chat.core.close()


async def test_a_request_naming_the_course_is_not_taken_for_chit_chat(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"sorry, what is gradient descent?": "ask_concept"}, {})
    assert "Gradient descent" in await chat("sorry, what is gradient descent?")
    await chat.core.close()
