"""Checks that an asked question tests something: nothing shown with it holds its answer, and its
answer is not degenerate (rounds to 0, sits on a rounding tie, reuses the slides' worked numbers).

Generators redraw until :func:`question_problems` is empty; ``tutorbot exercises check`` and the
tests run the same checks, plus :func:`picture_leaks` on the labels of the drawn question picture.
"""
from __future__ import annotations

import re
from functools import lru_cache

from tutor.answers import normalize, number_readings, parse_vector
from tutor.question import Question, answer_kind
from tutor.slides import SLIDES_CONV_CELL, SLIDES_GD_START, SLIDES_GD_STEP, SLIDES_IMAGE

# Numbers that are not values a learner could take as an answer: one-line matrices ("1 0 1 / 0 1 0"),
# positions and sizes ("row 2", "5×5", "stride 1", "after 2 steps", "to 3 decimals", "class 2"),
# iteration marks (x⁽¹⁾) and exponents (x1²).
_NOT_VALUES = (
    re.compile(r"-?\d+(?:\s+-?\d+)+(?:\s+/\s+-?\d+(?:\s+-?\d+)+)+"),
    re.compile(r"\b(?:rows?|columns?|col|cell|steps?|day|stride|padding|class(?:es)?|layer|option)"
               r"\s+\d+(?:\s*(?:,|and|–|-)\s*\d+)*", re.IGNORECASE),
    re.compile(r"\d+\s*(?:steps?|decimals?|decimal places|classes|channels?|filters?|units|features|[- ]?class)\b",
               re.IGNORECASE),
    re.compile(r"\d+\s*[×x]\s*\d+(?:\s*[×x]\s*\d+)*"),
    re.compile(r"⁽[⁰¹²³⁴⁵⁶⁷⁸⁹ᵏ⁺]+⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+"),
    re.compile(r"\b[A-Za-z]+\(\d+(?:\.\d+)?\)"),   # "Dense(10)", "Dropout(0.5)": a layer's setting, named
)
# words that tell no option apart ("A spam filter that improves...": "that" is no clue to it)
_FUNCTION_WORDS = frozenset("that this these those with from they them their then than there where which what when "
                            "have has been were will does into only each your more most much many some such very "
                            "just also other about over under both".split())
_ZERO_IS_THE_POINT = frozenset({"neuron", "relu"})   # ReLU clipping a negative z to 0 is what is tested


@lru_cache(maxsize=8192)
def values_shown(text: str) -> tuple[tuple[float, ...], ...]:
    """The numbers of ``text`` a learner could read as values, in each reading (see number_readings)."""
    for pattern in _NOT_VALUES:
        text = pattern.sub(" ", text)
    return tuple(tuple(reading) for reading in number_readings(text))


def holds_answer(question: Question, text: str) -> bool:
    """Whether ``text`` shows the question's answer: its number (in any format), its vector, or its words."""
    kind = answer_kind(question.answer)
    if kind == "number":
        expected = float(question.answer)
        return any(abs(v - expected) <= question.allowed_error(expected)
                   for reading in values_shown(text) for v in reading)
    if kind == "vector":
        expected = parse_vector(question.answer) or []
        return any(all(abs(shown[i + j] - e) <= question.allowed_error(e) for j, e in enumerate(expected))
                   for shown in values_shown(text) for i in range(len(shown) - len(expected) + 1))
    words = normalize(question.answer)
    return bool(words) and f" {words} " in f" {normalize(text)} "


def names_the_right_option(question: Question, text: str) -> bool:
    """Whether ``text`` names what sets the right option apart: a word of it that neither the question nor a
    wrong option has ("forget" of "The forget gate"), or, with no such word, its number or words. "An LSTM layer
    has 4·(n·(m + n) + n) parameters" does not give away "which gate erases?"; the LSTM card, naming the forget
    gate, does."""
    def words(phrase: str) -> set[str]:
        return {word for word in normalize(phrase).split() if len(word) > 3} - _FUNCTION_WORDS

    others = words(question.prompt).union(*(words(o) for o in question.options if o != question.answer))
    telling = words(question.answer) - others
    if not telling:
        return holds_answer(question, text)
    return bool(telling & set(normalize(text).split()))


def shows_the_answer(question: Question, text: str) -> bool:
    """Whether ``text`` (a feedback, an answer to a side question) tells the open question's answer: what sets its
    right option apart, or its number, vector or words."""
    return names_the_right_option(question, text) if question.options else holds_answer(question, text)


def text_leaks(question: Question) -> list[str]:
    """Where the question text, an option (of a typed question) or the format hint holds the answer."""
    shown = [("question", question.prompt), ("format hint", question.format_hint())]
    if question.options:   # the right option is one of the options by design; the prompt must not single it out
        right = question.answer
        return [f"the {where} names the right option '{right}'" for where, text in shown
                if len(normalize(right)) > 3 and not _is_number(right) and holds_answer(question, text)
                and not all(_names(text, option) for option in question.options)]
    return [f"the {where} holds the answer {question.answer}" for where, text in shown if holds_answer(question, text)]


def picture_leaks(question: Question, labels: list[str]) -> list[str]:
    """Where a label drawn on the question's picture holds the answer."""
    if question.options and not _is_number(question.answer):
        return [f"the picture says '{label}'" for label in labels
                if len(normalize(question.answer)) > 3 and holds_answer(question, label)]
    return [f"the picture's label '{label}' holds the answer {question.answer}"
            for label in labels if holds_answer(question, label)]


def degenerate(question: Question, kind: str) -> list[str]:
    """Why the answer does not test: it rounds to 0, it sits on a rounding tie, it reuses the slides'
    worked example."""
    problems = []
    if answer_kind(question.answer) == "number" and not {kind, question.concept} & _ZERO_IS_THE_POINT:
        value = float(question.answer)
        if abs(value) <= question.allowed_error(value) and not question.options:
            problems.append(f"the answer {question.answer} rounds to 0, so '0' is right")
        if question.decimals is not None:
            scaled = abs(value) * 10 ** question.decimals
            if abs(scaled - int(scaled) - 0.5) < 1e-6:
                problems.append(f"the answer {question.answer} is a rounding tie at {question.decimals} decimals")
    shown = question.solution_plot or {}
    if kind == "gradient_step" and [float(c) for c in shown.get("start", [])] == list(SLIDES_GD_START) \
            and shown.get("step") == SLIDES_GD_STEP:
        problems.append("it reuses the slides' worked example (5, 5) with step 0.1")
    if kind == "convolution" and [tuple(r) for r in shown.get("grid", [])] == list(SLIDES_IMAGE) \
            and tuple(shown.get("cell", ())) == SLIDES_CONV_CELL:
        problems.append("it asks the slides' worked cell of the 5×5 image")
    return problems


def question_problems(question: Question, kind: str) -> list[str]:
    """Everything wrong with asking ``question`` (its picture aside: see :func:`picture_leaks`)."""
    problems = text_leaks(question) + degenerate(question, kind)
    if not question.check(question.answer).correct:
        problems.append(f"the answer key {question.answer} is not accepted")
    problems += [f"the slip {m['answer']} is accepted as right" for m in question.mistakes
                 if question.check(str(m["answer"])).correct]
    return problems


def _names(text: str, phrase: str) -> bool:
    return f" {normalize(phrase)} " in f" {normalize(text)} "


def _is_number(text: str) -> bool:
    return answer_kind(text) == "number"
