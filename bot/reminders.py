"""Sending review reminders: every channel calls :func:`send_reminders` on a timer (Telegram: the
application's job queue; the shell: at start). Each reminder is claimed in the store first (decided and
recorded in one transaction, :func:`tutor.reminders.claim_reminders`), then sent: at most once a learner's
local day, across restarts and workers. A failed send is not retried that day; a learner who blocked the
bot gets no more reminders."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from tutor.dialogue import texts
from tutor.reminders import claim_reminders, stop_reminders
from tutor.store import Store

log = logging.getLogger(__name__)

Send = Callable[[str, str], Awaitable[None]]    # (learner id, text)


class Blocked(Exception):
    """The platform says the learner blocked the bot (Telegram's Forbidden): no more reminders for them."""


async def send_reminders(store: Store, now: datetime, channel: str, send: Send) -> list[str]:
    """Send the reminders due at ``now`` to the learners of ``channel`` ("tg:"...); the learners reminded."""
    sent = []
    for claim in await asyncio.to_thread(claim_reminders, store, now, channel):
        try:
            await send(claim.learner_id, texts.REMINDER.format(count=claim.due))
        except Blocked:
            log.info("learner %s blocked the bot: reminders off", claim.learner_id)
            await asyncio.to_thread(stop_reminders, store, claim.learner_id)
        except Exception:  # noqa: BLE001 - one learner's failed send must not stop the others'
            log.exception("reminder to %s failed (not retried today)", claim.learner_id)
        else:
            sent.append(claim.learner_id)
    return sent
