"""A learner's own claim about what is being taught ("so it's like a pattern detector?", "the labels are written by
people, right?") that no knowledge-base entry confirms: said honestly that it cannot be checked word for word, and
what the course says beside it (the concept named or just explained, else the step being taught), to compare."""
from __future__ import annotations

from tutor.dialogue import texts
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Turn


def compare_claim(turn: Turn) -> None:
    turn.say(texts.CLAIM_TO_COMPARE.format(reference=reference(turn)),
             [Option("Continue", "/lesson"), Option("Quiz me", "/quiz")])


def grade_restatement(turn: Turn) -> None:
    """The learner's own words against the concept's key ideas: what they have, the idea they miss, and a
    misconception they show, corrected; all of it right: said so."""
    restatement = turn.signals.restatement
    assert restatement is not None, "the rule checks it"
    concept, graded = restatement
    covered = "; ".join(idea.says for idea in graded.covered)
    if graded.misconceptions:    # no praise beside it: the words it matched may be the misconception's own
        lines = [texts.RESTATED_WRONG.format(says=graded.misconceptions[0].says)]
        lines += [texts.RESTATED_KEY.format(key=graded.missing[0].says)] if graded.missing else []
    elif graded.missing:
        lines = [texts.RESTATED_PART.format(covered=covered), texts.RESTATED_MISSING.format(missing=graded.missing[0].says)]
    else:
        lines = [texts.RESTATED_ALL.format(term=concept.term, covered=covered)]
    turn.state.explained = concept.key
    turn.say("\n".join(lines), [Option(f"Quiz me on {concept.term}", f"/quiz {concept.term}"),
                                Option("Continue", "/lesson")])


def reference(turn: Turn) -> str:
    """The concept just explained or named by the tagger (its simpler explanation where it has one), else the step
    being taught, else a concept the words only resemble: "so it's like the program makes the rules by itself from
    the pictures?" right after the cats-vs-dogs step is about that step, not about image representation."""
    signals = turn.signals
    concept = signals.explained or signals.concept_in_entities
    lesson = signals.lesson_before
    if concept is None and lesson is None:
        concept = signals.concept
    if concept is not None:
        return f"{concept.term[:1].upper()}{concept.term[1:]}: {concept.again or concept.definition}"
    assert lesson is not None, "a rule guarantees a concept or a lesson"
    step = lesson.steps[max(0, min(turn.state.step, len(lesson.steps) - 1))]
    return step.again or step.text
