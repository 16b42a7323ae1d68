"""`tutorbot messenger`: the tutor on Facebook Messenger, an aiohttp webhook server.

Security follows Meta's specification (and avoids the known weaknesses of Rasa's channel): the
`X-Hub-Signature-256` HMAC-SHA256 of the raw body is checked with a constant-time compare before
anything is parsed, a missing or wrong signature is a 403 and nothing is processed; a body
announced over the limit is refused before it is read; every entry and every messaging event
of a batch is handled, each event checked on its own (:func:`turn_of`), so a malformed one is
skipped and the valid ones after it are answered; echoes are ignored; redelivered events (same
message id) are processed once. The webhook answers 200 once the turns of the batch are committed
(one learner's in order, different learners' concurrently), so a worker killed before that loses
nothing: Messenger sends the batch again. The replies go out through the Send API afterwards.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web

from bot.channel import (
    MAX_BODY_BYTES,
    BadBody,
    KeyedLocks,
    SeenIds,
    TutorCore,
    button_title,
    decode_json_object,
    open_tutor_core,
    oversized,
    redact_secrets_in_logs,
    refuse,
    require_secret,
    split_text,
    with_numbered_options,
)
from bot.outbox import SendOne, pushed_turn, send_turn
from bot.reminders import Blocked
from tutor.replies import Reply

if TYPE_CHECKING:
    from bot.core import TurnResult

log = logging.getLogger(__name__)

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v21.0"
MAX_TEXT = 2000                 # Send API limit on a text message
MAX_QUICK_REPLIES = 13
QUICK_REPLY_TITLE_LIMIT = 20
SHUTDOWN_GRACE_S = 10.0
# How often the server looks for due review reminders (within a minute of the learner's hour). Messenger
# lets a page write first only within 24 hours of the learner's last message: the store's claim checks it.
REMINDER_TICK_S = 60.0
NOT_TEXT_ANSWER = "I can only read text for now 🙂 Type your answer, or send /help to see what I can do."
FAILURE_ANSWER = "Sorry, something went wrong on my side. Please try again."
# Messenger wants a webhook's 200 within 20 s; a batch whose turns take longer is answered with an
# error before that (the turns go on), so that Messenger sends it again rather than give up on it.
ANSWER_WITHIN_S = 15.0


@dataclass
class MessengerSettings:
    page_token: str
    app_secret: str
    verify_token: str
    graph_url: str = DEFAULT_GRAPH_URL
    host: str = "127.0.0.1"
    port: int = 8080

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: dict[str, str] | None = None) -> MessengerSettings:
        """Settings from the command line and the environment; a missing secret raises MissingSecret."""
        env = dict(os.environ) if environ is None else environ
        return cls(
            page_token=require_secret("MESSENGER_PAGE_TOKEN", env),
            app_secret=require_secret("MESSENGER_APP_SECRET", env),
            verify_token=require_secret("MESSENGER_VERIFY_TOKEN", env),
            graph_url=getattr(args, "graph_url", None) or env.get("MESSENGER_GRAPH_URL") or DEFAULT_GRAPH_URL,
            host=getattr(args, "host", "127.0.0.1"),
            port=getattr(args, "port", 8080),
        )


def signature_is_valid(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """``header`` is ``"sha256=" + hex HMAC-SHA256(app secret, raw body)``; compared in constant time."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.removeprefix("sha256=").strip().encode())


# --- the Send API --------------------------------------------------------------------------------

@dataclass
class RetryPolicy:
    attempts: int = 5            # in all, the first one included
    base_delay_s: float = 0.5    # then 2x, 4x, ... (exponential backoff)

    def delay(self, attempt: int) -> float:
        return self.base_delay_s * 2 ** attempt


