"""Plain arithmetic asked in chat is read and worked out safely; anything else is not arithmetic."""
from __future__ import annotations

import pytest

from tutor.arithmetic import read_arithmetic, read_equations


@pytest.mark.parametrize("message, expression, result", [
    ("whats 17 times 23", "17 times 23", "391"), ("can you do math? what is 2+2", "2+2", "4"),
    ("calculate (3+4)*2", "(3+4)*2", "14"), ("what is 0,5 * 0,5", "0,5 * 0,5", "0.25"),
    ("whats 2^10", "2^10", "1024"), ("what is 10/3", "10/3", "3.33333"), ("what is 5x5?", "5x5", "25"),
    ("how much is 12 divided by 4", "12 divided by 4", "3"), ("whats 7 squared", "7 squared", "49"),
    ("what is -3 + 5", "-3 + 5", "2"), ("whats 123456789*987654321", "123456789*987654321", "121 932 631 112 635 269"),
    ("what's 17% of 240", "17% of 240", "40.8"),
    ("quick q: what's 2+2 😂", "2+2", "4"), ("what is the square root of 81", "the square root of 81", "9"),
    ("how much is a 15% tip on $48", "a 15% tip on $48", "7.2"),
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


@pytest.mark.parametrize("message, written, wrong_at", [
    ("so e^0 = 1, and g(0) = 1/(1+1) = 0,5. correct?", ["e^0 = 1", "g(0) = 1/(1+1) = 0,5"], [None, None]),
    ("Yes or no: 3*3*3*64 + 64 = 1728 params?", ["3*3*3*64 + 64 = 1728"], [1]),
    ("at most 0.25^10 ≈ 1e-6, correct?", ["0.25^10 ≈ 1e-6"], [None]),       # written to one digit: 9.5e-7 is 1e-6
    ("h = g(2) = 0.87?", ["g(2) = 0.87"], [1]), ("1/3 = 0.33", ["1/3 = 0.33"], [None]),
    ("x1 = 5 - 0.1*10 = 4", ["5 - 0.1*10 = 4"], [None]),                       # not "1 = 5 - 0.1*10"
    ("dL/db = 0.8176*0.1491 = 0.12. Correct?", ["0.8176*0.1491 = 0.12"], [None]),
    ("Is 12*12*64 equal to 9126 or not?", ["12*12*64 = 9126"], [1]), ("is ReLU(-3)=0 right?", ["ReLU(-3) = 0"], [None]),
    ("and tanh(0)=0.5 too?", ["tanh(0) = 0.5"], [1]),
    ("so g(0) is 0,5 and it is like 50% cat?", ["g(0) = 0,5"], [None]),     # after a call, "is" states its value
])
def test_a_stated_sum_is_read_and_each_side_checked(message: str, written: list[str], wrong_at: list) -> None:
    equations = read_equations(message)
    assert [equation.written for equation in equations] == written
    assert [equation.wrong_at for equation in equations] == wrong_at


@pytest.mark.parametrize("message", ["lr = 0.01", "x = 5", "w := w - 0.1*2 = 4.8", "(5,5) -> (4,4)", "3x3 = 9",
                                     "h = W^T x = 2", "g(__import__('os')) = 1", "the answer is 5"])
def test_what_states_no_computable_sum_is_left_alone(message: str) -> None:
    assert read_equations(message) == []


def test_a_wrong_side_is_shown_two_digits_finer_than_the_claim() -> None:
    equation = read_equations("g(2) = 0.87?")[0]
    assert equation.result(0, "0.87") == "0.8808"


def test_a_writer_of_decimal_commas_and_rounded_steps_is_read_right() -> None:
    """A tester's right working had got "Not quite" twice: the two sentences were read as one chain, "1/1,135" as
    1135, and the rounded e^-2 = 0,135 inside a step as exact."""
    first, second = read_equations("g(0) = 1/(1+1) = 0,5. g(2) = 1/(1+e^-2) = 1/(1+0,135) = 0,88. Right?")
    assert first.sides == ("g(0)", "1/(1+1)", "0,5") and first.wrong_at is None
    assert second.sides[-1] == "0,88" and second.wrong_at is None
    [chain] = read_equations("But e^-2 is 0,135, so 1/(1+0,135) = 1/1,135 = 0,881. I am right?")
    assert chain.wrong_at is None
    assert read_equations("is 1/(1+0,35) = 0,88?")[0].wrong_at == 1            # a real slip is still one
    assert read_equations("LSTM: 4*(128*128+128) = 66,048")[0].wrong_at is None   # no decimal comma: thousands


def test_a_running_sum_said_in_words_is_read_step_by_step() -> None:
    """A teacher's play-through: "so 100 times 100 is 10000, times 4 is 40000, plus 4 = 40004?" had got the last answer
    again; each step is a sum of its own, going on from the result before."""
    steps = read_equations("so 100 times 100 is 10000, times 4 is 40000, plus 4 = 40004?")
    assert [e.sides for e in steps] == [("100 * 100", "10000"), ("10000 * 4", "40000"), ("40000 + 4", "40004")]
    assert all(e.wrong_at is None for e in steps)
    assert read_equations("2 plus 2 is 5")[0].wrong_at == 1
    assert read_equations("layer 1 is 100 neurons") == []              # no operation said: no sum
    assert len(read_equations("dL/db = 0.8176*0.1491 = 0.12")) == 1    # an operation after a number goes on no sum



def test_a_root_of_a_bare_number_is_read() -> None:
    """"ok so is it 4 / (sqrt5 * 3) = 0.6?" (a cosine worked by a student) had not been read as a sum to check."""
    (equation,) = read_equations("ok so is it 4 / (sqrt5 * 3) = 0.6?")
    assert equation.wrong_at is None and read_equations("4/(√5·3) = 0.7")[0].wrong_at == 1
