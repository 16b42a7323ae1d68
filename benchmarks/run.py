"""`make bench` (``python -m benchmarks.run [--only SECTION ...] [--quick]``): every benchmark, one table.

Each section is a module with ``run() -> list[Row]`` (ours also take ``quick``), or
``module:function`` for another function of that shape. A section whose module
is not there is reported "not available"; one that fails prints its error and the others still run.
The table is printed with rich and written to ``reports/bench.json`` and ``reports/bench.md``
(git-ignored) for the README's results table.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import operator
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from benchmarks.common import Row

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
SECTIONS = {  # name -> module, in running order
    "atis": "benchmarks.atis",
    "polarity": "benchmarks.polarity",
    "speed": "benchmarks.speed",
    "own": "benchmarks.own_data",
    "responder": "benchmarks.responder",
    "answers": "benchmarks.answers",
    "channels": "benchmarks.channels_load",
    "channels-1s": "benchmarks.channels_load:run_paced",
    "serve": "benchmarks.serve_load",
    "learners": "benchmarks.learners",
    "labs": "benchmarks.lab_times",
    "startup": "benchmarks.startup",
    "labs-chat": "benchmarks.labs",
}
TITLES = {"atis": "ATIS", "polarity": "Pang & Lee", "speed": "speed", "own": "own data",
          "responder": "responder", "answers": "answers", "channels": "channels load",
          "channels-1s": "channels at 1 s", "serve": "serve load", "learners": "scripted learners",
          "labs": "labs", "startup": "start-up",
          "labs-chat": "labs beside the chat"}
BUDGET_MINUTES = 25.0  # sections not started by then are skipped (2 shared cores)
COLUMNS = ("benchmark", "metric", "ours", "baseline", "baseline value", "ratio", "target", "met?")

_COMPARE = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}
_CLAUSE = re.compile(r"^\s*(>=|<=|==|>|<)\s*(baseline|[-+]?(?:\d+\.?\d*|\.\d+))\s*$")


# ---------------------------------------------------------------- targets


def target_met(row: Row) -> bool | None:
    """Whether ``row.ours`` meets ``row.target``: clauses like ">= 0.97", "<= 1.5, < baseline" (all must
    hold). None when there is nothing to judge: no target, a non-numeric figure, an unreadable clause
    or a missing baseline value."""
    if not row.target or not _is_number(row.ours):
        return None
    verdicts = []
    for clause in re.split(r",|\band\b", row.target):
        match = _CLAUSE.match(clause)
        if match is None:
            return None
        symbol, operand = match.groups()
        if operand == "baseline":
            if not _is_number(row.baseline_value):
                return None
            bound = float(row.baseline_value)
        else:
            bound = float(operand)
        verdicts.append(_COMPARE[symbol](float(row.ours), bound))
    return all(verdicts) if verdicts else None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ---------------------------------------------------------------- formatting


def format_value(value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"  # 0.9731, 1.269, 40.2, 153.3


def table_cells(row: Row) -> list[str]:
    ratio = row.ratio()
    met = target_met(row)
    return [
        row.benchmark, row.metric, format_value(row.ours), row.baseline, format_value(row.baseline_value),
        f"{ratio:.2f}x" if ratio is not None else "", row.target, {True: "yes", False: "NO", None: ""}[met],
    ]


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in table_cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def print_table(rows: Sequence[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="tutorbot benchmarks")
    for column in COLUMNS:
        table.add_column(column, justify="right" if column in {"ours", "baseline value", "ratio"} else "left")
    for row in rows:
        cells = table_cells(row)
        cells[-1] = {"yes": "[green]yes[/]", "NO": "[red]NO[/]"}.get(cells[-1], cells[-1])
        table.add_row(*cells)
    # Piped output (make bench | tee) would wrap at 80 columns: give the table room instead.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


# ---------------------------------------------------------------- running


@dataclass
class SectionResult:
    name: str
    rows: list[Row]
    seconds: float
    status: str  # "ok" | "not available" | "failed: ..." | "skipped: ..."


def run_section(name: str, quick: bool) -> SectionResult:
    """Import and run one section; never raises (a failure becomes a row saying so)."""
    title = TITLES[name]
    started = time.perf_counter()
    module_name, _, function = SECTIONS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            return _failed(name, title, error, started)
        return SectionResult(name, [Row(title, "-", "not available")], 0.0, "not available")
    try:
        run = getattr(module, function or "run")
        rows = run(quick=quick) if "quick" in inspect.signature(run).parameters else run()
    except Exception as error:  # report and go on: one broken section must not hide the rest
        return _failed(name, title, error, started)
    return SectionResult(name, list(rows), time.perf_counter() - started, "ok")


def _failed(name: str, title: str, error: BaseException, started: float) -> SectionResult:
    traceback.print_exc(file=sys.stderr)
    message = f"failed: {type(error).__name__}: {error}".splitlines()[0][:200]
    print(f"{title}: {message}", file=sys.stderr, flush=True)
    return SectionResult(name, [Row(title, "-", message)], time.perf_counter() - started, message)


def run_all(names: Sequence[str], quick: bool, budget_minutes: float) -> list[SectionResult]:
    results, started = [], time.perf_counter()
    for number, name in enumerate(names, start=1):
        elapsed = (time.perf_counter() - started) / 60
        if elapsed > budget_minutes:
            status = f"skipped: {elapsed:.0f} min budget spent"
            results.append(SectionResult(name, [Row(TITLES[name], "-", status)], 0.0, status))
            continue
        print(f"\n=== [{number}/{len(names)}] {TITLES[name]} ({elapsed:.1f} min so far)", flush=True)
        result = run_section(name, quick)
        print(f"=== {TITLES[name]}: {result.status} in {result.seconds:.0f} s", flush=True)
        results.append(result)
    return results


def write_reports(results: Sequence[SectionResult], quick: bool, directory: Path = REPORTS) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    rows = [row for result in results for row in result.rows]
    payload = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quick": quick,
        "sections": {r.name: {"status": r.status, "seconds": round(r.seconds, 1)} for r in results},
        "rows": [{**asdict(row), "ratio": row.ratio(), "met": target_met(row)} for row in rows],
    }
    (directory / "bench.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (directory / "bench.md").write_text(markdown_table(rows), encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), metavar="SECTION",
                        help=f"run just these sections ({', '.join(SECTIONS)})")
    parser.add_argument("--quick", action="store_true", help="tiny presets and fewer epochs: checks the plumbing")
    parser.add_argument("--budget-minutes", type=float, default=BUDGET_MINUTES,
                        help="skip the sections not started within this time")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = [name for name in SECTIONS if not args.only or name in args.only]
    results = run_all(names, args.quick, args.budget_minutes)
    rows = [row for result in results for row in result.rows]
    print_table(rows)
    write_reports(results, args.quick)
    print(f"written: {REPORTS / 'bench.json'}, {REPORTS / 'bench.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