class SendApi:
    """Posts to ``{graph}/me/messages?access_token=…``, retrying 429, 5xx and network errors."""

    def __init__(self, session: aiohttp.ClientSession, graph_url: str, page_token: str, retry: RetryPolicy) -> None:
        self.session, self.retry = session, retry
        self.url = f"{graph_url.rstrip('/')}/me/messages"
        self.params = {"access_token": page_token}
        self.refused = False     # the last message was refused for good (a 4xx: e.g. the person blocked the page)

    async def send_text(self, psid: str, text: str, options: list[str] | None = None) -> bool:
        message: dict[str, Any] = {"text": text}
        if options:
            message["quick_replies"] = quick_replies(options)
        body = {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message}
        return await self._post(lambda: {"json": body})

    async def send_image(self, psid: str, image: Path) -> bool:
        """Upload the PNG with the message (multipart), as the Send API's attachment upload takes it."""
        try:
            picture = image.read_bytes()
        except OSError as error:     # nothing to send: the picture is gone (sending again would not help)
            log.warning("could not read image %s: %s", image, error)
            return True

        def form() -> dict[str, Any]:
            data = aiohttp.FormData()
            data.add_field("recipient", json.dumps({"id": psid}))
            data.add_field("messaging_type", "RESPONSE")
            data.add_field("message", json.dumps({"attachment": {"type": "image", "payload": {"is_reusable": False}}}))
            data.add_field("filedata", picture, filename=image.name, content_type="image/png")
            return {"data": data}

        return await self._post(form)

    async def _post(self, make_body: Callable[[], dict[str, Any]]) -> bool:
        """True once sent; False when the API refuses it for good or retries run out."""
        for attempt in range(self.retry.attempts):
            try:
                async with self.session.post(self.url, params=self.params, **make_body()) as response:
                    if response.status < 400:
                        return True
                    detail = (await response.text())[:300]
                    if response.status != 429 and response.status < 500:
                        log.error("Send API refused a message (%s): %s", response.status, detail)
                        self.refused = True
                        return False
                    log.warning("Send API answered %s (attempt %d): %s", response.status, attempt + 1, detail)
            except (aiohttp.ClientError, TimeoutError) as error:
                log.warning("Send API unreachable (attempt %d): %s", attempt + 1, error)
            if attempt + 1 < self.retry.attempts:
                await asyncio.sleep(self.retry.delay(attempt))
        log.error("Send API: giving up after %d attempts", self.retry.attempts)
        return False


def quick_replies(options: list[str]) -> list[dict[str, str]]:
    """At most 13 quick replies, titles cut to 20 characters, payload the option's 1-based number."""
    return [
        {"content_type": "text", "title": button_title(n, option, QUICK_REPLY_TITLE_LIMIT), "payload": str(n)}
        for n, option in enumerate(options[:MAX_QUICK_REPLIES], start=1)
    ]


# --- events --------------------------------------------------------------------------------------

MAX_PSID_CHARS = 64          # page-scoped ids are about 16 digits


@dataclass
class Turn:
    """What one messaging event asks of the tutor: ``text`` for the core, or None for a
    message it cannot read (a sticker, a picture, a voice note)."""

    psid: str
    text: str | None
    delivery_id: str | None = None     # Messenger's message id (``mid``): the same on a redelivery


def events_of(payload: dict[str, Any]) -> Iterator[object]:
    """Every messaging event of every entry, in order; parts of the wrong type are skipped."""
    entries = payload.get("entry")
    for entry in entries if isinstance(entries, list) else []:
        events = entry.get("messaging") if isinstance(entry, dict) else None
        yield from events if isinstance(events, list) else []


def turn_of(event: object) -> Turn | None:
    """The learner's input in one messaging event; None for events that need no answer
    (echoes of our own messages, deliveries, reads, reactions) and for events without what a
    turn needs, of the right type (a sender id, a text or payload string). The one place that
    checks an event's shape: nothing else reads an event."""
    if not isinstance(event, dict):
        return None
    sender = event.get("sender")
    psid = _text(sender.get("id") if isinstance(sender, dict) else None, MAX_PSID_CHARS)
    if psid is None:
        return None
    postback = event.get("postback")
    if isinstance(postback, dict):
        payload = _text(postback.get("payload")) or _text(postback.get("title"))
        return Turn(psid, payload, _text(postback.get("mid"))) if payload else None
    message = event.get("message")
    if not isinstance(message, dict) or message.get("is_echo"):
        return None
    quick_reply = message.get("quick_reply")
    payload = _text(quick_reply.get("payload")) if isinstance(quick_reply, dict) else None
    return Turn(psid, payload or _text(message.get("text")), _text(message.get("mid")))


