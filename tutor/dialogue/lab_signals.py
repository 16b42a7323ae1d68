"""What a message says about labs and the final project, read once per turn (``Signals.labs``).

"/lab cnn epochs=5", "train the CNN on digits with 5 epochs", "lab: logistic regression with learning
rate 2", "run it again with seed 3", "my labs", "help me with my final project": the lab named, its
settings read and checked (:mod:`labs.registry`), or the lab that just ended (a turn of its own).
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from labs import registry
from labs.base import LabError, LabSpec
from tutor.dialogue.lab_cues import (
    RUN_ASKED,
    ABOUT_A_LAB, AGAIN_WITH, CAN_I_TRAIN, CHOICE_ASKED, COMPARES_RUNS, DATA_TOLD, LAB_AGAIN, LAB_CHANGE, LAB_HISTORY, LAB_PLACE, LAB_WORD,
    OWN_PROJECT_IDEA, PART_BY_WORD, PART_SAID, PICTURES_UNSEEN, PROJECT_REQUEST, SETTING_SAID, TRAIN_ORDER, VERDICT_AFTER,
)
from tutor.dialogue.state import DialogueState
from tutor.lab_runs import LabDone
from tutor.projects import Proposal, find_proposal, proposal


class LabSignals:
    def __init__(self, text: str, command: str | None, argument: str, state: DialogueState,
                 done: LabDone | None) -> None:
        self.text, self.command, self.argument, self.done = text, command, argument, done
        self.history: list[dict[str, Any]] = list(state.labs)
        self.last: dict[str, Any] | None = self.history[-1] if self.history else None
        self.project: dict[str, Any] | None = dict(state.project) if state.project else None   # as the turn began

    @property
    def words(self) -> str:
        """What names the lab and its settings: the /lab argument, else the message."""
        return self.argument if self.command in ("lab", "project") else self.text

    @cached_property
    def asked_in_words(self) -> bool:
        """"lab: logistic regression", "train the CNN with 5 epochs" (an order naming a lab), "is there a lab?"."""
        if self.command is not None or self.done is not None:
            return False
        return bool(LAB_WORD.search(self.text)) and not LAB_PLACE.search(self.text) or self.again or self.asks_history or (
            bool(TRAIN_ORDER.search(self.text) and not CHOICE_ASKED.search(self.text) or CAN_I_TRAIN.search(self.text)
                 or SETTING_SAID.search(self.text) and not ABOUT_A_LAB.search(self.text))
            and registry.find_lab(self.text) is not None)

    @property
    def names_a_lab(self) -> bool:
        """The word "lab", or a lab named in the words ("train the CNN")."""
        return bool(LAB_WORD.search(self.text)) or registry.find_lab(self.text) is not None

    @property
    def asks_about(self) -> bool:
        """"what is the lstm lab about?": a question about a lab, with no order to train it."""
        if self.command is not None:
            return False
        asks = bool(ABOUT_A_LAB.search(self.text)) and not TRAIN_ORDER.search(self.text)
        return asks or bool(CAN_I_TRAIN.search(self.text))

    @cached_property
    def name(self) -> str | None:
        """The lab named: "/lab cnn ...", or found in the words; "again" means the last one."""
        if self.again:
            return str(self.last["lab"]) if self.last else None
        if self.command == "lab" and self.argument:
            first = self.argument.split()[0].lower().rstrip(":,")
            if first in registry.MODULES:
                return first
        return registry.find_lab(self.words)

    @property
    def argument_named_nothing(self) -> bool:
        """"/lab foo": an argument that names no lab (and is no setting of a repeat)."""
        return self.command == "lab" and bool(self.argument) and self.name is None

    @cached_property
    def again(self) -> bool:
        """"/lab again", "run it again", "again with seed 3", "more epochs like 30": only after a lab ran."""
        if self.last is None:
            return False
        if self.command == "lab":
            return self.argument.lower().startswith("again")
        if self.command is not None:
            return False
        changes = AGAIN_WITH.search(self.text) or LAB_CHANGE.match(self.text)   # "more epochs like 30" after a run
        return bool(LAB_AGAIN.search(self.text)) or bool(changes) and self._names_a_setting()

    def _names_a_setting(self) -> bool:
        """"again with seed 3" names a setting of the last lab; "explain again with an example" does not."""
        spec = registry.spec(str(self.last["lab"])) if self.last else None
        try:
            return spec is not None and bool(registry.read_settings(spec, self.text).given)
        except LabError:
            return True      # a setting named, out of range: said so by the lab's rows

    @property
    def asks_history(self) -> bool:
        if self.command == "lab":
            return self.argument.lower() in ("history", "runs", "my runs")
        return bool(LAB_HISTORY.search(self.text))

    @cached_property
    def spec(self) -> LabSpec | None:
        return registry.spec(self.name) if self.name else None

    @cached_property
    def _settings(self) -> registry.Settings | str:
        assert self.spec is not None, "a rule guarantees a lab that loads"
        base = dict(self.last["params"]) if self.again and self.last else None
        words = self.words.lower()
        for name_words, _ in registry.name_words():   # a lab's own name is no setting ("word2vec" holds a 2)
            words = re.sub(rf"(?<![\w-]){re.escape(name_words)}(?![\w=-])", " ", words)
        try:
            return registry.read_settings(self.spec, words, base)
        except LabError as error:
            return str(error)

    @property
    def settings(self) -> registry.Settings:
        settings = self._settings
        assert isinstance(settings, registry.Settings), "a rule guarantees settings that read"
        return settings

    @property
    def settings_error(self) -> str | None:
        return self._settings if isinstance(self._settings, str) else None

    # -- the final project ------------------------------------------------------------------------------
    @property
    def asks_project(self) -> bool:
        """"help me with my final project", "my project", /project, "/lab project" (with settings: the baseline lab)."""
        if self.command == "project" or (self.command == "lab" and self.argument.strip().lower() == "project"):
            return True
        return self.command is None and self.done is None and bool(PROJECT_REQUEST.search(self.text))

    @property
    def project_awaiting(self) -> bool:
        """The last reply asked for a proposal or a part of the project: this message may be its answer."""
        return bool(self.project and self.project.get("awaiting"))

    @cached_property
    def proposal_named(self) -> Proposal | None:
        """The proposal the message picks ("titanic", "my own idea")."""
        return find_proposal(self.words if self.command else self.text)

    @property
    def current_proposal(self) -> Proposal | None:
        return proposal(str(self.project.get("proposal"))) if self.project else None

    @cached_property
    def own_idea(self) -> str | None:
        """"My idea: predict which patients will fall in the hospital ...": the idea, in the learner's words."""
        told = OWN_PROJECT_IDEA.search(self.text) if self.command is None else None
        first = re.match(r"[^.!?]*(\.\d[^.!?]*)*", self.text[told.end():]) if told else None   # its first sentence
        return first[0].strip()[:300] or None if first else None

    @cached_property
    def data_told(self) -> str | None:
        """"I have 2000 patients with age, medicines, fell before yes/no": the data, said beside an idea."""
        told = DATA_TOLD.search(self.text)
        return told[0].strip() if told else None

    @cached_property
    def part_said(self) -> tuple[str, str, bool] | None:
        """"Task is: for each patient, yes or no, will fall in next week. Is this ok?": the part named (E, R, T or P),
        what is said of it and whether a verdict is asked on it, while a project is under way; "data" and "features"
        only before ":" ("data is private" names no part)."""
        said = PART_SAID.match(self.text) if self.project and self.project.get("proposal") else None
        if said is None:
            return None
        part = said["part"].lower()
        loose = part in ("data", "features", "e", "r", "t", "p") and said["how"] not in (":", "=")
        answer = VERDICT_AFTER.sub("", said["said"]).strip()[:300]   # "... Is this ok?" asks about it, is no part of it
        asked = answer != said["said"].strip()[:300]
        return None if loose and not said[2] or not answer else (PART_BY_WORD[part.split()[0]], answer, asked)

    @cached_property
    def runs_compared(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """"Is this because of dropout or because of 10 epochs?": the two latest finished runs of the lab run last,
        where the message compares runs and two are kept."""
        if self.command is not None or not COMPARES_RUNS.search(self.text):
            return None
        done = [run for run in self.history if run["status"] == "done"]
        same = [run for run in done if run["lab"] == done[-1]["lab"]]
        return (same[-2], same[-1]) if len(same) >= 2 else None

    @cached_property
    def run_asked_about(self) -> dict[str, Any] | None:
        """The last finished run, where the message asks about it in its numbers or words ("training loss goes to
        0,03 but validation stays ~0,11, is that overfitting or not?") and the run's verdict was kept."""
        done = [run for run in self.history if run["status"] == "done" and run.get("summary")]
        return done[-1] if done and self.command is None and RUN_ASKED.search(self.text) else None

    @property
    def pictures_unseen(self) -> bool:
        """"I cannot see the confusion matrix, only file paths": the run's pictures cannot be looked at here."""
        return bool(PICTURES_UNSEEN.search(self.text))
