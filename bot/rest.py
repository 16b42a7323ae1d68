"""Rasa's REST channel shape for `tutorbot serve`: reading a request's JSON within limits, the
replies as ``[{"recipient_id", "text", "buttons", "image"}]`` (pictures only from the picture
cache), and answering a message id once."""
from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.channel import BadBody, decode_json_object, oversized, read_body
from tutor.replies import Reply

log = logging.getLogger(__name__)

IMAGES_PREFIX = "/images/"
IMAGE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,200}\.png")
REST_MAX_BYTES = 64 * 1024       # a message is at most 2,000 characters; its JSON never needs more
ANSWERS_KEPT = 10_000            # recent answers a retry can get again


# --- answers given once --------------------------------------------------------------------------

class Answers:
    """The answers to recent message ids (least recently asked forgotten first). A retry gets the
    first answer; a retry while the first is still being made waits for it."""

    def __init__(self, capacity: int = ANSWERS_KEPT) -> None:
        self.capacity = capacity
        self._answers: OrderedDict[str, asyncio.Future[list[dict[str, Any]]]] = OrderedDict()

    async def once(self, key: str, make: Callable[[], Awaitable[list[dict[str, Any]]]]) -> list[dict[str, Any]]:
        known = self._answers.get(key)
        if known is not None:
            self._answers.move_to_end(key)
            return await asyncio.shield(known)
        future: asyncio.Future[list[dict[str, Any]]] = asyncio.get_running_loop().create_future()
        self._answers[key] = future
        if len(self._answers) > self.capacity:
            self._answers.popitem(last=False)
        try:
            future.set_result(await make())
        except BaseException as error:
            self._answers.pop(key, None)     # not answered: a retry may try again
            if isinstance(error, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(error)
                future.exception()           # retrieved here: waiters re-raise it
            raise
        return future.result()


# --- replies as JSON -----------------------------------------------------------------------------

def rest_messages(recipient: str, replies: list[Reply], image_url: Callable[[Path], str | None]) -> list[dict[str, Any]]:
    """The replies in Rasa's REST shape: one object per reply, ``buttons`` for its options (the
    payload is the option's number, which the tutor reads as choosing it), ``image`` for its first
    picture and one more object per further picture."""
    messages: list[dict[str, Any]] = []
    for reply in replies:
        message: dict[str, Any] = {"recipient_id": recipient, "text": reply.text}
        if reply.options:
            message["buttons"] = [{"title": option, "payload": str(number)}
                                  for number, option in enumerate(reply.options, start=1)]
        urls = [url for url in map(image_url, reply.images) if url]
        if urls:
            message["image"] = urls[0]
        messages.append(message)
        messages += [{"recipient_id": recipient, "image": url} for url in urls[1:]]
    return messages


def image_url_in(images_dir: Path) -> Callable[[Path], str | None]:
    """``/images/<name>`` for a picture in the cache directory; None (logged) for any other path,
    which is never offered."""
    root = images_dir.resolve()

    def url(path: Path) -> str | None:
        resolved = Path(path).resolve()
        if resolved.parent != root or not IMAGE_NAME.fullmatch(resolved.name):
            log.warning("a reply's picture is outside the picture cache; not offered: %s", resolved.name)
            return None
        return IMAGES_PREFIX + resolved.name

    return url


# --- requests ------------------------------------------------------------------------------------

class Refused(Exception):
    """A request answered with an error status; the text is safe to show and to log."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


async def json_object(request: web.Request, limit: int = REST_MAX_BYTES) -> dict[str, Any]:
    """The request's JSON object; :class:`Refused` (413, 415, 400) otherwise. The size announced
    is checked before a byte is read, a chunked body is cut off at ``limit``."""
    if oversized(request, limit) is not None:
        raise Refused(413, "body too large")
    if request.content_type != "application/json":      # also keeps a plain cross-site form out
        raise Refused(415, "expected application/json")
    try:
        raw = await read_body(request)
    except BadBody as error:
        raise Refused(413, str(error)) from None
    if len(raw) > limit:
        raise Refused(413, "body too large")
    try:
        return decode_json_object(raw)
    except BadBody as error:
        raise Refused(400, str(error)) from None


def text_field(body: dict[str, Any], name: str, limit: int, *, required: bool = True, is_id: bool = False) -> str | None:
    """``body[name]`` as a string of at most ``limit`` characters (``is_id``: an integer read as one)."""
    value = body.get(name)
    if value is None and not required:
        return None
    if is_id and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (required and not value.strip()):
        raise Refused(400, f'"{name}" must be a non-empty string')
    if len(value) > limit:
        raise Refused(400, f'"{name}" is over {limit:,} characters')
    return value
