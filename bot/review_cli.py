"""`tutorbot review-fit`: fit the course's FSRS parameters on the learner store's review logs.

    tutorbot review-fit [--db PATH|URL] [--models DIR]

Writes DIR/review.json (the parameters, the log count, the log loss of the defaults and of the fitted
parameters on held-out reviews); the tutor's scheduler uses it from the next start (tutor/review_fit.py).
"""
from __future__ import annotations

import argparse
from typing import Any

from nlp.errors import TutorbotError


def add_command(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("review-fit", parents=[common], help="fit the course's spaced-review parameters",
                              description="Fit FSRS's parameters on the review logs of --db (fsrs's optimizer; "
                              "needs 512 usable reviews) and save them as review.json in --models, with the "
                              "log loss of the defaults and of the fitted parameters on held-out reviews.")
    sub.set_defaults(handler=run_review_fit)


def run_review_fit(args: argparse.Namespace) -> int:
    from tutor import review_fit  # noqa: PLC0415 - fsrs's optimizer imports torch
    from tutor.database import location  # noqa: PLC0415
    from tutor.store import Store  # noqa: PLC0415

    where = location(args.db)
    if not where.exists():
        raise TutorbotError(f"no learner store at {where.shown()}: check --db or $TUTORBOT_DB")
    store = Store(where)
    try:
        reviews = review_fit.logged_reviews(store)
    finally:
        store.close()
    result = review_fit.fit(reviews)
    path = review_fit.save(result, args.models)
    print(f"{result.logs} reviews logged, {result.scored} used for fitting, {result.held_out} held out")
    print(f"log loss on the held-out reviews: {result.log_loss_default:.4f} with fsrs's defaults, "
          f"{result.log_loss_fitted:.4f} fitted")
    print(f"parameters saved to {path}")
    return 0
