"""Generated exercises on the slides' own examples: descent, sigmoid, cost, convolution, backprop,
analogies, a neuron, pooling, an RNN state, the circle classifier.

Each is ``(rng, params) -> Question`` with fresh numbers; a value in ``params`` pins that number
(tests and fixed exercises). The question's picture (``plot``) never draws the answer; the
``solution_plot`` does.
"""
from __future__ import annotations

import math
import random
from typing import Any, Callable

from tutor.question import (
    Question, fmt, fmt_grid, fmt_vector, keep_distinct, slip, term,
)
from tutor.slides import (
    SLIDES_ANALOGIES, SLIDES_CONV_CELL, SLIDES_GD_START, SLIDES_IMAGE, SLIDES_KERNEL,
    convolve_cell, descend, sigmoid,
)

Analogy = Callable[..., list[tuple[str, float]]]


def param(params: dict, key: str, draw: Callable[[], Any]) -> Any:
    """The caller's value for ``key`` when given (tests and fixed exercises pin values), else a fresh draw."""
    value = params.get(key)
    return draw() if value is None else value


def gradient_step(rng: random.Random, params: dict) -> Question:
    """One (or ``steps``) gradient-descent steps on y = x1^2 + x2^2, like the slides'
    (5, 5) -> (4, 4) -> (3.2, 3.2) with step 0.1 (whose numbers a fresh draw never reuses)."""
    steps = int(params.get("steps", 1))

    def fresh_start() -> list[int]:
        while (start := [rng.choice([-1, 1]) * rng.randint(1, 9) for _ in range(2)]) == list(SLIDES_GD_START):
            pass
        return start
    start = list(param(params, "start", fresh_start))
    step = float(param(params, "step", lambda: rng.choice([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4])))
    path = descend(start, step, steps)
    answer = fmt_vector(path[-1])
    lines = _descent_lines(path, step)
    first_gradient = fmt_vector([2 * c for c in start])
    mistakes = _descent_slips(start, step, steps)
    question = Question(
        exercise_id="gradient_step", concept="gradient_descent",
        prompt=(f"Gradient descent on y = x1² + x2², starting at x{_iterate(0)} = {fmt_vector(start)} "
                f"with step λ = {fmt(step)}. What is x{_iterate(steps)} after {steps} step{'s' if steps > 1 else ''}?"),
        options=[], answer=answer,
        hints=["The update rule is x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − λ·∇y(x⁽ᵏ⁾), and ∇y = (2·x1, 2·x2).",
               f"The gradient at {fmt_vector(start)} is {first_gradient}. What do you get when you subtract "
               f"{fmt(step)} times that from {fmt_vector(start)}?"],
        solution="\n".join(lines), image="gd_path",
        plot={"name": "gd_path", "start": start, "step": step, "steps": 0},   # the start only
        solution_plot={"name": "gd_path", "start": start, "step": step, "steps": steps},
        explanation=lines[-1] + ": each step moves against the gradient, scaled by λ.",
        mistakes=keep_distinct(mistakes, answer),
    )
    question.prompt += f" Answer with {question.format_hint()}."
    return question


def _iterate(k: int) -> str:
    """The iteration index as the slides write it: x⁽¹⁾."""
    return "⁽" + str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")) + "⁾"


def _descent_lines(path: list[list[float]], step: float) -> list[str]:
    """The worked steps of a descent ``path``."""
    lines = [f"∇y = (2·x1, 2·x2); the update is x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − λ·∇y(x⁽ᵏ⁾) with λ = {fmt(step)}."]
    for k in range(len(path) - 1):
        gradient = [2 * c for c in path[k]]
        lines.append(f"x{_iterate(k + 1)} = {fmt_vector(path[k])} − {fmt(step)}·{fmt_vector(gradient)} "
                     f"= {fmt_vector(path[k + 1])}")
    return lines


def _descent_slips(start: list[float], step: float, steps: int) -> list[dict]:
    """Where the usual slips in the update rule land."""
    def end_with(step_size: float) -> str:
        return fmt_vector(descend(start, step_size, steps)[-1])

    return [
        slip(end_with(1.0), "the gradient must be multiplied by the step λ before subtracting."),
        slip(end_with(-step), "you moved along the gradient; descent moves against it (x − λ·∇y)."),
        slip(end_with(step / 2), "the derivative of x² is 2x, so the gradient is (2·x1, 2·x2), not (x1, x2)."),
        slip(fmt_vector([x - step * steps for x in start]),
             "you subtracted λ itself; the step is λ times the gradient, λ·(2·x1, 2·x2)."),
    ]


