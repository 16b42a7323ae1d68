"""Labs run beside the chat: a bounded pool of processes, one lab per learner, a bounded queue, budgets.

``await pool.submit(learner, spec, params, progress)`` admits a lab or refuses it at once: the learner
already has one running or waiting (:class:`LabBusy`), or the queue is full (:class:`QueueFull`). An
admitted lab gets its place (0: it starts now; 3: "you're number 3 in the queue") and a task whose
:class:`LabOutcome` holds the result, or why the lab was stopped, in words that name the limit.

Each lab runs in a fresh process forked from a fork server that imported torch and the labs once
(``labs.preload``): at most ``workers`` at a time, the rest wait their turn in order. A fresh process
per lab means a lab stopped at its budget takes nothing with it, and the kernel's limits (CPU seconds,
address space) hold for exactly one lab. A thread per running lab watches it: it forwards progress to
the event loop, stops the lab when the memory it holds of its own (private pages) passes its budget or
it has run ``WALL_FACTOR`` times its CPU budget in wall time (a lab that sleeps or waits uses no CPU),
and records its peak memory.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from labs.base import LabResult, LabSpec
from labs.worker import CPU_GRACE_S, Limits, main, memory_kb

WALL_FACTOR = 8            # wall-clock seconds a lab may take per CPU second of budget (labs share their cores)
WALL_MARGIN_S = 30         # plus this: starting, a busy machine
POLL_S = 0.5              # how often the watchdog reads the lab's memory (every 0.1 s had tripled the chat's p95: GIL wake-ups)
DEFAULT_WORKERS = 2
DEFAULT_QUEUE = 8
FINISHED_KEPT = 100        # outcomes kept for the figures (peak memory per lab worker)
STOPPED = {
    "cpu": "it used up its CPU budget of {cpu:g} seconds",
    "memory": "it needed more than its memory budget of {memory} MB",
    "wall": "it ran longer than its time limit of {wall:g} seconds",
}

ProgressSink = Callable[[str, float], None]


class LabBusy(Exception):
    """The learner already has a lab running or waiting (its name is the message)."""


class QueueFull(Exception):
    """Every worker is busy and the queue holds as many labs as it may."""


@dataclass
class LabOutcome:
    """How a lab run ended: its result, or why it did not give one (words for the learner)."""

    result: LabResult | None = None
    stopped: str | None = None         # "it used up its CPU budget of 60 seconds"
    error: str | None = None           # the lab's LabError, or "" for a crash (the trace is in the log)
    peak_rss_mb: float = 0.0           # the kernel's high-water mark of the lab process's resident memory
                                       # (with the pages it shares with the fork server: torch, the labs' imports)
    peak_own_mb: float = 0.0           # the most memory the lab held of its own (private pages), as watched
    seconds: float = 0.0               # wall time, from start to end (not counting the wait in the queue)


@dataclass
class _Watch:
    """What the watchdog learnt of a running lab."""

    outcome: LabOutcome
    peak_kb: int = 0
    peak_own_kb: int = 0
    reason: str | None = None          # the watchdog stopped it: "memory" or "wall"


class LabPool:
    """The labs of every learner of one bot process. Create it in the event loop that awaits its labs."""

    def __init__(self, workers: int = DEFAULT_WORKERS, queue_limit: int = DEFAULT_QUEUE,
                 preload: tuple[str, ...] = ("labs.preload",), cpus: frozenset[int] | None = None) -> None:
        self.workers, self.queue_limit = max(1, workers), queue_limit
        self.cpus = lab_cpus() if cpus is None else cpus
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))
        self._slots = asyncio.Semaphore(self.workers)
        # The threads that watch running labs are the pool's own: in the loop's default executor they would
        # take the threads the chat's turns run in (6 on 2 cores), and every turn would queue behind them.
        self._watchers = ThreadPoolExecutor(self.workers, thread_name_prefix="lab-watch")
        self._learners: dict[str, str] = {}          # learner -> the lab they have running or waiting
        self._running = 0
        self._waiting = 0
        self.finished: deque[LabOutcome] = deque(maxlen=FINISHED_KEPT)   # the last labs' outcomes (figures)
        self._processes: set[Any] = set()            # the labs' processes while they run (close() stops them)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> LabPool:
        """``TUTORBOT_LAB_WORKERS`` processes (default 2), ``TUTORBOT_LAB_QUEUE`` waiting labs (default 8),
        ``TUTORBOT_LAB_CPUS`` the cores they run on ("1-3", "2,3" or "all"; default all but the first)."""
        env = os.environ if environ is None else environ
        return cls(int(env.get("TUTORBOT_LAB_WORKERS") or DEFAULT_WORKERS),
                   int(env.get("TUTORBOT_LAB_QUEUE") or DEFAULT_QUEUE), cpus=lab_cpus(env.get("TUTORBOT_LAB_CPUS")))

    def busy(self, learner: str) -> str | None:
        """The lab ``learner`` has running or waiting, if any."""
        return self._learners.get(learner)

    @property
    def load(self) -> tuple[int, int]:
        """(labs running, labs waiting)."""
        return self._running, self._waiting

    def submit(self, learner: str, spec: LabSpec, params: dict[str, Any],
               progress: ProgressSink | None = None) -> tuple[int, asyncio.Task[LabOutcome]]:
        """Admit the lab: its place in the queue (0: it starts now) and the task that runs it.

        Raises :class:`LabBusy` or :class:`QueueFull` without running anything."""
        if learner in self._learners:
            raise LabBusy(self._learners[learner])
        queued = self._running + self._waiting - self.workers      # admitted labs with no worker yet
        if queued >= self.queue_limit:
            raise QueueFull(str(self.queue_limit))
        place = max(0, queued + 1)
        self._learners[learner] = spec.name
        self._waiting += 1
        task = asyncio.ensure_future(self._queued(learner, spec, params, progress or (lambda text, done: None)))
        return place, task

    async def _queued(self, learner: str, spec: LabSpec, params: dict[str, Any], progress: ProgressSink) -> LabOutcome:
        loop = asyncio.get_running_loop()
        running = False
        try:
            async with self._slots:
                self._waiting -= 1
                self._running, running = self._running + 1, True
                forward = lambda text, done: loop.call_soon_threadsafe(progress, text, done)  # noqa: E731
                return await loop.run_in_executor(self._watchers, self.run_now, spec, params, forward)
        finally:
            self._running -= 1 if running else 0
            self._waiting -= 0 if running else 1
            del self._learners[learner]

    def close(self) -> None:
        """Stop the labs still running (their learners get no result): a closing bot does not wait for them."""
        for process in list(self._processes):
            process.kill()
        self._watchers.shutdown(wait=False, cancel_futures=True)

    def run_now(self, spec: LabSpec, params: dict[str, Any], progress: ProgressSink | None = None) -> LabOutcome:
        """Run one lab in its own process and wait for it (blocking: call it from a thread)."""
        receiving, sending = self._context.Pipe(duplex=False)
        limits = Limits(spec.cpu_seconds, spec.memory_mb, self.cpus)
        process = self._context.Process(target=main, args=(spec.run, params, limits, sending), daemon=True,
                                        name=f"lab-{spec.name}")
        started = time.monotonic()
        process.start()
        self._processes.add(process)
        sending.close()
        watch = _Watch(LabOutcome())
        try:
            _follow(process, receiving, spec, watch, progress or (lambda text, done: None))
        finally:
            self._processes.discard(process)
            receiving.close()
            process.join(timeout=CPU_GRACE_S + 1)
            if process.is_alive():
                process.kill()
                process.join()
        outcome = watch.outcome
        outcome.seconds = time.monotonic() - started
        outcome.peak_rss_mb, outcome.peak_own_mb = watch.peak_kb / 1024, watch.peak_own_kb / 1024
        _explain_end(outcome, watch, process.exitcode, spec)
        self.finished.append(outcome)
        return outcome


def _follow(process: Any, messages: Connection, spec: LabSpec, watch: _Watch, progress: ProgressSink) -> None:
    """Relay the lab's messages until it ends; stop it past its memory budget or its time limit."""
    deadline = time.monotonic() + wall_limit(spec)
    while True:
        if messages.poll(POLL_S):
            try:
                message = messages.recv()
            except (EOFError, OSError):
                return                                   # the process ended (or was killed) without a word
            if _take(message, watch, progress):
                return
        own, peak = memory_kb(process.pid)
        watch.peak_kb, watch.peak_own_kb = max(watch.peak_kb, peak), max(watch.peak_own_kb, own)
        if own > spec.memory_mb * 1024:
            watch.reason = "memory"
        elif time.monotonic() > deadline:
            watch.reason = "wall"
        elif process.exitcode is not None and not messages.poll():
            return
        if watch.reason:
            process.kill()
            return


