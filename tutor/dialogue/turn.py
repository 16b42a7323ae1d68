"""One turn being handled: the state it changes, what was read, and what the tutor says back."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from nlp.types import Analysis, AnswerContext, AnswerHit
from nlp.rare_words import rare_word
from tutor.curriculum import Curriculum
from tutor.dialogue.signals import Signals
from tutor.dialogue.state import DialogueState, Option
from tutor.replies import Reply
from tutor.review import ReviewScheduler
from tutor.store import ReviewCard, TurnWrites

log = logging.getLogger(__name__)

Draw = Callable[..., Path | None]


class WordVectors(Protocol):
    """The word2vec embeddings as the dialogue uses them (nlp.embeddings.Embeddings)."""

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]: ...

    def analogy(self, positive: list[str], negative: list[str], n: int = 10) -> list[tuple[str, float]]: ...


class ChitChat(Protocol):
    """The responder (``nlp.Pipeline.respond``): ``refuse`` passes over a candidate reply for the next one;
    ``fallback=False`` gives None instead of its generic persona line."""

    def __call__(self, text: str, *, refuse: Callable[[str], bool] | None = None,
                 fallback: bool = True) -> str | None: ...


@dataclass
class Course:
    """What the moves work with besides the learner: the curriculum and the models."""

    curriculum: Curriculum
    nlu: Callable[[str], Analysis] | None = None
    responder: ChitChat | None = None
    embeddings: WordVectors | None = None
    scheduler: ReviewScheduler = field(default_factory=ReviewScheduler)
    draw: Draw = lambda name, **params: None
    answers: Callable[[str, AnswerContext], AnswerHit | None] | None = None   # the knowledge base's retriever

    def similar(self, word: str) -> list[tuple[str, float]]:
        """Mutual word2vec neighbours: the concept finder's last resort for words it does not know.

        Only neighbours that have ``word`` among their own nearest ten count: rare words crowd together
        ("tensor" -> "exploding", and so the exploding gradient) and a frequent word's nearest can be a rare
        one ("why do we need it" -> "backprop"). A plain English word is no term the finder missed: the small
        model's neighbours of "words" ("rare"), "pretty" ("weights") or "lunch" had named concepts no one asked
        about ("had ramen for lunch, pretty good" got the weights' card; "explain again with simple words" word
        embeddings)."""
        if self.embeddings is None or not rare_word(word):
            return []
        try:
            return [(neighbour, score) for neighbour, score in self.embeddings.most_similar(word, 5)
                    if word.lower() in (own for own, _ in self.embeddings.most_similar(neighbour, 10))]
        except (KeyError, ValueError):
            return []

    def analogy(self, positive: list[str], negative: list[str], n: int = 5) -> list[tuple[str, float]]:
        return list(self.embeddings.analogy(positive, negative, n))

    def draw_safely(self, name: str, **params: Any) -> Path | None:
        """A picture helps but is never worth losing the turn for."""
        try:
            return self.draw(name, **params)
        except Exception:  # noqa: BLE001 - plotting failures must not break the dialogue
            log.exception("drawing %s failed", name)
            return None


@dataclass(frozen=True)
class Concluded:
    """A question that ended this turn (answered right, or its worked answer shown)."""

    item: str
    concept: str
    correct: bool
    review: bool          # asked from the review queue


@dataclass
class Turn:
    """One learner message being handled. Moves change ``state`` and add ``replies``; the flags record
    what happened, for the after-rules (a question posed, a hint given, the responder's reply)."""

    course: Course
    state: DialogueState
    signals: Signals
    cards: dict[str, ReviewCard]           # the learner's review items, as the turn started
    now: datetime
    writes: TurnWrites
    replies: list[Reply] = field(default_factory=list)
    intent: str | None = None              # what the turn is logged as: an intent, "answer" or "/command"
    asked: bool = False                    # a question (or the open one again) was posed
    helped: bool = False                   # the help ladder gave a hint or the worked answer
    responder_replied: bool = False        # the responder wrote the reply: it already meets the mood
    own_lines_only: bool = False           # chat the models misread: answered by the act's or a plain line, not the responder
    concluded: Concluded | None = None     # the question that ended this turn
    rules: list[str] = field(default_factory=list)   # the rules that fired, in order
    reminded_days: frozenset[str] = frozenset()       # the learner's local days already reminded of reviews
    offered_reviews: bool = False                      # this turn offered the due reviews (the greeting)

    def say(self, text: str, options: list[Option] | None = None, images: list[Path] | None = None) -> None:
        """A reply whose ``options`` the learner can choose by number or label; they replace those offered."""
        offered = list(options or [])
        self.replies.append(Reply(text, [option.label for option in offered], list(images or [])))
        self.state.options = offered

    def ask(self, text: str, options: list[str], images: list[Path] | None = None) -> None:
        """Pose a question: its options are answers, not commands."""
        self.asked = True
        self.replies.append(Reply(text, list(options), list(images or [])))
        self.state.options = [Option(label) for label in options]

    def vary(self, key: str, variants: tuple[str, ...]) -> str:
        """The next variant of an often-said text: never the same words twice in a row."""
        count = self.state.said.get(key, 0)
        self.state.said[key] = count + 1
        return variants[count % len(variants)]

    def add(self, reply: Reply) -> None:
        """A reply that leaves the options offered before it as they were (the playground's)."""
        self.replies.append(reply)

    @cached_property
    def all_due(self) -> list[ReviewCard]:
        """Every review item due as the turn started, the most overdue first (``cards`` come in due order)."""
        return [card for card in self.cards.values() if card.due <= self.now]

    @property
    def due(self) -> list[ReviewCard]:
        """The due items offered at once (at most :data:`MAX_REVIEW_OFFER`)."""
        return self.all_due[:MAX_REVIEW_OFFER]


MAX_REVIEW_OFFER = 20
