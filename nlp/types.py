"""What the pipeline says about one message: the result types of the SPEC's Pipeline API."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entity:
    """A tagged span; ``text == message[start:end]`` always holds (character offsets)."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class IntentScore:
    name: str
    confidence: float


@dataclass(frozen=True)
class Sentiment:
    """``label`` is positive / neutral / negative; ``score`` lies in [-1, 1]."""

    label: str
    score: float


@dataclass
class Analysis:
    """Everything the pipeline understood of one text. A component the pipeline lacks leaves its field None."""

    text: str
    intent: IntentScore | None = None
    intent_ranking: list[IntentScore] = field(default_factory=list)
    sentiment: Sentiment | None = None
    entities: list[Entity] | None = None
    response: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The exact object `tutorbot analyze --json` prints (SPEC: analyze --json)."""
        return {
            "text": self.text,
            "intent": asdict(self.intent) if self.intent else None,
            "intent_ranking": [asdict(s) for s in self.intent_ranking],
            "sentiment": asdict(self.sentiment) if self.sentiment else None,
            "entities": [asdict(e) for e in self.entities] if self.entities is not None else None,
            "response": self.response,
        }


@dataclass(frozen=True)
class AnswerContext:
    """What the conversation was about just before a question: the lesson and concepts just taught
    and the open question's concept ("how do I fix it?" right after the overfitting lesson)."""

    lesson: str | None = None
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerOption:
    """A knowledge-base entry offered as a topic when the retriever is unsure."""

    id: str
    question: str   # the entry's first question: a label for the option
    lesson: str
    share: float    # its share of the fusion's probability among the options offered


@dataclass(frozen=True)
class AnswerHit:
    """The knowledge base's best answer to a learner's question (Pipeline.answer).

    ``confidence`` is a calibrated P(this is the right answer). ``abstained``: the question is taken
    as outside the course (a second calibrator's P(about the course) below its threshold); the fields
    still describe the best guess. ``alternatives`` holds the three nearest entries (the best first), to offer
    instead when abstaining or below the trained confidence threshold, or when the best one was just given."""

    id: str
    answer: str
    confidence: float
    abstained: bool
    lesson: str
    concepts: tuple[str, ...]
    kind: str
    verdict: str | None = None        # confirm entries: "yes" | "no"
    alternatives: tuple[AnswerOption, ...] = ()
    untaught: tuple[str, ...] = ()    # words no entry knows and English seldom uses ("LoRA"): abstained for them
