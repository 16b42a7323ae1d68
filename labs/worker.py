"""What runs inside a lab's process: its limits set, the lab run, and its messages sent back.

The pool forks every lab from a fork server that imported this module, and through it torch, once
(``labs.pool``): a lab starts in milliseconds, yet shares nothing it could damage with the bot. The
process keeps to the labs' cores (by default all but the first: the chat's), lowers its priority
(SCHED_IDLE, else nice 19), runs torch on one thread, and sets two kernel limits before the lab
starts: RLIMIT_CPU (SIGXCPU at the lab's ``cpu_seconds``, caught here to stop it cleanly; SIGKILL two
seconds later if that does not help) and RLIMIT_AS (the address space at start plus the lab's
``memory_mb``, so that one huge allocation fails at once; the pool's watchdog stops a lab whose
resident memory grows past ``memory_mb`` step by step).
"""
from __future__ import annotations

import contextlib
import importlib
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")     # read when torch loads: one thread a lab
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # numpy's BLAS: its idle threads spin, stealing the chat's CPU
try:  # the fork server imports torch once, so every lab forked from it has it at no cost
    import torch  # noqa: F401
except ImportError:  # a lab that needs torch will say so itself
    pass

from labs.base import LabError   # noqa: E402 - after the thread settings, which torch reads as it loads

NICE = 19          # labs yield the CPU to the chat's turns (weight 15 against a turn's 1024)
CPU_GRACE_S = 2    # between SIGXCPU (the lab is stopped) and SIGKILL (it did not stop)


class CpuBudgetExceeded(Exception):
    """Raised in the lab by SIGXCPU: its CPU time reached its budget."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: float
    memory_mb: int
    cpus: frozenset[int] = frozenset()     # the cores labs may use (empty: any)


def main(run: str, params: dict[str, Any], limits: Limits, channel: Connection) -> None:
    """The lab process: limits, then ``run`` ("labs.cnn:run") with ``params``; every message goes to ``channel``:
    ("progress", text, fraction), ("result", LabResult, (own kB, peak kB)), ("error", text) or ("stopped", "cpu" | "memory")."""
    def progress(text: str, fraction: float) -> None:
        channel.send(("progress", str(text), float(fraction)))

    try:
        _limit(limits)
        result = load_run(run)(params, progress)
        channel.send(("result", result, memory_kb(os.getpid())))
    except CpuBudgetExceeded:
        channel.send(("stopped", "cpu"))
    except MemoryError:
        channel.send(("stopped", "memory"))
    except LabError as error:
        channel.send(("error", str(error)))
    except Exception:  # noqa: BLE001 - the learner gets one line; the trace goes to the server's log
        traceback.print_exc(file=sys.stderr)
        channel.send(("error", ""))
    finally:
        channel.close()


def load_run(run: str) -> Callable[[dict[str, Any], Callable[[str, float], None]], Any]:
    """"labs.cnn:run" -> the function."""
    module_name, _, function = run.partition(":")
    return getattr(importlib.import_module(module_name), function)


def _limit(limits: Limits) -> None:
    if limits.cpus:
        os.sched_setaffinity(0, limits.cpus)
    os.nice(NICE)
    with contextlib.suppress(AttributeError, OSError):     # not on every system: nice 19 then
        # SCHED_IDLE: a chat turn that wakes up takes the CPU from a lab at once (nice alone lets a lab
        # finish its time slice first, and every hop of a turn between threads waited for it)
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    signal.signal(signal.SIGXCPU, _cpu_spent)
    used = resource.getrusage(resource.RUSAGE_SELF)
    seconds = int(used.ru_utime + used.ru_stime + limits.cpu_seconds + 0.999)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + CPU_GRACE_S))
    address_space = _address_space_bytes() + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))


def _cpu_spent(signum: int, frame: object) -> None:
    raise CpuBudgetExceeded()


def _address_space_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def memory_kb(pid: int | None) -> tuple[int, int]:
    """(the memory process ``pid`` holds of its own now, its resident high-water mark), in kB; zeros once it is
    gone. Its own: the private pages (smaps_rollup), not those it shares with the fork server, which every lab
    has at no cost (its resident size counts them all)."""
    own = peak = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            own = sum(int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean:", "Private_Dirty:")))
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            peak = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        pass
    return own, peak