def _logit(rng: random.Random, params: dict) -> tuple[list[float], list[int], float]:
    """Fresh W and x with 0 < |Wᵀx| <= 4 (the caller's when given), and Wᵀx."""
    while True:
        weights = list(param(params, "w", lambda: [rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]) for _ in range(3)]))
        inputs = list(param(params, "x", lambda: [rng.randint(-3, 3) for _ in range(2)]))
        z = weights[0] + weights[1] * inputs[0] + weights[2] * inputs[1]
        if (params.get("w") is not None and params.get("x") is not None) or 0 < abs(z) <= 4:
            return weights, inputs, z


def sigmoid_question(rng: random.Random, params: dict) -> Question:
    """The logistic-regression output h = g(Wᵀx) for fresh W and x, or its 0.5-threshold decision.
    A fresh draw keeps 0 < |Wᵀx| <= 4: no tie at the threshold, no output that rounds to 0 or 1."""
    ask = param(params, "ask", lambda: rng.choice(["output", "decision"]))
    weights, inputs, z = _logit(rng, params)
    h = sigmoid(z)
    setup = (f"Logistic regression with W = {fmt_vector(weights)} and x = (1, {fmt(inputs[0])}, {fmt(inputs[1])}) "
             f"(the leading 1 multiplies the bias W0).")
    weighted_sum = f"{fmt(weights[0])} + {term(weights[1])}·{term(inputs[0])} + {term(weights[2])}·{term(inputs[1])}"
    z_line = f"Wᵀx = {weighted_sum} = {fmt(z)}"
    h_line = f"h = g({fmt(z)}) = 1/(1 + e^{term(-z)}) = 1/(1 + {fmt(math.exp(-z), 3)}) = {fmt(h, 3)}"
    decision = "y = 1 (YES)" if z >= 0 else "y = 0 (NO)"
    reason = f"{h_line} {'≥' if z >= 0 else '<'} 0.5, because Wᵀx = {fmt(z)} is {'≥ 0' if z >= 0 else 'negative'}"
    common = dict(image="sigmoid", plot={"name": "sigmoid"}, solution_plot={"name": "sigmoid", "z": z},
                  solution=f"{z_line}\n{h_line}\nSo the classifier says {decision}.")
    if ask == "decision":
        return Question(
            exercise_id="sigmoid", concept="threshold_classifier",
            prompt=f"{setup} What does the threshold classifier (h ≥ 0.5 → YES) predict?",
            options=["y = 1 (YES)", "y = 0 (NO)"], answer=decision,
            hints=["h_w(x) ≥ 0.5 exactly when Wᵀx ≥ 0, so you only need the sign of Wᵀx.",
                   f"What is {weighted_sum}: positive or negative?"],
            explanation=reason + ".",
            mistakes=[slip("y = 0 (NO)" if z >= 0 else "y = 1 (YES)",
                           f"Wᵀx = {fmt(z)}, and the classifier says YES exactly when Wᵀx ≥ 0.")],
            **common,
        )
    answer = fmt(h, 4)
    mistakes = [slip(fmt(z), "that is Wᵀx itself; the hypothesis squashes it with g(z) = 1/(1 + e^(−z))."),
                slip(fmt(1 - h, 4), "check the sign in the exponent: g(z) = 1/(1 + e^(−z)), so a positive z gives h > 0.5.")]
    return Question(
        exercise_id="sigmoid", concept="sigmoid",
        prompt=f"{setup} Compute h_w(x) = g(Wᵀx) = 1/(1 + e^(−Wᵀx)), to 2 decimals.",
        options=[], answer=answer, decimals=2,
        hints=["First compute Wᵀx = W0·1 + W1·x1 + W2·x2, then apply g(z) = 1/(1 + e^(−z)).",
               f"{z_line}. What is 1/(1 + e^(−{fmt(z)}))?"],
        explanation=reason + f", so the classifier says {decision}.",
        mistakes=keep_distinct(mistakes, answer, decimals=2), **common,
    )


