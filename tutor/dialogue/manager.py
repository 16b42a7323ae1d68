"""The dialogue manager: one turn = read the signals, fire the first matching rule, then the after-rules.

:class:`Tutor` never touches the learner store: the core loads the learner's state and review items,
calls :meth:`Tutor.turn`, and saves the returned state and writes in one transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nlp.types import Analysis, AnswerContext, AnswerHit
from tutor.commands import Command
from tutor.curriculum import Curriculum
from tutor.dialogue.rules import AFTER, RULES
from tutor.dialogue.table import fire, run
from tutor.dialogue.signals import Signals
from tutor.dialogue.state import DialogueState
from tutor.dialogue.turn import ChitChat, Course, Turn, WordVectors
from tutor.lab_runs import LabDone
from tutor.replies import Reply
from tutor.review import ReviewScheduler
from tutor.store import LearnerState, ReviewCard, TurnWrites


@dataclass(frozen=True)
class Message:
    """A learner message as the core hands it over: cleaned text, its command (parsed once), the NLU's reading."""

    text: str
    command: Command | None = None
    analysis: Analysis | None = None
    lab: LabDone | None = None       # a lab that ended: this turn shows its result (no learner text)


@dataclass
class TurnOutcome:
    replies: list[Reply]
    state: LearnerState          # the learner's state after the turn, to save
    writes: TurnWrites
    rules: list[str]             # the rules that fired, outermost first
    signals: Signals


class Tutor:
    """Teaches through the curriculum; one call of :meth:`turn` per learner message."""

    def __init__(
        self,
        curriculum: Curriculum,
        *,
        nlu: Callable[[str], Analysis] | None = None,
        responder: ChitChat | None = None,
        embeddings: WordVectors | None = None,
        scheduler: ReviewScheduler | None = None,
        draw: Callable[..., Path | None] | None = None,
        answers: Callable[[str, AnswerContext], AnswerHit | None] | None = None,
    ) -> None:
        self.course = Course(curriculum, nlu, responder, embeddings, scheduler or ReviewScheduler(),
                             draw or (lambda name, **params: None), answers)

    @property
    def curriculum(self) -> Curriculum:
        return self.course.curriculum

    def turn(self, record: LearnerState, message: Message, cards: Sequence[ReviewCard] = (),
             reminded_days: Sequence[str] = ()) -> TurnOutcome:
        """Answer ``message`` from the learner whose state is ``record`` and review items ``cards`` (by due time)."""
        state = DialogueState.from_record(record)
        signals = Signals(message.text, message.command, message.analysis, state, self.curriculum, self.course.similar,
                          self.course.answers, message.lab)
        state.explained = None   # "I don't get it" means the concept defined last turn, and only then
        state.zone_asked = False  # a time zone is read only in the reply right after it was asked
        state.descent_step = None  # so is a new step size for the /gd playground ("try it with 0.05")
        state.layer = None         # and a number claimed about the layer worked out ("so 1792 params, right?")
        state.answered = None      # and the answer given last turn (the same one again is said in short)
        state.answered_gist = None
        if state.project:          # so is the project's next part ("continue" after a detour is no answer)
            state.project["awaiting"] = False
        turn = Turn(self.course, state, signals, {card.item: card for card in cards}, self.course.scheduler.clock(),
                    TurnWrites(user_text=message.text), intent=signals.nlu_intent,
                    reminded_days=frozenset(reminded_days))
        fire_turn(turn)
        turn.writes.intent = turn.intent
        turn.writes.bot_texts = [reply.text for reply in turn.replies]
        return TurnOutcome(turn.replies, state.to_record(), turn.writes, turn.rules, signals)


def fire_turn(turn: Turn) -> None:
    fire(RULES, turn)
    for rule in AFTER:
        if rule.when(turn):
            run(rule, turn)
