"""A rule and a table of rules: the shapes :mod:`tutor.dialogue.rules` (and the smaller rule modules it
gathers, such as :mod:`tutor.dialogue.lab_rules`) declare the policy in, and how a table fires."""
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


def fire(table: Table, turn: Turn) -> None:
    """The first row of ``table`` whose condition holds: its preparations, then its move or sub-table."""
    for rule in table:
        if rule.when(turn):
            return run(rule, turn)


def run(rule: Rule, turn: Turn) -> None:
    turn.rules.append(rule.name)
    for step in rule.first:
        step(turn)
    if isinstance(rule.do, Table):
        return fire(rule.do, turn)
    rule.do(turn)


def tables(*roots: Table) -> list[Table]:
    """``roots`` and every table their rows lead to, each once, in the order first met (for ``tutorbot rules``)."""
    found: list[Table] = []

    def visit(table: Table) -> None:
        if table in found:
            return
        found.append(table)
        for rule in table:
            if isinstance(rule.do, Table):
                visit(rule.do)

    for root in roots:
        visit(root)
    return found
