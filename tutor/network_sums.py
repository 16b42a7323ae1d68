"""Two more results learners work out and want checked: a softmax ("softmax of logits (2,1,0) -> about 0.67, 0.24,
0.09, right?") and the region stacked convolutions see ("three stacked 3x3 convs see a 9x9 region since 3*3=9,
right?"). Each claimed number is judged to the precision it is written to, with the slip it matches, and the
working is shown. Like the layer sums, the dialogue reads them only with no question open.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tutor.question import fmt

_SOFTMAX = re.compile(r"\bsoft-?max\b", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)%?"
_DECIMAL_COMMA_NUMBER = r"[-+]?\d+(?:,\d+)?%?"
# a vector: numbers in a row ("(2, 1, 0)", "0.67, 0.24, 0.09", "2 1 0"), or with ";" between them, where a comma
# may be the decimal mark ("0,67; 0,24; 0,09")
_VECTOR = re.compile(rf"{_DECIMAL_COMMA_NUMBER}(?:\s*;\s*{_DECIMAL_COMMA_NUMBER})+|{_NUMBER}(?:\s*,\s*{_NUMBER}|\s+{_NUMBER})+")
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_STACKED = re.compile(r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:stacked\s+|consecutive\s+|layers\s+of\s+)?"
                      r"(?P<k>\d)\s*[x×]\s*(?P=k)\s+conv\w*(?:\s+layers)?", re.IGNORECASE)
_FIELD_WORDS = re.compile(r"\b(see|sees|receptive|region|field|cover|covers|look at|view)\b", re.IGNORECASE)
_SIDE_SAID = re.compile(r"\b(\d{1,2})\s*[x×]\s*(\d{1,2})\b")


@dataclass(frozen=True)
class SoftmaxClaim:
    logits: tuple[float, ...]
    said: tuple[str, ...]           # the probabilities as the learner wrote them

    def probabilities(self) -> list[float]:
        exps = [math.exp(z) for z in self.logits]
        return [e / sum(exps) for e in exps]

    def wrong(self) -> list[int]:
        """The positions whose claimed value is neither the probability rounded nor cut to the digits written."""
        return [i for i, (said, p) in enumerate(zip(self.said, self.probabilities())) if not _written_as(said, p)]

    def slip(self) -> str | None:
        """The known slip the claimed values match: the scores divided by their sum, without the exponentials."""
        total = sum(self.logits)
        if total and all(_written_as(said, z / total) for said, z in zip(self.said, self.logits)):
            return "z/sum(z)"
        return None

    def working(self) -> str:
        exps = [math.exp(z) for z in self.logits]
        powers = ", ".join(f"e^{fmt(z)} {'=' if z == 0 else '≈'} {fmt(e, 3)}" for z, e in zip(self.logits, exps))
        shares = ", ".join(f"{fmt(e, 3)}/{fmt(sum(exps), 3)} ≈ {fmt(p, 3)}" for e, p in zip(exps, self.probabilities()))
        return f"{powers}; their sum ≈ {fmt(sum(exps), 3)}; each divided by it: {shares}"


@dataclass(frozen=True)
class FieldClaim:
    layers: int
    kernel: int
    said: int | None                # the side the learner claims, None for a question

    @property
    def side(self) -> int:
        return 1 + self.layers * (self.kernel - 1)

    def working(self) -> str:
        sides = ", then ".join(str(1 + n * (self.kernel - 1)) for n in range(1, self.layers + 1))
        return f"from one pixel, each {self.kernel}×{self.kernel} layer widens the view by {self.kernel - 1}: {sides}"


def read_softmax_claim(text: str) -> SoftmaxClaim | None:
    """A softmax worked out: the first vector read as the scores, the next one as long as the claimed probabilities
    (each between 0 and 1, or a percentage)."""
    if not _SOFTMAX.search(text):
        return None
    vectors = [_split(found.group()) for found in _VECTOR.finditer(text)]
    vectors = [vector for vector in vectors if len(vector) >= 2]
    if len(vectors) < 2 or len(vectors[0]) > 10:
        return None
    # the last vector as long as the scores, of probabilities: "e^2 = 7,39, e^1 = 2,72 ... -> 0,665; 0,245; 0,090"
    said = next((vector for vector in reversed(vectors[1:]) if len(vector) == len(vectors[0])
                 and all(0 <= _value(value) <= 1 for value in vector)), None)
    return None if said is None else SoftmaxClaim(tuple(_value(z) for z in vectors[0]), tuple(said))


def read_field_claim(text: str) -> FieldClaim | None:
    """"three stacked 3x3 convs see 9x9": the layers, the kernel and the side claimed (None where it is asked)."""
    stacked = _STACKED.search(text)
    if stacked is None or not _FIELD_WORDS.search(text):
        return None
    rest = text[:stacked.start()] + " " + text[stacked.end():]
    side = next((int(found[1]) for found in _SIDE_SAID.finditer(rest) if found[1] == found[2]), None)
    return FieldClaim(_WORDS[stacked["n"].lower()], int(stacked["k"]), side)


def _split(vector: str) -> list[str]:
    parts = re.split(r"\s*;\s*", vector) if ";" in vector else re.split(r"\s*,\s*|\s+", vector)
    return [part for part in parts if part]


def _value(written: str) -> float:
    number = float(written.rstrip("%").replace(",", "."))
    return number / 100 if written.endswith("%") else number


def _written_as(written: str, value: float) -> bool:
    """``written`` is ``value`` rounded or cut to the decimals it shows ("0.67" or "0.66" for 0.665; "24%")."""
    digits = written.rstrip("%").replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scaled = value * 100 if written.endswith("%") else value
    said = float(digits)
    return any(abs(said - candidate) < 1e-9 for candidate in
               (round(scaled, decimals), math.floor(scaled * 10 ** decimals + 1e-9) / 10 ** decimals))
