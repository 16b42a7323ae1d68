"""Load on both channels: 200 concurrent learners x 10 turns through Telegram and Messenger on
loopback (``python -m benchmarks.channels_load [--quick] [--models DIR]``).

Each channel runs for real (PTB polling a fake Bot API; the aiohttp Messenger server receiving
signed webhooks and replying to a fake Graph API) over the real tutor core with a temporary
learner store. Every learner message carries its turn number ("/help #3"); a thin wrapper
strips it before the core and tags the core's replies with it ("[3] ..."), so the fake platform
servers can check that no reply is lost or duplicated and that each learner's replies come in
order. Two phases per channel:

* paced: learners send at random moments (about ``think_s`` apart each), as people do; this
  gives the receipt-to-send latency (receipt = the update handed out by getUpdates / the
  webhook posted; send = the turn's last text reply reaching the platform; pictures excluded);
* burst: every learner sends all its turns at once; this gives the throughput (turns/s).

``run_paced`` (the `make bench` section "channels at 1 s") reruns the paced phase with a
message about every second per learner on both channels, Telegram twice: with tutorbot's
aiohttp transport and, as the baseline in the same run, with python-telegram-bot's default
httpx transport, which bound the Telegram path near 114 turns/s.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web
from telegram.ext import AIORateLimiter
from telegram.request import BaseRequest, HTTPXRequest

from benchmarks.common import Row
from bot.channel import TutorCore, open_tutor_core
from bot.messenger import make_app
from bot.telegram import TelegramSettings, build_application, serve
from tests.bot.fakes import bot_api, graph_api
from tests.bot.fakes.bot_api import Call, FakeBotApi
from tests.bot.fakes.graph_api import FakeGraphApi, Sent
from tutor.replies import Reply

# What learners say: commands, a quiz answer and a question, all answered without trained models
# and without pictures (/progress draws one: pictures are excluded from the latency figure).
TURN_TEXTS = ["/start", "/help", "/lesson", "/quiz", "1", "what is dropout?", "/review", "/lesson", "/quiz", "2"]
TOKEN = "424242424:AAbenchmarkTokenNotARealOne_0123456789"
APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN = "bench-app-secret", "bench-verify", "bench-page-token"
FIRST_ID = 10_000
WAIT_S = 120.0           # for the last replies; what has not come by then is lost


# --- bookkeeping ---------------------------------------------------------------------------------

Key = tuple[str, int]     # (learner's chat id / psid, turn number)


@dataclass
class Ledger:
    """What each learner sent and what came back."""

    asked: set[Key] = field(default_factory=set)
    expected: dict[Key, int] = field(default_factory=dict)       # replies the core gave (1 until known)
    received: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))   # learner -> turn tags
    received_at: dict[Key, float] = field(default_factory=dict)  # the turn's last text reply
    receipt_at: dict[Key, float] = field(default_factory=dict)   # when the channel received the turn
    started_at: float = 0.0
    cpu_s: float = 0.0         # the process's CPU time over the phase (channel, core and fakes)

    def reply(self, learner: str, text: str, at: float) -> None:
        if not text.startswith("["):
            return                      # an apology or a continuation chunk: not a turn's reply
        turn = int(text[1: text.index("]")])
        self.received[learner].append(turn)
        self.received_at[(learner, turn)] = at

    def counts(self) -> dict[Key, int]:
        counts: dict[Key, int] = defaultdict(int)
        for learner, turns in self.received.items():
            for turn in turns:
                counts[(learner, turn)] += 1
        return counts

    def complete(self) -> bool:
        counts = self.counts()
        return all(counts.get(key, 0) >= self.expected.get(key, 1) for key in self.asked)

    def lost_and_duplicated(self) -> tuple[int, int]:
        counts = self.counts()
        lost = sum(max(0, self.expected.get(key, 1) - counts.get(key, 0)) for key in self.asked)
        duplicated = sum(max(0, count - self.expected.get(key, 1)) for key, count in counts.items())
        return lost, duplicated

    def out_of_order(self) -> int:
        """Learners whose replies did not come turn by turn."""
        return sum(1 for turns in self.received.values() if turns != sorted(turns))

    def latencies_ms(self) -> list[float]:
        return [1000 * (self.received_at[key] - start) for key, start in self.receipt_at.items()
                if key in self.received_at]

    def throughput(self) -> float:
        """Turns per second, from the first message sent to the last reply received."""
        if not self.received_at:
            return 0.0
        return len(self.asked) / (max(self.received_at.values()) - self.started_at)


class NumberedCore:
    """The real core, with the learner's turn tag moved from the message to the replies."""

    def __init__(self, core: TutorCore, ledger: Ledger) -> None:
        self.core, self.ledger = core, ledger

    async def handle(self, learner_id: str, text: str, *, delivery_id: str | None = None) -> list[Reply]:
        body, _, tag = text.rpartition(" #")
        replies = await self.core.handle(learner_id, body, delivery_id=delivery_id)
        self.ledger.expected[(learner_id.split(":", 1)[1], int(tag))] = len(replies)
        return [Reply(f"[{tag}] {reply.text}", reply.options, reply.images) for reply in replies]

    async def options_token(self, learner_id: str) -> str:
        return await self.core.options_token(learner_id)

    async def close(self) -> None:
        """The real core is closed by its owner."""


