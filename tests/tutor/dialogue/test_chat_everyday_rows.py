"""Everyday chit-chat the persona data was not written for: a learner back again, a goodnight, their own good and bad
news, advice asked on something of life, a this-or-that or a silly debate, what the bot cannot know, a reaction with
nothing before it, and a hello that says who they are (rows of tutor.dialogue.chat_rules and tutor.dialogue.rules)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.dialogue.test_chit_chat_act_rows import acts, chat_with
from tests.tutor.test_dialogue import Chat, GloomyNLU, build_curriculum, fake_draw, read_as
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.chat_cues import ASKS_FOR_FUN
from tutor.dialogue.echo import said_about, sides

BACK = "Shall we get back to the course?"


class GloomyChatNLU(GloomyNLU):
    """Every message chit-chat, read as negative (the trained sentiment model read "I got an A" so)."""

    def __call__(self, text: str):
        return read_as(GloomyNLU.__call__(self, text), "smalltalk")


@pytest.mark.parametrize("message, act", [
    ("nite nite 😴", "goodnight"), ("ok off to bed, night", "goodnight"), ("heading to sleep now", "goodnight"),
    ("hiya again, it's me!", "returning"), ("I'm back, had to walk the dog", "returning"),
    ("back from class", "returning"), ("did u catch the match last night?", "cant_know"),
    ("is it sunny where you are", "cant_know"), ("what did you do this weekend", "cant_know"),
    ("any tips? I keep worrying about work", "asks_advice"), ("my brother is angry with me", "sad_news"),
    ("u ok?", "bot_ok"), ("how have you been", "bot_ok"), ("rain or snow, which is nicer", "this_or_that"),
    ("can a burrito be a sandwich", "musing"), ("i'm from Kenya", "self_intro"), ("my favourite season is autumn", "own_taste"),
])
def test_everyday_acts_are_read(message: str, act: str) -> None:
    assert act in acts(message)


@pytest.mark.parametrize("message, act", [
    ("go back to day 2", "returning"), ("I just got back from the gym", "returning"), ("any tips for backprop?", "asks_advice"),
    ("is relu linear?", "musing"), ("I love this lesson", "own_taste"), ("what did you mean by loss?", "cant_know"),
])
def test_course_messages_are_not_read_as_everyday_acts(message: str, act: str) -> None:
    assert act not in acts(message)


def test_a_choice_asked_of_a_subject_has_its_sides_after_it() -> None:
    assert sides("is math invented or discovered") == ("invented", "discovered")
    assert sides("is a tomato a fruit or a vegetable?") == ("a fruit", "a vegetable")


def test_advice_and_what_cannot_be_known_are_by_topic() -> None:
    assert said_about("asks_advice", "any advice? I can't sleep") == ("advice_sleep", {})
    assert said_about("cant_know", "did you watch the game yesterday") == ("cant_know_sport", {})
    assert said_about("cant_know", "how was your weekend") == ("cant_know_weekend", {})


@pytest.mark.parametrize("message, intent", [("gnight, sleep tight 😴", "smalltalk"), ("bye, going to bed", "goodbye")])
async def test_a_goodnight_gets_a_goodnight_not_sympathy(tmp_path: Path, message: str, intent: str) -> None:
    chat = await chat_with(tmp_path, {message: intent}, {})
    text = await chat(message)
    assert text in chat_texts.FIRST_CHAT_BY_ACT["goodnight"] and "sorry" not in text.lower(), text
    await chat.core.close()


@pytest.mark.parametrize("message, intent", [("hello again, it's me", "greet"), ("back from my lunch break", "smalltalk")])
async def test_a_learner_back_again_is_welcomed_back_not_introduced(tmp_path: Path, message: str, intent: str) -> None:
    chat = await chat_with(tmp_path, {message: intent}, {})
    text = await chat(message)
    assert text.splitlines()[0] in chat_texts.WELCOME_BACK_NEW and texts.INTRODUCTION not in text, text
    await chat.core.close()


async def test_a_learner_back_in_a_lesson_is_told_where_they_were(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"heyy, I'm back": "greet"}, {})
    await chat("hi")
    await chat("let's start")
    assert "You were in Day 1" in await chat("heyy, I'm back")
    await chat.core.close()


@pytest.mark.parametrize("message, intent", [("whoa", "smalltalk"), ("oh really?", "greet"), ("no way!", "deny")])
async def test_a_reaction_as_the_first_message_assumes_nothing_was_said(tmp_path: Path, message: str, intent: str) -> None:
    chat = await chat_with(tmp_path, {message: intent}, {message: ["Right? Deep learning is full of surprises."]})
    text = await chat(message)
    assert text.splitlines()[0] in chat_texts.REACTION_TO_NOTHING and "Deep learning is full" not in text, text
    await chat.core.close()


async def test_a_reaction_in_a_lesson_is_left_to_the_responder(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"whoa": "smalltalk"}, {"whoa": ["Right? Deep learning is full of surprises."]})
    await chat("hi")
    assert "Deep learning is full of surprises" in await chat("whoa")
    await chat.core.close()


async def test_good_news_is_cheered_and_said_back(tmp_path: Path) -> None:
    message = "my dog had puppies!! six of them"
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {message: ["Thanks for telling me!"]})
    text = await chat(message)
    assert "your dog had puppies" in text and "wonderful" in text and "Thanks for telling me" not in text, text
    await chat.core.close()


async def test_bad_news_gets_sympathy_that_names_it_and_no_steer_back(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"my flatmate is mad at me": "smalltalk"}, {})
    await chat("hi")
    text = await chat("my flatmate is mad at me")
    assert "sorry your flatmate is mad at you" in text and BACK not in text, text
    await chat.core.close()


async def test_advice_asked_gets_one_suggestion_on_its_topic(tmp_path: Path) -> None:
    message = "need some advice, I can't sleep lately"
    chat = await chat_with(tmp_path, {message: "out_of_scope"}, {})
    await chat("hi")
    text = await chat(message)
    assert text.splitlines()[0] in chat_texts.ABOUT_WHAT_IT_CANNOT_KNOW["advice_sleep"] and BACK not in text, text
    await chat.core.close()


@pytest.mark.parametrize("message, said", [
    ("rain or snow, which is nicer", "I'd say rain"), ("can a burrito be a sandwich", "Can a burrito be a sandwich?"),
    ("did u catch the match last night?", "no TV on my server"), ("how was your weekend", "Bots don't really get weekends"),
    ("u ok?", "thank"),
])
async def test_playful_questions_and_what_the_bot_cannot_know_are_taken_up(tmp_path: Path, message: str,
                                                                           said: str) -> None:
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {message: ["I'm a tutor bot, happiest when learning!"]})
    await chat("hi")
    assert said in await chat(message)
    await chat.core.close()


async def test_a_hello_that_says_where_they_are_from_takes_it_up(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hello, how are you? I am from Kenya": "greet"}, {})
    text = await chat("hello, how are you? I am from Kenya")
    assert "Kenya" in text and texts.INTRODUCTION not in text, text
    await chat.core.close()


@pytest.mark.parametrize("message", ["my test results came back and I got an A", "my cat had kittens!! four of them"])
async def test_good_news_read_as_sad_gets_neither_sympathy_nor_the_pep_talk(tmp_path: Path, message: str) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=GloomyChatNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    text = await chat(message)
    assert "everyone finds this hard" not in text and "sorry" not in text.lower() and "🎉" in text, text
    await core.close()


async def test_a_name_said_with_a_hello_is_taken_up_once(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"hi, my name is Ines": "greet"}, {})
    text = await chat("hi, my name is Ines")
    assert "Nice to meet you, Ines" in text and text.count("Ines") == 1, text
    await chat.core.close()


async def test_where_they_are_from_is_taken_up_beside_the_question_about_the_bot(tmp_path: Path) -> None:
    message = "how's your day going? I'm from Chile"
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {})
    await chat("hi")
    text = await chat(message)
    assert "Chile" in text and "How's yours" in text, text
    await chat.core.close()


async def test_the_same_everyday_chat_twice_gets_another_line(tmp_path: Path) -> None:
    message = "did you watch the game yesterday?"
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {})
    await chat("hi")
    first, second = (await chat(message)).splitlines()[0], (await chat(message)).splitlines()[0]
    assert first != second and {first, second} <= set(chat_texts.ABOUT_WHAT_IT_CANNOT_KNOW["cant_know_sport"])
    await chat.core.close()


@pytest.mark.parametrize("message", ["tell me a joke about neural networks", "got any jokes about overfitting?"])
async def test_a_joke_about_a_course_topic_is_a_joke_not_its_card(tmp_path: Path, message: str) -> None:
    """The topic is a course concept, but a joke was asked for: it had got the neural network's glossary card."""
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {})
    await chat("hi")
    text = await chat(message)
    assert "joke" in text.lower() or "?" in text, text
    assert "Layers of artificial neurons" not in text and "fits its training data" not in text, text
    await chat.core.close()