def _text(value: object, limit: int | None = None) -> str | None:
    """A non-empty string (an integer id read as one), or None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or (limit is not None and len(value) > limit):
        return None
    return value


def delivery_id(event: dict[str, Any], turn: Turn) -> str:
    """The id the store records the event under: its ``mid``, else (events without one) a digest of
    sender, timestamp and payload, so that a replayed event is recognised, also after a restart."""
    if turn.delivery_id is not None:
        return f"fb:{turn.delivery_id}"
    stable = json.dumps([turn.psid, event.get("timestamp"), turn.text], ensure_ascii=False)
    return f"fb:sha256:{hashlib.sha256(stable.encode()).hexdigest()[:32]}"


class MessengerTutor:
    """From webhook payloads to core calls and back to Send API calls.

    A webhook POST is answered only once the turns of all its events are committed (:meth:`answer`):
    Messenger sends a batch again until it gets a 200, so a worker killed before the commit loses
    nothing, and the copy finds each event's id in the store and changes nothing. The replies go
    out through the Send API after the commit, in the background, each learner's in turn order."""

    def __init__(self, core: TutorCore, send_api: Callable[[], SendApi], seen_capacity: int = 10_000,
                 answer_within_s: float = ANSWER_WITHIN_S) -> None:
        self.core = core
        self.send_api = send_api          # built on startup, when the client session exists
        self.seen = SeenIds(seen_capacity)  # events the store does not record (stickers): answered once
        self.turn_locks = KeyedLocks()    # one learner's turns, in arrival order
        self.send_locks = KeyedLocks()    # one learner's replies, in the order the turns committed
        self.answer_within_s = answer_within_s
        self.tasks: set[asyncio.Task[None]] = set()

    async def answer(self, payload: dict[str, Any]) -> bool:
        """Run the turn of every event of every entry of ``payload``; True once all are committed,
        False when that takes longer than ``answer_within_s`` (the turns go on, and Messenger,
        answered with an error, sends the batch again)."""
        batch = self._start(self._run_batch(payload))
        done, _ = await asyncio.wait({batch}, timeout=self.answer_within_s)
        if done and not batch.cancelled() and batch.exception() is not None:
            log.error("a Messenger batch failed", exc_info=batch.exception())   # answered: it would fail again
        return bool(done)

    async def _run_batch(self, payload: dict[str, Any]) -> None:
        """Each learner's events in order, under their lock for the whole batch (so a later batch
        cannot slip between two of them); different learners concurrently."""
        by_learner: dict[str, list[tuple[Turn, str]]] = {}
        for event in events_of(payload):
            turn = turn_of(event)
            if turn is not None:
                by_learner.setdefault(turn.psid, []).append((turn, delivery_id(event, turn)))
        await asyncio.gather(*(self._learner_turns(psid, turns) for psid, turns in by_learner.items()))

    async def _learner_turns(self, psid: str, turns: list[tuple[Turn, str]]) -> None:
        async with self.turn_locks.hold(psid):
            for turn, delivery in turns:
                result = await self._take_turn(turn, delivery)
                # started under the turn lock: the sends queue in commit order
                self._start(self._send(psid, result))

    async def _take_turn(self, turn: Turn, delivery: str) -> TurnResult | list[Reply]:
        """The turn of one event, its replies in the outbox (a redelivery: what its first delivery
        left unsent); an apology when the core raised (its transaction rolled back, so a
        redelivery runs it again)."""
        if turn.text is None:
            return [Reply(NOT_TEXT_ANSWER)] if self.seen.first_time(delivery) else []
        try:
            return await pushed_turn(self.core, f"fb:{turn.psid}", turn.text, delivery)
        except Exception:  # noqa: BLE001 - one failed turn must not fail the batch or loop the webhook
            log.exception("the tutor core failed on a Messenger turn")
            return [Reply(FAILURE_ANSWER)]

    async def _send(self, psid: str, result: TurnResult | list[Reply]) -> None:
        """Send a committed turn's replies through the outbox (bot/outbox.py): a reply the Send API
        could not take stays unsent, for the event's redelivery or the sweep."""
        async with self.send_locks.hold(psid):
            try:
                await send_turn(self.core, f"fb:{psid}", result, reply_sender(self.send_api(), psid))
            except Exception:  # noqa: BLE001 - logged; the learner's next replies still go out
                log.exception("sending replies to a Messenger learner failed")

    def _start(self, work: Awaitable[None]) -> asyncio.Task[None]:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def drain(self, grace_s: float = SHUTDOWN_GRACE_S) -> None:
        """Let turns and sends in flight finish (up to ``grace_s``), then cancel the rest."""
        if not self.tasks:
            return
        _, late = await asyncio.wait(set(self.tasks), timeout=grace_s)
        for task in late:
            task.cancel()


