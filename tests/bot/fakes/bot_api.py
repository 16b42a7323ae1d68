"""A fake Telegram Bot API server on 127.0.0.1: feeds queued updates through getUpdates (long
polling) and records every method call, so tests can assert what the real PTB client sent."""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.bot.fakes.loopback import LoopbackServer

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "tutorbot", "username": "tutorbot_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
JSON_FIELDS = {"reply_markup", "allowed_updates", "commands"}
LONG_POLL_CAP_S = 0.25     # short, so that stopping the updater (which awaits the poll) is quick


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)
    result: Any = None          # what the fake answered (a sent message, with its message_id)


class FakeBotApi(LoopbackServer):
    """``base_url`` (after :meth:`start`) is what PTB's ``base_url`` takes."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.calls: list[Call] = []
        self.delivered_at: dict[int, float] = {}     # update_id -> when getUpdates handed it out
        self.on_call: Callable[[Call], None] | None = None
        self.flood: dict[str, int] = {}               # method -> retry_after for its next call (a 429)
        self._pending: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._arrived = asyncio.Event()

    # --- lifecycle ---
    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        app.router.add_get("/bot{token}/{method}", self._dispatch)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- feeding updates ---
    def push(self, update: dict[str, Any]) -> int:
        """Queue one update (its update_id is assigned here) for the next getUpdates."""
        update_id = next(self._update_ids)
        self._pending.append({"update_id": update_id, **update})
        self._arrived.set()
        return update_id

    # --- inspecting ---
    def sent(self, method: str, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)]


    # --- the API ---
    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        try:
            call = Call(method, await _params(request))
        except ConnectionResetError:      # the client hung up (PTB shutting its pool down)
            return web.Response(status=499)
        if method == "getUpdates":
            return _ok(await self._get_updates(call.params))
        self.calls.append(call)
        if self.on_call is not None:
            self.on_call(call)
        self.changed()
        if method in self.flood:
            retry_after = self.flood.pop(method)
            return web.json_response({"ok": False, "error_code": 429, "parameters": {"retry_after": retry_after},
                                      "description": f"Too Many Requests: retry after {retry_after}"}, status=429)
        handler = self._answers().get(method)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        call.result = handler(call.params)
        return _ok(call.result)

    def _answers(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "getMe": lambda p: BOT_USER,
            "sendMessage": lambda p: self._message(p, text=p.get("text", "")),
            "sendPhoto": lambda p: self._message(p, photo=[{"file_id": "ph1", "file_unique_id": "u1",
                                                             "width": 64, "height": 64}]),
            "editMessageReplyMarkup": lambda p: self._message(p, text="(edited)"),
            "editMessageText": lambda p: self._message(p, text=p.get("text", "")),
            "sendChatAction": lambda p: True,
            "answerCallbackQuery": lambda p: True,
            "setMyCommands": lambda p: True,
            "deleteWebhook": lambda p: True,
            "setWebhook": lambda p: True,
            "getWebhookInfo": lambda p: {"url": "", "has_custom_certificate": False, "pending_update_count": 0},
            "close": lambda p: True,
            "logOut": lambda p: True,
        }

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]   # confirmed ones go
        if not self._pending:
            self._arrived.clear()
            wait_s = min(float(params.get("timeout") or 0), LONG_POLL_CAP_S)
            if wait_s > 0:
                try:
                    async with asyncio.timeout(wait_s):
                        await self._arrived.wait()
                except TimeoutError:
                    pass
        batch = self._pending[: int(params.get("limit") or 100)]
        now = time.perf_counter()
        for update in batch:
            self.delivered_at.setdefault(update["update_id"], now)
        return batch

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params.get("chat_id", 0)
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER, **content}


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


async def _params(request: web.Request) -> dict[str, Any]:
    """Form fields (urlencoded or multipart, as PTB sends them) or a JSON body, JSON-valued
    fields decoded and uploaded files summarised as {"filename", "size"}."""
    if request.content_type == "application/json":
        return await request.json()
    params: dict[str, Any] = {}
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            params[name] = {"filename": value.filename, "size": len(value.file.read())}
        elif name in JSON_FIELDS:
            params[name] = json.loads(value)
        elif name == "chat_id":
            params[name] = int(value)
        else:
            params[name] = value
    return params


# --- updates as Telegram sends them ---------------------------------------------------------------

def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"learner{user_id}"}


def chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": f"learner{chat_id}"}


def message(chat_id: int, message_id: int = 1, **content: Any) -> dict[str, Any]:
    return {"message_id": message_id, "date": int(time.time()), "chat": chat(chat_id), "from": user(chat_id), **content}


def text_update(chat_id: int, text: str, message_id: int = 1) -> dict[str, Any]:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    return {"message": message(chat_id, message_id, text=text, entities=entities)}


def sticker_update(chat_id: int) -> dict[str, Any]:
    sticker = {"file_id": "st1", "file_unique_id": "su1", "width": 512, "height": 512,
               "is_animated": False, "is_video": False, "type": "regular", "emoji": "👍"}
    return {"message": message(chat_id, sticker=sticker)}


def voice_update(chat_id: int) -> dict[str, Any]:
    return {"message": message(chat_id, voice={"file_id": "v1", "file_unique_id": "vu1", "duration": 2})}


def edited_update(chat_id: int, text: str) -> dict[str, Any]:
    return {"edited_message": {**message(chat_id, text=text), "edit_date": int(time.time())}}


def callback_update(chat_id: int, data: str, buttons: int = 3, query_id: str = "cq1", token: str = "0",
                    message_id: int = 77) -> dict[str, Any]:
    """A press on a button of the bot's message ``message_id``, whose keyboard had ``buttons``
    options for the offer named ``token``."""
    keyboard = [[{"text": f"{n}. option", "callback_data": f"{token}.{n}"}] for n in range(1, buttons + 1)]
    bot_message = {"message_id": message_id, "date": int(time.time()), "chat": chat(chat_id), "from": BOT_USER,
                   "text": "a question", "reply_markup": {"inline_keyboard": keyboard}}
    return {"callback_query": {"id": query_id, "from": user(chat_id), "chat_instance": "ci",
                               "data": data, "message": bot_message}}


def inline_callback_update(user_id: int, data: str, query_id: str = "cq-inline") -> dict[str, Any]:
    """A press on a button under an inline message: Telegram sends no message, so no chat."""
    return {"callback_query": {"id": query_id, "from": user(user_id), "chat_instance": "ci",
                               "data": data, "inline_message_id": "AAA"}}


def press(sent: Call, number: int, chat_id: int, query_id: str = "cq1") -> dict[str, Any]:
    """The update Telegram sends when the learner presses button ``number`` of the message the
    bot sent in ``sent`` (a recorded sendMessage call)."""
    keyboard = sent.params["reply_markup"]["inline_keyboard"]
    bot_message = {"message_id": sent.result["message_id"], "date": int(time.time()), "chat": chat(chat_id),
                   "from": BOT_USER, "text": sent.params["text"], "reply_markup": {"inline_keyboard": keyboard}}
    return {"callback_query": {"id": query_id, "from": user(chat_id), "chat_instance": "ci",
                               "data": keyboard[number - 1][0]["callback_data"], "message": bot_message}}
