"""`tutorbot telegram`: the tutor on Telegram, built on python-telegram-bot v22's Application.

Every text message (commands included) goes to the tutor core as the learner ``tg:<user id>``;
a pressed quiz button sends the option's number. Updates of one chat are handled one at a time,
in order; different chats are handled concurrently (:class:`ChatOrderedProcessor`).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, MessageLimit
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channel import (
    KeyedLocks,
    TutorCore,
    button_title,
    open_tutor_core,
    option_number,
    redact_secrets_in_logs,
    require_secret,
    split_text,
    with_numbered_options,
)
from tutor.replies import Reply

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org/bot"
COMMANDS = {
    "start": "begin or continue the course",
    "help": "what I can do",
    "lesson": "the next lesson",
    "quiz": "a quiz question",
    "review": "review what is due",
    "progress": "your progress",
    "reset": "start over",
}
BUTTON_TITLE_LIMIT = 40          # Telegram cuts long buttons anyway; the full options are in the text
TYPING_DELAY_S = 0.3             # quicker turns need no indicator: it would only cost a request
TYPING_REFRESH_S = 4.5           # Telegram shows "typing…" for 5 s after each chat action
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]

NOT_TEXT_ANSWER = "I can only read text for now 🙂 Type your answer, or send /help to see what I can do."
EDITED_ANSWER = "I saw you edited a message — I only read new ones, so please send it again."
EXPIRED_BUTTON_ANSWER = "That button is no longer valid."
FAILURE_ANSWER = "Sorry, something went wrong on my side. Please try again."


@dataclass
class TelegramSettings:
    token: str
    api_url: str = DEFAULT_API_URL
    webhook_url: str | None = None     # None: long polling
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None    # required with webhook_url

    @property
    def file_url(self) -> str:
        """The file download base that goes with ``api_url`` (".../bot" -> ".../file/bot")."""
        base = self.api_url.rstrip("/")
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: dict[str, str] | None = None) -> TelegramSettings:
        """Settings from the command line and the environment; a missing secret raises MissingSecret."""
        env = dict(os.environ) if environ is None else environ
        webhook_url = getattr(args, "webhook_url", None)
        return cls(
            token=require_secret("TELEGRAM_BOT_TOKEN", env),
            api_url=getattr(args, "api_url", None) or env.get("TELEGRAM_API_URL") or DEFAULT_API_URL,
            webhook_url=webhook_url,
            listen=getattr(args, "listen", "127.0.0.1"),
            port=getattr(args, "port", 8443),
            secret_token=require_secret("TELEGRAM_SECRET_TOKEN", env) if webhook_url else None,
        )


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Processes updates concurrently, except that the updates of one chat run one at a time, in
    the order they arrived. PTB starts one task per update in arrival order and nothing awaits
    before this processor runs, so FIFO locks per chat keep each chat's order."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self.locks = KeyedLocks()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self.locks.hold(_order_key(update)):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def _order_key(update: object) -> str:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return f"chat:{update.effective_chat.id}"
        if update.effective_user is not None:
            return f"user:{update.effective_user.id}"
        return f"update:{update.update_id}"
    return f"object:{id(update)}"


class TelegramTutor:
    """The handlers: from Telegram updates to core calls and back to Telegram messages."""

    def __init__(self, core: TutorCore) -> None:
        self.core = core

    def install(self, application: Application) -> None:
        message = filters.UpdateType.MESSAGE
        application.add_handler(MessageHandler(message & filters.TEXT, self.on_text))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(MessageHandler(filters.UpdateType.EDITED, self.on_edited))
        application.add_handler(MessageHandler(message & ~filters.TEXT, self.on_not_text))
        application.add_error_handler(self.on_error)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = _command_for_us(update.message.text, context.bot.username)
        if text is not None:
            await self._converse(update, context, text)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        markup = query.message.reply_markup if query.message is not None else None
        buttons = sum(len(row) for row in markup.inline_keyboard) if markup is not None else None
        number = option_number(query.data or "", buttons)
        if number is None:
            await query.answer(EXPIRED_BUTTON_ANSWER)
            return
        await query.answer()
        # Remove the keyboard so the same question cannot be answered twice.
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)
        await self._converse(update, context, number)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(EDITED_ANSWER)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(NOT_TEXT_ANSWER)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log (secrets are masked by the log record factory) and apologise to the learner."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(update.effective_chat.id, FAILURE_ANSWER)

    async def _converse(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        chat_id = update.effective_chat.id
        async with _typing(context, chat_id):
            # update_id: a redelivered update (webhook retry, polling after a restart) runs no second turn
            replies = await self.core.handle(f"tg:{update.effective_user.id}", text,
                                             delivery_id=f"tg:{update.update_id}")
            for reply in replies:
                await send_reply(context.bot, chat_id, reply)


def _command_for_us(text: str, bot_username: str | None) -> str | None:
    """``/quiz@tutorbot day 3`` -> ``/quiz day 3``; None for a command addressed to another bot
    (in a group every bot sees every command)."""
    if not text.startswith("/"):
        return text
    command, _, rest = text.partition(" ")
    name, _, addressee = command.partition("@")
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return None
    return f"{name} {rest}".strip()


@contextlib.asynccontextmanager
async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the tutor works, once a turn takes longer than TYPING_DELAY_S.

    Telegram advises a chat action only for replies that take noticeable time; most turns
    answer in milliseconds, and an action per turn would double the bot's requests (and count
    against its flood limits) for an indicator nobody sees."""

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_DELAY_S)
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_REFRESH_S)

    indicator = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        indicator.cancel()


