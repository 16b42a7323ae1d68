"""Evaluation metrics shared by training, `tutorbot eval` and the benchmarks."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from nlp.types import Entity


@dataclass(frozen=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.support}


def _prf(true_positives: int, predicted: int, actual: int) -> LabelScores:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScores(round(precision, 4), round(recall, 4), round(f1, 4), actual)


@dataclass(frozen=True)
class ClassificationReport:
    accuracy: float
    macro_f1: float
    labels: dict[str, LabelScores]
    confusion: list[list[int]]     # rows: expected, columns: predicted, in ``label_order``
    label_order: list[str]

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "labels": {k: v.to_dict() for k, v in self.labels.items()}}


def classification_report(expected: Sequence[str], predicted: Sequence[str]) -> ClassificationReport:
    """Accuracy, per-label P/R/F1/support, macro F1 (over labels that occur in ``expected``), confusion matrix."""
    if len(expected) != len(predicted):
        raise ValueError("expected and predicted differ in length")
    order = sorted(set(expected) | set(predicted))
    pairs = Counter(zip(expected, predicted))
    labels = {
        label: _prf(pairs[(label, label)], sum(p == label for p in predicted), sum(e == label for e in expected))
        for label in order
    }
    gold_labels = [label for label in order if labels[label].support]
    macro = float(np.mean([labels[label].f1 for label in gold_labels])) if gold_labels else 0.0
    accuracy = sum(e == p for e, p in zip(expected, predicted)) / len(expected) if expected else 0.0
    confusion = [[pairs[(row, column)] for column in order] for row in order]
    return ClassificationReport(round(accuracy, 4), round(macro, 4), labels, confusion, order)


@dataclass(frozen=True)
class EntityReport:
    precision: float
    recall: float
    f1: float
    support: int
    labels: dict[str, LabelScores] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "labels": {k: v.to_dict() for k, v in self.labels.items()}}


def _match_report(expected: Iterable[set[tuple]], predicted: Iterable[set[tuple]]) -> EntityReport:
    """Micro P/R/F1 over sets of items whose last element is the label."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for gold, guess in zip(expected, predicted):
        for item in gold & guess:
            tp[item[-1]] += 1
        n_pred.update(item[-1] for item in guess)
        n_gold.update(item[-1] for item in gold)
    overall = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    labels = {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in sorted(n_gold | n_pred)}
    return EntityReport(overall.precision, overall.recall, overall.f1, overall.support, labels)


def entity_scores(expected: Sequence[Sequence[Entity]], predicted: Sequence[Sequence[Entity]]) -> EntityReport:
    """Span-level exact match on (start, end, label), per message, micro-averaged (as seqeval)."""
    return _match_report(({(e.start, e.end, e.label) for e in gold} for gold in expected),
                         ({(e.start, e.end, e.label) for e in guess} for guess in predicted))


def entity_pair_scores(expected: Sequence[Iterable[tuple[str, str]]],
                       predicted: Sequence[Iterable[tuple[str, str]]]) -> EntityReport:
    """Dialogue eval: compare (text, label) pairs per turn, text case-insensitive (SPEC)."""
    def normal(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(text.strip().casefold(), label) for text, label in pairs}
    return _match_report((normal(p) for p in expected), (normal(p) for p in predicted))


def seqeval_scores(expected: list[list[str]], predicted: list[list[str]]) -> EntityReport:
    """Span-level P/R/F1 on BIO tag sequences with seqeval (the standard ATIS slot-F1)."""
    from seqeval.metrics import classification_report as seqeval_report

    report = seqeval_report(expected, predicted, output_dict=True, zero_division=0)
    micro = report["micro avg"]
    labels = {k: LabelScores(round(v["precision"], 4), round(v["recall"], 4), round(v["f1-score"], 4),
                             int(v["support"]))
              for k, v in report.items() if not k.endswith(" avg")}
    return EntityReport(round(micro["precision"], 4), round(micro["recall"], 4), round(micro["f1-score"], 4),
                        int(micro["support"]), labels)


def latency_percentiles(milliseconds: Sequence[float]) -> dict[str, float]:
    """p50 / p95 / max of per-message latencies in milliseconds."""
    if not milliseconds:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}
    values = np.asarray(milliseconds, dtype=float)
    return {"p50": round(float(np.percentile(values, 50)), 3), "p95": round(float(np.percentile(values, 95)), 3),
            "max": round(float(values.max()), 3)}

