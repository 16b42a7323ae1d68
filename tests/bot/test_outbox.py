"""The push channels' outbox (bot/outbox.py, issue 23): a turn committed whose replies a killed worker
never sent gets them sent by the platform's redelivery, exactly the unsent ones, once; and by the sweep
when no redelivery comes. The crash is real in effect: the turn is taken and committed through the real
core and store, and nothing sends its replies (as when the worker dies right after the commit)."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot import outbox as outbox_module
from bot.channel import with_numbered_options
from bot.core import Core, open_core
from bot.telegram import TelegramSettings
from tests.bot.fakes import bot_api
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.core import ScriptedCore
from tests.bot.fakes.running import TOKEN, messenger_server, telegram_bot, telegram_webhook
from tests.bot.test_messenger import Server
from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw
from tutor import outbox


@asynccontextmanager
async def _core(db: str) -> AsyncIterator[Core]:
    core = open_core(None, db, pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    try:
        yield core
    finally:
        await core.close()


async def _committed_unsent(core: Core, learner: str, text: str, delivery: str) -> list[str]:
    """Take the turn as a channel does, commit it, and send nothing: what a worker killed right after
    the commit leaves. The texts of its replies, as Telegram and Messenger show them (options numbered)."""
    result = await core.handle_turn(learner, text, delivery_id=delivery, pushed=True)
    assert result.in_outbox and result.replies
    return [with_numbered_options(reply.text, reply.options) for reply in result.replies]


def _accepted(api: FakeBotApi, chat: int) -> list[str]:
    """The texts the fake Bot API took (a call it answered 429 is not a message)."""
    return [call.params["text"] for call in api.sent("sendMessage", chat) if call.result is not None]


def _update(update_id: int, chat: int, text: str) -> bytes:
    return json.dumps({"update_id": update_id, **bot_api.text_update(chat, text)}).encode()


async def test_a_telegram_redelivery_sends_the_replies_a_killed_worker_left_unsent_once(
        api: FakeBotApi, unused_tcp_port: int, store_db: str) -> None:
    async with _core(store_db) as core:
        texts = await _committed_unsent(core, "tg:61", "/help", "tg:901")
        async with telegram_webhook(core, api, unused_tcp_port) as hook:
            assert _accepted(api, 61) == []
            assert await hook.post(_update(901, 61, "/help")) == 200     # Telegram got no 200: it sends it again
            assert _accepted(api, 61) == texts                           # in order, when the 200 comes
            assert await hook.post(_update(901, 61, "/help")) == 200     # and again: nothing left to send
        assert _accepted(api, 61) == texts
        assert [t for who, t in core.store.conversation("tg:61") if who == "learner"] == ["/help"]   # one turn
        assert outbox.unsent(core.store, "tg:61") == []


async def test_a_worker_killed_after_the_first_reply_leaves_only_the_rest_to_send(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    async with _core(str(tmp_path / "learners.db")) as core:
        await core.handle("tg:62", "/quiz")
        texts = await _committed_unsent(core, "tg:62", "/progress", "tg:902")   # the progress and its picture,
        assert len(texts) == 2                                                   # then the question again
        outbox.mark_sent(core.store, "tg:62", "tg:902", len(texts))     # the platform took the first
        async with telegram_webhook(core, api, unused_tcp_port) as hook:
            assert await hook.post(_update(902, 62, "/progress")) == 200
        assert _accepted(api, 62) == texts[1:] and api.sent("sendPhoto", 62) == []


async def test_a_reply_telegram_did_not_take_stays_unsent_until_the_redelivery(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    async with _core(str(tmp_path / "learners.db")) as core, telegram_webhook(core, api, unused_tcp_port) as hook:
        api.flood["sendMessage"] = 3                                   # the first reply gets a 429
        assert await hook.post(_update(903, 63, "/help")) == 200
        assert _accepted(api, 63) == [] and outbox.unsent(core.store, "tg:63")
        assert await hook.post(_update(903, 63, "/help")) == 200
        assert _accepted(api, 63) and outbox.unsent(core.store, "tg:63") == []
        first = len(_accepted(api, 63))
        assert await hook.post(_update(904, 63, "/help")) == 200      # the next turn replies as usual
        assert len(_accepted(api, 63)) == 2 * first


async def test_the_telegram_sweep_sends_what_no_redelivery_came_for(
        api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox_module, "LEFT_FOR_S", 0.0)
    async with _core(str(tmp_path / "learners.db")) as core:
        texts = await _committed_unsent(core, "tg:64", "/help", "tg:905")
        # polling: Telegram never redelivers; the sweep runs a second after the start
        async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
            await api.wait_for(lambda: _accepted(api, 64) == texts, timeout=10)
        assert outbox.unsent(core.store, "tg:64") == []


def _fb_texts(server: Server, psid: str) -> list[str]:
    return [sent.text for sent in server.graph.to(psid)]


async def test_a_messenger_redelivery_and_the_sweep_send_what_was_left_unsent_once(
        store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    async with _core(store_db) as core:
        texts = await _committed_unsent(core, "fb:u1", "/help", "fb:m.u1")
        async with messenger_server(core) as running:
            server = Server(running.url, running.graph, ScriptedCore(), running.http)
            body = fb.webhook([fb.text_event("u1", "/help", "m.u1")])
            assert await server.post(body) == 200
            await server.graph.wait_for(lambda: _fb_texts(server, "u1") == texts)
            assert await server.post(body) == 200
            assert await server.post(fb.webhook([fb.text_event("u1", "/help", "m.u2")])) == 200   # a new turn
            await server.graph.wait_for(lambda: len(_fb_texts(server, "u1")) == 2 * len(texts))
        texts = await _committed_unsent(core, "fb:u2", "/help", "fb:m.u3")
        monkeypatch.setattr(outbox_module, "LEFT_FOR_S", 0.0)
        async with messenger_server(core) as running:               # a worker starting sweeps at once
            await running.graph.wait_for(lambda: [s.text for s in running.graph.to("u2")] == texts)
        assert outbox.unsent(core.store, "fb:u2") == []
