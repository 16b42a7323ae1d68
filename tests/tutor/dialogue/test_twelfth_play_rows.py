"""Rows from a teacher's twelfth play-through (a radiologist, a maths-keen 17-year-old, a backend developer): the
request after a thank-you or a yes is what the turn does ("Thank you, though I'm still not quite clear. Could you
explain feature maps again in different words?" had got "You're welcome!"; "yeah yeah i know this. quiz me, something
with numbers" the lesson's next step); a concept asked for again in other words gets its other explanation; a likeness
drawn with an adverb ("a kernel is rather like a radiologist's trained eye") is a claim to grade; a hospital as the
source of data is no bad news; a question asked for among small talk on memory is posed; a day gone to in words is gone
to; a greeting the words do not say, with a question, is the question; a lab's learning rate is no /gd playground."""
from __future__ import annotations

import pytest

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.curriculum import Curriculum
from tutor.dialogue.chat_signals import ChatSignals
from tutor.dialogue.cues import THANKS_FIRST, YES_FIRST
from tutor.dialogue.knowledge_signals import LIKENESS
from tutor.dialogue.lab_cues import LAB_AGAIN
from tutor.dialogue.mixed_news import news_parts
from tutor.dialogue.request_cues import PROGRESS_ASKED, QUIZ_ASKED

SEMINAR = Curriculum.load()


async def test_a_request_after_thanks_is_what_the_turn_does(scripted) -> None:
    message = "Thank you, though I'm still not quite clear. Could you explain pooling again in different words?"
    chat = await scripted({message: "thanks"}, {}, curriculum=SEMINAR)
    await chat("/lesson d3-cnn")
    text = await chat(message)
    assert "welcome" not in text.lower() and SEMINAR.concepts["pooling"].again in text


async def test_a_request_after_a_yes_is_what_the_turn_does(scripted) -> None:
    message = "yeah yeah i know this. quiz me, something with numbers"
    chat = await scripted({message: "affirm"}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-logistic-regression")
    await chat(message)
    assert chat.state().pending is not None and chat.state().step == 0


def test_the_words_after_the_courtesy_are_read_on_their_own() -> None:
    assert THANKS_FIRST.match("Thank you for this evening; could you tell me where I've got to?")["rest"].startswith(
        "could you")
    assert YES_FIRST.match("yeah but write out the formula. J(w) = ...")["rest"].startswith("write out")
    assert PROGRESS_ASKED.search("could you tell me briefly where I've got to, so I know where to start next time?")


@pytest.mark.parametrize("said", ["So a kernel is rather like a radiologist's trained eye for one pattern?",
                                  "Is a kernel like a trained eye for one pattern, or am I stretching it?",
                                  "I meant: is my analogy fair?"])
def test_a_likeness_drawn_with_an_adverb_or_asked_about(said: str) -> None:
    assert LIKENESS.search(said), said


def test_a_hospital_as_the_source_of_data_is_no_bad_news() -> None:
    signals = ChatSignals()
    signals.text = "if a network were trained only on films from one hospital, would it work on another hospital?"
    assert "feeling_bad" not in signals.speech_acts
    signals = ChatSignals()
    signals.text = "my grandma is in hospital"
    assert "feeling_bad" in signals.speech_acts


def test_a_question_asked_for_is_a_quiz_request() -> None:
    assert QUIZ_ASKED.search("please give me one quick question on Day 1 so I can check I haven't forgotten everything")


def test_the_same_lab_with_a_change_reruns_it() -> None:
    assert LAB_AGAIN.search("ok now same lab with learning rate 0,01 and 40 epochs")


async def test_a_day_gone_to_in_words_is_gone_to_whatever_concept_is_named(scripted) -> None:
    message = "ok enough digits. I go to Day 4, LSTMs and time series. this is what i need for work"
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    await chat("/lesson d2-keras")
    assert "Day 4" in await chat(message) and chat.state().lesson_id.startswith("d4")


async def test_a_greeting_the_words_do_not_say_with_a_question_is_the_question(scripted) -> None:
    message = "good. so for my latency: I take this code and flag minutes where abs(pred - real) is big. correct?"
    chat = await scripted({message: "greet"}, {}, curriculum=SEMINAR)
    await chat("/lesson d4-text-timeseries")
    assert "Welcome back" not in await chat(message)


async def test_a_lab_s_learning_rate_is_no_gd_playground(scripted) -> None:
    message = "would lr=0.5 actually fix it with adam, seems still massive"
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-gradient-descent")
    assert "on this bowl" not in await chat(message)
    assert "on this bowl" in await chat("show me the path for learning rate 0.5")


def test_a_test_still_to_come_is_no_good_news() -> None:
    # "got a further maths mock tmrw and im kinda stressed" had got "congratulations! 🎉"
    assert news_parts("got a further maths mock tmrw and im kinda stressed") is None
    assert news_parts("passed my driving test but crashed my bike on the way home") is not None
