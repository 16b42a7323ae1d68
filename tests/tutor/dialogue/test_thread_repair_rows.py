"""Repairs in the thread found by a teacher's second play-through (issues 18, 19): "no, I meant <a question>" is
answered as that question, not as a topic to restart; a "no" that goes on to say more is no refusal; "stop the quiz"
said first stops it; a concept asked in simple words with a question open is put simply, the question kept; how to
study the seminar is the tutor's own business; news with nothing asked is never declined; a favourite already given
is not asked back."""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_chat_mixed_rows import MoodNLU, first_reply
from tests.tutor.dialogue.test_simpler_rows import FOG, chat as simpler_chat  # noqa: F401 - the fixture
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.dialogue import chat_texts, texts
from tutor.dialogue.echo import said_about

WHERE = AnswerHit("d2-dropout-where", "After the hidden Dense layers, never after the output.", 0.7, False, "l3", (),
                  "howto")
WEEKENDS = AnswerHit("study-weekends-only", "Yes, weekends can work: split them into sessions.", 0.3, True, "course", (),
                     "when")


async def test_no_i_meant_a_question_is_answered_as_that_question(scripted) -> None:  # noqa: F811
    message = "no I meant where to put the Dropout layer"
    chat = await scripted({message: "deny"}, {"where to put the Dropout layer": WHERE})
    await chat("what is backprop")
    reply = await chat(message)
    assert WHERE.answer in reply and texts.MY_MISTAKE.split("{")[0] not in reply


async def test_a_no_that_says_more_is_no_refusal(scripted) -> None:  # noqa: F811
    message = "no, I have 50k images, not a few hundred. it's still overfitting"
    chat = await scripted({message: "deny"}, {message: WHERE})
    await chat("/lesson l1")
    assert WHERE.answer in await chat(message)


async def test_stop_the_quiz_said_first_stops_it(scripted) -> None:  # noqa: F811
    chat = await scripted({}, {})
    await chat("/quiz backprop")
    await chat("no, stop the quiz. what is backprop?")
    assert chat.state().pending is None


async def test_a_concept_asked_simply_with_a_question_open_is_put_simply_and_the_question_kept(simpler_chat) -> None:
    await simpler_chat("/lesson l2")
    await simpler_chat("/quiz gradient descent")
    reply = await simpler_chat("i still dont get what gradient descent is. in simple words please")
    assert texts.PUT_SIMPLY.format(again=FOG) in reply and simpler_chat.state().pending is not None


async def test_how_to_study_is_answered_even_below_the_usual_confidence(scripted) -> None:  # noqa: F811
    message = "is it okay to study only on weekends?"
    chat = await scripted({message: "smalltalk"}, {message: WEEKENDS})
    assert WEEKENDS.answer in await chat(message)
    unrelated = "is it okay to eat pizza on weekends?"     # no word of studying: not the study answer
    other = await scripted({unrelated: "smalltalk"}, {unrelated: WEEKENDS})
    assert WEEKENDS.answer not in await other(unrelated)


async def test_news_with_nothing_asked_is_never_declined(tmp_path: Path) -> None:
    reply = await first_reply(tmp_path, 'omg the cafe guy spelled my name "Clowie" on my cup, keeping it forever',
                              MoodNLU(0.3, intent="out_of_scope"))
    assert "can't help with that" not in reply


@pytest.mark.parametrize("message, theirs", [
    ("what is your favourite colour? Mine is dark green.", "dark green"),
    ("Do you have a favourite day of the week? I like Thursday, nobody expects anything from it.", "Thursday"),
])
def test_a_favourite_already_given_is_taken_up_not_asked_back(message: str, theirs: str) -> None:
    key, fields = said_about("favourite", message)
    line = chat_texts.MORE_CHAT_ABOUT_BY_ACT[key][0].format(**fields)
    assert key == "favourite_theirs" and theirs in line and "What's your favourite" not in line


OFF = AnswerHit("d4-clipping", "Gradient clipping rescales the gradient.", 0.6, False, "l3", (), "howto")
FIX = AnswerHit("d1-gd-fix", "Lower the learning rate.", 0.6, False, "l2", ("gradient_descent",), "howto")
WHAT = AnswerHit("d1-gd-what", "Gradient descent steps downhill.", 0.8, False, "l2", ("gradient_descent",), "what")


async def test_another_question_saying_it_is_asked_about_the_concept_the_message_names(scripted) -> None:  # noqa: F811
    message = "why does gradient descent jump around? how do i fix it"
    hits = {message: WHAT, "why does gradient descent jump around?": WHAT, "how do i fix it": OFF,
            "how do i fix gradient descent": FIX}
    chat = await scripted({message: "ask_concept"}, hits)
    await chat("/lesson l1")
    reply = await chat(message)
    assert FIX.answer in reply and OFF.answer not in reply


async def test_another_question_saying_it_with_nothing_named_is_not_answered_alone(scripted) -> None:  # noqa: F811
    message = "my thing is weird. why is it so slow? how do i fix it"
    hits = {message: WHAT, "my thing is weird. why is it so slow?": WHAT, "why is it so slow?": WHAT,
            "how do i fix it": OFF}
    chat = await scripted({message: "ask_concept"}, hits)
    await chat("/lesson l1")
    assert OFF.answer not in await chat(message)
