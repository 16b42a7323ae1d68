"""Start-up: how soon `tutorbot shell` and `tutorbot serve` answer, and what their imports cost.

``python -m benchmarks.startup [--models DIR] [--runs N]`` (``make bench`` runs it as "startup").

Each figure is the median of ``--runs`` fresh processes, on the same models, the old and the new
start taken in turn:

- shell: from starting the process to its greeting (the answer to ``/start``), and to the answer
  to a typed "hello" (the first free text through the models);
- serve: to the first ``GET /healthz`` that is 200, and to the first REST answer;
- ``serve --workers 2``: from a worker SIGKILLed to the first /healthz 200 of the worker started in its
  place (forked from the workers' fork server, against workers spawned as fresh interpreters, as before);
- the CPU time (user + system) the process used until then: wall-clock figures on a shared
  machine move with its load, this much less.

The code's bytecode is compiled first (``compileall``, as the Docker image does at build and as
Python does on a first run unless ``PYTHONDONTWRITEBYTECODE`` is set): a deployed worker reads it, and
a start that compiled tutorbot's modules (about half a second here) would measure the checkout, not
the server. Both variants read it.

The baseline is the start as it was before the start-up work, rebuilt in this run on the same
code: the answer retriever's index built at load instead of read (the models copied without
``answers/index.*``), gensim (with ``scipy.stats``) and pandas imported as they were then, and
torch's thread pool left at its default size (:data:`BEFORE_IMPORTS`, run before the command). The import breakdown (``-X
importtime``, seconds per top-level package, summed over its modules) is printed for both.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from benchmarks.common import Row
from bot.workers import QUICK_DEATH_S

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
# What starting did before this work: it imported gensim (and scipy.stats) and pandas, and left
# torch's thread pool at its default size.
BEFORE_IMPORTS = "import gensim.models, pandas, torch; torch.set_num_threads = lambda count: None"
SHOWN_PACKAGES = ("torch", "gensim", "scipy", "pandas", "sqlite_utils", "numpy", "aiohttp", "matplotlib", "yaml",
                  "tutor", "nlp", "bot")
TIMEOUT_S = 180.0
PACKAGES = ("bot", "nlp", "tutor", "labs")
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


@dataclass(frozen=True)
class Start:
    ready_s: float        # shell: the greeting; serve: /healthz 200
    answered_s: float     # the first answer to a learner's free text
    cpu_s: float          # the process's CPU time (user + system) until it stopped after that answer


def cpu_seconds(process: subprocess.Popen[Any]) -> float:
    """Reaps ``process`` (which has ended or been told to) and returns its CPU time: on a shared
    machine the wall-clock figures move with the load, this much less."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def command(variant: str, *args: str) -> list[str]:
    """``python -m bot.cli ARGS`` as now (``after``) or with the imports of before (``before``)."""
    if variant == "after":
        return [sys.executable, "-m", "bot.cli", *args]
    code = f"{BEFORE_IMPORTS}; import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", code, *args]


def environment(scratch: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "TUTORBOT_IMAGES": str(scratch / "images")}
    for name in ("TUTORBOT_API_TOKEN", "TELEGRAM_BOT_TOKEN", "MESSENGER_PAGE_TOKEN", "MESSENGER_APP_SECRET",
                 "MESSENGER_VERIFY_TOKEN"):
        env.pop(name, None)
    return env


def shell_start(variant: str, models: Path, scratch: Path) -> Start:
    """The shell greets (``/start``) before reading; "hello" is echoed as ``you> hello``, then answered."""
    db = scratch / f"shell-{time.monotonic_ns()}.db"
    started = time.perf_counter()
    process = subprocess.Popen(command(variant, "shell", "--models", str(models), "--db", str(db), "--user", "bench"),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=environment(scratch), cwd=ROOT)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("hello\n")
    process.stdin.flush()
    ready = answered = None
    echoed = False
    for line in process.stdout:
        now = time.perf_counter() - started
        ready = ready if ready is not None else now
        if echoed:
            answered = now
            break
        echoed = line.startswith("you> hello")
    process.stdin.close()
    cpu = cpu_seconds(process)
    if ready is None or answered is None:
        raise RuntimeError(f"tutorbot shell gave no answer (exit code {process.returncode})")
    return Start(ready, answered, cpu)


