"""`tutorbot shell`: chat with the tutor in the terminal.

Reads the learner's lines from standard input — from a terminal or a pipe alike, so a
session can be scripted (``printf 'hi\\nquiz me\\n' | tutorbot shell``) — and ends at EOF
or ``/quit``. Options are shown numbered (type the number to choose one); pictures are PNG
files whose paths are printed. Labs run in a pool of processes; their progress and results
are printed as they come (scripted input waits for the learner's lab before its next line).
Trains the models first when the default ``models/`` holds none; a directory named by ``--models`` or ``$TUTORBOT_MODELS`` must hold models (a mistyped path
must not start a long training into it): `tutorbot train --models DIR` fills one.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import TextIO

from bot.core import Core, TurnResult, open_core, started
from bot.labs import Push
from labs.pool import LabPool
from tutor.replies import Reply

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
QUIT_COMMANDS = ("/quit", "/exit")
PROMPT = "you> "
WAITING_FOR_LAB = "(Your lab is still running: its result comes before we close.)\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=os.environ.get("USER") or "learner",
                        help="your learner name (default: $USER); progress is kept per name")
    parser.add_argument("--debug", action="store_true",
                        help="after each reply, show the dialogue rules that fired and the signals read")


def run(args: argparse.Namespace) -> int:
    models = Path(args.models)
    if not getattr(args, "models_chosen", False) and not _has_models(models):
        _train(models)   # the first run with the default models/; a directory the user named is never trained into
    asyncio.run(_chat_with_labs(models, args.db, f"cli:{args.user}", debug=args.debug))
    return 0


async def _chat_with_labs(models: Path, db: str, learner_id: str, *, debug: bool) -> None:
    """The chat, with labs in their pool of processes: results and progress lines printed as they come."""
    core = open_core(models, db, lab_pool=LabPool.from_env())   # no models there: a one-line error naming it
    started()
    core.labs.push_to("cli:", Push(replies=lambda learner, replies: _print(replies, sys.stdout),
                                   progress=lambda learner, line: _print([Reply(line)], sys.stdout)))
    await chat(core, learner_id, sys.stdin, sys.stdout, debug=debug)


async def _print(replies: list[Reply], out: TextIO) -> None:
    _show(replies, out)


def _has_models(models: Path) -> bool:
    return models.is_dir() and any(models.iterdir())


def _train(models: Path) -> None:
    from nlp import Pipeline

    print(f"No trained models in {models}/ yet: training them first (this takes a few minutes).", flush=True)
    Pipeline.train(DATA_DIR, progress=True).save(models)


async def chat(core: Core, learner_id: str, lines: TextIO, out: TextIO, *, debug: bool = False) -> None:
    """Greet the learner, then answer every line until EOF or /quit; closes the core. ``debug``: after each
    reply, the rules that fired and the signals of the turn."""
    interactive = lines.isatty()
    try:
        _show(await core.handle(learner_id, "/start"), out)
        while True:
            if interactive:
                out.write(PROMPT)
                out.flush()
            line = await asyncio.to_thread(lines.readline)
            if not line or line.strip().lower() in QUIT_COMMANDS:
                break
            if not interactive:  # echo scripted input, so a transcript reads like a dialogue
                await core.labs.idle(learner_id)   # ... in which the learner waits for their lab's result
                out.write(f"{PROMPT}{line.rstrip()}\n")
            result = await core.handle_turn(learner_id, line.rstrip("\n"))
            _show(result.replies, out)
            if debug:
                _show_debug(result, out)
        if core.labs.busy(learner_id):
            out.write(WAITING_FOR_LAB)
            await core.labs.idle(learner_id)
        out.write("Bye — your progress is saved.\n")
    finally:
        await core.close()
        out.flush()


def _show_debug(result: TurnResult, out: TextIO) -> None:
    out.write(f"   [rules] {' > '.join(result.rules) or '(none)'}\n")
    if result.signals is not None:
        readings = {k: v for k, v in result.signals.describe().items() if v not in (None, False, [])}
        out.write(f"   [signals] {'; '.join(f'{k}={v}' for k, v in readings.items())}\n")
    out.flush()


def _show(replies: list[Reply], out: TextIO) -> None:
    for reply in replies:
        out.write(f"tutor> {reply.text}\n")
        for number, option in enumerate(reply.options, start=1):
            out.write(f"   {number}. {option}\n")
        for image in reply.images:
            out.write(f"   [picture, a PNG file: open it to see it] {image}\n")
    out.flush()
