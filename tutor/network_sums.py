"""Four more results learners work out and want checked: a cosine similarity ("a = (1, -1, 2), b = (3, 1, 0): a.b =
4, cos = 0,516. Correct?"), a softmax ("softmax of logits (2,1,0) -> about 0.67, 0.24,
0.09, right?") and the region stacked convolutions see ("three stacked 3x3 convs see a 9x9 region since 3*3=9,
right?") and the log loss of one example ("y = 0 and h = 0,9: -log(0,9) = 0,105. Is this correct?"). Each claimed number is judged to the precision it is written to, with the slip it matches, and the
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


_COSINE = re.compile(r"\bcos(ine)?\b", re.IGNORECASE)
_NAMED_VECTOR = re.compile(r"\b[a-z]\w?\s*=\s*\(([^()]*)\)")
_CLAIMED_COSINE = re.compile(r"\bcos(?:ine)?(?:\s+sim(?:ilarity)?)?\b[^=]{0,40}?(?:=|\bis\b)\s*(?:[^=]*=\s*)*"
                             r"(?P<said>[-+]?\d+(?:[.,]\d+)?)",
                             re.IGNORECASE)
_CLAIMED_DOT = re.compile(r"\b[a-z]\s*[.·]\s*[a-z]\s*=\s*(?:[^=]*=\s*)?(?P<said>[-+]?\d+(?:[.,]\d+)?)\b(?!\s*[+*/-])",
                          re.IGNORECASE)


@dataclass(frozen=True)
class CosineClaim:
    a: tuple[float, ...]
    b: tuple[float, ...]
    said: str                       # the cosine as the learner wrote it
    dot_said: str | None            # their dot product, where they wrote one

    @property
    def dot(self) -> float:
        return sum(x * y for x, y in zip(self.a, self.b))

    @property
    def cosine(self) -> float:
        return self.dot / (math.hypot(*self.a) * math.hypot(*self.b))

    def right(self) -> bool:
        return _written_as(self.said, self.cosine)

    def dot_wrong(self) -> bool:
        return self.dot_said is not None and abs(_value(self.dot_said) - self.dot) > 1e-9

    def working(self) -> str:
        products = " + ".join(f"{_signed(x)}·{_signed(y)}" for x, y in zip(self.a, self.b))
        norms = f"|a| = {fmt(math.hypot(*self.a), 3)}, |b| = {fmt(math.hypot(*self.b), 3)}"
        return (f"a·b = {products} = {fmt(self.dot)}; {norms}; cos = {fmt(self.dot)} / "
                f"{fmt(math.hypot(*self.a) * math.hypot(*self.b), 3)} ≈ {fmt(self.cosine, 3)}")


def _signed(x: float) -> str:
    return f"({fmt(x)})" if x < 0 else fmt(x)


def read_cosine_claim(text: str) -> CosineClaim | None:
    """A cosine similarity worked out: two vectors named "a = (...)", "b = (...)" of one length, and the cosine
    claimed ("cos = 4 / 7,746 = 0,516"); None where the message holds no such pair or no cosine."""
    if not _COSINE.search(text):
        return None
    vectors = [[_value(v) for v in _split(found[1])] for found in _NAMED_VECTOR.finditer(text.replace(";", ","))
               if len(_split(found[1])) >= 2]
    said = _CLAIMED_COSINE.search(text)
    if len(vectors) < 2 or len(vectors[0]) != len(vectors[1]) or said is None:
        return None
    if not any(vectors[0]) or not any(vectors[1]):
        return None
    dot = _CLAIMED_DOT.search(text)
    return CosineClaim(tuple(vectors[0]), tuple(vectors[1]), said["said"], dot["said"] if dot else None)


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


# a log in sight: "the cost for y = 0 and h = 0.9" alone may be a squared error's
_LOG_LOSS_WORDS = re.compile(r"\b(?:log|ln|log-?loss|cross-?entropy|logistic|bce)\b", re.IGNORECASE)
_SQUARED_LOSS = re.compile(r"squared|\bmse\b|\bmae\b|hinge|absolute|\^\s*2|²", re.IGNORECASE)
_LABEL = re.compile(r"\by\s*=\s*(?P<y>[01])(?![.,]\d)\b")
_PREDICTED = re.compile(r"\b(?:h|p|a|ŷ|y_?hat|yhat|pred(?:iction)?|sigmoid output|output)(?:\s*\(\s*x\s*\))?\s*(?:=|is|of)\s*"
                        r"(?P<h>0?[.,]\d+|0|1(?:[.,]0+)?)(?!\d)", re.IGNORECASE)
# the result claimed: the last number after "=", "≈" or "I get", outside a log's brackets ("-log(0,9) = 0,105")
_LOSS_SAID = re.compile(r"(?:=|≈|\b(?:get|got|is|gives|comes to)\b)\s*(?P<said>[-−]?\d+(?:[.,]\d+)?)(?![\d(*/^]|\s*[*/^(])",
                        re.IGNORECASE)


@dataclass(frozen=True)
class LogLossClaim:
    """The log loss (binary cross-entropy) of one example: label y, predicted probability h, and what the learner got."""
    y: int
    h: float
    said: str | None                # None for a question ("what is the loss for y = 0 and h = 0.9?")

    @property
    def true_probability(self) -> float:   # what the model gave the true label: h for y = 1, 1 − h for y = 0
        return self.h if self.y == 1 else 1 - self.h

    @property
    def loss(self) -> float:
        return -math.log(self.true_probability)

    def right(self) -> bool:
        return self.said is not None and _written_as(self.said, self.loss)

    def slip(self) -> str | None:
        """The known slip the claimed value matches: the other label's term, the wrong sign, or log base 10."""
        if self.said is None or self.right():
            return None
        other = 1 - self.true_probability
        for name, value in (("other term", -math.log(other) if 0 < other < 1 else math.inf),
                            ("sign", math.log(self.true_probability)),
                            ("base 10", -math.log10(self.true_probability))):
            if math.isfinite(value) and _written_as(self.said, value):
                return name
        return None

    def working(self) -> str:
        kept = "y·log(h)" if self.y == 1 else "(1 − y)·log(1 − h)"
        dropped = "(1 − y)·log(1 − h)" if self.y == 1 else "y·log(h)"
        inner = fmt(self.h) if self.y == 1 else f"1 − {fmt(self.h)}) = −ln({fmt(self.true_probability, 3)}"
        return (f"with y = {self.y} the term {dropped} is 0 and only {kept} is left, so the loss is "
                f"−ln({inner}) ≈ {fmt(self.loss, 3)}")


