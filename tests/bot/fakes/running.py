"""The channels running for real on 127.0.0.1, for the tests: the Telegram bot (polling the fake
Bot API, or serving its webhook) and the Messenger webhook server (replying to the fake Graph API)."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from telegram.ext import AIORateLimiter

from bot.channel import TutorCore
from bot.messenger import RetryPolicy, make_app
from bot.telegram import TelegramSettings, build_application, serve
from tests.bot.fakes.bot_api import FakeBotApi
from tests.bot.fakes.graph_api import FakeGraphApi

TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmno"
WEBHOOK_SECRET = "s3cret-webhook-token"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
APP_SECRET = "app-secret-0123456789"
VERIFY_TOKEN = "verify-me-please"
PAGE_TOKEN = "EAAPageTokenSecretValue0123456789"


def no_limits() -> AIORateLimiter:
    """PTB's own limiter with Telegram's flood limits off, so tests do not wait a second per 30 sends."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0)


@asynccontextmanager
async def telegram_bot(core: TutorCore, settings: TelegramSettings, api: FakeBotApi) -> AsyncIterator[None]:
    """The bot running until the block ends; entered once it has announced its commands."""
    stop = asyncio.Event()
    task = asyncio.create_task(serve(build_application(core, settings, rate_limiter=no_limits()), settings, stop))
    try:
        await api.wait_for(lambda: bool(api.sent("setMyCommands")) or task.done())
        yield
    finally:
        stop.set()
        await task


@dataclass
class Webhook:
    url: str
    port: int
    http: aiohttp.ClientSession

    async def post(self, body: bytes, secret: str | None = WEBHOOK_SECRET,
                   content_type: str = "application/json") -> int:
        headers = {"Content-Type": content_type}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        async with self.http.post(self.url, data=body, headers=headers) as response:
            return response.status


@asynccontextmanager
async def telegram_webhook(core: TutorCore, api: FakeBotApi, port: int) -> AsyncIterator[Webhook]:
    """The bot in webhook mode on ``port`` (path /tg-hook), with a client to post to it."""
    settings = TelegramSettings(token=TOKEN, api_url=api.base_url, webhook_url="https://tutor.example.org/tg-hook",
                                listen="127.0.0.1", port=port, secret_token=WEBHOOK_SECRET)
    async with telegram_bot(core, settings, api), telegram_webhook_client(port) as hook:
        yield hook


@asynccontextmanager
async def telegram_webhook_client(port: int) -> AsyncIterator[Webhook]:
    """A client for the webhook served on ``port`` (path /tg-hook), once it listens."""
    async with aiohttp.ClientSession() as http:
        await _listening(port)
        yield Webhook(f"http://127.0.0.1:{port}/tg-hook", port, http)


async def _listening(port: int) -> None:
    """Wait until something accepts connections on ``port`` (the bot registers its webhook with
    Telegram before it serves it)."""
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.02)
            continue
        writer.close()
        return
    raise AssertionError(f"nothing listens on port {port}")


@dataclass
class MessengerServer:
    url: str
    port: int
    graph: FakeGraphApi
    http: aiohttp.ClientSession


@asynccontextmanager
async def messenger_server(core: TutorCore, **webhook: Any) -> AsyncIterator[MessengerServer]:
    """The Messenger webhook server over ``core`` on a free port; ``webhook``: more of install()'s settings."""
    graph = await FakeGraphApi().start()
    app = make_app(core, app_secret=APP_SECRET, verify_token=VERIFY_TOKEN, page_token=PAGE_TOKEN,
                   graph_url=graph.url, retry=RetryPolicy(attempts=4, base_delay_s=0.01), **webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as http:
            yield MessengerServer(f"http://127.0.0.1:{port}", port, graph, http)
    finally:
        await runner.cleanup()
        await graph.stop()


async def status_before_the_body(port: int, path: str, headers: dict[str, str], announced: int) -> int:
    """POST announcing a body of ``announced`` bytes, send 1 KiB of it, and return the status the
    server answers with (a server that waits for the whole body never answers: TimeoutError)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             f"Content-Length: {announced}", *(f"{name}: {value}" for name, value in headers.items())]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + b"{" + b" " * 1023)
    await writer.drain()
    try:
        async with asyncio.timeout(5):
            status_line = await reader.readline()
    finally:
        writer.close()
    return int(status_line.split()[1])
