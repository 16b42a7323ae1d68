"""The Messenger webhook server on 127.0.0.1, driven by a real aiohttp client posting signed,
unsigned and forged webhooks, replying to a fake Graph API that records every send."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.messenger import (
    FAILURE_ANSWER,
    NOT_TEXT_ANSWER,
    MessengerSettings,
    add_arguments,
    make_app,
    quick_replies,
    signature_is_valid,
)
from bot.core import Core, open_core
from nlp.errors import MissingSecret
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.core import QUIZ_OPTIONS, ScriptedCore
from tests.bot.fakes.graph_api import FakeGraphApi
from tests.bot.fakes.reminding import CountedRounds, core_with_a_due_reminder
from tests.bot.fakes.running import APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN, messenger_server
from tutor.dialogue.texts import REMINDER

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@dataclass
class Server:
    url: str
    graph: FakeGraphApi
    core: ScriptedCore
    http: aiohttp.ClientSession

    async def post(self, body: bytes, signature: str | None = "sign") -> int:
        headers = {"Content-Type": "application/json"}
        if signature == "sign":
            signature = fb.sign(APP_SECRET, body)
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        async with self.http.post(f"{self.url}/webhook", data=body, headers=headers) as response:
            return response.status

    async def get(self, path: str, **params: str) -> tuple[int, str]:
        async with self.http.get(f"{self.url}{path}", params=params) as response:
            return response.status, await response.text()


async def reminder_rounds(core: Core, rounds: CountedRounds, graph: FakeGraphApi) -> None:
    """The webhook server's reminder task running a few rounds against the fake Graph API."""
    runner = web.AppRunner(make_app(core, app_secret=APP_SECRET, verify_token=VERIFY_TOKEN, page_token=PAGE_TOKEN,
                                    graph_url=graph.url, reminder_tick_s=0.02))
    await runner.setup()
    try:
        await rounds.wait()
    finally:
        await runner.cleanup()
        await graph.stop()


async def test_review_reminders_are_sent_inside_the_24_hour_window_once(tmp_path: Path) -> None:
    core, rounds = await core_with_a_due_reminder(tmp_path / "t.db", "fb:77")
    graph = await FakeGraphApi().start()
    try:
        await reminder_rounds(core, rounds, graph)
    finally:
        await core.close()
    assert [sent.text for sent in graph.to("77")] == [REMINDER.format(count=1)]


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Server]:
    image = tmp_path / "plot.png"
    image.write_bytes(PNG)
    core = ScriptedCore(image=image, long_chars=4_500)
    async with messenger_server(core) as running:
        yield Server(running.url, running.graph, core, running.http)


# --- verification and signatures -----------------------------------------------------------------

