"""Load and faults on `tutorbot serve` over REST on loopback
(``python -m benchmarks.serve_load [--models DIR] [--learners N] [--turns N] [--quick] [--only TEXT]``).

Five runs of the real server (``tutorbot serve --workers N`` as a subprocess, with the trained models):

1. SQLite, 1 worker;  2. PostgreSQL, 1 worker;  3. PostgreSQL, 3 workers;
4. PostgreSQL, 3 workers, one worker killed with SIGKILL when half the turns are answered;
5. the same as 4 through the Telegram webhook: the learners' messages are posted as Telegram updates
   (the update_id is the message id, a request that got no 200 is posted again as Telegram does) and the
   replies go to a fake Bot API on loopback (tests/bot/fakes/bot_api.py) behind PTB's flood limiter.

PostgreSQL is a throw-away server on loopback (tests/postgres.py). In each run every learner (500 x 10
turns by default) chats: it sends its next message when the last was answered, each with a message id.
10 % of the messages are delivered twice: the copy leaves 0-300 ms after the original and is not waited
for, so it may reach another worker, or arrive after the learner's next message (a platform's
redelivery). A request that fails (connection error, timeout, 5xx) is sent again with the same id
after 0.25, 0.5, 1 ... s (at most 5 s apart), as Telegram redelivers.

Checked afterwards, from the store's conversation log and the answers the clients got:

- lost turns: per learner, the messages missing from the log or never answered (the larger);
- duplicate replies: turns logged more than once, and message ids answered with two different answers
  (Telegram: messages sent to a chat beyond the replies its recorded turns got; of those, "resent" are
  the ones sent again because the killed worker died after the Bot API took them and before it marked
  them sent in the outbox: bot/outbox.py);
- unsent replies (Telegram): replies of recorded turns never sent (what the outbox is for: a turn whose
  worker was killed after the commit, before sending them, has them sent by the redelivery);
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
from typing import Any

import aiohttp

from benchmarks.channels_load import TURN_TEXTS, percentile
from benchmarks.common import Row
from benchmarks.registry import CACHE
from bot.channel import split_text, with_numbered_options
from tests import postgres
from tests.bot.fakes.bot_api import FakeBotApi, text_update
from tests.postgres import free_port
from tutor.replies import Reply
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
    channel: str = "rest"    # "rest" | "telegram" (the webhook of `serve`, replies to a fake Bot API)


SCENARIOS = [Scenario("SQLite, 1 worker", "sqlite", 1), Scenario("PostgreSQL, 1 worker", "postgresql", 1),
             Scenario("PostgreSQL, 3 workers", "postgresql", 3),
             Scenario("PostgreSQL, 3 workers, SIGKILL", "postgresql", 3, kill=True),
             Scenario("Telegram webhook, PostgreSQL, 3 workers, SIGKILL", "postgresql", 3, kill=True,
                      channel="telegram")]
TELEGRAM_TOKEN = "123456789:AAHbenchTokenForLoopbackOnly_abcdefghij"
TELEGRAM_SECRET = "bench-webhook-secret-token"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TELEGRAM_FIRST_USER = 100_000      # learner n is the Telegram user (and private chat) 100,000 + n
TELEGRAM_MAX_TEXT = 4096


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
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))      # learner -> message ids
    logged: dict[str, list[str]] = field(default_factory=dict)    # learner -> texts, from the store's log
    messages_due: Counter[str] = field(default_factory=Counter)    # Telegram: learner -> messages its turns got
    messages_sent: Counter[str] = field(default_factory=Counter)   # Telegram: learner -> messages the bot sent

    def turns(self) -> int:
        """The turns of the load (the lone learner's before it are not in the throughput)."""
        return len(self.latencies_s)

    def lost(self) -> int:
        return sum(max(sum((Counter(sent) - Counter(self.logged.get(learner, []))).values()),
                       self.unanswered[learner]) for learner, sent in self.sent.items())

    def duplicates(self) -> int:
        extra = sum(sum((Counter(self.logged.get(learner, [])) - Counter(sent)).values())
                    for learner, sent in self.sent.items())
        return extra + self.resent() + sum(1 for bodies in self.answers.values() if len(bodies) > 1)

    def resent(self) -> int:
        """Telegram: messages sent to a chat beyond what its recorded turns' replies make."""
        return sum((self.messages_sent - self.messages_due).values())

    def unsent(self) -> int:
        return sum((self.messages_due - self.messages_sent).values())

    def order_violations(self) -> int:
        return sum(1 for learner, sent in self.sent.items()
                   if (logged := self.logged.get(learner, [])) != sent and Counter(logged) == Counter(sent))

    def throughput(self) -> float:
        return self.turns() / self.seconds if self.seconds else 0.0


# --- the server ----------------------------------------------------------------------------------

class Server:
    """`tutorbot serve --workers N` in a subprocess, until stopped."""

    def __init__(self, db: str, workers: int, models: Path, log: Path, bot_api_url: str | None = None) -> None:
        self.port, self.workers = free_port(), workers
        command = [sys.executable, "-m", "bot.cli", "serve", "--workers", str(workers), "--port", str(self.port),
                   "--db", db, "--models", str(models), "--log-level", "WARNING"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if bot_api_url:          # the Telegram webhook at /telegram, replying to the fake Bot API
            env |= {"TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
                    "TELEGRAM_API_URL": bot_api_url}
        self.log = log.open("w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = (f"http://127.0.0.1:{self.port}/" + ("telegram" if bot_api_url else "webhooks/rest/webhook"))
        self.pids = self._wait_for_workers()

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


# --- the learners ---------------------------------------------------------------------------------

@dataclass
class Load:
    learners: int
    turns: int
    seed: int = 7


@dataclass(frozen=True)
class Channel:
    """How a learner's message reaches the server: REST (the answer is the response) or the Telegram
    webhook (the answer is "ok"; the replies go to the fake Bot API)."""

    telegram: bool

    def sender(self, number: int) -> str:
        """Learner ``number``'s name on the channel (-1: the lone learner measured before the load)."""
        return str(TELEGRAM_FIRST_USER + number) if self.telegram else f"learner{number}"

    def learner_id(self, sender: str) -> str:
        return f"tg:{sender}" if self.telegram else f"rest:{sender}"

    def message(self, sender: str, text: str, turn: int) -> tuple[str, dict[str, Any], dict[str, str]]:
        """The message's id (the store's delivery id), the body to post and its headers."""
        if not self.telegram:
            message_id = f"{sender}.{turn}"
            return message_id, {"sender": sender, "message": text, "message_id": message_id}, {}
        update_id = int(sender) * 10_000 + turn
        body = {"update_id": update_id, **text_update(int(sender), text, turn + 1)}
        return f"tg:{update_id}", body, {SECRET_HEADER: TELEGRAM_SECRET}


async def deliver(http: aiohttp.ClientSession, url: str, outcome: Outcome, message_id: str,
                  body: dict[str, Any], headers: dict[str, str]) -> str | None:
    """POST the message until it is answered (retries as a platform redelivers); the answer's body."""
    pause = 0.25
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            outcome.retries += 1
            await asyncio.sleep(pause)
            pause = min(2 * pause, 5.0)
        try:
            async with http.post(url, json=body, headers=headers) as response:
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
    channel = Channel(outcome.scenario.channel == "telegram")
    total, answered = load.learners * load.turns, 0
    copies: list[asyncio.Task[str | None]] = []
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as http:
        async def send(sender: str, text: str, turn: int, delay: float = 0.0) -> str | None:
            await asyncio.sleep(delay)
            return await deliver(http, server.url, outcome, *channel.message(sender, text, turn))

        async def say(sender: str, turn: int) -> None:
            text = TURN_TEXTS[turn % len(TURN_TEXTS)]
            outcome.sent[sender].append(text)
            outcome.ids[sender].append(channel.message(sender, text, turn)[0])
            if sender != alone and rng.random() < DOUBLED:
                copies.append(asyncio.create_task(send(sender, text, turn, rng.uniform(0, COPY_DELAY_S))))
            if await send(sender, text, turn) is None:
                outcome.unanswered[sender] += 1

        async def learner(number: int) -> None:
            nonlocal answered
            for turn in range(load.turns):
                started = time.perf_counter()
                await say(channel.sender(number), turn)
                outcome.latencies_s.append(time.perf_counter() - started)
                answered += 1
                if outcome.scenario.kill and answered == total // 2:
                    outcome.killed = min(server.pids)
                    os.kill(outcome.killed, signal.SIGKILL)

        alone = channel.sender(-1)
        for turn in range(ALONE_TURNS):      # the unloaded latency first, by a learner of its own
            started = time.perf_counter()
            await say(alone, turn)
            outcome.alone_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        await asyncio.gather(*(learner(number) for number in range(load.learners)))
        outcome.seconds = time.perf_counter() - started
        await asyncio.gather(*copies)


def read_log(db: str, outcome: Outcome, channel: Channel) -> None:
    """The learners' messages as the store logged them, and (Telegram) how many messages their
    recorded turns' replies make."""
    store = Store(db)
    try:
        for sender, ids in outcome.ids.items():
            learner = channel.learner_id(sender)
            outcome.logged[sender] = [text for who, text in store.conversation(learner) if who == "learner"]
            if channel.telegram:
                outcome.messages_due[sender] = sum(telegram_messages(store.delivered_replies(learner, i) or [])
                                                   for i in ids)
    finally:
        store.close()


def telegram_messages(replies: list[Reply]) -> int:
    """How many messages bot.telegram.send_reply sends for ``replies``."""
    chunks = (split_text(with_numbered_options(reply.text, reply.options), TELEGRAM_MAX_TEXT) for reply in replies)
    return sum(sum(1 for chunk in texts if chunk) for texts in chunks) + sum(len(r.images) for r in replies)


def count_sent(api: FakeBotApi, outcome: Outcome) -> None:
    for call in api.calls:
        if call.method in ("sendMessage", "sendPhoto"):
            outcome.messages_sent[str(call.params.get("chat_id"))] += 1


async def serve_and_chat(scenario: Scenario, load: Load, models: Path, db: str, log: Path) -> Outcome:
    """Start the server (and, for Telegram, the fake Bot API it replies to), chat, stop it."""
    outcome = Outcome(scenario)
    api = await FakeBotApi(TELEGRAM_TOKEN).start() if scenario.channel == "telegram" else None
    try:
        server = await asyncio.to_thread(Server, db, scenario.workers, models, log, api.base_url if api else None)
        try:
            await chat(server, load, outcome)
        finally:
            await asyncio.to_thread(server.stop)    # the workers finish their turns, sends included
        if api is not None:
            count_sent(api, outcome)
    finally:
        if api is not None:
            await api.stop()
    return outcome


def run_scenario(scenario: Scenario, load: Load, models: Path, scratch: Path,
                 server_pg: postgres.PostgresServer | None) -> Outcome:
    slug = scenario.name.replace(", ", "-").replace(" ", "-").lower()
    db = server_pg.new_database("bench") if scenario.backend == "postgresql" and server_pg else str(scratch / f"{slug}.db")
    print(f"--- {scenario.name}: {load.learners} learners x {load.turns} turns", flush=True)
    outcome = asyncio.run(serve_and_chat(scenario, load, models, db, scratch / f"{slug}.log"))
    read_log(db, outcome, Channel(scenario.channel == "telegram"))
    print(f"    {outcome.throughput():.1f} turns/s, p95 {1000 * percentile(outcome.latencies_s, 95):.0f} ms, "
          f"lost {outcome.lost()}, duplicates {outcome.duplicates()}, order {outcome.order_violations()}, "
          f"of them resent {outcome.resent()}, unsent replies {outcome.unsent()}, retries {outcome.retries}", flush=True)
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

def measure(load: Load, models: Path | None, only: str = "") -> list[Outcome]:
    """The runs whose name contains ``only`` (all by default)."""
    models = default_models(models)
    reason = postgres.unavailable()
    scenarios = [s for s in SCENARIOS if (s.backend == "sqlite" or reason is None) and only in s.name]
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
                 "PostgreSQL, 3 workers, SIGKILL": "PostgreSQL, 1 worker",
                 "Telegram webhook, PostgreSQL, 3 workers, SIGKILL": "PostgreSQL, 3 workers, SIGKILL"}
    rows: list[Row] = []
    for outcome in outcomes:
        name, base = outcome.scenario.name, by_name.get(baselines.get(outcome.scenario.name, ""))
        bench = f"serve {name}"
        rows += [
            Row(bench, f"throughput (turns/s), {load.learners} learners x {load.turns} turns",
                round(outcome.throughput(), 1), base.scenario.name if base else "",
                round(base.throughput(), 1) if base else None),
            Row(bench, "turn p95 under the load (ms)", round(1000 * percentile(outcome.latencies_s, 95)),
                base.scenario.name if base else "",
                round(1000 * percentile(base.latencies_s, 95)) if base else None),
            Row(bench, "turn p95, one learner alone (ms)", round(1000 * percentile(outcome.alone_s, 95), 1),
                base.scenario.name if base else "",
                round(1000 * percentile(base.alone_s, 95), 1) if base else None),
            Row(bench, "lost turns", outcome.lost(), target="== 0"),
            Row(bench, "duplicate replies", outcome.duplicates(), target="== 0"),
            Row(bench, "per-learner order violations", outcome.order_violations(), target="== 0"),
        ]
        if outcome.scenario.channel == "telegram":
            rows += [Row(bench, "replies of recorded turns never sent", outcome.unsent(), target="== 0"),
                     Row(bench, "of the duplicates, replies sent again (killed between the send and its mark)",
                         outcome.resent())]
    return rows


def run(quick: bool = False, models: Path | None = None) -> list[Row]:
    """The `make bench` section "serve load"."""
    load = Load(50, 4) if quick else Load(500, 10)
    return rows_for(measure(load, models), load)


def print_table(outcomes: list[Outcome]) -> None:
    print(f"\n{'scenario':50} {'turns/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'alone p95':>9} "
          f"{'lost':>5} {'dup':>4} {'resent':>6} {'order':>6} {'unsent':>6} {'retries':>7}")
    first_pg = next((o for o in outcomes if o.scenario.name == "PostgreSQL, 1 worker"), None)
    for outcome in outcomes:
        ratio = outcome.throughput() / first_pg.throughput() if first_pg and first_pg.throughput() else float("nan")
        print(f"{outcome.scenario.name:50} {outcome.throughput():8.1f} {ratio:6.2f} "
              f"{1000 * percentile(outcome.latencies_s, 50):7.0f} {1000 * percentile(outcome.latencies_s, 95):7.0f} "
              f"{1000 * percentile(outcome.alone_s, 95):9.1f} {outcome.lost():5d} {outcome.duplicates():4d} {outcome.resent():6d} {outcome.order_violations():6d} {outcome.unsent():6d} {outcome.retries:7d}")
    print(f"ratio: throughput against PostgreSQL, 1 worker. p50/p95: under the load, {ALONE_TURNS} turns of "
          f"one learner alone before it. Every run has {DOUBLED:.0%} of its messages delivered twice. unsent: "
          "Telegram replies of recorded turns never sent; resent: of dup, Telegram messages sent again because "
          "their worker was killed after the Bot API took them, before the outbox marked them sent.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a trained models directory (default: models/, else tiny ones)")
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="50 learners x 4 turns")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the runs whose name contains TEXT")
    args = parser.parse_args()
    load = Load(50, 4) if args.quick else Load(args.learners, args.turns)
    print_table(measure(load, args.models, args.only))


if __name__ == "__main__":
    main()
