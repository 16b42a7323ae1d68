"""Exercises: multiple choice, typed answers, and generators of fresh numeric questions.

An :class:`ExerciseSpec` comes from ``data/curriculum/exercises.yml``; :func:`make_question`
turns it into a :class:`Question` (fresh numbers for a generated kind, shuffled options for a
choice) that the dialogue manager asks, stores between turns and checks. The question itself
lives in :mod:`tutor.question`, the generated kinds in :mod:`tutor.generators`, the slides' maths
in :mod:`tutor.slides`; this module keeps the names the rest of the tutor imports.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace

from tutor.generators import GENERATORS
from tutor.generators.slides_kinds import Analogy
from tutor.question import (
    Check, ExerciseUnavailable, Question, answer_kind, decimals_asked, fmt, fmt_grid, fmt_vector, slip, term,
)
from tutor.slides import SLIDES_ANALOGIES, SLIDES_IMAGE, SLIDES_KERNEL, convolve_cell, descend, sigmoid

__all__ = [
    "GENERATORS", "STATIC_KINDS", "Analogy", "Check", "ExerciseSpec", "ExerciseUnavailable", "Question",
    "SLIDES_ANALOGIES", "SLIDES_IMAGE", "SLIDES_KERNEL", "answer_kind", "convolve_cell", "descend", "fmt",
    "fmt_grid", "fmt_vector", "make_question", "sigmoid", "term",
]
STATIC_KINDS = ("choice", "typed")


@dataclass(frozen=True)
class ExerciseSpec:
    id: str
    kind: str            # "choice" | "typed" | a generator name in GENERATORS
    concept: str         # glossary key: the mastery unit this exercise trains
    lesson: str
    day: int
    difficulty: int      # 1 (recall) .. 3 (multi-step)
    data: dict           # kind-specific fields (prompt/options/answer/... or generator params)


def make_question(spec: ExerciseSpec, rng: random.Random, *, analogy: Analogy | None = None) -> Question:
    """A question for ``spec``: fresh numbers for a generated kind, shuffled options for a choice.

    ``analogy`` (a word2vec model's ``most_similar``) lets the analogy kind show what our model says.
    Raises :class:`ExerciseUnavailable` when a generator lacks what it needs.
    """
    if spec.kind in STATIC_KINDS:
        return _static_question(spec, rng)
    params = dict(spec.data)
    if analogy is not None:
        params["analogy"] = analogy
    question = GENERATORS[spec.kind](rng, params)
    return replace(question, exercise_id=spec.id, concept=spec.concept)


def static_answer(spec: ExerciseSpec) -> str:
    """The answer of a choice or typed exercise as text: a choice's option (its ``answer`` is the option's number)."""
    data = spec.data
    if spec.kind == "choice":
        return str(data.get("options", [])[int(data["answer"]) - 1])
    return str(data["answer"])


def _static_question(spec: ExerciseSpec, rng: random.Random) -> Question:
    data = spec.data
    options = [str(option) for option in data.get("options", [])]
    why_wrong = data.get("why_wrong") or {}
    aliases: dict[str, list[str]] = {}
    answer = static_answer(spec)
    if spec.kind == "choice":   # why_wrong and aliases keys are option numbers; shuffling must not lose them
        mistakes = [slip(options[int(number) - 1], why) for number, why in why_wrong.items()]
        aliases = {options[int(number) - 1]: [str(a) for a in words] for number, words in (data.get("aliases") or {}).items()}
        if data.get("shuffle", True):
            rng.shuffle(options)
    else:                       # why_wrong keys are the wrong answers themselves
        mistakes = [slip(str(wrong), why) for wrong, why in why_wrong.items()]
    plot = data.get("plot")
    decimals = data.get("decimals", decimals_asked(data["prompt"]))
    return Question(
        exercise_id=spec.id, concept=spec.concept, prompt=data["prompt"], options=options, answer=answer,
        hints=[str(h) for h in data["hints"]], solution=data["solution"],
        image=plot["name"] if plot else None, plot=dict(plot) if plot else None,
        tolerance=float(data.get("tolerance", 1e-2)), accept=[str(a) for a in data.get("accept", [])],
        explanation=data.get("explanation", ""), mistakes=mistakes,
        decimals=int(decimals) if decimals is not None else None,
        key_ideas=[[str(p) for p in idea] for idea in data.get("key_ideas", [])], aliases=aliases,
        solution_plot=dict(data["solution_plot"]) if data.get("solution_plot") else None,
    )