def serve_start(variant: str, models: Path, scratch: Path) -> Start:
    port = free_port()
    db = scratch / f"serve-{time.monotonic_ns()}.db"
    started = time.perf_counter()
    process = subprocess.Popen(command(variant, "serve", "--models", str(models), "--db", str(db), "--port", str(port)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment(scratch), cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        while not healthy(base):
            if process.poll() is not None or time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError(f"tutorbot serve did not become healthy (exit code {process.poll()})")
            time.sleep(0.01)
        ready = time.perf_counter() - started
        body = json.dumps({"sender": "bench", "message": "hello"}).encode()
        request = urllib.request.Request(base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            json.load(response)
        answered = time.perf_counter() - started
    finally:
        process.terminate()
    return Start(ready, answered, cpu_seconds(process))


def worker_restart(method: str, models: Path, scratch: Path) -> float:
    """`serve --workers 2`: seconds from SIGKILLing a worker to its replacement's first /healthz 200
    (bot/workers.py; ``method``: how workers start, "forkserver" now, "spawn" before)."""
    port, db = free_port(), scratch / f"workers-{time.monotonic_ns()}.db"
    code = (f"import sys, bot.workers; bot.workers.START_METHOD = {method!r}; "
            "from bot.cli import main; sys.exit(main(sys.argv[1:]))")
    process = subprocess.Popen([sys.executable, "-c", code, "serve", "--workers", "2", "--models", str(models), "--db",
                                str(db), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment(scratch), cwd=ROOT)
    base, started = f"http://127.0.0.1:{port}", time.perf_counter()
    try:
        workers: set[int] = set()
        while len(workers) < 2:
            workers |= {pid for pid in [worker_pid(base)] if pid is not None}
            if process.poll() is not None or time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError(f"tutorbot serve --workers 2 did not start (exit code {process.poll()})")
            time.sleep(0.02)
        # a worker that dies within QUICK_DEATH_S of its start is replaced after a pause: wait that out
        time.sleep(max(0.0, QUICK_DEATH_S + 0.5 - (time.perf_counter() - started)))
        os.kill(min(workers), signal.SIGKILL)
        killed = time.perf_counter()
        while (pid := worker_pid(base)) is None or pid in workers:
            if time.perf_counter() - killed > TIMEOUT_S:
                raise RuntimeError("no worker replaced the killed one")
            time.sleep(0.01)
        return time.perf_counter() - killed
    finally:
        process.terminate()
        process.wait(TIMEOUT_S)


def worker_pid(base: str) -> int | None:
    """The pid of the worker that answered /healthz with 200 (None: no answer yet)."""
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
            return int(json.load(response)["worker"]) if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def import_breakdown(variant: str, models: Path, scratch: Path) -> Counter[str]:
    """Seconds of import per top-level package in a shell's start (``-X importtime``, self times summed)."""
    db = scratch / f"imports-{time.monotonic_ns()}.db"
    argv = command(variant, "shell", "--models", str(models), "--db", str(db))
    run = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], input="", capture_output=True, text=True,
                         env=environment(scratch), cwd=ROOT, timeout=TIMEOUT_S, check=True)
    seconds: Counter[str] = Counter()
    for line in run.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            seconds[match.group(2).split(".")[0]] += int(match.group(1)) / 1e6
    return seconds


def models_pair(models: Path, scratch: Path) -> tuple[Path, Path]:
    """(with the saved answer index, without it) copies of ``models``."""
    from nlp import index_file  # noqa: PLC0415
    from nlp.answers import Answers  # noqa: PLC0415
    from nlp.embeddings import Embeddings  # noqa: PLC0415

    with_index, without = scratch / "with-index", scratch / "without-index"
    shutil.copytree(models, with_index)
    shutil.copytree(models, without)
    for directory in (with_index, without):
        for name in (index_file.ARRAYS, index_file.LAYOUT):
            (directory / "answers" / name).unlink(missing_ok=True)
    if (models / "answers").is_dir():   # the index as training saves it
        embeddings = Embeddings.load(models / "embeddings", shared={})
        Answers.load(with_index / "answers", shared={"embeddings": embeddings}).save(with_index / "answers")
    return with_index, without


def find_models(given: Path | None) -> Path:
    for candidate in (given, Path(os.environ["TUTORBOT_MODELS"]) if os.environ.get("TUTORBOT_MODELS") else None,
                      ROOT / "models"):
        if candidate is not None and (candidate / "manifest.json").is_file():
            return candidate
    raise RuntimeError("no trained models: run `make train` or pass --models DIR")


def median_starts(measure: Callable[[str, Path, Path], Start], variants: dict[str, Path], scratch: Path,
                  runs: int) -> dict[str, Start]:
    """The median figures of each variant, the variants' runs taken in turn (the machine's load
    then weighs on both alike)."""
    starts: dict[str, list[Start]] = {variant: [] for variant in variants}
    for _ in range(runs):
        for variant, models in variants.items():
            starts[variant].append(measure(variant, models, scratch))
    return {variant: Start(*(statistics.median(getattr(s, name) for s in runs_of) for name in ("ready_s", "answered_s", "cpu_s")))
            for variant, runs_of in starts.items()}


def compile_bytecode() -> None:
    """The bytecode of tutorbot's packages, written beside them (``__pycache__``, git-ignored)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True, timeout=TIMEOUT_S)


def measure_all(models: Path, runs: int) -> list[Row]:
    compile_bytecode()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="tutorbot-startup-") as name:
        scratch = Path(name)
        with_index, without = models_pair(models, scratch)
        variants = {"after": with_index, "before": without}
        baseline = "before: index built at load, gensim + pandas imported, default threads"
        for channel, measure, ready in (("shell", shell_start, "greeting"), ("serve", serve_start, "/healthz 200")):
            medians = median_starts(measure, variants, scratch, runs)
            after, before = medians["after"], medians["before"]
            rows += [Row("startup", f"{channel}: {ready} (s)", round(after.ready_s, 2), baseline,
                         round(before.ready_s, 2), f"<= {TARGET_S}"),
                     Row("startup", f"{channel}: first answer (s)", round(after.answered_s, 2), baseline,
                         round(before.answered_s, 2), f"<= {TARGET_S}, < baseline"),
                     Row("startup", f"{channel}: CPU to first answer (s)", round(after.cpu_s, 2), baseline,
                         round(before.cpu_s, 2), "< baseline")]
        restarts: dict[str, list[float]] = {"forkserver": [], "spawn": []}
        for _ in range(runs):
            for method, times in restarts.items():
                times.append(worker_restart(method, with_index, scratch))
        rows.append(Row("startup", "serve --workers 2: a killed worker's replacement to /healthz 200 (s)",
                        round(statistics.median(restarts["forkserver"]), 2), "workers spawned as fresh interpreters",
                        round(statistics.median(restarts["spawn"]), 2), f"<= {TARGET_S}"))
        imports = {variant: import_breakdown(variant, variants[variant], scratch) for variant in ("after", "before")}
    for package in SHOWN_PACKAGES:
        rows.append(Row("startup", f"shell imports {package} (s)", round(imports["after"][package], 3),
                        "before", round(imports["before"][package], 3)))
    rows.append(Row("startup", "shell imports, all (s)", round(sum(imports["after"].values()), 2),
                    "before", round(sum(imports["before"].values()), 2)))
    return rows


def run(quick: bool = False, models: Path | None = None) -> list[Row]:
    return measure_all(find_models(models), runs=1 if quick else 3)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="trained models (default $TUTORBOT_MODELS, else models/)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (the median is shown)")
    args = parser.parse_args(argv)
    for row in measure_all(find_models(args.models), args.runs):
        ratio = row.ratio()
        print(f"{row.metric:40} {row.ours!s:>8}   {row.baseline_value!s:>8} {row.baseline[:6]}"
              + (f"   x{ratio:.2f}" if ratio is not None else "") + (f"   target {row.target}" if row.target else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