async def send_reply(api: SendApi, psid: str, reply: Reply) -> bool:
    """One core Reply: the text (options numbered) in chunks of at most 2,000 characters, quick
    replies on the last chunk, then each image as an uploaded attachment. True once the Send API
    took every part (or refused one for good: the person blocked the page); False when a part could
    not be sent, even after the retries."""
    chunks = split_text(with_numbered_options(reply.text, reply.options), MAX_TEXT)
    api.refused = False
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if chunk and not await api.send_text(psid, chunk, reply.options if last else None) and not api.refused:
            return False
    for image in reply.images:
        if not await api.send_image(psid, Path(image)) and not api.refused:
            return False
    return True


def reply_sender(api: SendApi, psid: str) -> SendOne:
    async def send(reply: Reply) -> bool:
        return await send_reply(api, psid, reply)

    return send


# --- the web application -------------------------------------------------------------------------

WEBHOOK_PATH = "/webhook"
TUTOR = web.AppKey("tutor", MessengerTutor)
SESSION = web.AppKey("session", aiohttp.ClientSession)


def make_app(core: TutorCore, **webhook: Any) -> web.Application:
    """The webhook server: GET /webhook (verification), POST /webhook (events), GET /healthz;
    ``webhook``: the secrets and settings :func:`install` takes."""
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    install(app, core, **webhook)

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "turns_in_flight": len(app[TUTOR].tasks)})

    app.router.add_get("/healthz", health)
    return app


def install(
    app: web.Application,
    core: TutorCore,
    *,
    app_secret: str,
    verify_token: str,
    page_token: str,
    graph_url: str = DEFAULT_GRAPH_URL,
    retry: RetryPolicy | None = None,
    reminder_tick_s: float = REMINDER_TICK_S,
    answer_within_s: float = ANSWER_WITHIN_S,
) -> None:
    """Add the webhook (GET and POST /webhook), the Send API session and the review reminders (every
    ``reminder_tick_s``) to ``app``: this module's server and `tutorbot serve` check webhooks the same way.
    A POST is answered once its turns are committed, or with a 503 after ``answer_within_s``."""
    redact_secrets_in_logs([page_token, app_secret, verify_token])
    retry = retry or RetryPolicy()
    app[TUTOR] = MessengerTutor(core, lambda: SendApi(app[SESSION], graph_url, page_token, retry),
                                answer_within_s=answer_within_s)

    async def verify(request: web.Request) -> web.Response:
        query = request.query
        token = query.get("hub.verify_token", "")
        if query.get("hub.mode") == "subscribe" and hmac.compare_digest(token.encode(), verify_token.encode()):
            return web.Response(text=query.get("hub.challenge", ""))
        return web.Response(status=403, text="verification failed")

    async def receive(request: web.Request) -> web.Response:
        too_large = oversized(request)         # from the headers: the body is not read yet
        if too_large is not None:
            return too_large
        raw = await request.read()             # capped at MAX_BODY_BYTES (413) for a chunked body
        if not signature_is_valid(app_secret, raw, request.headers.get("X-Hub-Signature-256")):
            log.warning("rejected a webhook POST with a missing or wrong signature")
            return refuse(403, "bad signature")
        try:
            payload = decode_json_object(raw)
        except BadBody as error:
            log.warning("refused a signed webhook body: %s", error)
            return web.Response(status=400, text=str(error))
        if payload.get("object") != "page":
            return web.Response(status=404, text="not a page subscription")
        if not await app[TUTOR].answer(payload):
            log.warning("a Messenger batch took over %.0f s: answered 503, Messenger sends it again",
                        app[TUTOR].answer_within_s)
            return web.Response(status=503, text="still working on it")
        return web.Response(text="EVENT_RECEIVED")

    app.router.add_get(WEBHOOK_PATH, verify)
    app.router.add_post(WEBHOOK_PATH, receive)
    app.on_startup.append(_open_session)
    app.on_cleanup.append(_close_session)
    app.cleanup_ctx.append(reminding(core, lambda: SendApi(app[SESSION], graph_url, page_token, retry), reminder_tick_s))
    app.cleanup_ctx.append(sweeping(core, lambda: SendApi(app[SESSION], graph_url, page_token, retry)))


