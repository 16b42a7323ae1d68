"""Chit-chat by speech act: a reply that answers another act than the message's is not sent (the responder's next
candidate, else a line written for the message's act, never the same twice in a row), and a greeting, goodbye or
thanks the NLU reads into words that do not say it is chit-chat."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as
from tutor.dialogue import texts
from tutor.dialogue.cues import read_acts
from tutor.dialogue.echo import news_said_back
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
            read_as(analysis, self.intents[text])
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
    ("you're a genius", "compliment"), ("i love you bot ❤️", "compliment"), ("this app sucks", "insult"),
    ("uff", "sigh"), ("I'm stuck", "frustration"), ("my hamster died", "feeling_bad"), ("I got the job!", "feeling_good"),
    ("heya", "greeting"), ("👋", "greeting"), ("how old are you", "about_bot"), ("tell me a joke", "asks_joke"),
    ("order me a taxi", "request"), ("lol", "laughter"), ("😂", "laughter"), ("ok cool", "filler"),
])
def test_speech_acts_are_read_from_cue_words(message: str, act: str) -> None:
    assert act in acts(message)


def test_a_plain_statement_is_only_news_of_the_learners_life() -> None:
    assert acts("I have two cats") == frozenset({"life_news"})
    assert acts("what is a neural network?") == frozenset({"question"})


@pytest.mark.parametrize("message, reply", [
    ("i love you bot ❤️", "You're not stupid: deep learning is hard. Take a breath, and let's try a simpler example."),
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
    chat = await chat_with(tmp_path, {"i love you bot ❤️": "smalltalk"}, {"i love you bot ❤️": [
        "I'm sorry to hear that. Be kind to yourself today.", "Aw, thanks! I enjoy teaching you too."]})
    text = await chat("i love you bot ❤️")
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
    assert text.startswith("I'm sorry your cat died last week") and "Your progress" not in text
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


@pytest.mark.parametrize("message, act", [
    ("OMG i got the internship!!!", "feeling_good"), ("i just got a puppy!!", "feeling_good"),
    ("i am happy today because i buy new phone", "feeling_good"), ("had the worst day ever", "feeling_bad"),
    ("exams next week and im freaking out", "feeling_bad"), ("im just not in the mood today", "feeling_bad"),
    ("you're actually pretty smart", "compliment"), ("you're funnier than my teacher", "compliment"),
    ("ur kinda useless today tbh", "insult"), ("do you like rain", "likes"), ("whats ur fav food", "favourite"),
    ("dogs or cats?", "this_or_that"), ("any plans for the weekend?", "plans"), ("are you a human or a robot", "nature"),
    ("you are living in computer or in internet?", "home"), ("you have family or you are alone?", "bot_relations"),
    ("today weather is very cold in my city", "weather"), ("in weekend i go to see my parents", "life_news"),
    ("haha true", "filler"), ("fair enough", "filler"), ("goodmorning, i wish you have nice day", "greeting"),
    ("seen any good movies lately?", "tips"), ("do you listen to jazz?", "likes"),
])
def test_everyday_speech_acts_are_read(message: str, act: str) -> None:
    assert act in acts(message)


@pytest.mark.parametrize("message, absent", [
    ("i just got fired", "feeling_good"), ("are you smarter than me?", "compliment"), ("did you have a good day?", "goodbye"),
    ("robot can eat food or no?", "this_or_that"), ("back to the lesson", "greeting"),
])
def test_what_the_words_do_not_say_is_not_read(message: str, absent: str) -> None:
    assert absent not in acts(message)


@pytest.mark.parametrize("message, reply", [
    ("I got the job!!", "I'm really sorry. That is hard news. Take the time you need."),   # no cheer
    ("my cat died", "My name is tutorbot. I'm a chatbot made to teach practical deep learning."),   # no sympathy
    ("you're actually pretty smart", "My name is tutorbot. I'm a chatbot made to teach practical deep learning."),
    ("do you like rain", "I can't play sports, but neural networks did learn to beat humans at go!"),   # another topic
    ("dogs or cats?", "How lovely! I can't have pets, but networks learn to tell cats from dogs on day 3."),
    ("any plans for the weekend?", "Maybe 42? I'm better at questions about neural networks."),
    ("are you a human or a robot", "I'm tutorbot, your tutor for the practical deep learning seminar!"),
    ("i just finished my workout", "That sounds exciting! I can't travel, I'm a program."),
    ("hmm", "Good. Do you want a quick quiz to check?"),
    ("sorry i was away", "No worries at all. Mistakes are how we learn, for people and for neural networks."),
    ("my cat is sick and im worried", "Sorry you're under pressure. Short, focused sessions help more than cramming."),
    ("sorry for the stupid question", "No problem, welcome back! Shall we pick up where you left off?"),
    ("any plans for tonight?", "The plan has five days, each with lessons and a quiz."),
    ("do you listen to jazz?", "I can't watch films, but I like any story with a robot that learns!"),
])
def test_a_reply_that_misses_what_the_message_wants_is_not_sent(message: str, reply: str) -> None:
    assert contradicted(message, reply)


@pytest.mark.parametrize("message, reply", [
    ("I got the job!!", "Congratulations, that's wonderful!"), ("my cat died", "Oh no, I'm so sorry."),
    ("do you like football", "I can't play football, but neural networks learnt to play go!"),
    ("whats ur favourite color", "I'm a bot, so I don't see colours."),
    ("are you a human or a robot", "I'm a bot, a program made to teach."),
    ("i made pancakes this morning", "Pancakes sound tasty! I don't eat, but a fed brain learns better."),
    ("my cat is sick and im worried", "I'm sorry to hear that. Be kind to yourself."),   # the feeling met is enough
    ("sorry, that was a typo", "No worries at all. Mistakes are how we learn, for people and for neural networks."),
    ("exams tomorrow and I'm stressed", "Sorry you're under pressure. Short, focused sessions help more than cramming."),
    ("sorry, I was away", "No problem, welcome back! Shall we pick up where you left off?"),
    ("any plans for tonight?", "No big plans for me, I'll be right here."),
])
def test_a_reply_that_meets_the_message_is_kept(message: str, reply: str) -> None:
    assert not contradicted(message, reply)


async def test_good_news_gets_congratulations_bad_news_sympathy(tmp_path: Path) -> None:
    sad = "I'm really sorry. That is hard news."
    chat = await chat_with(tmp_path, {"I got the job!!": "smalltalk", "my cat died": "smalltalk"},
                           {"I got the job!!": [sad], "my cat died": ["Wonderful! Let's keep the good energy going."]})
    assert (await chat("I got the job!!")).splitlines()[0] == "Oh, you got the job! That's wonderful, congratulations! 🎉"
    assert (await chat("my cat died")).startswith("I'm sorry your cat died")   # sympathy that names the news
    await chat.core.close()


async def test_a_question_about_the_bots_tastes_is_answered_in_its_persona(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"do you like rain": "smalltalk"},
                           {"do you like rain": ["I can't play sports, but neural networks did learn to beat humans at go!"]})
    line = (await chat("do you like rain")).splitlines()[0]   # its persona line, naming what was asked
    assert "sports" not in line and "rain" in line.lower() and "bot" in line
    await chat.core.close()


def test_cheers_is_no_complaint_and_do_you_get_bored_is_not_the_learners_boredom() -> None:
    def signals(message: str) -> Signals:
        return Signals(message, None, None, DialogueState("t"), build_curriculum(), lambda word: [])
    assert not signals("cheers mate").ungrateful and signals("thanks for nothing, I hate this").ungrateful
    assert not signals("do you ever get bored").bored and not signals("do you ever get bored").asks_harder
    assert signals("I'm so bored").bored


async def test_ok_as_the_first_message_is_greeted_not_taken_as_yes(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {}, {})
    text = await chat("ok")
    assert texts.INTRODUCTION in text and not text.startswith("Hi!")   # "Hi!" answers a hello, not an "ok"
    await chat.core.close()


async def test_news_of_the_learners_life_is_no_evidence_against_a_goodbye(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"I'm leaving now": "goodbye"}, {})
    assert texts.GOODBYE in await chat("I'm leaving now")
    await chat.core.close()


async def test_news_of_the_learners_life_read_as_negative_gets_sympathy_not_thanks_for_telling(tmp_path: Path) -> None:
    # RuleNLU reads "lost" as negative; no feeling word of the cue lists is in the message
    chat = await chat_with(tmp_path, {"we lost the match yesterday": "smalltalk"},
                           {"we lost the match yesterday": ["Thanks for sharing! What else did you do?"]})
    assert (await chat("we lost the match yesterday")).splitlines()[0] in texts.CHAT_BY_ACT["feeling_bad"]
    await chat.core.close()


@pytest.mark.parametrize("message, acts", [
    ("My dog ate my charger cable 🙄", {"life_news"}),       # the eye-roll is at the dog, not the tutor
    ("just made pancakes 🥞", {"life_news"}),                 # diary-style news, one word after the verb
])
def test_news_with_an_emoji_is_news_not_an_insult(message: str, acts: set[str]) -> None:
    read = read_acts(message)
    assert acts <= read and "insult" not in read


def test_an_eye_roll_at_the_tutor_is_still_an_insult() -> None:
    assert "insult" in read_acts("🙄") and "insult" in read_acts("you are so slow 🙄")


def test_news_said_back_keeps_no_capital_of_the_learner_s_first_word() -> None:
    assert news_said_back("Had a fight with my sister, whatever") == "you had a fight with your sister"


async def test_thanks_and_goodbye_in_a_lesson_is_a_goodbye(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"Thank you, bye": "thanks"}, {})
    await chat("/lesson l1")
    text = await chat("Thank you, bye")
    assert "Bye for now" in text and "keep going" not in text   # had got "You're welcome! Shall we keep going?"
    await chat.core.close()


async def test_thanks_and_goodbye_with_a_question_open_ends_with_the_goodbye(tmp_path: Path) -> None:
    chat = await chat_with(tmp_path, {"Thank you, bye": "thanks"}, {})
    await chat("/quiz etp")
    text = await chat("Thank you, bye")
    assert "Bye for now" in text and "Back to your question" not in text
    await chat.core.close()
