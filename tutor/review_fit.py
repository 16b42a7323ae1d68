"""The course's own FSRS parameters, fitted on its review logs (`tutorbot review-fit`).

fsrs's defaults were fitted on flashcard-app users; a course's learners and items forget differently.
:func:`fit` splits the logged reviews by card (a learner's item: all its reviews on one side), runs fsrs's
``Optimizer`` (torch) on the training cards, and scores both parameter sets by log loss on the held-out
cards' reviews. :func:`save` writes them beside the models (``review.json``) with the log count and both
losses; :func:`load_parameters` gives them to the scheduler when present.
"""
from __future__ import annotations

import json
import math
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fsrs import Card, Rating, ReviewLog, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from nlp.errors import DamagedModels, TutorbotError

if TYPE_CHECKING:
    from tutor.database import Database
    from tutor.store import Store

PARAMETERS_FILE = "review.json"
# fsrs's optimizer keeps its defaults below one mini-batch (512) of scored reviews: a review of a card seen
# on an earlier day (same-day reviews predict nothing about forgetting). Fewer than that is refused.
MIN_SCORED_REVIEWS = 512
HELD_OUT_PERCENT = 20          # of the cards, chosen by a hash of learner and item (the same split every run)


@dataclass(frozen=True)
class LoggedReview:
    """One review of one learner's item, as fsrs logged it (its ``card_id`` is the item's, shared by learners)."""

    learner_id: str
    item: str
    log: ReviewLog


def create_tables(db: Database) -> None:
    """Schema 4: every review as fsrs logged it (the turn's writes carry the log). Kept after /reset: a reset
    forgets the learner's progress, not what their reviews taught about forgetting."""
    db["review_logs"].create(
        {"id": int, "learner_id": str, "item": str, "card_id": int, "rating": int, "at": str, "duration": int},
        pk="id", if_not_exists=True,
    )
    db["review_logs"].create_index(["learner_id", "item"], if_not_exists=True)


def logged_reviews(store: Store) -> list[LoggedReview]:
    """Every learner's reviews, in the order they were logged."""
    with store.transaction():
        rows = store.db.execute(
            "SELECT learner_id, item, card_id, rating, at, duration FROM review_logs ORDER BY id").fetchall()
    return [LoggedReview(learner, item, ReviewLog(card_id, Rating(rating), datetime.fromisoformat(at), duration))
            for learner, item, card_id, rating, at, duration in rows]


class NotEnoughReviews(TutorbotError):
    """Too few logged reviews to fit on; the message says how many there are and how many are needed."""

    exit_code = 1


@dataclass(frozen=True)
class FitResult:
    parameters: list[float]
    logs: int                   # reviews logged in all
    scored: int                 # reviews the optimizer learns from (training cards, on a later day)
    held_out: int               # held-out reviews scored for the losses
    log_loss_default: float     # fsrs's default parameters on the held-out reviews
    log_loss_fitted: float


def histories(reviews: Sequence[LoggedReview]) -> dict[tuple[str, str], list[ReviewLog]]:
    """Each learner's item's reviews, oldest first (fsrs's card ids are per item, shared by learners)."""
    found: dict[tuple[str, str], list[ReviewLog]] = defaultdict(list)
    for review in reviews:
        found[(review.learner_id, review.item)].append(review.log)
    return {key: sorted(logs, key=lambda log: log.review_datetime) for key, logs in found.items()}


def held_out(key: tuple[str, str]) -> bool:
    return zlib.crc32(f"{key[0]}\x00{key[1]}".encode()) % 100 < HELD_OUT_PERCENT


def optimizer_logs(cards: list[list[ReviewLog]]) -> list[ReviewLog]:
    """The logs with one card id per learner's item, as the optimizer groups reviews by card id."""
    return [ReviewLog(number, log.rating, log.review_datetime, log.review_duration)
            for number, logs in enumerate(cards, start=1) for log in logs]


def scored_reviews(cards: list[list[ReviewLog]]) -> int:
    return sum(1 for logs in cards for before, log in zip(logs, logs[1:])
               if (log.review_datetime - before.review_datetime).days > 0)


def log_loss(cards: list[list[ReviewLog]], parameters: Sequence[float]) -> float:
    """Mean log loss of the predicted recall on every review a day or more after the card's previous one,
    replaying each card's history with ``parameters`` (as fsrs's optimizer scores)."""
    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    losses = []
    for logs in cards:
        card = Card(card_id=1, due=logs[0].review_datetime)
        for log in logs:
            if card.last_review is not None and (log.review_datetime - card.last_review).days > 0:
                recall = min(max(scheduler.get_card_retrievability(card, log.review_datetime), 1e-6), 1 - 1e-6)
                losses.append(-math.log(recall if log.rating != Rating.Again else 1 - recall))
            card, _ = scheduler.review_card(card, log.rating, review_datetime=log.review_datetime)
    return sum(losses) / len(losses) if losses else float("nan")


def fit(reviews: Sequence[LoggedReview]) -> FitResult:
    """The course's parameters, and their log loss against the defaults on held-out cards."""
    cards = histories(reviews)
    train = [logs for key, logs in cards.items() if not held_out(key)]
    test = [logs for key, logs in cards.items() if held_out(key)]
    scored = scored_reviews(train)
    if scored < MIN_SCORED_REVIEWS:
        raise NotEnoughReviews(
            f"{len(reviews)} reviews logged, {scored} of them usable for fitting (a card's review on a later day, "
            f"outside the held-out {HELD_OUT_PERCENT}%): fsrs's optimizer needs {MIN_SCORED_REVIEWS}")
    from fsrs import Optimizer  # noqa: PLC0415 - imports torch, slow

    parameters = [float(p) for p in Optimizer(optimizer_logs(train)).compute_optimal_parameters()]
    return FitResult(parameters, len(reviews), scored, scored_reviews(test),
                     log_loss(test, DEFAULT_PARAMETERS), log_loss(test, parameters))


def save(result: FitResult, models_dir: Path) -> Path:
    path = Path(models_dir) / PARAMETERS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result), indent=2) + "\n")
    return path


def load_parameters(models_dir: Path | None) -> list[float] | None:
    """The fitted parameters in ``models_dir``, or None when there are none (fsrs's defaults then)."""
    path = Path(models_dir) / PARAMETERS_FILE if models_dir is not None else None
    if path is None or not path.is_file():
        return None
    try:
        parameters = json.loads(path.read_text())["parameters"]
        Scheduler(parameters=parameters)       # checks their number and bounds
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedModels(models_dir, path, f"not FSRS parameters ({error})") from error
    return [float(p) for p in parameters]
