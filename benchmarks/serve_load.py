"""Load and faults on `tutorbot serve` over REST on loopback
(``python -m benchmarks.serve_load [--models DIR] [--learners N] [--turns N] [--quick]``).

Four runs of the real server (``tutorbot serve --workers N`` as a subprocess, with the trained models):

1. SQLite, 1 worker;  2. PostgreSQL, 1 worker;  3. PostgreSQL, 3 workers;
4. PostgreSQL, 3 workers, one worker killed with SIGKILL when half the turns are answered.

PostgreSQL is a throw-away server on loopback (tests/postgres.py). In each run every learner (500 x 10
turns by default) chats: it sends its next message when the last was answered, each with a message id.
10 % of the messages are delivered twice: the copy leaves 0-300 ms after the original and is not waited
for, so it may reach another worker, or arrive after the learner's next message (a platform's
redelivery). A request that fails (connection error, timeout, 5xx) is sent again with the same id
after 0.25, 0.5, 1 ... s (at most 5 s apart), as Telegram redelivers.

Checked afterwards, from the store's conversation log and the answers the clients got:

- lost turns: per learner, the messages missing from the log or never answered (the larger);
- duplicate replies: turns logged more than once, and message ids answered with two different answers;
- order violations: learners whose messages the log holds in an order other than the one sent;

and throughput (turns/s, from the first message to the last answer) and the REST turn p50/p95 (from the
first send to the answer, retries included): under the load, where every learner waits for the
others' turns, and first for one learner alone (ALONE_TURNS turns, nobody else on the server). The
ratios: 3 workers against 1, PostgreSQL against SQLite.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from benchmarks.channels_load import TURN_TEXTS, percentile
from benchmarks.common import Row
from benchmarks.registry import CACHE
from tests import postgres
from tests.postgres import free_port
from tutor.store import Store

ROOT = Path(__file__).resolve().parent.parent
TINY_MODELS = CACHE / "models" / "serve-tiny"
DOUBLED = 0.10               # of the messages, delivered twice
COPY_DELAY_S = 0.3           # the copy leaves up to this long after the original
REQUEST_TIMEOUT_S = 60.0     # a request unanswered this long is sent again
MAX_ATTEMPTS = 12
ALONE_TURNS = 40
START_S = 300.0              # for the workers to load the models on a busy machine


@dataclass(frozen=True)
class Scenario:
    name: str
    backend: str             # "sqlite" | "postgresql"
    workers: int
    kill: bool = False


SCENARIOS = [Scenario("SQLite, 1 worker", "sqlite", 1), Scenario("PostgreSQL, 1 worker", "postgresql", 1),
             Scenario("PostgreSQL, 3 workers", "postgresql", 3),
             Scenario("PostgreSQL, 3 workers, SIGKILL", "postgresql", 3, kill=True)]


@dataclass
class Outcome:
    scenario: Scenario
    sent: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))      # learner -> texts
    answers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))    # message id -> bodies
    unanswered: Counter[str] = field(default_factory=Counter)      # learner -> messages never answered
    latencies_s: list[float] = field(default_factory=list)
    alone_s: list[float] = field(default_factory=list)              # one learner's turns, nobody else's
    seconds: float = 0.0
    retries: int = 0
    killed: int | None = None
    logged: dict[str, list[str]] = field(default_factory=dict)    # learner -> texts, from the store's log

    def turns(self) -> int:
        """The turns of the load (the lone learner's before it are not in the throughput)."""
        return len(self.latencies_s)

    def lost(self) -> int:
        return sum(max(sum((Counter(sent) - Counter(self.logged.get(learner, []))).values()),
                       self.unanswered[learner]) for learner, sent in self.sent.items())

    def duplicates(self) -> int:
        extra = sum(sum((Counter(self.logged.get(learner, [])) - Counter(sent)).values())
                    for learner, sent in self.sent.items())
        return extra + sum(1 for bodies in self.answers.values() if len(bodies) > 1)

    def order_violations(self) -> int:
        return sum(1 for learner, sent in self.sent.items()
                   if (logged := self.logged.get(learner, [])) != sent and Counter(logged) == Counter(sent))

    def throughput(self) -> float:
        return self.turns() / self.seconds if self.seconds else 0.0


# --- the server ----------------------------------------------------------------------------------

class Server:
    """`tutorbot serve --workers N` in a subprocess, until stopped."""

    def __init__(self, db: str, workers: int, models: Path, log: Path) -> None:
        self.port, self.workers = free_port(), workers
        command = [sys.executable, "-m", "bot.cli", "serve", "--workers", str(workers), "--port", str(self.port),
                   "--db", db, "--models", str(models), "--log-level", "WARNING"]
        self.log = log.open("w")
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.pids = self._wait_for_workers()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def _wait_for_workers(self) -> set[int]:
        """The workers' pids, once each has answered /healthz (new connections spread over them)."""
        seen: set[int] = set()
        deadline = time.monotonic() + START_S
        while len(seen) < self.workers and time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tutorbot serve exited with {self.process.returncode}: see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as response:
                    seen.add(json.loads(response.read())["worker"])
            except OSError:
                time.sleep(0.5)
        if len(seen) < self.workers:
            raise RuntimeError(f"only {len(seen)} of {self.workers} workers answered in {START_S:.0f} s")
        return seen

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# --- the learners --------------------------------------------------------------------------------

@dataclass
class Load:
    learners: int
    turns: int
    seed: int = 7


async def deliver(http: aiohttp.ClientSession, url: str, outcome: Outcome, sender: str, text: str,
                  message_id: str) -> str | None:
    """POST the message until it is answered (retries as a platform redelivers); the answer's body."""
    pause = 0.25
    body = {"sender": sender, "message": text, "message_id": message_id}
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            outcome.retries += 1
            await asyncio.sleep(pause)
            pause = min(2 * pause, 5.0)
        try:
            async with http.post(url, json=body) as response:
                if response.status < 500:
                    answer = await response.text()
                    if response.status == 200:
                        outcome.answers[message_id].add(answer)
                        return answer
                    return None            # refused: not worth sending again
        except (aiohttp.ClientError, asyncio.TimeoutError):
            pass
    return None


async def chat(server: Server, load: Load, outcome: Outcome) -> None:
    """Every learner chats; one worker is killed when half the turns are answered (``scenario.kill``)."""
    rng = random.Random(load.seed)
    total, answered = load.learners * load.turns, 0
    copies: list[asyncio.Task[str | None]] = []
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as http:
        async def copy_later(sender: str, text: str, message_id: str, delay: float) -> str | None:
            await asyncio.sleep(delay)
            return await deliver(http, server.url, outcome, sender, text, message_id)

        async def learner(number: int) -> None:
            nonlocal answered
            sender = f"learner{number}"
            for turn in range(load.turns):
                text, message_id = TURN_TEXTS[turn % len(TURN_TEXTS)], f"{sender}.{turn}"
                outcome.sent[sender].append(text)
                if rng.random() < DOUBLED:
                    copies.append(asyncio.create_task(copy_later(sender, text, message_id,
                                                                 rng.uniform(0, COPY_DELAY_S))))
                started = time.perf_counter()
                if await deliver(http, server.url, outcome, sender, text, message_id) is None:
                    outcome.unanswered[sender] += 1
                outcome.latencies_s.append(time.perf_counter() - started)
                answered += 1
                if outcome.scenario.kill and answered == total // 2:
                    outcome.killed = min(server.pids)
                    os.kill(outcome.killed, signal.SIGKILL)

        for turn in range(ALONE_TURNS):      # the unloaded latency first, by a learner of its own
            text, started = TURN_TEXTS[turn % len(TURN_TEXTS)], time.perf_counter()
            outcome.sent["alone"].append(text)
            if await deliver(http, server.url, outcome, "alone", text, f"alone.{turn}") is None:
                outcome.unanswered["alone"] += 1
            outcome.alone_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        await asyncio.gather(*(learner(number) for number in range(load.learners)))
        outcome.seconds = time.perf_counter() - started
        await asyncio.gather(*copies)


def read_log(db: str, learners: list[str]) -> dict[str, list[str]]:
    store = Store(db)
    try:
        return {learner: [text for sender, text in store.conversation(f"rest:{learner}") if sender == "learner"]
                for learner in learners}
    finally:
        store.close()


def run_scenario(scenario: Scenario, load: Load, models: Path, scratch: Path,
                 server_pg: postgres.PostgresServer | None) -> Outcome:
    slug = scenario.name.replace(", ", "-").replace(" ", "-").lower()
    db = server_pg.new_database("bench") if scenario.backend == "postgresql" and server_pg else str(scratch / f"{slug}.db")
    print(f"--- {scenario.name}: {load.learners} learners x {load.turns} turns", flush=True)
    server = Server(db, scenario.workers, models, scratch / f"{slug}.log")
    outcome = Outcome(scenario)
    try:
        asyncio.run(chat(server, load, outcome))
    finally:
        server.stop()
    outcome.logged = read_log(db, list(outcome.sent))
    print(f"    {outcome.throughput():.1f} turns/s, p95 {1000 * percentile(outcome.latencies_s, 95):.0f} ms, "
          f"lost {outcome.lost()}, duplicates {outcome.duplicates()}, order {outcome.order_violations()}, "
          f"retries {outcome.retries}", flush=True)
    return outcome


# --- models --------------------------------------------------------------------------------------

def default_models(models: Path | None) -> Path:
    """``models``, else the repository's models/ when trained, else tiny models trained once into the cache."""
    for candidate in (models, ROOT / "models"):
        if candidate is not None and (candidate / "manifest.json").is_file():
            return candidate
    if not (TINY_MODELS / "manifest.json").is_file():
        print(f"training tiny models into {TINY_MODELS} (no --models given, models/ is empty)", flush=True)
        subprocess.run([sys.executable, "-m", "bot.cli", "train", "--data", str(ROOT / "tests/fixtures/tiny_data"),
                        "--preset", "tiny", "--models", str(TINY_MODELS)], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    return TINY_MODELS


# --- rows ----------------------------------------------------------------------------------------

def measure(load: Load, models: Path | None) -> list[Outcome]:
    models = default_models(models)
    reason = postgres.unavailable()
    scenarios = [s for s in SCENARIOS if s.backend == "sqlite" or reason is None]
    if reason:
        print(f"PostgreSQL runs skipped: {reason}", flush=True)
    server_pg = postgres.start(max_connections=50) if reason is None else None
    try:
        with tempfile.TemporaryDirectory(prefix="tutorbot-serve-load-") as scratch:
            return [run_scenario(scenario, load, models, Path(scratch), server_pg) for scenario in scenarios]
    finally:
        if server_pg:
            server_pg.stop()


def rows_for(outcomes: list[Outcome], load: Load) -> list[Row]:
    by_name = {outcome.scenario.name: outcome for outcome in outcomes}
    baselines = {"PostgreSQL, 1 worker": "SQLite, 1 worker", "PostgreSQL, 3 workers": "PostgreSQL, 1 worker",
                 "PostgreSQL, 3 workers, SIGKILL": "PostgreSQL, 1 worker"}
    rows: list[Row] = []
    for outcome in outcomes:
        name, base = outcome.scenario.name, by_name.get(baselines.get(outcome.scenario.name, ""))
        bench = f"serve {name}"
        rows += [
            Row(bench, f"throughput (turns/s), {load.learners} learners x {load.turns} turns",
                round(outcome.throughput(), 1), base.scenario.name if base else "",
                round(base.throughput(), 1) if base else None),
            Row(bench, "REST turn p95 under the load (ms)", round(1000 * percentile(outcome.latencies_s, 95)),
                base.scenario.name if base else "",
                round(1000 * percentile(base.latencies_s, 95)) if base else None),
            Row(bench, "REST turn p95, one learner alone (ms)", round(1000 * percentile(outcome.alone_s, 95), 1),
                base.scenario.name if base else "",
                round(1000 * percentile(base.alone_s, 95), 1) if base else None),
            Row(bench, "lost turns", outcome.lost(), target="== 0"),
            Row(bench, "duplicate replies", outcome.duplicates(), target="== 0"),
            Row(bench, "per-learner order violations", outcome.order_violations(), target="== 0"),
        ]
    return rows


def run(quick: bool = False, models: Path | None = None) -> list[Row]:
    """The `make bench` section "serve load"."""
    load = Load(50, 4) if quick else Load(500, 10)
    return rows_for(measure(load, models), load)


def print_table(outcomes: list[Outcome]) -> None:
    print(f"\n{'scenario':34} {'turns/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'alone p95':>9} "
          f"{'lost':>5} {'dup':>4} {'order':>6} {'retries':>7}")
    first_pg = next((o for o in outcomes if o.scenario.name == "PostgreSQL, 1 worker"), None)
    for outcome in outcomes:
        ratio = outcome.throughput() / first_pg.throughput() if first_pg and first_pg.throughput() else float("nan")
        print(f"{outcome.scenario.name:34} {outcome.throughput():8.1f} {ratio:6.2f} "
              f"{1000 * percentile(outcome.latencies_s, 50):7.0f} {1000 * percentile(outcome.latencies_s, 95):7.0f} "
              f"{1000 * percentile(outcome.alone_s, 95):9.1f} {outcome.lost():5d} {outcome.duplicates():4d} {outcome.order_violations():6d} {outcome.retries:7d}")
    print(f"ratio: throughput against PostgreSQL, 1 worker. p50/p95: under the load, {ALONE_TURNS} turns of "
          f"one learner alone before it. Every run has {DOUBLED:.0%} of its messages delivered twice.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a trained models directory (default: models/, else tiny ones)")
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="50 learners x 4 turns")
    args = parser.parse_args()
    load = Load(50, 4) if args.quick else Load(args.learners, args.turns)
    print_table(measure(load, args.models))


if __name__ == "__main__":
    main()
