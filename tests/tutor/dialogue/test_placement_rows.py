"""The placement check: "test me on day 1 so I can skip it" asks one question per lesson of the day and says
which lessons the learner already knows (there was no way to test out of a day)."""
from __future__ import annotations

from tests.tutor.test_dialogue import Chat


async def test_a_placement_check_asks_each_lesson_once_and_marks_what_is_known(chat: Chat) -> None:
    text = await chat("test me on day 1 so I can skip it")
    assert "quick check of Day 1: 2 questions" in text and chat.pending().exercise_id == "ex-choice"
    assert "Right" in await chat("b")                               # lesson 1 known
    assert chat.pending().exercise_id == "ex-gd"
    result = await chat("skip")                                     # lesson 2 not known: its answer, then the result
    assert "the answer:" in result and "Day 1 check: 1 of 2 right. You already know: “What learning means”." in result
    assert chat.options == ["Study “Gradient descent”", "Start Day 2"]
    assert chat.state().mastery["etp"] == 1.0 and chat.state().pending is None
    assert [a.correct for a in chat.core.store.answers(chat.learner)] == [True]


async def test_a_wrong_answer_in_the_check_gets_no_hint_ladder(chat: Chat) -> None:
    await chat("test me on day 1 so I can skip it")
    text = await chat("a")
    assert "Hint" not in text and "the answer:" in text and chat.pending().exercise_id == "ex-gd"


async def test_another_request_ends_the_check_with_the_result_so_far(chat: Chat) -> None:
    await chat("test me on day 1 so I can skip it")
    await chat("b")
    text = await chat("/progress")
    assert "Day 1 check: 1 of 1 right" in text and chat.state().pending is None


async def test_the_day_to_test_is_the_one_named_after_test_me_on(chat: Chat) -> None:
    """"Day 1 is trivial for me. Test me on day 2 so I can skip it." had started a Day 1 check."""
    assert "quick check of Day 2" in await chat("Day 1 is trivial for me. Test me on day 2 so I can skip it.")


async def test_a_check_left_early_never_says_the_day_can_be_skipped(chat: Chat) -> None:
    """"/help" after one question had ended the check with "You can skip this day"."""
    await chat("test me on day 1 so I can skip it")
    await chat("b")
    text = await chat("/progress")
    assert "skip this day" not in text and "1 lesson(s) unchecked" in text


async def test_a_check_left_early_goes_on_where_it_stopped_when_asked_again(chat: Chat) -> None:
    """Asked again after "/progress" had ended it, the check had started from its first question, the answers lost."""
    await chat("test me on day 1 so I can skip it")
    await chat("b")                                                   # lesson 1 known
    await chat("/progress")                                           # left with lesson 2 unchecked
    text = await chat("test me on day 1 so I can skip it")
    assert "where it stopped: 1 of 1 right so far" in text and chat.pending().exercise_id == "ex-gd"
    result = await chat("skip")
    assert "Day 1 check: 1 of 2 right" in result and "paused_placement" not in chat.state().context
