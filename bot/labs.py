"""Labs between the core and the channels: started after the turn that asked, delivered when they end.

The turn that asks for a lab answers at once (the dialogue's "🧪 Lab ... with ...", plus the pool's word:
running now, your place in the queue, or why not), so the chat never waits on a lab. When the lab ends,
its result becomes a turn of its own (:meth:`bot.core.Core.finish_lab`: saved in the learner's history,
its question posed) and its replies are pushed through the learner's channel:

* a channel that can send unasked (the shell, Telegram) registers a :class:`Push` for its learners'
  prefix ("cli:", "tg:"); it also gets the progress lines ("epoch 3/10"), at most one every
  :data:`PROGRESS_EVERY_S` seconds;
* a channel that only answers (the REST API, the web chat) gets the result with the learner's next
  message: it waits in :attr:`LabRunner.mailbox`.

Without a pool (``tutorbot eval``, the tests, ``tutorbot lab``) a lab runs inline: in a thread of this
process, with no budget, and its result is part of the same turn's replies, so batch runs stay
deterministic.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labs import registry
from labs.base import LabError, LabResult, LabSpec
from labs.pool import LabBusy, LabOutcome, LabPool, QueueFull
from tutor import plots
from tutor.dialogue import lab_texts
from tutor.lab_runs import LabDone, LabRequest
from tutor.replies import Reply

if TYPE_CHECKING:
    from bot.core import Core

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 2.0
CLOSING_WAIT_S = 10.0          # a closing core delivers the labs that end by then; the others are lost
MAX_CPU_SECONDS = 600.0        # no lab may ask for more than this, whatever its spec says
MAX_MEMORY_MB = 4000


@dataclass(frozen=True)
class Push:
    """How a channel sends what nobody asked for just now: a lab's result, and its progress."""

    replies: Callable[[str, list[Reply]], Awaitable[None]]          # (learner id, replies)
    progress: Callable[[str, str], Awaitable[None]] | None = None   # (learner id, "⏳ CNN: epoch 3/10")


class LabRunner:
    def __init__(self, core: Core, pool: LabPool | None = None) -> None:
        self.core, self.pool = core, pool
        self.pushes: dict[str, Push] = {}                      # learner id prefix -> its channel's push
        self.mailbox: dict[str, list[Reply]] = {}              # results for channels that cannot push
        self._tasks: dict[str, asyncio.Task[None]] = {}        # learner -> the delivery under way
        self._progress_sent: dict[str, float] = {}

    def push_to(self, prefix: str, push: Push) -> None:
        self.pushes[prefix] = push

    def _push_for(self, learner: str) -> Push | None:
        return next((push for prefix, push in self.pushes.items() if learner.startswith(prefix)), None)

    async def start(self, learner: str, request: LabRequest) -> list[Reply]:
        """Start the lab the turn asked for; the replies that say how it goes (inline: its result)."""
        spec = registry.spec(request.lab)
        if spec is None:
            return [Reply(lab_texts.LAB_UNAVAILABLE.format(name=request.lab, names="/lab"))]
        if too_big := _beyond_server_limits(spec):
            return [Reply(too_big)]
        if self.pool is None:
            outcome = await asyncio.to_thread(run_inline, spec, request.params)
            return await self.core.finish_lab(learner, await _done(request, outcome))
        try:
            place, task = self.pool.submit(learner, spec, request.params, self._progress_to(learner, spec))
        except LabBusy as busy:
            return [Reply(lab_texts.LAB_BUSY.format(lab=busy))]
        except QueueFull as full:
            return [Reply(lab_texts.LAB_QUEUE_FULL.format(limit=full))]
        self._tasks[learner] = asyncio.ensure_future(self._deliver(learner, request, task))
        return [Reply(lab_texts.LAB_QUEUED.format(place=place) if place else lab_texts.LAB_STARTED)]

    async def _deliver(self, learner: str, request: LabRequest, task: asyncio.Task[LabOutcome]) -> None:
        try:
            replies = await self.core.finish_lab(learner, await _done(request, await task))
            push = self._push_for(learner)
            if push is None:
                self.mailbox.setdefault(learner, []).extend(replies)
            else:
                await push.replies(learner, replies)
        except Exception:  # noqa: BLE001 - one learner's failed delivery must not stop the others'
            log.exception("delivering the %s lab to %s failed", request.lab, learner)
        finally:
            self._tasks.pop(learner, None)
            self._progress_sent.pop(learner, None)

    def _progress_to(self, learner: str, spec: LabSpec) -> Callable[[str, float], None]:
        def progress(text: str, fraction: float) -> None:
            push = self._push_for(learner)
            now = time.monotonic()
            if push is None or push.progress is None or now - self._progress_sent.get(learner, 0.0) < PROGRESS_EVERY_S:
                return
            self._progress_sent[learner] = now
            line = lab_texts.PROGRESS_LAB.format(title=spec.title, text=text)
            asyncio.ensure_future(_quietly(push.progress(learner, line)))
        return progress

    def busy(self, learner: str) -> bool:
        """Whether the learner has a lab running, waiting, or being delivered."""
        return learner in self._tasks

    def collect(self, learner: str) -> list[Reply]:
        """The results waiting for a learner whose channel cannot push (given with their next message)."""
        return self.mailbox.pop(learner, [])

    async def idle(self, learner: str | None = None, timeout: float | None = None) -> None:
        """Wait until the learner's lab (every lab, without a learner) has been delivered, or ``timeout`` s."""
        tasks = [task for who, task in list(self._tasks.items()) if learner is None or who == learner]
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)


