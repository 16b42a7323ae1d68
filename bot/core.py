"""The async core every channel shares: ``await core.handle(learner_id, text) -> list[Reply]``.

One learner's turns run in order (a per-learner ``asyncio.Lock``); different learners run
concurrently. The CPU work of a turn (the NLU models, the dialogue, a picture) runs in a
worker thread, so a slow turn never blocks the event loop and the other learners on it.
A turn loads the learner's state, understands the text, lets the dialogue manager answer,
and saves everything in one transaction; if anything fails inside, the learner gets an
apology and their saved state is untouched.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nlp.errors import ModelsMissing
from nlp.types import Analysis
from tutor.commands import parse_command
from tutor.dialogue import Tutor
from tutor.replies import Reply
from tutor.review import ReviewScheduler
from tutor.store import Store

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


def clean_text(text: str) -> tuple[str, bool]:
    """The message as the tutor reads it, and whether it was cut to :data:`MAX_MESSAGE_CHARS`.

    Unicode is composed (NFC) and full-width forms read as ASCII ("ｄａｙ　３" is "day 3"), but
    "x²" stays "x²" (NFKC would make "5²" read "52"); control and invisible format characters
    become spaces; lone surrogates are dropped.
    """
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_MESSAGE_CHARS:
        return text[:MAX_MESSAGE_CHARS], True
    return text, False


class Core:
    """The tutor behind every channel. Create it with :func:`open_core`."""

    def __init__(self, tutor: Tutor, store: Store, nlu: Callable[[str], Analysis] | None) -> None:
        self.tutor, self.store, self.nlu = tutor, store, nlu
        # Locks live as long as a turn holds them: no unbounded growth with many learners.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def handle(self, learner_id: str, text: str) -> list[Reply]:
        return (await self.handle_turn(learner_id, text)).replies

    async def handle_turn(self, learner_id: str, text: str) -> TurnResult:
        cleaned, truncated = clean_text(text)
        if not cleaned:
            return TurnResult([Reply(EMPTY_REPLY)], None)
        lock = self._locks.get(learner_id)
        if lock is None:
            lock = self._locks[learner_id] = asyncio.Lock()
        async with lock:
            try:
                result = await self._turn_to_the_end(learner_id, cleaned)
            except Exception:  # noqa: BLE001 - a failed turn must not cost the learner anything
                log.exception("turn failed for %s", learner_id)
                return TurnResult([Reply(APOLOGY)], None)
        if truncated:
            result.replies.insert(0, Reply(TRUNCATED_NOTE))
        return result

    async def _turn_to_the_end(self, learner_id: str, text: str) -> TurnResult:
        """Run the turn in a worker thread; if the caller is cancelled meanwhile, still hold the
        learner's lock until the thread has saved, so their next turn cannot overtake this one."""
        work = asyncio.ensure_future(asyncio.to_thread(self._turn, learner_id, text))
        try:
            return await asyncio.shield(work)
        except asyncio.CancelledError:
            await asyncio.wait({work})
            raise

    def _turn(self, learner_id: str, text: str) -> TurnResult:
        """One turn, in a worker thread: load, understand, answer, save (one transaction)."""
        state = self.store.load(learner_id)
        analysis = self.nlu(text) if self.nlu and parse_command(text) is None else None
        replies, writes = self.tutor.turn(state, text, analysis)
        self.store.save_turn(state, writes)
        return TurnResult(replies, analysis)

    async def options_token(self, learner_id: str) -> str:
        """A short name for what the learner was last offered: the open question and the options.
        It changes with every new question or set of options, so a channel whose buttons outlive
        their message (Telegram) can tell a press on an older question's keyboard from an answer
        to the current one."""
        state = await asyncio.to_thread(self.store.load, learner_id)
        offer = json.dumps([state.questions_asked, state.pending, state.options], sort_keys=True, default=str)
        return hashlib.blake2b(offer.encode(), digest_size=4).hexdigest()

    async def close(self) -> None:
        # Wait for turns in flight so none is cut between its answer and its save.
        for lock in list(self._locks.values()):
            async with lock:
                pass
        self.store.close()


def open_core(
    models_dir: Path | None,
    db_path: Path | str,
    *,
    pipeline: Any = None,
    curriculum: Any = None,
    clock: Callable[[], datetime] | None = None,
    draw: Callable[..., Path | None] | None = None,
) -> Core:
    """The core over a learner store at ``db_path`` (":memory:" for a throw-away one).

    ``pipeline``: an ``nlp.Pipeline`` (or any callable text -> Analysis); loaded from
    ``models_dir`` when not given. Without one the tutor still works on commands, typed
    answers and keyword rules for free text.
    """
    from tutor.curriculum import Curriculum

    pipeline = pipeline if pipeline is not None else _load_pipeline(models_dir)
    store = Store(db_path, clock=clock) if clock else Store(db_path)
    tutor = Tutor(
        curriculum if curriculum is not None else Curriculum.load(),
        store,
        nlu=pipeline,
        responder=getattr(pipeline, "respond", None),
        embeddings=getattr(pipeline, "embeddings", None),
        scheduler=ReviewScheduler(clock),
        draw=draw or _default_draw(),
    )
    return Core(tutor, store, pipeline)


def _load_pipeline(models_dir: Path | None) -> Any:
    if models_dir is None or not Path(models_dir).is_dir() or not any(Path(models_dir).iterdir()):
        return None
    from nlp import Pipeline

    try:
        return Pipeline.load(models_dir)
    except ModelsMissing:
        log.warning("no trained models in %s: understanding free text by keywords only", models_dir)
        return None


def _default_draw() -> Callable[..., Path | None]:
    """tutor.plots.draw, one picture at a time: matplotlib is not thread-safe."""
    from tutor.plots import draw

    lock = threading.Lock()

    def locked_draw(name: str, **params: Any) -> Path | None:
        with lock:
            return draw(name, **params)

    return locked_draw
