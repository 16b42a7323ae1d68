"""Exercises: multiple choice, typed answers, and generators of fresh numeric questions.

An :class:`ExerciseSpec` comes from ``data/curriculum/exercises.yml``; :func:`make_question`
turns it into a :class:`Question` (fresh numbers for a generated kind) that the dialogue
manager asks, stores between turns (``to_dict``/``from_dict``) and checks. Every question
carries a hint, a leading prompt and a worked solution (AutoTutor's hint -> prompt ->
assertion escalation), and ``check`` gives immediate feedback that says why.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Callable

from tutor.answers import match_option, parse_number, parse_vector, text_matches

# The slides' convolution example ("Image representation"): the 5x5 image, the 3x3 kernel
# (the small x1/x0 marks), whose top-left output cell is 4.
SLIDES_IMAGE: tuple[tuple[int, ...], ...] = (
    (1, 1, 1, 0, 0),
    (0, 1, 1, 1, 0),
    (0, 0, 1, 1, 1),
    (0, 0, 1, 1, 0),
    (0, 1, 1, 0, 0),
)
SLIDES_KERNEL: tuple[tuple[int, ...], ...] = ((1, 0, 1), (0, 1, 0), (1, 0, 1))

# The slides' word analogies, as (a, b, c, expected): a - b + c ~ expected.
SLIDES_ANALOGIES: tuple[tuple[str, str, str, str], ...] = (
    ("king", "man", "woman", "queen"),
    ("madrid", "spain", "italy", "rome"),
    ("rome", "italy", "germany", "berlin"),
    ("berlin", "germany", "japan", "tokyo"),
    ("tokyo", "japan", "russia", "moscow"),
    ("moscow", "russia", "turkey", "ankara"),
)

Analogy = Callable[..., list[tuple[str, float]]]


class ExerciseUnavailable(Exception):
    """This exercise cannot be asked right now (e.g. the analogy kind without a word2vec model):
    the caller should pick another exercise."""


@dataclass(frozen=True)
class ExerciseSpec:
    id: str
    kind: str            # "choice" | "typed" | a generator name in GENERATORS
    concept: str         # glossary key: the mastery unit this exercise trains
    lesson: str
    day: int
    difficulty: int      # 1 (recall) .. 3 (multi-step)
    data: dict           # kind-specific fields (prompt/options/answer/... or generator params)


@dataclass
class Check:
    correct: bool
    feedback: str        # immediate, and says why
    understood: bool = True   # False when the text could not be read as an answer at all


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
    plot: dict | None = None           # plot name + params for tutor.plots.draw
    tolerance: float = 1e-2            # numeric: |given - answer| <= tolerance * max(1, |answer|)
    accept: list[str] = field(default_factory=list)        # other accepted answers (text)
    explanation: str = ""                                  # why the answer is right, said once correct
    mistakes: list[dict] = field(default_factory=list)     # [{"answer": ..., "why": ...}] typical slips

    def check(self, text: str) -> Check:
        """Read ``text`` as an answer (option letter / number / text, numbers and vectors in the
        usual formats) and say whether it is right, and why."""
        if self.options:
            return self._check_option(text)
        if self.accept and text_matches(text, self.accept):   # "1/√2", "ln 2": forms no parser reads
            return self._verdict(True, text)
        kind = answer_kind(self.answer)
        if kind == "number":
            return self._check_number(text)
        if kind == "vector":
            return self._check_vector(text)
        return self._verdict(text_matches(text, [self.answer, *self.accept]), text)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Question":
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in d.items() if key in known})

    def _check_option(self, text: str) -> Check:
        index = match_option(text, self.options)
        if index is None:
            if text_matches(text, [self.answer, *self.accept]):
                return self._verdict(True, text)
            letters = ", ".join(f"{chr(97 + i)}) {option}" for i, option in enumerate(self.options))
            return Check(False, f"Answer with the option's letter, number or text: {letters}.", understood=False)
        chosen = self.options[index]
        return self._verdict(chosen == self.answer or chosen in self.accept, chosen)

    def _check_number(self, text: str) -> Check:
        value = parse_number(text)
        if value is None:
            return Check(False, "I need one number here, like 0.5, .5, 1/2 or 50%.", understood=False)
        return self._verdict(self._close(value, float(self.answer)), text, value)

    def _check_vector(self, text: str) -> Check:
        values = parse_vector(text)
        expected = parse_vector(self.answer) or []
        if values is None or len(values) != len(expected):
            return Check(False, f"I need {len(expected)} numbers here, like {self.answer}.", understood=False)
        matches = all(self._close(v, e) for v, e in zip(values, expected))
        return self._verdict(matches, text, values)

    def _close(self, value: float, expected: float) -> bool:
        return abs(value - expected) <= self.tolerance * max(1.0, abs(expected))

    def _verdict(self, correct: bool, text: str, value: Any = None) -> Check:
        if correct:
            return Check(True, f"Correct! {self.explanation}".strip())
        why = self._diagnose(text, value)
        return Check(False, f"Not quite: {why}" if why else "Not quite.")

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


_PLAIN_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


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


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _slip(answer: str, why: str) -> dict:
    """A typical wrong answer and why it is wrong (Question.mistakes)."""
    return {"answer": answer, "why": why}


def _keep_distinct(mistakes: list[dict], answer: str, tolerance: float) -> list[dict]:
    """Drop 'slips' that happen to give the right answer for these numbers."""
    probe = Question("", "", "", [], answer, [], "", tolerance=tolerance)
    return [m for m in mistakes if not probe.check(str(m["answer"])).correct]


# --- generators: (rng, params) -> Question with fresh numbers ------------------------------

def _param(params: dict, key: str, draw: Callable[[], Any]) -> Any:
    """The caller's value for ``key`` when given (tests and fixed exercises pin values), else a fresh draw."""
    value = params.get(key)
    return draw() if value is None else value


