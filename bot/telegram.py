"""`tutorbot telegram`: the tutor on Telegram, built on python-telegram-bot v22's Application.

Every text message (commands included) goes to the tutor core as the learner ``tg:<user id>``;
a pressed quiz button sends the option's number, if the button belongs to the learner's current
offer. Every update, polled or posted to the webhook, is checked once (:func:`read_envelope`)
before anything reads it. Updates of one chat are handled one at a time, in order; different
chats are handled concurrently (:class:`ChatOrderedProcessor`). The webhook is served by
:func:`make_webhook_app`, which answers Telegram only once the update's turn is committed (so an
update is never lost to a killed worker), and the Bot API reached through :class:`AiohttpRequest`.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import enum
import hmac
import inspect
import logging
import os
import re
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import aiohttp
from aiohttp import web
from telegram import (
    BotCommand,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.constants import ChatAction, MessageLimit
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)
from telegram.request import BaseRequest, RequestData

from bot.channel import (
    MAX_BODY_BYTES,
    BadBody,
    KeyedLocks,
    TutorCore,
    button_data,
    button_title,
    decode_json_object,
    open_tutor_core,
    oversized,
    read_button_data,
    redact_secrets_in_logs,
    refuse,
    require_secret,
    split_text,
    with_numbered_options,
)
from bot.labs import Push
from bot.outbox import SWEEP_EVERY_S, SWEEP_FIRST_S, SendOne, pushed_turn, send_turn
from bot.reminders import Blocked
from nlp.errors import TutorbotError
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
    "remind": "a daily review reminder: /remind 19:00 Europe/Berlin, /remind off",
    "lab": "hands-on labs: train a network with your settings",
    "project": "your final project, step by step",
    "reset": "start over",
}
# How often the job queue looks for due review reminders: a reminder comes within a minute of its hour.
REMINDER_TICK_S = 60.0
BUTTON_TITLE_LIMIT = 40          # Telegram cuts long buttons anyway; the full options are in the text
TYPING_DELAY_S = 0.3             # quicker turns need no indicator: it would only cost a request
TYPING_REFRESH_S = 4.5           # Telegram shows "typing…" for 5 s after each chat action
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's rule for setWebhook's secret_token is 1-256 of these; we also ask for 16 at least,
# since anyone who guesses it can post updates as any learner.
SECRET_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,256}")

NOT_TEXT_ANSWER = "I can only read text for now 🙂 Type your answer, or send /help to see what I can do."
EDITED_ANSWER = "I saw you edited a message — I only read new ones, so please send it again."
EXPIRED_BUTTON_ANSWER = "That button is no longer valid."
CLOSED_QUESTION_ANSWER = "That question is closed — please answer the latest one."
FAILURE_ANSWER = "Sorry, something went wrong on my side. Please try again."


class BadSecretToken(TutorbotError):
    def __init__(self) -> None:
        super().__init__("TELEGRAM_SECRET_TOKEN must be 16 to 256 characters of A-Z a-z 0-9 _ - "
                         "(Telegram's rule for secret_token); e.g. `openssl rand -hex 32`")


@dataclass
class TelegramSettings:
    token: str
    api_url: str = DEFAULT_API_URL
    webhook_url: str | None = None     # None: long polling
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None    # required with webhook_url

    def __post_init__(self) -> None:
        if self.secret_token is not None and not SECRET_TOKEN_SHAPE.fullmatch(self.secret_token):
            raise BadSecretToken()

    @property
    def file_url(self) -> str:
        """The file download base that goes with ``api_url`` (".../bot" -> ".../file/bot")."""
        base = self.api_url.rstrip("/")
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path of ``webhook_url``, which the webhook server serves."""
        return "/" + urlparse(self.webhook_url or "").path.lstrip("/")

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


# --- the envelope: what tutorbot reads from an update, checked once ------------------------------

class Kind(enum.Enum):
    TEXT = "text"            # a new text message (commands included)
    NOT_TEXT = "not text"    # a sticker, photo, voice note...
    EDITED = "edited"        # an edited message
    BUTTON = "button"        # a pressed inline-keyboard button


@dataclass(frozen=True)
class Envelope:
    """An update that has everything tutorbot reads from it, with the right types."""

    update_id: int
    kind: Kind
    user_id: int
    chat_id: int | None          # None only for a button under an inline message: no chat to answer in
    message_id: int | None       # the message (for a button: the one the keyboard is on)
    text: str = ""               # the message's text, or the button's callback data
    query_id: str = ""           # a button press's id, to answer it
    buttons: int = 0             # how many buttons the pressed message had

    @property
    def learner_id(self) -> str:
        return f"tg:{self.user_id}"

    @property
    def delivery_id(self) -> str:
        """Telegram's id of this delivery: the same for a redelivered update."""
        return f"tg:{self.update_id}"

    @property
    def order_key(self) -> str:
        return f"chat:{self.chat_id}" if self.chat_id is not None else f"user:{self.user_id}"


