"""A question as learners wrap it: a greeting or an apology before it, a remark after it ("hi! quick question: what
is dropout? lol", "sorry if this is dumb but why relu, I'm confused").

The abstention calibrator (:func:`nlp.answers_training.fit_domain`) learnt P(in the course) from the knowledge
base's held-out questions, which are bare; a learner's question wrapped in chat matches its entry's questions less
closely and was taken for a question outside the course (a seventh blind set: 18% of its in-course questions
abstained on, against 3% for bare ones). Wrapped copies of both sides, in-course and outside, teach the calibrator
that the wrapping says nothing about the subject. The wrappings are the tutor's own list, not any test set's.
"""
from __future__ import annotations

import random

BEFORE = ("", "hi! ", "hey, quick question: ", "sorry if this is a dumb question but ", "ok so ", "hello, ",
          "i was rereading the slides and ", "question: ", "honestly ", "can you help me? ", "good morning. ",
          "i'm new to this, ", "one more thing, ", "wait, ")
AFTER = ("", " lol", " please", " thanks!", " ??", ", i'm confused", " - explain it simply please",
         ". i don't get it at all", " (sorry for my english)", ", asking for my project", " haha",
         ". been stuck on this for an hour", ", my teacher never explained it", " just curious")


def wrapped(text: str, rng: random.Random) -> str:
    """``text`` with a wrapping drawn from ``rng`` (a bare copy now and then, as learners also ask)."""
    body = text.strip()
    if rng.random() < 0.5:
        body = body.lower().rstrip("?")
    return f"{rng.choice(BEFORE)}{body}{rng.choice(AFTER)}".strip()