def gradient_step(rng: random.Random, params: dict) -> Question:
    """One (or ``steps``) gradient-descent steps on y = x1^2 + x2^2, like the slides'
    (5, 5) -> (4, 4) -> (3.2, 3.2) with step 0.1."""
    steps = int(params.get("steps", 1))
    start = list(_param(params, "start", lambda: [rng.choice([-1, 1]) * rng.randint(1, 9) for _ in range(2)]))
    step = float(_param(params, "step", lambda: rng.choice([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4])))
    path = descend(start, step, steps)
    answer = fmt_vector(path[-1])
    lines = [f"∇y = (2·x1, 2·x2); the update is x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − λ·∇y(x⁽ᵏ⁾) with λ = {fmt(step)}."]
    for k in range(steps):
        gradient = [2 * c for c in path[k]]
        lines.append(f"x{_iterate(k + 1)} = {fmt_vector(path[k])} − {fmt(step)}·{fmt_vector(gradient)} "
                     f"= {fmt_vector(path[k + 1])}")
    first_gradient = fmt_vector([2 * c for c in start])

    def end_with(step_size: float) -> str:   # where a slip in the update rule lands
        return fmt_vector(descend(start, step_size, steps)[-1])

    mistakes = [
        _slip(end_with(1.0), "the gradient must be multiplied by the step λ before subtracting."),
        _slip(end_with(-step), "you moved along the gradient; descent moves against it (x − λ·∇y)."),
        _slip(end_with(step / 2), "the derivative of x² is 2x, so the gradient is (2·x1, 2·x2), not (x1, x2)."),
    ]
    return Question(
        exercise_id="gradient_step", concept="gradient_descent",
        prompt=(f"Gradient descent on y = x1² + x2², starting at x{_iterate(0)} = {fmt_vector(start)} "
                f"with step λ = {fmt(step)}. What is x{_iterate(steps)} after {steps} step{'s' if steps > 1 else ''}? "
                f"Answer with two numbers, like (4, 4)."),
        options=[], answer=answer,
        hints=["The update rule is x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − λ·∇y(x⁽ᵏ⁾), and ∇y = (2·x1, 2·x2).",
               f"The gradient at {fmt_vector(start)} is {first_gradient}. What do you get when you subtract "
               f"{fmt(step)} times that from {fmt_vector(start)}?"],
        solution="\n".join(lines), image="gd_path",
        plot={"name": "gd_path", "start": start, "step": step, "steps": steps},
        explanation=lines[-1] + ": each step moves against the gradient, scaled by λ.",
        mistakes=_keep_distinct(mistakes, answer, 1e-2),
    )