def read_envelope(update: object) -> Envelope | None:
    """The :class:`Envelope` of ``update``, or None when it lacks something tutorbot needs (a
    sender, a chat, an integer id) or is a kind it does not serve. The one place that checks an
    update's shape: every update passes here before anything reads it."""
    if not isinstance(update, Update) or not _is_id(update.update_id):
        return None
    if update.callback_query is not None:
        return _button_envelope(update.update_id, update.callback_query)
    edited = update.message is None
    message = update.edited_message if edited else update.message
    if not isinstance(message, Message) or not _is_id(message.message_id):
        return None
    chat, sender, text = message.chat, message.from_user, message.text
    if not (_has_id(chat, Chat) and _has_id(sender, User)) or not isinstance(text, str | None):
        return None
    kind = Kind.EDITED if edited else Kind.TEXT if text else Kind.NOT_TEXT
    return Envelope(update.update_id, kind, sender.id, chat.id, message.message_id, text or "")


def _button_envelope(update_id: int, query: CallbackQuery) -> Envelope | None:
    sender, message = query.from_user, query.message
    if not _has_id(sender, User) or not isinstance(query.id, str) or not isinstance(query.data, str | None):
        return None
    data = query.data or ""
    if not isinstance(message, Message) or not _has_id(message.chat, Chat) or not _is_id(message.message_id):
        # An inline message's button, or a message too old for Telegram to send along.
        return Envelope(update_id, Kind.BUTTON, sender.id, None, None, data, query.id)
    markup = message.reply_markup
    buttons = sum(len(row) for row in markup.inline_keyboard) if isinstance(markup, InlineKeyboardMarkup) else 0
    return Envelope(update_id, Kind.BUTTON, sender.id, message.chat.id, message.message_id, data, query.id, buttons)


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _has_id(value: object, kind: type) -> bool:
    return isinstance(value, kind) and _is_id(getattr(value, "id", None))


class ChatOrderedProcessor(BaseUpdateProcessor):
    """The gate every update passes, polled or posted: an update without a valid
    :class:`Envelope` goes no further. The rest are processed concurrently, except that the
    updates of one chat run one at a time, in the order they arrived. PTB starts one task per
    polled update in arrival order, and the webhook's handler calls it as soon as it has read the
    body; nothing awaits before this processor runs, so FIFO locks per chat keep each chat's order."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self.locks = KeyedLocks()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        envelope = read_envelope(update)
        if envelope is None:
            if inspect.iscoroutine(coroutine):
                coroutine.close()
            log.warning("ignored a Telegram update tutorbot cannot use (update %s)",
                        getattr(update, "update_id", "without an id"))
            return
        async with self.locks.hold(envelope.order_key):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


class TelegramTutor:
    """From update envelopes to core calls and back to Telegram messages."""

    def __init__(self, core: TutorCore) -> None:
        self.core = core

    def install(self, application: Application) -> None:
        application.add_handler(TypeHandler(Update, self.on_update))
        application.add_error_handler(self.on_error)

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        envelope = read_envelope(update)     # valid: the processor let it through
        if envelope is None:
            return
        if envelope.kind is Kind.TEXT:
            text = _command_for_us(envelope.text, context.bot.username)
            if text is not None:
                await self._converse(envelope, context.bot, text)
        elif envelope.kind is Kind.BUTTON:
            await self.on_button(envelope, context.bot)
        else:
            answer = EDITED_ANSWER if envelope.kind is Kind.EDITED else NOT_TEXT_ANSWER
            await context.bot.send_message(envelope.chat_id, answer)

    async def on_button(self, envelope: Envelope, bot: Any) -> None:
        """A press answers the question only if its keyboard belongs to the learner's current
        options: a keyboard on an older message would otherwise answer a newer question."""
        press = read_button_data(envelope.text, envelope.buttons)
        if press is None or envelope.chat_id is None:
            await bot.answer_callback_query(envelope.query_id, EXPIRED_BUTTON_ANSWER)
            return
        current = press.token == await self.core.options_token(envelope.learner_id)
        # Only stops the button's spinner: a redelivered press's query is already answered, and
        # Telegram refuses a second answer; that must not cost the learner an apology.
        with contextlib.suppress(TelegramError):
            await bot.answer_callback_query(envelope.query_id, None if current else CLOSED_QUESTION_ANSWER)
        # Remove the keyboard so the same question cannot be answered twice.
        with contextlib.suppress(TelegramError):
            await bot.edit_message_reply_markup(envelope.chat_id, envelope.message_id, reply_markup=None)
        if current:
            await self._converse(envelope, bot, press.number)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log (secrets are masked by the log record factory) and apologise to the learner."""
        envelope = read_envelope(update)
        log.error("telegram update %s failed", envelope.update_id if envelope else None, exc_info=context.error)
        if envelope is not None and envelope.chat_id is not None:
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(envelope.chat_id, FAILURE_ANSWER)

    async def _converse(self, envelope: Envelope, bot: Any, text: str) -> None:
        chat_id, learner = envelope.chat_id, envelope.learner_id
        async with _typing(bot, chat_id):
            # update_id: a redelivered update (webhook retry, polling after a restart) runs no second
            # turn, and sends what its first delivery left unsent (bot/outbox.py)
            result = await pushed_turn(self.core, learner, text, envelope.delivery_id)
        await send_turn(self.core, learner, result, reply_sender(self.core, bot, learner, chat_id))


