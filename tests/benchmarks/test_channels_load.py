"""The channels' load benchmark drives the real channels and the real core: a few learners on both
channels, every reply back once and in order (it had sent the core a keyword the core's stand-in lacked,
and every Telegram turn failed)."""
from __future__ import annotations

from pathlib import Path

from benchmarks.channels_load import Load, messenger_phase, telegram_phase
from bot.channel import open_tutor_core


async def test_a_small_load_on_both_channels_loses_nothing(tmp_path: Path) -> None:
    for name, phase in (("telegram", telegram_phase), ("messenger", messenger_phase)):
        core = open_tutor_core(None, tmp_path / f"{name}.db")
        try:
            ledger = await phase(core, Load(learners=3, turns=2, think_s=0.0))
        finally:
            await core.close()
        assert ledger.complete() and ledger.lost_and_duplicated() == (0, 0) and ledger.out_of_order() == 0, name
        assert len(ledger.asked) == 6
