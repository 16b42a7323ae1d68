"""Plain arithmetic asked in chat is read and worked out safely; anything else is not arithmetic."""
from __future__ import annotations

import pytest

from tutor.arithmetic import read_arithmetic


@pytest.mark.parametrize("message, expression, result", [
    ("whats 17 times 23", "17 times 23", "391"), ("can you do math? what is 2+2", "2+2", "4"),
    ("calculate (3+4)*2", "(3+4)*2", "14"), ("what is 0,5 * 0,5", "0,5 * 0,5", "0.25"),
    ("whats 2^10", "2^10", "1024"), ("what is 10/3", "10/3", "3.33333"), ("what is 5x5?", "5x5", "25"),
    ("how much is 12 divided by 4", "12 divided by 4", "3"), ("whats 7 squared", "7 squared", "49"),
    ("what is -3 + 5", "-3 + 5", "2"), ("whats 123456789*987654321", "123456789*987654321", "121 932 631 112 635 269"),
    ("what's 17% of 240", "17% of 240", "40.8"),
    ("quick q: what's 2+2 😂", "2+2", "4"), ("what is the square root of 81", "the square root of 81", "9"),
])
def test_arithmetic_is_read_and_worked_out(message: str, expression: str, result: str) -> None:
    sum_ = read_arithmetic(message)
    assert (sum_.expression, sum_.result) == (expression, result)


@pytest.mark.parametrize("message", [
    "what is 42", "what is 2 apples", "what is sigmoid of 0", "what is a 3x3 filter", "what is 1/0",
    "what is 9**9**9", "what is 10^1000000", "what is __import__('os')", "what is 1e400 * 10", "7 * 6",
])
def test_what_is_not_plain_arithmetic_or_cannot_be_computed_is_none(message: str) -> None:
    assert read_arithmetic(message) is None
