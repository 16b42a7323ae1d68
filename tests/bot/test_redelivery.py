"""Redelivered platform messages run one turn, through the real channels and the real core, also
after a restart (D10: Telegram update_id, D11: Messenger mid, or a digest for events without one);
and the webhooks answer only once the turn is committed, so a platform that got no answer (a
worker killed mid-turn) sends the update again and it runs exactly once (issue 23)."""
from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from aiohttp.test_utils import TestServer

from bot.core import APOLOGY, Core, open_core
from bot.messenger import make_app
from bot.telegram import FAILURE_ANSWER as TELEGRAM_FAILURE
from bot.telegram import TelegramSettings
from tests.bot.fakes import bot_api
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.core import ScriptedCore
from tests.bot.fakes.graph_api import FakeGraphApi
from tests.bot.test_messenger import APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN, Server
from tests.bot.fakes.running import TOKEN, messenger_server, telegram_bot, telegram_webhook
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


# --- the webhooks answer once the turn is committed (issue 23: a worker killed before that loses nothing)

def fail_the_next_save(core: Core) -> None:
    """The next turn fails inside its transaction, after its writes (which roll back): a disk or a
    database that fails at the worst moment."""
    save = core.store.save_turn

    def save_then_fail(*args: object, **kwargs: object) -> None:
        core.store.save_turn = save          # type: ignore[method-assign]
        save(*args, **kwargs)                # type: ignore[arg-type]
        raise RuntimeError("the store failed before the commit")

    core.store.save_turn = save_then_fail    # type: ignore[method-assign]


def _texts(api: FakeBotApi, chat: int) -> list[str]:
    return [call.params["text"] for call in api.sent("sendMessage", chat)]


def _update(update_id: int, chat: int, text: str) -> bytes:
    return json.dumps({"update_id": update_id, **bot_api.text_update(chat, text)}).encode()


def _fb_texts(graph: FakeGraphApi, psid: str) -> list[str]:
    return [sent.text for sent in graph.to(psid)]


@asynccontextmanager
async def _real_core(tmp_path: Path) -> AsyncIterator[Core]:
    core = _core(tmp_path / "learners.db")
    try:
        yield core
    finally:
        await core.close()


@asynccontextmanager
async def _messenger(core: Core | ScriptedCore, **webhook: float) -> AsyncIterator[Server]:
    async with messenger_server(core, **webhook) as running:
        yield Server(running.url, running.graph, ScriptedCore(), running.http)


async def test_the_telegram_webhook_answers_once_the_turn_is_committed_and_its_replies_sent(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    async with _real_core(tmp_path) as core, telegram_webhook(core, api, unused_tcp_port) as hook:
        assert await hook.post(_update(801, 51, "/quiz")) == 200
        assert _said(core, "tg:51") == ["/quiz"]            # in the store when the 200 arrives
        assert _texts(api, 51)                              # and the replies already sent


async def test_a_telegram_update_posted_twice_at_once_runs_one_turn_and_replies_once(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    async with _real_core(tmp_path) as core, telegram_webhook(core, api, unused_tcp_port) as hook:
        assert await hook.post(_update(810, 52, "/quiz")) == 200
        copy = _update(811, 53, "/quiz")
        assert await asyncio.gather(hook.post(copy), hook.post(copy)) == [200, 200]
        assert _said(core, "tg:53") == ["/quiz"]
        assert _texts(api, 53) == _texts(api, 52)           # what one delivery gets, once


async def test_a_failed_telegram_turn_is_answered_with_an_apology_and_runs_when_redelivered(
        api: FakeBotApi, unused_tcp_port: int, tmp_path: Path) -> None:
    async with _real_core(tmp_path) as core, telegram_webhook(core, api, unused_tcp_port) as hook:
        fail_the_next_save(core)
        assert await hook.post(_update(820, 54, "/quiz")) == 200     # answered: it would fail again
        assert _texts(api, 54) == [APOLOGY] and _said(core, "tg:54") == []
        assert await hook.post(_update(820, 54, "/quiz")) == 200     # Telegram sent it again anyway: it runs
        assert _said(core, "tg:54") == ["/quiz"] and len(_texts(api, 54)) > 1


async def test_a_telegram_handler_that_raises_still_answers_and_apologises(
        api: FakeBotApi, unused_tcp_port: int) -> None:
    async with telegram_webhook(ScriptedCore(), api, unused_tcp_port) as hook:
        assert await hook.post(_update(830, 55, "boom")) == 200
        assert _texts(api, 55) == [TELEGRAM_FAILURE]


async def test_the_messenger_webhook_answers_once_the_batch_is_committed(tmp_path: Path) -> None:
    async with _real_core(tmp_path) as core, _messenger(core) as server:
        batch = fb.webhook([fb.text_event("s1", "/lesson l1", "m.1"), fb.text_event("s2", "/quiz", "m.2")],
                           [fb.text_event("s1", "/quiz", "m.3")])
        assert await server.post(batch) == 200
        assert _said(core, "fb:s1") == ["/lesson l1", "/quiz"] and _said(core, "fb:s2") == ["/quiz"]
        await server.graph.wait_for(lambda: bool(_fb_texts(server.graph, "s2")))   # the replies follow


async def test_a_messenger_event_posted_twice_at_once_runs_one_turn_and_replies_once(tmp_path: Path) -> None:
    async with _real_core(tmp_path) as core, _messenger(core) as server:
        assert await server.post(fb.webhook([fb.text_event("t1", "/quiz", "m.t1")])) == 200
        copy = fb.webhook([fb.text_event("t2", "/quiz", "m.t2")])
        assert await asyncio.gather(server.post(copy), server.post(copy)) == [200, 200]
        assert _said(core, "fb:t2") == ["/quiz"]
        await server.graph.wait_for(lambda: len(server.graph.sent) >= 2 * len(_fb_texts(server.graph, "t1")))
        await asyncio.sleep(0.1)                            # time for a second set of replies, if any
        assert _fb_texts(server.graph, "t2") == _fb_texts(server.graph, "t1")


async def test_a_failed_messenger_turn_is_answered_with_an_apology_and_runs_when_redelivered(tmp_path: Path) -> None:
    body = fb.webhook([fb.text_event("f1", "/quiz", "m.f1")])
    async with _real_core(tmp_path) as core, _messenger(core) as server:
        fail_the_next_save(core)
        assert await server.post(body) == 200
        assert _said(core, "fb:f1") == []
        await server.graph.wait_for(lambda: _fb_texts(server.graph, "f1") == [APOLOGY])
        assert await server.post(body) == 200
        assert _said(core, "fb:f1") == ["/quiz"]
        await server.graph.wait_for(lambda: len(_fb_texts(server.graph, "f1")) > 1)


async def test_a_messenger_batch_slower_than_its_limit_is_answered_503_and_its_turns_go_on() -> None:
    core = ScriptedCore(slow_s=0.5)
    async with _messenger(core, answer_within_s=0.1) as server:
        body = fb.webhook([fb.text_event("w1", "slow", "m.w1")])
        assert await server.post(body) == 503                 # Messenger will send it again
        await server.graph.wait_for(lambda: _fb_texts(server.graph, "w1") == ["echo slow"])   # the turn went on
        assert core.calls == [("fb:w1", "slow")]
