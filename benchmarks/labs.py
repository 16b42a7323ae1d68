"""Labs beside the chat (issue 21): chat turn latency while three labs train, memory per lab worker, and a
lab past its budget stopped (``python -m benchmarks.labs [--quick] [--models DIR]``).

50 learners chat through the real core (the trained NLU when --models holds it, else the keyword rules),
each sending a message about every second (0.5 to 1.5 s apart, at random) for ``seconds``; every turn's
latency is measured from the call to its replies. Windows of two kinds alternate, 4 rounds (2 with
--quick), since the machine's other load drifts:

* with labs: three more learners start a lab each (a pool of three workers, so all three run at once, on
  the labs' cores: the worst case; the default pool has two); the window lasts until all three results
  are delivered (at least 10 s);
* baseline: right after, a window as long, nobody running a lab.

The labs are the real ones where they are installed (the first of cnn, mlp, lstm, logistic at its default
settings), else the self-test lab made CPU-bound (benchmarks/busy_lab.py: 8 s of CPU work each). The
figure is the ratio of the two p95s (target <= 1.5). The memory of a lab worker is the kernel's high-
water mark of its resident memory (it includes the pages shared with the fork server, torch among them)
and the most it held of its own. Last, a lab that allocates past its memory budget is run through the
core, and the message the learner got is printed.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import Row
from bot.core import Core, open_core
from bot.labs import Push
from labs import registry
from labs.pool import LabPool
from tutor.replies import Reply

LEARNERS = 50
LAB_LEARNERS = 3
TEXTS = ["hi", "/lesson", "what is dropout?", "/next", "/quiz", "1", "explain again", "what is a kernel?",
         "/lesson next", "thanks", "how does backprop work?", "/quiz overfitting", "2"]
REAL_LABS = ("cnn", "mlp", "lstm", "logistic")
FALLBACK = "busy busy_seconds=8 epochs=50"


@dataclass
class Phase:
    latencies_ms: list[float] = field(default_factory=list)
    labs_done: int = 0
    peak_rss_mb: list[float] = field(default_factory=list)
    peak_own_mb: list[float] = field(default_factory=list)

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def lab_command() -> str:
    """The lab the busy learners run: a real one if installed, else the CPU-bound self-test lab."""
    for name in REAL_LABS:
        if registry.spec(name) is not None:
            return f"/lab {name}"
    registry.MODULES.setdefault("busy", "benchmarks.busy_lab")
    registry.lab.cache_clear()
    return f"/lab {FALLBACK}"


async def chatter(core: Core, learner: str, until: asyncio.Event, phase: Phase, rng: random.Random) -> None:
    turn = rng.randrange(len(TEXTS))
    while not until.is_set():
        await asyncio.sleep(rng.uniform(0.5, 1.5))
        started = time.perf_counter()
        await core.handle(learner, TEXTS[turn % len(TEXTS)])
        phase.latencies_ms.append((time.perf_counter() - started) * 1000)
        turn += 1


async def window(core: Core, phase: Phase, rng: random.Random, seconds: float, command: str | None) -> float:
    """Chat for ``seconds`` (with ``command``: until the three labs it starts have been delivered, at least
    ``seconds``); how long it lasted."""
    until, started = asyncio.Event(), time.monotonic()
    chats = [asyncio.ensure_future(chatter(core, f"b:{n}", until, phase, rng)) for n in range(LEARNERS)]
    if command is not None:
        for n in range(LAB_LEARNERS):
            await core.handle(f"lab:{n}", command)
        await core.labs.idle()
    await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
    until.set()
    await asyncio.gather(*chats)
    return time.monotonic() - started


async def measure(models: Path | None, seconds: float, rounds: int) -> tuple[Phase, Phase, str, str]:
    """Windows with labs and without, alternating (the machine's other load drifts: each labs window has a
    window without labs of the same length right after it)."""
    command = lab_command()
    with tempfile.TemporaryDirectory(prefix="tutorbot-labs-bench-") as scratch:
        core = open_core(models, Path(scratch) / "bench.db", lab_pool=LabPool(workers=LAB_LEARNERS, queue_limit=8))
        pushed: dict[str, list[Reply]] = {}

        async def keep(learner: str, replies: list[Reply]) -> None:
            pushed.setdefault(learner, []).extend(replies)

        core.labs.push_to("lab:", Push(keep))
        core.labs.push_to("hog:", Push(keep))
        baseline, loaded, rng = Phase(), Phase(), random.Random(7)
        await window(core, Phase(), rng, 3, None)                    # warm up: models, store
        for _ in range(rounds):
            lasted = await window(core, loaded, rng, seconds, command)
            await window(core, baseline, rng, lasted, None)
        finished = list(core.labs.pool.finished)
        loaded.peak_rss_mb = [outcome.peak_rss_mb for outcome in finished]
        loaded.peak_own_mb = [outcome.peak_own_mb for outcome in finished]
        loaded.labs_done = sum(outcome.result is not None for outcome in finished)
        stopped = await stopped_message(core, pushed)
        await core.close()
    return baseline, loaded, command, stopped


async def stopped_message(core: Core, pushed: dict[str, list[Reply]]) -> str:
    registry.MODULES.setdefault("selftest", "labs._selftest")
    registry.lab.cache_clear()
    await core.handle("hog:1", "/lab selftest behaviour=hog")
    await core.labs.idle("hog:1")
    return next((reply.text for reply in pushed.get("hog:1", []) if "stopped" in reply.text), "(not stopped!)")


def rows(baseline: Phase, loaded: Phase, command: str, stopped: str) -> list[Row]:
    peaks = loaded.peak_rss_mb or [float("nan")]
    return [
        Row("labs", "chat turn p95 (ms), 50 learners + 3 labs", round(loaded.p(0.95), 1), "same without labs",
            round(baseline.p(0.95), 1)),
        Row("labs", "p95 ratio with / without labs", round(loaded.p(0.95) / baseline.p(0.95), 2), "", None, "<= 1.5"),
        Row("labs", "chat turn p50 (ms), with / without labs", round(loaded.p(0.5), 1), "without labs",
            round(baseline.p(0.5), 1)),
        Row("labs", "turns measured (with / without labs)", f"{len(loaded.latencies_ms)} / {len(baseline.latencies_ms)}"),
        Row("labs", f"labs that gave their result ({command})", f"{loaded.labs_done} of {len(peaks)}"),
        Row("labs", "lab worker peak RSS (MB), max", round(max(peaks), 1)),
        Row("labs", "lab worker peak RSS (MB), mean", round(statistics.fmean(peaks), 1)),
        Row("labs", "lab worker memory of its own, peak (MB), max", round(max(loaded.peak_own_mb or [float("nan")]), 1)),
        Row("labs", "a lab past its memory budget: the learner reads", stopped[stopped.find("): ") + 3:][:100]),
    ]


def run(quick: bool = False, models: Path | None = None) -> list[Row]:
    default = Path(os.environ.get("TUTORBOT_MODELS") or "models")
    models = models if models is not None else (default if default.is_dir() else None)
    baseline, loaded, command, stopped = asyncio.run(measure(models, 10.0, 2 if quick else 4))
    return rows(baseline, loaded, command, stopped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 rounds instead of 4")
    parser.add_argument("--models", type=Path, default=None, help="trained models (default: models/ if there)")
    args = parser.parse_args()
    for row in run(args.quick, args.models):
        ratio = f"  (ratio {row.ratio():.2f})" if row.ratio() is not None else ""
        baseline = f"  [{row.baseline}: {row.baseline_value}]" if row.baseline else ""
        target = f"  target {row.target}" if row.target else ""
        print(f"{row.metric}: {row.ours}{baseline}{ratio}{target}")


if __name__ == "__main__":
    main()