def read_log_loss_claim(text: str) -> LogLossClaim | None:
    """"For one example with y = 0 and h = 0,9 I compute the cost as -log(0,9) = 0,105": a label of 0 or 1, a predicted
    probability strictly between 0 and 1, and a loss word; the claimed loss where there is one."""
    label, predicted = _LABEL.search(text), _PREDICTED.search(text)
    if label is None or predicted is None or not _LOG_LOSS_WORDS.search(text) or _SQUARED_LOSS.search(text):
        return None
    h = _value(predicted["h"])
    if not 0 < h < 1:
        return None
    rest = text[:label.start()] + " " * (label.end() - label.start()) + text[label.end():]
    rest = rest[:predicted.start()] + " " * (predicted.end() - predicted.start()) + rest[predicted.end():]
    said = [found["said"] for found in _LOSS_SAID.finditer(rest)]
    return LogLossClaim(int(label["y"]), h, said[-1] if said else None)


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
    """``written`` is ``value`` rounded or cut to the decimals it shows ("0.67" or "0.66" for 0.665; "24%"; "−0,105")."""
    digits = written.rstrip("%").replace(",", ".").replace("−", "-")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scaled = value * 100 if written.endswith("%") else value
    said = float(digits)
    return any(abs(said - candidate) < 1e-9 for candidate in
               (round(scaled, decimals), math.floor(scaled * 10 ** decimals + 1e-9) / 10 ** decimals))


# -- the side of a feature map traced through convolutions and poolings ("28x28 -> conv 3x3 -> pool 2x2 -> ... = 5x5")
_TRACE_INPUT = re.compile(r"\b(?P<n>\d{1,3})\s*[x×]\s*(?P=n)(?!\d)(?:\s*[x×]\s*\d{1,4})?")
_TRACE_OP = re.compile(
    r"(?P<conv>\bconv\w*(?:\s*\(\s*\d+\s*,\s*\(?)?\s*(?P<ck>\d)\s*[x×,]\s*(?P=ck)\)?\)?(?P<csame>\s*\(?\s*(?:padding\s*=?\s*)?"
    r"['\"]?same)?|\b(?P<ck2>\d)\s*[x×]\s*(?P=ck2)\s*conv\w*(?P<csame2>\s*\(?\s*(?:padding\s*=?\s*)?['\"]?same)?)|"
    r"(?P<pool>\b(?:max|avg|average)?[\s-]*pool\w*\s*\(*\s*(?P<pk>\d)\s*[x×,]\s*(?P=pk)\)*|"
    r"\b(?P<pk2>\d)\s*[x×]\s*(?P=pk2)\s*(?:max|avg|average)?\s*-?\s*pool\w*)", re.IGNORECASE)
