"""The real python-telegram-bot client, polling (and serving a webhook) against a fake Bot API
server on 127.0.0.1."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram.ext import AIORateLimiter

from bot.telegram import (
    CLOSED_QUESTION_ANSWER,
    EDITED_ANSWER,
    EXPIRED_BUTTON_ANSWER,
    FAILURE_ANSWER,
    NOT_TEXT_ANSWER,
    BadSecretToken,
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
from tests.bot.fakes.reminding import core_with_a_due_reminder
from tests.bot.fakes.running import (
    TOKEN,
    WEBHOOK_SECRET,
    no_limits,
    telegram_bot,
    telegram_webhook,
    telegram_webhook_client,
)
from tutor.dialogue.texts import REMINDER

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class Running:
    api: FakeBotApi
    core: ScriptedCore


async def test_review_reminders_go_out_through_the_job_queue_once(api: FakeBotApi, tmp_path: Path) -> None:
    """The real job queue against the fake Bot API: a due reminder is sent once, however many rounds follow."""
    core, rounds = await core_with_a_due_reminder(tmp_path / "t.db", "tg:21")
    settings, stop = TelegramSettings(token=TOKEN, api_url=api.base_url), asyncio.Event()
    task = asyncio.create_task(serve(build_application(core, settings, rate_limiter=no_limits(), reminder_tick_s=0.02),
                                     settings, stop))
    await rounds.wait()
    stop.set()
    await task
    assert [c.params["text"] for c in api.sent("sendMessage", 21)] == [REMINDER.format(count=1)]
    await core.close()


@pytest.fixture
async def polling(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Running]:
    image = tmp_path / "progress.png"
    image.write_bytes(PNG)
    core = ScriptedCore(image=image)
    async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
        yield Running(api, core)


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
    assert names == {"start", "help", "lesson", "quiz", "review", "progress", "remind", "lab", "project", "reset"}


async def test_quiz_options_are_an_inline_keyboard_naming_the_question(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(13, "quiz"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 13)))
    sent = api.sent("sendMessage", 13)[0].params
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard] == ["1.1", "1.2", "1.3"]   # question 1, options 1-3
    assert keyboard[0][0]["text"] == "1. gradient descent"
    assert all(len(row) == 1 and len(row[0]["text"]) <= 40 for row in keyboard)
    assert "2. " + QUIZ_OPTIONS[1] in sent["text"]      # full options listed in the text


async def test_a_pressed_button_is_answered_and_read_as_the_answer(polling: Running) -> None:
    api = polling.api
    api.push(bot_api.text_update(14, "quiz"))
    await api.wait_for(lambda: bool(api.sent("sendMessage", 14)))
    api.push(bot_api.press(api.sent("sendMessage", 14)[0], 2, chat_id=14, query_id="q-14"))
    await api.wait_for(lambda: len(api.sent("sendMessage", 14)) == 2)
    assert [c.params["callback_query_id"] for c in api.sent("answerCallbackQuery")] == ["q-14"]
    assert polling.core.calls == [("tg:14", "quiz"), ("tg:14", "2")]
    edited = api.sent("editMessageReplyMarkup", 14)
    assert edited and "reply_markup" not in edited[0].params      # keyboard removed: no double answer


async def test_a_button_of_an_older_question_does_not_answer_the_current_one(polling: Running) -> None:
    """D1: /quiz, /quiz, then button 2 on the first question's message."""
    api = polling.api
    api.push(bot_api.text_update(20, "quiz"))
    api.push(bot_api.text_update(20, "quiz"))
    await api.wait_for(lambda: len(api.sent("sendMessage", 20)) == 2)
    first, second = api.sent("sendMessage", 20)
    api.push(bot_api.press(first, 2, chat_id=20, query_id="old"))
    await api.wait_for(lambda: bool(api.sent("editMessageReplyMarkup", 20)))
    answer = api.sent("answerCallbackQuery")[0].params
    assert (answer["callback_query_id"], answer["text"]) == ("old", CLOSED_QUESTION_ANSWER)
    assert api.sent("editMessageReplyMarkup", 20)[0].params["message_id"] == str(first.result["message_id"])
    api.push(bot_api.press(second, 3, chat_id=20, query_id="new"))       # the current question still works
    await api.wait_for(lambda: len(api.sent("sendMessage", 20)) == 3)
    assert polling.core.calls == [("tg:20", "quiz"), ("tg:20", "quiz"), ("tg:20", "3")]


