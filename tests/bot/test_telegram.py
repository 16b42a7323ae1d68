"""The real python-telegram-bot client, polling (and serving a webhook) against a fake Bot API
server on 127.0.0.1."""
from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from telegram.ext import AIORateLimiter

from bot.telegram import (
    EDITED_ANSWER,
    FAILURE_ANSWER,
    NOT_TEXT_ANSWER,
    TelegramSettings,
    add_arguments,
    build_application,
    serve,
)
from bot.core import open_core
from nlp.errors import MissingSecret
from tests.bot.fakes import bot_api
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.core import QUIZ_OPTIONS, ScriptedCore

TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmno"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class Running:
    api: FakeBotApi
    core: ScriptedCore


def no_limits() -> AIORateLimiter:
    """PTB's own limiter with Telegram's flood limits off, so tests do not wait a second per 30 sends."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = await FakeBotApi(TOKEN).start()
    yield fake
    await fake.stop()


@pytest.fixture
async def polling(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Running]:
    image = tmp_path / "progress.png"
    image.write_bytes(PNG)
    core = ScriptedCore(image=image)
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(build_application(core, settings, rate_limiter=no_limits()), settings, stop))
    await api.wait_for(lambda: bool(api.sent("setMyCommands")))
    yield Running(api, core)
    stop.set()
    await task


async def test_text_goes_to_the_core_as_the_telegram_learner(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(11, "hello there"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 11)))
    assert polling.core.calls == [("tg:11", "hello there")]
    assert api.sent("sendMessage", 11)[0].params["text"] == "echo hello there"
    assert api.sent("sendChatAction", 11) == []        # answered at once: no indicator needed


async def test_typing_is_shown_while_a_slow_turn_works(polling: Running) -> None:
    api = polling.api
    polling.core.slow_s = 0.6
    api.push(bot_api.text_update(10, "slow question"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 10)))
    methods = [c.method for c in api.calls if c.params.get("chat_id") == 10]
    assert methods == ["sendChatAction", "sendMessage"]
    assert api.sent("sendChatAction", 10)[0].params["action"] == "typing"
    await asyncio.sleep(0.4)
    assert len(api.sent("sendChatAction", 10)) == 1     # and stops with the answer


async def test_commands_reach_the_core_without_the_bot_name(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(12, "/quiz@tutorbot_test_bot"))
    api.push(bot_api.text_update(12, "/help"))
    api.push(bot_api.text_update(12, "/progress@some_other_bot"))   # for another bot in a group
    api.push(bot_api.text_update(12, "/start"))
    await api.wait_for(lambda: len(api.sent("sendMessage", 12)) == 3)
    assert [text for _, text in polling.core.calls] == ["/quiz", "/help", "/start"]
    names = {c["command"] for c in api.sent("setMyCommands")[0].params["commands"]}
    assert names == {"start", "help", "lesson", "quiz", "review", "progress", "reset"}


async def test_quiz_options_are_an_inline_keyboard_of_numbers(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(13, "quiz"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 13)))
    sent = api.sent("sendMessage", 13)[0].params
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard] == ["1", "2", "3"]
    assert keyboard[0][0]["text"] == "1. gradient descent"
    assert all(len(row) == 1 and len(row[0]["text"]) <= 40 for row in keyboard)
    assert "2. " + QUIZ_OPTIONS[1] in sent["text"]      # full options listed in the text


async def test_a_pressed_button_is_answered_and_read_as_the_answer(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.callback_update(14, "2", query_id="q-14"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 14)))
    assert [c.params["callback_query_id"] for c in api.sent("answerCallbackQuery")] == ["q-14"]
    assert polling.core.calls == [("tg:14", "2")]
    edited = api.sent("editMessageReplyMarkup", 14)
    assert edited and "reply_markup" not in edited[0].params      # keyboard removed: no double answer


@pytest.mark.parametrize("data", ["9", "0", "drop table", ""])
async def test_forged_or_stale_button_data_never_reaches_the_core(polling: Running, data: str) -> None:
    api = polling.api
    api.push(bot_api.callback_update(15, data, buttons=3))
    await api.wait_for(lambda: bool(api.sent("answerCallbackQuery")))
    await asyncio.sleep(0.05)
    assert polling.core.calls == []
    assert api.sent("sendMessage", 15) == []


async def test_images_are_sent_as_photos(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(16, "image"))
    await api.wait_for(lambda: bool(api.sent("sendPhoto", 16)))
    photo = api.sent("sendPhoto", 16)[0].params["photo"]
    assert photo["size"] == len(PNG)
    assert [c.method for c in api.calls if c.params.get("chat_id") == 16][-2:] == ["sendMessage", "sendPhoto"]


async def test_long_text_is_split_at_paragraphs_into_telegram_sized_messages(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(17, "long"))
    await api.wait_for(lambda: len(api.sent("sendMessage", 17)) >= 3)
    await asyncio.sleep(0.05)
    texts = [c.params["text"] for c in api.sent("sendMessage", 17)]
    assert all(len(t) <= 4096 for t in texts)
    whole = "\n\n".join(texts)
    assert whole.split() == (await polling.core.handle("x", "long"))[0].text.split()
    assert all(t.endswith(t.split()[-1]) and not t.endswith(" ") for t in texts)


@pytest.mark.parametrize(
    ("update", "answer"),
    [
        (bot_api.sticker_update(18), NOT_TEXT_ANSWER),
        (bot_api.voice_update(18), NOT_TEXT_ANSWER),
        (bot_api.edited_update(18, "fixed typo"), EDITED_ANSWER),
    ],
)
async def test_non_text_updates_get_a_friendly_answer(polling: Running, update: dict, answer: str) -> None:
    api = polling.api
    api.push(update)
    api.push(bot_api.text_update(18, "still alive?"))
    await api.wait_for(lambda: len(api.sent("sendMessage", 18)) == 2)
    assert [c.params["text"] for c in api.sent("sendMessage", 18)] == [answer, "echo still alive?"]
    assert polling.core.calls == [("tg:18", "still alive?")]


async def test_a_failing_core_apologises_and_the_bot_goes_on(polling: Running, caplog: pytest.LogCaptureFixture) -> None:
    api = polling.api
    with caplog.at_level(logging.ERROR):
        api.push(bot_api.text_update(19, "boom"))
        api.push(bot_api.text_update(19, "after"))
        await api.wait_for(lambda: len(api.sent("sendMessage", 19)) == 2)
    assert [c.params["text"] for c in api.sent("sendMessage", 19)] == [FAILURE_ANSWER, "echo after"]
    assert "the core failed" in caplog.text


async def test_chats_run_concurrently_but_each_chat_in_order(polling: Running) -> None:
    api = polling.api
    for chat in (21, 22):
        api.push(bot_api.text_update(chat, "slow 1"))
        api.push(bot_api.text_update(chat, "fast 2"))
        api.push(bot_api.text_update(chat, "slow 3"))
    await api.wait_for(lambda: len(api.sent("sendMessage")) == 6)
    for chat in (21, 22):
        assert [c.params["text"] for c in api.sent("sendMessage", chat)] == ["echo slow 1", "echo fast 2", "echo slow 3"]
    # concurrent: chat 22's first turn started while chat 21's slow first turn was still running
    assert sorted(polling.core.calls[:2]) == [("tg:21", "slow 1"), ("tg:22", "slow 1")]


async def test_the_bot_token_never_reaches_the_logs(polling: Running, caplog: pytest.LogCaptureFixture) -> None:
    api = polling.api
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("tests").info("POST %s/sendMessage", api.base_url + TOKEN)
        api.push(bot_api.text_update(23, "hi"))
        await api.wait_for(lambda: bool(api.sent("sendMessage", 23)))
    assert "HTTP Request" in caplog.text                        # httpx logged the URLs...
    assert TOKEN not in caplog.text                             # ...with the token masked
    assert TOKEN.split(":")[1] not in caplog.text
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")    # inside PTB's own limiter
async def test_flood_control_is_waited_out_and_the_message_resent(api: FakeBotApi) -> None:
    core = ScriptedCore()
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url)
    application = build_application(core, settings)          # the production limiter, flood limits on
    assert isinstance(application.bot.rate_limiter, AIORateLimiter)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, settings, stop))
    try:
        api.flood["sendMessage"] = 1                              # Telegram: "retry after 1 s"
        api.push(bot_api.text_update(24, "hi"))
        await api.wait_for(lambda: len(api.sent("sendMessage", 24)) == 2)
        first, second = api.sent("sendMessage", 24)
        assert first.params["text"] == second.params["text"] == "echo hi"
        assert second.at - first.at >= 0.9                  # the wait Telegram asked for
    finally:
        stop.set()
        await task


# --- webhook mode --------------------------------------------------------------------------------

async def test_webhook_rejects_requests_without_the_secret_token(api: FakeBotApi, unused_tcp_port: int) -> None:
    core = ScriptedCore()
    url = "https://tutor.example.org/tg-hook"
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url, webhook_url=url, listen="127.0.0.1",
                                port=unused_tcp_port, secret_token="s3cret-webhook-token")
    stop = asyncio.Event()
    task = asyncio.create_task(serve(build_application(core, settings, rate_limiter=no_limits()), settings, stop))
    try:
        await api.wait_for(lambda: bool(api.sent("setWebhook")))
        registered = api.sent("setWebhook")[0].params
        assert registered["url"] == url and registered["secret_token"] == "s3cret-webhook-token"
        hook = f"http://127.0.0.1:{unused_tcp_port}/tg-hook"
        update = {"update_id": 501, **bot_api.text_update(31, "via webhook")}
        async with aiohttp.ClientSession() as http:
            assert await post_when_up(http, hook, update) == 403      # no header
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with http.post(hook, json={**update, "update_id": 502}, headers=wrong) as wrong_header:
                assert wrong_header.status == 403
            await asyncio.sleep(0.1)
            assert core.calls == [] and api.sent("sendMessage") == []
            right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-webhook-token"}
            async with http.post(hook, json={**update, "update_id": 503}, headers=right) as accepted:
                assert accepted.status == 200
        await api.wait_for(lambda: bool(api.sent("sendMessage", 31)))
        assert core.calls == [("tg:31", "via webhook")]
    finally:
        stop.set()
        await task


async def post_when_up(http: aiohttp.ClientSession, url: str, body: dict) -> int:
    """POST once the server listens (PTB sets the webhook before it starts serving)."""
    for _ in range(100):
        try:
            async with http.post(url, json=body) as response:
                return response.status
        except aiohttp.ClientConnectorError:
            await asyncio.sleep(0.03)
    raise AssertionError(f"nothing listens on {url}")


# --- settings from the command line --------------------------------------------------------------

def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_missing_bot_token_names_the_variable() -> None:
    with pytest.raises(MissingSecret, match="TELEGRAM_BOT_TOKEN"):
        TelegramSettings.from_args(parse(), environ={})


def test_webhook_mode_requires_the_secret_token() -> None:
    args = parse("--webhook-url", "https://x.example/hook", "--port", "9000")
    with pytest.raises(MissingSecret, match="TELEGRAM_SECRET_TOKEN"):
        TelegramSettings.from_args(args, environ={"TELEGRAM_BOT_TOKEN": TOKEN})
    settings = TelegramSettings.from_args(args, environ={"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": "s"})
    assert (settings.webhook_url, settings.port, settings.secret_token) == ("https://x.example/hook", 9000, "s")


def test_api_url_from_flag_then_environment_then_default() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN}
    assert TelegramSettings.from_args(parse(), environ=env).api_url == "https://api.telegram.org/bot"
    local = TelegramSettings.from_args(parse(), environ={**env, "TELEGRAM_API_URL": "http://localhost:8081/bot"})
    assert local.api_url == "http://localhost:8081/bot" and local.file_url == "http://localhost:8081/file/bot"
    flag = TelegramSettings.from_args(parse("--api-url", "http://h:1/bot"), environ={**env, "TELEGRAM_API_URL": "x"})
    assert flag.api_url == "http://h:1/bot"
    assert flag.secret_token is None and flag.webhook_url is None


# --- end to end, through the real tutor core -----------------------------------------------------

async def test_a_quiz_through_the_real_core(api: FakeBotApi, tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "learners.db")
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(build_application(core, settings, rate_limiter=no_limits()), settings, stop))
    try:
        api.push(bot_api.text_update(41, "/quiz"))
        await api.wait_for(lambda: bool(api.sent("sendMessage", 41)))
        question = api.sent("sendMessage", 41)[-1].params
        buttons = [row[0]["callback_data"] for row in question["reply_markup"]["inline_keyboard"]]
        assert len(buttons) >= 2 and buttons == [str(n) for n in range(1, len(buttons) + 1)]
        api.push(bot_api.callback_update(41, "2", buttons=len(buttons), query_id="real-1"))
        await api.wait_for(lambda: len(api.sent("sendMessage", 41)) >= 2)
        feedback = api.sent("sendMessage", 41)[1].params["text"]
        assert any(word in feedback.lower() for word in ("correct", "not quite", "right", "wrong"))
        assert api.sent("answerCallbackQuery")[0].params["callback_query_id"] == "real-1"
    finally:
        stop.set()
        await task
        await core.close()
