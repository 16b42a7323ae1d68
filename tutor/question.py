"""A question as asked: its text, options, answer key, help ladder, and the check of an answer.

:class:`Question` is what the dialogue manager asks, stores between turns (``to_dict``/``from_dict``)
and checks. Every question carries a hint, a leading prompt and a worked solution (AutoTutor's
hint -> prompt -> assertion escalation), and ``check`` gives immediate feedback that says why.
Nothing shown *with* the question (prompt, options, :meth:`Question.format_hint`, ``plot``) holds
its answer; the solution, the explanation and ``solution_plot`` may.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

from tutor.answers import (
    each_part_matches, match_option, named_last, names_first, normalize, option_conclusions, option_in_one_clause,
    parse_number, parse_vector,
    stated_answer, text_matches,
)
from tutor.key_ideas import missing_ideas


# an option named by its number or letter, then in words: "2, the context words", "b) sklearn"
_PICK_THEN_WORDS = re.compile(r"^\W*(?:option\s*)?[(\[]?(?:(?P<number>\d)\s*[)\].:,?\-–—]?|(?P<letter>[a-fA-F])\s*[)\].:,?\-–—])\s*"
                              r"(?:(?:i think|is|it'?s)\s+)?(?P<words>[^\W\d].*)$")
_LETTER_AT_END = re.compile(r"[.,;:!?]\s*[(\[]?(?P<letter>[a-fA-F])[)\]]?\W*$")


class ExerciseUnavailable(Exception):
    """This exercise cannot be asked right now: the caller should pick another exercise."""


@dataclass
class Check:
    correct: bool
    feedback: str        # immediate, and says why
    understood: bool = True   # False when the text could not be read as an answer at all


# Neutral format examples: the first ones that differ from the answer are shown.
_NUMBER_EXAMPLES = tuple((text, float(parse_number(text) or 0.0)) for text in ("1.5", "-2", "3/4", "0.25", "12", "-0.6"))
_VECTOR_EXAMPLES = ((1.5, -2.0, 0.5, 3.0), (-0.5, 3.0, 2.0, -1.0), (2.0, 0.25, -3.0, 1.5))
_ORDINAL_NAMES = ("first", "second", "third", "fourth", "fifth", "sixth")
ROUNDING_SLIP = ("very close, so your method is probably right: keep more decimals in the intermediate steps and "
                 "round only at the end.")
_UNIT_ASKED = re.compile(r"\b(?:which|what)\s+([a-z]{3,}?)s?\b(?! (?:is|are|of|does|do)\b)", re.IGNORECASE)
_DECIMALS_ASKED = re.compile(r"(\d)\s*decimal(?:s| places?)?\b", re.IGNORECASE)


# a message whose last sentence is a number alone: the answer, after a remark of the learner's ("ahh the x is 0 ok ok.
# 0.92" had got "I need one number")
_LAST_SENTENCE_A_NUMBER = re.compile(r"[.!;]\s+([-+]?\d+(?:[.,]\d+)?)\s*[.!]?\s*$")
# the number claimed as the answer among others said about the working: "ohh the +1. ok its 3. but ur hint was wrong"
_CLAIMED_NUMBER = re.compile(r"\b(?:it'?s|it is|the answer is|answer:|so it'?s|i get|i got)\s+([-+]?\d+(?:[.,]\d+)?)\b"
                             r"(?!\s*[x×*/^+-]\s*\d)", re.IGNORECASE)


@dataclass
class Question:
    exercise_id: str
    concept: str
    prompt: str
    options: list[str]                 # [] for typed answers
    answer: str                        # canonical answer text; numbers as a number string
    hints: list[str]                   # [hint, prompt (a leading question)]; then the solution
    solution: str                      # the worked answer, step by step
    image: str | None = None
    plot: dict | None = None           # the question's picture (plot name + params for tutor.plots.draw)
    tolerance: float = 1e-2            # numeric: |given - answer| <= tolerance * max(1, |answer|)
    accept: list[str] = field(default_factory=list)        # other accepted answers (text)
    explanation: str = ""                                  # why the answer is right, said once answered
    mistakes: list[dict] = field(default_factory=list)     # [{"answer": ..., "why": ...}] typical slips
    decimals: int | None = None        # "to 3 decimals": right within half a unit of that decimal
    key_ideas: list[list[str]] = field(default_factory=list)   # why-questions: each idea, its phrasings
    aliases: dict[str, list[str]] = field(default_factory=dict)   # option text -> the learner's words for it
    solution_plot: dict | None = None  # the picture with the answer drawn in, shown after the answer

    def check(self, text: str) -> Check:
        """Read ``text`` as an answer (option letter / number / text, numbers and vectors in the
        usual formats, key ideas of an explanation) and say whether it is right, and why."""
        text = stated_answer(text)   # "sorry, I was on the quiz. the answer is 0,5"
        if self.options:
            return self._check_option(text)
        if self.accept and text_matches(text, self.accept):   # "1/√2", "ln 2": forms no parser reads
            return self._verdict(True, text)
        if self.key_ideas:
            return self._check_ideas(text)
        kind = answer_kind(self.answer)
        if kind == "number":
            return self._check_number(text)
        if kind == "vector":
            return self._check_vector(text)
        if not normalize(text):
            return Check(False, f"Please answer with {self.format_hint()}.", understood=False)
        accepted = [self.answer, *self.accept]   # "against overfitting, I should think, though ...": its first words
        return self._verdict(text_matches(text, accepted) or names_first(text, accepted)
                             or each_part_matches(text, accepted) or named_last(text, accepted), text)

    def reading(self, text: str) -> str | None:
        """How ``text`` reads as an answer to this question ("0,7" -> "0.7", "the second" -> "option 2, “...”"), to
        show a learner who disputes a verdict what was graded; None where it names no option, number or vector (words
        are graded as written)."""
        text = stated_answer(text)
        if self.options:
            index, _ = self._option_said(text)
            return None if index is None else f"option {index + 1}, “{self.options[index]}”"
        kind = answer_kind(self.answer)
        if kind == "number":
            value = self._number_said(text)
            return None if value is None else fmt(value, 6)
        if kind == "vector":
            values = self._vector_said(text)
            return None if values is None else fmt_vector(values, 6)
        return None

    def format_hint(self) -> str:
        """How to write an answer, with an example that is never the answer ("two numbers, like (1.5, -2)")."""
        if self.options:
            right = self.options.index(self.answer) if self.answer in self.options else -1
            other = next(i for i in range(len(self.options)) if i != right)
            return (f"the letter, number or text of an option, like {chr(97 + other)} or "
                    f"\"the {_ORDINAL_NAMES[other % len(_ORDINAL_NAMES)]} one\"")
        if self.key_ideas:
            return "a sentence or two in your own words"
        kind = answer_kind(self.answer)
        if kind == "number":
            examples = [e for e, value in _NUMBER_EXAMPLES if not self._close(value, float(self.answer))]
            return f"one number, like {examples[0]} or {examples[1]}"
        if kind == "vector":
            expected = parse_vector(self.answer) or []
            example = next(v[:len(expected)] for v in _VECTOR_EXAMPLES
                           if not any(self._close(c, e) for c in v[:len(expected)] for e in expected))
            return f"{_count_words(len(expected))} numbers, like ({', '.join(fmt(c) for c in example)})"
        return "a word or a short phrase"

    def allowed_error(self, expected: float) -> float:
        """How far a numeric answer may be from ``expected``: half a unit of the asked decimal, else
        the relative ``tolerance``."""
        decimals = self._decimals()
        if decimals is not None:
            return 0.5 * 10.0 ** -decimals + 1e-9
        return self.tolerance * max(1.0, abs(expected))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Question":
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in d.items() if key in known})

    def _check_option(self, text: str) -> Check:
        index, pick = self._option_said(text)
        if index is None:
            if text_matches(text, [self.answer, *self.accept]):
                return self._verdict(True, text)
            return Check(False, f"Which option do you mean? Answer with {self.format_hint()}.", understood=False)
        by_words = match_option(pick[1], self.options, self.aliases) if pick else None
        if pick and by_words is not None and by_words != pick[0]:   # "3, the context words": which one?
            return Check(False, f"Option {pick[0] + 1} is “{self.options[pick[0]]}”, but your words name option "
                                f"{by_words + 1}, “{self.options[by_words]}”. Which one do you mean?", understood=False)
        chosen = self.options[index]
        return self._verdict(chosen == self.answer or chosen in self.accept, chosen)

    def _option_said(self, text: str) -> tuple[int | None, tuple[int, str] | None]:
        """The option ``text`` picks, and its number or letter with the words around it where it names one."""
        index = match_option(text, self.options, self.aliases)
        pick = self._pick_and_words(text)
        if index is None and pick is not None:   # "a, thats what the lesson said", "4 obviously", "... lol. d"
            index = pick[0]
        if index is None and pick is None:       # working, then the option it ends on
            for tail in option_conclusions(text):
                index = match_option(tail, self.options, self.aliases)
                if index is not None:
                    break
        if index is None and pick is None:       # "ok ty. um for the question... the validation ones? bc ..."
            index = option_in_one_clause(text, self.options, self.aliases)
        return index, pick

    def names_an_option(self, text: str) -> bool:
        """Whether ``text`` names an option by its number or letter among other words ("4 obviously")."""
        return self._pick_and_words(text) is not None

    def _pick_and_words(self, text: str) -> tuple[int, str] | None:
        """An option named by its number or letter with words around it ("3 the context words", "b) sklearn", "spam
        filter again lol. d"): its position and the words, which may name another option. None for numeric
        options, or a number an option holds ("3 layers")."""
        said = _PICK_THEN_WORDS.match(text) or _LETTER_AT_END.search(text)
        if said is None or any(option.strip().isdigit() for option in self.options):
            return None
        number = said.groupdict().get("number")
        if number and any(number in re.findall(r"\d+", option) for option in self.options):
            return None
        position = int(number) - 1 if number else ord(said["letter"].lower()) - ord("a")
        words = said.groupdict().get("words") or text[:said.start()]   # the words after the pick, or before it
        return (position, words) if 0 <= position < len(self.options) else None

    def _check_ideas(self, text: str) -> Check:
        if text_matches(text, [self.answer]):
            return self._verdict(True, text)
        missing = missing_ideas(text, self.key_ideas)
        if not missing:
            return self._verdict(True, text)
        if not normalize(text):
            return Check(False, f"Please answer with {self.format_hint()}.", understood=False)
        if why := self._diagnose(text, None):
            return Check(False, f"Not quite: {why}")
        named = "; ".join(self.key_ideas[i][0] for i in missing)
        said = len(self.key_ideas) - len(missing)
        lead = "Part of it" if said else "Not quite"
        return Check(False, f"{lead}: your answer still misses {'this idea' if len(missing) == 1 else 'these ideas'}: {named}.")

    def _number_said(self, text: str) -> float | None:
        # the number after the word asked for first: "i think epoch 12, the orange line is lowest there, around 0,14",
        # "Epoch 2 again. Note that ... lr 0.5 ... from 1.6 to about 0.34" to "at which epoch?"
        value = self._number_of_the_unit_asked(text)
        if value is None:
            value = parse_number(text)
        if value is None and (last := _LAST_SENTENCE_A_NUMBER.search(text)):   # "ahh the x is 0 ok ok. 0.92"
            value = parse_number(last[1])
        if value is None and len(claimed := {found for found in _CLAIMED_NUMBER.findall(text)}) == 1:
            value = parse_number(claimed.pop())
        return value

    def _check_number(self, text: str) -> Check:
        value = self._number_said(text)
        if value is None:
            return Check(False, f"I need {self.format_hint()}.", understood=False)
        accepted = [float(other) for other in self.accept if answer_kind(other) == "number"]
        return self._verdict(any(self._close(value, right) for right in [float(self.answer), *accepted]), text, value)

    def names_the_unit_asked(self, text: str) -> bool:
        """"The validation loss was lowest at the last epoch, epoch 5, at about 0.2. Now please explain the picture":
        the number after the word the question asks for is an answer, whatever else the message asks."""
        return self._number_of_the_unit_asked(text) is not None

    def _number_of_the_unit_asked(self, text: str) -> float | None:
        """The number right after the word the question asks for ("at which epoch ...?": "epoch 12"), if any."""
        for unit in _UNIT_ASKED.findall(self.prompt):
            said = re.search(rf"\b{re.escape(unit)}s?\s*(?:#|no\.?|number)?\s*(-?\d+(?:[.,]\d+)?)\b", text, re.IGNORECASE)
            if said is not None:
                return parse_number(said[1])
        return None

    def _vector_said(self, text: str) -> list[float] | None:
        return parse_vector(text, len(parse_vector(self.answer) or []))

    def _check_vector(self, text: str) -> Check:
        expected = parse_vector(self.answer) or []
        values = self._vector_said(text)
        if values is None or len(values) != len(expected):
            return Check(False, f"I need {self.format_hint()}.", understood=False)
        matches = all(self._close(v, e) for v, e in zip(values, expected))
        return self._verdict(matches, text, values)

    def _close(self, value: float, expected: float) -> bool:
        return abs(value - expected) <= self.allowed_error(expected)

    def _verdict(self, correct: bool, text: str, value: Any = None) -> Check:
        if correct:
            return Check(True, f"Correct! {self.explanation}".strip())
        why = self._diagnose(text, value) or self._rounding_slip(value)
        return Check(False, f"Not quite: {why}" if why else "Not quite.")

    def _rounding_slip(self, value: Any) -> str | None:
        """A number off only in its last digits ("0.13" for 0.1225 "to 2 decimals"): the method is likely right and
        an intermediate step was rounded too early (a tester's right working had got a bare "Not quite")."""
        if not isinstance(value, float) or answer_kind(self.answer) != "number" or self._decimals() is None:
            return None
        expected = float(self.answer)
        return ROUNDING_SLIP if abs(value - expected) <= 3 * self.allowed_error(expected) else None

    def _decimals(self) -> int | None:
        """The precision the item asks for: its own, or the prompt's "(2 decimals)"."""
        return self.decimals if self.decimals is not None else decimals_asked(self.prompt)

    def _diagnose(self, text: str, value: Any) -> str | None:
        """The explanation of a known slip that matches the learner's answer, if any."""
        for mistake in self.mistakes:
            wrong = str(mistake["answer"])
            if isinstance(value, float) and answer_kind(wrong) == "number":
                if self._close(value, float(wrong)):
                    return mistake["why"]
            elif isinstance(value, list) and answer_kind(wrong) == "vector":
                expected = parse_vector(wrong) or []
                if len(expected) == len(value) and all(self._close(v, e) for v, e in zip(value, expected)):
                    return mistake["why"]
            elif value is None and text_matches(text, [wrong]):
                return mistake["why"]
        return None


@lru_cache(maxsize=4096)
def decimals_asked(prompt: str) -> int | None:
    """The precision a prompt asks for: "to 3 decimals", "(2 decimals)", "3 decimal places"."""
    match = _DECIMALS_ASKED.search(prompt)
    return int(match[1]) if match else None


def _count_words(n: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(n, str(n))


_PLAIN_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


@lru_cache(maxsize=4096)
def answer_kind(answer: str) -> str:
    """"number" ("0.731"), "vector" ("(4, 4)") or "text" for a canonical answer string."""
    if _PLAIN_NUMBER.fullmatch(answer):
        return "number"
    if re.fullmatch(r"[\s()\[\],;\d.eE+-]+", answer) and len(parse_vector(answer) or []) >= 2:
        return "vector"
    return "text"


def fmt(value: float, decimals: int = 4) -> str:
    """A number as a learner would write it: 4.0 -> "4", 0.73105 -> "0.7311"."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def term(value: float) -> str:
    """A number as a term in a formula: negatives in parentheses, "2·(-3)" not "2·-3"."""
    return f"({fmt(value)})" if fmt(value).startswith("-") else fmt(value)


def fmt_vector(values: list[float], decimals: int = 4) -> str:
    return "(" + ", ".join(fmt(v, decimals) for v in values) + ")"


def fmt_grid(grid: list[list[int]]) -> str:
    """A small matrix on one chat line, rows separated by " / ": "1 1 1 0 0 / 0 1 1 1 0 / ..."."""
    return " / ".join(" ".join(str(value) for value in row) for row in grid)


def slip(answer: str, why: str) -> dict:
    """A typical wrong answer and why it is wrong (Question.mistakes)."""
    return {"answer": answer, "why": why}


def keep_distinct(mistakes: list[dict], answer: str, tolerance: float = 1e-2, decimals: int | None = None) -> list[dict]:
    """Drop 'slips' that happen to give the right answer for these numbers (and repeated ones)."""
    probe = Question("", "", "", [], answer, [], "", tolerance=tolerance, decimals=decimals)
    kept: list[dict] = []
    for mistake in mistakes:
        if probe.check(str(mistake["answer"])).correct or any(m["answer"] == mistake["answer"] for m in kept):
            continue
        kept.append(mistake)
    return kept