def mse_question(rng: random.Random, params: dict) -> Question:
    """The slides' cost J = 1/(2m) Σ (h − y)² for fresh predictions and labels, to 3 decimals."""
    m = int(param(params, "m", lambda: len(params["h"]) if params.get("h") else rng.choice([2, 3, 4])))
    predictions = list(param(params, "h", lambda: [rng.randint(0, 10) / 10 for _ in range(m)]))
    labels = list(param(params, "y", lambda: [rng.randint(0, 1) for _ in range(m)]))
    squares = [(h - y) ** 2 for h, y in zip(predictions, labels)]
    cost = sum(squares) / (2 * m)
    answer = fmt(cost, 5)
    square_text = " + ".join(fmt(s) for s in squares)
    mistakes = [
        slip(fmt(2 * cost, 5), "that is the 1/m form; the slides' cost divides by 2m (the ½ cancels the 2 of the derivative)."),
        slip(fmt(sum(h - y for h, y in zip(predictions, labels)) / (2 * m), 5),
             "square each error before summing, or positive and negative errors cancel."),
    ]
    return Question(
        exercise_id="mse", concept="mean_squared_error",
        prompt=(f"Predictions h = {fmt_vector(predictions)} for labels y = {fmt_vector(labels)} (m = {m}). "
                f"Compute the cost in the slides' form J = 1/(2m) · Σ (h − y)² (note: 2m, not m), to 3 decimals."),
        options=[], answer=answer, decimals=3,
        hints=["Square each error h − y, add them up, then divide by 2m.",
               f"The squared errors are {square_text}. What is their sum divided by {2 * m}?"],
        solution=f"Squared errors: {square_text} = {fmt(sum(squares))}\nJ = {fmt(sum(squares))} / (2·{m}) = {answer}",
        explanation=f"Σ (h − y)² = {fmt(sum(squares))}, divided by 2m = {2 * m} gives {answer}.",
        mistakes=keep_distinct(mistakes, answer, decimals=3),
    )


def _busy_grid(rng: random.Random) -> list[list[int]]:
    """A 5x5 binary image with ones in every 3x3 patch: an all-zero patch makes a dull question."""
    while True:
        grid = [[rng.randint(0, 1) for _ in range(5)] for _ in range(5)]
        if all(sum(grid[r + i][c + j] for i in range(3) for j in range(3)) >= 3 for r in range(3) for c in range(3)):
            return grid


def _small_kernel(rng: random.Random) -> list[list[int]]:
    """A 3x3 kernel of -1/0/1 weights, leaning positive like the slides' kernel."""
    return [[rng.choice([-1, 0, 1, 1]) for _ in range(3)] for _ in range(3)]


def convolution_question(rng: random.Random, params: dict) -> Question:
    """One output cell of a 3x3 kernel over a 5x5 grid. ``slides``: the slides' image and kernel at a
    cell other than the top-left one the slides work out (that 4 is the worked example, not a test)."""
    if params.get("slides"):
        grid, kernel = [list(r) for r in SLIDES_IMAGE], [list(r) for r in SLIDES_KERNEL]
        cells = [[r, c] for r in range(3) for c in range(3) if (r, c) != SLIDES_CONV_CELL]
        cell = list(param(params, "cell", lambda: rng.choice(cells)))
    else:
        grid = [list(r) for r in param(params, "grid", lambda: _busy_grid(rng))]
        kernel = [list(r) for r in param(params, "kernel", lambda: _small_kernel(rng))]
        cell = list(param(params, "cell", lambda: [rng.randint(0, 2), rng.randint(0, 2)]))
    row, col = cell
    value = convolve_cell(grid, kernel, row, col)
    patch = [grid[row + i][col: col + 3] for i in range(3)]
    products = " + ".join(f"{patch[i][j]}·{term(kernel[i][j])}" for i in range(3) for j in range(3))
    flipped = [list(reversed(r)) for r in reversed(kernel)]
    mistakes = [slip(str(convolve_cell(grid, flipped, row, col)),
                     "the kernel slides over the image as it is (no flipping): multiply each image cell "
                     "by the kernel cell on top of it.")]
    shown = {"name": "convolution", "grid": grid, "kernel": kernel, "cell": [row, col]}
    return Question(
        exercise_id="convolution", concept="convolution",
        prompt=(f"Image (5×5, rows top to bottom): {fmt_grid(grid)}. Kernel (3×3): {fmt_grid(kernel)}. "
                f"Sliding the kernel with stride 1 and no padding gives a 3×3 output. "
                f"What is the output cell in row {row + 1}, column {col + 1}?"),
        options=[], answer=str(value),
        hints=["Put the kernel on the 3×3 patch of the image whose top-left corner is the output cell's position, "
               "multiply cell by cell and add the nine products.",
               f"The patch is {fmt_grid(patch)}. What is {products}?"],
        solution=f"Patch: {fmt_grid(patch)}\nSum of products: {products} = {value}",
        image="convolution", plot={**shown, "show_output": False}, solution_plot=shown,
        explanation=f"{products} = {value}.",
        mistakes=keep_distinct(mistakes, str(value)),
    )


