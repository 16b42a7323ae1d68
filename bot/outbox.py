"""The push channels' outbox (Telegram, Messenger): a committed turn's replies, sent and marked.

A turn taken with ``pushed=True`` stores its replies with its delivery id, counted as unsent, in its
own transaction (tutor/outbox.py). The channel then sends them with :meth:`Outbox.flush`: every
reply of the learner not yet sent, oldest turn first, each marked sent as soon as the platform
accepted it. A worker killed between the commit and the last mark leaves exactly those replies
unsent; the platform's redelivery of the message (the store knows its id: no second turn) flushes
them on whichever worker it reaches, and :meth:`Outbox.sweep` (at start, then every
:data:`SWEEP_EVERY_S`) sends those no redelivery came for (Messenger stops redelivering; Telegram
polling never redelivers).

Two senders of one learner never overlap: inside a process they queue on a lock per learner, across
processes on the learner's claim (tutor/claims.py: held until released or until the holder dies). So
a reply goes out at least once and, unless a worker dies between the platform accepting it and its
mark, exactly once.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.channel import KeyedLocks
from tutor import outbox
from tutor.replies import Reply

if TYPE_CHECKING:
    from bot.core import TurnResult
    from tutor.store import Store

log = logging.getLogger(__name__)

SendOne = Callable[[Reply], Awaitable[bool]]   # True: the platform took the reply (or refused it for good)
CLAIM_WAIT_S = 30.0       # how long a flush waits for another process that is sending the learner's replies
CLAIM_POLL_S = (0.02, 0.5)   # the first and the longest pause between two tries of a held claim
SWEEP_EVERY_S = 30.0
SWEEP_FIRST_S = 1.0       # after a worker starts (one started in a killed one's place sweeps what it left)
LEFT_FOR_S = 10.0         # replies unsent this long after their commit are the sweep's
OUTBOX_THREADS = 2        # each holds a store connection (PostgreSQL) beside the turns' threads
T = TypeVar("T")


class Outbox:
    """The sender of one process (a core has one: ``core.outbox``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._locks = KeyedLocks()
        # Threads of its own: in the loop's default executor, a mark would queue behind turns that wait
        # for a learner's lock, and the time between the platform taking a reply and its mark, when a
        # killed worker leaves it to be sent twice, would grow with the load.
        self._threads = ThreadPoolExecutor(OUTBOX_THREADS, thread_name_prefix="outbox")

    async def _run(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._threads, work, *args)

    def close(self) -> None:
        self._threads.shutdown(wait=True)

    async def flush(self, learner: str, send: SendOne, wait_s: float = CLAIM_WAIT_S) -> int:
        """Send the learner's unsent replies in order, marking each once ``send`` says it went out;
        stops at the first that did not (a later flush resends it). Waits up to ``wait_s`` while
        another process sends them; the number sent."""
        async with self._locks.hold(learner):
            if not await self._claim(learner, wait_s):
                log.info("the replies of %s are being sent by another worker", learner)
                return 0
            try:
                return await self._send_unsent(learner, send)
            finally:
                await self._run(self.store.claims.release, learner)

    async def _claim(self, learner: str, wait_s: float) -> bool:
        deadline, pause = time.monotonic() + wait_s, CLAIM_POLL_S[0]
        while not await self._run(self.store.claims.take, learner):
            if time.monotonic() + pause > deadline:
                return False
            await asyncio.sleep(pause)
            pause = min(2 * pause, CLAIM_POLL_S[1])
        return True

    async def _send_unsent(self, learner: str, send: SendOne) -> int:
        sent = 0
        for delivery in await self._run(outbox.unsent, self.store, learner):
            for left, reply in zip(range(len(delivery.replies), 0, -1), delivery.replies):
                if not await send(reply):
                    return sent
                await self._run(outbox.mark_sent, self.store, learner, delivery.delivery_id, left)
                sent += 1
        return sent

    async def sweep(self, channel: str, sender: Callable[[str], SendOne], left_for_s: float | None = None) -> int:
        """Send the replies of ``channel``'s learners ("tg:", "fb:") left unsent for ``left_for_s``
        (default :data:`LEFT_FOR_S`) or more: their worker died, or the platform did not take them;
        a learner whose replies another process is sending is skipped."""
        before = self.store.clock() - timedelta(seconds=LEFT_FOR_S if left_for_s is None else left_for_s)
        sent = 0
        for learner in await self._run(outbox.waiting, self.store, channel, before):
            sent += await self.flush(learner, sender(learner), wait_s=0.0)
        if sent:
            log.warning("sent %d replies that a stopped worker had left unsent", sent)
        return sent

    async def sweep_every(self, channel: str, sender: Callable[[str], SendOne], stop: asyncio.Event,
                          every_s: float = SWEEP_EVERY_S, first_s: float = SWEEP_FIRST_S) -> None:
        """:meth:`sweep` ``first_s`` from now (the server has started), then every ``every_s``, until
        ``stop`` is set (a sweep under way ends first: cut between a send and its mark, it would send
        that reply twice)."""
        pause = first_s
        while not await _stopped(stop, pause):
            try:
                await self.sweep(channel, sender)
            except Exception:  # noqa: BLE001 - a failed round must not end the sweeps
                log.exception("sending replies left unsent failed")
            pause = every_s


async def _stopped(stop: asyncio.Event, within_s: float) -> bool:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), within_s)
    return stop.is_set()


async def pushed_turn(core: Any, learner: str, text: str, delivery: str) -> TurnResult | list[Reply]:
    """The turn's result, its stored replies left in the outbox for :func:`send_turn`; a core
    without an outbox (the tests' scripted ones): its replies, to send as they are."""
    if getattr(core, "outbox", None) is None:
        return list(await core.handle(learner, text, delivery_id=delivery))
    result: TurnResult = await core.handle_turn(learner, text, delivery_id=delivery, pushed=True)
    return result


async def send_turn(core: Any, learner: str, result: TurnResult | list[Reply], send: SendOne) -> None:
    """Send a turn's replies: those stored with it through the outbox (marked as they go), the ones
    around them (a lab's result that waited, the note on a cut message, a lab's start) directly."""
    if isinstance(result, list) or not result.in_outbox:
        for reply in result if isinstance(result, list) else result.replies:
            if not await send(reply):
                return
        return
    for reply in result.before:
        await send(reply)
    await core.outbox.flush(learner, send)
    for reply in result.after:
        await send(reply)