def _iterate(k: int) -> str:
    """The iteration index as the slides write it: x⁽¹⁾."""
    return "⁽" + str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")) + "⁾"


def descend(start: list[float], step: float, steps: int) -> list[list[float]]:
    """The gradient-descent path on y = x1^2 + x2^2 (gradient 2x): start plus ``steps`` points."""
    path = [[float(c) for c in start]]
    for _ in range(steps):
        path.append([c - step * 2 * c for c in path[-1]])
    return path


def sigmoid_question(rng: random.Random, params: dict) -> Question:
    """The logistic-regression output h = g(Wᵀx) for fresh W and x, or its 0.5-threshold decision."""
    ask = _param(params, "ask", lambda: rng.choice(["output", "decision"]))
    weights = list(_param(params, "w", lambda: [rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]) for _ in range(3)]))
    inputs = list(_param(params, "x", lambda: [rng.randint(-3, 3) for _ in range(2)]))
    z = weights[0] + weights[1] * inputs[0] + weights[2] * inputs[1]
    h = sigmoid(z)
    setup = (f"Logistic regression with W = {fmt_vector(weights)} and x = (1, {fmt(inputs[0])}, {fmt(inputs[1])}) "
             f"(the leading 1 multiplies the bias W0).")
    weighted_sum = f"{fmt(weights[0])} + {term(weights[1])}·{term(inputs[0])} + {term(weights[2])}·{term(inputs[1])}"
    z_line = f"Wᵀx = {weighted_sum} = {fmt(z)}"
    h_line = f"h = g({fmt(z)}) = 1/(1 + e^{term(-z)}) = 1/(1 + {fmt(math.exp(-z), 3)}) = {fmt(h, 3)}"
    decision = "y = 1 (YES)" if z >= 0 else "y = 0 (NO)"
    reason = f"{h_line} {'≥' if z >= 0 else '<'} 0.5, because Wᵀx = {fmt(z)} is {'≥ 0' if z >= 0 else 'negative'}"
    common = dict(image="sigmoid", plot={"name": "sigmoid", "z": z},
                  solution=f"{z_line}\n{h_line}\nSo the classifier says {decision}.")
    if ask == "decision":
        return Question(
            exercise_id="sigmoid", concept="threshold_classifier",
            prompt=f"{setup} What does the threshold classifier (h ≥ 0.5 → YES) predict?",
            options=["y = 1 (YES)", "y = 0 (NO)"], answer=decision,
            hints=["h_w(x) ≥ 0.5 exactly when Wᵀx ≥ 0, so you only need the sign of Wᵀx.",
                   f"What is {weighted_sum}: positive or negative?"],
            explanation=reason + ".",
            mistakes=[_slip("y = 0 (NO)" if z >= 0 else "y = 1 (YES)",
                            f"Wᵀx = {fmt(z)}, and the classifier says YES exactly when Wᵀx ≥ 0.")],
            **common,
        )
    answer = fmt(h, 3)
    mistakes = [
        _slip(fmt(z), "that is Wᵀx itself; the hypothesis squashes it with g(z) = 1/(1 + e^(−z))."),
        _slip(fmt(1 - h, 3), "check the sign in the exponent: g(z) = 1/(1 + e^(−z)), so a positive z gives h > 0.5."),
    ]
    return Question(
        exercise_id="sigmoid", concept="sigmoid",
        prompt=f"{setup} Compute h_w(x) = g(Wᵀx) = 1/(1 + e^(−Wᵀx)), to 2 decimals.",
        options=[], answer=answer,
        hints=["First compute Wᵀx = W0·1 + W1·x1 + W2·x2, then apply g(z) = 1/(1 + e^(−z)).",
               f"{z_line}. What is 1/(1 + e^(−{fmt(z)}))?"],
        explanation=reason + f", so the classifier says {decision}.",
        mistakes=_keep_distinct(mistakes, answer, 1e-2), **common,
    )