def reply_sender(core: TutorCore, bot: Any, learner: str, chat_id: int) -> SendOne:
    """Sends one reply to ``chat_id`` for the outbox: True once Telegram took it, or refused it for
    good (the learner blocked the bot, a message Telegram will never take); False when it may take
    it later (flood limits past the retries, the network): the reply stays unsent."""
    token: list[str] = []      # the learner's current offer, asked once, for the first reply with options

    async def send(reply: Reply) -> bool:
        if reply.options and not token:
            token.append(await core.options_token(learner))
        try:
            await send_reply(bot, chat_id, reply, token[0] if token else "")
        except (Forbidden, BadRequest) as error:
            log.warning("Telegram refused a reply to %s: %s", learner, error)
        except TelegramError as error:
            log.warning("a reply to %s could not be sent (%s): it stays in the outbox", learner, error)
            return False
        return True

    return send


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
async def _typing(bot: Any, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the tutor works, once a turn takes longer than TYPING_DELAY_S.

    Telegram advises a chat action only for replies that take noticeable time; most turns
    answer in milliseconds, and an action per turn would double the bot's requests (and count
    against its flood limits) for an indicator nobody sees. It covers the core's work only:
    sending the replies is not thinking, and under load an indicator there would only add
    requests to the queue that made sending slow."""

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_DELAY_S)
        while True:
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_REFRESH_S)

    indicator = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        indicator.cancel()


async def send_reply(bot: Any, chat_id: int, reply: Reply, token: str) -> None:
    """One core Reply as Telegram messages: the text (options numbered) in chunks of at most
    4,096 characters, the option buttons (for the options named ``token``) on the last chunk,
    then each image as a photo."""
    chunks = split_text(with_numbered_options(reply.text, reply.options), MessageLimit.MAX_TEXT_LENGTH)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if chunk:
            await bot.send_message(chat_id, chunk, reply_markup=option_keyboard(reply.options, token) if last else None)
    for image in reply.images:
        await _send_photo(bot, chat_id, Path(image))


def option_keyboard(options: list[str], token: str) -> InlineKeyboardMarkup | None:
    """One button per option, one per row; the callback data names the options (``token``) and
    the option's 1-based number, so a press on an older keyboard can be told apart."""
    if not options:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button_title(n, option, BUTTON_TITLE_LIMIT), callback_data=button_data(token, n))]
         for n, option in enumerate(options, start=1)]
    )


async def _send_photo(bot: Any, chat_id: int, image: Path) -> None:
    try:
        with image.open("rb") as picture:
            await bot.send_photo(chat_id, picture)
    except OSError as error:
        log.warning("could not read image %s: %s", image, error)


# --- the HTTP client -----------------------------------------------------------------------------

_DEFAULT = type(BaseRequest.DEFAULT_NONE)


