"""A real core whose learner has a review reminder due (a fake clock), counting the channel's reminder rounds."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.core import Core, open_core
from tests.tutor.review_simulation import FakeClock
from tests.tutor.test_dialogue import RuleNLU, build_curriculum


class CountedRounds:
    """Wraps ``core.send_reminders`` to count the rounds the channel's timer runs."""

    def __init__(self, core: Core) -> None:
        self.rounds, self.send_reminders = 0, core.send_reminders
        core.send_reminders = self  # type: ignore[method-assign]

    async def __call__(self, channel: str, send: Any) -> list[str]:
        self.rounds += 1
        return await self.send_reminders(channel, send)

    async def wait(self, rounds: int = 5) -> None:
        """Until the timer has run ``rounds`` rounds (the fakes' wait_for looks only when the bot calls them)."""
        async with asyncio.timeout(10):
            while self.rounds < rounds:
                await asyncio.sleep(0.01)


async def core_with_a_due_reminder(path: Path, learner: str) -> tuple[Core, CountedRounds]:
    """Reminder at 19:00 UTC; an item answered on Monday, due on Wednesday; the last message Wednesday 10:00
    (inside Messenger's window); the clock at Wednesday 19:30."""
    clock = FakeClock(datetime(2026, 3, 2, 8, tzinfo=timezone.utc))
    core = open_core(None, path, pipeline=RuleNLU(), curriculum=build_curriculum(), clock=clock)
    for text in ("/remind 19:00", "/quiz etp", "the performance measure"):
        await core.handle(learner, text)
    clock.now = datetime(2026, 3, 4, 10, tzinfo=timezone.utc)
    await core.handle(learner, "hi")
    clock.now = datetime(2026, 3, 4, 19, 30, tzinfo=timezone.utc)
    return core, CountedRounds(core)