# --- learners ------------------------------------------------------------------------------------

@dataclass
class Load:
    learners: int
    turns: int
    think_s: float        # mean pause between a learner's messages; 0: all at once (burst)


async def drive(load: Load, ledger: Ledger, send: Callable[[str, int, str], Awaitable[None]]) -> None:
    """Every learner sends its turns; returns once every reply came back (or WAIT_S passed)."""
    rng = random.Random(7)

    async def learner(number: int) -> None:
        learner_id = str(FIRST_ID + number)
        for turn in range(1, load.turns + 1):
            if load.think_s:
                await asyncio.sleep(rng.uniform(0, 2 * load.think_s))
            ledger.asked.add((learner_id, turn))
            await send(learner_id, turn, f"{TURN_TEXTS[(turn - 1) % len(TURN_TEXTS)]} #{turn}")

    ledger.started_at = time.perf_counter()
    await asyncio.gather(*(learner(n) for n in range(load.learners)))
    deadline = time.perf_counter() + WAIT_S
    while not ledger.complete() and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)       # what is still missing then counts as lost


# --- the channels --------------------------------------------------------------------------------

def httpx_requests() -> tuple[BaseRequest, BaseRequest]:
    """python-telegram-bot's default transport (its pool sizes for API calls and for getUpdates)."""
    return HTTPXRequest(connection_pool_size=256), HTTPXRequest(connection_pool_size=1)


async def telegram_phase(core: TutorCore, load: Load,
                         requests: tuple[BaseRequest, BaseRequest] | None = None) -> Ledger:
    ledger = Ledger()
    api = await FakeBotApi(TOKEN).start()
    turn_of_update: dict[int, Key] = {}

    def on_call(call: Call) -> None:
        if call.method == "sendMessage":
            ledger.reply(str(call.params["chat_id"]), call.params.get("text", ""), call.at)

    api.on_call = on_call
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url)
    # Telegram's own flood limits (30 messages/s) are the platform's, not ours: measured without them.
    limiter = AIORateLimiter(overall_max_rate=0, group_max_rate=0)
    stop = asyncio.Event()
    application = build_application(NumberedCore(core, ledger), settings, rate_limiter=limiter, requests=requests)
    bot = asyncio.create_task(serve(application, settings, stop))
    await api.wait_for(lambda: bool(api.sent("setMyCommands")))

    async def send(learner: str, turn: int, text: str) -> None:
        update_id = api.push(bot_api.text_update(int(learner), text, message_id=turn))
        turn_of_update[update_id] = (learner, turn)

    await drive(load, ledger, send)
    ledger.receipt_at = {key: api.delivered_at[update_id] for update_id, key in turn_of_update.items()
                         if update_id in api.delivered_at}
    stop.set()
    await bot
    await api.stop()
    return ledger


async def messenger_phase(core: TutorCore, load: Load) -> Ledger:
    ledger = Ledger()
    graph = await FakeGraphApi().start()

    def on_send(sent: Sent) -> None:
        ledger.reply(sent.psid, sent.text, sent.at)

    graph.on_send = on_send
    app = make_app(NumberedCore(core, ledger), app_secret=APP_SECRET, verify_token=VERIFY_TOKEN,
                   page_token=PAGE_TOKEN, graph_url=graph.url)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/webhook"  # type: ignore[union-attr]

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        async def send(learner: str, turn: int, text: str) -> None:
            body = graph_api.webhook([graph_api.text_event(learner, text, f"mid.{learner}.{turn}")])
            headers = {"X-Hub-Signature-256": graph_api.sign(APP_SECRET, body), "Content-Type": "application/json"}
            ledger.receipt_at[(learner, turn)] = time.perf_counter()
            async with http.post(url, data=body, headers=headers) as response:
                response.raise_for_status()

        await drive(load, ledger, send)
    await runner.cleanup()
    await graph.stop()
    return ledger


# --- rows ----------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def rows_for(channel: str, paced: Ledger, burst: Ledger, load: Load) -> list[Row]:
    name = f"{channel} load"
    latencies = paced.latencies_ms()
    lost = sum(ledger.lost_and_duplicated()[0] for ledger in (paced, burst))
    duplicated = sum(ledger.lost_and_duplicated()[1] for ledger in (paced, burst))
    disordered = paced.out_of_order() + burst.out_of_order()
    scale = f"{load.learners} learners x {load.turns} turns"
    return [
        Row(name, f"receipt-to-send p50 (ms), {scale}", round(percentile(latencies, 50), 1)),
        Row(name, f"receipt-to-send p95 (ms), {scale}", round(percentile(latencies, 95), 1), target="<= 100"),
        Row(name, "throughput, all at once (turns/s)", round(burst.throughput(), 1)),
        Row(name, "lost replies", lost, target="== 0"),
        Row(name, "duplicate replies", duplicated, target="== 0"),
        Row(name, "learners out of order", disordered, target="== 0"),
    ]


