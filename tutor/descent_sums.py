"""The slides' gradient-descent example worked by the learner ("I got (2,56; 2,56) for x3, starting from (5,5) with
step 0,1. is that right?", "after the 2nd iteration i got 3.2"): the start, the step λ and the iterate read from the
message (the slides' (5, 5) and 0.1 where it does not say), and the claimed point checked by the quiz generator's
own descent (:func:`gradient_step`): the same worked steps and known slips ("you subtracted λ itself").

The dialogue reads it only with no question open: the tutor never works out a learner's quiz answer for them.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from tutor.answers import parse_number, parse_vector
from tutor.generators.slides_kinds import gradient_step
from tutor.question import Check, Question
from tutor.slides import SLIDES_GD_START

SLIDES_STEP = 0.1
MAX_STEPS = 20
_NUMBER = r"-?\d+(?:[.,]\d+)?"
_VECTOR = rf"[(\[]\s*{_NUMBER}\s*[,;]?\s*{_NUMBER}\s*[)\]]"
_ABOUT_DESCENT = re.compile(r"\bgradient descent\b|\bdescent\b|x1\s*(?:\^\s*2|²|\*\*\s*2)\s*\+\s*x2", re.IGNORECASE)
_FUNCTION = re.compile(r"\b(?:y\s*=\s*)?x_?1\s*(?:\^\s*2|²|\*\*\s*2)\s*\+\s*x_?2\s*(?:\^\s*2|²|\*\*\s*2)", re.IGNORECASE)
_START = re.compile(rf"(?:\bfrom|\bstart(?:ing)?(?:\s+(?:at|from|point))?|\bx\s*[(^_]?\s*\(?0\)?\s*=|x⁽⁰⁾\s*=)\s*(?P<v>{_VECTOR})",
                    re.IGNORECASE)
_STEP = re.compile(rf"(?:\bstep(?:\s*size)?|λ|\blambda|\blearning rate|\blr|\balpha|α)\s*(?:=|of|is)?\s*(?P<n>{_NUMBER})\b",
                   re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_ITERATE = re.compile(r"\bx\s*(?:[(^_]\s*\(?)?(?P<k>\d{1,2})\)?(?!\s*(?:\^|²|\*\*))|x⁽(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹])⁾|"
                      r"\bafter\s+(?:the\s+)?(?P<n>\d{1,2}|first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+"
                      r"(?:more\s+)?(?:iterations?|steps?)\b|\b(?P<m>\d{1,2})\s+(?:iterations|steps)\b", re.IGNORECASE)
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True)
class DescentClaim:
    start: tuple[float, float]
    step: float
    steps: int
    said: str | None            # the point the learner got ("(2,56; 2,56)", "3.2"), None: only asked

    def question(self) -> Question:
        """The quiz item for this descent: its answer, worked steps and slips."""
        return gradient_step(random.Random(0), {"start": list(self.start), "step": self.step, "steps": self.steps})

    def check(self) -> Check | None:
        """The claimed point graded like a quiz answer; one number for a point whose coordinates are equal is read
        as both ("3.2" for (3.2, 3.2)); None where nothing is claimed or it cannot be read."""
        if self.said is None:
            return None
        question = self.question()
        said = self.said
        expected = parse_vector(question.answer) or []
        if len(parse_vector(said, 2) or []) < 2:
            value = parse_number(said)
            if value is None or len(set(expected)) != 1:
                return None
            said = f"({value}, {value})"
        check = question.check(said)
        return check if check.understood else None


def read_descent_claim(text: str) -> DescentClaim | None:
    """The descent the message works through, with the point it claims; None where it is not about the slides'
    function y = x1² + x2² or names no iterate."""
    if not _ABOUT_DESCENT.search(text):
        return None
    rest = _FUNCTION.sub(" ", text)
    start = _START.search(rest)
    vector = parse_vector(start["v"], 2) if start else None
    if start is not None:
        rest = rest.replace(start[0], " ")
    step = _STEP.search(rest)
    if step is not None:
        rest = rest.replace(step[0], " ")
    iterate = _ITERATE.search(rest)
    if iterate is None or (steps := _steps(iterate)) is None or not 1 <= steps <= MAX_STEPS:
        return None
    rest = rest.replace(iterate[0], " ")
    claimed = re.search(_VECTOR, rest) or re.search(rf"(?<![\w.,]){_NUMBER}(?![\w.,]\d)", rest)
    return DescentClaim(tuple(vector) if vector and len(vector) == 2 else tuple(float(c) for c in SLIDES_GD_START),
                        parse_number(step["n"]) if step else SLIDES_STEP, steps, claimed[0] if claimed else None)


def _steps(found: re.Match[str]) -> int | None:
    if found["k"]:
        return int(found["k"])
    if found["sup"]:
        return _SUPERSCRIPTS.index(found["sup"]) + 1
    word = (found["n"] or found["m"] or "").lower()
    return _ORDINALS.get(word) or (int(word) if word.isdigit() else None)
