"""Per-concept mastery: a moving average of how the learner's answers went.

An answer right at the first try counts 1, right after hints 0.5, wrong (shown the worked
answer) 0. Recent answers weigh most, so a learner who got it wrong once and then right
twice has mastered it; a concept is mastered at :data:`MASTERED` or above.
"""
from __future__ import annotations

from collections.abc import Iterable

MASTERED = 0.75
LEARNING_RATE = 0.5


def outcome(correct: bool, misses: int) -> float:
    if not correct:
        return 0.0
    return 1.0 if misses == 0 else 0.5


def updated(previous: float | None, result: float) -> float:
    """The new mastery after one answer (the first answer counts fully once it is right)."""
    if previous is None:
        return round(result, 4)
    return round(previous + LEARNING_RATE * (result - previous), 4)


def is_mastered(mastery: dict[str, float], concept: str) -> bool:
    return mastery.get(concept, 0.0) >= MASTERED


def fraction_mastered(mastery: dict[str, float], concepts: Iterable[str]) -> float:
    """Share of ``concepts`` mastered (0 for none), e.g. for a day's progress bar."""
    keys = list(concepts)
    if not keys:
        return 0.0
    return sum(is_mastered(mastery, key) for key in keys) / len(keys)