def mse_question(rng: random.Random, params: dict) -> Question:
    """The slides' cost J = 1/(2m) Σ (h − y)² for fresh predictions and labels."""
    m = int(_param(params, "m", lambda: len(params["h"]) if params.get("h") else rng.choice([2, 3, 4])))
    predictions = list(_param(params, "h", lambda: [rng.randint(0, 10) / 10 for _ in range(m)]))
    labels = list(_param(params, "y", lambda: [rng.randint(0, 1) for _ in range(m)]))
    squares = [(h - y) ** 2 for h, y in zip(predictions, labels)]
    cost = sum(squares) / (2 * m)
    answer = fmt(cost)
    square_text = " + ".join(fmt(s) for s in squares)
    tolerance = 5e-3
    mistakes = [
        _slip(fmt(2 * cost), "that is the 1/m form; the slides' cost divides by 2m (the ½ cancels the 2 of the derivative)."),
        _slip(fmt(sum(h - y for h, y in zip(predictions, labels)) / (2 * m)),
              "square each error before summing, or positive and negative errors cancel."),
    ]
    return Question(
        exercise_id="mse", concept="mean_squared_error",
        prompt=(f"Predictions h = {fmt_vector(predictions)} for labels y = {fmt_vector(labels)} (m = {m}). "
                f"Compute the cost in the slides' form J = 1/(2m) · Σ (h − y)² (note: 2m, not m), to 3 decimals."),
        options=[], answer=answer, tolerance=tolerance,
        hints=["Square each error h − y, add them up, then divide by 2m.",
               f"The squared errors are {square_text}. What is their sum divided by {2 * m}?"],
        solution=f"Squared errors: {square_text} = {fmt(sum(squares))}\nJ = {fmt(sum(squares))} / (2·{m}) = {answer}",
        explanation=f"Σ (h − y)² = {fmt(sum(squares))}, divided by 2m = {2 * m} gives {answer}.",
        mistakes=_keep_distinct(mistakes, answer, tolerance),
    )


def convolve_cell(grid: list[list[int]], kernel: list[list[int]], row: int, col: int) -> int:
    """One output cell of a valid, stride-1 'convolution' (cross-correlation, as in CNNs)."""
    size = len(kernel)
    return sum(grid[row + i][col + j] * kernel[i][j] for i in range(size) for j in range(size))


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
    """One output cell of a 3x3 kernel over a 5x5 grid (the slides' example gives 4)."""
    if params.get("slides"):
        grid, kernel, cell = [list(r) for r in SLIDES_IMAGE], [list(r) for r in SLIDES_KERNEL], [0, 0]
    else:
        grid = [list(r) for r in _param(params, "grid", lambda: _busy_grid(rng))]
        kernel = [list(r) for r in _param(params, "kernel", lambda: _small_kernel(rng))]
        cell = list(_param(params, "cell", lambda: [rng.randint(0, 2), rng.randint(0, 2)]))
    row, col = cell
    value = convolve_cell(grid, kernel, row, col)
    patch = [grid[row + i][col: col + 3] for i in range(3)]
    products = " + ".join(f"{patch[i][j]}·{term(kernel[i][j])}" for i in range(3) for j in range(3))
    flipped = [list(reversed(r)) for r in reversed(kernel)]
    mistakes = [_slip(str(convolve_cell(grid, flipped, row, col)),
                      "the kernel slides over the image as it is (no flipping): multiply each image cell "
                      "by the kernel cell on top of it.")]
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
        image="convolution", plot={"name": "convolution", "grid": grid, "kernel": kernel, "cell": [row, col]},
        explanation=f"{products} = {value}.",
        mistakes=_keep_distinct(mistakes, str(value), 1e-2),
    )


