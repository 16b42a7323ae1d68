"""Simulated learners for the spaced-review tests: each remembers by FSRS with parameters of its own kind
(``TRUE_PARAMETERS``: they forget faster than fsrs's flashcard users), comes back when the course's scheduler
says an item is due (at a random hour of that day), and recalls with the probability their memory gives."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from random import Random

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from tutor.review import ReviewScheduler
from tutor.review_fit import LoggedReview

START = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
# Learners who forget faster than fsrs's flashcard users: initial stabilities (w0..w3) a third of the defaults
# (a course's items are learnt once, not drilled) and a smaller growth of stability on recall (w8).
TRUE_PARAMETERS = [w / 3 if i < 4 else w - 0.8 if i == 8 else w for i, w in enumerate(DEFAULT_PARAMETERS)]


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def simulate(learners: int, items: int, days: int, seed: int = 0,
             parameters: list[float] | None = None) -> list[LoggedReview]:
    """Every review the learners do in ``days`` days, scheduled by the course's scheduler (``parameters``)."""
    rng, clock = Random(seed), FakeClock()
    course = ReviewScheduler(clock, fuzz=False, parameters=parameters)
    memory = Scheduler(TRUE_PARAMETERS, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    reviews: list[LoggedReview] = []
    for learner in range(learners):
        for item in range(items):
            clock.now = START + timedelta(days=rng.randrange(5), hours=rng.random() * 4)
            card, truth = None, Card(card_id=1, due=clock.now)
            while clock.now < START + timedelta(days=days):
                recall = memory.get_card_retrievability(truth, clock.now) if truth.last_review else 0.7
                rating = Rating.Good if rng.random() < recall else Rating.Again
                card, log = course.review_logged(f"item{item}", "c", card, rating)
                truth, _ = memory.review_card(truth, rating, review_datetime=clock.now)
                reviews.append(LoggedReview(f"sim:{learner}", f"item{item}", log))
                clock.now = card.due + timedelta(hours=rng.random() * 6)
    return reviews
