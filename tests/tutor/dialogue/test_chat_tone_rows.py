"""Chit-chat answered in its own tone (issue 19): the bot's looks, wellbeing, meals and films each get their own
answer, kindness asked for gets some, a planned trip is no goodbye, boredom with nothing under way is chat, an
achievement is congratulated, excitement with no news is asked about, everyday news is no bad news, and chat that
says nothing of the course never gets the course's pep talk."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tutor.dialogue.test_chit_chat_act_rows import acts, chat_with
from tests.tutor.test_dialogue import Chat, GloomyNLU, build_curriculum, fake_draw
from bot.core import open_core
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.echo import said_about, sides

PEP_TALK = "everyone finds this hard"


@pytest.mark.parametrize("message, act", [
    ("how do you look, are you a robot with eyes", "bot_looks"), ("r u ok", "bot_ok"),
    ("you sound tired today", "bot_ok"), ("did you watch the last season of that show", "seen_film"),
    ("what are you having for dinner", "bot_meal"), ("cheer me up please", "wants_kindness"),
    ("off to Lisbon next month for a week!", "trip_plans"), ("flying to Oslo tomorrow", "trip_plans"),
    ("ugh so bored rn", "bored_chat"), ("we won the chess tournament", "feeling_good"),
    ("finally ran my first half marathon", "feeling_good"), ("so hyped right now", "excited"),
    ("honestly not a great day", "feeling_bad"), ("you there?", "still_there"), ("is anybody here", "still_there"),
    ("do you ever get tired of teaching", "bot_state"), ("my dog keeps stealing my socks", "pet_antics"),
    ("why does my sister always sing in the shower", "musing"),
])
def test_chat_acts_of_tone_are_read(message: str, act: str) -> None:
    assert act in acts(message)


@pytest.mark.parametrize("message", ["going to bed now", "heading to work", "do you get bored?",
                                     "my dog keeps being sick"])
def test_no_trip_boredom_or_antics_where_there_is_none(message: str) -> None:
    assert not acts(message) & {"trip_plans", "bored_chat", "pet_antics"}


def test_an_achievement_is_said_back_with_congratulations() -> None:
    assert said_about("feeling_good", "my sister won the spelling bee") == (
        "feeling_good", {"news": "your sister won the spelling bee"})
    assert said_about("feeling_good", "merry christmas everyone") is None   # a wish, no news


def test_a_this_or_that_side_is_a_short_noun_phrase_not_a_verdict() -> None:
    assert sides("is cereal for dinner fine or a crime") is None
    assert said_about("likes", "do you like summer or winter more") == ("this_or_that", {"a": "summer", "b": "winter"})


@pytest.mark.parametrize("message, sad", [("i baked cookies with my niece today 🍪", False),
                                          ("my grandma is in the hospital", True)])
async def test_everyday_news_read_as_sad_is_not_bad_news(tmp_path: Path, message: str, sad: bool) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=GloomyNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("hi")
    text = await chat(message)
    assert ("sorry" in text.splitlines()[0].lower()) is sad, text   # "I'm sorry your grandma is in the hospital"
    await core.close()


@pytest.mark.parametrize("message, lines", [
    ("what do you look like irl", chat_texts.FIRST_CHAT_BY_ACT["bot_looks"]),
    ("have you seen the new batman movie", chat_texts.FIRST_CHAT_BY_ACT["seen_film"]),
    ("off to Lisbon next month for a week!", chat_texts.FIRST_CHAT_BY_ACT["trip_plans"]),
])
async def test_own_answers_win_over_the_responder_and_the_goodbye(tmp_path: Path, message: str,
                                                                  lines: tuple[str, ...]) -> None:
    chat = await chat_with(tmp_path, {message: "goodbye"}, {message: ["I'm tutorbot, a program, not a person."]})
    await chat("hi")
    text = await chat(message)
    assert text.splitlines()[0] in lines, text
    await chat.core.close()


async def test_boredom_with_nothing_under_way_is_chat_not_a_harder_item(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {}, {})
    text = await chat("soooo bored today")
    assert text.splitlines()[0] in chat_texts.FIRST_CHAT_BY_ACT["bored_chat"] and "tougher" not in text, text
    await chat.core.close()


@pytest.mark.parametrize("message", ["finally sold my old car 🚗", "honestly not a great day", "whoa no way"])
async def test_chat_off_the_course_read_as_negative_gets_no_pep_talk(tmp_path: Path, message: str) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=GloomyNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    text = await chat(message)
    assert PEP_TALK not in text and not (set(texts.CHAT_BY_ACT["feeling_good"]) & set(text.splitlines())), text
    await core.close()


async def test_a_first_word_with_no_hello_gets_no_hi(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"for real wow": "deny"}, {})
    text = await chat("for real wow")
    assert not text.startswith("Hi"), text
    await chat.core.close()
