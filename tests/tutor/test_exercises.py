"""Generated exercises: the expected answer matches an independent numpy computation, and
check() accepts it in the usual formats and rejects wrong answers."""
from __future__ import annotations

import json
import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.exercises import (
    GENERATORS, SLIDES_ANALOGIES, SLIDES_IMAGE, SLIDES_KERNEL, ExerciseSpec, Question, answer_kind, make_question,
)
from tutor.answers import parse_vector

FAST = settings(max_examples=40, deadline=None)   # per test: never change other modules' hypothesis profile

small = st.integers(min_value=-9, max_value=9)
halves = st.integers(min_value=-4, max_value=4).map(lambda n: n / 2)
steps_sizes = st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4])
bits = st.integers(min_value=0, max_value=1)
kernel_values = st.integers(min_value=-1, max_value=1)


def formats(value: float) -> list[str]:
    """The ways a learner may type ``value``: '0.5', '.5', '1/2', '50%'."""
    text = f"{value:.6g}"
    shown = [text, f"{value}", f"{Fraction(value).limit_denominator(10_000)}", f"{value * 100:.6g}%"]
    if 0 < abs(value) < 1:
        shown.append(text.replace("0.", ".", 1))
    return shown


def assert_accepts_and_rejects(question: Question, expected: float) -> None:
    assert float(question.answer) == pytest.approx(expected, abs=question.tolerance)
    for typed in formats(expected):
        assert question.check(typed).correct, typed
    wrong = expected + 10 * question.tolerance * max(1.0, abs(expected)) + 0.5
    verdict = question.check(f"{wrong:.6g}")
    assert not verdict.correct and verdict.understood


@FAST
@given(start=st.tuples(small, small), step=steps_sizes, steps=st.integers(1, 3))
def test_gradient_step_matches_numpy(start: tuple[int, int], step: float, steps: int) -> None:
    question = GENERATORS["gradient_step"](random.Random(0), {"start": list(start), "step": step, "steps": steps})
    point = np.array(start, dtype=float)
    for _ in range(steps):
        point = point - step * np.array([2 * point[0], 2 * point[1]])   # ∇(x1² + x2²) = 2x
    assert parse_vector(question.answer) == pytest.approx(point.tolist(), abs=1e-4)
    assert question.check(f"({point[0]:.6g}, {point[1]:.6g})").correct
    assert question.check(f"{point[0]:.6g} {point[1]:.6g}").correct
    assert not question.check(f"({point[0] + 1:.6g}, {point[1]:.6g})").correct


def test_gradient_step_reproduces_the_slides() -> None:
    question = GENERATORS["gradient_step"](random.Random(0), {"start": [5, 5], "step": 0.1, "steps": 2})
    assert question.answer == "(3.2, 3.2)"
    assert "(4, 4)" in question.solution
    assert question.check("3.2, 3.2").correct
    forgot_step = question.check("(5, 5)")   # x − ∇y twice: the step λ was forgotten
    assert not forgot_step.correct and "λ" in forgot_step.feedback
    only_step = question.check("4,8; 4,8")   # x − λ twice: the gradient was forgotten (a tester's slip)
    assert not only_step.correct and "λ itself" in only_step.feedback and "3.2" not in only_step.feedback


@FAST
@given(w=st.tuples(halves, halves, halves), x=st.tuples(small, small))
def test_sigmoid_output_matches_numpy(w: tuple[float, ...], x: tuple[int, int]) -> None:
    question = GENERATORS["sigmoid"](random.Random(0), {"ask": "output", "w": list(w), "x": list(x)})
    z = float(np.dot(w, [1.0, *x]))
    assert_accepts_and_rejects(question, 1.0 / (1.0 + np.exp(-z)))


