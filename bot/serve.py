"""`tutorbot serve`: one aiohttp application for every channel.

- ``POST /webhooks/rest/webhook`` ``{"sender", "message", "message_id"?}``: Rasa's REST channel
  shape, answered ``[{"recipient_id", "text", "buttons": [{"title", "payload"}], "image"}]``;
- ``POST /model/parse`` ``{"text"}``: what ``tutorbot analyze --json`` prints;
- ``GET /healthz`` (models loaded, store reachable: 200, else 503 with the reasons) and
  ``GET /metrics`` (Prometheus text, :mod:`bot.metrics`);
- the web chat page at ``/`` (bot/static/) and its ``POST /chat/message``, the learner named by
  a signed cookie (:mod:`bot.webchat`), and the pictures of replies under ``/images/``;
- the Messenger webhook (``/webhook``) and the Telegram webhook (``/telegram``, or the path of
  ``$TELEGRAM_WEBHOOK_URL``) when their secrets are in the environment, checked exactly as their
  own servers check them (the same handlers).

With ``TUTORBOT_API_TOKEN`` set, every route but the platform webhooks (which carry their own
signatures) and the chat page with its static files and message route (the signed cookie) needs
``Authorization: Bearer <token>``, compared in constant time, before any body is read.

A message with a ``message_id`` is answered once (:mod:`bot.rest`): a retry of the same id (a client that lost the
answer to a network error) gets the first answer again from memory, or waits for it while it is
being made; the store records the id with the turn and its replies (the core's ``delivery_id``), so
a retry that reaches another worker, or comes after a restart, changes nothing and gets the same
answer again (from the store; pictures as they were planned).

``--workers N`` runs N worker processes on the port (:mod:`bot.workers`); with a PostgreSQL store
(``--db postgresql://...``) they answer different learners in parallel, one learner's turns in order.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import hmac
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from secrets import token_hex
from typing import Any

from aiohttp import web

from bot.channel import MAX_BODY_BYTES, redact_secrets_in_logs, refuse, require_secret
from bot.core import MAX_MESSAGE_CHARS, TurnResult, started
from bot.metrics import MeteredCore, Metrics
from bot.rest import IMAGE_NAME, IMAGES_PREFIX, Answers, Refused, image_url_in, json_object, rest_messages, text_field
from bot.webchat import LearnerCookie
from nlp.errors import TutorbotError
from nlp.pipeline import COMPONENTS

log = logging.getLogger(__name__)

REST_PATH = "/webhooks/rest/webhook"
PARSE_PATH = "/model/parse"
CHAT_PATH = "/chat/message"
DEFAULT_TELEGRAM_PATH = "/telegram"
STATIC_DIR = Path(__file__).parent / "static"
MAX_SENDER_CHARS = 64
MAX_MESSAGE_ID_CHARS = 128
HEALTH_TIMEOUT_S = 2.0
# What a worker imports before it answers, imported once by the workers' fork server (bot/workers.py);
# the channels' modules (python-telegram-bot) too, when their secrets are set.
WORKER_MODULES = ("bot.serve", "bot.channel", "bot.core", "bot.outbox", "nlp.pipeline", "tutor.curriculum",
                  *sorted({path.split(":")[0] for path in COMPONENTS.values()}))
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The page loads nothing from another site, and may not be framed by one.
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}


class ServeError(TutorbotError):
    """A setting of `tutorbot serve` that cannot work (one line, exit 2)."""


@dataclass
class MessengerSecrets:
    page_token: str
    app_secret: str
    verify_token: str
    graph_url: str


@dataclass
class TelegramHook:
    application: Any               # a python-telegram-bot Application, built by bot.telegram
    secret_token: str
    path: str = DEFAULT_TELEGRAM_PATH
    webhook_url: str | None = None  # registered with setWebhook on start when given


@dataclass
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    api_token: str | None = None
    cookie_secret: str | None = None   # None: a random one per process (cookies end with it)

    @classmethod
    def from_env(cls, args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if environ is None else environ
        return cls(host=args.host, port=args.port, api_token=env.get("TUTORBOT_API_TOKEN", "").strip() or None,
                   cookie_secret=env.get("TUTORBOT_COOKIE_SECRET", "").strip() or None)


def bearer_ok(request: web.Request, token: str) -> bool:
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


# --- the application -----------------------------------------------------------------------------

METRICS = web.AppKey("metrics", Metrics)


@dataclass
class Server:
    """The routes' shared parts."""

    core: MeteredCore
    metrics: Metrics
    cookies: LearnerCookie
    image_url: Callable[[Path], str | None]
    images_dir: Path
    answers: Answers

    async def turn(self, channel: str, sender: str, text: str, message_id: str | None) -> list[dict[str, Any]]:
        learner = f"{channel}:{sender}"

        async def answer() -> list[dict[str, Any]]:
            delivery = f"{channel}:{message_id}" if message_id else None
            result: TurnResult = await self.core.handle_turn(learner, text, delivery_id=delivery)
            replies = result.earlier if result.redelivered else result.replies   # a retry gets the same answer
            return rest_messages(sender, replies, self.image_url)

        return await (self.answers.once(f"{learner}\0{message_id}", answer) if message_id else answer())

    async def rest(self, request: web.Request) -> web.Response:
        body = await json_object(request)
        sender = text_field(body, "sender", MAX_SENDER_CHARS, is_id=True)
        # Longer than the core reads: it reads the first 2,000 characters and says so.
        text = text_field(body, "message", MAX_MESSAGE_CHARS * 4)
        message_id = text_field(body, "message_id", MAX_MESSAGE_ID_CHARS, required=False, is_id=True)
        return web.json_response(await self.turn("rest", sender or "", text or "", message_id))

    async def chat(self, request: web.Request) -> web.Response:
        learner = self.cookies.learner(request)
        body = await json_object(request)
        text = text_field(body, "message", MAX_MESSAGE_CHARS * 4)
        message_id = text_field(body, "message_id", MAX_MESSAGE_ID_CHARS, required=False, is_id=True)
        fresh = learner is None
        learner = learner or self.cookies.new_learner()
        response = web.json_response(await self.turn("web", learner, text or "", message_id))
        if fresh:
            self.cookies.set(response, request, learner)
        return response

    async def page(self, request: web.Request) -> web.Response:
        response = web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-store"})
        if self.cookies.learner(request) is None:
            self.cookies.set(response, request, self.cookies.new_learner())
        return response

    async def image(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = self.images_dir / name
        if not IMAGE_NAME.fullmatch(name) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})

    async def parse(self, request: web.Request) -> web.Response:
        body = await json_object(request)
        text = text_field(body, "text", MAX_MESSAGE_CHARS) or ""
        nlu = self.core.nlu
        if nlu is None:
            return web.json_response({"error": "no models loaded"}, status=503)
        return web.json_response(await asyncio.to_thread(_analysis, nlu, text))

    async def health(self, request: web.Request) -> web.Response:
        problems = [] if self.core.nlu is not None else ["no models loaded"]
        try:
            await asyncio.wait_for(asyncio.to_thread(self.core.store.schema_version), HEALTH_TIMEOUT_S)
        except TimeoutError:
            problems.append("store busy: no answer in 2 s")
        except Exception as error:  # noqa: BLE001 - whatever the store raises, the answer is 503
            problems.append(f"store unreachable: {type(error).__name__}")
        status = 503 if problems else 200
        return web.json_response({"status": "unavailable" if problems else "ok", "problems": problems,
                                  "turns_in_flight": self.metrics.in_flight, "worker": os.getpid()}, status=status)

    async def metrics_text(self, request: web.Request) -> web.Response:
        return web.Response(text=self.metrics.render(), content_type="text/plain",
                            headers={"X-Content-Type-Options": "nosniff"}, charset="utf-8")


