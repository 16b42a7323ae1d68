"""A rule and a table of rules: the shapes :mod:`tutor.dialogue.rules` (and the smaller rule modules it
gathers, such as :mod:`tutor.dialogue.lab_rules`) declare the policy in."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Union

from tutor.dialogue.predicates import Predicate
from tutor.dialogue.turn import Turn

Move = Callable[[Turn], None]


@dataclass(frozen=True)
class Rule:
    name: str
    when: Predicate
    do: Union[Move, "Table"]
    why: str = ""
    first: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Table:
    """Rules tried in order, the first that holds fires (a row's ``do`` may be a smaller table)."""

    name: str
    rules: tuple[Rule, ...]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)
