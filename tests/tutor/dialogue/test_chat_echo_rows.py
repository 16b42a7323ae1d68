"""Everyday chit-chat answered in kind: news said back, a this-or-that picked, the bot's taste asked answered
naming what was asked; playful or big questions are chat whatever the NLU reads; harmless chat is never
refused; a birthday or a good mood is not "well done"; no "back to the course?" after bad news or after a
reply that asks something; a new learner's first chat is answered before the one-line introduction."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tutor.dialogue.test_chit_chat_act_rows import acts, chat_with
from tutor.dialogue import texts
from tutor.dialogue.echo import news_said_back, sides, taste_asked

BACK = "Shall we get back to the course?"


@pytest.mark.parametrize("message, said_back", [
    ("my sister got married last weekend", "your sister got married last weekend"),
    ("I'm baking bread for my neighbours", "you're baking bread for your neighbours"),
    ("we adopted a kitten, she is tiny", "you adopted a kitten"),
    ("finally finished my thesis lol", "you finally finished your thesis"),
    ("I was at a concert with my brother", "you were at a concert with your brother"),
])
def test_news_is_said_back_with_its_pronouns_turned(message: str, said_back: str) -> None:
    assert news_said_back(message) == said_back


def test_a_long_rambling_message_is_not_parroted() -> None:
    assert news_said_back("i spent the whole afternoon at the old library downtown reading about medieval castles") \
        is None


@pytest.mark.parametrize("message, asked", [
    ("what games do you play?", ("games", True)), ("whats ur favourite season", ("season", True)),
    ("do you like jazz?", ("jazz", False)), ("do you like it?", None),
])
def test_the_thing_a_taste_question_names(message: str, asked: tuple[str, bool] | None) -> None:
    assert taste_asked(message) == asked


@pytest.mark.parametrize("message, both", [
    ("pizza or burgers?", ("pizza", "burgers")), ("which is nicer, trains or planes?", ("trains", "planes")),
    ("sunrise or sunset, which one do you like more", ("sunrise", "sunset")),
])
def test_the_two_sides_of_a_this_or_that(message: str, both: tuple[str, str]) -> None:
    assert sides(message) == both


@pytest.mark.parametrize("message, act", [
    ("it's my 21st birthday!", "birthday"), ("i'm in a great mood today", "good_mood"), ("knock, knock", "knock_knock"),
    ("could we talk for a while about anything?", "just_chat"), ("if you were a fruit which one would you be", "hypothetical"),
    ("do you believe in ghosts", "musing"), ("is it rude to eat on the bus?", "musing"), ("long day at work", "feeling_bad"),
])
def test_new_speech_acts_are_read(message: str, act: str) -> None:
    assert act in acts(message)


def test_the_bot_asked_about_itself_is_not_the_learner_feeling_bad() -> None:
    assert "feeling_bad" not in acts("do you ever get tired of chatting with me?")


async def test_news_gets_a_reply_that_names_it(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"i adopted a kitten named Mochi": "smalltalk"}, {})
    await chat("hi")
    text = await chat("i adopted a kitten named Mochi")
    assert "you adopted a kitten named Mochi" in text and "Thanks for telling me! I'm only a bot" not in text
    await chat.core.close()


async def test_a_this_or_that_picks_one_and_asks_back_without_the_steer_back(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"pizza or burgers?": "smalltalk"}, {})
    await chat("hi")
    text = await chat("pizza or burgers?")
    assert "I'd say pizza" in text and "burgers" in text and text.rstrip().endswith("?") and BACK not in text
    await chat.core.close()


async def test_a_big_question_read_as_start_is_chat_not_the_first_lesson(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"do you believe in ghosts": "start_lesson"}, {})
    await chat("hi")
    text = await chat("do you believe in ghosts")
    assert "Day 1" not in text and text.splitlines()[0] in texts.CHAT_BY_ACT["musing"]
    await chat.core.close()


async def test_knock_knock_read_as_anything_gets_whos_there(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"knock knock!": "repeat"}, {})
    await chat("hi")
    assert "Who's there?" in await chat("knock knock!")
    await chat.core.close()


async def test_harmless_chat_read_as_out_of_scope_is_never_refused(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hey whats new": "out_of_scope", "just got back from the gym": "out_of_scope"}, {})
    await chat("hi")
    for message in ("hey whats new", "just got back from the gym"):
        text = await chat(message)
        assert texts.CANNOT_HELP not in text and "beyond me" not in text.lower()
    await chat.core.close()


async def test_a_birthday_and_a_good_mood_are_not_praised_as_achievements(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"it's my birthday today!": "smalltalk", "i'm feeling so happy today": "smalltalk"},
                           {"it's my birthday today!": ["Wow, well done! I'm happy for you."],
                            "i'm feeling so happy today": ["That's great news, congratulations!"]})
    await chat("hi")
    assert "Happy birthday" in await chat("it's my birthday today!")
    text = await chat("i'm feeling so happy today")
    assert "congratulations" not in text.lower() and "glad" in text.lower()
    await chat.core.close()


async def test_no_steer_back_to_the_course_after_bad_news(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"my uncle had an accident": "smalltalk"}, {})
    await chat("hi")
    text = await chat("my uncle had an accident")
    assert BACK not in text and "sorry your uncle had an accident" in text   # the sympathy names the news
    await chat.core.close()


async def test_a_first_message_of_chat_is_answered_before_a_one_line_introduction(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"we went camping by the lake": "smalltalk"}, {})
    text = await chat("we went camping by the lake")
    assert text.startswith("Oh, you went camping by the lake!") and "I'm tutorbot" in text
    assert BACK not in text and texts.INTRODUCTION not in text
    await chat.core.close()


async def test_a_first_hello_with_news_answers_the_news_too(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hello! just finished my night shift": "greet"}, {})
    text = await chat("hello! just finished my night shift")
    assert "you just finished your night shift" in text and texts.INTRODUCTION not in text and "I'm tutorbot" in text
    assert "Start Day 1" in chat.options
    await chat.core.close()


async def test_a_bare_hello_still_gets_the_whole_introduction(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"good morning!": "greet"}, {})
    text = await chat("good morning!")
    assert texts.INTRODUCTION in text and text.startswith("Hi!")   # the row "new learner's hello"
    await chat.core.close()


async def test_a_hello_with_news_after_the_introduction_answers_the_news_not_hi_again(tmp_path: Path) -> None:
    """A tester's "heyyy :) how are you today?" right after /start's introduction had got only "Hi again!"."""
    chat = await chat_with(tmp_path, {"hello! just finished my night shift": "greet", "hi": "greet"}, {})
    await chat("/start")
    text = await chat("hello! just finished my night shift")
    assert "you just finished your night shift" in text and "Hi again" not in text and "I'm tutorbot" not in text
    assert "Start Day 1" in chat.options
    assert texts.HI_AGAIN in await chat("hi")          # a bare hello: the short one
    await chat.core.close()


def test_the_courses_comfort_answers_a_learner_stuck_on_it_not_loneliness() -> None:
    from tests.tutor.dialogue.test_chit_chat_act_rows import contradicted
    comfort = "It's okay to struggle, that's how the learning happens. Which concept shall we look at again?"
    assert contradicted("i miss my friends back home", comfort)
    assert not contradicted("this is so confusing", comfort)


@pytest.mark.parametrize("message", ["which is better, tea or juice?", "what's nicer: rain or snow"])
def test_a_which_is_better_question_is_a_this_or_that(message: str) -> None:
    assert "this_or_that" in acts(message)


async def test_asked_to_imagine_the_bot_picks_something_of_that_kind(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"if u had a superpower what would it be": "smalltalk",
                                      "would you rather live on the moon or under the sea": "out_of_scope"}, {})
    await chat("hi")
    assert "library" in await chat("if u had a superpower what would it be")
    text = await chat("would you rather live on the moon or under the sea")
    assert "the moon" in text and "under the sea" in text and texts.CANNOT_HELP not in text
    await chat.core.close()
