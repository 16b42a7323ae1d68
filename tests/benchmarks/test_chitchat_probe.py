"""The chit-chat probe: prompts in, one TSV row per prompt out, with the tutor's whole reply on one line."""
from __future__ import annotations

import asyncio
from pathlib import Path

from benchmarks import chitchat_probe
from bot.core import open_core


def test_prompts_are_read_one_a_line_and_replies_written_on_one_line(tmp_path: Path) -> None:
    prompts = tmp_path / "p.txt"
    prompts.write_text("hi there\n\n  good night!  \n", encoding="utf-8")
    assert chitchat_probe.read_prompts(prompts) == ["hi there", "good night!"]
    assert chitchat_probe.one_line("Bye!\n\nSee\tyou") == "Bye! | See you"


def test_a_missing_prompts_file_is_a_clear_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert chitchat_probe.main([str(tmp_path / "none.txt"), "--models", str(tmp_path)]) == 2
    assert "no prompts file" in capsys.readouterr().err


def test_each_prompt_is_a_fresh_learner_s_first_message(monkeypatch) -> None:
    monkeypatch.setattr("bot.core.open_core", lambda models, db: open_core(None, db))
    rows = asyncio.run(chitchat_probe.bot_rows(["hello", "hello"], Path("unused")))
    assert rows[0][1] == rows[1][1] and rows[0][1].startswith("Hi! I'm tutorbot")   # no "Hi again"