@pytest.mark.parametrize("data", ["0.9", "0.0", "drop table", "", "2", "0.²", "0.٣", "zz.1", "0.1.1"])
async def test_forged_or_stale_button_data_never_reaches_the_core(polling: Running, data: str) -> None:
    api = polling.api
    api.push(bot_api.callback_update(15, data, buttons=3))
    await api.wait_for(lambda: bool(api.sent("answerCallbackQuery")))
    await asyncio.sleep(0.05)
    assert api.sent("answerCallbackQuery")[0].params["text"] == EXPIRED_BUTTON_ANSWER
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
    async with telegram_webhook(core, api, unused_tcp_port) as hook:
        registered = api.sent("setWebhook")[0].params
        assert registered["url"] == "https://tutor.example.org/tg-hook" and registered["secret_token"] == WEBHOOK_SECRET
        update = {"update_id": 501, **bot_api.text_update(31, "via webhook")}
        assert await hook.post(json.dumps(update).encode(), secret=None) == 403
        assert await hook.post(json.dumps({**update, "update_id": 502}).encode(), secret="guess") == 403
        await asyncio.sleep(0.1)
        assert core.calls == [] and api.sent("sendMessage") == []
        assert await hook.post(json.dumps({**update, "update_id": 503}).encode()) == 200
        await api.wait_for(lambda: bool(api.sent("sendMessage", 31)))
    assert core.calls == [("tg:31", "via webhook")]


async def test_webhook_accepts_json_with_a_charset(api: FakeBotApi, unused_tcp_port: int) -> None:
    """D18: Content-Type "application/json; charset=utf-8" is JSON."""
    core = ScriptedCore()
    async with telegram_webhook(core, api, unused_tcp_port) as hook:
        update = {"update_id": 504, **bot_api.text_update(32, "with charset")}
        assert await hook.post(json.dumps(update).encode(), content_type="application/json; charset=utf-8") == 200
        assert await hook.post(b"{}", content_type="text/plain") == 415
        await api.wait_for(lambda: bool(api.sent("sendMessage", 32)))
    assert core.calls == [("tg:32", "with charset")]


