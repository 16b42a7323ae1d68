"""The learner's labs: what the dialogue asks to run, what came back, and the record the store keeps.

A turn that starts a lab leaves a :class:`LabRequest` in its writes; the core hands it to the lab
pool (``bot.labs``), and when the lab ends, a :class:`LabDone` comes back into the dialogue as a turn
of its own (its result shown, its question posed). That turn's writes carry a :class:`LabRun`, saved
in the table ``lab_runs`` (schema 7, :func:`create_tables`) with the settings, the seed and the
figures, so ``/lab history`` lists it and "again" repeats it exactly.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labs.base import LabResult
from tutor.database import Database


@dataclass(frozen=True)
class LabRequest:
    """Run ``lab`` with ``params`` (every setting, the seed included) for the learner of the turn."""

    lab: str
    params: dict[str, Any]


@dataclass
class LabDone:
    """A lab that ended: its result, or why it gave none; ``images``: its pictures, written to files."""

    lab: str
    params: dict[str, Any]
    result: LabResult | None = None
    stopped: str | None = None         # "it used up its CPU budget of 60 seconds"
    error: str | None = None           # the lab's own message ("" when it crashed)
    images: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "done" if self.result is not None else "stopped" if self.stopped else "failed"


@dataclass(frozen=True)
class LabRun:
    """One run as the learner's history keeps it."""

    lab: str
    params: dict[str, Any]
    status: str                         # "done", "stopped" or "failed"
    figures: dict[str, float]
    summary: str
    at: str = ""

    @property
    def seed(self) -> int:
        return int(self.params.get("seed", 0))


def create_tables(db: Database) -> None:
    """Schema 7: every lab a learner ran, with its settings (the seed among them) and figures."""
    db["lab_runs"].create(
        {"id": int, "learner_id": str, "at": str, "lab": str, "params": str, "seed": int, "status": str,
         "figures": str, "summary": str}, pk="id", if_not_exists=True)
    db["lab_runs"].create_index(["learner_id"], if_not_exists=True)


def write(db: Database, learner: str, runs: list[LabRun], now: str) -> None:
    """Called by ``Store.save_turn`` inside the turn's transaction."""
    db.executemany(
        "INSERT INTO lab_runs (learner_id, at, lab, params, seed, status, figures, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(learner, now, run.lab, json.dumps(run.params, sort_keys=True), run.seed, run.status,
          json.dumps(run.figures, sort_keys=True), run.summary) for run in runs])


def history(store: Any, learner: str, limit: int = 20) -> list[LabRun]:
    """The learner's lab runs, the latest first (``store``: a :class:`tutor.store.Store`)."""
    with store.transaction():
        rows = store.db.execute(
            "SELECT lab, params, status, figures, summary, at FROM lab_runs WHERE learner_id = ? "
            "ORDER BY id DESC LIMIT ?", (learner, limit)).fetchall()
    return [LabRun(lab, json.loads(params), status, json.loads(figures), summary, at)
            for lab, params, status, figures, summary, at in rows]


def run_of(done: LabDone) -> LabRun:
    result = done.result
    return LabRun(done.lab, dict(result.params if result else done.params), done.status,
                  dict(result.figures) if result else {}, result.summary if result else (done.stopped or done.error or ""))