@FAST
@given(w=st.tuples(halves, halves, halves), x=st.tuples(small, small))
def test_sigmoid_decision_follows_the_sign_of_wtx(w: tuple[float, ...], x: tuple[int, int]) -> None:
    question = GENERATORS["sigmoid"](random.Random(0), {"ask": "decision", "w": list(w), "x": list(x)})
    says_yes = 1.0 / (1.0 + np.exp(-np.dot(w, [1.0, *x]))) >= 0.5
    right = question.options.index(question.answer)
    assert ("YES" in question.answer) == bool(says_yes)
    assert question.check("abcd"[right]).correct
    assert question.check(str(right + 1)).correct
    assert not question.check("abcd"[1 - right]).correct


@FAST
@given(data=st.lists(st.tuples(st.integers(0, 10), bits), min_size=1, max_size=5))
def test_mse_uses_the_slides_one_over_2m_form(data: list[tuple[int, int]]) -> None:
    h = [p / 10 for p, _ in data]
    y = [label for _, label in data]
    question = GENERATORS["mse"](random.Random(0), {"h": h, "y": y})
    expected = float(np.sum((np.array(h) - np.array(y)) ** 2) / (2 * len(h)))
    assert_accepts_and_rejects(question, expected)
    assert "2m" in question.prompt


@FAST
@given(grid=st.lists(st.lists(bits, min_size=5, max_size=5), min_size=5, max_size=5),
       kernel=st.lists(st.lists(kernel_values, min_size=3, max_size=3), min_size=3, max_size=3),
       cell=st.tuples(st.integers(0, 2), st.integers(0, 2)))
def test_convolution_cell_matches_numpy(grid: list[list[int]], kernel: list[list[int]], cell: tuple[int, int]) -> None:
    question = GENERATORS["convolution"](random.Random(0), {"grid": grid, "kernel": kernel, "cell": list(cell)})
    row, col = cell
    expected = int((np.array(grid)[row:row + 3, col:col + 3] * np.array(kernel)).sum())
    assert int(question.answer) == expected
    assert question.check(str(expected)).correct
    assert not question.check(str(expected + 1)).correct