def sweeping(core: TutorCore, send_api: Callable[[], SendApi]) -> Callable[..., AsyncIterator[None]]:
    """While the server runs, the outbox's sweep of Messenger learners (bot/outbox.py): replies a
    stopped worker left unsent, which Messenger may never redeliver the event for."""
    outbox = getattr(core, "outbox", None)

    async def context(_: web.Application) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = None if outbox is None else asyncio.create_task(outbox.sweep_every(
            "fb:", lambda learner: reply_sender(send_api(), learner.removeprefix("fb:")), stop))
        yield
        stop.set()
        if task is not None:
            await asyncio.wait({task}, timeout=SHUTDOWN_GRACE_S)
            task.cancel()

    return context


def reminding(core: TutorCore, send_api: Callable[[], SendApi], every_s: float) -> Callable[..., AsyncIterator[None]]:
    """While the server runs, a task that sends the due review reminders of Messenger learners (when the
    core sends them: bot.core.Core does, the tests' scripted cores do not)."""
    remind = getattr(core, "send_reminders", None)

    async def send(learner_id: str, text: str) -> None:
        api = send_api()
        if not await api.send_text(learner_id.removeprefix("fb:"), text):
            # refused for good (the person blocked the page, or left it): no reminders tried for ever
            raise Blocked(learner_id) if api.refused else RuntimeError("the Send API could not send the reminder")

    async def loop() -> None:
        while True:
            await asyncio.sleep(every_s)
            try:
                await remind("fb:", send)
            except Exception:  # noqa: BLE001 - a failed round must not end the reminders
                log.exception("review reminders failed")

    async def context(_: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(loop()) if remind is not None else None
        yield
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    return context


async def _open_session(app: web.Application) -> None:
    app[SESSION] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))


async def _close_session(app: web.Application) -> None:
    await app[TUTOR].drain()
    await app[SESSION].close()


# --- command line --------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, behind an HTTPS reverse proxy)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    parser.add_argument("--graph-url", metavar="URL",
                        help=f"Graph API base (default $MESSENGER_GRAPH_URL or {DEFAULT_GRAPH_URL})")


def run(args: argparse.Namespace) -> int:
    settings = MessengerSettings.from_args(args)
    web.run_app(_serve(args, settings), host=settings.host, port=settings.port)
    return 0


async def _serve(args: argparse.Namespace, settings: MessengerSettings) -> web.Application:
    core = open_tutor_core(args.models, args.db)
    app = make_app(core, app_secret=settings.app_secret, verify_token=settings.verify_token,
                   page_token=settings.page_token, graph_url=settings.graph_url)

    async def close_core(_: web.Application) -> None:
        await core.close()

    app.on_cleanup.append(close_core)
    return app