def chain_rule_question(rng: random.Random, params: dict) -> Question:
    """One backpropagation step: ∂L/∂w for one neuron with L = ½(a − y)²."""
    use_sigmoid = bool(_param(params, "sigmoid", lambda: rng.random() < 0.5))
    w = float(_param(params, "w", lambda: rng.choice([-1.5, -1, -0.5, 0.5, 1, 1.5, 2])))
    b = float(_param(params, "b", lambda: rng.choice([-1, -0.5, 0, 0.5, 1])))
    x = float(_param(params, "x", lambda: rng.choice([-2, -1, 1, 2, 3])))
    z = w * x + b
    # A target equal to the output would make the gradient 0: a dull question.
    targets = [t for t in (0, 1) if use_sigmoid or t != z] or [2]
    y = float(_param(params, "y", lambda: rng.choice(targets)))
    a = sigmoid(z) if use_sigmoid else z
    local = a * (1 - a) if use_sigmoid else 1.0
    gradient = (a - y) * local * x
    tolerance = 5e-3
    answer = fmt(gradient)
    neuron = "a = σ(z), σ the sigmoid" if use_sigmoid else "a = z (a linear neuron)"
    local_name = "a(1 − a)" if use_sigmoid else "1"
    chain = f"∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w = (a − y) · {local_name} · x"
    steps = [f"z = {fmt(w)}·{term(x)} + {term(b)} = {fmt(z)}", f"a = {fmt(a)}", chain,
             f"= ({fmt(a)} − {fmt(y)}) · {fmt(local)} · {term(x)} = {answer}"]
    mistakes = [_slip(fmt((a - y) * local), "that is ∂L/∂z; one more link: ∂z/∂w = x.")]
    if use_sigmoid:
        mistakes.append(_slip(fmt((a - y) * x), "the sigmoid's own derivative σ'(z) = a(1 − a) is a link of the chain too."))
    return Question(
        exercise_id="chain_rule", concept="backpropagation",
        prompt=(f"One neuron: z = w·x + b, {neuron}, loss L = ½(a − y)². With w = {fmt(w)}, b = {fmt(b)}, "
                f"x = {fmt(x)} and target y = {fmt(y)}, what is ∂L/∂w? (2 decimals)"),
        options=[], answer=answer, tolerance=tolerance,
        hints=["Chain rule: ∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w. Compute the forward pass first.",
               f"Forward: z = {fmt(z)}, a = {fmt(a)}. Now, what is (a − y) · {local_name} · x?"],
        solution="\n".join(steps), explanation=" ; ".join(steps[2:]) + ".",
        mistakes=_keep_distinct(mistakes, answer, tolerance),
    )


def analogy_question(rng: random.Random, params: dict) -> Question:
    """A word analogy (a − b + c ≈ ?) answered by the tutor's own word2vec model.

    ``params["analogy"]`` is ``analogy(positive=[a, c], negative=[b]) -> [(word, similarity), ...]``
    (best first, like gensim's ``most_similar``); it may raise KeyError for unknown words.
    """
    model: Analogy | None = params.get("analogy")
    if model is None:
        raise ExerciseUnavailable("the analogy exercise needs trained word2vec embeddings")
    triples = [tuple(t) for t in _param(params, "triples", lambda: SLIDES_ANALOGIES)]
    rng.shuffle(triples)
    for a, b, c, expected in triples:
        try:
            ranking = [(w, s) for w, s in model(positive=[a, c], negative=[b]) if w not in (a, b, c)]
        except KeyError:
            continue
        if ranking:
            return _analogy_from_ranking(a, b, c, expected, ranking[:3])
    raise ExerciseUnavailable("the word2vec model knows none of the analogy words")


def _analogy_from_ranking(a: str, b: str, c: str, expected: str, ranking: list[tuple[str, float]]) -> Question:
    top = ", ".join(f"{w} ({s:.2f})" for w, s in ranking)
    answer = ranking[0][0]
    return Question(
        exercise_id="analogy", concept="word_analogy",
        prompt=f"Word arithmetic with my own word2vec model: {a} − {b} + {c} ≈ ? (the model's nearest word)",
        options=[], answer=answer, accept=[w for w, _ in ranking[1:]],
        hints=[f"Read it as a relation: {a} is to {b} as ? is to {c}.",
               f"The textbook answer would be '{expected}'. Which word would a model trained on our small "
               f"corpus put nearest?"],
        solution=(f"The model adds the vectors v({a}) − v({b}) + v({c}) and ranks words by cosine similarity: {top}. "
                  f"Its answer is '{answer}'."),
        explanation=f"My model ranks {top}; the slides' answer is '{expected}'.",
    )


