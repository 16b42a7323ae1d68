"""Generated exercises on the layers and losses of days 2-4: softmax, cross-entropy, the output size
of a convolution, a layer's parameter count (dense, convolutional, LSTM), cosine similarity, dropout, and the
sigmoid's derivative that backpropagation uses.

Each is ``(rng, params) -> Question`` with fresh numbers, like :mod:`tutor.generators.slides_kinds`.
"""
from __future__ import annotations

import math
import random
from typing import Any

from tutor.generators.slides_kinds import param
from tutor.slides import sigmoid
from tutor.question import Question, fmt, fmt_vector, keep_distinct, slip, term


def softmax_question(rng: random.Random, params: dict) -> Question:
    """The softmax probability of one class from three logits, to 2 decimals."""
    while True:
        logits = [float(v) for v in param(params, "z", lambda: [rng.choice([-1, 0, 0.5, 1, 2, 3]) for _ in range(3)])]
        k = int(param(params, "k", lambda: rng.randrange(3)))
        exps = [math.exp(v) for v in logits]
        p = exps[k] / sum(exps)
        pinned = params.get("z") is not None
        if pinned or (len(set(logits)) == 3 and 0.05 <= p <= 0.95):   # no ties, nothing that rounds to 0 or 1
            break
    answer = fmt(p, 4)
    exp_text = " + ".join(f"e^{term(v)}" for v in logits)
    exp_values = " + ".join(fmt(e, 3) for e in exps)
    mistakes = [slip(fmt(logits[k] / sum(logits), 4) if sum(logits) else "nan",
                     "softmax exponentiates first: p_k = e^(z_k) / Σ e^(z_j), so negative logits work too."),
                slip(fmt(1 / (1 + math.exp(-logits[k])), 4),
                     "that is the sigmoid of one logit; softmax divides e^(z_k) by the sum over all classes."),
                slip(fmt(exps[k], 4), "that is e^(z_k) alone; divide by the sum of all the exponentials.")]
    return Question(
        exercise_id="softmax", concept="softmax",
        prompt=(f"A network's last layer gives the logits z = {fmt_vector(logits)} for classes 1, 2 and 3. "
                f"What probability does softmax give class {k + 1}? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["softmax(z)_k = e^(z_k) / (e^(z_1) + e^(z_2) + e^(z_3)): exponentiate, then normalize to sum 1.",
               f"The denominator is {exp_text}. What is e^{term(logits[k])} divided by it?"],
        solution=(f"e^z = ({', '.join(fmt(e, 3) for e in exps)}); Σ = {exp_values} = {fmt(sum(exps), 3)}\n"
                  f"p_{k + 1} = {fmt(exps[k], 3)} / {fmt(sum(exps), 3)} = {fmt(p, 3)}"),
        explanation=f"e^{term(logits[k])} / Σ e^z = {fmt(exps[k], 3)} / {fmt(sum(exps), 3)} = {fmt(p, 3)}.",
        mistakes=keep_distinct([m for m in mistakes if m["answer"] != "nan"], answer, decimals=2),
    )


def cross_entropy_question(rng: random.Random, params: dict) -> Question:
    """The cross-entropy loss −ln p(true class) of one prediction (categorical or binary), to 2 decimals."""
    if bool(param(params, "binary", lambda: rng.random() < 0.4)):
        return _log_loss_question(rng, params)
    return _categorical_cross_entropy_question(rng, params)


def _log_loss_question(rng: random.Random, params: dict) -> Question:
    """The binary log-loss of one logistic-regression prediction."""
    y = int(param(params, "y", lambda: rng.randint(0, 1)))
    p = float(param(params, "p", lambda: rng.choice([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9])))
    p_true = p if y == 1 else 1 - p
    loss = -math.log(p_true)
    answer = fmt(loss, 4)
    mistakes = [slip(fmt(-math.log(p), 4) if y == 0 else fmt(-math.log(1 - p), 4),
                     "with y = 0 the loss is −ln(1 − p), with y = 1 it is −ln p: use the probability of the true label."),
                slip(fmt(-math.log10(p_true), 4), "the loss uses the natural logarithm ln, not log10.")]
    return Question(
        exercise_id="cross_entropy", concept="cross_entropy",
        prompt=(f"A logistic-regression model gives p = P(y = 1 | x) = {fmt(p)} for an example whose label is y = {y}. "
                f"What is its log-loss −[y·ln p + (1 − y)·ln(1 − p)]? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["Only one of the two terms survives: y = 1 keeps −ln p, y = 0 keeps −ln(1 − p).",
               f"The label is {y}, so the probability of the true label is {fmt(p_true)}. What is −ln({fmt(p_true)})?"],
        solution=f"y = {y}: loss = −ln({fmt(p_true)}) = {fmt(loss, 3)}",
        explanation=(f"The model gave the true label probability {fmt(p_true)}, and −ln({fmt(p_true)}) = {fmt(loss, 3)}: "
                     "the surer it is of the wrong answer, the larger the loss."),
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )


