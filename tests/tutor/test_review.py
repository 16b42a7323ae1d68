"""Spaced review: fsrs cards per answered exercise, offered by /review once due (an injected clock)."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating

from bot.core import Core, open_core
from tests.tutor.test_dialogue import Chat, GloomyNLU, RuleNLU, build_curriculum, fake_draw
from tutor.mastery import MASTERED, fraction_mastered, outcome, updated
from tutor.review import ReviewScheduler, rating_for
from tutor.review_fit import logged_reviews
from tutor.store import LearnerState, TurnWrites


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


def test_no_item_comes_back_the_same_day() -> None:
    """Steps suited to a course: right, after hints or missed, new or lapsed, an item waits until another day;
    fsrs's default steps (1 and 10 minutes) had every item answered due again within 10 minutes."""
    clock = Clock()
    scheduler = ReviewScheduler(clock, fuzz=False)
    for rating in (Rating.Good, Rating.Hard, Rating.Again):
        card = scheduler.review("ex", "etp", None, rating)
        assert card.due.date() > clock.now.date(), rating
        clock.now = card.due
        lapsed = scheduler.review("ex", "etp", card, Rating.Again)
        assert lapsed.due.date() > clock.now.date(), rating
        clock.now += timedelta(minutes=5)          # asked once more in the same session, right this time
        assert scheduler.review("ex", "etp", lapsed, Rating.Good).due.date() > clock.now.date(), rating


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


# --- review sessions --------------------------------------------------------------------------------------------
def seed_due(core: Core, learner: str, items: list[tuple[str, str]], now: datetime) -> None:
    """Review items answered days ago and due now, the first listed the most overdue."""
    scheduler = ReviewScheduler(lambda: now - timedelta(days=5), fuzz=False)
    cards = [replace(scheduler.review(item, concept, None, Rating.Good), due=now - timedelta(hours=len(items) - i))
             for i, (item, concept) in enumerate(items)]
    core.store.save_turn(LearnerState(learner), TurnWrites("(seeded)", cards=cards))


@pytest.fixture
async def review_chat(tmp_path: Path):
    clock = Clock()
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw,
                     clock=clock)
    chat = Chat(core)
    seed_due(core, chat.learner, [("ex-choice", "etp"), ("ex-typed", "backpropagation")], clock.now)
    yield chat
    await core.close()


async def test_start_a_review_session(review_chat: Chat) -> None:
    """One /review runs every due item, a missed one once more later in the session, then the summary."""
    chat = review_chat
    text = await chat("/review")
    assert "Review time: 2 item(s) due" in text and "what is P?" in text
    for _ in range(3):
        text = await chat("the data")
    assert "worked answer" in text and "Which rule of calculus" in text   # the next due item, not a variant
    assert chat.pending().exercise_id == "ex-typed" and chat.state().pending["review"] is True
    text = await chat("chain rule")
    assert "Correct" in text and "what is P?" in text                     # the missed one, once more
    assert "Another question" not in chat.options
    text = await chat("the performance measure")
    assert "Review done: 2 right, 1 wrong." in text and "Worth another look: experience, task, performance." in text
    assert "Next review: tomorrow at 12:00 UTC (1 item(s))." in text     # the missed one: tomorrow, once
    logs = logged_reviews(chat.core.store)                                 # every review logged, as fsrs rated it
    assert [(r.item, r.log.rating) for r in logs] == [("ex-choice", Rating.Again), ("ex-typed", Rating.Good),
                                                      ("ex-choice", Rating.Good)]
    assert chat.state().pending is None and "review" not in chat.state().context
    assert chat.options == ["Next lesson", "My progress"]


async def test_stop_the_review(review_chat: Chat) -> None:
    chat = review_chat
    await chat("/review")
    await chat("the performance measure")
    before = chat.core.store.card(chat.learner, "ex-typed")
    text = await chat("stop")
    assert "Review done: 1 right, 0 wrong." in text and "Next review:" in text
    assert chat.state().pending is None
    assert chat.core.store.card(chat.learner, "ex-typed") == before     # a stop is not a miss


async def test_stop_read_as_negative_ends_the_review_without_encouragement(tmp_path: Path) -> None:
    clock = Clock()
    core = open_core(None, tmp_path / "t.db", pipeline=GloomyNLU(), curriculum=build_curriculum(), draw=fake_draw,
                     clock=clock)
    chat = Chat(core)
    seed_due(core, chat.learner, [("ex-choice", "etp"), ("ex-typed", "backpropagation")], clock.now)
    await chat("/review")
    text = await chat("stop")
    assert "Review done" in text and "everyone finds this hard" not in text and "worked example" not in text
    await core.close()


async def test_daily_cap_reached(review_chat: Chat) -> None:
    chat = review_chat
    chat.core.tutor.course.scheduler.daily_cap = 1
    text = await chat("/review")
    assert "Review time: 1 item(s) due" in text
    text = await chat("the performance measure")
    assert "today's 1 review items" in text and "Review done: 1 right, 0 wrong." in text
    assert "today's 1 review items" in await chat("/review")       # the same day: nothing more
    chat.core.store.clock.now += timedelta(days=1)
    assert "Which rule of calculus" in await chat("/review")        # the next day: the cap starts again


async def test_lets_review_starts_a_session(review_chat: Chat) -> None:
    assert "Review time: 2 item(s) due" in await review_chat("let's review")


async def test_skip_a_review_item(review_chat: Chat) -> None:
    text = await review_chat("/review") and await review_chat("/skip")
    assert "worked answer" in text and "Which rule of calculus" in text      # the next due item, not a variant


async def test_ladder_climbed_on_a_review_item(review_chat: Chat) -> None:
    await review_chat("/review")
    for _ in range(3):
        text = await review_chat("no idea")
    assert "worked answer" in text and "Which rule of calculus" in text