def neuron_question(rng: random.Random, params: dict) -> Question:
    """The forward pass of one ReLU neuron: a = max(0, w·x + b)."""
    weights = list(_param(params, "w", lambda: [rng.choice([-2, -1, -0.5, 0.5, 1, 2]) for _ in range(2)]))
    inputs = list(_param(params, "x", lambda: [rng.randint(-3, 3) for _ in range(2)]))
    bias = float(_param(params, "b", lambda: rng.choice([-1, -0.5, 0, 0.5, 1])))
    z = sum(w * x for w, x in zip(weights, inputs)) + bias
    a = max(0.0, z)
    weighted = " + ".join(f"{term(w)}·{term(x)}" for w, x in zip(weights, inputs)) + f" + {term(bias)}"
    answer = fmt(a)
    mistakes = [_slip(fmt(z), "that is z = w·x + b; the ReLU then outputs max(0, z)."),
                _slip(fmt(abs(z)), "ReLU clips negative values to 0; it does not take the absolute value.")]
    return Question(
        exercise_id="neuron", concept="neuron",
        prompt=(f"A ReLU neuron has weights w = {fmt_vector(weights)} and bias b = {fmt(bias)}. "
                f"What does it output for x = {fmt_vector(inputs)}?"),
        options=[], answer=answer,
        hints=["First the weighted sum z = w·x + b, then the activation a = ReLU(z) = max(0, z).",
               f"z = {weighted}. What is max(0, z)?"],
        solution=f"z = {weighted} = {fmt(z)}\na = max(0, {fmt(z)}) = {answer}",
        explanation=f"z = {fmt(z)}, and ReLU gives max(0, z) = {answer}.",
        mistakes=_keep_distinct(mistakes, answer, 1e-2),
    )


def max_pool_question(rng: random.Random, params: dict) -> Question:
    """One output cell of 2x2 max pooling with stride 2 over a 4x4 feature map."""
    grid = [list(r) for r in _param(params, "grid", lambda: [[rng.randint(0, 9) for _ in range(4)] for _ in range(4)])]
    row, col = _param(params, "cell", lambda: [rng.randint(0, 1), rng.randint(0, 1)])
    window = [grid[2 * row + i][2 * col + j] for i in range(2) for j in range(2)]
    answer = str(max(window))
    mistakes = [_slip(fmt(sum(window) / 4), "that is average pooling; max pooling keeps the largest value."),
                _slip(str(sum(window)), "pooling summarizes a window; max pooling keeps its largest value.")]
    return Question(
        exercise_id="max_pool", concept="pooling",
        prompt=(f"Feature map (4×4, rows top to bottom): {fmt_grid(grid)}. 2×2 max pooling with stride 2 "
                f"gives a 2×2 output. What is its cell in row {row + 1}, column {col + 1}?"),
        options=[], answer=answer,
        hints=["Each output cell summarizes one 2×2 window of the input; windows do not overlap.",
               f"Output cell ({row + 1}, {col + 1}) covers rows {2 * row + 1}–{2 * row + 2} and columns "
               f"{2 * col + 1}–{2 * col + 2}: the values {', '.join(map(str, window))}. Which is the largest?"],
        solution=f"Window: {', '.join(map(str, window))}\nmax = {answer}",
        explanation=f"The window holds {', '.join(map(str, window))}, and max pooling keeps {answer}.",
        mistakes=_keep_distinct(mistakes, answer, 1e-2),
    )


def rnn_state_question(rng: random.Random, params: dict) -> Question:
    """The hidden state of a tiny linear RNN hₜ = w·xₜ + u·hₜ₋₁ (h₀ = 0) after a short sequence."""
    w = float(_param(params, "w", lambda: rng.choice([-1, 0.5, 1, 2, 3])))
    u = float(_param(params, "u", lambda: rng.choice([-0.5, 0.5, 1, 2])))
    inputs = [float(v) for v in _param(params, "x", lambda: [rng.randint(-2, 3) for _ in range(rng.choice([2, 3]))])]
    states, lines = [0.0], []
    for t, x in enumerate(inputs, start=1):
        states.append(w * x + u * states[-1])
        lines.append(f"h{t} = {fmt(w)}·{term(x)} + {fmt(u)}·{term(states[-2])} = {fmt(states[-1])}")
    answer = fmt(states[-1])
    mistakes = [_slip(fmt(w * inputs[-1]), "that forgets the memory term u·hₜ₋₁: the state carries the past.")]
    last = len(inputs)
    return Question(
        exercise_id="rnn_state", concept="recurrent_neural_network",
        prompt=(f"A tiny linear RNN: hₜ = {fmt(w)}·xₜ + {fmt(u)}·hₜ₋₁, starting from h0 = 0. "
                f"It reads x = {fmt_vector(inputs)}. What is h{last}?"),
        options=[], answer=answer,
        hints=["Go step by step: each hₜ uses the input xₜ and the previous state hₜ₋₁.",
               f"{lines[0]}. Now use h1 for the next step: what do you get?"],
        solution="\n".join(lines), explanation="; ".join(lines) + ".",
        mistakes=_keep_distinct(mistakes, answer, 1e-2),
    )


