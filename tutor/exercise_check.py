"""Every item of every exercise over many seeds, checked: answer keys, leaks, degenerate values.

``tutorbot exercises check`` prints :func:`check_items`' problems; the tests run it too. An item is
one exercise of the curriculum, or one generated kind on its own (``kind:NAME``), at one seed.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from tutor.exercise_audit import picture_leaks, question_problems
from tutor.exercises import GENERATORS, STATIC_KINDS, ExerciseSpec, Question, answer_kind, make_question
from tutor.question import fmt


@dataclass(frozen=True)
class Problem:
    item: str
    seed: int
    what: str

    def __str__(self) -> str:
        return f"{self.item} seed {self.seed}: {self.what}"


def kind_specs() -> list[ExerciseSpec]:
    """One spec per generated kind with no pinned values: the kind on its own, as ``kind:NAME``."""
    return [ExerciseSpec(f"kind:{kind}", kind, generate(random.Random(0), {}).concept, "", 0, 1, {})
            for kind, generate in GENERATORS.items()]


def item_question(spec: ExerciseSpec, seed: int) -> Question:
    """The question ``spec`` gives at ``seed``: the one ``sample`` prints and ``grade`` grades."""
    return make_question(spec, random.Random(seed))


def check_items(specs: Iterable[ExerciseSpec], seeds: Iterable[int]) -> list[Problem]:
    """Every problem of every spec at every seed; the pictures' labels included."""
    seeds = list(seeds)
    problems: list[Problem] = []
    for spec in specs:
        kind = spec.kind if spec.kind not in STATIC_KINDS else "static"
        checked: set[tuple] = set()   # a typed item is the same at every seed, a choice has few orders
        for seed in seeds:
            question = item_question(spec, seed)
            if (key := (question.prompt, tuple(question.options), json.dumps(question.plot, sort_keys=True))) in checked:
                continue
            checked.add(key)
            found = question_problems(question, kind) + _unread_forms(question)
            if question.plot:
                found += picture_leaks(question, _picture_labels(json.dumps(question.plot, sort_keys=True)))
            problems += [Problem(spec.id, seed, what) for what in found]
    return problems


@lru_cache(maxsize=4096)
def _picture_labels(plot_json: str) -> list[str]:
    from tutor import plots   # matplotlib only when a picture is checked

    params = json.loads(plot_json)
    return plots.labels(params.pop("name"), **params)


def _unread_forms(question: Question) -> list[str]:
    """The right answer written as people write it must be read as right: decimal commas, a
    percentage, a sentence around it."""
    if question.options or question.key_ideas:
        return []
    kind = answer_kind(question.answer)
    forms: list[str] = []
    if kind == "number":
        value = float(question.answer)
        written = fmt(value, 6)
        if re.fullmatch(r"-?[1-9]\d*\.\d{3}", written):
            written += "0"   # "1,204" rightly reads as a thousands group; "1,2040" is the decimal-comma form
        forms = [written.replace(".", ","), f"i think it's {fmt(value, 6)}"]
        if 0 < abs(value) < 1 and question.decimals is None:
            forms.append(f"{fmt(value * 100, 4)}%")
    elif kind == "vector":
        forms = [question.answer.replace(",", ";").replace(".", ",")]
    return [f"the right answer written '{form}' is not accepted" for form in forms
            if not question.check(form).correct]
