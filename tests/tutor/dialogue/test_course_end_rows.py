"""The rows at the end of a day and of the course: a summary with what to review, never a bare
congratulation over concepts the learner has not mastered."""
from __future__ import annotations

from tests.tutor.test_dialogue import Chat


async def test_a_day_done_its_summary_then_the_next_day(chat: Chat) -> None:
    await chat("/lesson l2")
    text = await chat("/lesson next")
    assert text.startswith("Day 1 done: 0 of 2 concepts mastered. Worth a review: experience, task, performance, "
                           "gradient descent (/quiz experience, task, performance).")
    assert "Day 2: Neural networks." in text and chat.state().lesson_id == "l3"


async def test_course_done_lists_what_is_not_mastered_yet(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    await chat("(4, 4)")
    await chat("/lesson l3")
    text = await chat("/lesson next")
    assert "congratulations" in text
    assert "Not mastered yet (2 of 3 concepts): experience, task, performance, backpropagation." in text
    assert "gradient descent" not in text.split("Not mastered yet")[1]


async def test_course_done_with_everything_mastered_says_so(chat: Chat) -> None:
    for concept, answer in (("etp", "b"), ("gradient descent", "(4, 4)"), ("backpropagation", "chain rule")):
        await chat(f"/quiz {concept}")
        assert "Correct" in await chat(answer)
    await chat("/lesson l3")
    assert "mastered every concept of the seminar" in await chat("/lesson next")


async def test_check_before_moving_on_offers_the_lesson_s_question_first(chat: Chat) -> None:
    await chat("/lesson l1")
    for _ in range(2):
        await chat("continue")                   # read to the lesson's last step, answered nothing
    text = await chat("next lesson")
    assert "Before you move on" in text and chat.options == ["Check me", "Go on anyway"]
    assert "In E/T/P, what is P?" in await chat("1")           # the check: the lesson's own question
    assert "Correct" in await chat("b")
    assert "Walk downhill." in await chat("/lesson next")      # practised: on to the next lesson


async def test_next_again_right_after_the_offer_goes_on(chat: Chat) -> None:
    await chat("/lesson l1")
    for _ in range(2):
        await chat("continue")
    assert "Before you move on" in await chat("next lesson")
    assert "Walk downhill." in await chat("next lesson")         # offered once: every "next" had offered it again


async def test_go_on_anyway_goes_to_the_next_lesson(chat: Chat) -> None:
    await chat("/lesson l1")
    for _ in range(2):
        await chat("continue")
    await chat("next lesson")
    assert "Walk downhill." in await chat("Go on anyway")


async def test_hello_with_a_day_named_goes_to_that_day(chat: Chat) -> None:
    assert "Day 2: Neural networks." in await chat("hi, can we start at day 2?")


async def test_a_lesson_named_by_its_title_or_concept(chat: Chat) -> None:
    assert "Walk downhill." in await chat("/lesson gradient descent")
    assert "Errors flow backwards." in await chat("/lesson backprop")