_TRACE_REPEATED = re.compile(r"\b(?P<times>two|three|2|3)\s+(?:stages|blocks|times|rounds|rounds of|layers)\s+of\b|"
                             r"\b(?P<twice>twice|two times)\b", re.IGNORECASE)
_TRACE_SAID = re.compile(r"\b(?P<n>\d{1,3})\s*[x×]\s*(?P=n)(?!\d)(?!\s*(?:conv|max|avg|pool))", re.IGNORECASE)
_TRACE_WORDS = re.compile(r"\b(final|output|end up|ends up|left|get|gives?|becomes?|so|size|shape|map)\b|=|→|->",
                          re.IGNORECASE)


@dataclass(frozen=True)
class TraceOp:
    kind: str                       # "conv" or "pool"
    size: int
    same: bool = False              # a convolution with 'same' padding keeps the side

    def apply(self, side: int) -> int:
        if self.kind == "pool":
            return side // self.size
        return side if self.same else side - self.size + 1

    def name(self) -> str:
        padding = " same" if self.same else ""
        return f"{'conv' if self.kind == 'conv' else 'pool'} {self.size}×{self.size}{padding}"


@dataclass(frozen=True)
class SizeTraceClaim:
    """An input side traced through convolutions (stride 1, valid unless 'same') and poolings, and the side claimed."""
    side: int
    ops: tuple[TraceOp, ...]
    said: int | None

    def sides(self) -> list[int]:
        sides = [self.side]
        for op in self.ops:
            sides.append(op.apply(sides[-1]))
        return sides

    @property
    def final(self) -> int:
        return self.sides()[-1]

    def slip(self) -> str | None:
        """The known slip the claimed side matches: the +1 of a valid convolution left out, or a pooling rounded up."""
        if self.said is None or self.said == self.final:
            return None
        no_plus_one = self.side
        rounded_up = self.side
        for op in self.ops:
            no_plus_one = no_plus_one // op.size if op.kind == "pool" else no_plus_one - (0 if op.same else op.size)
            rounded_up = -(-rounded_up // op.size) if op.kind == "pool" else op.apply(rounded_up)
        return "no +1" if self.said == no_plus_one else "rounded up" if self.said == rounded_up else None

    def working(self) -> str:
        steps = [f"{self.side}×{self.side}"]
        for op, side in zip(self.ops, self.sides()[1:]):
            steps.append(f"{op.name()} → {side}×{side}")
        return ", ".join(steps)


def read_size_trace(text: str) -> SizeTraceClaim | None:
    """"28x28 input, two stages of conv 3x3 then 2x2 max pooling, so the final map is 5x5. Correct?": the input's side,
    the operations in order (a repetition said once, "two stages of"), and the side claimed at the end; None with
    fewer than two operations, a stride, or no side claimed nor asked."""
    first = _TRACE_INPUT.search(text)
    if first is None or re.search(r"\bstride|\bstrides\b", text, re.IGNORECASE):
        return None
    ops, last_end = [], first.end()
    for found in _TRACE_OP.finditer(text, first.end()):
        if found["conv"]:
            ops.append(TraceOp("conv", int(found["ck"] or found["ck2"]), bool(found["csame"] or found["csame2"])))
        else:
            ops.append(TraceOp("pool", int(found["pk"] or found["pk2"])))
        last_end = found.end()
    repeated = _TRACE_REPEATED.search(text, first.end())
    if repeated is not None:
        ops *= 2 if repeated["twice"] else _WORDS[repeated["times"].lower()]
    if len(ops) < 2:
        return None
    rest = text[last_end:]
    said = [int(found["n"]) for found in _TRACE_SAID.finditer(rest)]
    if not said and not re.search(r"\bwhat\b|\bhow (big|large)\b|\?", rest, re.IGNORECASE):
        return None
    if said and not _TRACE_WORDS.search(rest[:rest.find(str(said[-1]))] or rest):
        return None
    return SizeTraceClaim(int(first["n"]), tuple(ops), said[-1] if said else None)
