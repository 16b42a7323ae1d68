"""The web chat's learner id: a random id in a cookie signed with HMAC-SHA256, so that a learner
cannot name another learner's id (to read their progress) without the server's secret."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from aiohttp import web

COOKIE_NAME = "tutorbot_learner"
COOKIE_MAX_AGE_S = 365 * 24 * 3600
_LEARNER = re.compile(r"[A-Za-z0-9_-]{16,64}")


class LearnerCookie:
    """Signs and reads the cookie. ``secret`` None: a random one for this process (learners then
    start afresh after a restart: set ``TUTORBOT_COOKIE_SECRET`` for a lasting one)."""

    def __init__(self, secret: str | None = None) -> None:
        self._key = (secret or secrets.token_hex(32)).encode()

    def sign(self, learner: str) -> str:
        return f"{learner}.{self._mac(learner)}"

    def read(self, value: str) -> str | None:
        """The learner id of a cookie value, or None when it is malformed or not signed by us."""
        learner, _, mac = value.rpartition(".")
        if not _LEARNER.fullmatch(learner) or not hmac.compare_digest(mac.encode(), self._mac(learner).encode()):
            return None
        return learner

    def learner(self, request: web.Request) -> str | None:
        return self.read(request.cookies.get(COOKIE_NAME, ""))

    @staticmethod
    def new_learner() -> str:
        return secrets.token_urlsafe(18)

    def set(self, response: web.StreamResponse, request: web.Request, learner: str) -> None:
        # Strict: the browser sends it with this site's own requests only (no cross-site posting).
        secure = request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"
        response.set_cookie(COOKIE_NAME, self.sign(learner), max_age=COOKIE_MAX_AGE_S, path="/",
                            httponly=True, samesite="Strict", secure=secure or None)

    def _mac(self, learner: str) -> str:
        return hmac.new(self._key, learner.encode(), hashlib.sha256).hexdigest()
