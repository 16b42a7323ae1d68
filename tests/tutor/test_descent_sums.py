"""The slides' gradient-descent example worked by the learner: start, step and iterate read from the message (the
slides' own where it does not say), the claimed point graded by the quiz generator's descent (tutor.descent_sums)."""
from __future__ import annotations

import pytest

from tutor.descent_sums import DescentClaim, read_descent_claim


@pytest.mark.parametrize(("text", "claim"), [
    ("I got (2,56; 2,56) for x3 in the gradient descent example with x1^2+x2^2, starting from (5,5) and step 0,1. "
     "is that right?", DescentClaim((5.0, 5.0), 0.1, 3, "(2,56; 2,56)")),
    ("in the x1^2 + x2^2 example starting from (5,5) with step 0.1, what is the point after the 2nd iteration? "
     "i got 3.2 but not sure", DescentClaim((5.0, 5.0), 0.1, 2, "3.2")),
    ("gradient descent from (3, -2) with lambda 0.25: x(1) = (1.5, -1), right?", DescentClaim((3.0, -2.0), 0.25, 1, "(1.5, -1)")),
    ("gradient descent: what is x⁽²⁾ with step 0.2?", DescentClaim((5.0, 5.0), 0.2, 2, None)),   # the slides' start
])
def test_a_descent_is_read_as_learners_write_it(text: str, claim: DescentClaim) -> None:
    assert read_descent_claim(text) == claim


@pytest.mark.parametrize("text", ["what is gradient descent", "why does gradient descent go against the gradient",
                                  "what happens if i pick λ = 1.5 in the gradient descent example with y = x1² + x2²?",
                                  "x3 = (2.56, 2.56), right?"])
def test_no_iterate_or_no_descent_is_no_claim(text: str) -> None:
    assert read_descent_claim(text) is None


def test_the_claimed_point_is_graded_like_a_quiz_answer() -> None:
    assert DescentClaim((5.0, 5.0), 0.1, 3, "(2,56; 2,56)").check().correct
    assert DescentClaim((5.0, 5.0), 0.1, 2, "3.2").check().correct        # one number for equal coordinates
    slip = DescentClaim((5.0, 5.0), 0.1, 1, "(4.5, 4.5)").check()
    assert not slip.correct and "2x" in slip.feedback                      # the gradient of x² is 2x
    assert DescentClaim((3.0, -2.0), 0.1, 1, "2.4").check() is None       # one number, two different coordinates
