"""Labs beside the chat, with the real pool: the turn answers at once, the result is pushed (or kept for the
next message), progress comes through, a lab past its budget is stopped and the learner told which limit."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core import Core, open_core
from bot.labs import Push
from labs.pool import LabPool
from bot.telegram import TelegramSettings
from tests.bot.fakes import bot_api
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.running import TOKEN, telegram_bot
from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw
from tutor import lab_runs
from tutor.replies import Reply


pytestmark = pytest.mark.usefixtures("selftest_lab")


class Channel:
    """What a pushing channel (the shell, Telegram) received unasked."""

    def __init__(self) -> None:
        self.replies: list[tuple[str, Reply]] = []
        self.progress: list[tuple[str, str]] = []

    async def push(self, learner: str, replies: list[Reply]) -> None:
        self.replies += [(learner, reply) for reply in replies]

    async def push_progress(self, learner: str, line: str) -> None:
        self.progress.append((learner, line))

    def text(self, learner: str) -> str:
        return "\n".join(reply.text for who, reply in self.replies if who == learner)


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw,
                     lab_pool=LabPool(workers=1, queue_limit=1))
    yield core
    await core.close()


def texts(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


async def test_the_turn_answers_at_once_and_the_result_is_pushed_with_its_question(core: Core) -> None:
    channel = Channel()
    core.labs.push_to("t:", Push(channel.push, channel.push_progress))
    said = texts(await core.handle("t:1", "/lab selftest epochs=3 busy_seconds=0.5"))
    assert "It's training now" in said and channel.replies == []
    await core.labs.idle("t:1")
    assert "— done in" in channel.text("t:1") and "faster or slower per epoch?" in channel.text("t:1")
    assert channel.replies[-1][1].options == ["faster", "slower"]
    assert channel.progress[0] == ("t:1", "⏳ A self-test lab: logistic regression on two blobs: epoch 1/3 - loss 0.693")
    assert "✅ Correct!" in texts(await core.handle("t:1", "slower"))
    assert lab_runs.history(core.store, "t:1")[0].figures["accuracy"] > 0.8


async def test_one_lab_per_learner_a_queue_and_the_others_chat_meanwhile(core: Core) -> None:
    channel = Channel()
    core.labs.push_to("t:", Push(channel.push))
    await core.handle("t:1", "/lab selftest busy_seconds=1")
    assert "You already have a lab on its way (“selftest”)" in texts(await core.handle("t:1", "/lab selftest"))
    assert "you're number 1 in the queue" in texts(await core.handle("t:2", "/lab selftest"))
    assert "The lab queue is full right now (1 waiting)" in texts(await core.handle("t:3", "/lab selftest"))
    assert "Day 1" in texts(await core.handle("t:4", "/day 1"))      # the chat goes on while labs run
    assert core.labs.busy("t:1")
    await core.labs.idle()
    assert "— done in" in channel.text("t:1") and "— done in" in channel.text("t:2")


async def test_a_lab_past_its_budget_is_stopped_and_the_learner_told_the_limit(core: Core) -> None:
    channel = Channel()
    core.labs.push_to("t:", Push(channel.push))
    await core.handle("t:1", "/lab selftest behaviour=spin")
    await core.labs.idle("t:1")
    assert "⛔ I stopped the lab" in channel.text("t:1")
    assert "it used up its CPU budget of 3 seconds" in channel.text("t:1")
    assert lab_runs.history(core.store, "t:1")[0].status == "stopped"


async def test_a_channel_that_cannot_push_gets_the_result_with_the_next_message(core: Core) -> None:
    await core.handle("rest:1", "/lab selftest epochs=2")
    await core.labs.idle("rest:1")
    replies = await core.handle("rest:1", "/progress")
    assert "— done in" in replies[0].text and "Your progress" in texts(replies[1:])


async def test_telegram_gets_the_progress_and_then_the_result_unasked(api: FakeBotApi, tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw,
                     lab_pool=LabPool(workers=1))
    async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
        api.push(bot_api.text_update(31, "/lab selftest epochs=3"))
        await api.wait_for(lambda: any("faster or slower" in c.params.get("text", "") for c in api.sent("sendMessage", 31)))
        sent = [c.params["text"] for c in api.sent("sendMessage", 31)]
    assert sent[0].startswith("🧪 Lab") and "It's training now" in sent[1] and sent[2].startswith("⏳ A self-test lab")
    assert any("— done in" in text for text in sent)
    assert "1. faster" in sent[-1]
    await core.close()