def test_convolution_on_the_slides_image_asks_a_cell_the_slides_do_not_work_out() -> None:
    cells = set()
    for seed in range(40):
        question = GENERATORS["convolution"](random.Random(seed), {"slides": True})
        row, col = question.plot["cell"]
        cells.add((row, col))
        expected = int((np.array(SLIDES_IMAGE)[row:row + 3, col:col + 3] * np.array(SLIDES_KERNEL)).sum())
        assert question.answer == str(expected)
        assert question.plot["kernel"] == [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    assert (0, 0) not in cells and len(cells) > 3   # the top-left 4 is the worked example


@FAST
@given(w=halves.filter(bool), b=halves, x=small.filter(bool), y=bits, use_sigmoid=st.booleans())
def test_chain_rule_matches_a_numeric_derivative(w: float, b: float, x: int, y: int, use_sigmoid: bool) -> None:
    question = GENERATORS["chain_rule"](random.Random(0), {"w": w, "b": b, "x": x, "y": y, "sigmoid": use_sigmoid})

    def loss(weight: float) -> float:
        z = weight * x + b
        a = 1.0 / (1.0 + np.exp(-z)) if use_sigmoid else z
        return 0.5 * (a - y) ** 2

    eps = 1e-6
    numeric = (loss(w + eps) - loss(w - eps)) / (2 * eps)   # central difference, independent of the chain rule
    assert_accepts_and_rejects(question, numeric)


@FAST
@given(w=st.tuples(halves, halves), x=st.tuples(small, small), b=halves)
def test_relu_neuron_matches_numpy(w: tuple[float, float], x: tuple[int, int], b: float) -> None:
    question = GENERATORS["neuron"](random.Random(0), {"w": list(w), "x": list(x), "b": b})
    assert_accepts_and_rejects(question, float(np.maximum(0.0, np.dot(w, x) + b)))


@FAST
@given(grid=st.lists(st.lists(st.integers(0, 9), min_size=4, max_size=4), min_size=4, max_size=4),
       cell=st.tuples(st.integers(0, 1), st.integers(0, 1)))
def test_max_pool_matches_numpy(grid: list[list[int]], cell: tuple[int, int]) -> None:
    question = GENERATORS["max_pool"](random.Random(0), {"grid": grid, "cell": list(cell)})
    pooled = np.array(grid).reshape(2, 2, 2, 2).max(axis=(1, 3))   # 2x2 blocks, stride 2
    assert int(question.answer) == pooled[cell]
    assert not question.check(str(pooled[cell] + 1)).correct


@FAST
@given(w=halves, u=halves, xs=st.lists(small, min_size=1, max_size=4))
def test_rnn_state_matches_numpy(w: float, u: float, xs: list[int]) -> None:
    question = GENERATORS["rnn_state"](random.Random(0), {"w": w, "u": u, "x": xs})
    # Unrolled in closed form: h_T = sum_t w * x_t * u^(T - t), independent of the step-by-step loop.
    powers = u ** np.arange(len(xs) - 1, -1, -1)
    assert_accepts_and_rejects(question, float(np.sum(w * np.array(xs) * powers)))


@FAST
@given(x=st.tuples(halves, halves))
def test_circle_matches_numpy(x: tuple[float, float]) -> None:
    question = GENERATORS["circle"](random.Random(0), {"x": list(x)})
    features = np.array([1.0, x[0], x[1], x[0] ** 2, x[1] ** 2])
    assert_accepts_and_rejects(question, float(np.array([-1, 0, 0, 1, 1]) @ features))


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@given(seed=st.integers(0, 10_000))
@settings(max_examples=15, deadline=None)
def test_fresh_questions_are_self_consistent(kind: str, seed: int) -> None:
    def analogy(positive: list[str], negative: list[str]) -> list[tuple[str, float]]:
        return [("queen", 0.8), ("princess", 0.7), ("throne", 0.6)]

    question = GENERATORS[kind](random.Random(seed), {"analogy": analogy})
    assert question.check(question.answer).correct
    assert len(question.hints) == 2 and question.solution
    for mistake in question.mistakes:   # a diagnosed slip is never the right answer
        assert not question.check(str(mistake["answer"])).correct
    restored = Question.from_dict(json.loads(json.dumps(question.to_dict())))   # as stored in SQLite
    assert restored == question


def test_fresh_values_every_time() -> None:
    rng = random.Random(1)
    prompts = {GENERATORS["gradient_step"](rng, {}).prompt for _ in range(10)}
    assert len(prompts) > 5


def test_analogy_grades_the_textbook_answer_and_shows_what_our_model_says() -> None:
    spec = ExerciseSpec("d4-analogy", "analogy", "word_analogy", "d4-word2vec", 4, 1, {})
    without_model = make_question(spec, random.Random(0))
    assert without_model.answer in {t[3] for t in SLIDES_ANALOGIES}

    def analogy(positive: list[str], negative: list[str]) -> list[tuple[str, float]]:
        return [("📚", 0.41), ("electoral", 0.39), (positive[0], 0.3)]   # a tiny model's honest ranking

    for a, b, c, expected in SLIDES_ANALOGIES:
        question = make_question(ExerciseSpec("d4-analogy", "analogy", "word_analogy", "d4-word2vec", 4, 1,
                                              {"triples": [[a, b, c, expected]]}), random.Random(0), analogy=analogy)
        assert question.exercise_id == "d4-analogy"
        assert question.answer == expected and question.check(expected.capitalize()).correct
        assert not question.check("📚").correct and not question.check(a).correct
        assert expected not in question.prompt
        assert "small word2vec model" in question.explanation and "📚 (0.41)" in question.explanation
        assert f"misses '{expected}'" in question.explanation


def test_choice_question_accepts_letter_number_and_text_and_explains_a_wrong_option() -> None:
    spec = ExerciseSpec("t", "choice", "overfitting", "l", 1, 1, {
        "prompt": "100% on training, 60% on validation?", "options": ["Overfitting", "Underfitting"],
        "answer": 1, "why_wrong": {2: "underfitting does badly on training data too."},
        "hints": ["h", "p"], "solution": "s", "explanation": "a big gap means overfitting.", "shuffle": False,
    })
    question = make_question(spec, random.Random(0))
    for typed in ("a", "1", "overfitting", "A)"):
        assert question.check(typed).correct
    wrong = question.check("b")
    assert not wrong.correct and "training data too" in wrong.feedback
    assert not question.check("banana").understood


def test_threshold_decision_accepts_yes_no_and_the_label() -> None:
    question = GENERATORS["sigmoid"](random.Random(0), {"ask": "decision", "w": [-1, 2, 0], "x": [1, 0]})
    for typed in ("yes", "YES!", "y = 1", "a"):
        assert question.check(typed).correct, typed
    for typed in ("no", "y=0", "b"):
        assert not question.check(typed).correct, typed


def test_accepted_forms_no_parser_reads() -> None:
    spec = ExerciseSpec("t", "typed", "cosine_similarity", "l", 4, 2, {
        "prompt": "cos((1, 0), (1, 1))?", "answer": 0.7071, "accept": ["1/√2"], "hints": ["h", "p"], "solution": "s",
    })
    question = make_question(spec, random.Random(0))
    assert question.check("1/√2").correct and question.check("0.71").correct and question.check(".707").correct
    assert not question.check("0.5").correct


def test_typed_question_diagnoses_a_known_slip() -> None:
    spec = ExerciseSpec("t", "typed", "relu", "l", 2, 1, {
        "prompt": "ReLU neuron output?", "answer": 0, "why_wrong": {"-2": "that is z."},
        "hints": ["h", "p"], "solution": "s",
    })
    question = make_question(spec, random.Random(0))
    assert question.check("0").correct
    assert "that is z" in question.check("\u22122").feedback


@pytest.mark.parametrize(("answer", "kind"), [("0.731", "number"), ("4", "number"), ("(3.2, 3.2)", "vector"),
                                              ("rome", "text"), ("InnerProduct", "text")])
def test_answer_kind(answer: str, kind: str) -> None:
    assert answer_kind(answer) == kind


# --- items that test -----------------------------------------------------------------------------

def test_tolerance_follows_the_precision_the_question_asks_for() -> None:
    question = GENERATORS["mse"](random.Random(0), {"h": [0.3, 0.2], "y": [0, 1]})   # J = 0.73 / 4 = 0.1825
    assert "to 3 decimals" in question.prompt and question.decimals == 3
    for right in ("0.1825", "0.182", "0.183", "0,183", ".1825"):
        assert question.check(right).correct, right
    for wrong in ("0.187", "0.18", "0.19", "0.365"):
        assert not question.check(wrong).correct, wrong


def test_a_typed_item_that_asks_for_decimals_gets_that_tolerance() -> None:
    spec = ExerciseSpec("t", "typed", "sigmoid", "l", 1, 1, {
        "prompt": "g(1), to 3 decimals?", "answer": 0.7311, "hints": ["h", "p"], "solution": "s"})
    question = make_question(spec, random.Random(0))
    assert question.check("0.731").correct and not question.check("0.735").correct


def test_generated_answers_are_not_degenerate() -> None:
    for seed in range(300):
        _assert_not_degenerate(seed)


def _assert_not_degenerate(seed: int) -> None:
    chain = GENERATORS["chain_rule"](random.Random(seed), {})
    assert round(float(chain.answer), 2) != 0                 # "0" would be right
    assert not chain.check("0").correct
    sigmoid_item = GENERATORS["sigmoid"](random.Random(seed), {"ask": "output"})
    assert 0.01 < float(sigmoid_item.answer) < 0.99 and float(sigmoid_item.answer) != 0.5
    gd = GENERATORS["gradient_step"](random.Random(seed), {})
    assert gd.plot is not None and gd.plot["start"] != [5, 5]   # the slides' worked example
    mse = GENERATORS["mse"](random.Random(seed), {})
    scaled = float(mse.answer) * 1000
    assert abs(scaled - int(scaled) - 0.5) > 1e-6 and float(mse.answer) != 0   # no rounding tie at 3 decimals


def test_the_slides_first_step_says_how_to_answer_without_the_answer() -> None:
    from tutor.curriculum import Curriculum

    question = make_question(Curriculum.load().exercises["d1-gd-first-step"], random.Random(0))
    unread = question.check("4")
    assert not unread.understood and "(4, 4)" not in unread.feedback and "two numbers, like" in unread.feedback
    assert question.check("(4; 4)").correct and question.check("x = 4, 4").correct


def test_a_badly_formatted_vector_gets_a_neutral_example_never_the_answer() -> None:
    question = GENERATORS["gradient_step"](random.Random(0), {"start": [7, -7], "step": 0.05, "steps": 1})
    assert question.answer == "(6.3, -6.3)"
    feedback = question.check("6.3").feedback
    assert "6.3" not in feedback and "two numbers, like" in feedback
    assert question.check("(6,3; -6,3)").correct and question.check("6,3 -6,3").correct


@pytest.mark.parametrize("answer", ["1.5", "-2", "0.75", "(1.5, -2)", "(-0.5, 3)"])
def test_format_hints_never_show_the_answer(answer: str) -> None:
    question = Question("t", "c", "p", [], answer, ["h", "p"], "s")
    hint = question.format_hint()
    assert answer not in hint
    assert not question.check(hint.split("like ", 1)[1].split(" or ")[0]).correct


def test_a_why_question_is_graded_on_its_key_ideas_and_names_the_missing_one() -> None:
    spec = ExerciseSpec("t", "typed", "activation_function", "l", 2, 3, {
        "prompt": "Why a nonlinear activation?", "answer": "the layers would collapse into one linear model",
        "key_ideas": [["the layers stay linear", "linear"], ["stacked layers collapse into one", "collapse", "single layer"]],
        "hints": ["h", "p"], "solution": "s"})
    question = make_question(spec, random.Random(0))
    assert question.check("without it all layers collapse into a single linear one").correct
    partial = question.check("because then its linear")
    assert not partial.correct and partial.understood and "stacked layers collapse into one" in partial.feedback
    assert "the layers stay linear" not in partial.feedback
    assert not question.check("").understood


def test_an_option_in_the_learners_own_words_is_graded() -> None:
    spec = ExerciseSpec("t", "choice", "word2vec", "l", 4, 2, {
        "prompt": "What does CBOW predict?", "options": ["The middle word from the words around it",
                                                        "The words around a word from the word itself"],
        "answer": 1, "aliases": {2: ["the context words", "skip-gram"]}, "hints": ["h", "p"], "solution": "s"})
    question = make_question(spec, random.Random(0))
    wrong = question.check("the context words")
    assert not wrong.correct and wrong.understood          # read as option 2 and counted, not dropped
    assert question.check("the second one").correct is (question.options[1] == question.answer)
    unread = question.check("banana bread")
    assert not unread.understood and question.answer not in unread.feedback.split("like")[1]


# --- the new generated kinds, recomputed independently --------------------------------------------

@FAST
@given(z=st.lists(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.0, 3.0]), min_size=3, max_size=3, unique=True),
       k=st.integers(0, 2))