@pytest.mark.parametrize("message, asks", [
    ("tell me a joke about neural networks", True), ("know any fun facts about CNNs?", True),
    ("my loss curve looks funny, why?", False), ("is a pun a kind of joke", False),
])
def test_a_joke_is_asked_for_only_in_so_many_words(message: str, asks: bool) -> None:
    assert bool(ASKS_FOR_FUN.search(message)) is asks


def test_a_laugh_does_not_hide_a_worry() -> None:
    """"lol. honestly I'm a bit scared of the math" had got "Haha, that made me smile!"."""
    assert "feeling_bad" in acts("lol. honestly I'm a bit scared of the math, I'm a history teacher")
    assert "feeling_bad" not in acts("my cat keeps sitting on my keyboard and deleting my code 😂")


async def test_a_joke_about_a_course_topic_with_a_question_open_is_a_joke_then_the_question(tmp_path: Path) -> None:
    """With a quiz question open it had still got the concept's glossary card: the joke, then the question."""
    message = "tell me a joke about gradient descent"
    chat = await chat_with(tmp_path, {message: "smalltalk"}, {})
    await chat("/quiz")
    asked = chat.options
    text = await chat(message)
    assert "joke" in text.lower() and "(Day " not in text, text   # a card ends with its day and lesson
    assert chat.options == asked and chat.state().pending  # the question still open, its options offered again
    await chat.core.close()
