"""The async core every channel shares: ``await core.handle(learner_id, text) -> list[Reply]``.

One learner's turns run in order (a per-learner ``asyncio.Lock``); different learners run
concurrently. The CPU work of a turn (the NLU models, the dialogue, a picture) runs in a
worker thread, so a slow turn never blocks the event loop and the other learners on it.
A turn understands the text (the models read only the text), then, in ONE write transaction,
loads the learner's state, lets the dialogue manager answer and saves everything; so two
processes serving one learner from one store take turns instead of losing updates. If anything
fails inside, the learner gets an apology and their saved state is untouched. New pictures are
drawn after the save (:mod:`bot.pictures`), outside the transaction every turn needs.

A platform's message id (``delivery_id``: Telegram's update_id, Messenger's mid, a REST message
id) is recorded in the same transaction, with the replies it got. A redelivered message (the
platform retries when it got no 200 in time; another worker may get it, even while the first is
still answering it: the learner's lock makes it wait) changes nothing and is answered with NO
replies: the first delivery's replies were already sent, or are being sent, and sending them again
would show the learner everything twice. The first replies come with it (``TurnResult.earlier``)
for a client that asks again because it lost its answer (REST: the answer is the response).
A push channel (``pushed=True``: Telegram, Messenger) sends the turn's stored replies through the
outbox instead (bot/outbox.py): each is marked sent once the platform accepted it, so the replies a
killed worker left unsent go out with the redelivery, once.
"""
from __future__ import annotations

import asyncio
import functools
import gc
import hashlib
import json
import logging
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.labs import CLOSING_WAIT_S, LabRunner
from bot.pictures import Pictures, TurnPictures
from labs.pool import LabPool
from nlp.shorthand import expand_shorthand
from nlp.types import Analysis
from tutor.commands import parse_command
from tutor.database import Location
from tutor.dialogue import Message, Tutor
from tutor.dialogue.signals import Signals
from tutor.lab_runs import LabDone, LabRequest
from tutor.replies import Reply
from bot.reminders import Send, send_reminders
from tutor.reminders import days_reminded
from tutor.review import ReviewScheduler
from tutor.review_fit import load_parameters
from tutor.store import Store

if TYPE_CHECKING:
    from bot.outbox import Outbox

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
EMPTY_REPLY = "I got an empty message. Type something — or /help to see what I can do."
TRUNCATED_NOTE = f"(That was a long message: I read only its first {MAX_MESSAGE_CHARS:,} characters.)"
APOLOGY = "Sorry — something went wrong on my side with that message. Your progress is safe; please try again."


# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, as typed by CJK keyboards.
_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


@dataclass
class TurnResult:
    replies: list[Reply]
    analysis: Analysis | None     # what the NLU understood (None for commands or without a pipeline)
    redelivered: bool = False     # the delivery id was answered before: nothing ran, nothing to send
    earlier: list[Reply] = field(default_factory=list)   # redelivered: the replies the first delivery got
    rules: list[str] = field(default_factory=list)   # the dialogue rules that fired, outermost first
    signals: Signals | None = None   # what the dialogue read from the message (for --debug)
    lab: LabRequest | None = None    # a lab the turn asked for, started once the turn is saved (bot/labs.py)
    in_outbox: bool = False          # pushed: the stored replies wait in the outbox (bot/outbox.py), not yet sent
    before: list[Reply] = field(default_factory=list)   # the first of ``replies`` that are not stored with the turn
    after: list[Reply] = field(default_factory=list)    # the last of ``replies`` that are not stored (a lab's start)


def clean_text(text: str) -> tuple[str, bool]:
    """The message as the tutor reads it, and whether it was cut to :data:`MAX_MESSAGE_CHARS`.

    Unicode is composed (NFC) and full-width forms read as ASCII ("ｄａｙ　３" is "day 3"), but
    "x²" stays "x²" (NFKC would make "5²" read "52"); control and invisible format characters
    become spaces; lone surrogates are dropped; chat shorthand is written out (nlp.shorthand).
    """
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    text = expand_shorthand(" ".join(text.split()))   # "what skills shld i look for?": "should"
    if len(text) > MAX_MESSAGE_CHARS:
        return text[:MAX_MESSAGE_CHARS], True
    return text, False


