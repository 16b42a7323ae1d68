"""Rows from a teacher's fifteenth play-through (an ICU nurse, a fast computer-science student checking his own
numbers, a retired accountant): the student's right work is confirmed, never "Not quite" (a stack of layers read with
a bare filter count and the learner's list of shapes, a total said as "total params = ..." or as the layers' counts
added up, the output claimed after the last stride said); "i mean a for last one" names no option of this one; a
day or lesson asked again after a complaint is gone to; "Start Day 1, lesson two"; "please continue" and "Let us have
another question" at the end of chat are done."""
from __future__ import annotations

import random

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.answers import match_option
from tutor.curriculum import Curriculum
from tutor.dialogue.chat_cues import ENDS_WITH_GO_ON
from tutor.dialogue.lab_cues import LAB_PLACE
from tutor.dialogue.request_cues import DAY_GONE_TO, QUIZ_ASKED
from tutor.generators.layers import conv_output_size_question
from tutor.layer_sums import claimed_total, read_layer_stack

SEMINAR = Curriculum.load()
WEI = ("then check my own net: input 28x28x1 -> conv 3x3 32 filters valid -> maxpool 2x2 -> conv 3x3 64 valid -> maxpool "
       "2x2 -> flatten -> dense 10. shapes 26x26x32, 13x13x32, 11x11x64, 5x5x64, 1600. params 320 + 18496 + 16010 = "
       "34826. correct?")


def test_a_stack_with_a_bare_filter_count_and_a_list_of_shapes_is_read_whole() -> None:
    stages = read_layer_stack(WEI)
    assert [stage.layer.kind for stage in stages] == ["conv", "pool", "conv", "pool", "dense"]
    counts = [stage.layer.parameters().answer for stage in stages if stage.layer.kind != "pool"]
    assert counts == ["320", "18496", "16010"] and all(not stage.claims for stage in stages)
    assert claimed_total(WEI) == "34826"


async def test_the_learner_s_right_totals_are_confirmed(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    assert "Yes, 34826 is right" in await chat(WEI)
    text = await chat("Sequential Dense(128, relu) on 784 input then Dense(10, softmax). total params = 101770 right?")
    assert "Yes, 101770 is right" in text and "Not quite" not in text


async def test_the_output_claimed_is_checked_against_the_last_stride_said(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("conv 3x3, 16 filters on 32x32x3, params = 448 right?")
    text = await chat("and output: no padding stride 1 = 30x30x16. if stride 2 no padding then 16x16x16?")
    assert "not 16x16x16" in text and "not 30x30x16" not in text and "rounds down" in text


def test_an_uneven_stride_says_it_rounds_down() -> None:
    uneven = conv_output_size_question(random.Random(0), {"n": 32, "k": 3, "padding": 0, "stride": 2})
    assert uneven.answer == "15" and "⌊29 / 2⌋ + 1 = 14 + 1" in uneven.solution
    even = conv_output_size_question(random.Random(0), {"n": 33, "k": 3, "padding": 0, "stride": 2})
    assert "⌊" not in even.solution


def test_an_earlier_item_named_is_no_option_of_this_one() -> None:
    options = ["y = 1 (YES)", "y = 0 (NO)"]
    assert match_option("oops i mean a for last one, misclick. this one -2+3+0.5 = 1.5 > 0 so YES", options) != 1
    assert match_option("the last one", options) == 1


async def test_a_lesson_asked_again_after_a_complaint_is_taught(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/day 2")
    text = await chat("I beg your pardon, but I asked for Day 1. Start Day 1, lesson two, please.")
    assert "Lesson: Logistic regression and the sigmoid (1/4)" in text


def test_navigation_and_requests_said_in_other_words() -> None:
    assert DAY_GONE_TO.search("Could we please go back to Day 1?")[1].lower() == "day 1"
    assert ENDS_WITH_GO_ON.search("I see, much as I told Lerato. Very well, please continue.")
    assert QUIZ_ASKED.search("Splendid. Let us have another question, I am on a roll")
    assert LAB_PLACE.search("course use keras but my lab at uni all pytorch")


async def test_the_lesson_s_own_button_halfway_through_goes_on(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-what-is-ml")
    await chat("/next")
    await chat("what is generalization")          # its card, with "Teach me this lesson" first
    text = await chat("1")
    assert text.startswith("We're in this lesson already") and "(3/" in text


def test_someone_else_s_score_asks_no_progress() -> None:
    from tutor.dialogue.request_cues import SOMEONE_ELSE_S_SCORE
    assert SOMEONE_ELSE_S_SCORE.search("So our NEWS2 score is more like the thermostat then")
    assert not SOMEONE_ELSE_S_SCORE.search("what's my score so far")