async def measure(learners: int, turns: int, think_s: float, models: Path | None) -> list[Row]:
    rows: list[Row] = []
    phases: list[tuple[str, Callable[[TutorCore, Load], Awaitable[Ledger]]]] = [
        ("telegram", telegram_phase), ("messenger", messenger_phase)]
    with tempfile.TemporaryDirectory() as tmp:
        for channel, phase in phases:
            core = open_tutor_core(models, Path(tmp) / f"{channel}.db")
            try:
                paced = await phase(core, Load(learners, turns, think_s))
                burst = await phase(core, Load(learners, turns, 0.0))
            finally:
                await core.close()
            rows += rows_for(channel, paced, burst, Load(learners, turns, think_s))
    return rows


THINK_S = 3.0      # a learner's mean pause between messages: people read, think and type
PACED_THINK_S = 1.0


def scale(quick: bool) -> tuple[int, int]:
    return (20, 3) if quick else (200, 10)


def run(quick: bool = False, models: Path | None = None, think_s: float = THINK_S) -> list[Row]:
    learners, turns = scale(quick)
    return asyncio.run(measure(learners, turns, think_s=think_s, models=models))


def run_paced(quick: bool = False, models: Path | None = None) -> list[Row]:
    """Every learner sends a message about every second, on both channels; the Telegram rows
    compare with python-telegram-bot's default httpx transport, measured in the same run."""
    return asyncio.run(measure_paced(Load(*scale(quick), PACED_THINK_S), models))


async def measure_paced(load: Load, models: Path | None) -> list[Row]:
    runs: list[tuple[str, Callable[[TutorCore], Awaitable[Ledger]]]] = [
        ("telegram, httpx", lambda core: telegram_phase(core, load, httpx_requests())),
        ("telegram", lambda core: telegram_phase(core, load)),
        ("messenger", lambda core: messenger_phase(core, load)),
    ]
    ledgers: dict[str, Ledger] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, phase in runs:
            core = open_tutor_core(models, Path(tmp) / f"{name}.db")
            started = time.process_time()
            try:
                ledgers[name] = await phase(core)
            finally:
                await core.close()
            ledgers[name].cpu_s = time.process_time() - started
    return paced_rows(ledgers, load)


def paced_rows(ledgers: dict[str, Ledger], load: Load) -> list[Row]:
    before = ledgers["telegram, httpx"]
    baseline = "PTB default transport (httpx)"
    scale_text = f"{load.learners} learners x {load.turns} turns, {load.think_s:g} s pacing"
    rows: list[Row] = []
    for channel in ("telegram", "messenger"):
        ledger = ledgers[channel]
        compare = channel == "telegram"
        lost, duplicated = ledger.lost_and_duplicated()
        cpu_ms = round(1000 * ledger.cpu_s / max(1, len(ledger.asked)), 2)
        rows += [
            # CPU per turn holds still on a busy machine, where turns/s and p95 measure the machine.
            Row(f"{channel} at 1 s", "CPU per turn (ms, the whole process with the fakes)", cpu_ms,
                baseline if compare else "",
                round(1000 * before.cpu_s / max(1, len(before.asked)), 2) if compare else None),
            Row(f"{channel} at 1 s", f"throughput (turns/s), {scale_text}", round(ledger.throughput(), 1),
                baseline if compare else "", round(before.throughput(), 1) if compare else None),
            Row(f"{channel} at 1 s", "receipt-to-send p95 (ms)", round(percentile(ledger.latencies_ms(), 95), 1),
                baseline if compare else "", round(percentile(before.latencies_ms(), 95), 1) if compare else None,
                target="<= 1000"),
            Row(f"{channel} at 1 s", "lost + duplicated + out of order", lost + duplicated + ledger.out_of_order(),
                target="== 0"),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 learners x 3 turns")
    parser.add_argument("--models", type=Path, help="a trained models directory (default: none, commands only)")
    parser.add_argument("--think", type=float, default=THINK_S, metavar="S",
                        help=f"mean pause between a learner's messages in the paced phase (default {THINK_S})")
    parser.add_argument("--paced", action="store_true",
                        help="the 1 s pacing comparison instead (Telegram also on PTB's httpx transport)")
    args = parser.parse_args()
    rows = run_paced(args.quick, args.models) if args.paced else run(args.quick, args.models, args.think)
    for row in rows:
        ratio = f"{row.ratio():.2f}x {row.baseline}" if row.ratio() is not None else ""
        baseline = "" if row.baseline_value is None else str(row.baseline_value)
        print(f"{row.benchmark:16} {row.metric:60} {row.ours!s:>8}  {baseline:>8}  {ratio}  {row.target}")


if __name__ == "__main__":
    main()