async def _quietly(sending: Awaitable[None]) -> None:
    try:
        await sending
    except Exception:  # noqa: BLE001 - progress is a courtesy: a failed edit must not cost the result
        log.info("a lab progress message could not be sent", exc_info=True)


def _beyond_server_limits(spec: LabSpec) -> str | None:
    """A lab whose budget is beyond what this server allows any lab is refused before it runs, the limit named."""
    if spec.cpu_seconds > MAX_CPU_SECONDS:
        return lab_texts.LAB_TOO_BIG.format(asked=f"{spec.cpu_seconds:g} CPU seconds", limit=f"{MAX_CPU_SECONDS:g} s")
    if spec.memory_mb > MAX_MEMORY_MB:
        return lab_texts.LAB_TOO_BIG.format(asked=f"{spec.memory_mb} MB", limit=f"{MAX_MEMORY_MB} MB")
    return None


def run_inline(spec: LabSpec, params: dict[str, object], progress: Callable[[str, float], None] | None = None
               ) -> LabOutcome:
    """The lab in this process, without budgets: for batch runs, tests and ``tutorbot lab``."""
    from labs.worker import load_run   # noqa: PLC0415

    started = time.monotonic()
    try:
        result: LabResult = load_run(spec.run)(dict(params), progress or (lambda text, done: None))
        return LabOutcome(result=result, seconds=time.monotonic() - started)
    except LabError as error:
        return LabOutcome(error=str(error), seconds=time.monotonic() - started)


async def _done(request: LabRequest, outcome: LabOutcome) -> LabDone:
    """The outcome as the dialogue takes it, its pictures written to the picture cache."""
    images = await asyncio.to_thread(write_pictures, outcome.result.pictures) if outcome.result else []
    return LabDone(request.lab, dict(request.params), outcome.result, outcome.stopped, outcome.error, images,
                   outcome.seconds)


def write_pictures(pictures: list[bytes], directory: Path | None = None) -> list[Path]:
    """Each PNG once, named by its content (so a repeated run's pictures are the same files)."""
    folder = directory or plots.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for picture in pictures:
        path = folder / f"lab-{hashlib.blake2b(picture, digest_size=10).hexdigest()}.png"
        if not path.exists():
            path.write_bytes(picture)
        paths.append(path)
    return paths