def chain_rule_question(rng: random.Random, params: dict) -> Question:
    """One backpropagation step: ∂L/∂w for one neuron with L = ½(a − y)², to 2 decimals; ``layers: 2``, the first
    weight of two neurons in a row (the harder item: "too easy, give me something with 2 layers and a sigmoid")."""
    if int(params.get("layers", 1)) == 2:
        return _two_layer_chain(rng, params)
    use_sigmoid = bool(param(params, "sigmoid", lambda: rng.random() < 0.5))
    w = float(param(params, "w", lambda: rng.choice([-1.5, -1, -0.5, 0.5, 1, 1.5, 2])))
    b = float(param(params, "b", lambda: rng.choice([-1, -0.5, 0, 0.5, 1])))
    x = float(param(params, "x", lambda: rng.choice([-2, -1, 1, 2, 3])))
    z = w * x + b
    # A target equal to the output would make the gradient 0: a dull question.
    targets = [t for t in (0, 1) if use_sigmoid or t != z] or [2]
    y = float(param(params, "y", lambda: rng.choice(targets)))
    a = sigmoid(z) if use_sigmoid else z
    local = a * (1 - a) if use_sigmoid else 1.0
    gradient = (a - y) * local * x
    answer = fmt(gradient)
    neuron = "a = σ(z), σ the sigmoid" if use_sigmoid else "a = z (a linear neuron)"
    local_name = "a(1 − a)" if use_sigmoid else "1"
    chain = f"∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w = (a − y) · {local_name} · x"
    steps = [f"z = {fmt(w)}·{term(x)} + {term(b)} = {fmt(z)}", f"a = {fmt(a)}", chain,
             f"= ({fmt(a)} − {fmt(y)}) · {fmt(local)} · {term(x)} = {answer}"]
    mistakes = [slip(fmt((a - y) * local), "that is ∂L/∂z; one more link: ∂z/∂w = x.")]
    if use_sigmoid:
        mistakes.append(slip(fmt((a - y) * x), "the sigmoid's own derivative σ'(z) = a(1 − a) is a link of the chain too."))
    return Question(
        exercise_id="chain_rule", concept="backpropagation",
        prompt=(f"One neuron: z = w·x + b, {neuron}, loss L = ½(a − y)². With w = {fmt(w)}, b = {fmt(b)}, "
                f"x = {fmt(x)} and target y = {fmt(y)}, what is ∂L/∂w? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["Chain rule: ∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w. Compute the forward pass first.",
               f"Forward: z = {fmt(z)}, a = {fmt(a)}. Now, what is (a − y) · {local_name} · x?"],
        solution="\n".join(steps), explanation=" ; ".join(steps[2:]) + ".",
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )


