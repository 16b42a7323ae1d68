"""Keras 3 code for the network a learner describes ("Keras 3 code for a CNN: 64x64x3 input, Conv2D 32, MaxPool,
Flatten, Dense 128, Dropout 0.5, softmax 10"): one line per layer in today's API, each with its output shape and
parameters in a comment (the counts from the quizzes' own formulas, :meth:`tutor.layer_sums.Layer.parameters`), and
the compile line the last layer calls for. A tester had asked for this three times and got the slides' MNIST model.

The description is read part by part (parts split at commas, arrows, "then" and semicolons outside brackets); a
part that names a layer it cannot size makes the whole reading None, so that the knowledge base answers instead.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from tutor.layer_sums import Layer

# -- reading -----------------------------------------------------------------------------------------------------
_SPLIT = re.compile(r"\s*(?:->|→|=>|;|:|\n|,|\bthen\b|\bfollowed by\b|\+)\s*", re.IGNORECASE)
_KINDS = (   # first match wins: "Dense(10, activation='softmax')" is dense, "softmax 10" too
    ("embedding", re.compile(r"\bembedding", re.I)),
    ("lstm", re.compile(r"\blstm", re.I)),
    ("gru", re.compile(r"\bgru", re.I)),
    ("rnn", re.compile(r"\bsimple\s?rnn|\brnn\b", re.I)),
    ("conv", re.compile(r"\bconv(?:olution(?:al)?)?(?:2d)?\b", re.I)),
    ("pool", re.compile(r"\b(?:max|average|avg)?\s?pool", re.I)),
    ("flatten", re.compile(r"\bflatten", re.I)),
    ("dropout", re.compile(r"\bdropout", re.I)),
    ("batchnorm", re.compile(r"\bbatch\s?norm", re.I)),
    ("dense", re.compile(r"\b(?:dense|fully[- ]connected|fc|hidden layer|output layer|softmax|sigmoid)\b", re.I)),
)
_ACTIVATION = re.compile(r"\b(softmax|sigmoid|relu|tanh|linear)\b", re.I)
_INT = re.compile(r"(?<![\w.])\d{1,6}(?![\d.])")   # not the 2 of "Conv2D"
_PAIR = re.compile(r"\(?(?<![\w.])(\d{1,4})\s*(?:[x×]|,)\s*(\d{1,4})(?!\d)(?:\s*(?:[x×]|,)\s*(\d{1,4})(?!\d))?\)?")
_KERAS1_CONV = re.compile(r"\bconv\w*\(\s*(\d+)\s*,\s*(\d)\s*,\s*(\d)\b", re.I)
_RATE = re.compile(r"(?<![\d.])(0?\.\d+)|\b(\d{1,2})\s*%")
_SAME = re.compile(r"\bsame\b", re.I)
_STRIDE = re.compile(r"\bstrides?\s*(?:=|of)?\s*\(?(\d)", re.I)
_RGB = re.compile(r"\b(rgb|colou?r)\b", re.I)
_FEATURES = re.compile(r"\b(\d{1,6})\s+(?:input\s+)?(?:features|inputs)\b|\binput_dim\s*=\s*(\d{1,6})", re.I)
_STEPS = re.compile(r"\b(?:maxlen|max_len|sequence length|length|sequences? of)\s*(?:=|of)?\s*(\d{1,5})\b", re.I)
_REGRESSION = re.compile(r"\bregression|\bpredicts? (?:a|the) (?:price|number|value)", re.I)
_GLUED = re.compile(r"\b(conv(?:2d)?|dense|lstm|gru|rnn|embedding|dropout|pool)(\d+)\b", re.IGNORECASE)
# data sets named instead of an input shape ("... dense10 softmax for MNIST")
_KNOWN_DATA = {"mnist": (28, 28, 1), "fashion-mnist": (28, 28, 1), "fashion mnist": (28, 28, 1), "cifar-10": (32, 32, 3),
               "cifar10": (32, 32, 3), "cifar": (32, 32, 3)}
_DATA_NAMED = re.compile(r"\b(fashion[- ]mnist|mnist|cifar-?10|cifar)\b", re.IGNORECASE)
_KERNEL_SIDE = 7        # a pair of sides up to 7 in a convolution's or pooling's part is its window, not an image


@dataclass(frozen=True)
class Part:
    """One layer as described: its kind and what the description sizes."""
    kind: str
    size: int | None = None          # units, filters, pooling window, or an embedding's dimensions
    kernel: int = 3
    vocabulary: int | None = None    # an embedding's words
    rate: float | None = None        # dropout
    activation: str | None = None
    padding: str = "valid"
    stride: int | None = None
    added: bool = False              # put in by the tutor (a Flatten before a Dense after images)


@dataclass(frozen=True)
class Architecture:
    parts: list[Part]
    input_shape: tuple[int, ...] | None     # (h, w, c) for images, (n,) for features, (steps,) for word ids
    regression: bool = False


def read_architecture(text: str) -> Architecture | None:
    """The layers ``text`` lists in order, with its input; None for fewer than two layers or a layer it cannot size
    (an LSTM with no units: the knowledge base's code for a named model answers that better)."""
    parts: list[Part] = []
    text = _GLUED.sub(r"\1 \2", text)                 # "conv32+pool, dense10": the size glued to the name
    shape: tuple[int, ...] | None = _KNOWN_DATA.get(found[1].lower()) if (found := _DATA_NAMED.search(text)) else None
    for piece in _pieces(text):
        kind = next((kind for kind, cue in _KINDS if cue.search(piece)), None)
        if kind is None:
            shape = _input_shape(piece) or shape
            continue
        part = _part(kind, piece)
        if part is None and kind in {listed.kind for listed in parts}:   # "...; Embedding params?": about one above
            continue
        if part is None:
            return None
        shape = shape or _input_shape(piece)
        parts.append(part)
    sized = any(part.size or part.rate for part in parts)
    if len(parts) < 2 or not sized:
        return None
    return Architecture(parts, shape, bool(_REGRESSION.search(text)))


def _pieces(text: str) -> list[str]:
    """The text split at separators outside brackets: "Conv2D(32, (3,3))" stays one piece."""
    masked, depth = [], 0
    for char in text:     # separators inside brackets hidden, so that the split sees only the top level
        depth += (char in "([") - (char in ")]")
        masked.append("\0" if depth > 0 and char in ",;:" else char)
    return [piece.replace("\0", ",") for piece in _SPLIT.split("".join(masked)) if piece.strip()]


def _part(kind: str, piece: str) -> Part | None:
    activation = (found[1].lower() if (found := _ACTIVATION.search(piece)) else None)
    if kind in ("flatten", "batchnorm"):
        return Part(kind)
    if kind == "dropout":
        rate = _RATE.search(piece)
        return Part(kind, rate=float(rate[1]) if rate[1] else int(rate[2]) / 100) if rate else None
    if kind == "embedding":
        numbers = [int(n) for n in _INT.findall(piece)]
        return Part(kind, size=numbers[1], vocabulary=numbers[0]) if len(numbers) >= 2 else None
    if kind == "conv" and (old := _KERAS1_CONV.search(piece)):    # the slides' Convolution2D(32, 3, 3, ...)
        piece = piece[:old.start()] + f"Conv2D({old[1]}, ({old[2]}, {old[3]})" + piece[old.end():]
    windows = [found for found in _PAIR.finditer(piece) if _sides(found)[0] <= _KERNEL_SIDE]
    stride = int(found[1]) if (found := _STRIDE.search(piece)) else None
    numbers = [int(n) for n in _INT.findall(_PAIR.sub(" ", _STRIDE.sub(" ", piece)))]
    padding = "same" if _SAME.search(piece) else "valid"
    window = int(windows[0][1]) if windows else None
    if kind == "pool":
        return Part(kind, size=window or next((n for n in numbers if n <= _KERNEL_SIDE), 2), stride=stride,
                    padding=padding)
    if not numbers:
        return None
    if kind == "conv":
        return Part(kind, size=numbers[0], kernel=window or 3, activation=activation or "relu", padding=padding,
                    stride=stride)
    return Part(kind, size=numbers[0], activation=activation)


def _sides(found: re.Match[str]) -> tuple[int, list[int]]:
    sides = [int(n) for n in found.groups() if n]
    return max(sides), sides


def _input_shape(piece: str) -> tuple[int, ...] | None:
    """An image's sides (a pair or triple with a side over 7; channels-first "(1, 28, 28)" turned round; a pair
    gets 1 channel, or 3 for "RGB"), else a number of features or a sequence length."""
    if old := _KERAS1_CONV.search(piece):
        piece = piece[:old.start()] + piece[old.end():]
    image = next((found for found in _PAIR.finditer(piece) if _sides(found)[0] > _KERNEL_SIDE), None)
    if image is not None:
        sides = _sides(image)[1]
        if len(sides) == 2:
            return (*sides, 3 if _RGB.search(piece) else 1)
        return (*sides[1:], sides[0]) if sides[0] in (1, 3) and sides[2] > 3 else tuple(sides)
    if found := _FEATURES.search(piece):
        return (int(found[1] or found[2]),)
    if found := _STEPS.search(piece):
        return (int(found[1]),)
    return None


# -- writing -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CodeLine:
    call: str              # "layers.Conv2D(32, (3, 3), activation=\"relu\")"
    output: str | None     # "62×62×32"
    parameters: int | None


@dataclass(frozen=True)
class ModelCode:
    lines: list[CodeLine]
    input_line: str | None
    compile_line: str
    loss_note: str
    flatten_added: bool

    @property
    def total(self) -> int | None:
        counts = [line.parameters for line in self.lines]
        return None if None in counts else sum(counts)

    def source(self) -> str:
        """The model as Keras 3 source: each layer's output and parameters in a comment where its input is known."""
        calls = ([f"{self.input_line}," ] if self.input_line else []) + [f"{line.call}," for line in self.lines]
        width = max(len(call) for call in calls)
        notes = [""] * (len(calls) - len(self.lines)) + [_comment(line) for line in self.lines]
        body = "\n".join(f"    {call:<{width}}{note}".rstrip() for call, note in zip(calls, notes))
        total = f"  # {self.total:,} parameters in all" if self.total is not None else ""
        return (f"import keras\nfrom keras import layers\n\nmodel = keras.Sequential([\n{body}\n])\n"
                f"{self.compile_line}\nmodel.summary(){total}")


def _comment(line: CodeLine) -> str:
    said = [f"-> {line.output}"] if line.output else []
    said += [f"{line.parameters:,} params"] if line.parameters is not None else []
    return f"  # {', '.join(said)}" if said else ""


def model_code(architecture: Architecture) -> ModelCode:
    """Each layer's call, output and parameters, tracking the shape from the input (unknown without one)."""
    parts = _with_activations(_with_flatten(architecture.parts), architecture.regression)
    shape, lines = architecture.input_shape, []
    if parts[0].kind == "embedding":    # word ids in, a sequence of vectors out
        shape = (shape[0] if shape else None,)
    for part in parts:
        shape, count = _through(part, shape)
        lines.append(CodeLine(_call(part), "×".join(str(side or "steps") for side in shape) if shape else None, count))
    loss, note = _loss(parts[-1].activation, parts[-1].size)
    input_line = _input_line(architecture.input_shape, parts[0].kind == "embedding")
    metric = '"mae"' if loss == "mse" else '"accuracy"'
    return ModelCode(lines, input_line, f'model.compile(optimizer="adam", loss="{loss}", metrics=[{metric}])', note,
                     any(part.added for part in parts))


def _with_flatten(parts: list[Part]) -> list[Part]:
    """A Flatten before the first Dense after images, where the description has none (a Dense on a feature map
    would work on each position's channels)."""
    images = False
    out: list[Part] = []
    for part in parts:
        if part.kind == "dense" and images:
            out.append(Part("flatten", added=True))
        images = part.kind in ("conv", "pool") or (images and part.kind in ("dropout", "batchnorm"))
        out.append(part)
    return out


def _with_activations(parts: list[Part], regression: bool) -> list[Part]:
    """ReLU for a hidden Dense that names none; the last one's from the task: softmax for classes, sigmoid for one
    yes-or-no output, none for a regression."""
    out = [replace(part, activation="relu") if part.kind == "dense" and part.activation is None else part
           for part in parts[:-1]]
    last = parts[-1]
    if last.kind == "dense" and last.activation in (None, "relu"):
        last = replace(last, activation=None if regression else "sigmoid" if last.size == 1 else "softmax")
    return [*out, last]


def _input_line(shape: tuple[int, ...] | None, word_ids: bool) -> str | None:
    if word_ids:
        return f'keras.Input(shape=({shape[0] if shape else None},), dtype="int32")'
    return f"keras.Input(shape={_tuple(shape)})" if shape else None


def _through(part: Part, shape: tuple[int, ...] | None) -> tuple[tuple[int, ...] | None, int | None]:
    """The shape after ``part`` and its parameters (None where the input is not known)."""
    if part.kind in ("dropout",):
        return shape, 0
    if part.kind == "batchnorm":
        return shape, 4 * shape[-1] if shape else None
    if part.kind == "flatten":
        return ((math.prod(shape),) if shape and None not in shape else None), 0
    if part.kind == "embedding":
        return (shape[0] if shape else None, part.size), part.vocabulary * part.size
    layer = _layer(part, shape)
    if part.kind in ("conv", "pool"):
        dims = layer.output_dims()
        count = 0 if part.kind == "pool" else _count(layer)
        return (tuple(dims) if dims else None), count
    return (part.size,), _count(layer)


def _layer(part: Part, shape: tuple[int, ...] | None) -> Layer:
    kind = part.kind
    if kind in ("conv", "pool"):
        height, width, channels = shape if shape and len(shape) == 3 else (None, None, None)
        return Layer(kind, part.size, part.kernel if kind == "conv" else None, channels, height, width, part.stride,
                     part.padding)
    return Layer(kind, part.size, channels=shape[-1] if shape else None)


def _count(layer: Layer) -> int | None:
    question = layer.parameters()
    return int(question.answer) if question is not None else None


def _call(part: Part) -> str:
    extra = f', activation="{part.activation}"' if part.activation else ""
    if part.kind == "conv":
        options = (f", strides={part.stride}" if part.stride else "") + (', padding="same"' if part.padding == "same" else "")
        return f"layers.Conv2D({part.size}, ({part.kernel}, {part.kernel}){options}{extra})"
    simple = {"flatten": "layers.Flatten()", "batchnorm": "layers.BatchNormalization()", "lstm": "layers.LSTM",
              "gru": "layers.GRU", "rnn": "layers.SimpleRNN"}
    if part.kind == "pool":
        return f"layers.MaxPooling2D(({part.size}, {part.size}))"
    if part.kind == "dropout":
        return f"layers.Dropout({part.rate:g})"
    if part.kind == "embedding":
        return f"layers.Embedding({part.vocabulary}, {part.size})"
    if part.kind == "dense":
        return f"layers.Dense({part.size}{extra})"
    return simple[part.kind] + ("" if part.kind in ("flatten", "batchnorm") else f"({part.size})")


def _loss(activation: str | None, units: int | None) -> tuple[str, str]:
    if activation == "softmax":
        return "sparse_categorical_crossentropy", "sparse: labels as class numbers (0, 1, 2, ...); with one-hot " \
                                                  "labels use \"categorical_crossentropy\""
    if activation == "sigmoid":
        return "binary_crossentropy", "labels 0 or 1" + ("" if units == 1 else ", one per output (multi-label)")
    return "mse", "a regression output: no activation on the last layer, mean squared error as the loss"


def _tuple(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(str(side) for side in shape)})"