async def test_no_secret_reaches_the_logs_at_debug_in_webhook_mode(api: FakeBotApi, unused_tcp_port: int,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        async with telegram_webhook(ScriptedCore(), api, unused_tcp_port) as hook:
            update = {"update_id": 505, **bot_api.text_update(33, "hi")}
            assert await hook.post(json.dumps(update).encode()) == 200
            assert await hook.post(json.dumps(update).encode(), secret=WEBHOOK_SECRET[:-1] + "x") == 403
            await api.wait_for(lambda: bool(api.sent("sendMessage", 33)))
    assert "setWebhook" in caplog.text and "HTTP Request" in caplog.text      # logged at DEBUG...
    for secret in (TOKEN, TOKEN.split(":")[1], WEBHOOK_SECRET):              # ...with every secret masked
        assert secret not in caplog.text


async def test_the_telegram_command_logs_no_secret_at_debug(api: FakeBotApi, tmp_path: Path, unused_tcp_port: int,
                                                           tiny_models_dir: Path) -> None:
    """`tutorbot telegram --log-level debug` in webhook mode, as a process: PTB logs every call
    with its URL (the token) and setWebhook with its secret token."""
    environment = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": WEBHOOK_SECRET,
                   "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "telegram", "--log-level", "debug", "--api-url", api.base_url,
        "--webhook-url", "https://tutor.example.org/tg-hook", "--port", str(unused_tcp_port),
        "--db", str(tmp_path / "learners.db"), "--models", str(tiny_models_dir),  # no models: it refuses to start
        env=environment, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await api.wait_for(lambda: bool(api.sent("setWebhook")), timeout=60)
        async with telegram_webhook_client(unused_tcp_port) as hook:
            assert await hook.post(json.dumps({"update_id": 7, **bot_api.text_update(34, "/help")}).encode()) == 200
            assert await hook.post(b"{}", secret="wrong-secret-guess") == 403
        await api.wait_for(lambda: bool(api.sent("sendMessage", 34)), timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await process.communicate()
    log = err.decode()
    assert "DEBUG" in log and "setWebhook" in log and "HTTP Request" in log
    for secret in (TOKEN, TOKEN.split(":")[1], WEBHOOK_SECRET):
        assert secret not in log


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
    environ = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": WEBHOOK_SECRET}
    settings = TelegramSettings.from_args(args, environ=environ)
    assert (settings.webhook_url, settings.port, settings.secret_token) == ("https://x.example/hook", 9000, WEBHOOK_SECRET)


@pytest.mark.parametrize("secret", ["a b" * 120, "x" * 257, "short", "tok€n-with-euro-sign", "semi;colon;0123456789"])
def test_a_secret_token_telegram_would_refuse_is_a_one_line_error(secret: str) -> None:
    """D19: Telegram takes 1-256 of A-Z a-z 0-9 _ -; we also ask for 16 at least."""
    args = parse("--webhook-url", "https://x.example/hook")
    with pytest.raises(BadSecretToken, match="16 to 256 characters"):
        TelegramSettings.from_args(args, environ={"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": secret})
    assert TelegramSettings.from_args(args, environ={"TELEGRAM_BOT_TOKEN": TOKEN,
                                                     "TELEGRAM_SECRET_TOKEN": "A" * 256}).secret_token == "A" * 256


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
    try:
        async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
            api.push(bot_api.text_update(41, "/quiz"))
            await api.wait_for(lambda: bool(api.sent("sendMessage", 41)))
            question = api.sent("sendMessage", 41)[-1]
            buttons = [row[0]["callback_data"] for row in question.params["reply_markup"]["inline_keyboard"]]
            assert len(buttons) >= 2 and [data.split(".")[1] for data in buttons] == [str(n) for n in range(1, len(buttons) + 1)]
            api.push(bot_api.press(question, 2, chat_id=41, query_id="real-1"))
            await api.wait_for(lambda: len(api.sent("sendMessage", 41)) >= 2)
            feedback = api.sent("sendMessage", 41)[1].params["text"]
            assert any(word in feedback.lower() for word in ("correct", "not quite", "right", "wrong"))
            assert api.sent("answerCallbackQuery")[0].params["callback_query_id"] == "real-1"
    finally:
        await core.close()


async def test_a_button_of_an_older_question_is_closed_through_the_real_core(api: FakeBotApi, tmp_path: Path) -> None:
    """D1 as the issue reproduced it: /quiz, type 1, /quiz, press button 2 on the first message."""
    core = open_core(None, tmp_path / "learners.db")
    try:
        async with telegram_bot(core, TelegramSettings(token=TOKEN, api_url=api.base_url), api):
            for text in ("/quiz", "1", "/quiz"):
                count = len(api.sent("sendMessage", 42))
                api.push(bot_api.text_update(42, text))
                await api.wait_for(lambda: len(api.sent("sendMessage", 42)) > count)
                await asyncio.sleep(0.05)          # every reply of the turn
            first_question = next(c for c in api.sent("sendMessage", 42) if c.params.get("reply_markup"))
            before = len(api.sent("sendMessage", 42))
            api.push(bot_api.press(first_question, 2, chat_id=42, query_id="stale"))
            await api.wait_for(lambda: bool(api.sent("answerCallbackQuery")))
            await asyncio.sleep(0.1)
            assert api.sent("answerCallbackQuery")[0].params["text"] == CLOSED_QUESTION_ANSWER
            assert len(api.sent("sendMessage", 42)) == before         # nothing answered the second question
            assert [sender for sender, _ in core.store.conversation("tg:42")].count("learner") == 3
    finally:
        await core.close()
