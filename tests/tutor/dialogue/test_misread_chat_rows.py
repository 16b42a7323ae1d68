"""Chat the NLU misread (issue 19, blind set 24): where the words name nothing of the course, an unsure reading, a
help or jump request the words do not make, or a concept question with no course topic near is chit-chat, answered
by our own lines (the responder, fed the same words, had answered as badly); the fallback line fits the message's
shape; a plain English word is no typo of a term; acts the words do not perform ("got a C" no good news, "I am fine
thank you" no thanks, "ciao!" first a hello) are not read, and the responder's declines answer only a request. From
a teacher's play-through: a hesitant pick of an option is read, a number is no goodbye, "harder" said of what was
given asks for nothing harder, and "just tell me" with a question open gets its worked answer."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.dialogue.test_chat_mixed_rows import MoodNLU, first_reply
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.answers import match_option
from tutor.curriculum import Curriculum
from tutor.dialogue import texts
from tutor.dialogue.cues import ASKS_HARDER, answers_another_act, read_acts


class WrongResponder(MoodNLU):
    """Every message read as ``intent``; the responder always answers with a line that fits nothing."""

    def respond(self, text: str, context: object = (), **_: object) -> str | None:
        return "Sorry, that's not my job: I'm a tutor for the deep learning seminar."


async def test_unsure_chat_that_names_nothing_of_the_course_is_answered_not_clarified(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "Signing off for the afternoon, the tomatoes need watering.", RuleNLU())
    assert texts.CLARIFY not in reply and "Bye" in reply


async def test_an_unsure_reference_to_the_course_is_still_clarified(tmp_path: Path) -> None:
    assert texts.CLARIFY in await first_reply(tmp_path, "that thing from before", RuleNLU())


@pytest.mark.parametrize("message, intent", [
    ("gg ez, just hit diamond rank 🎮", "help"),
    ("you're surprisingly not terrible. don't let it go to your head", "goto_day"),
])
async def test_help_or_a_jump_the_words_do_not_ask_is_chat_in_our_own_lines(tmp_path: Path, message: str,
                                                                            intent: str) -> None:
    reply = await first_reply(tmp_path, message, WrongResponder(0.3, intent=intent))
    assert texts.HELP not in reply and "Where to?" not in reply and "not my job" not in reply


async def test_help_asked_in_its_words_gets_the_help(tmp_path: Path) -> None:
    assert texts.HELP in await first_reply(tmp_path, "what can you do?", MoodNLU(0.0, intent="help"))


async def test_a_question_naming_nothing_of_the_course_gets_no_course_topics(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "What's 18% of 42,500? Budget thing.", MoodNLU(0.0, intent="ask_concept"))
    assert any(line in reply for line in texts.OUTSIDE_MY_KNOWLEDGE) and "one of these" not in reply


async def test_news_read_as_a_question_is_chat(tmp_path: Path) -> None:
    message = "Memory is not what it used to be. I reread yesterday's notes twice this morning."
    reply = await first_reply(tmp_path, message, WrongResponder(0.0, intent="ask_concept"))
    assert "one of these" not in reply and "not my job" not in reply
    assert not any(line in reply for line in texts.OUTSIDE_MY_KNOWLEDGE)


async def test_the_fallback_line_fits_the_shape_of_the_message(tmp_path: Path) -> None:
    question, news, too_short = texts.CHIT_CHAT_FALLBACK
    core = open_core(None, tmp_path / "t.db", pipeline=MoodNLU(0.0), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    assert question in await chat("does anyone ever finish a hot cup of coffee?")
    assert news in await chat("back-to-back calls since 8am, voice is gone")
    assert too_short in await chat("b")
    await core.close()


def test_a_plain_english_word_is_no_typo_of_a_term() -> None:
    course = Curriculum.load()
    assert course.find_concept("with warm regards") is None
    assert course.find_concept("reinforcment learning").key == "reinforcement_learning"


@pytest.mark.parametrize("message, absent, present", [
    ("got a C on my stats midterm", "feeling_good", None),
    ("greetings from the beach, no I won't open my laptop", "feeling_good", "greeting"),
    ("baby finally asleep", "feeling_good", None),
    ("hello, how are you doing today, I am fine thank you", "thanks", "greeting"),
    ("Namaste ji 🙏", "thanks", "greeting"),
    ("ciao! sono in pausa pranzo", "goodbye", "greeting"),
    ("ok ciao", None, "goodbye"),
])
def test_acts_the_words_do_not_perform_are_not_read(message: str, absent: str | None, present: str | None) -> None:
    acts = read_acts(message)
    assert absent not in acts and (present is None or present in acts), acts


def test_the_responders_declines_answer_only_a_request() -> None:
    reply = "Numbers are not my strength outside of the seminar. Want to learn how a network does arithmetic with weights?"
    assert answers_another_act(read_acts("coffee number four today. my hands are vibrating"), reply)
    assert answers_another_act(read_acts("Amazing movie, really loved it!"), "Sorry, that's not my job: I'm a tutor.")


async def test_an_answer_with_numbers_read_as_a_goodbye_is_no_goodbye(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, "8, it goes to 7 a lot", MoodNLU(0.0, intent="goodbye"))
    assert texts.GOODBYE not in reply


def test_a_hesitant_pick_of_an_option_is_read() -> None:
    options = ["the word itself", "its part of speech", "the next word", "the words around it"]
    assert match_option("hmm the last one?", options) == 3
    assert match_option("well the first one", options) == 0


def test_a_complaint_about_repeating_is_heard() -> None:
    assert Curriculum.load().small_talk.find("you literally just told me that").id == "tutor-repeats"


@pytest.mark.parametrize("message, harder", [
    ("thats harder not simpler :(", False), ("this is getting harder", False),
    ("harder please", True), ("even harder?", True), ("give me a harder one", True),
])
def test_harder_said_of_what_was_given_asks_for_nothing_harder(message: str, harder: bool) -> None:
    assert bool(ASKS_HARDER.search(message)) is harder


async def test_the_answer_asked_for_with_a_question_open_is_its_worked_answer(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson l1")
    assert "what is P?" in await chat("/quiz")
    text = await chat("i dont want a quiz, just tell me")
    assert "performance measure" in text and "finish this one first" not in text
    await core.close()


def test_another_one_picks_the_offered_another_question() -> None:
    offered = ["Another question", "Next lesson", "My progress"]
    assert match_option("yay!! another one", offered) == 0 and match_option("one more please", offered) == 0
    assert match_option("another one", ["the word itself", "the next word"]) is None