def _categorical_cross_entropy_question(rng: random.Random, params: dict) -> Question:
    """The cross-entropy of a 3-class softmax output against a one-hot label."""
    probabilities = [float(v) for v in param(params, "p", lambda: _three_probabilities(rng))]
    true = int(param(params, "true", lambda: rng.randrange(3)))
    loss = -math.log(probabilities[true])
    answer = fmt(loss, 4)
    mistakes = [slip(fmt(-sum(math.log(v) for v in probabilities), 4),
                     "with a one-hot label only the true class's term −ln p_true is left; the others are multiplied by 0."),
                slip(fmt(-math.log10(probabilities[true]), 4), "the loss uses the natural logarithm ln, not log10."),
                slip(fmt(1 - probabilities[true], 4), "cross-entropy is −ln p_true, not 1 − p_true.")]
    return Question(
        exercise_id="cross_entropy", concept="cross_entropy",
        prompt=(f"A 3-class softmax outputs p = {fmt_vector(probabilities)}; the true class is class {true + 1} "
                f"(one-hot label). What is the cross-entropy loss −Σ y_k·ln p_k? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["With a one-hot label, every term but the true class's is multiplied by 0.",
               f"So the loss is −ln p_{true + 1}. What is −ln({fmt(probabilities[true])})?"],
        solution=f"Only class {true + 1} counts: loss = −ln({fmt(probabilities[true])}) = {fmt(loss, 3)}",
        explanation=f"−ln({fmt(probabilities[true])}) = {fmt(loss, 3)}; a confident right answer gives a loss near 0.",
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )


def _three_probabilities(rng: random.Random) -> list[float]:
    """Three different probabilities in tenths that sum to 1 (no class at 0 or 1)."""
    while True:
        first, second = rng.randint(1, 8), rng.randint(1, 8)
        third = 10 - first - second
        if third >= 1 and len({first, second, third}) == 3:
            return [first / 10, second / 10, third / 10]


MAX_DRAWS = 10_000   # draws of a generator's free values before its pinned ones are taken to leave none


