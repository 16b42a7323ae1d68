"""Two Day 2 results learners work out by hand and want checked: the parameters of a small dense network described
in words ("12 sensor inputs, hidden layer of 8 neurons, then 1 output neuron ... total 113 parameters. Correct?") and
the gradient of one sigmoid neuron ("x = 2, w = 0,5, b = 0, y = 1, loss ½(a − y)² ... ∂L/∂w = −0,053. Is that
right?"). Both had got "I can only check the arithmetic": the sums were right, and the missing factor x went unseen.
Each claim is judged against the setup the learner wrote, with the slip it matches; the dialogue reads them only with
no question open.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tutor.answers import number_word
from tutor.question import fmt

_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|twenty|thirty-two|sixty-four)"
_UNITS = r"(?:neurons?|units?|nodes?|cells?)"
_INPUTS = re.compile(rf"\b{_COUNT}\s+(?:\w+\s+){{0,2}}?(?:inputs?|input features|features)\b", re.IGNORECASE)
_HIDDEN = re.compile(rf"\bhidden\s+(?:layer\s+)?(?:of|with)\s+{_COUNT}\s*{_UNITS}?|\b{_COUNT}\s+hidden\s+{_UNITS}|"
                     rf"\bhidden\s+layer\s*(?:\(|:)?\s*{_COUNT}\s*{_UNITS}", re.IGNORECASE)
_OUTPUTS = re.compile(rf"\b{_COUNT}\s+(?:\w+\s+)?outputs?(?:\s+{_UNITS})?\b|\boutput\s+(?:layer\s+)?(?:of|with)\s+{_COUNT}",
                      re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)
_PARAMETER_WORDS = re.compile(r"\bparam\w*|\bweights\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:total|in all|altogether|overall|so)\b\D{0,12}?(?P<said>\d[\d,]*)\b|"
                    r"(?P<said2>\d[\d,]*)\s+(?:params?|parameters)\b(?:\s+(?:in total|in all|total))?", re.IGNORECASE)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else number_word(word.replace("-", " ")) or 0


@dataclass(frozen=True)
class DenseCountClaim:
    """A dense network's layer sizes, input first, and the total the learner claims."""
    sizes: tuple[int, ...]
    said: int | None

    def per_layer(self) -> list[int]:
        return [n * k + k for n, k in zip(self.sizes, self.sizes[1:])]

    @property
    def total(self) -> int:
        return sum(self.per_layer())

    def slip(self) -> str | None:
        """The known slip the claimed total matches: the biases left out, or counted once for the whole network."""
        weights = sum(n * k for n, k in zip(self.sizes, self.sizes[1:]))
        if self.said == weights:
            return "no biases"
        if self.said == weights + 1:
            return "one bias"
        return None

    def working(self) -> str:
        layers = [f"{n}·{k} + {k} = {n * k + k}" for n, k in zip(self.sizes, self.sizes[1:])]
        return "; ".join(layers) + f"; {' + '.join(str(c) for c in self.per_layer())} = {self.total}"


def read_dense_count_claim(text: str) -> DenseCountClaim | None:
    """"12 inputs, hidden layer of 8 neurons, 1 output ... total 113 parameters": the sizes in the order said and the
    claimed total; None without inputs, an output, parameters named, or with a convolution or recurrence in sight."""
    if not _PARAMETER_WORDS.search(text) or re.search(r"\bconv|\blstm|\brnn|\bembedding|\bkernel", text, re.IGNORECASE):
        return None
    inputs, outputs = _INPUTS.search(text), _OUTPUTS.search(text)
    if inputs is None or outputs is None:
        return None
    hidden = [found for found in _HIDDEN.finditer(text) if inputs.end() <= found.start() < outputs.start()]
    sizes = (_count(inputs[1]), *(_count(next(group for group in found.groups() if group)) for found in hidden),
             _count(next(group for group in outputs.groups() if group)))
    if 0 in sizes:
        return None
    totals = [found["said"] or found["said2"] for found in _TOTAL.finditer(text[outputs.end():])]
    if not totals and not _HOW_MANY.search(text):   # "... 1 output: 55 weights?" claims no total
        return None
    return DenseCountClaim(sizes, int(totals[-1].replace(",", "")) if totals else None)


_SETTING = r"\s*=\s*(?P<v>[-−]?\d+(?:[.,]\d+)?)"    # "w = 0,5", "y = 1": the neuron's numbers
_X, _W, _B, _Y = (re.compile(rf"(?<![\w∂/]){name}{_SETTING}(?![.,]?\d)") for name in ("x", "w", "b", "y"))
_GRADIENT = re.compile(r"(?:∂|d)\s*(?:L|J|E|C|loss)\s*/\s*(?:∂|d)\s*(?P<of>w|b)\b[^=]*=(?:[^=]*=)*\s*"
                       r"(?P<said>[-−]?\d+(?:[.,]\d+)?)", re.IGNORECASE)
