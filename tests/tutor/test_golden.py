"""The tutor's whole behaviour on the golden sessions (tests/tutor/golden/) is exactly as recorded.

``tools/golden.py record`` played every session through the core with a trained pipeline and kept each
turn's replies, options, pictures, saved state and store writes, and everything the models answered.
Here the same sessions are replayed with those model outputs: a change that is meant to keep behaviour
(a refactoring) must give the same transcripts byte for byte. A change that is meant to change behaviour
records them again and shows the difference in its commit.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _golden_tool():
    spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden"] = module
    spec.loader.exec_module(module)
    return module


def test_the_golden_sessions_cover_every_kind_of_turn() -> None:
    golden = _golden_tool()
    records = golden.read_jsonl(golden.TRANSCRIPTS)
    assert len(records) >= 400
    sources = {session["source"] for session in golden.load_sessions()}
    assert {"scripted", "tests/tutor/test_dialogue.py"} <= sources
    days = {record["state"]["lesson"][:2] for record in records if record["state"]["lesson"]}
    assert days >= {"d1", "d2", "d3", "d4", "d5"}
    said = "\n".join(reply["text"] for record in records for reply in record["replies"])
    for moment in ("Hint:", "worked answer", "Back to your question", "Reset all your progress", "not sure what you meant",
                   "Don't worry", "✅ Correct"):
        assert moment in said, moment
    assert any(reply["images"] for record in records for reply in record["replies"])


def test_replaying_the_golden_sessions_gives_the_recorded_transcripts() -> None:
    golden = _golden_tool()
    problems = golden.differences(golden.read_jsonl(golden.TRANSCRIPTS), golden.replay())
    assert not problems, "\n".join(problems[:5])
