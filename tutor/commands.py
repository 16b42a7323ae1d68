"""Slash commands: parsing, and the playground that shows the tutor's own models at work.

``/sentiment TEXT``, ``/entities TEXT``, ``/analogy king - man + woman`` and ``/gd [step]``
are pure functions of their argument and the pipeline; the lesson commands live in
:mod:`tutor.dialogue`, which owns the learner's state.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.types import Analysis
from tutor.answers import parse_number
from tutor.exercises import descend
from tutor.replies import Reply

GD_START = (5.0, 5.0)        # the slides' worked example: (5,5) -> (4,4) -> (3.2,3.2) at step 0.1
GD_DEFAULT_STEP = 0.1
GD_ITERATIONS = 10
NO_MODEL = "That playground needs the trained {what} (run `tutorbot train`)."


@dataclass(frozen=True)
class Command:
    name: str        # without the slash, lower case: "quiz"
    argument: str    # the rest of the line, stripped


# Typed without the slash, these still mean the command: the NLU has no label for them ("reset" read as
# repeat and climbed an open question's help ladder). /reset asks for confirmation before it resets.
BARE_COMMANDS = {"reset": "reset", "reset progress": "reset", "reset my progress": "reset", "start over": "reset",
                 # "let's review" read as progress (or a lesson) and answered one item at most
                 "let's review": "review", "lets review": "review", "let us review": "review",
                 "review now": "review", "start review": "review", "start a review": "review"}


def parse_command(text: str) -> Command | None:
    """``/Quiz@tutorbot overfitting`` -> Command("quiz", "overfitting"); a bare "reset" -> Command("reset", "");
    None if not a command."""
    bare = BARE_COMMANDS.get(re.sub(r"[\s!.]+$", "", text.strip().lower()))
    if bare:
        return Command(bare, "")
    match = re.match(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", text.strip(), re.DOTALL)
    if not match:   # "I see. Then I try my own analogy. /analogy tokyo - japan + france": typed after a sentence
        match = _AFTER_A_SENTENCE.search(text.strip())
        if not match or match[1].lower() not in SENTENCE_COMMANDS:
            return None
    return Command(match[1].lower(), (match[2] or "").strip())


# the commands that run something with their argument, typed after a sentence of one's own
SENTENCE_COMMANDS = frozenset({"analogy", "sentiment", "entities", "gd", "lab", "quiz", "lesson", "ask"})
_AFTER_A_SENTENCE = re.compile(r"[.!?:]\s+/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


def sentiment_reply(nlu: Callable[[str], Analysis] | None, text: str) -> Reply:
    if not text:
        return Reply("Give me a sentence: /sentiment I love this course!")
    sentiment = nlu(text).sentiment if nlu else None
    if sentiment is None:
        return Reply(NO_MODEL.format(what="sentiment model"))
    return Reply(f"My sentiment model reads that as {sentiment.label} (score {sentiment.score:+.2f}, from -1 to +1). "
                 "It is a small model trained on a few thousand sentences, with its scores calibrated on ones it did "
                 "not see: take it as an educated guess (sarcasm and double negatives often fool it).")


def entities_reply(nlu: Callable[[str], Analysis] | None, text: str) -> Reply:
    if not text:
        return Reply("Give me a sentence: /entities how does dropout work in Keras on day 2?")
    entities = nlu(text).entities if nlu else None
    if entities is None:
        return Reply(NO_MODEL.format(what="entity tagger"))
    if not entities:
        return Reply("My tagger found no concepts, frameworks or days in that.")
    found = "\n".join(f"• {e.text} — {e.label} (characters {e.start}–{e.end})" for e in entities)
    return Reply(f"My tagger found:\n{found}")


def parse_analogy(expression: str) -> tuple[list[str], list[str]] | None:
    """"king - man + woman" -> (["king", "woman"], ["man"]); None if it is not such an expression."""
    tokens = re.findall(r"[+-]|[^\s+-]+", expression.lower())
    positive: list[str] = []
    negative: list[str] = []
    sign = "+"
    for token in tokens:
        if token in "+-":
            sign = token
            continue
        (positive if sign == "+" else negative).append(token)
        sign = "+"
    return (positive, negative) if positive and (negative or len(positive) > 1) else None


def analogy_reply(embeddings: Any, expression: str) -> Reply:
    terms = parse_analogy(expression)
    if terms is None:
        return Reply("Write it like the slides: /analogy king - man + woman")
    if embeddings is None:
        return Reply(NO_MODEL.format(what="word2vec embeddings"))
    positive, negative = terms
    try:
        answers = list(embeddings.analogy(positive, negative, 5))
    except (KeyError, ValueError) as error:  # a word the embeddings never saw
        return Reply(f"I can't compute that: {error}".rstrip())
    if not answers:
        return Reply("My word2vec model has no answer for that (some word is unknown to it).")
    words = ", ".join(_word_of(answer) for answer in answers)
    question = " ".join(f"- {w}" if w in negative else f"+ {w}" for w in positive + negative).lstrip("+ ")
    return Reply(f"word2vec says: {question} ≈ {words}")


def _word_of(answer: Any) -> str:
    if isinstance(answer, (tuple, list)):
        word, score = answer[0], answer[1]
        return f"{word} ({float(score):.2f})"
    return str(answer)


def gd_reply(argument: str, draw: Callable[..., Path | None]) -> Reply:
    step = parse_number(argument) if argument else GD_DEFAULT_STEP
    if step is None or not 0 < step <= 2:
        return Reply("Give a step size between 0 and 2, e.g. /gd 0.1")
    points = descend(list(GD_START), step, GD_ITERATIONS)
    shown = " → ".join(f"({x1:.3g}, {x2:.3g})" for x1, x2 in points[:5])
    y_end = points[-1][0] ** 2 + points[-1][1] ** 2
    verdict = _gd_verdict(step)
    image = draw("gd_path", start=list(GD_START), step=step, steps=GD_ITERATIONS)
    text = (
        f"Gradient descent on y = x1² + x2², step {step:g}, from (5, 5): the gradient is (2·x1, 2·x2), "
        f"so each step is x ← x − {step:g}·2x.\n{shown} …\nAfter {GD_ITERATIONS} steps y = {y_end:.4g}. {verdict}"
    )
    return Reply(text, images=[image] if image else [])


def _gd_verdict(step: float) -> str:
    if step < 0.5:
        return "A small step: steady, and slower the smaller it is."
    if step == 0.5:
        return "Step 0.5 jumps straight to the minimum (0, 0) on this bowl."
    if step < 1:
        return "A big step: it overshoots and zig-zags across the minimum, but still converges."
    if step == 1:
        return "Step 1 bounces between (5, 5) and (−5, −5) for ever."
    return "Too big a step: every update overshoots further — gradient descent diverges."
