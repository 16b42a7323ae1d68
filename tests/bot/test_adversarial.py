"""Attacks and accidents on both channels, run for real on 127.0.0.1: forged, oversized,
malformed and ill-typed webhooks and updates. Whatever arrives, a channel answers with a status
the platform understands (never 500), logs no traceback, and goes on serving the next learner."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.channel import MAX_BODY_BYTES, BadBody, decode_json_object, json_depth, option_number
from bot.messenger import turn_of
from bot.telegram import EXPIRED_BUTTON_ANSWER, TelegramSettings, read_envelope
from tests.bot.fakes import bot_api
from tests.bot.fakes import graph_api as fb
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.core import ScriptedCore
from tests.bot.fakes.running import (
    APP_SECRET,
    SECRET_HEADER,
    TOKEN,
    WEBHOOK_SECRET,
    MessengerServer,
    Webhook,
    messenger_server,
    status_before_the_body,
    telegram_bot,
    telegram_webhook,
)

NINETY_MIB = 90 * 1024 * 1024
DEEP = b"[" * 100_000 + b"]" * 100_000
MALFORMED_BODIES = {"not JSON": b"{not json", "empty": b"", "not UTF-8": b'{"update_id": 1, "x": "\xff\xfe"}',
                    "100,000 deep": DEEP, "deep inside an object": b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}",
                    "a list": b"[1, 2]", "a string": b'"hello"'}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> bool:
    return not [record for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR]


@pytest.fixture
async def hook(api: FakeBotApi, unused_tcp_port: int) -> AsyncIterator[Webhook]:
    async with telegram_webhook(ScriptedCore(), api, unused_tcp_port) as running:
        yield running


@pytest.fixture
async def messenger() -> AsyncIterator[MessengerServer]:
    async with messenger_server(ScriptedCore()) as running:
        yield running


async def post_signed(server: MessengerServer, body: bytes) -> int:
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": fb.sign(APP_SECRET, body)}
    async with server.http.post(f"{server.url}/webhook", data=body, headers=headers) as response:
        return response.status


# --- D3: bodies over the limit are refused before they are read ----------------------------------

async def test_telegram_refuses_a_huge_unauthenticated_body_before_reading_it(hook: Webhook) -> None:
    assert await status_before_the_body(hook.port, "/tg-hook", {}, NINETY_MIB) == 403
    assert await status_before_the_body(hook.port, "/tg-hook", {SECRET_HEADER: "guess"}, NINETY_MIB) == 403
    assert await status_before_the_body(hook.port, "/tg-hook", {SECRET_HEADER: WEBHOOK_SECRET}, NINETY_MIB) == 413


async def test_messenger_refuses_a_huge_body_before_reading_it(messenger: MessengerServer) -> None:
    assert await status_before_the_body(messenger.port, "/webhook", {}, NINETY_MIB) == 413


async def test_a_chunked_body_over_the_limit_is_refused(hook: Webhook, messenger: MessengerServer) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    headers = {"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET}
    async with hook.http.post(hook.url, data=chunks(), headers=headers) as response:
        assert response.status == 413
    async with messenger.http.post(f"{messenger.url}/webhook", data=chunks(), headers=headers) as response:
        assert response.status == 413


# --- D12: malformed bodies with the right secret ------------------------------------------------

@pytest.mark.parametrize("name", list(MALFORMED_BODIES))
async def test_telegram_answers_a_malformed_body_400_without_a_traceback(
        hook: Webhook, api: FakeBotApi, name: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert await hook.post(MALFORMED_BODIES[name]) == 400
        update = {"update_id": 900, **bot_api.text_update(61, "still there?")}
        assert await hook.post(json.dumps(update).encode()) == 200
        await api.wait_for(lambda: bool(api.sent("sendMessage", 61)))
    assert no_tracebacks(caplog)


ILL_TYPED_UPDATES: list[dict[str, Any]] = [
    {"update_id": 901, "message": "abc"},
    {"update_id": "902", **bot_api.text_update(62, "string id")},
    {"update_id": 903, "message": {**bot_api.message(62, text="hi"), "chat": "abc"}},
    {"update_id": 904, "message": {**bot_api.message(62, text="hi"), "chat": {"id": [1], "type": "private"}}},
    {"update_id": 905, "message": {**bot_api.message(62, text=["not", "text"])}},
    {"update_id": 906, "message": {**bot_api.message(62, text="hi"), "from": {"id": "x", "is_bot": False,
                                                                             "first_name": "x"}}},
    {"update_id": 907, "callback_query": {"id": "cq", "from": bot_api.user(62), "chat_instance": "c", "data": 7}},
    {"update_id": 908, "callback_query": "abc"},
    {"update_id": 909, "channel_post": bot_api.message(62, text="a kind we do not serve")},
    {"update_id": 910},
    {"message": bot_api.message(62, text="no update id")},
]


@pytest.mark.parametrize("update", ILL_TYPED_UPDATES)
async def test_telegram_drops_an_ill_typed_update_with_200_and_goes_on(
        hook: Webhook, api: FakeBotApi, update: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert await hook.post(json.dumps(update).encode()) == 200     # Telegram would only redeliver it
        assert await hook.post(json.dumps({"update_id": 999, **bot_api.text_update(63, "next")}).encode()) == 200
        await api.wait_for(lambda: bool(api.sent("sendMessage", 63)))
    assert api.sent("sendMessage", 62) == []
    assert [c.params["text"] for c in api.sent("sendMessage")] == ["echo next"]
    assert no_tracebacks(caplog)


# --- D9, D13: updates that lack a chat or a sender -----------------------------------------------

async def test_a_button_without_a_message_is_answered_as_invalid(api: FakeBotApi, caplog: pytest.LogCaptureFixture) -> None:
    """D9: a press under an inline message (inline_message_id, no message, no chat)."""
    core = ScriptedCore()
    with caplog.at_level(logging.INFO):
        async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
            api.push(bot_api.inline_callback_update(64, "0.1", query_id="inline-1"))
            await api.wait_for(lambda: bool(api.sent("answerCallbackQuery")))
    answer = api.sent("answerCallbackQuery")[0].params
    assert (answer["callback_query_id"], answer["text"]) == ("inline-1", EXPIRED_BUTTON_ANSWER)
    assert core.calls == [] and api.sent("sendMessage") == []
    assert no_tracebacks(caplog)


async def test_a_message_without_a_sender_is_ignored(api: FakeBotApi, caplog: pytest.LogCaptureFixture) -> None:
    """D13: {"message": {...no "from"...}} is dropped: no turn, no apology, no traceback."""
    core = ScriptedCore()
    anonymous = {"message_id": 1, "date": 0, "chat": {"id": 65, "type": "private"}, "text": "hello"}
    with caplog.at_level(logging.INFO):
        async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
            api.push({"message": anonymous})
            api.push(bot_api.text_update(65, "with a sender"))
            await api.wait_for(lambda: bool(api.sent("sendMessage", 65)))
            await asyncio.sleep(0.05)
    assert [c.params["text"] for c in api.sent("sendMessage", 65)] == ["echo with a sender"]
    assert core.calls == [("tg:65", "with a sender")]
    assert no_tracebacks(caplog)


# --- D8: digits that are not ASCII -------------------------------------------------------------

@pytest.mark.parametrize("data", ["²", "٣", "１", "¹²", "0x1", "1_0", "+1"])
def test_only_ascii_digits_are_option_numbers(data: str) -> None:
    assert option_number(data) is None


# --- D7: signed Messenger events of the wrong shape ----------------------------------------------

BAD_EVENTS: list[object] = [
    "abc", 7, None, [], {"sender": "u1", "message": {"text": "hi"}}, {"sender": {"id": ["u1"]}, "message": {"text": "x"}},
    {"sender": {"id": True}, "message": {"text": "x"}}, {"sender": {"id": "x" * 1000}, "message": {"text": "x"}},
    {"sender": {"id": "u1"}, "message": "hi"}, {"sender": {"id": "u1"}, "message": {"text": {"a": 1}, "mid": []}},
    {"sender": {"id": "u1"}, "message": {"quick_reply": "2", "mid": 5}}, {"sender": {"id": "u1"}, "postback": [1]},
    {"sender": {"id": "u1"}, "postback": {"payload": {"x": 1}}},
]


@pytest.mark.parametrize("payload", [
    {"object": "page", "entry": "abc"},
    {"object": "page", "entry": [1, "x", None, {"messaging": "abc"}, {"messaging": {"a": 1}}]},
    {"object": "page", "entry": None},
])
async def test_messenger_answers_ill_typed_entries_200(messenger: MessengerServer, payload: dict[str, Any],
                                                       caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert await post_signed(messenger, json.dumps(payload).encode()) == 200
    assert no_tracebacks(caplog)


async def test_a_bad_event_does_not_stop_the_valid_events_after_it(messenger: MessengerServer,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    body = json.dumps({"object": "page", "entry": [
        {"id": "PAGE", "messaging": [*BAD_EVENTS, fb.text_event("v1", "first", "m.v1")]},
        "not an entry",
        {"id": "PAGE", "messaging": [{"sender": "u2"}, fb.text_event("v2", "second", "m.v2")]},
    ]}).encode()
    with caplog.at_level(logging.INFO):
        assert await post_signed(messenger, body) == 200
        await messenger.graph.wait_for(lambda: bool(messenger.graph.to("v1") and messenger.graph.to("v2")))
    assert [(s.psid, s.text) for s in messenger.graph.to("v1") + messenger.graph.to("v2")] == [
        ("v1", "echo first"), ("v2", "echo second")]
    assert {s.psid for s in messenger.graph.sent} <= {"u1", "v1", "v2"}     # u1's unreadable message: "text only"
    assert no_tracebacks(caplog)


@pytest.mark.parametrize("name", list(MALFORMED_BODIES))
async def test_messenger_answers_a_signed_malformed_body_400(messenger: MessengerServer, name: str,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert await post_signed(messenger, MALFORMED_BODIES[name]) == 400
    assert no_tracebacks(caplog)


# --- fuzz: the envelope checks never raise -------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(json_values)
def test_turn_of_reads_any_json_event_without_raising(event: object) -> None:
    turn = turn_of(event)
    assert turn is None or isinstance(turn.psid, str) and (turn.text is None or isinstance(turn.text, str))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["update_id", "message", "edited_message", "callback_query", "x"]),
                       json_values, max_size=4))
def test_read_envelope_takes_any_update_that_parses(data: dict[str, Any]) -> None:
    try:
        update = Update.de_json(data, None)
    except Exception:  # noqa: BLE001 - the webhook drops what PTB cannot parse; see parse_update
        return
    envelope = read_envelope(update)
    assert envelope is None or isinstance(envelope.user_id, int)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64) | json_values.map(lambda value: json.dumps(value).encode()))
def test_a_body_is_a_json_object_or_bad(raw: bytes) -> None:
    try:
        value = decode_json_object(raw)
    except BadBody:
        return
    assert isinstance(value, dict) and json_depth(value) <= 32
