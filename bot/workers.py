"""`tutorbot serve --workers N`: N worker processes on one port, and a parent that keeps them running.

Each worker is a whole server (its own core, models and store connection) that binds the port with
SO_REUSEPORT, so the kernel spreads new connections over the workers. The parent serves nothing: it
starts the workers, forked from a fork server that imported the server's modules (torch, aiohttp, the
tutor) once, so a worker only loads the models and the curriculum before it answers: a worker that
replaces a dead one answers within a second, where a fresh interpreter spent most of two importing.
The fork server is a process of its own, started before anything else runs (no threads, no event
loop, no connections to inherit). The parent starts another worker when one dies (a worker killed
mid-turn loses only its uncommitted turn; the client's or platform's retry reaches another worker),
and on SIGTERM or SIGINT stops them all, each finishing the turns it has in flight. A worker of the
first start that exits with a user mistake (exit 2: models missing, port taken) stops the others and
the parent exits with that code, instead of starting it again for ever; a replacement that exits 2
(the store unreachable for a while) is started again, after a pause.
"""
from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

USER_MISTAKE = 2          # a worker's exit code that another start would only repeat
QUICK_DEATH_S = 5.0       # a worker that dies sooner than this after starting is started again after a pause
RESTART_PAUSE_S = 1.0
STOP_GRACE_S = 30.0       # for the workers to finish their turns in flight, then they are killed


START_METHOD = "forkserver"   # how workers start ("spawn": fresh interpreters, as before; benchmarks/startup.py)


class Supervisor:
    """Runs ``target(*args)`` in ``count`` processes until told to stop; ``preload``: the modules the
    fork server imports once for all of them."""

    def __init__(self, count: int, target: Callable[..., Any], args: tuple[Any, ...],
                 preload: tuple[str, ...] = ()) -> None:
        self.count, self.target, self.args = count, target, args
        self.context = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            self.context.set_forkserver_preload(list(preload))
        self.workers: dict[int, tuple[BaseProcess, float]] = {}     # slot -> (process, started at)
        self.stopping = False
        self.replaced: set[int] = set()     # slots whose worker died once and was started again

    def run(self) -> int:
        """Start the workers and keep them running; returns the exit code once stopped."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        for slot in range(self.count):
            self._start(slot)
        code = 0
        while not self.stopping:
            wait([process.sentinel for process, _ in self.workers.values()], timeout=1.0)
            code = self._replace_the_dead()
        self._stop_all()
        return code

    def _replace_the_dead(self) -> int:
        for slot, (process, started) in list(self.workers.items()):
            if process.is_alive() or self.stopping:
                continue
            if process.exitcode == USER_MISTAKE and slot not in self.replaced:
                log.error("worker %d exited with a mistake in the settings (exit 2); stopping", slot)
                self.stopping = True
                return USER_MISTAKE
            log.warning("worker %d (pid %s) ended with exit code %s; starting another", slot, process.pid,
                        process.exitcode)
            if time.monotonic() - started < QUICK_DEATH_S:
                time.sleep(RESTART_PAUSE_S)     # a worker that cannot start is not started in a tight loop
            self.replaced.add(slot)
            self._start(slot)
        return 0

    def _start(self, slot: int) -> None:
        process = self.context.Process(target=self.target, args=self.args, name=f"tutorbot-worker-{slot}")
        process.start()
        self.workers[slot] = (process, time.monotonic())
        log.info("worker %d started (pid %s)", slot, process.pid)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _stop_all(self) -> None:
        processes = [process for process, _ in self.workers.values()]
        for process in processes:
            if process.is_alive():
                process.terminate()          # SIGTERM: aiohttp shuts down, the core waits for its turns
        deadline = time.monotonic() + STOP_GRACE_S
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.warning("worker pid %s did not stop in %.0f s; killing it", process.pid, STOP_GRACE_S)
                process.kill()
                process.join()
