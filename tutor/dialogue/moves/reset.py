"""Resetting a learner's progress: asked to confirm first, then done or cancelled (the /reset, /confirm and /cancel
rows, and "yes"/"no" while confirming)."""
from __future__ import annotations

from tutor.dialogue import texts
from tutor.dialogue.moves.options import main_options, resume_options, start_day
from tutor.dialogue.state import Activity, DialogueState, Mode, Option
from tutor.dialogue.turn import Turn


def ask_to_confirm_reset(turn: Turn) -> None:
    turn.state.interrupt(Activity.RESET, Mode.CONFIRMING_RESET)
    turn.say(texts.RESET_QUESTION, _reset_options())


def reset(turn: Turn) -> None:
    fresh = DialogueState(turn.state.learner_id, mode=Mode.IDLE)
    turn.state.__dict__.update(fresh.__dict__)
    turn.writes.reset = True
    turn.say(texts.RESET_DONE, [start_day(1)])


def keep_progress(turn: Turn) -> None:
    turn.state.mode = turn.state.resume(Activity.RESET)
    turn.say(texts.RESET_CANCELLED, resume_options(turn))


def ask_reset_again(turn: Turn) -> None:
    turn.say(texts.RESET_UNCLEAR, _reset_options())


def nothing_to_confirm(turn: Turn) -> None:
    turn.say(texts.NOTHING_TO_CONFIRM, main_options())


def nothing_to_cancel(turn: Turn) -> None:
    turn.say(texts.OK, main_options())


def _reset_options() -> list[Option]:
    return [Option("Yes, reset", "/confirm"), Option("No, keep it", "/cancel")]