def _analysis(nlu: Any, text: str) -> dict[str, Any]:
    analysis = nlu(text)
    respond = getattr(nlu, "respond", None)
    analysis.response = respond(text) if respond is not None else None
    return analysis.to_dict()


def make_app(
    core: Any,
    *,
    api_token: str | None = None,
    cookie_secret: str | None = None,
    images_dir: Path | None = None,
    messenger: MessengerSecrets | None = None,
    telegram: TelegramHook | None = None,
    metrics: Metrics | None = None,
) -> web.Application:
    """The server over ``core`` (a :class:`bot.core.Core`; every channel gets it metered)."""
    metrics = metrics or Metrics()
    metered = core if isinstance(core, MeteredCore) else MeteredCore(core, metrics)
    redact_secrets_in_logs(secret for secret in (api_token, cookie_secret) if secret)
    images_dir = images_dir or _picture_cache()
    server = Server(metered, metrics, LearnerCookie(cookie_secret), image_url_in(images_dir), images_dir, Answers())
    public: set[str] = {"/", CHAT_PATH}
    app = web.Application(client_max_size=MAX_BODY_BYTES,
                          middlewares=[_guard(api_token, public, server.cookies, metrics)])
    app[METRICS] = metrics
    app.router.add_get("/", server.page)
    app.router.add_post(CHAT_PATH, server.chat)
    app.router.add_static("/static/", STATIC_DIR, show_index=False, follow_symlinks=False)
    app.router.add_get(IMAGES_PREFIX + "{name}", server.image)
    app.router.add_post(REST_PATH, server.rest)
    app.router.add_post(PARSE_PATH, server.parse)
    app.router.add_get("/healthz", server.health)
    app.router.add_get("/metrics", server.metrics_text)
    if messenger is not None:
        public.add(_mount_messenger(app, metered, messenger))
    if telegram is not None:
        public.add(_mount_telegram(app, telegram))
    app.on_response_prepare.append(_security_headers)
    return app


