"""Spaced review with FSRS (the `fsrs` package, v6) at desired retention 0.9.

Every exercise a learner answers becomes a review item: a fsrs ``Card`` rated by how the
answer went (first try -> Good, after hints -> Hard, shown the worked answer -> Again).
The store keeps the card as a dict plus its due time, so "what is due" is one indexed query.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, ReviewLog, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from tutor.store import ReviewCard

DESIRED_RETENTION = 0.9
# A review session asks at most this many items a day: after one evening of lessons ~50 items were due at
# once, and a long queue is what makes a learner stop coming back. The rest waits for the next day.
DAILY_CAP = 20
# fsrs's learning steps (a new card) and relearning steps (a forgotten one) are the short in-day intervals
# before a card is scheduled in days. Its defaults (1 min and 10 min; 10 min) are made for flashcard apps that
# drill a deck in one sitting: here nearly every item answered was due again within ~10 minutes, and after one
# evening a learner faced ~50 items at once. A course meets its learner in sessions a day or more apart, so
# there are no steps: an item answered right waits fsrs's own interval (at least a day, so never the same
# day), and a missed one is asked once more later in the same review session by the session itself
# (tutor/dialogue/moves/reviews.py), then comes back tomorrow.
LEARNING_STEPS: tuple[timedelta, ...] = ()
RELEARNING_STEPS: tuple[timedelta, ...] = ()


def rating_for(correct: bool, misses: int) -> Rating:
    """How well the learner recalled: right at once, right after misses, or not at all."""
    if not correct:
        return Rating.Again
    return Rating.Good if misses == 0 else Rating.Hard


class ReviewScheduler:
    """Creates and reviews the cards of review items; ``clock`` is injectable for tests."""

    def __init__(self, clock: Callable[[], datetime] | None = None, *, fuzz: bool = True,
                 daily_cap: int = DAILY_CAP, parameters: Sequence[float] | None = None) -> None:
        """``parameters``: the course's own (`tutorbot review-fit`, tutor/review_fit.py); fsrs's defaults if None."""
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.daily_cap = daily_cap
        self.scheduler = Scheduler(parameters or DEFAULT_PARAMETERS, desired_retention=DESIRED_RETENTION,
                                   learning_steps=LEARNING_STEPS, relearning_steps=RELEARNING_STEPS,
                                   enable_fuzzing=fuzz)

    def review(self, item: str, concept: str, existing: ReviewCard | None, rating: Rating) -> ReviewCard:
        """The item's card after one more review now (a new card on the item's first answer)."""
        return self.review_logged(item, concept, existing, rating)[0]

    def review_logged(self, item: str, concept: str, existing: ReviewCard | None,
                      rating: Rating) -> tuple[ReviewCard, ReviewLog]:
        """:meth:`review`, and fsrs's log of it (for the store's review logs, which the parameters are fitted on)."""
        card = Card.from_dict(existing.card) if existing else self._new_card(item)
        card, log = self.scheduler.review_card(card, rating, review_datetime=self.clock())
        return ReviewCard(item=item, concept=concept, card=card.to_dict(), due=card.due), log

    def _new_card(self, item: str) -> Card:
        # A stable id from the item name: fsrs would otherwise sleep 1 ms to make ids unique.
        return Card(card_id=zlib.crc32(item.encode()) + 1, due=self.clock())
