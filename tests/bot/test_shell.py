"""`tutorbot shell`: scripted through standard input, numbered options, pictures by path, ends at EOF."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from bot import shell
from bot.core import open_core
from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw
from tutor.store import Store


async def _transcript(tmp_path: Path, script: str) -> str:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    out = io.StringIO()
    await shell.chat(core, "cli:ada", io.StringIO(script), out)
    return out.getvalue()


async def test_greets_shows_numbered_options_and_ends_at_eof(tmp_path: Path) -> None:
    text = await _transcript(tmp_path, "/quiz etp\n2\n/gd\n")
    assert text.startswith("tutor> Hi! I'm tutorbot")
    assert "you> /quiz etp\ntutor> In E/T/P, what is P?\n   1. the data\n   2. the performance measure\n   3. the task\n" in text
    assert "you> 2\ntutor> ✅ Correct!" in text
    assert "   [picture, a PNG file: open it to see it] /tmp/gd_path.png" in text
    assert text.endswith("Bye — your progress is saved.\n")


async def test_quit_ends_the_session_early(tmp_path: Path) -> None:
    text = await _transcript(tmp_path, "hi\n/quit\n/help\n")
    assert "you> hi" in text and "/help" not in text


def test_run_uses_the_models_db_and_user(tmp_path: Path, tiny_models_dir: Path,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    shell.add_arguments(parser)
    args = parser.parse_args(["--user", "ada"])
    args.models, args.db = tiny_models_dir, tmp_path / "learners.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO("/lesson\n"))
    assert shell.run(args) == 0
    out = capsys.readouterr().out
    assert "tutor> Hi! I'm tutorbot" in out and "   1. " in out and "Lesson:" in out
    assert Store(args.db).load("cli:ada").lesson_id is not None


async def test_debug_shows_the_rules_that_fired_and_the_signals(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    out = io.StringIO()
    await shell.chat(core, "cli:ada", io.StringIO("/quiz etp\nwhy?\n"), out, debug=True)
    text = out.getvalue()
    assert "   [rules] command or offered option > /quiz\n" in text
    assert "   [rules] by intent > ask about a concept > bare why with a question open > next rung of the help ladder\n" in text
    assert "[signals] nlu=ask_concept 0.95; intent=ask_concept; sentiment=neutral +0.00; question_open=True" in text