def _picture_cache() -> Path:
    from tutor import plots  # noqa: PLC0415 - matplotlib itself loads on the first drawing only

    return plots.cache_dir()


def _guard(api_token: str | None, public: set[str], cookies: LearnerCookie, metrics: Metrics) -> Any:
    """The bearer-token check, before any handler reads a body. Public: the chat page, its static
    files and messages (the cookie names the learner), the platform webhooks (their own
    signatures); pictures need the token or a chat cookie."""

    @web.middleware
    async def guard(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        path = request.match_info.route.resource.canonical if request.match_info.route.resource else ""
        allowed = (api_token is None or path in public or path.startswith("/static")
                   or bearer_ok(request, api_token)
                   or (path.startswith(IMAGES_PREFIX) and cookies.learner(request) is not None))
        if not allowed:
            metrics.errors["unauthorized"] += 1
            response = refuse(401, "a bearer token is needed (Authorization: Bearer ...)")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        try:
            return await handler(request)
        except Refused as refused:
            metrics.errors["bad_request"] += 1
            return refuse(refused.status, refused.text)

    return guard


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)


def _mount_messenger(app: web.Application, core: MeteredCore, secrets: MessengerSecrets) -> str:
    from bot import messenger  # noqa: PLC0415

    messenger.install(app, core, app_secret=secrets.app_secret, verify_token=secrets.verify_token,
                      page_token=secrets.page_token, graph_url=secrets.graph_url)
    return messenger.WEBHOOK_PATH


def _mount_telegram(app: web.Application, hook: TelegramHook) -> str:
    from bot import telegram  # noqa: PLC0415 - python-telegram-bot is slow to import

    taken = {"/", CHAT_PATH, REST_PATH, PARSE_PATH, "/healthz", "/metrics", "/webhook"}
    if hook.path in taken or hook.path.startswith(("/static", IMAGES_PREFIX)):
        raise ServeError(f"the Telegram webhook path {hook.path} is taken by another route; choose another URL")
    app.router.add_post(hook.path, telegram.webhook_handler(hook.application, hook.secret_token))

    async def running(_: web.Application) -> AsyncIterator[None]:
        application = hook.application
        async with application:
            if hook.webhook_url:
                await application.bot.set_webhook(hook.webhook_url, secret_token=hook.secret_token,
                                                  allowed_updates=telegram.ALLOWED_UPDATES)
            await application.start()
            yield
            await application.stop()

    app.cleanup_ctx.append(running)
    return hook.path


# --- command line --------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, behind an HTTPS reverse proxy)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes sharing the port (default 1); several need a port other than 0, "
                        "and share the learners best with --db postgresql://...")


def run(args: argparse.Namespace) -> int:
    settings = ServeSettings.from_env(args)
    # Every secret is checked (one line, exit 2) before the models load.
    channels = messenger_secrets(os.environ), telegram_settings(os.environ)
    if args.workers == 1:
        web.run_app(_serve(args, settings, *channels), host=settings.host, port=settings.port, print=None)
        return 0
    from bot.workers import Supervisor  # noqa: PLC0415
    from tutor.database import location  # noqa: PLC0415
    from tutor.store import Store  # noqa: PLC0415

    check_workers(args)
    # One cookie secret for all: a learner's chat cookie, signed by one worker, reads on the others.
    os.environ["TUTORBOT_COOKIE_SECRET"] = settings.cookie_secret or token_hex(32)
    Store(args.db).close()    # migrated once, and a store that cannot be opened is said before any worker starts
    started()                 # the parent's start is over: it only watches the workers from here
    log.info("tutorbot serve: %d workers on http://%s:%d", args.workers, settings.host, settings.port)
    worker_args = argparse.Namespace(**{k: v for k, v in vars(args).items() if k != "handler"})
    preload = (*WORKER_MODULES, *(["bot.messenger"] if channels[0] else []), *(["bot.telegram"] if channels[1] else []),
               *(["psycopg"] if location(args.db).is_postgres else []))
    return Supervisor(args.workers, serve_worker, (worker_args,), preload=preload).run()