class Core:
    """The tutor behind every channel. Create it with :func:`open_core`."""

    def __init__(self, tutor: Tutor, store: Store, nlu: Callable[[str], Analysis] | None,
                 pictures: Pictures | None = None, lab_pool: LabPool | None = None) -> None:
        self.tutor, self.store, self.nlu = tutor, store, nlu
        self.pictures = pictures or Pictures(tutor.course.draw)
        self.labs = LabRunner(self, lab_pool)     # without a pool, labs run inline (batch runs, tests)
        # Locks live as long as a turn holds them: no unbounded growth with many learners.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    @functools.cached_property
    def outbox(self) -> Outbox:
        """The push channels' sender of stored replies (made when a channel first asks: the shell never does)."""
        from bot.outbox import Outbox  # noqa: PLC0415 - aiohttp, which the shell does without

        return Outbox(self.store)

    async def handle(self, learner_id: str, text: str, *, delivery_id: str | None = None) -> list[Reply]:
        return (await self.handle_turn(learner_id, text, delivery_id=delivery_id)).replies

    async def handle_turn(self, learner_id: str, text: str, *, delivery_id: str | None = None,
                          pushed: bool = False) -> TurnResult:
        """The replies to ``text``; ``delivery_id``: the platform's id of the message, so that a
        redelivery of it returns no replies and changes nothing (see the module's doc); ``pushed``:
        the channel sends the stored replies through the outbox, marking each sent."""
        cleaned, truncated = clean_text(text)
        if not cleaned:
            return TurnResult([Reply(EMPTY_REPLY)], None)
        async with self._lock(learner_id):
            try:
                result = await self._turn_to_the_end(learner_id, cleaned, delivery_id, pushed)
            except Exception:  # noqa: BLE001 - a failed turn must not cost the learner anything
                log.exception("turn failed for %s", learner_id)
                return TurnResult([Reply(APOLOGY)], None)
        if truncated and not result.redelivered:
            result.before.append(Reply(TRUNCATED_NOTE))
        if result.lab is not None:
            result.after += await self.labs.start(learner_id, result.lab)
        result.before[:0] = self.labs.collect(learner_id)    # a lab's result for a channel that cannot push
        result.replies = [*result.before, *result.replies, *result.after]
        return result

    def _lock(self, learner_id: str) -> asyncio.Lock:
        lock = self._locks.get(learner_id)
        if lock is None:
            lock = self._locks[learner_id] = asyncio.Lock()
        return lock

    async def finish_lab(self, learner_id: str, done: LabDone) -> list[Reply]:
        """A lab that ended, as a turn of its own: its result shown and saved, its question posed."""
        message = Message(f"[the {done.lab} lab ended: {done.status}]", lab=done)
        async with self._lock(learner_id):
            try:
                result, pictures = await asyncio.to_thread(self._answer, learner_id, message, None)
            except Exception:  # noqa: BLE001 - as for a turn: the learner's saved state stays as it was
                log.exception("the %s lab's result for %s failed", done.lab, learner_id)
                return [Reply(APOLOGY)]
            await self.pictures.finish(pictures, result.replies)
        return result.replies

    async def _turn_to_the_end(self, learner_id: str, text: str, delivery_id: str | None, pushed: bool) -> TurnResult:
        """Run the turn; if the caller is cancelled meanwhile, still hold the learner's lock until
        it has saved, so their next turn cannot overtake this one."""
        work = asyncio.ensure_future(self._turn_and_pictures(learner_id, text, delivery_id, pushed))
        try:
            return await asyncio.shield(work)
        except asyncio.CancelledError:
            await asyncio.wait({work})
            raise

    async def _turn_and_pictures(self, learner_id: str, text: str, delivery_id: str | None, pushed: bool) -> TurnResult:
        result, pictures = await asyncio.to_thread(self._turn, learner_id, text, delivery_id, pushed)
        await self.pictures.finish(pictures, result.replies)
        return result

    def _turn(self, learner_id: str, text: str, delivery_id: str | None, pushed: bool) -> tuple[TurnResult, TurnPictures]:
        """One turn, in a worker thread: understand, then load, answer and save in one transaction."""
        command = parse_command(text)
        analysis = self.nlu(text) if self.nlu and command is None else None
        return self._answer(learner_id, Message(text, command, analysis), delivery_id, pushed)

    def _answer(self, learner_id: str, message: Message, delivery_id: str | None,
                pushed: bool = False) -> tuple[TurnResult, TurnPictures]:
        pictures, token = self.pictures.begin(learner_id)
        try:
            with self.store.transaction(learner_id):
                earlier = self.store.delivered_replies(learner_id, delivery_id) if delivery_id is not None else None
                if earlier is not None:
                    log.info("message %s of %s was delivered again: already answered", delivery_id, learner_id)
                    return TurnResult([], None, redelivered=True, earlier=earlier, in_outbox=pushed), pictures
                state = self.store.load(learner_id)
                outcome = self.tutor.turn(state, message, self.store.cards(learner_id),
                                          days_reminded(self.store, learner_id))
                if note := self.pictures.note(pictures):
                    outcome.replies.append(note)
                    outcome.writes.bot_texts.append(note.text)
                self.store.save_turn(outcome.state, outcome.writes, delivery_id, outcome.replies, pushed)
        finally:
            self.pictures.end(token)
        return TurnResult(outcome.replies, message.analysis, rules=outcome.rules, signals=outcome.signals,
                          lab=outcome.writes.lab, in_outbox=pushed and delivery_id is not None), pictures

    async def options_token(self, learner_id: str) -> str:
        """A short name for what the learner was last offered: the open question and the options.
        It changes with every new question or set of options, so a channel whose buttons outlive
        their message (Telegram) can tell a press on an older question's keyboard from an answer
        to the current one."""
        state = await asyncio.to_thread(self.store.load, learner_id)
        offer = json.dumps([state.questions_asked, state.pending, state.options], sort_keys=True, default=str)
        return hashlib.blake2b(offer.encode(), digest_size=4).hexdigest()

    async def send_reminders(self, channel: str, send: Send) -> list[str]:
        """The review reminders due now for the learners of ``channel`` ("tg:"), each sent once (bot/reminders.py)."""
        return await send_reminders(self.store, self.store.clock(), channel, send)

    async def close(self) -> None:
        await self.labs.idle(timeout=CLOSING_WAIT_S)    # labs about to end are delivered (and saved) first
        if self.labs.pool is not None:
            self.labs.pool.close()
        # Wait for turns in flight so none is cut between its answer and its save.
        for lock in list(self._locks.values()):
            async with lock:
                pass
        self.pictures.close()
        if "outbox" in self.__dict__:       # made (cached) when a push channel used it
            self.outbox.close()
        self.store.close()


