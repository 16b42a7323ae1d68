"""Chit-chat probe: a prompts file in, a TSV of replies out, for a person to judge.

    python -m benchmarks.chitchat_probe PROMPTS --models DIR [--out FILE.tsv] [--mode bot|responder]

``bot`` (the default) sends each prompt as the first message of a fresh learner through the whole
core (NLU, dialogue rules, responder, the speech-act safety net) and writes
``prompt<TAB>reply<TAB>rules``, each reply followed by the options it offers (`` [options: A / B]``) so that a
judge sees what a learner sees; ``responder`` writes ``Pipeline.respond(prompt)`` alone
(``prompt<TAB>reply``). Nothing is judged here: plausibility is a reader's call (docs/responder.md).
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path


def read_prompts(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def one_line(text: str) -> str:
    return " | ".join(part.strip() for part in text.replace("\t", " ").splitlines() if part.strip())


def with_options(text: str, options: list[str]) -> str:
    """A reply as the learner sees it: its text, then the options it offers."""
    return f"{text} [options: {' / '.join(options)}]" if options else text


def responder_rows(prompts: list[str], models: Path) -> list[list[str]]:
    from nlp import Pipeline  # noqa: PLC0415 - torch is slow to import

    pipeline = Pipeline.load(models)
    return [[prompt, one_line(pipeline.respond(prompt) or "")] for prompt in prompts]


async def bot_rows(prompts: list[str], models: Path) -> list[list[str]]:
    from bot.core import open_core  # noqa: PLC0415

    core = open_core(models, ":memory:")
    rows = []
    try:
        for number, prompt in enumerate(prompts):
            result = await core.handle_turn(f"probe:{number}", prompt)
            text = "\n".join(with_options(reply.text, reply.options) for reply in result.replies)
            rows.append([prompt, one_line(text), " > ".join(result.rules)])
    finally:
        await core.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompts", type=Path)
    parser.add_argument("--models", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="TSV to write (default: stdout)")
    parser.add_argument("--mode", choices=("bot", "responder"), default="bot")
    args = parser.parse_args(argv)
    if not args.prompts.is_file():
        print(f"error: no prompts file {args.prompts}", file=sys.stderr)
        return 2
    prompts = read_prompts(args.prompts)
    rows = asyncio.run(bot_rows(prompts, args.models)) if args.mode == "bot" else responder_rows(prompts, args.models)
    text = "".join("\t".join(row) + "\n" for row in rows)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(rows)} replies written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
