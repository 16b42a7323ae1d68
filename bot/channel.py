"""What the Telegram and Messenger channels share: splitting long texts, rendering options,
reading secrets, reading webhook bodies within limits, keeping each learner's messages in
order, and keeping secrets out of logs."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aiohttp import web

from nlp.errors import MissingSecret
from tutor.replies import Reply


class TutorCore(Protocol):
    """The part of ``bot.core.Core`` a channel uses."""

    async def handle(self, learner_id: str, text: str, *, delivery_id: str | None = None) -> list[Reply]: ...

    async def options_token(self, learner_id: str) -> str: ...

    async def close(self) -> None: ...


# --- secrets -------------------------------------------------------------------------------------

def require_secret(variable: str, environ: Mapping[str, str] | None = None) -> str:
    """The value of a secret environment variable; :class:`MissingSecret` (one line, exit 2) if unset."""
    value = (os.environ if environ is None else environ).get(variable, "").strip()
    if not value:
        raise MissingSecret(variable)
    return value


# --- texts and options ---------------------------------------------------------------------------

def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into chunks of at most ``limit`` characters, preferring paragraph breaks,
    then line breaks, then spaces; a single word longer than ``limit`` is cut hard."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not chunks:
        chunks.append(rest)
    return chunks


def _best_cut(text: str, limit: int) -> int:
    """Where to cut ``text`` so that the head fits in ``limit``: after the last paragraph break,
    else the last line break, else the last space; a hard cut only when there is none."""
    window = text[: limit + 1]      # a separator right at the limit still counts
    for separator in ("\n\n", "\n", " "):
        position = window.rfind(separator)
        if position > 0:
            return position
    return limit


def with_numbered_options(text: str, options: list[str]) -> str:
    """The reply text followed by its options, numbered from 1, so that a learner can always
    type the number even where buttons cut long options short."""
    if not options:
        return text
    listing = "\n".join(f"{number}. {option}" for number, option in enumerate(options, start=1))
    return f"{text}\n\n{listing}" if text else listing


def button_title(number: int, option: str, limit: int) -> str:
    """``"2. option"`` cut to ``limit`` characters with an ellipsis."""
    title = f"{number}. {option}"
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def option_number(text: str, options_count: int | None = None) -> str | None:
    """The 1-based option number a button sent back, or None if it is not one (forged or stale
    callback data must never reach the core as an answer). ASCII digits only: "²" and "٣" are
    digits to ``str.isdigit`` but not option numbers."""
    text = text.strip()
    if not _OPTION_NUMBER.fullmatch(text):
        return None
    number = int(text)
    if options_count is not None and number > options_count:
        return None
    return str(number)


_OPTION_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_BUTTON_DATA = re.compile(r"([0-9a-f]{1,16})\.([^.]*)")


def button_data(token: str, number: int) -> str:
    """Callback data for option ``number`` of the options named by ``token`` (see
    ``TutorCore.options_token``): ``"3f9a01c2.2"``, well under Telegram's 64 bytes."""
    return f"{token}.{number}"


@dataclass(frozen=True)
class ButtonPress:
    token: str       # the options the pressed keyboard belonged to
    number: str      # the option's 1-based number, as the learner would type it


def read_button_data(data: str, options_count: int | None) -> ButtonPress | None:
    """The press ``data`` names, or None when it is not one of ours or names no option of the
    keyboard it came from."""
    match = _BUTTON_DATA.fullmatch(data)
    number = option_number(match.group(2), options_count) if match else None
    return ButtonPress(match.group(1), number) if match and number else None


# --- webhook bodies ------------------------------------------------------------------------------

MAX_BODY_BYTES = 1024 * 1024     # a Messenger batch or a Telegram update is a few KB; 1 MiB is ample
MAX_JSON_DEPTH = 32              # platform payloads nest about 8 deep


class BadBody(ValueError):
    """A webhook body that is not a JSON object within the limits; the reason is safe to log."""


def oversized(request: web.Request, limit: int = MAX_BODY_BYTES) -> web.Response | None:
    """A 413 for a request that announces a body over ``limit``, decided from the headers alone,
    before a byte of the body is read; None otherwise (a chunked body is capped while reading,
    by the application's ``client_max_size``)."""
    if request.content_length is None or request.content_length <= limit:
        return None
    return refuse(413, "body too large")


def refuse(status: int, text: str) -> web.Response:
    """An error answer that closes the connection: aiohttp would otherwise read and discard the
    rest of an unread body to keep the connection alive."""
    response = web.Response(status=status, text=text)
    response.force_close()
    return response


