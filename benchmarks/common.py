"""The one results table `make bench` prints: every benchmark module returns rows of it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    benchmark: str                 # "ATIS", "Pang & Lee", "speed", "responder", "telegram load", ...
    metric: str                    # "intent accuracy", "slot F1", "analyze p50 (ms)", ...
    ours: float | str
    baseline: str = ""             # what we compare with, e.g. "TF-IDF + LR", "spaCy blank textcat+ner"
    baseline_value: float | str | None = None
    target: str = ""               # the figure, e.g. ">= 0.97"

    def ratio(self) -> float | None:
        if isinstance(self.ours, (int, float)) and isinstance(self.baseline_value, (int, float)) and self.baseline_value:
            return float(self.ours) / float(self.baseline_value)
        return None
