"""A fake Facebook Graph API (the Send API) on 127.0.0.1 that records every message sent, and can
answer the first requests with errors (429, 5xx) to exercise retries."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.bot.fakes.loopback import LoopbackServer


@dataclass
class Sent:
    psid: str
    message: dict[str, Any]             # the Send API "message" object (text / quick_replies / attachment)
    messaging_type: str
    access_token: str
    upload: dict[str, Any] | None = None   # {"filename", "content_type", "size"} for a file upload
    at: float = field(default_factory=time.perf_counter)

    @property
    def text(self) -> str:
        return self.message.get("text", "")


class FakeGraphApi(LoopbackServer):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Sent] = []
        self.requests = 0
        self.failures: list[int] = []            # statuses to answer the next requests with
        self.on_send: Callable[[Sent], None] | None = None
        self._message_ids = itertools.count(1)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v21.0/me/messages", self._messages)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v21.0"

    def to(self, psid: str) -> list[Sent]:
        return [s for s in self.sent if s.psid == psid]


    async def _messages(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.failures:
            status = self.failures.pop(0)
            return web.json_response({"error": {"message": "try later", "code": 613}}, status=status)
        sent = await _read_send(request)
        self.sent.append(sent)
        if self.on_send is not None:
            self.on_send(sent)
        self.changed()
        return web.json_response({"recipient_id": sent.psid, "message_id": f"m_{next(self._message_ids)}"})


async def _read_send(request: web.Request) -> Sent:
    token = request.query.get("access_token", "")
    if request.content_type == "application/json":
        body = await request.json()
        return Sent(body["recipient"]["id"], body["message"], body.get("messaging_type", ""), token)
    form = await request.post()
    upload = form["filedata"]
    assert isinstance(upload, web.FileField)
    summary = {"filename": upload.filename, "content_type": upload.content_type, "size": len(upload.file.read())}
    return Sent(json.loads(str(form["recipient"]))["id"], json.loads(str(form["message"])),
                str(form.get("messaging_type", "")), token, upload=summary)


# --- webhooks as Messenger sends them ------------------------------------------------------------

def sign(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def text_event(psid: str, text: str, mid: str) -> dict[str, Any]:
    return {"sender": {"id": psid}, "recipient": {"id": "PAGE"}, "timestamp": int(time.time() * 1000),
            "message": {"mid": mid, "text": text}}


def quick_reply_event(psid: str, title: str, payload: str, mid: str) -> dict[str, Any]:
    event = text_event(psid, title, mid)
    event["message"]["quick_reply"] = {"payload": payload}
    return event


def postback_event(psid: str, payload: str, mid: str) -> dict[str, Any]:
    return {"sender": {"id": psid}, "recipient": {"id": "PAGE"}, "timestamp": int(time.time() * 1000),
            "postback": {"mid": mid, "title": "Get Started", "payload": payload}}


def echo_event(psid: str, text: str, mid: str) -> dict[str, Any]:
    """Messenger echoes the page's own messages back: sender is the page, recipient the learner."""
    return {"sender": {"id": "PAGE"}, "recipient": {"id": psid}, "timestamp": int(time.time() * 1000),
            "message": {"mid": mid, "text": text, "is_echo": True, "app_id": 1}}


def sticker_event(psid: str, mid: str) -> dict[str, Any]:
    return {"sender": {"id": psid}, "recipient": {"id": "PAGE"}, "timestamp": int(time.time() * 1000),
            "message": {"mid": mid, "sticker_id": 369239263222822,
                        "attachments": [{"type": "image", "payload": {"url": "https://x/y.png"}}]}}


def webhook(*entries: list[dict[str, Any]]) -> bytes:
    """A page webhook body with one entry per list of messaging events."""
    body = {"object": "page", "entry": [{"id": "PAGE", "time": int(time.time() * 1000), "messaging": events}
                                        for events in entries]}
    return json.dumps(body).encode()
