"""The dialogue manager in layers: state -> signals -> rules -> moves -> texts (docs/tutor.md).

    state.py       the learner's typed dialogue state
    signals.py     everything read from one message, once per turn
    predicates.py  the rules' named conditions
    rules.py       RULES and AFTER (after_rules.py): the only place that routes
    moves/         what the tutor does (lessons, questions, talk)
    texts.py       what the tutor says
    manager.py     Tutor.turn: signals -> first matching rule -> after-rules
"""
from tutor.dialogue.manager import Message, Tutor, TurnOutcome
from tutor.dialogue.state import Mode

State = Mode   # the name the learner state's modes have always had

__all__ = ["Message", "Mode", "State", "Tutor", "TurnOutcome"]