def circle_question(rng: random.Random, params: dict) -> Question:
    """The slides' circle classifier W = [−1, 0, 0, 1, 1] over (1, x1, x2, x1², x2²) at a fresh point."""
    point = [float(v) for v in _param(params, "x", lambda: [rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2])
                                                             for _ in range(2)])]
    x1, x2 = point
    value = -1 + x1 ** 2 + x2 ** 2
    answer = fmt(value)
    side = "outside (or on) the unit circle, so y = 1" if value >= 0 else "inside the unit circle, so y = 0"
    worked = f"Wᵀx = −1 + 0·{term(x1)} + 0·{term(x2)} + 1·{term(x1)}² + 1·{term(x2)}² = {answer}"
    mistakes = [_slip(fmt(-1 + x1 + x2), "the last two weights multiply the squares x1² and x2², not x1 and x2."),
                _slip(fmt(x1 ** 2 + x2 ** 2), "don't forget the bias W0 = −1.")]
    return Question(
        exercise_id="circle", concept="decision_boundary",
        prompt=(f"The slides' circle: h_w(x) = g(W0 + W1·x1 + W2·x2 + W3·x1² + W4·x2²) with W = [−1, 0, 0, 1, 1]. "
                f"What is Wᵀx for the point x = {fmt_vector(point)}?"),
        options=[], answer=answer,
        hints=["Only the bias and the two squares have non-zero weights: Wᵀx = −1 + x1² + x2².",
               f"What is −1 + {term(x1)}² + {term(x2)}²?"],
        solution=f"{worked}\n{'≥ 0' if value >= 0 else '< 0'}: the point is {side}.",
        image="threshold", plot={"name": "threshold"},
        explanation=f"{worked}: the point is {side}.",
        mistakes=_keep_distinct(mistakes, answer, 1e-2),
    )


GENERATORS: dict[str, Callable[[random.Random, dict], Question]] = {
    "gradient_step": gradient_step,
    "sigmoid": sigmoid_question,
    "mse": mse_question,
    "convolution": convolution_question,
    "chain_rule": chain_rule_question,
    "analogy": analogy_question,
    "neuron": neuron_question,
    "max_pool": max_pool_question,
    "rnn_state": rnn_state_question,
    "circle": circle_question,
}
STATIC_KINDS = ("choice", "typed")


def make_question(spec: ExerciseSpec, rng: random.Random, *, analogy: Analogy | None = None) -> Question:
    """A question for ``spec``: fresh numbers for a generated kind, shuffled options for a choice.

    Raises :class:`ExerciseUnavailable` when a generator lacks what it needs (analogy without a model).
    """
    if spec.kind in STATIC_KINDS:
        return _static_question(spec, rng)
    params = dict(spec.data)
    if analogy is not None:
        params["analogy"] = analogy
    question = GENERATORS[spec.kind](rng, params)
    return replace(question, exercise_id=spec.id, concept=spec.concept)


def _static_question(spec: ExerciseSpec, rng: random.Random) -> Question:
    data = spec.data
    options = [str(option) for option in data.get("options", [])]
    why_wrong = data.get("why_wrong") or {}
    if spec.kind == "choice":   # why_wrong keys are option numbers; shuffling must not lose them
        answer = options[int(data["answer"]) - 1]
        mistakes = [_slip(options[int(number) - 1], why) for number, why in why_wrong.items()]
        if data.get("shuffle", True):
            rng.shuffle(options)
    else:                       # why_wrong keys are the wrong answers themselves
        answer = str(data["answer"])
        mistakes = [_slip(str(wrong), why) for wrong, why in why_wrong.items()]
    plot = data.get("plot")
    return Question(
        exercise_id=spec.id, concept=spec.concept, prompt=data["prompt"], options=options, answer=answer,
        hints=[str(h) for h in data["hints"]], solution=data["solution"],
        image=plot["name"] if plot else None, plot=dict(plot) if plot else None,
        tolerance=float(data.get("tolerance", 1e-2)), accept=[str(a) for a in data.get("accept", [])],
        explanation=data.get("explanation", ""), mistakes=mistakes,
    )
