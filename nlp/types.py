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