def _take(message: tuple[Any, ...], watch: _Watch, progress: ProgressSink) -> bool:
    """Note one message of the lab; True when it was the last."""
    kind, outcome = message[0], watch.outcome
    if kind == "progress":
        progress(message[1], message[2])
        return False
    if kind == "result":
        outcome.result = message[1]
        own, peak = message[2]       # measured by the lab itself: one quicker than a poll is measured too
        watch.peak_kb, watch.peak_own_kb = max(watch.peak_kb, peak), max(watch.peak_own_kb, own)
    elif kind == "error":
        outcome.error = message[1]
    elif kind == "stopped":
        outcome.stopped = message[1]
    return True


def _explain_end(outcome: LabOutcome, watch: _Watch, exitcode: int | None, spec: LabSpec) -> None:
    """Why the lab gave no result, in the learner's words (the limit named)."""
    reason = watch.reason or outcome.stopped
    if reason is None and outcome.result is None and outcome.error is None:
        killed_by = -exitcode if exitcode is not None and exitcode < 0 else None
        reason = "cpu" if killed_by in (signal.SIGXCPU, signal.SIGKILL) else None
        outcome.error = "" if reason is None else None
    if reason is not None:
        outcome.result = None
        outcome.stopped = STOPPED[reason].format(cpu=spec.cpu_seconds, memory=spec.memory_mb, wall=wall_limit(spec))


def lab_cpus(setting: str | None = None) -> frozenset[int]:
    """The cores labs run on: ``setting`` ("1-3", "2,3", "all"), by default every core this process may use
    but the lowest, which stays the chat's (a lab on every core had doubled the chat's median turn)."""
    available = sorted(os.sched_getaffinity(0))
    if setting and setting.strip().lower() != "all":
        chosen = set()
        for part in setting.replace(" ", "").split(","):
            low, _, high = part.partition("-")
            chosen.update(range(int(low), int(high or low) + 1))
        return frozenset(chosen & set(available)) or frozenset(available)
    return frozenset(available[1:] if len(available) > 1 and not setting else available)


def wall_limit(spec: LabSpec) -> float:
    return WALL_FACTOR * spec.cpu_seconds + WALL_MARGIN_S


