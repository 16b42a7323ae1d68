"""What a teacher's third play-through asked of the course itself: "what can you do?" in a greeting gets the tutor's
menu; "is X covered in the course?" gets a yes or no and where; "quiz me on <a topic no concept names>" quizzes on
the concept it belongs to; "where did I stop?" names the lesson and step."""
from __future__ import annotations

from bot.core import open_core
from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat, RuleNLU, fake_draw
from tutor.dialogue import texts

PATH = AnswerHit("d1-gd-path", "The path zig-zags when the step is too big.", 0.7, False, "l2", ("gradient_descent",),
                 "what")
BOOSTING = AnswerHit("d4-gradient-boosting", "Gradient boosting fits small trees one after another.", 0.7, False,
                     "l3", (), "what")


async def test_a_hello_asking_what_the_tutor_does_gets_its_menu(chat: Chat) -> None:
    reply = await chat("hi there! what can you do?")
    assert reply.startswith(texts.HELP.split(":")[0]) and "right one to ask" not in reply


async def test_a_topic_taught_is_said_to_be_taught_and_where(chat: Chat) -> None:
    reply = await chat("is backprop covered in the course?")
    assert reply == texts.TAUGHT_WHERE.format(term="backpropagation", day=2, title="Backpropagation")
    assert "Teach me this lesson" in chat.options


async def test_a_topic_no_lesson_teaches_gets_the_short_answer_said_as_such(scripted) -> None:  # noqa: F811
    message = "is xgboost part of the course?"
    chat = await scripted({message: "ask_concept"}, {message: BOOSTING})
    reply = await chat(message)
    assert texts.NOT_A_LESSON in reply and BOOSTING.answer in reply


async def test_a_topic_outside_the_seminar_is_said_to_be_outside_it(scripted) -> None:  # noqa: F811
    message = "is docker covered in the course?"
    chat = await scripted({message: "help"}, {})
    assert await chat(message) == texts.NOT_TAUGHT


async def test_a_quiz_on_a_topic_no_concept_names_is_on_the_concept_it_belongs_to(scripted) -> None:  # noqa: F811
    message = "quiz me on zig-zag paths"
    chat = await scripted({message: "quiz"}, {message: PATH})
    reply = await chat(message)
    assert texts.QUIZ_ON_NEAREST.format(topic="zig-zag paths", term="gradient descent") in reply
    assert "Gradient descent on y = x1² + x2²" in reply      # the generated gradient-step item, not Day 1's first


async def test_where_did_i_stop_names_the_lesson_and_step(chat: Chat) -> None:
    await chat("/lesson l3")
    await chat("continue")
    reply = await chat("how am I doing? where did I stop?")
    assert texts.STOPPED_AT.format(day=2, title="Backpropagation", step=2, total=3) in reply


async def test_a_tools_result_is_the_thread_of_the_next_question(tmp_path) -> None:
    """"only +0.3? why not higher?" after /sentiment asks about that score (it had got a chat line)."""
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), draw=fake_draw)
    chat = Chat(core)
    await chat("/sentiment I absolutely loved it but day 4 made my head spin")
    assert chat.state().context["explained"] == "sentiment_analysis"
    await core.close()
