"""Answers the rows of the ANSWER table must read: a sentence to a why-question, an option in the
learner's own words; and the picture with the answer drawn in, shown only once the answer is known."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as
from nlp.types import Analysis
from tutor.curriculum import Curriculum
from tutor.dialogue.cues import BARE_NUMBER, names_a_day
from tutor.exercises import ExerciseSpec

WHY = ExerciseSpec("ex-why", "typed", "backpropagation", "l3", 2, 2, {
    "prompt": "Why does the cost have a ½ in front?", "answer": "it cancels the 2 of the derivative",
    "key_ideas": [["cancels the 2", "the 2 disappears"], ["derivative of the square"]],
    "hints": ["Differentiate x².", "What comes down in front?"], "solution": "d/dx ½x² = x: the ½ cancels the 2.",
})
LIBRARY = ExerciseSpec("ex-lib", "choice", "etp", "l1", 1, 1, {
    "prompt": "Which library trains classic models in Python?", "options": ["scikit-learn", "Caffe", "gensim"],
    "answer": 1, "aliases": {1: ["the sk one"]}, "hints": ["sk...", "learn"], "solution": "scikit-learn.",
    "shuffle": False,
})


def curriculum_with(*specs: ExerciseSpec) -> Curriculum:
    base = build_curriculum()
    return Curriculum(base.days, base.concepts, {**base.exercises, **{spec.id: spec for spec in specs}})


class ConfidentNLU(RuleNLU):
    """Reads the learners' answers below as confident concept questions, as the trained NLU often does."""

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        if any(word in text for word in ("derivative", "disappears", "sk one")):
            read_as(analysis, "ask_concept")
        return analysis


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=ConfidentNLU(), curriculum=curriculum_with(WHY, LIBRARY),
                     draw=fake_draw)
    yield Chat(core)
    await core.close()


async def test_a_sentence_that_gives_a_reason_is_graded_against_the_key_ideas(chat: Chat) -> None:
    await chat("/quiz backpropagation")
    while chat.pending().exercise_id != "ex-why":
        await chat("/skip")
    text = await chat("because when you take the derivative of the square the 2 disappears")
    assert "Correct" in text and chat.state().pending is None
    assert [a.correct for a in chat.core.store.answers(chat.learner)][-1] is True


async def test_a_sentence_missing_a_key_idea_is_counted_and_the_idea_named(chat: Chat) -> None:
    await chat("/quiz backpropagation")
    while chat.pending().exercise_id != "ex-why":
        await chat("/skip")
    text = await chat("it is there so that the 2 disappears")
    assert "derivative of the square" in text and chat.state().misses == 1


async def test_an_option_in_the_learner_s_own_words_is_an_answer(chat: Chat) -> None:
    await chat("/quiz etp")
    while chat.pending().exercise_id != "ex-lib":
        await chat("/skip")
    assert "Correct" in await chat("the sk one")


async def test_the_picture_with_the_answer_comes_with_the_worked_answer_not_the_question(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    assert [str(p) for p in chat.last[0].images] == ["/tmp/gd_path.png"]
    question_plot = dict(chat.pending().plot)
    assert "steps" not in question_plot or question_plot != chat.pending().solution_plot
    await chat("/skip")
    assert any(reply.images for reply in chat.last[:1])


async def test_a_day_s_number_is_no_step_size_for_the_descent_picture(chat: Chat) -> None:
    await chat("what is gradient descent?")
    text = await chat("ok, am i done with day 1?")
    assert "Gradient descent on y = x1² + x2²" not in text     # it had run /gd with step 1


class ChattyNLU(RuleNLU):
    """Reads a lone letter as confident small talk, as the trained NLU does ("b": smalltalk 0.9)."""

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        if len(text.strip("() .")) == 1:
            read_as(analysis, "smalltalk")
        return analysis


@pytest.mark.parametrize("letter", ["b", "a)", "(c)"])
async def test_an_option_letter_to_a_question_without_options_is_asked_again(tmp_path: Path, letter: str) -> None:
    """"b" to "what is x(1)?" is an attempt: the learner is told what shape the answer takes (no chit-chat reply,
    no miss counted), and the question stays open."""
    core = open_core(None, tmp_path / "t.db", pipeline=ChattyNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("/quiz gradient descent")
    text = await chat(letter)
    assert "number" in text.lower() and "Back to your question" not in text
    assert chat.pending().exercise_id == "ex-gd" and chat.state().misses == 0
    await core.close()


@pytest.mark.parametrize("question", ["whats validation? explain like im 10", "why is the derivative a(1-a)?"])
async def test_a_question_holding_a_number_is_no_answer_to_a_question_that_wants_numbers(tmp_path: Path,
                                                                                         question: str) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("/quiz gradient descent")
    text = await chat(question)
    assert "I need two numbers" not in text and "Back to your question" in text
    assert chat.pending().exercise_id == "ex-gd"
    await core.close()


@pytest.mark.parametrize("text, is_a_day", [("1.8e-1", False), ("5e-1", False), ("4, 4", False), ("day 4", True),
                                            ("the fourth", True), ("4 px", False)])   # a unit: an answer
def test_a_number_in_scientific_notation_tagged_day_is_an_answer_not_a_day(text: str, is_a_day: bool) -> None:
    """The tagger read "1.8e-1" as a DAY and its "e" as a word: the answer 0.18 was taken for "skip"."""
    start = text.index("4") if text == "day 4" else 0
    assert names_a_day(text, start, len(text)) is is_a_day


@pytest.mark.parametrize("text", ["7", "0,5", "1.2e-1", "-4.3e-3"])
def test_a_bare_number_in_any_format_to_an_options_question_is_a_slip_not_a_request(text: str) -> None:
    """"1.2e-1" to a four-option question had been read as "skip" (the NLU's goto_day) and the worked answer shown."""
    assert BARE_NUMBER.fullmatch(text)


async def test_an_option_s_place_to_a_question_with_no_options_is_asked_to_rephrase(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("/quiz gradient descent")                    # x(1) as a vector: no options
    text = await chat("the second one")
    assert "I need two numbers" in text and "Hint" not in text    # a slip read and rephrased, no rung climbed
    assert chat.state().misses == 0


async def test_a_guess_inside_a_question_is_graded(chat: Chat) -> None:
    """"I have no idea how to do that. is it 0,5?" had got the sigmoid's card; the guess was never graded."""
    await chat("/quiz gradient descent")
    assert chat.pending().exercise_id == "ex-gd"
    text = await chat("I have no idea how to do that. is it (1, 1)?")
    assert text.startswith("Not quite") and chat.state().pending is not None
    assert [a.correct for a in chat.core.store.answers(chat.learner)][-1] is False
