"""`tutorbot lab`: list the labs, or run one as the chat would, for lab authors and tests.

    tutorbot lab                                  the labs, installed or not, with their settings
    tutorbot lab NAME [key=value ...] [--json]    run one in this process and print what it gave
    tutorbot lab NAME ... --budget                run it in a lab worker, under its CPU and memory budgets

The settings are read and checked as in the chat (``/lab NAME key=value``); a value outside its range
is a one-line error naming the range (exit 2). A stopped or failed lab exits 1. ``--json`` prints one
object: the settings (the seed among them), the figures, the summary, the code, the question, the
pictures (PNG files in --pictures DIR, default the picture cache), seconds and, with --budget, the peak
resident memory of the lab's process.
"""
from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from nlp.errors import TutorbotError


def add_command(commands: Any, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("lab", parents=[common], help="list the hands-on labs, or run one",
                              description="Without NAME: the labs and their settings. With NAME: run that lab with "
                              "the key=value settings given (the others at their defaults) and print its result.")
    sub.add_argument("name", nargs="?", metavar="NAME")
    sub.add_argument("settings", nargs="*", metavar="key=value")
    sub.add_argument("--json", action="store_true", help="print the result as one JSON object")
    sub.add_argument("--budget", action="store_true",
                     help="run in a lab worker process under the lab's CPU and memory budgets, as the chat does")
    sub.add_argument("--pictures", type=Path, metavar="DIR", help="where to write the PNGs (default: picture cache)")
    sub.set_defaults(handler=run_lab)


def run_lab(args: argparse.Namespace) -> int:
    from labs import registry  # noqa: PLC0415

    if not args.name:
        return _list(registry)
    try:
        lab = registry.lab(args.name)
    except KeyError:
        raise TutorbotError(f"no lab {args.name!r}; the labs: {', '.join(registry.MODULES)}") from None
    if lab.spec is None:
        raise TutorbotError(f"the {args.name} lab is not installed ({lab.missing})")
    return _run(args, registry, lab.spec)


def _run(args: argparse.Namespace, registry: Any, spec: Any) -> int:
    from bot.labs import run_inline, write_pictures  # noqa: PLC0415
    from labs.base import LabError  # noqa: PLC0415
    from labs.pool import LabPool  # noqa: PLC0415

    try:
        params = registry.read_settings(spec, " ".join(args.settings)).values
    except LabError as error:
        raise TutorbotError(str(error)) from None
    show = (lambda text, done: None) if args.json else (lambda text, done: print(f"  {text}", flush=True))
    if args.budget:
        outcome = asyncio.run(_in_a_worker(LabPool(workers=1), spec, params, show))
    else:
        outcome = run_inline(spec, params, show)
    pictures = write_pictures(outcome.result.pictures, args.pictures) if outcome.result else []
    _print(outcome, spec, params, pictures, args.json)
    return 0 if outcome.result is not None else 1


async def _in_a_worker(pool: Any, spec: Any, params: dict[str, Any], show: Any) -> Any:
    return await pool.submit("cli", spec, params, show)[1]


def _print(outcome: Any, spec: Any, params: dict[str, Any], pictures: list[Path], as_json: bool) -> None:
    result = outcome.result
    if as_json:
        print(json.dumps({
            "lab": spec.name, "params": params, "status": "done" if result else "stopped" if outcome.stopped else "failed",
            "figures": result.figures if result else {}, "summary": result.summary if result else "",
            "code": result.code if result else "", "question": asdict(result.question) if result and result.question
            else None, "pictures": [str(p) for p in pictures], "table": result.table if result else [],
            "stopped": outcome.stopped, "error": outcome.error, "seconds": round(outcome.seconds, 2),
            "peak_rss_mb": round(outcome.peak_rss_mb, 1) or None}, indent=2, ensure_ascii=False))
        return
    if result is None:
        print(f"stopped: {outcome.stopped}" if outcome.stopped else f"failed: {outcome.error or 'see the log'}")
        return
    print(result.summary)
    print("figures: " + ", ".join(f"{key}={value:g}" for key, value in result.figures.items()))
    print(result.code)
    for path in pictures:
        print(f"picture: {path}")
    if result.question:
        print(f"question: {result.question.prompt} {list(result.question.options)} -> {result.question.answer}")


def _list(registry: Any) -> int:
    for lab in registry.labs():
        if lab.spec is None:
            print(f"{lab.name}: not installed ({lab.missing})")
            continue
        print(f"{lab.name} (Day {lab.spec.day}): {lab.spec.title} — budget {lab.spec.cpu_seconds:g} CPU s, "
              f"{lab.spec.memory_mb} MB")
        for line in registry.help_lines(lab.spec):
            print(f"  {line}")
    return 0