def _two_layer_chain(rng: random.Random, params: dict) -> Question:
    """∂L/∂w1 through a ReLU neuron and a sigmoid neuron: the path's five links, the output's weight w2 among them."""
    x = float(param(params, "x", lambda: rng.choice([1, 2, 3])))
    w1 = float(param(params, "w1", lambda: rng.choice([0.5, 1, 1.5])))
    b1 = float(param(params, "b1", lambda: rng.choice([-0.5, 0, 0.5])))   # w1·x + b1 > 0: the ReLU passes the gradient
    w2 = float(param(params, "w2", lambda: rng.choice([-1.5, -1, -0.5, 0.5, 1, 1.5])))
    b2 = float(param(params, "b2", lambda: rng.choice([-1, -0.5, 0, 0.5])))
    y = float(param(params, "y", lambda: rng.choice([0, 1])))
    z1 = w1 * x + b1
    h = max(0.0, z1)
    z2 = w2 * h + b2
    a = sigmoid(z2)
    relu_slope = 1.0 if z1 > 0 else 0.0
    gradient = (a - y) * a * (1 - a) * w2 * relu_slope * x
    answer = fmt(gradient)
    chain = "∂L/∂w1 = ∂L/∂a · ∂a/∂z2 · ∂z2/∂h · ∂h/∂z1 · ∂z1/∂w1 = (a − y) · a(1 − a) · w2 · 1 · x"
    forward = f"z1 = {fmt(w1)}·{term(x)} + {term(b1)} = {fmt(z1)}, h = {fmt(h)}, z2 = {fmt(w2)}·{term(h)} + {term(b2)} = {fmt(z2)}, a = {fmt(a)}"
    steps = [forward, chain, f"= ({fmt(a)} − {fmt(y)}) · {fmt(a * (1 - a))} · {term(w2)} · 1 · {term(x)} = {answer}"]
    mistakes = [slip(fmt((a - y) * a * (1 - a) * x), "the path runs through the output neuron's weight: ∂z2/∂h = w2."),
                slip(fmt((a - y) * w2 * x), "the sigmoid's own derivative a(1 − a) is a link of the chain too."),
                slip(fmt((a - y) * a * (1 - a) * h), "that is ∂L/∂w2; w1 is one layer further back.")]
    return Question(
        exercise_id="chain_rule", concept="backpropagation",
        prompt=(f"Two neurons in a row: h = ReLU(w1·x + b1), a = σ(w2·h + b2), loss L = ½(a − y)². With x = {fmt(x)}, "
                f"w1 = {fmt(w1)}, b1 = {fmt(b1)}, w2 = {fmt(w2)}, b2 = {fmt(b2)} and target y = {fmt(y)}, what is "
                f"∂L/∂w1? (2 decimals)"),
        options=[], answer=answer, decimals=2,
        hints=["Chain rule along the path from L back to w1: ∂L/∂a · ∂a/∂z2 · ∂z2/∂h · ∂h/∂z1 · ∂z1/∂w1. Do the "
               "forward pass first.",
               f"Forward: z1 = {fmt(z1)}, h = {fmt(h)}, z2 = {fmt(z2)}, a = {fmt(a)}. The ReLU's slope is 1 here. "
               "Now multiply the five links."],
        solution="\n".join(steps), explanation=" ; ".join(steps[1:]) + ".",
        mistakes=keep_distinct(mistakes, answer, decimals=2),
    )


def analogy_question(rng: random.Random, params: dict) -> Question:
    """A word analogy (a − b + c ≈ ?) graded against the textbook answer; what the tutor's own small
    word2vec model says is shown beside it, honestly, when a model is at hand.

    ``params["analogy"]`` is ``analogy(positive=[a, c], negative=[b]) -> [(word, similarity), ...]``
    (best first, like gensim's ``most_similar``); it may raise KeyError for unknown words.
    """
    triples = [tuple(t) for t in param(params, "triples", lambda: SLIDES_ANALOGIES)]
    a, b, c, expected = rng.choice(triples)
    model: Analogy | None = params.get("analogy")
    model_says = _model_ranking(model, a, b, c)
    verdict = (f"Our small word2vec model, trained on a few megabytes of text, ranks {model_says}"
               + (": it gets this one right." if model_says.startswith(expected + " ") else
                  f": it misses '{expected}', which needs a model trained on far more text.")
               if model_says else "")
    reading = f"{a} is to {b} as {expected} is to {c}"
    return Question(
        exercise_id="analogy", concept="word_analogy",
        prompt=f"Word arithmetic with word vectors: {a} − {b} + {c} ≈ ? (the word a well-trained model finds)",
        options=[], answer=expected,
        hints=[f"Read it as a relation: {a} is to {b} as ? is to {c}.",
               f"Take the relation between {b} and {a} and apply it to {c}: which word is to {c} what {a} is to {b}?"],
        solution=(f"v({a}) − v({b}) + v({c}) lands nearest to v({expected}): {reading}. {verdict}").strip(),
        explanation=f"{reading}. {verdict}".strip(),
        mistakes=[slip(a, f"'{a}' is one of the input words; the answer is the word that relates to {c} "
                          f"as {a} relates to {b}.")],
    )