async def test_verification_handshake_answers_the_challenge(server: Server) -> None:
    ok = await server.get("/webhook", **{"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                                         "hub.challenge": "1158201444"})
    assert ok == (200, "1158201444")


@pytest.mark.parametrize("params", [
    {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "c"},
    {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "c"},
    {"hub.challenge": "c"},
])
async def test_verification_with_a_wrong_token_or_mode_is_403(server: Server, params: dict[str, str]) -> None:
    status, text = await server.get("/webhook", **params)
    assert status == 403 and "c" != text


@pytest.mark.parametrize("signature", [
    None,                                                    # unsigned
    "sha256=" + "0" * 64,                                    # forged
    "sha1=" + "0" * 40,                                      # the legacy header format only
    fb.sign("another-app-secret", b"whatever"),              # signed with another secret
    "sha256=",
    "sha256=é",
])
async def test_unsigned_or_forged_webhooks_are_403_and_nothing_is_processed(server: Server, signature: str | None) -> None:
    body = fb.webhook([fb.text_event("u1", "hello", "mid.forged")])
    assert await server.post(body, signature) == 403
    await asyncio.sleep(0.05)
    assert server.core.calls == [] and server.graph.requests == 0
    # the same event, signed, is processed: the forged copy did not poison the duplicate check
    assert await server.post(body) == 200
    await server.graph.wait_for(lambda: len(server.graph.sent) == 1)


async def test_signature_covers_the_raw_body(server: Server) -> None:
    body = fb.webhook([fb.text_event("u1", "hello", "mid.raw")])
    tampered = body.replace(b"hello", b"HELLO")
    assert await server.post(tampered, fb.sign(APP_SECRET, body)) == 403
    assert not signature_is_valid(APP_SECRET, body, fb.sign(APP_SECRET, body).upper())  # "SHA256=..." is not the format


# --- events --------------------------------------------------------------------------------------

async def test_text_is_answered_through_the_send_api(server: Server) -> None:
    assert await server.post(fb.webhook([fb.text_event("u1", "hello", "mid.1")])) == 200
    await server.graph.wait_for(lambda: len(server.graph.sent) == 1)
    sent = server.graph.sent[0]
    assert (sent.psid, sent.text, sent.messaging_type, sent.access_token) == ("u1", "echo hello", "RESPONSE", PAGE_TOKEN)
    assert server.core.calls == [("fb:u1", "hello")]


async def test_every_entry_and_every_event_of_a_batch_is_answered(server: Server) -> None:
    body = fb.webhook(
        [fb.text_event("a", "one", "m.a1"), fb.text_event("b", "two", "m.b1")],
        [fb.text_event("c", "three", "m.c1"), fb.postback_event("d", "/start", "m.d1")],
    )
    assert await server.post(body) == 200
    await server.graph.wait_for(lambda: len(server.graph.sent) == 4)
    assert sorted(server.core.calls) == [("fb:a", "one"), ("fb:b", "two"), ("fb:c", "three"), ("fb:d", "/start")]


async def test_echoes_are_ignored_and_a_redelivery_reaches_the_core_with_its_mid(server: Server) -> None:
    """The store, not the channel's memory, recognises a redelivered mid (tests/bot/test_redelivery.py:
    one turn, one reply): a copy must wait for the first delivery's commit, on any worker."""
    assert await server.post(fb.webhook([fb.echo_event("u2", "echo hi", "m.echo")])) == 200
    first = fb.text_event("u2", "hi", "m.dup")
    assert await server.post(fb.webhook([first])) == 200
    assert await server.post(fb.webhook([first, fb.text_event("u2", "next", "m.next")])) == 200   # in a batch
    assert server.core.calls == [("fb:u2", "hi"), ("fb:u2", "hi"), ("fb:u2", "next")]
    assert server.core.delivery_ids == ["fb:m.dup", "fb:m.dup", "fb:m.next"]


async def test_quiz_options_become_quick_replies_and_their_payload_the_answer(server: Server) -> None:
    server.core.calls.clear()
    await server.post(fb.webhook([fb.text_event("u3", "quiz", "m.q")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 1)
    quick = server.graph.sent[0].message["quick_replies"]
    assert [q["payload"] for q in quick] == ["1", "2", "3"]
    assert all(q["content_type"] == "text" and len(q["title"]) <= 20 for q in quick)
    assert quick[1]["title"].startswith("2. a convolutional")
    assert QUIZ_OPTIONS[1] in server.graph.sent[0].text           # the full option is in the text
    await server.post(fb.webhook([fb.quick_reply_event("u3", quick[1]["title"], "2", "m.qr")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 2)
    assert server.core.calls[-1] == ("fb:u3", "2")


def test_at_most_13_quick_replies() -> None:
    replies = quick_replies([f"option number {n} which is long" for n in range(20)])
    assert len(replies) == 13 and max(len(r["title"]) for r in replies) == 20
    assert replies[-1]["payload"] == "13"


async def test_images_are_uploaded_as_attachments(server: Server) -> None:
    await server.post(fb.webhook([fb.text_event("u4", "image", "m.img")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 2)
    text, image = server.graph.sent
    assert text.text == "Here is your progress."
    assert image.message == {"attachment": {"type": "image", "payload": {"is_reusable": False}}}
    assert image.upload == {"filename": "plot.png", "content_type": "image/png", "size": len(PNG)}
    assert image.messaging_type == "RESPONSE"


async def test_long_replies_are_split_under_the_2000_character_limit(server: Server) -> None:
    await server.post(fb.webhook([fb.text_event("u5", "long", "m.long")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) >= 3)
    await asyncio.sleep(0.05)
    assert all(len(s.text) <= 2000 for s in server.graph.sent)
    expected = (await server.core.handle("x", "long"))[0].text
    assert " ".join(s.text for s in server.graph.sent).split() == expected.split()


async def test_stickers_get_a_friendly_answer(server: Server) -> None:
    await server.post(fb.webhook([fb.sticker_event("u6", "m.st")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 1)
    assert server.graph.sent[0].text == NOT_TEXT_ANSWER and server.core.calls == []


async def test_a_failing_core_apologises(server: Server) -> None:
    await server.post(fb.webhook([fb.text_event("u7", "boom", "m.boom"), fb.text_event("u7", "after", "m.after")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 2)
    assert [s.text for s in server.graph.sent] == [FAILURE_ANSWER, "echo after"]


async def test_each_learner_in_order_different_learners_concurrently(server: Server) -> None:
    def batch(psid: str) -> bytes:
        return fb.webhook([fb.text_event(psid, "slow 1", f"{psid}.1"), fb.text_event(psid, "fast 2", f"{psid}.2")])

    assert await asyncio.gather(server.post(batch("p1")), server.post(batch("p2"))) == [200, 200]
    assert sorted(server.core.calls[:2]) == [("fb:p1", "slow 1"), ("fb:p2", "slow 1")]   # concurrently
    mixed = fb.webhook([fb.text_event("p1", "slow 3", "p1.3"), fb.text_event("p2", "fast 3", "p2.3")],
                       [fb.text_event("p1", "fast 4", "p1.4")])
    assert await server.post(mixed) == 200
    assert [text for learner, text in server.core.calls if learner == "fb:p1"] == ["slow 1", "fast 2", "slow 3", "fast 4"]
    await server.graph.wait_for(lambda: len(server.graph.sent) == 7)
    assert [s.text for s in server.graph.to("p1")] == ["echo slow 1", "echo fast 2", "echo slow 3", "echo fast 4"]
    assert [s.text for s in server.graph.to("p2")] == ["echo slow 1", "echo fast 2", "echo fast 3"]
    assert server.core.calls.index(("fb:p2", "fast 3")) < server.core.calls.index(("fb:p1", "fast 4"))


async def test_429_and_5xx_are_retried_with_backoff(server: Server) -> None:
    server.graph.failures = [429, 503]
    await server.post(fb.webhook([fb.text_event("u8", "retry me", "m.retry")]))
    await server.graph.wait_for(lambda: len(server.graph.sent) == 1)
    assert server.graph.requests == 3 and server.graph.sent[0].text == "echo retry me"


async def test_retries_are_bounded_and_other_errors_not_retried(server: Server) -> None:
    server.graph.failures = [500] * 10
    await server.post(fb.webhook([fb.text_event("u9", "x", "m.giveup")]))
    await asyncio.sleep(0.3)
    assert server.graph.requests == 4 and server.graph.sent == []
    server.graph.failures = [400]
    await server.post(fb.webhook([fb.text_event("u9", "y", "m.bad")]))
    await asyncio.sleep(0.1)
    assert server.graph.requests == 5


async def test_bad_json_and_other_objects_are_refused(server: Server) -> None:
    assert await server.post(b"{not json") == 400
    assert await server.post(json.dumps({"object": "instagram", "entry": []}).encode()) == 404


async def test_healthz(server: Server) -> None:
    status, text = await server.get("/healthz")
    assert status == 200 and json.loads(text)["status"] == "ok"


async def test_secrets_never_reach_the_logs(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    server.graph.failures = [400, 500]
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("tests").warning("GET %s/me/messages?access_token=%s", server.graph.url, PAGE_TOKEN)
        await server.get("/webhook", **{"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                                        "hub.challenge": "x"})
        await server.post(fb.webhook([fb.text_event("u10", "a", "m.s1"), fb.text_event("u11", "b", "m.s2")]))
        await server.graph.wait_for(lambda: len(server.graph.sent) == 1)
    assert "Send API" in caplog.text                           # the failures were logged...
    for secret in (PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN):      # ...without any secret
        assert secret not in caplog.text


# --- settings ------------------------------------------------------------------------------------

def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


@pytest.mark.parametrize("missing", ["MESSENGER_PAGE_TOKEN", "MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN"])
def test_a_missing_secret_names_the_variable(missing: str) -> None:
    env = {"MESSENGER_PAGE_TOKEN": "p", "MESSENGER_APP_SECRET": "a", "MESSENGER_VERIFY_TOKEN": "v"}
    del env[missing]
    with pytest.raises(MissingSecret, match=missing):
        MessengerSettings.from_args(parse(), environ=env)


def test_graph_url_from_flag_then_environment_then_default() -> None:
    env = {"MESSENGER_PAGE_TOKEN": "p", "MESSENGER_APP_SECRET": "a", "MESSENGER_VERIFY_TOKEN": "v"}
    assert MessengerSettings.from_args(parse(), environ=env).graph_url == "https://graph.facebook.com/v21.0"
    assert MessengerSettings.from_args(parse(), environ={**env, "MESSENGER_GRAPH_URL": "http://g"}).graph_url == "http://g"
    settings = MessengerSettings.from_args(parse("--graph-url", "http://f", "--port", "9", "--host", "0.0.0.0"),
                                           environ={**env, "MESSENGER_GRAPH_URL": "http://g"})
    assert (settings.graph_url, settings.port, settings.host) == ("http://f", 9, "0.0.0.0")


# --- end to end, through the real tutor core -----------------------------------------------------

async def test_start_and_a_quick_reply_through_the_real_core(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "learners.db")
    graph = await FakeGraphApi().start()
    app = make_app(core, app_secret=APP_SECRET, verify_token=VERIFY_TOKEN, page_token=PAGE_TOKEN, graph_url=graph.url)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as http:
            server = Server(url, graph, ScriptedCore(), http)
            assert await server.post(fb.webhook([fb.postback_event("r1", "/start", "m.r1")])) == 200
            await graph.wait_for(lambda: len(graph.sent) >= 1)
            welcome = graph.sent[-1].message
            assert welcome["quick_replies"] and all(len(q["title"]) <= 20 for q in welcome["quick_replies"])
            count = len(graph.sent)
            assert await server.post(fb.webhook([fb.quick_reply_event("r1", "1", "1", "m.r2")])) == 200
            await graph.wait_for(lambda: len(graph.sent) > count)
            assert graph.sent[-1].psid == "r1" and graph.sent[-1].text
    finally:
        await runner.cleanup()
        await graph.stop()
        await core.close()


async def test_a_learner_who_blocked_the_page_gets_no_more_reminders(tmp_path: Path) -> None:
    core, rounds = await core_with_a_due_reminder(tmp_path / "t.db", "fb:78")
    graph = await FakeGraphApi().start()
    graph.failures = [400]                       # "this person isn't available right now": refused for good
    await reminder_rounds(core, rounds, graph)
    rows = core.store.db.execute("SELECT count(*) FROM reminders WHERE learner_id = 'fb:78'").fetchone()[0]
    await core.close()
    assert rows == 0 and graph.to("78") == []
