"""Review reminders over a simulated week (a fake clock, a tick every 15 minutes): sent at the learner's hour
when reviews are due, once a local day across a restart, none after /remind off; Messenger's 24-hour window;
a learner who blocked the bot is not retried."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from bot.core import Core, open_core
from bot.reminders import Blocked, send_reminders
from tests.tutor.review_simulation import FakeClock
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw
from tutor.reminders import ReminderSetting, days_reminded, parse_reminder

MONDAY = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)
TICK = timedelta(minutes=15)


class Outbox:
    def __init__(self, clock: FakeClock, blocked: set[str] = frozenset()) -> None:
        self.clock, self.blocked, self.sent = clock, blocked, []

    async def __call__(self, learner: str, text: str) -> None:
        if learner in self.blocked:
            raise Blocked(learner)
        self.sent.append((learner, self.clock.now, text))


def new_core(path: Path, clock: FakeClock) -> Core:
    return open_core(None, path, pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw, clock=clock)


async def practise(core: Core, learner: str, remind: str) -> Chat:
    chat = Chat(core, learner)
    assert "I'll remind you at" in await chat(f"/remind {remind}")
    await chat("/quiz etp")
    assert "Correct" in await chat("the performance measure")     # due in 2 days
    return chat


async def ticks(core: Core, outbox: Outbox, until: datetime, channel: str = "tg:") -> None:
    while outbox.clock.now < until:
        outbox.clock.now += TICK
        await send_reminders(core.store, outbox.clock.now, channel, outbox)


async def test_a_week_of_reminders(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY)
    core = new_core(tmp_path / "t.db", clock)
    await practise(core, "tg:a", "19:00 Europe/Berlin")      # reviews when reminded
    await practise(core, "tg:b", "19:00 Europe/Berlin")      # never does, then turns reminders off
    outbox = Outbox(clock)
    await ticks(core, outbox, MONDAY + timedelta(days=2, hours=12))          # Wednesday 20:00 UTC
    assert [(learner, at) for learner, at, _ in outbox.sent] == [
        ("tg:a", datetime(2026, 3, 4, 18, tzinfo=timezone.utc)), ("tg:b", datetime(2026, 3, 4, 18, tzinfo=timezone.utc))]
    assert "1 review item(s) are due" in outbox.sent[0][2]                   # 19:00 in Berlin, due since 08:00 UTC
    a = Chat(core, "tg:a")
    await a("/review")
    assert "Review done: 1 right" in await a("the performance measure")

    await ticks(core, outbox, MONDAY + timedelta(days=3, hours=4))           # Thursday noon: a restart
    await core.close()
    core = new_core(tmp_path / "t.db", clock)
    await ticks(core, outbox, MONDAY + timedelta(days=5, hours=2))           # Saturday 10:00 UTC
    assert "Reminders are off" in await Chat(core, "tg:b")("/remind off")
    await ticks(core, outbox, MONDAY + timedelta(days=7))
    assert days_reminded(core.store, "tg:a") == ["2026-03-04"]               # reviewed: not due again this week
    assert days_reminded(core.store, "tg:b") == ["2026-03-04", "2026-03-05", "2026-03-06"]   # one a day, then off
    assert len(outbox.sent) == 4 and all(at.time() == time(18) for _, at, _ in outbox.sent)
    await core.close()


@pytest.mark.parametrize(("quiet_hours", "reminded"), [(30, False), (2, True)])
async def test_messenger_reminds_only_inside_its_24_hour_window(tmp_path: Path, quiet_hours: int,
                                                                reminded: bool) -> None:
    clock = FakeClock(MONDAY)
    core = new_core(tmp_path / "t.db", clock)
    chat = await practise(core, "fb:1", "19:00")
    clock.now = datetime(2026, 3, 4, 19, tzinfo=timezone.utc) - timedelta(hours=quiet_hours)
    await chat("hi")                                                         # the learner's last message
    outbox = Outbox(clock)
    await ticks(core, outbox, datetime(2026, 3, 4, 20, tzinfo=timezone.utc), channel="tg:")
    assert outbox.sent == []                                                 # not Telegram's learner
    clock.now = datetime(2026, 3, 4, 18, 45, tzinfo=timezone.utc)
    await ticks(core, outbox, datetime(2026, 3, 4, 20, tzinfo=timezone.utc), channel="fb:")
    assert bool(outbox.sent) is reminded
    await core.close()


async def test_a_learner_who_blocked_the_bot_is_not_retried(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY)
    core = new_core(tmp_path / "t.db", clock)
    await practise(core, "tg:a", "19:00")
    outbox = Outbox(clock, blocked={"tg:a"})
    await ticks(core, outbox, MONDAY + timedelta(days=2, hours=12))
    assert days_reminded(core.store, "tg:a") == ["2026-03-04"]               # tried once ...
    outbox.blocked = set()
    await ticks(core, outbox, MONDAY + timedelta(days=6))
    assert outbox.sent == [] and days_reminded(core.store, "tg:a") == ["2026-03-04"]   # ... and not again
    await core.close()


async def test_remind_rows(tmp_path: Path) -> None:
    core = new_core(tmp_path / "t.db", FakeClock(MONDAY))
    chat = Chat(core, "tg:a")
    assert "No reminders yet" in await chat("/remind")
    assert "I need a time" in await chat("/remind at dinner")
    assert "Which time zone are you in?" in await chat("/remind 7pm")   # UTC unless told
    assert "I remind you at 19:00 UTC" in await chat("/remind")
    assert "Reminders are off" in await chat("/remind off")
    assert "No reminders yet" in await chat("/remind")
    await core.close()


def test_parse_reminder() -> None:
    assert parse_reminder("19:00 Europe/Berlin") == ReminderSetting(time(19), "Europe/Berlin")
    assert parse_reminder("7:30pm") == ReminderSetting(time(19, 30), "UTC")
    assert [parse_reminder(text) for text in ("25:00", "19:00 Mars/Base", "13pm", "", "at 7")] == [None] * 5


async def test_the_time_zone_is_asked_once_and_read_from_the_next_reply(tmp_path) -> None:
    from bot.core import open_core
    from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw

    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    assert "Which time zone are you in?" in await chat("/remind 19:00")
    assert "19:00 Europe/Berlin" in await chat("berlin")
    assert chat.state().context["reminder"] == "19:00 Europe/Berlin"
    await chat("/remind 7pm")
    await chat("/lesson l1")                                  # carried on: it stays UTC, not asked again
    assert "Europe" not in await chat("paris") and chat.state().context["reminder"] == "19:00 UTC"
    await core.close()


async def test_a_reminder_messenger_could_not_send_comes_with_the_learner_s_next_message(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY)
    core = new_core(tmp_path / "t.db", clock)
    await practise(core, "fb:m", "09:00 UTC")                  # a review item due in 2 days
    clock.now = MONDAY + timedelta(days=5)                     # Saturday 08:00: six days silent, window closed
    outbox = Outbox(clock)
    await ticks(core, outbox, MONDAY + timedelta(days=5, hours=4), channel="fb:")
    assert outbox.sent == []                                   # outside Messenger's 24 hours: nothing sent
    chat = Chat(core, "fb:m")
    assert "review item(s) are due" in await chat("what is gradient descent?")
    assert "review item(s) are due" not in await chat("what is backprop?")     # once that day
    assert days_reminded(core.store, "fb:m") == ["2026-03-07"]
    await ticks(core, outbox, MONDAY + timedelta(days=5, hours=8), channel="fb:")
    assert outbox.sent == []                                   # not a second time by the server either
    await core.close()


async def test_the_greeting_s_review_offer_is_that_day_s_reminder(tmp_path: Path) -> None:
    clock = FakeClock(MONDAY)
    core = new_core(tmp_path / "t.db", clock)
    await practise(core, "cli:s", "09:00 UTC")
    clock.now = MONDAY + timedelta(days=3, hours=2)
    chat = Chat(core, "cli:s")
    text = await chat("/start")                                 # the shell starts with it
    assert text.count("review item(s) are due") == 1
    assert days_reminded(core.store, "cli:s") == ["2026-03-05"]
    await core.close()