def _model_ranking(model: Analogy | None, a: str, b: str, c: str) -> str:
    """"queen (0.71), princess (0.64), throne (0.60)": the model's top words, "" without a model."""
    if model is None:
        return ""
    try:
        ranking = [(w, s) for w, s in model(positive=[a, c], negative=[b]) if w not in (a, b, c)][:3]
    except KeyError:
        return ""
    return ", ".join(f"{w} ({s:.2f})" for w, s in ranking)


def neuron_question(rng: random.Random, params: dict) -> Question:
    """The forward pass of one ReLU neuron: a = max(0, w·x + b); never z = 0 (both readings agree)."""
    while True:
        weights = list(param(params, "w", lambda: [rng.choice([-2, -1, -0.5, 0.5, 1, 2]) for _ in range(2)]))
        inputs = list(param(params, "x", lambda: [rng.randint(-3, 3) for _ in range(2)]))
        bias = float(param(params, "b", lambda: rng.choice([-1, -0.5, 0, 0.5, 1])))
        z = sum(w * x for w, x in zip(weights, inputs)) + bias
        if z != 0 or all(params.get(k) is not None for k in ("w", "x", "b")):
            break
    a = max(0.0, z)
    weighted = " + ".join(f"{term(w)}·{term(x)}" for w, x in zip(weights, inputs)) + f" + {term(bias)}"
    answer = fmt(a)
    mistakes = [slip(fmt(z), "that is z = w·x + b; the ReLU then outputs max(0, z)."),
                slip(fmt(abs(z)), "ReLU clips negative values to 0; it does not take the absolute value.")]
    return Question(
        exercise_id="neuron", concept="neuron",
        prompt=(f"A ReLU neuron has weights w = {fmt_vector(weights)} and bias b = {fmt(bias)}. "
                f"What does it output for x = {fmt_vector(inputs)}?"),
        options=[], answer=answer,
        hints=["First the weighted sum z = w·x + b, then the activation a = ReLU(z) = max(0, z).",
               f"z = {weighted}. What is max(0, z)?"],
        solution=f"z = {weighted} = {fmt(z)}\na = max(0, {fmt(z)}) = {answer}",
        explanation=f"z = {fmt(z)}, and ReLU gives max(0, z) = {answer}.",
        mistakes=keep_distinct(mistakes, answer),
    )


def max_pool_question(rng: random.Random, params: dict) -> Question:
    """One output cell of 2x2 max pooling with stride 2 over a 4x4 feature map."""
    grid = [list(r) for r in param(params, "grid", lambda: [[rng.randint(0, 9) for _ in range(4)] for _ in range(4)])]
    row, col = param(params, "cell", lambda: [rng.randint(0, 1), rng.randint(0, 1)])
    window = [grid[2 * row + i][2 * col + j] for i in range(2) for j in range(2)]
    answer = str(max(window))
    mistakes = [slip(fmt(sum(window) / 4), "that is average pooling; max pooling keeps the largest value."),
                slip(str(sum(window)), "pooling summarizes a window; max pooling keeps its largest value.")]
    return Question(
        exercise_id="max_pool", concept="pooling",
        prompt=(f"Feature map (4×4, rows top to bottom): {fmt_grid(grid)}. 2×2 max pooling with stride 2 "
                f"gives a 2×2 output. What is its cell in row {row + 1}, column {col + 1}?"),
        options=[], answer=answer,
        hints=["Each output cell summarizes one 2×2 window of the input; windows do not overlap.",
               f"Output cell ({row + 1}, {col + 1}) covers rows {2 * row + 1}–{2 * row + 2} and columns "
               f"{2 * col + 1}–{2 * col + 2}. Which value of that window is the largest?"],
        solution=f"Window: {', '.join(map(str, window))}\nmax = {answer}",
        explanation=f"The window holds {', '.join(map(str, window))}, and max pooling keeps {answer}.",
        mistakes=keep_distinct(mistakes, answer),
    )


