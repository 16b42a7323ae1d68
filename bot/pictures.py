"""Pictures for the core: drawn after the turn's transaction, in a pool of their own, rate-limited
per learner.

A new picture costs a drawing (``/gd 0.1000NN`` draws a new descent path); a picture already in
:mod:`tutor.plots`'s cache costs nothing. So during the turn the tutor's ``draw`` only *plans*:
it gets the picture's cache path at once, and the core draws what is missing once the turn is
saved, so no drawing holds SQLite's write lock, which every other turn needs. Drawings run in
:data:`PICTURE_WORKERS` threads of their own, not in the threads that run turns: learners who
draw never make the others wait for a free thread. Each learner may start :data:`NEW_PICTURES_BURST`
new drawings at once and then one every ``60 / NEW_PICTURES_PER_MINUTE`` s; beyond that the turn
answers without the picture and says when to ask again.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.replies import Reply

log = logging.getLogger(__name__)

PICTURE_WORKERS = 2              # matplotlib holds the GIL most of the time: more threads buy nothing
NEW_PICTURES_BURST = 5
NEW_PICTURES_PER_MINUTE = 6
SLOW_DOWN = ("That's a lot of new pictures in a short time: I'll draw new ones again in {seconds} s. "
             "Pictures you have already seen still come at once.")


class RateLimit:
    """A token bucket per key: ``burst`` actions at once, then ``per_minute``. Keys whose bucket
    is full again are forgotten, so memory stays bounded by the learners active lately."""

    def __init__(self, burst: int, per_minute: float, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        self.burst, self.rate, self.clock, self.max_keys = burst, per_minute / 60, clock, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}   # key -> (tokens, when counted)
        self._lock = threading.Lock()   # turns of different learners run in different threads

    def wait(self, key: str) -> float:
        """0 and one action taken if ``key`` may act now, else the seconds until it may."""
        with self._lock:
            return self._take(key)

    def _take(self, key: str) -> float:
        now = self.clock()
        tokens, then = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > self.max_keys:
            self._forget_full(now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        for key, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.burst:
                del self._buckets[key]


@dataclass
class Planned:
    name: str
    params: dict[str, Any]
    path: Path


@dataclass
class TurnPictures:
    """The pictures one turn asked for: those to draw after the save, and whether it was limited."""

    learner_id: str
    planned: list[Planned] = field(default_factory=list)
    wait_s: float = 0.0


_TURN: contextvars.ContextVar[TurnPictures | None] = contextvars.ContextVar("turn_pictures", default=None)


class Pictures:
    """The tutor's ``draw`` (:meth:`plan`) and the drawing after the turn (:meth:`finish`).

    ``draw`` draws and returns the file; ``path_of`` says where a picture will be and
    ``is_cached`` whether it already is. Without ``path_of`` (a stand-in ``draw`` in tests),
    pictures are drawn during the turn, unlimited."""

    def __init__(self, draw: Callable[..., Path | None], *, path_of: Callable[..., Path] | None = None,
                 is_cached: Callable[[Path], bool] | None = None, limit: RateLimit | None = None) -> None:
        self.draw, self.path_of, self.is_cached = draw, path_of, is_cached or Path.exists
        self.limit = limit or RateLimit(NEW_PICTURES_BURST, NEW_PICTURES_PER_MINUTE)
        self._pool = ThreadPoolExecutor(PICTURE_WORKERS, thread_name_prefix="pictures")

    @classmethod
    def default(cls) -> "Pictures":
        from tutor import plots   # noqa: PLC0415 - matplotlib loads on the first drawing only

        return cls(plots.draw, path_of=plots.picture_path, is_cached=plots.CACHE.hit)

    def begin(self, learner_id: str) -> tuple[TurnPictures, contextvars.Token[TurnPictures | None]]:
        """Called in the turn's thread before the tutor runs."""
        turn = TurnPictures(learner_id)
        return turn, _TURN.set(turn)

    def end(self, token: contextvars.Token[TurnPictures | None]) -> None:
        _TURN.reset(token)

    def plan(self, name: str, **params: Any) -> Path | None:
        """The tutor's ``draw``: the picture's path now, drawn after the turn is saved; None
        when this learner draws too many new pictures."""
        turn = _TURN.get()
        if self.path_of is None or turn is None:
            return self.draw(name, **params)
        path = self.path_of(name, **params)
        if self.is_cached(path) or any(p.path == path for p in turn.planned):
            return path
        wait = self.limit.wait(turn.learner_id)
        if wait:
            turn.wait_s = max(turn.wait_s, wait)
            return None
        turn.planned.append(Planned(name, params, path))
        return path

    @staticmethod
    def note(turn: TurnPictures) -> Reply | None:
        """The message for a learner who was refused a new picture in this turn."""
        return Reply(SLOW_DOWN.format(seconds=math.ceil(turn.wait_s))) if turn.wait_s else None

    async def finish(self, turn: TurnPictures, replies: list[Reply]) -> None:
        """Draw the turn's new pictures (concurrently, in the picture threads); a picture that
        fails is left out of the replies, as a failed drawing during the turn was."""
        if not turn.planned:
            return
        loop = asyncio.get_running_loop()
        outcomes = await asyncio.gather(
            *(loop.run_in_executor(self._pool, self._draw_one, planned) for planned in turn.planned))
        failed = {planned.path for planned, ok in zip(turn.planned, outcomes) if not ok}
        for reply in replies:
            reply.images = [image for image in reply.images if image not in failed]

    def _draw_one(self, planned: Planned) -> bool:
        try:
            self.draw(planned.name, **planned.params)
            return True
        except Exception:  # noqa: BLE001 - a picture helps but is never worth losing the turn for
            log.exception("drawing %s failed", planned.name)
            return False

    def close(self) -> None:
        self._pool.shutdown(wait=True)
