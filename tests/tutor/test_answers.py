"""Reading learners' answers: numbers, vectors, options, free text."""
from __future__ import annotations

import pytest

from tutor.answers import match_option, parse_number, parse_vector, text_matches


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.5", 0.5), (".5", 0.5), ("1/2", 0.5), ("50%", 0.5), ("half", 0.5),
        ("-3", -3.0), ("\u22120.25", -0.25), ("about 0.73", 0.73), ("J = 0.125", 0.125),
        ("x1 = 4", 4.0), ("1e-3", 0.001), ("4.", 4.0), ("the answer is 448!", 448.0),
        ("h = g(2) = 0.88", 0.88), ("3,072", 3072.0), ("z = 2·1 − 0.5 = 1.5", 1.5),
    ],
)
def test_parse_number_reads_the_usual_formats(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "no idea", "(4, 4)", "1/0", "between 3 and 4"])
def test_parse_number_refuses_text_without_exactly_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("(3.2, 3.2)", [3.2, 3.2]), ("3.2 3.2", [3.2, 3.2]), ("[4,4]", [4.0, 4.0]),
        ("x1 = 4, x2 = -4", [4.0, -4.0]), ("(100,200)", [100.0, 200.0]), ("(1/2; 50%)", [0.5, 0.5]),
    ],
)
def test_parse_vector_reads_tuples_lists_and_assignments(text: str, values: list[float]) -> None:
    assert parse_vector(text) == pytest.approx(values)


def test_parse_vector_is_none_without_numbers() -> None:
    assert parse_vector("I don't know") is None


OPTIONS = ["Overfitting", "Underfitting", "The learning rate is too small"]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("b", 1), ("B)", 1), ("(c)", 2), ("option a", 0), ("2", 1), ("3.", 2),
        ("underfitting", 1), ("Overfiting", 0), ("learning rate", 2),
        ("the rate is too small", 2), ("too small a learning rate", 2),  # every word in one option, any order
    ],
)
def test_match_option_by_letter_number_or_text(text: str, index: int) -> None:
    assert match_option(text, OPTIONS) == index


def test_match_option_prefers_an_options_own_number_text() -> None:
    assert match_option("4", ["2", "3", "4", "5"]) == 2   # the option "4", not the 4th option


@pytest.mark.parametrize("text", ["d", "7", "what?", "", "the rate is too big", "what is overfitting"])
def test_match_option_refuses_what_matches_no_option(text: str) -> None:
    assert match_option(text, OPTIONS) is None


def test_text_matches_tolerates_case_plural_and_typos() -> None:
    accepted = ["convolutional neural network"]
    assert text_matches("Convolutional Neural Networks", accepted)
    assert text_matches("convolutonal neural network", accepted)
    assert not text_matches("recurrent neural network", accepted)
    assert text_matches("I think it's the experience", ["experience"])
    assert text_matches("a CNN", ["cnn"]) and not text_matches("an RNN", ["cnn"])