async def read_body(request: web.Request) -> bytes:
    """The body of a request that passed :func:`oversized`; :class:`BadBody` past the limit."""
    try:
        return await request.read()
    except web.HTTPRequestEntityTooLarge as error:
        raise BadBody("body too large") from error


def decode_json_object(raw: bytes) -> dict[str, Any]:
    """``raw`` as a JSON object: UTF-8, valid JSON, nested at most :data:`MAX_JSON_DEPTH` deep;
    :class:`BadBody` otherwise (empty, not UTF-8, not JSON, too deep, not an object)."""
    if not raw.strip():
        raise BadBody("empty body")
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadBody("not UTF-8") from error
    except RecursionError as error:          # the C parser's own limit, far past ours
        raise BadBody("nested too deep") from error
    except ValueError as error:
        raise BadBody("not JSON") from error
    if not isinstance(value, dict):
        raise BadBody("not a JSON object")
    if json_depth(value) > MAX_JSON_DEPTH:
        raise BadBody("nested too deep")
    return value


def json_depth(value: object) -> int:
    """How deep ``value`` nests (a scalar is 0, ``{}`` is 1); iterative, so no depth can
    exhaust the stack."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


# --- ordering ------------------------------------------------------------------------------------

@dataclass
class _Slot:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class KeyedLocks:
    """One FIFO lock per key (a learner or a chat): work for one key runs one at a time, in the
    order it asked, while different keys run concurrently. A key's lock is dropped when nobody
    holds or waits for it, so memory stays bounded by the work in flight."""

    def __init__(self) -> None:
        self._slots: dict[str, _Slot] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        slot = self._slots.setdefault(key, _Slot())
        slot.users += 1
        try:
            async with slot.lock:
                yield
        finally:
            slot.users -= 1
            if slot.users == 0:
                del self._slots[key]

    def __len__(self) -> int:
        return len(self._slots)


class SeenIds:
    """A bounded set of recently seen ids (least recently seen forgotten first): platforms
    redeliver events, and a redelivered event must be processed once."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is seen; remembers it."""
        if event_id in self._ids:
            self._ids.move_to_end(event_id)
            return False
        self._ids[event_id] = None
        if len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._ids)


# --- the core ------------------------------------------------------------------------------------

def open_tutor_core(models_dir: Path | None, db_path: Path | str) -> TutorCore:
    """Open the shared tutor core (imported here: it loads the curriculum and, if trained, the
    models, which only a running channel needs), its labs in a pool of processes
    ($TUTORBOT_LAB_WORKERS)."""
    from bot.core import open_core, started  # noqa: PLC0415
    from labs.pool import LabPool  # noqa: PLC0415
    from tutor.database import location  # noqa: PLC0415

    where = location(db_path)
    redact_secrets_in_logs([where.password] if where.password else [])   # a postgresql:// URL's password
    core = open_core(models_dir, where, lab_pool=LabPool.from_env())
    started()
    return core


# --- secrets out of logs -------------------------------------------------------------------------

REDACTED = "<redacted>"
# Shapes of secrets we may not have been told about: a Telegram bot token (in Bot API URLs),
# an access_token query parameter (Graph API URLs) and the webhook handshake's verify token
# (in access logs of GET /webhook).
_SECRET_SHAPES = (
    re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}"),
    re.compile(r"(?<=access_token=)[^&\s\"']+"),
    re.compile(r"(?<=verify_token=)[^&\s\"']+"),
)
_known_secrets: set[str] = set()
_factory_installed = False


def redact(text: str) -> str:
    """``text`` with every registered secret and every token-shaped string masked."""
    for secret in sorted(_known_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    for shape in _SECRET_SHAPES:
        text = shape.sub(REDACTED, text)
    return text


def redact_secrets_in_logs(secrets: Iterable[str]) -> None:
    """Mask ``secrets`` (and token-shaped strings) in every log record from now on.

    A log record factory, not a handler filter: filters on a logger do not see records that
    propagate from child loggers (httpx, telegram.ext, aiohttp), and handlers come and go;
    the factory sees every record of the process, before any handler formats it."""
    global _factory_installed
    _known_secrets.update(secret for secret in secrets if len(secret) >= 4)
    if _factory_installed:
        return
    make_record = logging.getLogRecordFactory()
    logging.setLogRecordFactory(_redacting_factory(make_record))
    _factory_installed = True


def _redacting_factory(make_record: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logging's to report, not ours
            return record
        record.msg, record.args = redact(message), None
        if record.exc_info:
            # Tracebacks of HTTP errors quote the request URL, token included.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    return factory
