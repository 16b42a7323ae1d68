"""`tutorbot exercises sample|grade|check`: preview, grade and check the course's exercises (SPEC:
"Knowledge base, exercises, labs, serve"), for curriculum authors and the tests.

    tutorbot exercises sample [--concept KEY] [--kind NAME] [--n N] [--seed S] [--json]
    tutorbot exercises grade ID --seed S ANSWER [--json]
    tutorbot exercises check [--seeds N]

An item is an exercise id of data/curriculum/exercises.yml, or ``kind:NAME`` for a generated kind
on its own; with its seed it is always the same question, so `grade` grades what `sample` showed.
"""
from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

from nlp.errors import TutorbotError

MIN_ITEMS_PER_CONCEPT = 3
DEFAULT_CHECK_SEEDS = 200


def add_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `exercises` and its three subcommands on the `tutorbot` parser."""
    parser = commands.add_parser("exercises", parents=[common], help="preview and check exercises (curriculum authors)",
                                 description="Sample, grade and check the course's exercises.")
    parser.add_argument("--curriculum", type=Path, metavar="DIR",
                        help="curriculum directory (default: data/curriculum of this checkout)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sample = actions.add_parser("sample", help="print items as a learner would see them, with their answers")
    sample.add_argument("--concept", metavar="KEY", help="only exercises training this glossary concept")
    sample.add_argument("--kind", metavar="NAME", help="only this kind: choice, typed or a generated kind")
    sample.add_argument("--n", type=int, metavar="N", help="how many items (default: one per matching exercise)")
    sample.add_argument("--seed", type=int, default=0, metavar="S", help="the first seed (default: 0)")
    sample.add_argument("--json", action="store_true", help="one JSON object a line")
    sample.set_defaults(handler=run_sample)
    grade = actions.add_parser("grade", help="grade an answer to one item")
    grade.add_argument("id", metavar="ID", help="an exercise id, or kind:NAME")
    grade.add_argument("--seed", type=int, required=True, metavar="S", help="the item's seed (as sample printed it)")
    grade.add_argument("answer", metavar="ANSWER", help="the answer as a learner would type it")
    grade.add_argument("--json", action="store_true", help="print one JSON object")
    grade.set_defaults(handler=run_grade)
    check = actions.add_parser("check", help="check every item over many seeds; exit 1 with the problems")
    check.add_argument("--seeds", type=int, default=DEFAULT_CHECK_SEEDS, metavar="N",
                       help=f"seeds per exercise (default: {DEFAULT_CHECK_SEEDS})")
    check.set_defaults(handler=run_check)


def run_sample(args: argparse.Namespace) -> int:
    from tutor.exercise_check import item_question

    specs = _matching(_all_specs(args), args.concept, args.kind)
    count = args.n if args.n is not None else len(specs)
    if count < 1:
        raise TutorbotError("--n must be at least 1")
    items = itertools.islice(((spec, seed) for seed in itertools.count(args.seed) for spec in specs), count)
    for spec, seed in items:
        question = item_question(spec, seed)
        record = {"id": spec.id, "concept": question.concept, "kind": spec.kind, "question": question.prompt,
                  "options": list(question.options) or None, "hint_format": question.format_hint(),
                  "answer": question.answer, "seed": seed}
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            options = "".join(f"\n  {chr(97 + i)}) {o}" for i, o in enumerate(question.options))
            print(f"[{spec.id} seed {seed}] {question.prompt}{options}\n  answer: {question.answer}\n")
    return 0


def run_grade(args: argparse.Namespace) -> int:
    from tutor.exercise_check import item_question

    specs = {spec.id: spec for spec in _all_specs(args)}
    if args.id not in specs:
        raise TutorbotError(f"no exercise '{args.id}' (see `tutorbot exercises sample`; a generated kind is kind:NAME)")
    check = item_question(specs[args.id], args.seed).check(args.answer)
    verdict = "correct" if check.correct else "wrong" if check.understood else "unreadable"
    if args.json:
        print(json.dumps({"verdict": verdict, "feedback": check.feedback}, ensure_ascii=False))
    else:
        print(f"{verdict}: {check.feedback}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from tutor.exercise_check import check_items, kind_specs
    from tutor.exercises import GENERATORS

    if args.seeds < 1:
        raise TutorbotError("--seeds must be at least 1")
    course = _course(args)
    specs = list(course.exercises.values())
    problems = [str(p) for p in check_items([*specs, *kind_specs()], range(args.seeds))]
    per_concept = Counter(spec.concept for spec in specs)
    problems += [f"concept {key}: {per_concept[key]} exercise(s), fewer than {MIN_ITEMS_PER_CONCEPT}"
                 for key in course.concepts if per_concept[key] < MIN_ITEMS_PER_CONCEPT]
    unused = sorted(set(GENERATORS) - {spec.kind for spec in specs})
    problems += [f"generated kind {kind} is used by no exercise" for kind in unused]
    for problem in problems:
        print(problem)
    least = min(per_concept[key] for key in course.concepts)
    print(f"{len(specs)} exercises + {len(GENERATORS)} generated kinds x {args.seeds} seeds checked; "
          f"at least {least} exercises per concept; {len(problems)} problem(s)")
    return 1 if problems else 0


def _course(args: argparse.Namespace) -> Any:
    from tutor.curriculum import DEFAULT_DIR, Curriculum

    return Curriculum.load(args.curriculum or DEFAULT_DIR)


def _all_specs(args: argparse.Namespace) -> list[Any]:
    from tutor.exercise_check import kind_specs

    return [*_course(args).exercises.values(), *kind_specs()]


def _matching(specs: list[Any], concept: str | None, kind: str | None) -> list[Any]:
    """The course's exercises matching the filters; a generated kind no exercise uses comes bare."""
    chosen = [s for s in specs if not s.id.startswith("kind:")
              and (concept is None or s.concept == concept) and (kind is None or s.kind == kind)]
    if not chosen and concept is None:
        chosen = [s for s in specs if s.id == f"kind:{kind}"]
    if not chosen:
        wanted = " and ".join(part for part in (concept and f"concept '{concept}'", kind and f"kind '{kind}'") if part)
        raise TutorbotError(f"no exercise with {wanted}")
    return chosen