def started() -> None:
    """A process's start is over (its core is open): the cyclic garbage collector, off while a server
    command starts (bot/cli.py), runs again. What the start allocated stays for the process's life
    (torch, the models, the curriculum), so it is frozen out of the collector's walks: every full
    collection would walk 300,000 objects for nothing (the few cycles the start left stay too)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def open_core(
    models_dir: Path | None,
    db_path: Path | str | Location,
    *,
    pipeline: Any = None,
    curriculum: Any = None,
    clock: Callable[[], datetime] | None = None,
    draw: Callable[..., Path | None] | None = None,
    pictures: Pictures | None = None,
    lab_pool: LabPool | None = None,
) -> Core:
    """The core over a learner store at ``db_path`` (a SQLite path, ":memory:" for a throw-away one,
    or a ``postgresql://`` URL: :mod:`tutor.database`).

    ``pipeline``: an ``nlp.Pipeline`` (or any callable text -> Analysis); loaded from
    ``models_dir`` when not given (:class:`nlp.errors.ModelsMissing` if it holds none). With
    neither, the tutor still works on commands, typed answers and keyword rules for free text.
    ``draw`` replaces the pictures (drawn during the turn, unlimited); ``pictures`` replaces how
    they are planned, drawn and rate-limited. ``lab_pool``: the processes labs run in (without one, a lab
    runs inline, within the turn that asked for it: for batch runs and tests).
    """
    from tutor.curriculum import Curriculum

    pipeline = pipeline if pipeline is not None else _load_pipeline(models_dir)
    store = Store(db_path, clock=clock) if clock else Store(db_path)
    pictures = pictures or (Pictures(draw) if draw else Pictures.default())
    tutor = Tutor(
        curriculum if curriculum is not None else Curriculum.load(),
        nlu=pipeline,
        responder=getattr(pipeline, "respond", None),
        embeddings=getattr(pipeline, "embeddings", None),
        answers=_knowledge_base(pipeline),
        scheduler=ReviewScheduler(clock, parameters=load_parameters(models_dir)),
        draw=pictures.plan,
    )
    return Core(tutor, store, pipeline, pictures, lab_pool)


def _knowledge_base(pipeline: Any) -> Any:
    """The pipeline's answer retriever, when it has the answers component."""
    answer = getattr(pipeline, "answer", None)
    components = getattr(pipeline, "components", {})
    return answer if answer is not None and "answers" in components else None


def _load_pipeline(models_dir: Path | None) -> Any:
    """The pipeline in ``models_dir``; None only when no directory is given (keyword rules).

    A directory that does not exist, holds no models or holds damaged ones is an error (one
    line, exit 2), not a silent fallback: a mistyped ``--models`` must not quietly turn
    understanding off in a running bot."""
    if models_dir is None:
        return None
    import torch  # noqa: PLC0415 - slow to import

    from nlp import Pipeline  # noqa: PLC0415

    # One thread per process: a message's networks are small, and synchronising a thread pool
    # cost more than it gained (2026-12-06, 2 shared cores: loading 0.8 -> 0.35 s of CPU, 30
    # messages 0.77 -> 0.10 s). Several processes (serve --workers) use several cores.
    torch.set_num_threads(1)
    return Pipeline.load(models_dir)