def test_softmax_matches_numpy(z: list[float], k: int) -> None:
    question = GENERATORS["softmax"](random.Random(0), {"z": z, "k": k})
    probabilities = np.exp(z) / np.exp(z).sum()
    assert float(question.answer) == pytest.approx(probabilities[k], abs=1e-4)
    assert question.check(f"{probabilities[k]:.2f}").correct
    assert not question.check(f"{probabilities[k] + 0.02:.2f}").correct


@FAST
@given(true=st.integers(0, 2), seed=st.integers(0, 1000))
def test_categorical_cross_entropy_matches_numpy(true: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet([2, 2, 2]).round(2)
    p[2] = round(1 - p[0] - p[1], 2)
    if p.min() <= 0:
        return
    question = GENERATORS["cross_entropy"](random.Random(0), {"binary": False, "p": p.tolist(), "true": true})
    one_hot = np.eye(3)[true]
    assert float(question.answer) == pytest.approx(float(-(one_hot * np.log(p)).sum()), abs=1e-4)


@FAST
@given(y=bits, p=st.sampled_from([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]))
def test_binary_log_loss_matches_numpy(y: int, p: float) -> None:
    question = GENERATORS["cross_entropy"](random.Random(0), {"binary": True, "y": y, "p": p})
    expected = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    assert_accepts_and_rejects(question, expected)


@FAST
@given(n=st.integers(5, 40), k=st.sampled_from([1, 3, 5]), padding=st.integers(0, 2), stride=st.integers(1, 3))
def test_conv_output_size_counts_the_kernel_positions(n: int, k: int, padding: int, stride: int) -> None:
    if (n + 2 * padding - k) % stride or n + 2 * padding < k:
        return
    question = GENERATORS["conv_output_size"](random.Random(0), {"n": n, "k": k, "padding": padding, "stride": stride})
    padded = np.pad(np.ones((n, n)), padding)
    positions = len(range(0, padded.shape[0] - k + 1, stride))   # where the kernel's left edge can sit
    assert int(question.answer) == positions
    assert question.check(f"{positions}x{positions}").correct


@FAST
@given(inputs=st.integers(1, 800), units=st.integers(1, 64))
def test_dense_parameter_count_matches_the_weight_shapes(inputs: int, units: int) -> None:
    question = GENERATORS["param_count"](random.Random(0), {"layer": "dense", "inputs": inputs, "units": units})
    weights, biases = np.zeros((inputs, units)), np.zeros(units)
    assert int(question.answer) == weights.size + biases.size
    if inputs * units + units >= 1000:
        assert question.check(f"{inputs * units + units:,}").correct   # "7,850" as people write it


@FAST
@given(k=st.sampled_from([1, 3, 5]), channels=st.integers(1, 64), filters=st.integers(1, 128))
def test_conv_parameter_count_matches_the_kernel_shapes(k: int, channels: int, filters: int) -> None:
    question = GENERATORS["param_count"](random.Random(0), {"layer": "conv", "k": k, "channels": channels,
                                                             "filters": filters})
    kernels, biases = np.zeros((filters, channels, k, k)), np.zeros(filters)
    assert int(question.answer) == kernels.size + biases.size


@FAST
@given(inputs=st.integers(1, 300), units=st.integers(1, 128))
def test_lstm_parameter_count_matches_keras_weight_shapes(inputs: int, units: int) -> None:
    question = GENERATORS["param_count"](random.Random(0), {"layer": "lstm", "inputs": inputs, "units": units})
    # Keras keeps the four gates side by side: kernel (inputs, 4·units), recurrent kernel (units, 4·units), one bias
    kernel, recurrent, bias = np.zeros((inputs, 4 * units)), np.zeros((units, 4 * units)), np.zeros(4 * units)
    assert int(question.answer) == kernel.size + recurrent.size + bias.size and question.concept == "lstm"
    assert not question.check(str((kernel.size + recurrent.size + bias.size) // 4)).correct   # one gate only


@FAST
@given(z=st.sampled_from([-3, -2, -1.5, -1, -0.5, 0.5, 1.5, 2, 2.5, 3]))
def test_sigmoid_derivative_matches_a_numeric_derivative(z: float) -> None:
    question = GENERATORS["sigmoid_derivative"](random.Random(0), {"z": z})
    sigmoid = lambda t: 1 / (1 + np.exp(-t))   # noqa: E731
    slope = (sigmoid(z + 1e-6) - sigmoid(z - 1e-6)) / 2e-6
    assert question.check(f"{slope:.3f}").correct and not question.check(f"{sigmoid(z):.3f}").correct
    assert f"{slope:.3f}" not in question.prompt


@FAST
@given(u=st.lists(small, min_size=3, max_size=3), v=st.lists(small, min_size=3, max_size=3))
def test_cosine_matches_numpy(u: list[int], v: list[int]) -> None:
    if not any(u) or not any(v):
        return
    question = GENERATORS["cosine"](random.Random(0), {"u": u, "v": v})
    expected = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    assert float(question.answer) == pytest.approx(expected, abs=1e-4)


def test_dropout_kept_value_keeps_the_expected_activation() -> None:
    rng = np.random.default_rng(0)
    for rate, activation in ((0.5, 2.0), (0.2, 1.5), (0.75, 3.0)):
        question = GENERATORS["dropout"](random.Random(0), {"ask": "kept", "rate": rate, "a": activation})
        kept = float(question.answer)
        mask = rng.random(200_000) >= rate                   # Keras: each unit dropped with probability rate
        assert (mask * kept).mean() == pytest.approx(activation, rel=0.02)   # inverted dropout keeps the mean
        assert not question.check(f"{activation * (1 - rate):.2f}").correct   # the scaling the other way round
    dropped = GENERATORS["dropout"](random.Random(0), {"ask": "dropped", "rate": 0.25, "units": 64})
    assert float(dropped.answer) == 16


def _tokens(text: str) -> int:
    import re

    return len(re.findall(r"\w+|[^\w\s]", text))


def _derivative(f, x: float, eps: float = 1e-6) -> float:  # type: ignore[no-untyped-def]
    return (f(x + eps) - f(x - eps)) / (2 * eps)


# Every numeric answer key of the course's typed items, recomputed here from its prompt.
STATIC_KEYS: dict[str, object] = {
    "d1-sigmoid-zero": 1 / (1 + np.exp(-0.0)),
    "d1-circle-value": float(np.dot([-1, 0, 0, 1, 1], [1, 1, 2, 1 ** 2, 2 ** 2])),
    "d1-threshold-value": 1 / (1 + np.exp(-0.0)),
    "d1-mse-by-hand": float(np.sum((np.array([1, 0.5]) - np.array([0, 0.5])) ** 2) / (2 * 2)),
    "d1-accuracy": 45 / 50,
    "d1-accuracy-value": 45 / 60,
    "d1-gradient-value": [2 * 3, 2 * -1],
    "d1-gd-first-step": [5 - 0.1 * 2 * 5, 5 - 0.1 * 2 * 5],
    "d1-gradient-at-point": [_derivative(lambda t: 3 * t + 2 ** 2, 1), _derivative(lambda t: 3 * 1 + t ** 2, 2)],
    "d2-neuron-forward": max(0.0, float(np.dot([2, -1], [1, 3]) - 1)),
    "d2-dense-params": np.zeros((10, 5)).size + np.zeros(5).size,
    "d2-network-output-units": len(range(0, 10)),
    "d2-sigmoid-derivative": _derivative(lambda t: 1 / (1 + np.exp(-t)), 0),
    "d2-chain-rule-compose": _derivative(lambda t: (3 * t + 1) ** 2, 1),
    "d2-relu-value": max(0, -3) + max(0, 2.5),
    "d2-steps-per-epoch": len(range(0, 1000, 50)),
    "d2-epoch-updates": 3 * len(range(0, 2000, 50)),
    "d2-dropout-count": 200 * 0.25,
    "d2-softmax-equal": float((np.exp([3.0] * 4) / np.exp([3.0] * 4).sum())[0]),
    "d2-crossentropy-value": float(-np.log(0.5)),
    "d2-softmax-sum": float((np.exp([1.0, 2, 3, 4, 5]) / np.exp([1.0, 2, 3, 4, 5]).sum()).sum()),
    "d3-image-numbers": np.zeros((32, 32, 3)).size,
    "d3-output-size": len(range(0, 32 - 5 + 1, 1)),
    "d3-padding-size": len(range(0, 5 + 2 - 3 + 1, 2)),
    "d3-image-rgb-count": len("RGB"),
    "d3-maxpool": max(1, 3, 2, 0),
    "d3-conv-params": np.zeros((16, 3, 3, 3)).size + 16,
    "d3-pool-size": np.zeros((28, 28)).reshape(14, 2, 14, 2).max(axis=(1, 3)).shape[0],
    "d4-rnn-state": 2 * 2 + 0.5 * (2 * 1 + 0.5 * 0),
    "d4-cosine": float(np.dot([1, 0], [1, 1]) / (np.linalg.norm([1, 0]) * np.linalg.norm([1, 1]))),
    "d4-word2vec-window": 2 + 2,
    "d4-tokenization": _tokens("I loved it!"),
    "d4-window-count": len(range(10, 100)),
    "d4-tokenize-count": len(list("cat!")),
    "d4-tensorflow-gradient": [2 * 3.0, 2 * 4.0],
}


def test_every_numeric_answer_key_of_the_course_recomputed() -> None:
    from tutor.curriculum import Curriculum

    course = Curriculum.load()
    numeric = {spec.id for spec in course.exercises.values()
               if spec.kind == "typed" and answer_kind(str(spec.data["answer"])) != "text"}
    assert numeric == set(STATIC_KEYS)            # a new numeric item needs its recomputation here
    for exercise_id, expected in STATIC_KEYS.items():
        question = make_question(course.exercises[exercise_id], random.Random(0))
        if isinstance(expected, list):
            assert parse_vector(question.answer) == pytest.approx(expected, abs=1e-4), exercise_id
        else:
            assert float(question.answer) == pytest.approx(float(expected), abs=question.allowed_error(float(expected))), \
                exercise_id


@pytest.mark.parametrize(
    ("exercise_id", "typed_answer"),
    [("d4-skipgram", "the context words"), ("d4-sklearn-baseline", "sklearn"), ("d5-reinforcement", "RL"),
     ("d1-loss-choice", "the 1/2 cancel the 2 of derivative"), ("d1-sigmoid-zero", "0,5"),
     ("d1-sigmoid-zero", "i think its 0,5"), ("d4-cosine", "0,71"), ("d3-image-numbers", "3,072"),
     ("d1-gd-first-step", "(4; 4)"), ("d3-output-size", "28x28")],
)
def test_the_learners_words_from_the_play_tests_are_graded_right(exercise_id: str, typed_answer: str) -> None:
    from tutor.curriculum import Curriculum

    question = make_question(Curriculum.load().exercises[exercise_id], random.Random(0))
    assert question.check(typed_answer).correct


def test_every_generated_kind_has_typical_slips_with_their_explanation() -> None:
    assert len(GENERATORS) >= 12
    for kind, generate in GENERATORS.items():
        questions = [generate(random.Random(seed), {}) for seed in range(20)]
        slips = [m for q in questions for m in q.mistakes]
        assert slips and all(m["why"] for m in slips), kind
        wrong = next(q for q in questions if q.mistakes)
        assert wrong.mistakes[0]["why"] in wrong.check(str(wrong.mistakes[0]["answer"])).feedback, kind


def test_an_answer_off_in_its_last_digit_is_told_to_round_later() -> None:
    """A tester's right working, rounded too early, had got a bare "Not quite"; the hint never shows the answer."""
    question = Question("x", "c", "What is the loss? (2 decimals)", [], "0.12", [], "")
    check = question.check("0.13")
    assert not check.correct and "round only at the end" in check.feedback and "0.12" not in check.feedback
    assert question.check("0.2").feedback == "Not quite."
