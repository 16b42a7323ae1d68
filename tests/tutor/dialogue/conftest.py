"""The dialogue's rows played through the core with the small hand-made curriculum and the rule-based NLU
of tests/tutor/test_dialogue.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw


@pytest.fixture
async def chat(tmp_path: Path):
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    yield Chat(core)
    await core.close()
