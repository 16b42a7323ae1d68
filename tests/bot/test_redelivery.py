"""Redelivered platform messages run one turn, through the real channels and the real core, also
after a restart (D10: Telegram update_id, D11: Messenger mid, or a digest for events without one)."""
from __future__ import annotations

import json
from pathlib import Path

import aiohttp
from aiohttp.test_utils import TestServer

from bot.core import Core, open_core
from bot.messenger import make_app
from bot.telegram import TelegramSettings
from tests.bot.fakes import bot_api
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.core import ScriptedCore
from tests.bot.fakes.graph_api import FakeGraphApi
from tests.bot.test_messenger import APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN, Server
from tests.bot.fakes.running import TOKEN, telegram_bot, telegram_webhook
from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw


def _core(db: Path) -> Core:
    return open_core(None, db, pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)


def _said(core: Core, learner: str) -> list[str]:
    return [text for sender, text in core.store.conversation(learner) if sender == "learner"]


async def test_a_telegram_update_posted_three_times_runs_one_turn(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    core = _core(tmp_path / "learners.db")
    quiz = json.dumps({"update_id": 701, **bot_api.text_update(41, "/quiz")}).encode()
    try:
        async with telegram_webhook(core, api, unused_tcp_port) as hook:
            for update in ({"update_id": 700, **bot_api.text_update(41, "/lesson l1")}, None, None, None,
                           {"update_id": 702, **bot_api.text_update(41, "/help")}):
                assert await hook.post(quiz if update is None else json.dumps(update).encode()) == 200
            # one chat's updates run in order: once /help is answered, the copies of 701 are done
            await api.wait_for(lambda: "/help" in _said(core, "tg:41"))
        assert core.store.load("tg:41").questions_asked == 1
        assert _said(core, "tg:41") == ["/lesson l1", "/quiz", "/help"]
    finally:
        await core.close()


async def test_polling_passes_the_update_id_to_the_core(api: FakeBotApi) -> None:
    core = ScriptedCore()
    async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
        update_id = api.push(bot_api.text_update(42, "hello"))
        await api.wait_for(lambda: bool(api.sent("sendMessage", 42)))
    assert core.delivery_ids == [f"tg:{update_id}"]


async def _messenger_run(db: Path, graph: FakeGraphApi, bodies: list[bytes], said: list[str]) -> None:
    """One server run over the store at ``db``: post ``bodies``, wait until the learner's log reads ``said``."""
    core = _core(db)
    app = make_app(core, app_secret=APP_SECRET, verify_token=VERIFY_TOKEN, page_token=PAGE_TOKEN, graph_url=graph.url)
    try:
        async with TestServer(app, host="127.0.0.1") as running, aiohttp.ClientSession() as http:
            server = Server(str(running.make_url("")).rstrip("/"), graph, ScriptedCore(), http)
            for body in bodies:
                assert await server.post(body) == 200
            # one learner's events run in order: once the last is logged, the ones before are done
            await graph.wait_for(lambda: _said(core, "fb:r7") == said)
        assert core.store.load("fb:r7").questions_asked == said.count("/quiz")
    finally:
        await core.close()


def _without_mid(event: dict) -> bytes:
    del event["message"]["mid"]
    return fb.webhook([event])


async def test_a_replayed_messenger_event_runs_once_across_restarts(tmp_path: Path) -> None:
    graph = await FakeGraphApi().start()
    db = tmp_path / "learners.db"
    with_mid = fb.webhook([fb.text_event("r7", "/quiz", "m.7")])
    no_mid = _without_mid(fb.text_event("r7", "/quiz", "unused"))
    try:
        await _messenger_run(db, graph, [with_mid, with_mid], ["/quiz"])
        await _messenger_run(db, graph, [no_mid, no_mid], ["/quiz", "/quiz"])
        # a restart: the same signed requests again, then a new message
        await _messenger_run(db, graph, [with_mid, no_mid, fb.webhook([fb.text_event("r7", "/help", "m.8")])],
                             ["/quiz", "/quiz", "/help"])
    finally:
        await graph.stop()