class AiohttpRequest(BaseRequest):
    """python-telegram-bot's transport on aiohttp instead of its default httpx.

    With many requests in flight httpx's connection pool checks every pooled connection for
    every request (quadratic), and each request costs several times aiohttp's CPU: the Telegram
    path was bound by its HTTP client, not by the tutor (docs/channels.md, "Load benchmark")."""

    def __init__(self, connections: int = 256, read_timeout: float = 5.0, write_timeout: float = 5.0,
                 connect_timeout: float = 5.0, media_write_timeout: float = 20.0) -> None:
        self.connections = connections
        self._timeouts = {"read": read_timeout, "write": write_timeout, "connect": connect_timeout}
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=self.connections))

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else {}
        write = self._media_write_timeout if files else self._timeouts["write"]
        read = self._timeouts["read"] if isinstance(read_timeout, _DEFAULT) else read_timeout
        connect = self._timeouts["connect"] if isinstance(connect_timeout, _DEFAULT) else connect_timeout
        # aiohttp has no separate write timeout: the request may take the write and the read time.
        total = None if read is None else read + (write if isinstance(write_timeout, _DEFAULT) else write_timeout or 0)
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect)
        try:
            async with self._session.request(method, url, data=_body(request_data, files), timeout=timeout,
                                             headers={"User-Agent": self.USER_AGENT}) as response:
                content = await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error
        log.debug("HTTP Request: %s %s %s", method, url, response.status)   # the token is masked
        return response.status, content


def _body(request_data: RequestData | None, files: dict[str, Any]) -> aiohttp.FormData | dict[str, str] | None:
    """The parameters as a form, multipart when there are files (as httpx sends them)."""
    if request_data is None:
        return None
    if not files:
        return request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def build_application(
    core: TutorCore,
    settings: TelegramSettings,
    *,
    rate_limiter: BaseRateLimiter | None = None,
    max_concurrent_updates: int = 256,
    requests: tuple[BaseRequest, BaseRequest] | None = None,
    reminder_tick_s: float = REMINDER_TICK_S,
) -> Application:
    """The PTB Application with tutorbot's handlers. ``rate_limiter`` defaults to PTB's
    AIORateLimiter with Telegram's flood limits (tests pass one with the limits off);
    ``requests`` (for the Bot API calls, for getUpdates) to :class:`AiohttpRequest` (the load
    benchmark passes PTB's httpx ones to compare)."""
    api_calls, polls = requests or (AiohttpRequest(connections=max_concurrent_updates), AiohttpRequest(connections=1))
    # PTB logs request URLs, which contain the bot token, and setWebhook's parameters.
    redact_secrets_in_logs(secret for secret in (settings.token, settings.secret_token) if secret)
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        .request(api_calls)
        .get_updates_request(polls)
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .concurrent_updates(ChatOrderedProcessor(max_concurrent_updates))
        .build()
    )
    TelegramTutor(core).install(application)
    schedule_reminders(application, core, reminder_tick_s)
    sweep_unsent(application, core)
    push_labs(application, core)
    return application


def push_labs(application: Application, core: TutorCore) -> None:
    """A lab's result goes to the learner's chat when it ends; its progress edits one message ("⏳ epoch 3/10")."""
    labs = getattr(core, "labs", None)
    if labs is None:
        return
    progress_messages: dict[str, int] = {}      # learner -> the message their lab's progress edits

    async def replies(learner_id: str, sent: list[Reply]) -> None:
        chat_id = private_chat(learner_id)
        progress_messages.pop(learner_id, None)
        token = await core.options_token(learner_id) if any(r.options for r in sent) else ""
        for reply in sent:
            await send_reply(application.bot, chat_id, reply, token)

    async def progress(learner_id: str, line: str) -> None:
        chat_id = private_chat(learner_id)
        if (message_id := progress_messages.get(learner_id)) is not None:
            await application.bot.edit_message_text(line, chat_id=chat_id, message_id=message_id)
        else:
            progress_messages[learner_id] = (await application.bot.send_message(chat_id, line)).message_id

    labs.push_to("tg:", Push(replies, progress))


def sweep_unsent(application: Application, core: TutorCore, every_s: float = SWEEP_EVERY_S) -> None:
    """Replies a stopped worker left unsent, sent to the learner's private chat: once the application
    starts, then every ``every_s`` (bot/outbox.py; a core without an outbox has none to send)."""
    outbox = getattr(core, "outbox", None)
    if outbox is None or application.job_queue is None:
        return

    async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await outbox.sweep("tg:", lambda learner: reply_sender(core, context.bot, learner, private_chat(learner)))
        except Exception:  # noqa: BLE001 - the next round tries again
            log.exception("sending replies left unsent failed")

    application.job_queue.run_repeating(sweep, interval=every_s, first=SWEEP_FIRST_S, name="unsent replies")


def private_chat(learner_id: str) -> int:
    """The private chat of the learner ``tg:<user id>`` (its id is the user's)."""
    return int(learner_id.removeprefix("tg:"))


