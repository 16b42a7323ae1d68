"""A scripted stand-in for bot.core.Core, for channel tests that must control what the core says."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from tutor.replies import Reply

QUIZ_OPTIONS = ["gradient descent", "a convolutional neural network with pooling", "dropout"]


@dataclass
class ScriptedCore:
    """Replies by keyword: "quiz" -> a question with options, "long" -> a text of ``long_chars``,
    "image" -> a reply with ``image``, "slow" -> waits ``slow_s`` first, "boom" -> raises; anything
    else is echoed as "echo <text>". Records every call as (learner, text). Each quiz question is a
    new offer: ``options_token`` names the learner's latest one ("q1", "q2", ...)."""

    image: Path | None = None
    long_chars: int = 9_000
    slow_s: float = 0.3
    calls: list[tuple[str, str]] = field(default_factory=list)
    delivery_ids: list[str | None] = field(default_factory=list)
    closed: bool = False
    questions: dict[str, int] = field(default_factory=dict)   # learner -> quiz questions asked

    async def handle(self, learner_id: str, text: str, *, delivery_id: str | None = None) -> list[Reply]:
        self.calls.append((learner_id, text))
        self.delivery_ids.append(delivery_id)
        if "boom" in text:
            raise RuntimeError("the core failed")
        if "slow" in text:
            await asyncio.sleep(self.slow_s)
        if text == "quiz":
            self.questions[learner_id] = self.questions.get(learner_id, 0) + 1
            return [Reply("Which method updates weights along the negative gradient?", options=list(QUIZ_OPTIONS))]
        if text == "long":
            return [Reply(long_text(self.long_chars))]
        if text == "image" and self.image is not None:
            return [Reply("Here is your progress.", images=[self.image])]
        return [Reply(f"echo {text}")]

    async def options_token(self, learner_id: str) -> str:
        return f"{self.questions.get(learner_id, 0):x}"

    async def close(self) -> None:
        self.closed = True


def long_text(chars: int) -> str:
    """Paragraphs of numbered words, ``chars`` long or a little more."""
    paragraphs: list[str] = []
    word = 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        words = [f"w{word + i}" for i in range(60)]
        word += 60
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)
