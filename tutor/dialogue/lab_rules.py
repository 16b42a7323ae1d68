"""The rows of the hands-on labs and the final project (issue 21), gathered by :mod:`tutor.dialogue.rules`."""
from __future__ import annotations

from tutor.dialogue.moves import labs, project
from tutor.dialogue.predicates import (
    always, argument, argument_is, lab_asked_about, lab_failed, lab_history_asked, lab_installed, lab_named, lab_settings_wrong,
    lab_stopped, project_asked, project_under_way, proposal_named,
)
from tutor.dialogue.table import Rule, Table

PROJECT = Table("PROJECT", (
    Rule("a proposal named", proposal_named, project.pick_named, '"help me with my final project: the titanic one"'),
    Rule("back to the project", project_under_way, project.resume, '"my project" brings back the learner\'s choices'),
    Rule("pick a proposal", always, project.ask_to_pick),
))
LAB = Table("LAB", (
    Rule("the learner's past runs", lab_history_asked, labs.show_history),
    Rule("the final project", project_asked, PROJECT),
    Rule("no lab named: the list", ~lab_named & ~argument, labs.list_labs),
    Rule("again, with no lab run yet", ~lab_named & argument_is("again"), labs.nothing_to_repeat),
    Rule("no such lab", ~lab_named, labs.no_such_lab),
    Rule("not installed here", ~lab_installed, labs.lab_unavailable, "a lab whose module or packages are missing"),
    Rule("a question about a lab", lab_asked_about, labs.describe_lab,
         '"what is the lstm lab about?" had started the lab'),
    Rule("settings out of range", lab_settings_wrong, labs.explain_settings, '"epochs=500": the allowed range named'),
    Rule("run the lab", always, labs.start_lab, "the pool answers at once: running, or its place in the queue"),
))
LAB_RESULT = Table("LAB_RESULT", (
    Rule("stopped at its budget", lab_stopped, labs.tell_stopped, "the learner is told which limit it hit"),
    Rule("the lab failed", lab_failed, labs.tell_failed),
    Rule("its result, then its question", always, labs.show_result),
))