def rnn_state_question(rng: random.Random, params: dict) -> Question:
    """The hidden state of a tiny linear RNN hₜ = w·xₜ + u·hₜ₋₁ (h₀ = 0) after a short sequence."""
    w = float(param(params, "w", lambda: rng.choice([-1, 0.5, 1, 2, 3])))
    u = float(param(params, "u", lambda: rng.choice([-0.5, 0.5, 1, 2])))
    inputs = [float(v) for v in param(params, "x", lambda: [rng.randint(-2, 3) for _ in range(rng.choice([2, 3]))])]
    states, lines = [0.0], []
    for t, x in enumerate(inputs, start=1):
        states.append(w * x + u * states[-1])
        lines.append(f"h{t} = {fmt(w)}·{term(x)} + {fmt(u)}·{term(states[-2])} = {fmt(states[-1])}")
    answer = fmt(states[-1])
    mistakes = [slip(fmt(w * inputs[-1]), "that forgets the memory term u·hₜ₋₁: the state carries the past.")]
    last = len(inputs)
    return Question(
        exercise_id="rnn_state", concept="recurrent_neural_network",
        prompt=(f"A tiny linear RNN: hₜ = {fmt(w)}·xₜ + {fmt(u)}·hₜ₋₁, starting from h0 = 0. "
                f"It reads x = {fmt_vector(inputs)}. What is h{last}?"),
        options=[], answer=answer,
        hints=["Go step by step: each hₜ uses the input xₜ and the previous state hₜ₋₁.",
               f"{lines[0]}. Now use h1 for the next step: what do you get?"],
        solution="\n".join(lines), explanation="; ".join(lines) + ".",
        mistakes=keep_distinct(mistakes, answer),
    )


# Numbers printed on the circle picture ("Wᵀx < 0", "h ≥ 0.5 → y = 1", "−1 + x1² + x2² = 0"): an answer
# equal to one of them would look given away, and 0 (on the circle) and −1 (the centre) are dull anyway.
_CIRCLE_PICTURE_NUMBERS = (-1.0, 0.0, 0.5, 1.0)


def circle_question(rng: random.Random, params: dict) -> Question:
    """The slides' circle classifier W = [−1, 0, 0, 1, 1] over (1, x1, x2, x1², x2²) at a fresh point."""
    halves = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]
    while True:
        point = [float(v) for v in param(params, "x", lambda: [rng.choice(halves) for _ in range(2)])]
        value = -1 + point[0] ** 2 + point[1] ** 2
        if params.get("x") is not None or (value not in _CIRCLE_PICTURE_NUMBERS and value not in point):
            break
    x1, x2 = point
    answer = fmt(value)
    side = "outside (or on) the unit circle, so y = 1" if value >= 0 else "inside the unit circle, so y = 0"
    worked = f"Wᵀx = −1 + 0·{term(x1)} + 0·{term(x2)} + 1·{term(x1)}² + 1·{term(x2)}² = {answer}"
    mistakes = [slip(fmt(-1 + x1 + x2), "the last two weights multiply the squares x1² and x2², not x1 and x2."),
                slip(fmt(x1 ** 2 + x2 ** 2), "don't forget the bias W0 = −1.")]
    return Question(
        exercise_id="circle", concept="decision_boundary",
        prompt=(f"The slides' circle: h_w(x) = g(W0 + W1·x1 + W2·x2 + W3·x1² + W4·x2²) with W = [−1, 0, 0, 1, 1]. "
                f"What is Wᵀx for the point x = {fmt_vector(point)}?"),
        options=[], answer=answer,
        hints=["Only the bias and the two squares have non-zero weights: Wᵀx = −1 + x1² + x2².",
               f"What is −1 + {term(x1)}² + {term(x2)}²?"],
        solution=f"{worked}\n{'≥ 0' if value >= 0 else '< 0'}: the point is {side}.",
        image="threshold", plot={"name": "threshold"}, solution_plot={"name": "threshold"},
        explanation=f"{worked}: the point is {side}.",
        mistakes=keep_distinct(mistakes, answer),
    )
