"""The results table: ratio, the "met?" verdict, formatting, reports, and failing sections."""
from __future__ import annotations

import json
import sys
import types

import pytest

from benchmarks import run as bench
from benchmarks.common import Row


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (Row("ATIS", "intent accuracy", 0.975, "TF-IDF + LR", 0.93, ">= 0.97"), True),
        (Row("ATIS", "intent accuracy", 0.96, "TF-IDF + LR", 0.93, ">= 0.97"), False),
        (Row("speed", "p50", 0.9, "spaCy", 1.2, "<= 1.5, < baseline"), True),
        (Row("speed", "p50", 1.4, "spaCy", 1.2, "<= 1.5, < baseline"), False),   # under 1.5 but slower
        (Row("P&L", "acc", 0.78, "TF-IDF", 0.76, ">= 0.77, > baseline"), True),
        (Row("P&L", "acc", 0.78, "TF-IDF", 0.79, ">= 0.77 and > baseline"), False),
        (Row("speed", "msg/s", 6000, "spaCy", None, ">= 5000, > baseline"), None),  # no baseline to judge
        (Row("speed", "RSS", 300), None),                                            # no target
        (Row("own", "probe", "not available", target=">= 0.9"), None),             # not a figure
        (Row("own", "acc", 0.9, target="about right"), None),                       # unreadable target
    ],
)
def test_target_met(row: Row, expected: bool | None) -> None:
    assert bench.target_met(row) is expected


def test_ratio_and_cells() -> None:
    cells = bench.table_cells(Row("speed", "analyze_batch (msg/s)", 12000, "spaCy", 4000, ">= 5000, > baseline"))
    assert cells == ["speed", "analyze_batch (msg/s)", "12,000", "spaCy", "4,000", "3.00x", ">= 5000, > baseline", "yes"]
    assert Row("x", "y", 1.0, "z", 0.0).ratio() is None  # no division by zero


def test_format_value() -> None:
    assert bench.format_value(0.97312) == "0.9731"
    assert bench.format_value(153.26) == "153.3"
    assert bench.format_value(6089.4) == "6,089"
    assert bench.format_value(None) == ""
    assert bench.format_value("not available") == "not available"


def _install(monkeypatch, name: str, run) -> None:
    module = types.ModuleType(name)
    module.run = run
    monkeypatch.setitem(sys.modules, name, module)


def test_sections_fail_or_are_missing_without_stopping_the_run(monkeypatch, tmp_path) -> None:
    def broken(quick: bool = False):
        raise RuntimeError("no models\nsecond line")

    _install(monkeypatch, "benchmarks.atis", broken)
    _install(monkeypatch, "benchmarks.polarity", lambda: [Row("Pang & Lee", "accuracy", 0.8, "TF-IDF + LR", 0.75, ">= 0.77")])
    monkeypatch.setitem(bench.SECTIONS, "responder", "benchmarks.no_such_module_here")
    results = bench.run_all(["atis", "polarity", "responder"], quick=True, budget_minutes=25)
    assert [r.status for r in results] == ["failed: RuntimeError: no models", "ok", "not available"]
    bench.write_reports(results, quick=True, directory=tmp_path)
    report = json.loads((tmp_path / "bench.json").read_text())
    accuracy = next(row for row in report["rows"] if row["metric"] == "accuracy")
    assert accuracy["met"] is True and accuracy["ratio"] == pytest.approx(0.8 / 0.75)
    assert "| Pang & Lee | accuracy | 0.8 | TF-IDF + LR | 0.75 | 1.07x | >= 0.77 | yes |" in (
        tmp_path / "bench.md"
    ).read_text()


def test_sections_after_the_budget_are_skipped(monkeypatch) -> None:
    _install(monkeypatch, "benchmarks.atis", lambda quick=False: [])
    results = bench.run_all(["atis"], quick=True, budget_minutes=-1)
    assert results[0].status.startswith("skipped")


def test_a_section_can_name_a_function_of_its_module(monkeypatch) -> None:
    """"channels-1s" is benchmarks.channels_load:run_paced, beside that module's run."""
    module = types.ModuleType("benchmarks.paced_here")
    module.run = lambda quick=False: [Row("other", "-", 0)]
    module.run_paced = lambda quick=False: [Row("paced", "turns/s", 2.0 if quick else 1.0)]
    monkeypatch.setitem(sys.modules, "benchmarks.paced_here", module)
    monkeypatch.setitem(bench.SECTIONS, "channels-1s", "benchmarks.paced_here:run_paced")
    result = bench.run_section("channels-1s", quick=True)
    assert result.status == "ok" and result.rows == [Row("paced", "turns/s", 2.0)]
    assert bench.SECTIONS["channels"] == "benchmarks.channels_load"
