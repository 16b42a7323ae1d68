"""A Keras layer the learner describes ("Conv2D(64, (3,3)) on a 32x32x3 input", "an LSTM with 64 units on 100-dim
inputs", "MaxPooling2D(2) on 26x26x32") and the numbers they ask for or claim ("how many params?", "so 30x30x64 and
1792 params, right?"), worked out by the exercise generators themselves (:func:`param_count_question`,
:func:`conv_output_size_question`): one formula, and the same worked answer and known slips as the quiz's.

The dialogue reads it only with no question open: the tutor never works out a learner's quiz answer for them.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from tutor.generators.layers import conv_output_size_question, param_count_question
from tutor.question import Question

_INT = r"(\d{1,5})"
_BY = r"\s*[x×]\s*"   # "32x32x3"; never "*": "4*128*128" is a product, not a shape
_KERAS = re.compile(r"\b(?P<kind>conv(?:olution)?2d|dense|lstm|gru|simplernn|embedding|(?:max|average)_?pool(?:ing)?2d)\s*\("
                    r"(?P<args>[^()]*"
                    r"(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE)
_KIND = re.compile(r"\b(?P<kind>conv(?:olution(?:al)?)?(?:2d)?|dense|fully[- ]connected|lstm|gru|simple ?rnn|embedding|"
                   r"(?:max[- ]?)?pool(?:ing)?)"
                   r"(?:\s+layers?)?\b", re.IGNORECASE)
_TRIPLE = re.compile(rf"\(?\b{_INT}(?:{_BY}|\s*,\s*){_INT}(?:{_BY}|\s*,\s*){_INT}\b\)?")
_PAIR = re.compile(rf"\(?\b{_INT}(?:{_BY}|\s*,\s*){_INT}\b\)?")
_COUNT = re.compile(rf"\b(?:{_INT}\s+(?:(?P<side>\d{{1,2}}){_BY}\d{{1,2}}\s+)?(?P<what>filters|kernels|feature maps|units|"
                    rf"neurons|hidden units|cells|nodes)|(?P<named>filters|units)\s*=\s*(?P<n>\d{{1,5}}))\b", re.IGNORECASE)
# a convolution's filter count said bare after its kernel: "conv 3x3 64 valid" (it had been dropped from the stack)
_BARE_COUNT = re.compile(rf"^\s*(?:conv\w*\s+)?(?P<side>\d{{1,2}}){_BY}\d{{1,2}}\s+(?P<n>\d{{1,4}})\b(?!\s*(?:x|×|by|\*|=|%))",
                         re.IGNORECASE)
_FEATURES = re.compile(rf"\b(?:input_dim\s*=\s*{_INT}|{_INT}[- ]?(?:dim(?:ensional)?|d)\b|{_INT}\s+(?:input\s+)?"
                       rf"(?:features|inputs?|channels|pixels)|(?:dim(?:ension)?|size|length|features?|inputs?)\s+(?:of\s+|is\s+|=\s*)?"
                       rf"{_INT}\b|vectors?\s+of\s+(?:size\s+|length\s+|dim\s+)?{_INT})", re.IGNORECASE)
# an input shape said after the layers: "... Dense(10). Input 28x28x1.", "input shape (28, 28, 1)"
_INPUT_AFTER = re.compile(r"\binput(?:\s+shape)?\s*(?:=|:|of|is)?\s*\(?\d{1,4}\s*[x×,]\s*\d{1,4}(?:\s*[x×,]\s*\d{1,4})?\)?",
                          re.IGNORECASE)
# "two 3x3 convs with 256 filters each, same padding": one layer said for several alike
_REPEATED = re.compile(r"\b(?P<n>two|three|four|[234])\s+(?P<kernel>\d\s*[x×]\s*\d\s+)?(?:conv(?:olution)?(?:al)?|conv2d)s?"
                       r"(?:\s+layers?)?\s+(?:with|of)\s+(?P<filters>\d+)\s+(?:filters|kernels|channels|maps)(?:\s+each)?"
                       r"(?:,?\s+(?P<padding>(?:same|valid)\s+padding|padding\s+(?:same|valid)))?", re.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4}
_VERSUS = re.compile(r"\b(versus|vs\.?|compared (to|with)|instead of|rather than)\s", re.IGNORECASE)
_GRAY, _RGB = re.compile(r"\b(gr[ae]yscale|gr[ae]y|black[- ]and[- ]white|mnist)\b", re.I), re.compile(r"\b(rgb|colou?r)\b", re.I)
_STRIDE = re.compile(rf"\bstrides?\s*(?:=|of)?\s*\(?{_INT}", re.IGNORECASE)
_PADDING = re.compile(r"\b(?:padding\s*(?:=|is|:)?\s*['\"]?(?P<mode>same|valid)|(?P<mode2>same|valid)\s+padding|padding\s+"
                      r"(?:of\s+)?(?P<pixels>\d)|(?P<none>no\s+(?:zero[- ]?)?pad(?:ding)?)|"
                      r"(?<!the )(?<=\s)(?P<mode3>same|valid)(?!\s+(?:as|thing|size|one|again|but|shape)\b))\b",
                      re.IGNORECASE)   # the last: "conv 32 3x3 same" in a stack said in words
# what the message asks or claims: a parameter count, or the output's size
# the layer just worked out, its sums questioned in words: a why or a "don't need", answered by the course, not by sums
_DISPUTES_WITHOUT_NUMBERS = re.compile(r"\bwhy\b|\b(don'?t|dont|do not|doesn'?t|doesnt) need\b|\bis like nothing\b", re.IGNORECASE)
_ABOUT_PARAMETERS = re.compile(r"\b(param(?:eter)?s?|weights)\b", re.IGNORECASE)
_ABOUT_OUTPUT = re.compile(r"\b(output|shape|how (?:big|wide|large|tall)|wide|side)\b", re.IGNORECASE)
# "66,048", "2_560_000": thousands groups, outside a call's brackets ("Embedding(10000,128)" is two arguments)
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[,_ ]\d{3})+\b")
_SHAPE_SAID = re.compile(r"\b\d{1,4}(?:\s*[x×]\s*\d{1,4}){1,2}\b")
# the learner's own number: said as a claim ("I say 1792", "is 42240 right?", "320 params, right?")
_CLAIM_CUE = re.compile(r"\d\s*(?:trainable\s+)?(?:param(?:eter)?s|weights)\s*\?|(?:\b(?:is|are|has|have|gives?)|=|→|->)\s*"
                        r"(?:about\s+|only\s+)?\d|"
                        r"\b(right|correct|true|wrong|yes or no|am i|i (?:say|get|got|computed|calculated|think|counted|"
                        r"make it)|so (?:the answer|it)|is it|should be)\b", re.IGNORECASE)
# the layer worked out last turn, changed: "and with padding same?", "what about 5x5 filters?"
_VARIATION = re.compile(r"^\W*(?:(?:and|but|ok(?:ay)?|now|so)\W+)?(?:what about|how about|what if|and if|with|same but|if)\b",
                        re.IGNORECASE)
# numbers said beside a layer that are not its own: the network's total, a Flatten's length ("Flatten 1600")
_TOTAL_WORDS = r"(?:total|in all|altogether|overall)(?:\s+(?:params|parameters|param count|weights|count))?"
_NOT_THIS_LAYERS = re.compile(rf"\b(?:{_TOTAL_WORDS}|flatten\w*)\W*(?:is\s+|=\s*|of\s+)?\d[\d,_]*", re.IGNORECASE)
_TOTAL_SAID = re.compile(rf"\b{_TOTAL_WORDS}\W*(?:is\s+|=\s*|of\s+)?(\d[\d,_]*)", re.IGNORECASE)
# the layers' counts added up by the learner: "params 320 + 18496 + 16010 = 34826" (the total, no layer's count)
_COUNTS_ADDED = re.compile(r"\d[\d,_]*(?:\s*\+\s*\d[\d,_]*){2,}\s*=\s*(\d[\d,_]*)")
# a dense layer said by its inputs and neurons, no layer named: "62500 pixel inputs into 100 neurons"
_INPUTS_INTO = re.compile(r"\b(?P<inputs>\d{1,7})\s+(?:\w+\s+)?inputs?\s+(?:go(?:ing)?\s+)?(?:into|to|feeding(?:\s+into)?|"
                          r"connected\s+to|for)\s+(?:a\s+(?:hidden\s+)?layer\s+(?:of|with)\s+)?(?P<size>\d{1,5})\s+"
                          r"(?:hidden\s+)?(?:neurons|units|nodes)\b", re.IGNORECASE)
# "6 250 000 weights + 100 biases": the parameters claimed as their two parts
_WEIGHTS_PLUS_BIASES = re.compile(r"\b(?P<weights>\d{1,10})\s+weights?\s*(?:\+|and|plus)\s*(?P<biases>\d{1,7})\s+bias(?:es)?\b",
                                  re.IGNORECASE)
_BARE_SIZE = re.compile(r"\s*(\d{1,5})\b(?!\s*[x×,.]\s*\d)")   # the size right after the layer's name
_FLATTENED = re.compile(r"\bflatten", re.IGNORECASE)
# an embedding in words: "an embedding layer with 20000 words and 128 dims", "embedding of 20000·128"
_TABLE = re.compile(r"\b(\d{2,7})\s*[·*x×]\s*(\d{1,4})\b")   # "20000·128": words by dimensions
_VOCABULARY = re.compile(r"\b(\d{2,7})\s+(?:words|tokens)\b|\bvocab\w*\s*(?:size\s*)?(?:of\s*|=\s*|is\s*)?(\d{2,7})\b",
                         re.IGNORECASE)
_DIMENSIONS = re.compile(r"\b(\d{1,4})[- ]?(?:dims?|dimensions?|dimensional|d)\b|\b(?:dims?|dimensions?|size|output_dim)\s*"
                         r"(?:of\s*|=\s*|is\s*)?(\d{1,4})\b", re.IGNORECASE)
# the input size the tutor asked for, given alone: "n = 30752", "m is 100", "30752"
_INPUT_SIZE_GIVEN = re.compile(r"\W*(?:(?:n|m|c|v|inputs?|features?|channels?|vocab\w*)\s*(?:=|is|:)\s*)?(\d{1,7})\W*",
                               re.IGNORECASE)
_SAID_OUTPUT = re.compile(r"(?:→|->|=>|\bgives\b|\boutputs?\b|\bbecomes\b)\s*(\d{1,4}(?:\s*[x×]\s*\d{1,4}){1,2})", re.IGNORECASE)
# the learner's list of the layers' shapes after the stack ("shapes 26x26x32, 13x13x32, ..., 1600"): claims about
# several layers, never the last layer's input
_SHAPES_LISTED = re.compile(r"\bshapes?\b\W*(?:\d{1,5}(?:\s*[x×]\s*\d{1,5}){0,2}\s*(?:,|->|→|and)?\s*){2,}", re.IGNORECASE)
_INPUT_SAID = re.compile(r"\b(inputs?|images?|pictures?|on an?|from an?|feature maps? of|grayscale|rgb)\b", re.IGNORECASE)
# what an LSTM after "Embedding(max_features, 128)" reads: 128 features a step
_EMBEDDING = re.compile(r"\bembedding\s*\(\s*[^,()]+,\s*(?:output_dim\s*=\s*)?(\d{1,5})", re.IGNORECASE)
_SIDE_TRACE = re.compile(r"\b\d+(?:\s*(?:->|→|=>)\s*\d+){2,}\b")
_NOT_A_CLAIM = re.compile(r"\b(?:day|lesson|step|part|question|exercise|epochs?|layers?|chapter|keras|python|tensorflow|"
                          r"tf|version)\s+\d+|\d+\s*[/*×·^]\s*\d+|"   # "Keras 3", "3/4 of": no claim
                          r"[,;]?\s*\b(?:no|not|instead of|rather than)\s+\d+\b|"   # "2432, no 2400?"
                          # a trace of sides, "2048 -> 1024 -> 512...": sizes after layers, no count ("I get 0, not 512")
                          rf"{_SIDE_TRACE.pattern}", re.IGNORECASE)


@dataclass(frozen=True)
class Layer:
    kind: str                      # "dense", "conv", "lstm", "gru", "rnn" (SimpleRNN), "embedding" or "pool"
    size: int                      # units, filters, or the pooling window's side
    kernel: int | None = None      # a convolution's square kernel side
    channels: int | None = None    # what comes in per position: features (dense, LSTM) or channels (conv, pool)
    height: int | None = None      # an image's sides (conv, pool)
    width: int | None = None
    stride: int | None = None      # None: Keras's default (1 for a convolution, the window for pooling)
    padding: str = "valid"         # "valid", "same", or pixels on each side ("1")

    @property
    def name(self) -> str:
        call = {"dense": "Dense", "lstm": "LSTM", "gru": "GRU", "rnn": "SimpleRNN", "conv": "Conv2D",
                "pool": "MaxPooling2D", "embedding": "Embedding"}[self.kind]
        if self.kind == "embedding":
            return f"{call}({self.channels or 'vocabulary'}, {self.size})"
        if self.kind == "conv":
            return f"{call}({self.size}, ({self.kernel}, {self.kernel}))"
        return f"{call}(({self.size}, {self.size}))" if self.kind == "pool" else f"{call}({self.size})"

    def parameters(self) -> Question | None:
        """The quiz item that counts this layer's parameters (its answer, working and slips); None where an input
        size it needs is not known, or for pooling (no parameters)."""
        if self.kind == "pool" or self.channels is None or (self.kind == "conv" and self.kernel is None):
            return None
        pinned = {"layer": self.kind, "units": self.size, "inputs": self.channels, "filters": self.size,
                  "k": self.kernel, "channels": self.channels}
        return param_count_question(random.Random(0), pinned)

    def sides(self) -> list[tuple[int, str]]:
        """Each output side (height, then width where it differs) and its working; none for a layer without an
        image, or one whose size is not known."""
        if self.kind not in ("conv", "pool") or self.height is None or (self.kind == "conv" and self.kernel is None):
            return []   # "conv 5x5x3 with 32 filters": a kernel's size, no image; its output side is unknown
        sides = [self.height] if self.width in (None, self.height) else [self.height, self.width]
        return [self._side(n) for n in sides]

    def output(self) -> str | None:
        dims = self.output_dims()
        return "×".join(str(n) for n in dims if n) if dims else None

    def output_dims(self) -> tuple[int, int, int | None] | None:
        """(height, width, channels) of a convolution's or pooling's output; None without an input image."""
        sides = [side for side, _ in self.sides()]
        if not sides:
            return None
        return sides[0], sides[-1], self.size if self.kind == "conv" else self.channels

    def fed_by(self, before: Layer, flattened: bool) -> Layer:
        """This layer reading ``before``'s output where it says no input of its own: an image after a convolution
        or pooling, its units after a dense or recurrent layer (an image flattened first where "Flatten" is said;
        else a dense layer reads the channels, as Keras does)."""
        dims = before.output_dims()
        if self.kind in ("conv", "pool") and self.height is None and dims is not None:
            return replace(self, height=dims[0], width=dims[1], channels=dims[2])
        if self.kind not in ("conv", "pool", "embedding") and self.channels is None:
            if dims is None:   # after a convolution or pooling of unknown input, its size is not a feature count
                return self if before.kind in ("conv", "pool") else replace(self, channels=before.size)
            return replace(self, channels=dims[0] * dims[1] * dims[2] if flattened and dims[2] else dims[2])
        return self

    def _side(self, n: int) -> tuple[int, str]:
        k = self.kernel if self.kind == "conv" else self.size
        stride = self.stride or (1 if self.kind == "conv" else self.size)
        if self.padding == "same":   # Keras pads so that the output is the input divided by the stride, rounded up
            side = math.ceil(n / stride)
            return side, f"'same' padding: {n} / {stride}, rounded up = {side}"
        pinned = {"n": n, "k": k, "padding": int(self.padding) if self.padding.isdigit() else 0, "stride": stride}
        question = conv_output_size_question(random.Random(0), pinned)
        return int(question.answer), question.solution.split(", so")[0]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Layer | None:
        try:
            return cls(**data)
        except TypeError:        # a record from another version: forget it
            return None


@dataclass(frozen=True)
class Claim:
    said: str                      # as the learner wrote it: "1792", "30x30x64"
    about: str                     # "parameters" or "output"


@dataclass(frozen=True)
class LayerSums:
    """A layer read from a message, and the numbers the message claims about it."""

    layer: Layer
    claims: list[Claim] = field(default_factory=list)
    asks_parameters: bool = False
    asks_output: bool = False


def read_layer(text: str) -> tuple[Layer, str] | None:
    """The layer ``text`` describes, and the text with the words that described it blanked (what is left holds
    the learner's own numbers); None where it names no layer with a size."""
    rest = _without_thousands(text)
    keras = _KERAS.search(rest)
    if keras is not None:
        fields_, rest = _read_call(keras["kind"].lower(), keras["args"]), _blank(rest, keras)
    elif (inputs := _INPUTS_INTO.search(rest)) is not None:
        fields_ = {"kind": "dense", "size": int(inputs["size"]), "channels": int(inputs["inputs"])}
        rest = _blank(rest, inputs)
    elif (named := _KIND.search(rest)) is not None:
        fields_ = {"kind": _kind_of(named["kind"])}
        rest = _blank(rest, named)
        if fields_["kind"] != "pool" and (bare := _BARE_SIZE.match(rest, named.end())) is not None:   # "Conv2D 32 3x3"
            fields_["size"] = int(bare[1])
            rest = _blank(rest, bare)
    else:
        return None
    fields_, rest = _read_prose(fields_, rest)
    if fields_.get("size") is None and fields_["kind"] == "pool":
        fields_["size"] = 2            # Keras's default pool_size: "MaxPooling" alone halves the image
    if fields_.get("size") is None:
        return None
    return Layer(**fields_), rest


@dataclass(frozen=True)
class Stage:
    layer: Layer
    claims: list[Claim]


def read_layer_stack(text: str) -> list[Stage] | None:
    """Two layers or more in order ("Conv2D(32,(3,3), padding='same') on 28x28x1 -> MaxPooling -> 14x14x32,
    Conv2D(64,(3,3)) -> 12x12x64 with 18496 params?"): each reads the output of the one before unless it says its
    own input, with the numbers claimed after it."""
    text = _REPEATED.sub(_each_of_the_repeated, text)   # "two 3x3 convs with 256 filters each": conv, then conv
    if (said := _INPUT_AFTER.search(text)) and said.start() > 0:   # "Conv2D(...), ..., Dense(10). Input 28x28x1."
        text = f"{said.group()}: {text[:said.start()]}{text[said.end():]}"
    calls = [found.span() for found in _KERAS.finditer(text)]
    starts = sorted({start for start, _ in calls} | {found.start() for found in _KIND.finditer(text)
                                                     if not any(a <= found.start() < b for a, b in calls)})
    starts = _one_layer_named_twice_once(text, starts)   # "pooling then. max pooling 2x2 has 4 params": one pooling
    if len(starts) < 2 or _VERSUS.search(text, starts[0], starts[-1]):   # "Conv2D(32, 3x3) on 28x28x1 versus Dense(32)
        return None     # on the 784 pixels": two ways, not one layer after the other (a "why ... instead of" after is)
    stages: list[Stage] = []
    starts[0] = 0                      # what comes before the first layer is its input ("Embedding(10000, 32) then")
    for start, end in zip(starts, [*starts[1:], len(text)]):
        segment = _SHAPES_LISTED.sub(lambda listed: " " * len(listed[0]), _without_thousands(text[start:end]))
        # "-> 14x14x32" after a layer is its output as the learner worked it out: a claim, never its input
        hidden = _SAID_OUTPUT.sub(lambda said: said[0][:said.start(1) - said.start()] + "#" * len(said[1]), segment)
        read = read_layer(hidden)
        earlier = None if read is not None else _named_before(stages, segment)
        if earlier is not None:        # "LSTM params 4*64*(128+64) = 49152?" after "-> LSTM(64) ->": about that one
            earlier.claims.extend(_claims(segment, earlier.layer))
            continue
        if read is None:
            return None
        layer, rest = read[0], _unhide(segment, read[1])
        if stages:
            layer = layer.fed_by(stages[-1].layer, bool(_FLATTENED.search(text)))
        stages.append(Stage(layer, _claims(rest, layer)))
    return None if any(_impossible(stage.layer) for stage in stages) else stages


def _one_layer_named_twice_once(text: str, starts: list[int]) -> list[int]:
    """The starts less a layer's kind said with nothing of its own right before the same kind said again ("pooling
    then. max pooling 2x2" had been read as two pooling layers, each listed)."""
    kinds = [(named := _KIND.match(text, start)) and _kind_of(named["kind"]) for start in starts]
    return [start for i, start in enumerate(starts)
            if not (i + 1 < len(starts) and kinds[i] and kinds[i] == kinds[i + 1]
                    and not re.search(r"\d", text[start:starts[i + 1]]))]


def _each_of_the_repeated(found: re.Match[str]) -> str:
    """"two 3x3 convs with 256 filters each, same padding" -> "conv 256 3x3 same padding, conv 256 3x3 same padding"."""
    count = _COUNT_WORDS.get(found["n"].lower()) or int(found["n"])
    one = " ".join(part for part in ("conv", found["filters"], (found["kernel"] or "").strip(), found["padding"]) if part)
    return ", ".join([one] * count)


def _impossible(layer: Layer) -> bool:
    """A window larger than its input ("MaxPooling2D((32, 32)) on a 2x2x10 input"): a misreading, never worked out."""
    return (dims := layer.output_dims()) is not None and min(dims[0], dims[1]) <= 0


def read_layer_sums(text: str, before: Layer | None = None) -> LayerSums | None:
    """The layer ``text`` describes (else ``before``, the one worked out last turn, with the sizes the message says
    again or changes: "so the answer is 30x30x64 and 1792 params, right?", "and with padding same?", "32x32 input,
    5x5 kernel, stride 2: output size?") and the numbers it claims."""
    if _SIDE_TRACE.search(text) and not _KERAS.search(text):
        return None   # "28 -> 26 -> 13 -> 11 -> 5 (... pooling floors to 5)": sides after several layers, no one layer
    read = read_layer(text)
    # the layer of last turn, said again or changed; never where another kind is named ("3x3 convolution" after pooling)
    restated = read is None and before is not None and not any(
        _kind_of(named["kind"]) != before.kind for named in _KIND.finditer(text))
    if restated:
        read = _restated(before, text)
    if read is None:
        return None
    layer, rest = read
    if not restated and before is not None and _same_input(layer, before):
        layer = replace(layer, channels=before.channels)   # "and if I swap it for GRU(128)?": the LSTM's input
    claims = _claims(rest, layer)
    asks_parameters, asks_output = bool(_ABOUT_PARAMETERS.search(text)), bool(_ABOUT_OUTPUT.search(text))
    if restated and layer != before and not (claims or asks_parameters or asks_output):
        asks_parameters = asks_output = True       # a change alone ("and with padding same?"): everything again
    if not (claims or asks_parameters or asks_output) or _impossible(layer):   # "model.add(Dense(128)), what does...?"
        return None
    if restated and layer == before and not claims and _DISPUTES_WITHOUT_NUMBERS.search(text):
        return None   # "WHY does each channel get its own weights??": the reason asked, not the same sums a third time
    return LayerSums(layer, claims, asks_parameters or not asks_output, asks_output or layer.kind == "pool")


def asks_layer_numbers(text: str) -> bool:
    """"total params?", "output shape?": a question for the numbers of the layers the message lists."""
    return "?" in text and bool(_ABOUT_PARAMETERS.search(text) or _ABOUT_OUTPUT.search(text))


def check_claim(claim: Claim, layer: Layer) -> tuple[bool, str | None] | None:
    """Whether the claimed number is right, and the known slip it matches (its explanation); None where the
    layer's numbers for it are not known."""
    if claim.about == "parameters":
        question = layer.parameters()
        if question is None:
            return (claim.said == "0", None) if layer.kind == "pool" else None
        check = question.check(claim.said)
        return check.correct, (check.feedback.removeprefix("Not quite: ") if not check.correct
                               and check.feedback != "Not quite." else None)
    dims = layer.output_dims()
    if dims is None:
        return None
    said = [int(n) for n in re.findall(r"\d+", claim.said)]
    right = [n for n in dims if n]
    return said == right[:len(said)] if len(said) > 1 else said[0] == right[0], None


def _same_input(layer: Layer, before: Layer) -> bool:
    """A recurrent layer put in place of the one just worked out, its input unsaid, reads the same input."""
    recurrent = ("lstm", "gru", "rnn")
    return layer.channels is None and layer.kind in recurrent and before.kind in recurrent


def _restated(before: Layer, text: str) -> tuple[Layer, str] | None:
    """``before`` with the sizes the message says again or changes, and the message with those blanked; None for a
    change said without "and with", "what about"... nor any number asked or claimed."""
    text = _without_thousands(text)
    if before.channels is None and (given := _INPUT_SIZE_GIVEN.fullmatch(text)) is not None:
        return replace(before, channels=int(given[1])), ""      # "n = 30752", right after "tell me n"
    # a shape is a new input only where the message says so ("32x32 input"); else it is claimed ("so 30x30x64?")
    inputs_said = bool(_INPUT_SAID.search(text))
    source = text if inputs_said else _SHAPE_SAID.sub(_hide_unless_a_kernel, text)
    changed, rest = _read_prose({"kind": before.kind}, source)
    rest = _unhide(text, rest)
    changed = {key: value for key, value in changed.items() if value is not None and key != "kind"}
    about_numbers = _ABOUT_PARAMETERS.search(text) or _ABOUT_OUTPUT.search(text)
    if not about_numbers and not (changed and _VARIATION.search(text)):
        return None
    return replace(before, **changed), rest


def _unhide(original: str, read: str) -> str:
    """``read`` (the text after its sizes were read and blanked) with the parts hidden from that reading ("#")
    put back from ``original``: the shapes the learner claims, kept for the claims."""
    return "".join(said if kept == "#" else kept for said, kept in zip(original, read))


def _hide_unless_a_kernel(shape: re.Match[str]) -> str:
    """"5x5" stays (a kernel); "30x30x64" is hidden from the sizes read (a claimed output)."""
    sides = [int(n) for n in re.findall(r"\d+", shape[0])]
    return shape[0] if len(sides) == 2 and sides[0] == sides[1] <= 11 else "#" * len(shape[0])


def _read_call(kind: str, args: str) -> dict[str, Any]:
    """Conv2D(64, (3,3)), Conv2D(64, 3), Convolution2D(32, 3, 3) (Keras 1), Dense(10), LSTM(64), MaxPooling2D((2,2))."""
    kind = _kind_of(kind)
    leading = re.split(r"\b(?:input|strides?|padding|activation)\w*\s*=", args, maxsplit=1)[0]
    numbers = [int(n) for n in re.findall(r"(?<![\w.])\d{1,5}\b", leading)]
    fields_: dict[str, Any] = {"kind": kind}
    if kind == "embedding":    # Embedding(input_dim, output_dim): the vocabulary comes in, vectors go out
        parts = [part.strip() for part in leading.split(",")]
        return {"kind": kind, "size": numbers[-1] if numbers and parts[-1].isdigit() else None,
                "channels": int(parts[0]) if len(parts) > 1 and parts[0].isdigit() else None}
    pool_size = re.search(r"pool_size\s*=\s*\(?\s*(\d+)", args)
    if numbers or pool_size:
        fields_["size"] = int(pool_size[1]) if pool_size else numbers[0]
    kernel = re.search(r"kernel_size\s*=\s*\(?\s*(\d+)|\(\s*(\d+)\s*,\s*\d+\s*\)|\b(\d+)\s*[x×]\s*\d+", args)
    if kind == "conv" and (kernel or len(numbers) > 1):
        fields_["kernel"] = _first_int(kernel) if kernel else numbers[1]
    for pattern, key, read in ((_STRIDE, "stride", _first_int), (_PADDING, "padding", _padding)):
        if (found := pattern.search(args)) is not None:
            fields_[key] = read(found)
    given = args[args.find("input_shape"):] if "input_shape" in args else ""
    shape = _TRIPLE.search(given) or re.search(r"input_dim\s*=\s*(\d+)", args)
    if shape is not None:
        fields_.update(_image(shape) if shape.lastindex == 3 else {"channels": int(shape[1])})
    return fields_


def _read_prose(fields_: dict[str, Any], text: str) -> tuple[dict[str, Any], str]:
    """The sizes said in words around the layer: counts, kernel, image, features, stride and padding."""
    kind = fields_["kind"]
    if kind == "embedding" and fields_.get("size") is None:
        return _read_embedding(fields_, text)
    if "size" not in fields_ and (count := _COUNT.search(text)) is not None:
        fields_["size"] = int(count[1] or count["n"])
        if count["side"] and kind == "conv":
            fields_["kernel"] = int(count["side"])
        text = _blank(text, count)
    elif "size" not in fields_ and kind == "conv" and (bare := _BARE_COUNT.search(text)) is not None:
        fields_.update(size=int(bare["n"]), kernel=int(bare["side"]))
        text = _blank(text, bare)
    if (triple := _TRIPLE.search(text)) is not None and "height" not in fields_:
        image = _image(triple)
        if kind == "conv" and fields_.get("kernel") is None and image["height"] == image["width"] <= 11:
            # "conv 5x5x3 with 32 filters": a kernel over 3 channels, no 5x5 image (it had been read as one)
            fields_.update(kernel=image["height"], channels=image["channels"])
        else:
            fields_.update(image)
        text = _blank(text, triple)
    for pair in list(_PAIR.finditer(text)):
        a, b = int(pair[1]), int(pair[2])
        if kind in ("conv", "pool") and a == b and a <= 11 and fields_.get("kernel" if kind == "conv" else "size") is None:
            fields_["kernel" if kind == "conv" else "size"] = a
        elif kind in ("conv", "pool") and a > 11 and "height" not in fields_:
            fields_.update(height=a, width=b)
        else:
            continue
        text = _blank(text, pair)
    for pattern, key, read in ((_FEATURES, "channels", _first_int), (_STRIDE, "stride", _first_int),
                               (_PADDING, "padding", _padding)):
        said = list(pattern.finditer(text))    # the last one said: "you keep using stride 1. ... stride 2"
        if said and fields_.get(key) is None:
            fields_[key] = read(said[-1])
            for found in said:
                text = _blank(text, found)
    if kind in ("lstm", "gru", "rnn", "dense") and fields_.get("channels") is None and (
            embedded := _EMBEDDING.search(text)) is not None:
        fields_["channels"] = int(embedded[1])
        text = _blank(text, embedded)
    if kind == "dense" and "height" in fields_:   # Flatten() before it: every value of the image is one input
        height, width = fields_.pop("height"), fields_.pop("width")
        fields_["channels"] = height * width * fields_["channels"] if _FLATTENED.search(text) else fields_["channels"]
    if fields_.get("channels") is None and kind in ("conv", "pool"):
        fields_["channels"] = 1 if _GRAY.search(text) else 3 if _RGB.search(text) else None
    return fields_, text


def _read_embedding(fields_: dict[str, Any], text: str) -> tuple[dict[str, Any], str]:
    """"an embedding layer with 20000 words and 128 dims", "Embedding layer has 20000·128 = ...": the vocabulary
    comes in, vectors of the dimensions go out."""
    if (table := _TABLE.search(text)) is not None:
        fields_.update(channels=int(table[1]), size=int(table[2]))
        return fields_, _blank(text, table)
    for pattern, key in ((_VOCABULARY, "channels"), (_DIMENSIONS, "size")):
        if (found := pattern.search(text)) is not None:
            fields_[key] = _first_int(found)
            text = _blank(text, found)
    return fields_, text


def _claims(rest: str, layer: Layer) -> list[Claim]:
    """The learner's own numbers left in the message: an output size ("30x30x64") and a count (the parameters,
    or an output side where the message speaks only of the output)."""
    if (parts := _WEIGHTS_PLUS_BIASES.search(rest)) is not None:   # one count, said as its two parts
        return [Claim(str(int(parts["weights"]) + int(parts["biases"])), "parameters")]
    rest = _NOT_A_CLAIM.sub(" ", _NOT_THIS_LAYERS.sub(" ", _COUNTS_ADDED.sub(" ", rest)))
    if not _CLAIM_CUE.search(rest):   # what cues a claim, once the numbers that are none are gone ("2048 -> 1024 -> 512")
        return []
    # the last shape said: the one the layer's settings as read (the last stride said) give ("stride 1 = 30x30x16. if
    # stride 2 then 16x16x16?" had checked the 30x30x16 against stride 2)
    shapes = list(_SHAPE_SAID.finditer(rest)) if layer.kind in ("conv", "pool") else []
    claims = [Claim(re.sub(r"\s", "", shapes[-1][0]), "output")] if shapes else []
    numbers = re.findall(r"(?<![\w.,*+/^-])\d{1,9}(?!\d|[\w.,]\d|\s*%)", _SHAPE_SAID.sub(" ", rest))   # "98%": no count
    only_output = bool(_ABOUT_OUTPUT.search(rest)) and not _ABOUT_PARAMETERS.search(rest)
    about = "output" if only_output and layer.kind in ("conv", "pool") else "parameters"
    return claims + [Claim(numbers[-1], about)] if numbers else claims


def _kind_of(word: str) -> str:
    word = word.lower().replace(" ", "")
    if word.startswith("conv"):
        return "conv"
    if "pool" in word:
        return "pool"
    return {"lstm": "lstm", "gru": "gru", "simplernn": "rnn", "embedding": "embedding"}.get(word, "dense")


def _image(found: re.Match[str]) -> dict[str, int]:
    """(28, 28, 1) or 32x32x3; the slides' Theano order (1, 28, 28) puts the channels first."""
    a, b, c = (int(found[i]) for i in (1, 2, 3))
    return {"channels": a, "height": b, "width": c} if a <= 4 < min(b, c) else {"height": a, "width": b, "channels": c}


def _first_int(found: re.Match[str]) -> int:
    return int(next(group for group in found.groups() if group and group.isdigit()))


def _padding(found: re.Match[str]) -> str:
    return (found["mode"] or found["mode2"] or found["mode3"] or found["pixels"] or "valid").lower()


def _blank(text: str, found: re.Match[str]) -> str:
    return text[:found.start()] + " " * (found.end() - found.start()) + text[found.end():]


def _without_thousands(text: str) -> str:
    return _THOUSANDS.sub(lambda group: group[0] if text[:group.start()].count("(") > text[:group.start()].count(")")
                          else re.sub(r"[,_ ]", "", group[0]), text)


def _named_before(stages: list[Stage], segment: str) -> Stage | None:
    """The one stage of an earlier layer's kind that ``segment`` names without sizes of its own ("LSTM params ...")."""
    named = _KIND.match(segment.strip())
    kind = _kind_of(named["kind"]) if named else None
    same = [stage for stage in stages if stage.layer.kind == kind]
    return same[0] if len(same) == 1 else None


def layer_kinds_named(text: str) -> set[str]:
    """The kinds of layer ``text`` names, in calls or words."""
    return {_kind_of(found["kind"]) for found in _KIND.finditer(text)} | {
        _kind_of(found["kind"]) for found in _KERAS.finditer(text)}


def claimed_total(text: str) -> str | None:
    """The network's total the learner claims ("total 34,826 correct?"), as written without separators."""
    said = _TOTAL_SAID.search(text) or _COUNTS_ADDED.search(text)
    return re.sub(r"[,_]", "", said[1]) if said else None

