"""Nothing shown with a question gives its answer away, and no item is degenerate: every exercise of
the course and every generated kind over 200 seeds, the labels drawn on the question's picture included."""
from __future__ import annotations

import random

import pytest

from tutor import plots
from tutor.curriculum import Curriculum
from tutor.exercise_audit import degenerate, names_the_right_option, picture_leaks, text_leaks
from tutor.exercise_check import check_items, kind_specs
from tutor.exercises import GENERATORS, Question


def test_no_item_gives_its_answer_away_or_is_degenerate_over_200_seeds() -> None:
    specs = [*Curriculum.load().exercises.values(), *kind_specs()]
    assert {spec.kind for spec in specs} >= set(GENERATORS)
    problems = check_items(specs, range(200))
    assert problems == [], "\n".join(map(str, problems[:20]))


def typed(prompt: str, answer: str, **fields: object) -> Question:
    return Question("t", "c", prompt, [], answer, ["h", "p"], "s", **fields)


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        ("I need 2 numbers here, like (6.3, -3.5).", "(6.3, -3.5)"),          # the reported format hint
        ("Answer with two numbers, like (4, 4).", "(4, 4)"),                  # the slides' step
        ("Start at (6,3; -3,5).", "(6.3, -3.5)"),                             # decimal commas
        ("The cost is 18.25% here.", "0.1825"),                               # a percentage
        ("Hint: it is 1/2.", "0.5"),                                          # a fraction
        ("Compute the sum; it equals 0.183.", "0.1825"),                      # within the asked precision
    ],
)
def test_the_leak_check_finds_an_answer_in_any_format(prompt: str, answer: str) -> None:
    question = typed(prompt, answer, decimals=3 if answer == "0.1825" else None)
    assert text_leaks(question)


def test_givens_sizes_and_positions_are_no_leak() -> None:
    question = typed("Image (5×5): 1 0 1 / 0 1 0 / 1 0 1. What is the output cell in row 3, column 3?", "3")
    assert text_leaks(question) == []
    assert text_leaks(typed("What word does E stand for in Mitchell's definition?", "experience")) == []
    assert text_leaks(typed("Is it experience or data?", "experience"))


def test_the_pictures_that_gave_answers_away_are_caught_and_the_question_versions_are_clean() -> None:
    conv = GENERATORS["convolution"](random.Random(3), {})
    assert picture_leaks(conv, plots.labels(**{**conv.solution_plot}))      # the whole output map
    assert picture_leaks(conv, plots.labels(**conv.plot)) == []              # "?" in the output cells
    gd = GENERATORS["gradient_step"](random.Random(3), {})
    assert picture_leaks(gd, plots.labels(**gd.solution_plot))              # "x(1) = ..."
    assert picture_leaks(gd, plots.labels(**gd.plot)) == []
    sig = GENERATORS["sigmoid"](random.Random(3), {"ask": "output"})
    assert picture_leaks(sig, plots.labels(**sig.solution_plot))            # "z = ..., h = ... → YES"
    assert picture_leaks(sig, plots.labels(**sig.plot)) == []


def test_degenerate_answers_are_named() -> None:
    rounds_to_zero = GENERATORS["chain_rule"](random.Random(0), {"w": 2, "b": 3, "x": 1, "y": 1, "sigmoid": True})
    assert any("rounds to 0" in p for p in degenerate(rounds_to_zero, "chain_rule"))
    tie = GENERATORS["mse"](random.Random(0), {"h": [0.3, 0.2], "y": [0, 1]})   # 0.1825 at 3 decimals
    assert any("rounding tie" in p for p in degenerate(tie, "mse"))
    slides = GENERATORS["gradient_step"](random.Random(0), {"start": [5, 5], "step": 0.1})
    assert any("worked example" in p for p in degenerate(slides, "gradient_step"))
    relu = GENERATORS["neuron"](random.Random(0), {"w": [1, 1], "x": [-1, -1], "b": 0.5})
    assert degenerate(relu, "neuron") == []   # ReLU clipping to 0 is the point of the item


@pytest.mark.parametrize("text, names_it", [
    ("The forget gate multiplies the old cell state: it erases.", True),
    ("An LSTM layer has 4·(n·(m + n) + n) parameters.", False),   # about LSTMs, but no clue to the gate
    ("That is what gates do.", False),                             # a word every option has
])
def test_an_answer_names_the_right_option_by_a_word_only_it_has(text: str, names_it: bool) -> None:
    question = Question("x", "lstm", "Which LSTM gate decides what to erase from the cell state?",
                        ["The input gate", "The forget gate", "The output gate"], "The forget gate", [], "")
    assert names_the_right_option(question, text) is names_it
