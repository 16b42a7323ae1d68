"""Chit-chat the responder was never trained for gets a line of its own (chat_cues.OWN_LINE_ACTS): a riddle is a
riddle, a fun fact a fact, a joke or a fact on the topic asked (or said to be missing), the bot's day, age and
hobbies in persona, a trip asked about, a best-of picked; family joy congratulated, a bad experience met with
sympathy, news told with a laugh laughed with; a first reply that says who the tutor is gets no second intro."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tutor.dialogue.test_chit_chat_act_rows import acts, chat_with
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.echo import best_asked, sides, topic_named

BACK = "Shall we get back to the course?"


@pytest.mark.parametrize("message, act", [
    ("know any good riddles?", "riddle"), ("got a brain teaser for me", "riddle"),
    ("share a random fact", "fun_fact"), ("teach me something new", "fun_fact"),
    ("how was your evening", "bot_day"), ("sup", "bot_day"), ("had a busy day?", "bot_day"),
    ("when were you created", "bot_age"), ("do you have any hobbies", "bot_hobby"),
    ("visiting Iceland soon, ever been there?", "been_there"),
    ("what's the best Pixar film in your opinion", "best_pick"),
    ("we got engaged last night!!", "family_joy"), ("my cousin had a baby girl, I'm a godmother now", "family_joy"),
    ("a customer screamed at me today", "mistreated"), ("i got ghosted by my friend", "mistreated"),
    ("my little brother ate my homework lol", "funny_news"),
    ("is soup a drink", "musing"), ("why do people sneeze", "musing"), ("pancakes for dinner yes or no", "musing"),
    ("sea or lake, decide now", "this_or_that"), ("feeling really inspired this morning", "good_mood"),
    ("if the moon vanished tomorrow, would the tides stop?", "musing"), ("did ya miss me", "missed_me"),
    ("in a grumpy mood this morning", "feeling_bad"), ("hey, first time here, nice to meet u", "newcomer"),
    ("lol sorry, wrong window", "wrong_chat"), ("ahhh i see", "filler"),
])
def test_chat_acts_of_their_own_are_read(message: str, act: str) -> None:
    assert act in acts(message)


def test_news_told_with_a_laugh_is_not_bad_news() -> None:
    assert "feeling_bad" not in acts("my knee hurts from dancing all night haha")


async def test_an_apology_read_as_sad_is_not_bad_news(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"my bad, ugh, wrong button": "smalltalk"}, {})   # "ugh": read as negative
    await chat("hi")
    text = await chat("my bad, ugh, wrong button")
    assert text.splitlines()[0] in texts.CHAT_BY_ACT["apology"] and BACK in text   # bad news would get no steer-back
    await chat.core.close()


@pytest.mark.parametrize("message, topic", [
    ("a joke about penguins please", "penguins"), ("any dog jokes?", "dog"), ("tell me a fun fact", None),
    ("tell me a dad joke", None),
])
def test_the_topic_a_joke_or_fact_is_asked_about(message: str, topic: str | None) -> None:
    assert topic_named(message) == topic


def test_a_best_of_a_series_picks_the_first_and_of_anything_the_classic() -> None:
    assert best_asked("which is the best Lord of the Rings book ever")[1] == {
        "thing": "Lord of the Rings book", "pick": chat_texts.PICK_OF_A_SERIES}
    assert best_asked("what's the best ice cream flavour?")[1]["pick"] == chat_texts.PICK_ANY


def test_a_hyphenated_side_is_kept_whole() -> None:
    assert sides("a cat-sized elephant or ten elephant-sized cats") == ("a cat-sized elephant", "ten elephant-sized cats")


async def test_a_riddle_a_topical_joke_and_a_missing_topic(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"riddle me this": "smalltalk", "know a joke about cats?": "smalltalk",
                                      "a joke about volcanoes pls": "smalltalk"},
                           {"riddle me this": ["Why was the gradient so sad? Because it kept vanishing."]})
    await chat("hi")
    assert "riddle" in (await chat("riddle me this")).lower()
    assert "mouse" in await chat("know a joke about cats?")
    assert "A joke about volcanoes? I only know nerdy ones" in await chat("a joke about volcanoes pls")
    await chat.core.close()


async def test_the_bots_age_and_hobbies_are_answered_in_persona(tmp_path: Path) -> None:
    canned = ["I'm tutorbot, a program, not a person: no meals, no sleep, just deep learning all day."]
    chat = await chat_with(tmp_path, {"how old r u": "smalltalk", "what do u do for fun": "smalltalk"},
                           {"how old r u": canned, "what do u do for fun": canned})
    await chat("hi")
    assert (await chat("how old r u")).splitlines()[0] in texts.CHAT_BY_ACT["bot_age"]
    assert (await chat("what do u do for fun")).splitlines()[0] in texts.CHAT_BY_ACT["bot_hobby"]
    await chat.core.close()


async def test_family_joy_is_congratulated_and_being_yelled_at_gets_sympathy(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"my brother got married, now I have a sister-in-law": "smalltalk",
                                      "the coach yelled at me in front of the team": "smalltalk"}, {})
    await chat("hi")
    assert "ongratulations" in await chat("my brother got married, now I have a sister-in-law")
    text = await chat("the coach yelled at me in front of the team")
    assert text.splitlines()[0] in texts.CHAT_BY_ACT["mistreated"] and BACK not in text
    assert "everyone finds this hard" not in text
    await chat.core.close()


async def test_a_greetings_word_in_a_this_or_that_does_not_make_it_a_greeting(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"evening walks or morning runs?": "greet"}, {})
    await chat("hi")
    text = await chat("evening walks or morning runs?")
    assert "I'd say evening walks" in text or "I'll go with morning runs" in text
    await chat.core.close()


async def test_a_first_reply_that_says_who_the_tutor_is_gets_no_second_introduction(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"are you a person?": "smalltalk"},
                           {"are you a person?": ["No, I'm tutorbot, a program that teaches deep learning."]})
    text = await chat("are you a person?")
    assert text.count("tutorbot") == 1 and "let's start" in text
    await chat.core.close()


async def test_a_hello_whose_answer_says_who_the_tutor_is_gets_no_second_introduction(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hey! are you a robot?": "greet"},
                           {"hey! are you a robot?": ["Yes, I'm tutorbot, a program that teaches deep learning."]})
    text = await chat("hey! are you a robot?")
    assert text.count("tutorbot") == 1 and "let's start" in text
    await chat.core.close()


async def test_a_newcomers_hello_is_welcomed_not_told_all_is_good(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hey everyone, I'm new here, nice to meet you all": "greet"}, {})
    text = await chat("hey everyone, I'm new here, nice to meet you all")
    assert "welcome" in text.lower() and "thanks for asking" not in text
    await chat.core.close()