def schedule_reminders(application: Application, core: TutorCore, every_s: float) -> None:
    """Review reminders through the application's job queue (python-telegram-bot[job-queue]), when the core
    sends them (bot.core.Core does; the tests' scripted cores do not)."""
    remind = getattr(core, "send_reminders", None)
    if remind is None or application.job_queue is None:
        return

    async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
        await remind("tg:", lambda learner_id, text: send_reminder(context.bot, learner_id, text))

    application.job_queue.run_repeating(tick, interval=every_s, first=every_s, name="review reminders")


async def send_reminder(bot: Any, learner_id: str, text: str) -> None:
    """A reminder to the learner's private chat (its id is the user id of ``tg:<user id>``)."""
    try:
        await bot.send_message(private_chat(learner_id), text)
    except Forbidden as error:     # blocked the bot, or never opened a private chat with it
        raise Blocked(learner_id) from error


# --- receiving updates ---------------------------------------------------------------------------

def make_webhook_app(application: Application, path: str, secret_token: str) -> web.Application:
    """The webhook server: POST ``path`` runs the update's turn, then answers 200 (:func:`answer_update`).

    In order, and each from the headers alone before the body is read: the secret token
    (constant time; 403), the announced size (413), the content type (415). Then the body must
    be one UTF-8 JSON object within the limits (400). A well-formed update that tutorbot cannot
    use is answered 200 and dropped (logged): Telegram would only redeliver it."""
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post(path, webhook_handler(application, secret_token))
    return app


def webhook_handler(application: Application, secret_token: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The handler of :func:`make_webhook_app` (also mounted by `tutorbot serve`)."""
    expected = secret_token.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, expected):
            return refuse(403, "wrong secret token")
        too_large = oversized(request)
        if too_large is not None:
            return too_large
        if request.content_type != "application/json":      # parameters (charset) are fine
            return refuse(415, "expected application/json")
        try:
            data = decode_json_object(await request.read())
        except BadBody as error:
            log.warning("refused a Telegram webhook body: %s", error)
            return web.Response(status=400, text=str(error))
        update = parse_update(data, application.bot)
        if update is not None:
            await answer_update(application, update)
        return web.Response(text="ok")

    return receive


async def answer_update(application: Application, update: Update) -> None:
    """Run ``update``'s turn to the end (its transaction committed, its replies sent) before the
    webhook answers: Telegram sends an update again until it gets a 200, so a worker killed before
    the commit loses nothing, and the copy finds its update_id in the store and changes nothing.
    Through the application's processor, so one chat's updates still run one at a time, in order.
    A handler that raises is answered by :meth:`TelegramTutor.on_error` (an apology; the turn's
    transaction rolled back) and the webhook still answers 200: that update would fail again."""
    await application.update_processor.process_update(update, application.process_update(update))


def parse_update(data: dict[str, Any], bot: Any) -> Update | None:
    """``data`` as a PTB Update with a valid :class:`Envelope`, or None (logged)."""
    try:
        update = Update.de_json(data, bot)
    except Exception:  # noqa: BLE001 - PTB's parsers raise whatever wrong types make them raise
        update = None
    if read_envelope(update) is None:
        log.warning("ignored a Telegram webhook update tutorbot cannot use (update %r)", data.get("update_id"))
        return None
    return update


@contextlib.asynccontextmanager
async def _receiving(application: Application, settings: TelegramSettings) -> AsyncIterator[None]:
    """Long polling, or the webhook (registered with Telegram, then served) when ``webhook_url``."""
    if not settings.webhook_url or not settings.secret_token:
        await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        try:
            yield
        finally:
            await application.updater.stop()
        return
    await application.bot.set_webhook(settings.webhook_url, secret_token=settings.secret_token,
                                      allowed_updates=ALLOWED_UPDATES)
    runner = web.AppRunner(make_webhook_app(application, settings.webhook_path, settings.secret_token),
                           access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.listen, settings.port).start()
        yield
    finally:
        await runner.cleanup()


async def _announce_commands(application: Application) -> None:
    """Fill the commands menu of Telegram clients."""
    with contextlib.suppress(TelegramError):
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in COMMANDS.items()])


async def serve(application: Application, settings: TelegramSettings, stop: asyncio.Event) -> None:
    """Run ``application`` (polling, or webhook when ``settings.webhook_url``) until ``stop`` is set."""
    async with application:
        await _announce_commands(application)
        async with _receiving(application, settings):
            await application.start()
            try:
                await stop.wait()
            finally:
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
