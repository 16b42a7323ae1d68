"""The life cycle every pipeline component shares (like a spaCy pipe or a Rasa graph component).

train -> process -> evaluate -> save -> load. A component is trained from a
:class:`nlp.data.TrainingData` and may use components it ``requires`` (the embeddings),
which the pipeline hands it in ``shared`` already trained / loaded.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable


@runtime_checkable
class Component(Protocol):
    name: ClassVar[str]                  # "embeddings" | "intent" | "sentiment" | "ner" | "responder"
    requires: ClassVar[tuple[str, ...]]  # names of components this one needs, trained first

    @classmethod
    def can_train(cls, data: Any) -> bool:
        """Whether ``data`` (a TrainingData) holds what this component learns from."""
        ...

    @classmethod
    def train(
        cls, data: Any, *, shared: dict[str, "Component"], seed: int, progress: bool, preset: str = "default"
    ) -> "Component":
        """Train on the training split of ``data``; keep held-out metrics in ``self.metrics``.

        ``preset``: "tiny" (unit tests: seconds), "default" (`tutorbot train`), "long" (better quality).
        """
        ...

    metrics: dict[str, float]            # held-out metrics measured by train()

    def evaluate(self, data: Any) -> dict[str, float]:
        """Metrics on the given data (e.g. accuracy/macro_f1, or entity precision/recall/f1)."""
        ...

    def save(self, directory: Path) -> None:
        """Write weights (safetensors) and a config JSON into ``directory``."""
        ...

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, "Component"]) -> "Component":
        ...