def check_workers(args: argparse.Namespace) -> None:
    from tutor.database import location  # noqa: PLC0415

    if args.workers < 1:
        raise ServeError(f"--workers must be 1 or more, not {args.workers}")
    if args.port == 0:
        raise ServeError("--workers needs a fixed --port: with port 0 each worker would get a port of its own")
    if location(args.db).path == ":memory:":
        raise ServeError("--workers needs a store they share: a SQLite file or postgresql://..., not :memory:")


def serve_worker(args: argparse.Namespace) -> None:
    """One worker of ``--workers N``, in its own process: the whole server, on the shared port."""
    from bot.cli import LOG_FORMAT  # noqa: PLC0415

    gc.disable()        # while it loads, as bot/cli.py does for a server: back on once the core is open

    logging.basicConfig(format=LOG_FORMAT.replace("%(name)s", "[%(process)d] %(name)s"), level=args.log_level)
    settings = ServeSettings.from_env(args)
    try:
        channels = messenger_secrets(os.environ), telegram_settings(os.environ)
        web.run_app(_serve(args, settings, *channels), host=settings.host, port=settings.port, print=None,
                    reuse_port=True)
    except (TutorbotError, OSError) as error:    # OSError: the port cannot be bound
        print(f"tutorbot: error: {error}", file=sys.stderr)
        sys.exit(getattr(error, "exit_code", 2))


async def _serve(args: argparse.Namespace, settings: ServeSettings, messenger: MessengerSecrets | None,
                 telegram: Any) -> web.Application:
    from bot.channel import open_tutor_core  # noqa: PLC0415

    metrics = Metrics()
    core = MeteredCore(open_tutor_core(args.models, args.db), metrics)   # type: ignore[arg-type]
    app = make_app(core, api_token=settings.api_token, cookie_secret=settings.cookie_secret, metrics=metrics,
                   messenger=messenger, telegram=telegram_hook(core, telegram) if telegram else None)

    async def close_core(_: web.Application) -> None:
        await core.close()

    app.on_cleanup.append(close_core)
    log.info("tutorbot serve on http://%s:%d (%s)", settings.host, settings.port, describe(app, settings))
    return app


def describe(app: web.Application, settings: ServeSettings) -> str:
    """What is served, for the start-up line (names only, never a secret)."""
    paths = sorted({resource.canonical for resource in app.router.resources()})
    guard = "bearer token required" if settings.api_token else "no API token: the REST API is open"
    return f"{guard}; routes {', '.join(paths)}"


def messenger_secrets(env: Mapping[str, str]) -> MessengerSecrets | None:
    """Messenger's secrets when any is set (then all three must be); None when none is."""
    names = ("MESSENGER_PAGE_TOKEN", "MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN")
    if not any(env.get(name, "").strip() for name in names):
        return None
    from bot.messenger import DEFAULT_GRAPH_URL  # noqa: PLC0415

    page, app_secret, verify = (require_secret(name, env) for name in names)
    return MessengerSecrets(page, app_secret, verify, env.get("MESSENGER_GRAPH_URL") or DEFAULT_GRAPH_URL)


def telegram_settings(env: Mapping[str, str]) -> Any:
    """bot.telegram's settings when TELEGRAM_BOT_TOKEN is set (then TELEGRAM_SECRET_TOKEN must be
    too: the webhook is served only with its secret); None when it is not."""
    if not env.get("TELEGRAM_BOT_TOKEN", "").strip():
        return None
    from bot import telegram  # noqa: PLC0415 - python-telegram-bot is slow to import

    return telegram.TelegramSettings(
        token=require_secret("TELEGRAM_BOT_TOKEN", env),
        api_url=env.get("TELEGRAM_API_URL") or telegram.DEFAULT_API_URL,
        webhook_url=env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None,
        secret_token=require_secret("TELEGRAM_SECRET_TOKEN", env))


def telegram_hook(core: Any, settings: Any) -> TelegramHook:
    """The Telegram webhook over ``core``: at the path of ``TELEGRAM_WEBHOOK_URL`` (registered with
    Telegram on start), else at /telegram (register it yourself)."""
    from bot import telegram  # noqa: PLC0415

    path = settings.webhook_path if settings.webhook_url else DEFAULT_TELEGRAM_PATH
    return TelegramHook(telegram.build_application(core, settings), settings.secret_token, path, settings.webhook_url)