async def send_reply(bot: Any, chat_id: int, reply: Reply) -> None:
    """One core Reply as Telegram messages: the text (options numbered) in chunks of at most
    4,096 characters, the option buttons on the last chunk, then each image as a photo."""
    chunks = split_text(with_numbered_options(reply.text, reply.options), MessageLimit.MAX_TEXT_LENGTH)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if chunk:
            await bot.send_message(chat_id, chunk, reply_markup=option_keyboard(reply.options) if last else None)
    for image in reply.images:
        await _send_photo(bot, chat_id, Path(image))


def option_keyboard(options: list[str]) -> InlineKeyboardMarkup | None:
    """One button per option, one per row; callback_data is the option's 1-based number."""
    if not options:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button_title(n, option, BUTTON_TITLE_LIMIT), callback_data=str(n))]
         for n, option in enumerate(options, start=1)]
    )


async def _send_photo(bot: Any, chat_id: int, image: Path) -> None:
    try:
        with image.open("rb") as picture:
            await bot.send_photo(chat_id, picture)
    except OSError as error:
        log.warning("could not read image %s: %s", image, error)


def build_application(
    core: TutorCore,
    settings: TelegramSettings,
    *,
    rate_limiter: BaseRateLimiter | None = None,
    max_concurrent_updates: int = 256,
) -> Application:
    """The PTB Application with tutorbot's handlers. ``rate_limiter`` defaults to PTB's
    AIORateLimiter with Telegram's flood limits (tests pass one with the limits off)."""
    # PTB and httpx log request URLs, which contain the bot token, and setWebhook's parameters.
    redact_secrets_in_logs(secret for secret in (settings.token, settings.secret_token) if secret)
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .concurrent_updates(ChatOrderedProcessor(max_concurrent_updates))
        .build()
    )
    TelegramTutor(core).install(application)
    return application


async def _announce_commands(application: Application) -> None:
    """Fill the commands menu of Telegram clients."""
    with contextlib.suppress(TelegramError):
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in COMMANDS.items()])


async def serve(application: Application, settings: TelegramSettings, stop: asyncio.Event) -> None:
    """Run ``application`` (polling, or webhook when ``settings.webhook_url``) until ``stop`` is set."""
    async with application:
        await _announce_commands(application)
        updater = application.updater
        if settings.webhook_url:
            await updater.start_webhook(
                listen=settings.listen,
                port=settings.port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.secret_token,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        await application.start()
        try:
            await stop.wait()
        finally:
            await updater.stop()
            await application.stop()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--webhook-url", metavar="URL",
                        help="public HTTPS URL Telegram posts updates to (webhook mode; needs TELEGRAM_SECRET_TOKEN)")
    parser.add_argument("--listen", metavar="HOST", default="127.0.0.1",
                        help="address the webhook server listens on (default 127.0.0.1, behind a reverse proxy)")
    parser.add_argument("--port", metavar="N", type=int, default=8443, help="webhook server port (default 8443)")
    parser.add_argument("--api-url", metavar="URL",
                        help=f"Bot API base URL (default $TELEGRAM_API_URL or {DEFAULT_API_URL})")


def run(args: argparse.Namespace) -> int:
    settings = TelegramSettings.from_args(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)   # one line per poll otherwise
    asyncio.run(_run(args, settings))
    return 0


async def _run(args: argparse.Namespace, settings: TelegramSettings) -> None:
    core = open_tutor_core(args.models, args.db)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop.set)
    mode = f"webhook {settings.webhook_url}" if settings.webhook_url else "polling"
    log.info("tutorbot on Telegram (%s); Ctrl-C stops", mode)
    try:
        await serve(build_application(core, settings), settings, stop)
    finally:
        await core.close()