def conv_output_size_question(rng: random.Random, params: dict) -> Question:
    """The side of a convolution's output: (n + 2p − k) / s + 1, never equal to the input's side."""
    for _ in range(MAX_DRAWS):
        n = int(param(params, "n", lambda: rng.choice([7, 9, 10, 12, 14, 16, 28, 32, 64, 224])))
        k = int(param(params, "k", lambda: rng.choice([1, 3, 5, 7])))
        p = int(param(params, "padding", lambda: rng.choice([0, 0, 1, 2, 3])))
        s = int(param(params, "stride", lambda: rng.choice([1, 1, 2, 3])))
        pinned = all(params.get(key) is not None for key in ("n", "k", "padding", "stride"))
        if pinned or ((n + 2 * p - k) % s == 0 and n + 2 * p >= k and p < k and (n + 2 * p - k) // s + 1 not in (n, k, p, s)):
            break
    else:   # some values pinned so that no draw of the others fits ("n 5, padding 0, stride 1" had looped forever)
        raise ValueError(f"no convolution fits the pinned values {params}")
    side = (n + 2 * p - k) // s + 1
    answer = str(side)
    # a stride that does not divide evenly rounds down ("29 / 2 + 1 = 15" had left "why 15 not 16?" open)
    even = (n + 2 * p - k) % s == 0
    worked = f"{n + 2 * p - k} / {s} + 1" if even else f"⌊{n + 2 * p - k} / {s}⌋ + 1 = {(n + 2 * p - k) // s} + 1"
    rounded = "" if even else " (⌊ ⌋ rounds down: a position where the kernel would hang over the edge is not used)"
    mistakes = [slip(str((n + 2 * p - k) // s), "count the first position too: the formula ends with + 1."),
                slip(str((n + p - k) // s + 1), "padding is added on both sides, so the image grows by 2p."),
                slip(str(n + 2 * p - k + 1), f"with stride {s} the kernel jumps {s} pixels at a time: divide by the stride.")]
    return Question(
        exercise_id="conv_output_size", concept="stride_padding",
        prompt=(f"A {n}×{n} image goes through a convolution with a {k}×{k} kernel, padding {p} and stride {s}. "
                f"How many pixels wide is the output?"),
        options=[], answer=answer,
        hints=["Output side = (n + 2p − k) / s + 1, with n the input side, k the kernel side, p the padding, s the stride.",
               f"Here n + 2p − k = {n} + {2 * p} − {k} = {n + 2 * p - k}. What is that divided by {s}, plus 1?"],
        solution=f"({n} + 2·{p} − {k}) / {s} + 1 = {worked} = {side}{rounded}, so the output is {side}×{side}.",
        explanation=f"({n} + 2·{p} − {k}) / {s} + 1 = {side}.",
        mistakes=keep_distinct(mistakes, answer, tolerance=0.0), tolerance=0.0,   # a side in pixels is exact
    )


def param_count_question(rng: random.Random, params: dict) -> Question:
    """The trainable parameters of one layer (weights plus biases): dense, convolutional (the default draws), LSTM,
    GRU or SimpleRNN."""
    layer = param(params, "layer", lambda: rng.choice(["dense", "conv"]))
    if layer == "lstm":
        return _lstm_param_count_question(rng, params)
    if layer in ("gru", "rnn"):
        return _recurrent_param_count_question(rng, params, layer)
    if layer == "dense":
        return _dense_param_count_question(rng, params)
    if layer == "embedding":
        return _embedding_param_count_question(rng, params)
    k = int(param(params, "k", lambda: rng.choice([3, 5])))
    channels = int(param(params, "channels", lambda: rng.choice([1, 3, 16, 32])))
    filters = int(param(params, "filters", lambda: rng.choice([8, 16, 32, 64])))
    count = (k * k * channels + 1) * filters
    mistakes = [slip(str(k * k * filters + filters), "each filter spans all input channels: it has k·k·channels weights."),
                slip(str(k * k * channels * filters), "each filter also has one bias."),
                slip(str((k * k + 1) * filters * channels), "a filter has one bias, not one per input channel.")]
    return _count_question(
        "dense_layer", count, mistakes,
        prompt=(f"A Keras Conv2D layer with {filters} filters of size {k}×{k} receives images with {channels} "
                f"channel{'s' if channels > 1 else ''}. How many trainable parameters does it have?"),
        hints=["Each filter has one weight per kernel cell and input channel, plus one bias.",
               f"One filter: {k}·{k}·{channels} weights + 1 bias. How many for {filters} filters?"],
        solution=f"({k}·{k}·{channels} + 1)·{filters} = {k * k * channels + 1}·{filters} = {count}",
        explanation=f"Each filter has {k}·{k}·{channels} weights and 1 bias: ({k * k * channels} + 1)·{filters} = {count}.",
    )


def _lstm_param_count_question(rng: random.Random, params: dict) -> Question:
    """An LSTM layer's parameters: four weight sets (forget, input and output gates, and the candidate), each with
    input weights, recurrent weights and a bias: 4·(n·(m + n) + n) for n units and m input features."""
    units = int(param(params, "units", lambda: rng.choice([4, 8, 16, 32, 64])))
    n_in = int(param(params, "inputs", lambda: rng.choice([3, 10, 20, 50, 100])))
    one_set = units * (n_in + units) + units
    count = 4 * one_set
    mistakes = [slip(str(one_set), "that is one weight set; the three gates and the candidate each have their own."),
                slip(str(4 * (units * n_in + units)), "each set also has recurrent weights from the n previous outputs."),
                slip(str(3 * one_set), "besides the three gates, the candidate value has its own weights too.")]
    return _count_question(
        "lstm", count, mistakes,
        prompt=(f"A Keras LSTM({units}) layer reads sequences of {n_in}-dimensional vectors. "
                f"How many trainable parameters does it have?"),
        hints=["An LSTM has four weight sets: the forget, input and output gates and the candidate value. Each "
               "sees the input and the layer's previous output, and has one bias per unit.",
               f"One set: {units}·({n_in} + {units}) weights + {units} biases. How many for four sets?"],
        solution=(f"one set: {units}·({n_in} + {units}) + {units} = {one_set}; "
                  f"four sets: 4·{one_set} = {count}"),
        explanation=f"4·({units}·({n_in} + {units}) + {units}) = 4·{one_set} = {count}.",
    )


def _dense_param_count_question(rng: random.Random, params: dict) -> Question:
    """A dense layer's parameters: a weight from every input to every unit, and one bias per unit."""
    n_in = int(param(params, "inputs", lambda: rng.choice([3, 4, 10, 20, 64, 100, 128, 784])))
    units = int(param(params, "units", lambda: rng.choice([2, 5, 8, 10, 16, 32, 64])))
    count = n_in * units + units
    mistakes = [slip(str(n_in * units), "every unit also has its own bias: add one parameter per unit."),
                slip(str(n_in + units), "every input connects to every unit: the weights are inputs × units.")]
    return _count_question(
        "dense_layer", count, mistakes,
        prompt=(f"A Keras Dense({units}) layer receives vectors of {n_in} features. "
                f"How many trainable parameters does it have?"),
        hints=["A dense layer connects every input to every unit, and each unit has one bias.",
               f"The weight matrix is {n_in}×{units}. How many weights is that, plus {units} biases?"],
        solution=f"weights {n_in}·{units} = {n_in * units}, biases {units}: {n_in * units} + {units} = {count}",
        explanation=f"{n_in}·{units} weights + {units} biases = {count}.",
    )


def _embedding_param_count_question(rng: random.Random, params: dict) -> Question:
    """An Embedding layer's parameters: one vector of ``units`` numbers per word of a vocabulary of ``inputs``."""
    words = int(param(params, "inputs", lambda: rng.choice([1000, 5000, 10000, 20000])))
    size = int(param(params, "units", lambda: rng.choice([8, 16, 32, 50, 100, 128])))
    count = words * size
    return _count_question(
        "word_embedding", count, [slip(str(count + size), "an embedding is a lookup table: it has no bias.")],
        prompt=(f"A Keras Embedding({words}, {size}) layer maps word numbers to vectors. "
                f"How many trainable parameters does it have?"),
        hints=["An embedding is a table: one row of numbers for every word of the vocabulary.",
               f"{words} words, {size} numbers each: how many numbers in the table?"],
        solution=f"{words}·{size} = {count} (one {size}-number vector per word, no bias)",
        explanation=f"{words}·{size} = {count}.",
    )


def _recurrent_param_count_question(rng: random.Random, params: dict, layer: str) -> Question:
    """A SimpleRNN's parameters, n·(m + n) + n, or a GRU's in Keras 3 (reset_after=True, its default: two bias
    vectors per weight set): 3·(n·(m + n) + 2n), for n units and m input features."""
    units = int(param(params, "units", lambda: rng.choice([4, 8, 16, 32, 64])))
    n_in = int(param(params, "inputs", lambda: rng.choice([3, 10, 20, 50, 100])))
    one_set = units * (n_in + units) + units
    if layer == "rnn":
        count, solution = one_set, f"{units}·({n_in} + {units}) + {units} = {one_set}"
        mistakes = [slip(str(units * n_in + units), "the layer also feeds its own last output back: add the "
                                                      "recurrent weights, units × units.")]
    else:
        count = 3 * (one_set + units)
        solution = f"3·({units}·({n_in} + {units}) + 2·{units}) = 3·{one_set + units} = {count}"
        mistakes = [slip(str(3 * one_set), "that is the original GRU; Keras's default (reset_after=True) gives each "
                                           "weight set a second bias vector, for the recurrent part."),
                    slip(str(4 * one_set), "that is an LSTM's four weight sets; a GRU has three (update, reset, "
                                           "candidate).")]
    name = "SimpleRNN" if layer == "rnn" else "GRU"
    return _count_question(
        "recurrent_neural_network" if layer == "rnn" else "lstm", count, mistakes,
        prompt=(f"A Keras {name}({units}) layer reads sequences of {n_in}-dimensional vectors. "
                f"How many trainable parameters does it have?"),
        hints=["Each weight set sees the input and the layer's previous output, and has biases per unit.",
               f"One set: {units}·({n_in} + {units}) weights + biases. How many sets does a {name} have?"],
        solution=solution, explanation=f"{solution}.",
    )


def _count_question(concept: str, count: int, mistakes: list[dict], **texts: Any) -> Question:
    """A layer's parameter count as an item: exact (1790 is not 1792), its known slips kept where they differ."""
    return Question(exercise_id="param_count", concept=concept, options=[], answer=str(count),
                    mistakes=keep_distinct(mistakes, str(count), tolerance=0.0), tolerance=0.0, **texts)


def sigmoid_derivative_question(rng: random.Random, params: dict) -> Question:
    """g'(z) = g(z)·(1 − g(z)), the factor a(1 − a) in every backpropagated sigmoid layer."""
    z = float(param(params, "z", lambda: rng.choice([-3, -2, -1.5, -1, -0.5, 0.5, 1.5, 2, 2.5, 3])))
    g = sigmoid(z)
    answer = fmt(g * (1 - g), 4)
    mistakes = [slip(fmt(g, 4), "that is g(z) itself; its slope is g(z)·(1 − g(z))."),
                slip(fmt(1 - g, 4), "that is 1 − g(z); multiply it by g(z)."),
                slip("0.25", "0.25 is the slope at z = 0 only, where it is largest."),
                slip("0", "mind the brackets: g(z)·(1 − g(z)), not g(z)·1 − g(z) (which is 0 for any z).")]
    return Question(
        exercise_id="sigmoid_derivative", concept="sigmoid",
        prompt=(f"The sigmoid g(z) = 1/(1 + e^(−z)) has a slope g'(z) at every z (training follows it). "
                f"What is g'(z) at z = {fmt(z)}? (3 decimals)"),
        options=[], answer=answer, decimals=3,
        hints=["The sigmoid's derivative can be written with the sigmoid itself: g'(z) = g(z)·(1 − g(z)).",
               f"g({fmt(z)}) = 1/(1 + e^{term(-z)}) ≈ {fmt(g, 3)}. What is that times (1 − itself)?"],
        solution=f"g({fmt(z)}) = {fmt(g, 4)}; g'({fmt(z)}) = {fmt(g, 4)}·(1 − {fmt(g, 4)}) = {fmt(g * (1 - g), 4)}",
        explanation=(f"g({fmt(z)}) ≈ {fmt(g, 3)}, so g'({fmt(z)}) = {fmt(g, 3)}·{fmt(1 - g, 3)} ≈ {fmt(g * (1 - g), 3)}: "
                     f"never more than 0.25, which is why deep sigmoid networks pass back shrinking gradients."),
        mistakes=keep_distinct(mistakes, answer, decimals=3),
    )


def cosine_question(rng: random.Random, params: dict) -> Question:
    """The cosine similarity of two small word vectors, to 2 decimals."""
    while True:
        u = [float(v) for v in param(params, "u", lambda: [rng.randint(-3, 3) for _ in range(rng.choice([2, 3]))])]
        v = [float(c) for c in param(params, "v", lambda: [rng.randint(-3, 3) for _ in range(len(u))])]
        dot = sum(a * b for a, b in zip(u, v))
        norms = math.sqrt(sum(a * a for a in u)) * math.sqrt(sum(b * b for b in v))
        pinned = params.get("u") is not None and params.get("v") is not None
        if pinned or (norms and 0.05 <= abs(dot / norms) <= 0.95):   # not orthogonal, not parallel
            break
    cos = dot / norms
    answer = fmt(cos, 4)
    norm_u, norm_v = math.sqrt(sum(a * a for a in u)), math.sqrt(sum(b * b for b in v))
    products = " + ".join(f"{term(a)}·{term(b)}" for a, b in zip(u, v))
    mistakes = [slip(fmt(dot), "that is the dot product; divide it by the two lengths ‖u‖·‖v‖."),
                slip(fmt(dot / norm_u, 4), "divide by both lengths, ‖u‖ and ‖v‖.")]
    return Question(
        exercise_id="cosine", concept="cosine_similarity",
        prompt=f"Two word vectors u = {fmt_vector(u)} and v = {fmt_vector(v)}. What is their cosine similarity? (2 decimals)",
        options=[], answer=answer, decimals=2,
        hints=["cos(u, v) = u·v / (‖u‖·‖v‖): the dot product divided by the two lengths.",
               f"u·v = {products} = {fmt(dot)}. What are ‖u‖ and ‖v‖?"],
        solution=(f"u·v = {products} = {fmt(dot)}\n‖u‖ = {fmt(norm_u, 3)}, ‖v‖ = {fmt(norm_v, 3)}\n"
                  f"cos = {fmt(dot)} / ({fmt(norm_u, 3)}·{fmt(norm_v, 3)}) = {fmt(cos, 3)}"),
        explanation=f"{fmt(dot)} / ({fmt(norm_u, 3)}·{fmt(norm_v, 3)}) = {fmt(cos, 3)}.",
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )


def dropout_question(rng: random.Random, params: dict) -> Question:
    """Dropout as Keras applies it (inverted dropout): a kept unit is scaled by 1/(1 − rate) during
    training so the expected activation stays the same (the mean (1 − rate)·a/(1 − rate) is a); or how
    many units a layer drops on average."""
    ask = param(params, "ask", lambda: rng.choice(["kept", "dropped"]))
    rate = float(param(params, "rate", lambda: rng.choice([0.2, 0.25, 0.4, 0.5, 0.75])))
    return (_dropped_units_question if ask == "dropped" else _kept_unit_question)(rng, params, rate)


def _dropped_units_question(rng: random.Random, params: dict, rate: float) -> Question:
    """How many units Dropout(rate) drops on average."""
    units = int(param(params, "units", lambda: rng.choice([20, 40, 64, 100, 128, 200])))
    dropped = units * rate
    answer = fmt(dropped)
    return Question(
        exercise_id="dropout", concept="dropout",
        prompt=(f"A Dense layer of {units} units is followed by Dropout({fmt(rate)}). During training, "
                f"how many units are dropped on average per example?"),
        options=[], answer=answer,
        hints=["The rate is the probability that each unit is set to 0, independently, for each example.",
               f"Each of the {units} units is dropped with probability {fmt(rate)}. What is the expected count?"],
        solution=f"{units} · {fmt(rate)} = {answer} units on average (a different random set each time).",
        explanation=f"{units} · {fmt(rate)} = {answer}; at test time none are dropped.",
        mistakes=keep_distinct([slip(fmt(units * (1 - rate)), "that is how many are kept; the rate is the share dropped.")],
                               answer),
    )


def _kept_unit_question(rng: random.Random, params: dict, rate: float) -> Question:
    """The value a kept unit passes on under inverted dropout."""
    activation = float(param(params, "a", lambda: rng.choice([0.5, 1, 1.5, 2, 3, 4, 6])))
    kept = activation / (1 - rate)
    answer = fmt(kept, 4)
    mistakes = [slip(fmt(activation * (1 - rate), 4),
                     "Keras scales the kept units up during training, by 1/(1 − rate), not down."),
                slip(fmt(activation), "a kept unit is not passed unchanged: it is scaled so the expected sum stays the same."),
                slip(fmt(activation * rate, 4), "the kept unit is divided by the keep probability 1 − rate.")]
    return Question(
        exercise_id="dropout", concept="dropout",
        prompt=(f"Keras Dropout({fmt(rate)}) during training: a unit whose activation is {fmt(activation)} is kept "
                f"(not dropped). What value does it pass on? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["Keras uses inverted dropout: kept units are scaled during training so nothing changes at test time.",
               f"The keep probability is 1 − {fmt(rate)} = {fmt(1 - rate)}. What is {fmt(activation)} / {fmt(1 - rate)}?"],
        solution=f"{fmt(activation)} / (1 − {fmt(rate)}) = {fmt(activation)} / {fmt(1 - rate)} = {fmt(kept, 3)}",
        explanation=(f"{fmt(activation)} / {fmt(1 - rate)} = {fmt(kept, 3)}; on average "
                     f"{fmt(1 - rate)}·{fmt(kept, 3)} + {fmt(rate)}·0 = {fmt(activation)}, the activation without dropout."),
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )
