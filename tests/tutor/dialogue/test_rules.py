"""The rules table: the one place that routes, complete, and printable."""
from __future__ import annotations

import inspect

from tutor.dialogue.moves import (
    claims, graded, knowledge, labs, lessons, placement, project, questions, reset, reviews, sums, talk,
)

MOVES = (claims, graded, knowledge, labs, lessons, placement, project, questions, reset, reviews, sums, talk)
from tutor.dialogue.predicates import Predicate
from tutor.dialogue.rules import AFTER, RULES
from tutor.dialogue.table import Rule, Table, fire, tables


def every_rule() -> list[tuple[Table, Rule]]:
    return [(table, rule) for table in tables(RULES, AFTER) for rule in table]


def test_every_table_but_after_ends_with_a_row_that_always_fires() -> None:
    # so a message always gets an answer: no table falls through silently
    for table in tables(RULES):
        assert table.rules[-1].when.name == "always", table.name


def test_rule_names_are_unique_within_a_table_and_every_row_says_what_it_does() -> None:
    for table in tables(RULES, AFTER):
        names = [rule.name for rule in table]
        assert len(names) == len(set(names)), table.name
    for _, rule in every_rule():
        assert isinstance(rule.do, Table) or rule.do.__module__ in {module.__name__ for module in MOVES}


def test_a_bare_why_with_a_question_open_is_one_row_of_the_table() -> None:
    [row] = [rule for table, rule in every_rule() if rule.name == "bare why with a question open"]
    assert "question_open" in row.when.name and "bare_why" in row.when.name
    assert isinstance(row.do, Table) and row.do.name == "STUCK"


def test_frustration_with_a_question_posed_this_turn_is_one_after_row() -> None:
    encourage = next(rule.do for rule in AFTER if rule.name == "encourage")
    [row] = [rule for rule in encourage if rule.name == "a question just posed"]
    assert row.when.name == "question_open & posed_this_turn" and row.do is talk.encourage_only


def test_moves_never_route() -> None:
    # a move acts; choosing between behaviours is the rules' job: no move module reads the rules or predicates
    for module in MOVES:
        source = inspect.getsource(module)
        assert "tutor.dialogue.rules" not in source and "tutor.dialogue.predicates" not in source, module.__name__


def test_fire_runs_the_first_matching_row_and_its_preparations_in_order() -> None:
    calls: list[str] = []
    yes = Predicate("yes", lambda turn: True)
    no = Predicate("no", lambda turn: False)

    class FakeTurn:
        rules: list[str] = []

    inner = Table("INNER", (Rule("skipped", no, lambda t: calls.append("skipped")),
                            Rule("inner", yes, lambda t: calls.append("inner"))))
    outer = Table("OUTER", (Rule("not this", no, lambda t: calls.append("wrong")),
                            Rule("this", yes, inner, first=(lambda t: calls.append("first"),)),
                            Rule("nor this", yes, lambda t: calls.append("late"))))
    turn = FakeTurn()
    turn.rules = []
    fire(outer, turn)
    assert calls == ["first", "inner"] and turn.rules == ["this", "inner"]
