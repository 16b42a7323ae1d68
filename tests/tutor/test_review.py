"""Spaced review: fsrs cards per answered exercise, offered by /review once due (an injected clock)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from fsrs import Rating

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.mastery import MASTERED, fraction_mastered, outcome, updated
from tutor.review import ReviewScheduler, rating_for


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_rating_follows_how_the_answer_went() -> None:
    assert rating_for(True, 0) == Rating.Good
    assert rating_for(True, 2) == Rating.Hard
    assert rating_for(False, 3) == Rating.Again


def test_recalled_item_comes_back_later_than_a_forgotten_one() -> None:
    clock = Clock()
    scheduler = ReviewScheduler(clock, fuzz=False)
    good = scheduler.review("ex", "etp", None, Rating.Good)
    again = scheduler.review("ex", "etp", None, Rating.Again)
    assert clock.now < again.due < good.due
    clock.now = good.due
    reviewed = scheduler.review("ex", "etp", good, Rating.Good)
    assert reviewed.due - clock.now > good.due - datetime(2026, 3, 1, 12, tzinfo=timezone.utc)  # the gap grows


def test_mastery_moves_towards_recent_answers() -> None:
    mastery = updated(None, outcome(False, 3))
    assert mastery == 0.0
    mastery = updated(mastery, outcome(True, 0))
    mastery = updated(mastery, outcome(True, 0))
    assert mastery == 0.75 >= MASTERED
    assert fraction_mastered({"a": 0.9, "b": 0.1}, ["a", "b"]) == 0.5
    assert fraction_mastered({}, []) == 0.0


async def test_answered_exercise_comes_due_and_review_asks_it(tmp_path: Path) -> None:
    clock = Clock()
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw,
                     clock=clock)
    chat = Chat(core)
    await chat("/quiz etp")
    assert "Correct" in await chat("b")
    assert "Nothing is due" in await chat("/review")
    card = core.store.card(chat.learner, "ex-choice")
    assert card is not None and card.due > clock.now

    clock.now = card.due + timedelta(minutes=1)
    assert "review item(s) are due" in await chat("hi")
    text = await chat("/review")
    assert "Review time: 1 item(s) due" in text and "what is P?" in text
    assert chat.state().pending["review"] is True
    await chat("the performance measure")
    assert core.store.card(chat.learner, "ex-choice").due > clock.now
    await core.close()