_HALF_SQUARED = re.compile(r"(?:½|1/2|0[.,]5)\s*[·*]?\s*\(\s*(?:a|y|ŷ|h)\s*[-−]\s*(?:a|y|ŷ|h)\s*\)\s*(?:²|\^\s*2)",
                           re.IGNORECASE)
_SQUARED = re.compile(r"\(\s*(?:a|y|ŷ|h)\s*[-−]\s*(?:a|y|ŷ|h)\s*\)\s*(?:²|\^\s*2)|squared|\bmse\b", re.IGNORECASE)
_LOG = re.compile(r"\blog\b|\bln\b|cross-?entropy", re.IGNORECASE)
_NOT_SIGMOID = re.compile(r"\brelu\b|\btanh\b|\blinear\b", re.IGNORECASE)


def _number(written: str) -> float:
    return float(written.replace("−", "-").replace(",", "."))


@dataclass(frozen=True)
class NeuronGradientClaim:
    """One sigmoid neuron a = σ(w·x + b) with a loss, and the learner's ∂L/∂w or ∂L/∂b."""
    x: float
    w: float
    b: float
    y: float
    loss: str                       # "half squared", "squared" or "cross-entropy"
    of: str                         # "w" or "b"
    said: str

    @property
    def a(self) -> float:
        return 1 / (1 + math.exp(-(self.w * self.x + self.b)))

    def _factors(self) -> dict[str, float]:
        a = self.a
        return {"dL/da": {"half squared": a - self.y, "squared": 2 * (a - self.y)}.get(self.loss, 0.0),
                "da/dz": a * (1 - a), "dz/dparam": self.x if self.of == "w" else 1.0}

    @property
    def gradient(self) -> float:
        if self.loss == "cross-entropy":     # the sigmoid's slope cancels: (a − y)·x
            return (self.a - self.y) * (self.x if self.of == "w" else 1.0)
        factors = self._factors()
        return factors["dL/da"] * factors["da/dz"] * factors["dz/dparam"]

    def right(self) -> bool:
        return _close(_number(self.said), self.gradient)

    def slip(self) -> str | None:
        """The factor the claimed value lacks: x (∂z/∂w), the sigmoid's slope a(1 − a), or the 2 of the square."""
        said = _number(self.said)
        if self.right():
            return None
        if self.of == "w" and self.x not in (0, 1) and _close(said, self.gradient / self.x):
            return "no x"
        factors = self._factors()
        if self.loss != "cross-entropy" and _close(said, factors["dL/da"] * factors["dz/dparam"]):
            return "no slope"
        if self.loss == "squared" and _close(said, self.gradient / 2):
            return "no 2"
        return None

    def working(self) -> str:
        a, z = self.a, self.w * self.x + self.b
        chain = f"z = {fmt(self.w)}·{fmt(self.x)} + {fmt(self.b)} = {fmt(z, 3)}, a = σ(z) ≈ {fmt(a, 3)}"
        slope = "∂z/∂w = x" if self.of == "w" else "∂z/∂b = 1"
        if self.loss == "cross-entropy":
            return f"{chain}; with cross-entropy ∂L/∂z = a − y, times {slope}: ∂L/∂{self.of} ≈ {fmt(self.gradient, 3)}"
        outer = "(a − y)" if self.loss == "half squared" else "2(a − y)"
        return (f"{chain}; ∂L/∂{self.of} = ∂L/∂a · ∂a/∂z · {slope.split(' = ')[0]} = {outer} · a(1 − a) · "
                f"{fmt(self.x) if self.of == 'w' else '1'} ≈ {fmt(self.gradient, 3)}")


def _close(said: float, value: float) -> bool:
    """Within what rounding a to two decimals along the way leaves: 3 % of the value, or 0.002."""
    return abs(said - value) <= max(0.03 * abs(value), 0.002)


def read_neuron_gradient_claim(text: str) -> NeuronGradientClaim | None:
    """"x = 2, w = 0,5, b = 0, y = 1, loss ½(a − y)² ... ∂L/∂w = −0,053": the neuron's numbers, its loss, and the
    gradient claimed; None where one of them is missing or the activation is not the sigmoid."""
    gradient = _GRADIENT.search(text)
    found = [pattern.search(text) for pattern in (_X, _W, _Y)]
    if gradient is None or None in found or _NOT_SIGMOID.search(text):
        return None
    loss = ("half squared" if _HALF_SQUARED.search(text) else "squared" if _SQUARED.search(text)
            else "cross-entropy" if _LOG.search(text) else None)
    if loss is None:
        return None
    x, w, y = (_number(match["v"]) for match in found)
    bias = _B.search(text)
    return NeuronGradientClaim(x, w, _number(bias["v"]) if bias else 0.0, y, loss, gradient["of"].lower(),
                               gradient["said"])
