"""The plumbing both fake platform servers share: an aiohttp app on 127.0.0.1 at a free port,
and a way for a test to wait until what the bot sent satisfies a condition."""
from __future__ import annotations

import asyncio
from typing import Callable

from aiohttp import web


class LoopbackServer:
    def __init__(self) -> None:
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def add_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self):  # -> the subclass, for `server = await Fake().start()`
        app = web.Application()
        self.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def changed(self) -> None:
        """Called by a subclass after every request it records: wakes up `wait_for`."""
        self._changed.set()

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``condition()`` holds, re-checked after every request the bot makes."""
        async with asyncio.timeout(timeout):
            while not condition():
                self._changed.clear()
                await self._changed.wait()
