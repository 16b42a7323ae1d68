"""The offered option a message picks ("2", "explain again", "the second one"), read before any rule: its command
is the turn's command."""
from __future__ import annotations

import re

from tutor.answers import match_option, normalize
from tutor.commands import Command, parse_command
from tutor.curriculum import Curriculum
from tutor.dialogue.state import DialogueState


def option_chosen(text: str, state: DialogueState, curriculum: Curriculum) -> Command | None:
    """The command of an offered option picked by its number or label (questions excluded), None for none."""
    actions = [option.action for option in state.options if option.action is not None]
    if not actions:
        return None
    labels = [option.label for option in state.options]
    index = match_option(text, labels)
    if index is None:   # "Yes, please teach me that lesson from the beginning", "Number 2 ..., so please answer that one"
        index = _numbered_first(text, len(labels))
        index = _label_inside(text, labels) if index is None else index
    exact = text.strip().isdigit() or (index is not None and len(text.strip()) > 2)
    if index is None or not exact or _names_more_than(text, state.options[index].label, actions[index], curriculum):
        return None
    return parse_command(actions[index]) or Command("help", "")


def _names_more_than(text: str, label: str, action: str, curriculum: Curriculum) -> bool:
    """"quiz me on day 3" beside the option "Quiz me" (/quiz): a day or topic the option's action does not carry (it
    had quizzed on the lesson in hand, Day 1); "start day 2" beside "Start Day 1": another day than the label's (a close
    spelling of the label, it had started Day 1). An action with its own target ("/lesson d1-cost") under a label that
    names none ("Teach me this lesson") carries what it says."""
    bare = " " not in action.strip()
    for find in (curriculum.find_day, curriculum.find_concept):
        named, labelled = find(text), find(label)
        if named is not None and named != labelled and (bare or labelled is not None):
            return True
    return False


_NUMBER_FIRST = re.compile(r"^\W*(?:number|option|no\.?|nr\.?|#)\s*(\d)\b", re.IGNORECASE)


def _numbered_first(text: str, count: int) -> int | None:
    """"Number 2 is indeed one I have heard from a student, so please answer that one": the option numbered first."""
    found = _NUMBER_FIRST.match(text)
    return int(found[1]) - 1 if found and 1 <= int(found[1]) <= count else None


def _label_inside(text: str, labels: list[str]) -> int | None:
    """The one offered label said whole inside a longer message, "this" and "that" alike ("yes, please teach me that
    lesson from the beginning" picks "Teach me this lesson"); labels of one word are too easily said in passing."""
    said = f" {_this_for_that(text)} "
    inside = [index for index, label in enumerate(labels)
              if len(normalize(label).split()) >= 3 and f" {_this_for_that(label)} " in said]
    return inside[0] if len(inside) == 1 else None


def _this_for_that(text: str) -> str:
    return " ".join("this" if word == "that" else word for word in normalize(text).split())
