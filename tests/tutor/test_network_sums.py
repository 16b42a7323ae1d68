"""A softmax, a log loss and the region stacked convolutions see, worked out by the learner: read from their words, each claimed
number judged to the digits written (rounded or cut), the z/sum(z) slip named, the sides added not multiplied."""
from __future__ import annotations

import pytest

from tutor.network_sums import read_field_claim, read_log_loss_claim, read_size_trace, read_softmax_claim


@pytest.mark.parametrize("text, wrong, slip", [
    ("softmax check: logits (2,1,0) -> about 0.67, 0.24, 0.09, right?", [], None),
    ("softmax of (2,1,0)= 0.66, 0.24, 0.09", [], None),                 # cut, not rounded: still right
    ("softmax(1;2) = 0,27; 0,73 right?", [], None),                     # decimal commas between semicolons
    ("softmax of (2,1,0) gives 67%, 24%, 9%?", [], None),
    ("softmax of (2,1,0) is (0.5, 0.3, 0.2)?", [0, 1, 2], None),        # one decimal: 0.3 is not 0.245
    ("softmax of 2, 1, 0 = 0.67, 0.33, 0?", [1], "z/sum(z)"),
    ("Softmax(2,1,0): e^2 = 7,39, e^1 = 2,72, e^0 = 1, sum 11,11 → 0,665; 0,245; 0,090. Correct?", [], None),
])
def test_a_softmax_claim_is_judged_to_the_digits_written(text: str, wrong: list[int], slip: str | None) -> None:
    claim = read_softmax_claim(text)
    assert claim is not None and claim.wrong() == wrong and claim.slip() == slip


def test_the_softmax_working_shows_every_step() -> None:
    working = read_softmax_claim("softmax (2,1,0) = 0.665, 0.245, 0.090").working()
    assert "e^2 ≈ 7.389" in working and "e^0 = 1" in working and "11.107" in working and "≈ 0.245" in working


@pytest.mark.parametrize("text", ["softmax is a function", "softmax of (2,1,0)?", "logits (2,1,0) -> 0.67, 0.24, 0.09",
                                  "softmax of (2,1,0) is 2, 1, 0"])
def test_no_softmax_claim_without_scores_and_probabilities(text: str) -> None:
    assert read_softmax_claim(text) is None


@pytest.mark.parametrize("text, right, slip", [
    ("For one example with y = 0 and h = 0,9 I compute the cost as -log(0,9) = 0,105. Is this correct?", False,
     "other term"),
    ("cross-entropy with y = 1 and h = 0.9 is 0.105, right?", True, None),
    ("y = 0, h = 0.2: cost = -ln(0.8) = 0.22", True, None),          # cut to two decimals: still right
    ("y=1 h=0.9 log loss = -0.105", False, "sign"),
    ("log loss for y = 1, p = 0.8 is 0.097?", False, "base 10"),
    ("y = 1 and h = 0.5, the log loss is 0.9?", False, None),
])
def test_a_log_loss_claim_is_judged_with_the_slip_it_matches(text: str, right: bool, slip: str | None) -> None:
    claim = read_log_loss_claim(text)
    assert claim is not None and claim.right() == right and claim.slip() == slip


def test_a_log_loss_asked_is_worked_out_from_the_true_label_s_term() -> None:
    claim = read_log_loss_claim("what is the log loss for y = 0 and h = 0.9?")
    assert claim.said is None and "−ln(1 − 0.9) = −ln(0.1) ≈ 2.303" in claim.working()


@pytest.mark.parametrize("text", ["y = 0 and h = 0.9, squared error = 0.81?", "the loss for y = 1 and h = 0.9 is 0.01",
                                  "log loss is -log(p)", "y = 1, h = 1, log loss = 0"])
def test_no_log_loss_claim_without_a_log_a_label_and_a_probability(text: str) -> None:
    assert read_log_loss_claim(text) is None


def test_the_region_stacked_convolutions_see() -> None:
    claim = read_field_claim("three stacked 3x3 convs see a 9x9 region since 3*3=9, right?")
    assert (claim.layers, claim.kernel, claim.said, claim.side) == (3, 3, 9, 7)
    assert claim.working().endswith("3, then 5, then 7")
    asked = read_field_claim("how big a region do two 5x5 conv layers see?")
    assert (asked.said, asked.side) == (None, 9)
    assert read_field_claim("three 3x3 convs in a row have how many params?") is None    # not the region


@pytest.mark.parametrize("text, said, final, slip", [
    ("28x28 input, two stages of conv 3x3 (valid) then 2x2 max pooling, so the final map is 5x5. Correct?", 5, 5, None),
    ("28x28 input -> conv 3x3 -> maxpool 2x2 -> conv 3x3 -> maxpool 2x2 = 6x6, right?", 6, 5, "rounded up"),
    ("28x28 -> conv 3x3 -> pool 2x2 = 12x12?", 12, 13, "no +1"),
    ("28x28, conv 3x3 same, pool 2x2 -> 14x14?", 14, 14, None),
    ("64x64 image, conv 3x3, max-pool 2x2, twice: final 14x14?", 14, 14, None),
    ("32x32 image, conv 5x5 then pool 2x2: what size is the output?", None, 14, None),
])
def test_a_feature_map_s_side_is_traced_through_each_layer(text: str, said: int | None, final: int, slip: str | None) -> None:
    claim = read_size_trace(text)
    assert (claim.said, claim.final, claim.slip()) == (said, final, slip)


@pytest.mark.parametrize("text", ["a 3x3 kernel on a 5x5 image", "28x28 -> conv 3x3 stride 2 -> pool 2x2 = 6x6",
                                  "28x28 input, conv 3x3"])
def test_no_trace_without_two_layers_or_with_a_stride(text: str) -> None:
    assert read_size_trace(text) is None
