"""The labs benchmark measures a lab in its own process and prints its rows."""
from __future__ import annotations

from benchmarks.lab_times import rows_for


def test_a_lab_is_measured_in_a_child_process_with_time_and_memory() -> None:
    rows = rows_for("word2vec", quick=True)
    metrics = {row.metric: row.ours for row in rows}
    assert metrics["wall s, tiny settings, 1 core"] > 0
    assert metrics["peak RSS MB"] > 50
    assert all(row.benchmark == "lab word2vec (quick)" for row in rows)
