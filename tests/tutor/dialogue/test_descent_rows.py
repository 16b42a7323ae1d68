"""The row "the /gd playground again, with a step size": right after /gd, "run it with 0.05", "try lr 0.05",
"again with a learning rate of 0.1" run it again with that step (the first had got "did you want to...?")."""
from __future__ import annotations

import pytest

from tests.tutor.test_dialogue import Chat


@pytest.mark.parametrize(("message", "step"), [
    ("run it with 0.05", "0.05"), ("try lr 0.05", "0.05"), ("again with a learning rate of 0.1", "0.1"),
    ("what about 1.5?", "1.5"), ("0.3", "0.3"),
])
async def test_a_step_size_right_after_the_playground_runs_it_again(chat: Chat, message: str, step: str) -> None:
    await chat("/gd")
    assert f"Gradient descent on y = x1² + x2², step {step}, from (5, 5)" in await chat(message)


async def test_each_run_keeps_the_playground_open_for_the_next(chat: Chat) -> None:
    await chat("/gd 0.1")
    await chat("run it with 0.05")
    assert "step 0.5," in await chat("now try 0.5")


async def test_without_the_playground_just_before_it_is_no_run(chat: Chat) -> None:
    await chat("/gd")
    await chat("/progress")
    assert "Gradient descent on y" not in await chat("run it with 0.05")


async def test_a_lab_named_right_after_the_playground_is_the_lab(chat: Chat) -> None:
    await chat("/gd")
    text = await chat("what does the cnn lab do with 5 epochs?")      # described, not run (no training in a test)
    assert "Gradient descent on y" not in text and "cnn" in text.lower()
