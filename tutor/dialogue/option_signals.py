"""The offered option a message picks ("2", "explain again", "the second one"), read before any rule: its command
is the turn's command."""
from __future__ import annotations

from tutor.answers import match_option
from tutor.commands import Command, parse_command
from tutor.curriculum import Curriculum
from tutor.dialogue.state import DialogueState


def option_chosen(text: str, state: DialogueState, curriculum: Curriculum) -> Command | None:
    """The command of an offered option picked by its number or label (questions excluded), None for none."""
    actions = [option.action for option in state.options if option.action is not None]
    if not actions:
        return None
    index = match_option(text, [option.label for option in state.options])
    exact = text.strip().isdigit() or (index is not None and len(text.strip()) > 2)
    if index is None or not exact or _names_more_than(text, state.options[index].label, actions[index], curriculum):
        return None
    return parse_command(actions[index]) or Command("help", "")


def _names_more_than(text: str, label: str, action: str, curriculum: Curriculum) -> bool:
    """"quiz me on day 3" beside the option "Quiz me" (/quiz): a day or topic the option's action does not carry (it
    had quizzed on the lesson in hand, Day 1)."""
    finds = (curriculum.find_day, curriculum.find_concept)
    return " " not in action.strip() and any(find(text) is not None and find(label) is None for find in finds)
