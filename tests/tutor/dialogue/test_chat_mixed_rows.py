"""Chit-chat a blind set of everyday prompts found wanting (issue 19): news with a good and a bad part answered in
both, everyday news the small sentiment model reads as mildly negative is no bad news, a reaction as a first message
asked about, "thanks for nothing" an apology whatever the sentiment, staying to chat is no goodbye, a pick for "is X
better than Y" and for "the best movie", "let's go" starts the course, and "about you" said back as "about me"."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from nlp.types import Analysis, Sentiment
from tests.tutor.dialogue.test_chit_chat_act_rows import acts, chat_with
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as
from tutor.dialogue import chat_texts
from tutor.dialogue.echo import said_about, sides, turned
from tutor.dialogue.mixed_news import news_parts


class MoodNLU(RuleNLU):
    """Every message read as smalltalk, with the sentiment ``score`` (the trained model reads "I told my friend
    about you, she wants to try too" at -0.71)."""

    def __init__(self, score: float, intent: str = "smalltalk") -> None:
        super().__init__(responder=True)
        self.score, self.intent = score, intent

    def __call__(self, text: str) -> Analysis:
        analysis = read_as(RuleNLU.__call__(self, text), self.intent)
        analysis.sentiment = Sentiment("negative" if self.score < 0 else "positive", self.score)
        return analysis

    def respond(self, text: str, context: object = (), **_: object) -> str | None:
        return None


async def first_reply(tmp_path: Path, message: str, nlu: RuleNLU) -> str:
    core = open_core(None, tmp_path / "t.db", pipeline=nlu, curriculum=build_curriculum(), draw=fake_draw)
    text = await Chat(core)(message)
    await core.close()
    return text


@pytest.mark.parametrize("message, good, bad", [
    ("passed my driving test but crashed my bike on the way home lol", "passed my driving test",
     "crashed my bike on the way home lol"),
    ("my sister is having a baby and my car broke down, what a week", "my sister is having a baby",
     "my car broke down"),
])
def test_news_with_a_good_and_a_bad_part_is_read_as_both(message: str, good: str, bad: str) -> None:
    assert news_parts(message) == (good, bad)


@pytest.mark.parametrize("message", ["got a B on my exam, kinda disappointed honestly", "I got the job!!",
                                     "my cat died and I'm so sad", "passed my exam and I'm so happy"])
def test_one_piece_of_news_and_a_feeling_about_it_is_no_mix(message: str) -> None:
    assert news_parts(message) is None


async def test_mixed_news_gets_the_congratulation_and_the_sympathy(tmp_path: Path) -> None:
    text = await first_reply(tmp_path, "passed my driving test but crashed my bike on the way home lol", MoodNLU(0.2))
    first = text.splitlines()[0]
    assert first.startswith("You passed your driving test: congratulations!"), first
    assert "you crashed your bike on the way home? I'm sorry" in first
    assert "Shall we" not in text   # bad news in it: no push back to the course


def test_mixed_news_without_short_parts_gets_the_general_line() -> None:
    long = ("finally finished the whole renovation of the old house we bought last spring but then my car crashed "
            "into the garage door on the very first night")
    assert news_parts(long) is not None and said_about("mixed_news", long) is None
    assert "congratulations on the good part" in chat_texts.FIRST_CHAT_BY_ACT["mixed_news"][0]


@pytest.mark.parametrize("score, sorry", [(-0.71, False), (-0.9, True)])
async def test_news_is_bad_news_by_sentiment_alone_only_when_the_model_is_sure(tmp_path: Path, score: float,
                                                                              sorry: bool) -> None:
    text = await first_reply(tmp_path, "I told my friend about you, she wants to try too", MoodNLU(score))
    assert ("sorry" in text.splitlines()[0].lower()) is sorry, text


def test_news_about_the_bot_is_said_back_as_about_me() -> None:
    assert turned("told my friend about you") == "told your friend about me"
    assert turned("you were right") == "you were right"   # "you" as a subject stays


@pytest.mark.parametrize("message", ["fair enough", "that's wild", "love that", "wait really?", "hmm not convinced",
                                     "ok cool", "bruh"])
async def test_a_reaction_as_the_first_message_asks_what_it_is_about(tmp_path: Path, message: str) -> None:
    text = await first_reply(tmp_path, message, MoodNLU(0.1))
    assert text.splitlines()[0] in chat_texts.REACTION_TO_NOTHING, text


async def test_thanks_for_nothing_read_as_positive_still_gets_an_apology(tmp_path: Path) -> None:
    text = await first_reply(tmp_path, "wow thanks for nothing", MoodNLU(0.6, intent="thanks"))
    assert "welcome" not in text.lower() and text.startswith("Sorry"), text


async def test_staying_to_chat_read_as_a_goodbye_is_no_goodbye(tmp_path: Path) -> None:
    text = await first_reply(tmp_path, "I'll come back to the lessons later, just wanna chat for a bit",
                             MoodNLU(0.1, intent="goodbye"))
    assert "bye" not in text.lower() and "chat" in text.splitlines()[0].lower(), text


def test_is_x_better_than_y_is_a_this_or_that() -> None:
    assert "this_or_that" in acts("do you think Messi is better than Ronaldo")
    assert sides("do you think Messi is better than Ronaldo") == ("Messi", "Ronaldo")


@pytest.mark.parametrize("message, pick", [
    ("what's the best movie of all time in your opinion", "2001"),
    ("which is the best harry potter movie", "the first one"),
    ("whats the best season", "autumn"),
])
def test_the_best_of_a_kind_gets_a_pick_of_that_kind(message: str, pick: str) -> None:
    found = said_about("best_pick", message)
    assert found is not None and pick in found[1]["pick"]


async def test_lets_go_as_a_first_message_starts_the_course(tmp_path: Path) -> None:
    text = await first_reply(tmp_path, "🔥🔥🔥 lets goooo", MoodNLU(0.5))   # read as chat by the trained model
    assert "Day 1" in text and "What learning means" in text, text


async def test_a_break_asked_for_is_granted(chat) -> None:
    text = await chat("can we take a break?")
    assert "break" in text.lower() and "happiest when we're learning" not in text, text
