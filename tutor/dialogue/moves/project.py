"""The final project, walked through: pick a proposal, then E, R, T and P one at a time (the learner's own
words, or the tutor's suggestion on "ok"), then the metric, the next three steps and a baseline lab where
the data is installed. Everything is kept in ``state.project``, so "my project" comes back to it.

A part is read from the learner's next message only (``awaiting``, cleared every turn by the manager):
after a detour, "continue" is not taken for the project's data.
"""
from __future__ import annotations

import re

from tutor.dialogue import lab_texts
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Turn
from tutor.projects import OWN_IDEA, PART_NAMES, PARTS, Proposal, proposal, proposals

# "ok", "sounds good", "yes", "your suggestion": the tutor's suggestion is taken
TAKES_SUGGESTION = re.compile(r"\W*(ok(ay)?|yes|yeah|yep|sure|fine|sounds good|good|agreed|agree|go with (that|it|yours)|"
                              r"(take |use )?(yours|your suggestion|the suggestion)|as you say|no idea|idk|i don'?t know)\W*",
                              re.IGNORECASE)
# "hmm no idea. what would you suggest for something like this?": a short message that hands the part to the tutor
ASKS_SUGGESTION = re.compile(r"\b(no idea|not sure|idk|dunno|i don'?t know|what (would|do|should|could) you (suggest|"
                             r"recommend|propose|do)|any (ideas|suggestions)|your (call|suggestion)|you (choose|decide|pick))\b",
                             re.IGNORECASE)
SUGGESTION_ASKED_WORDS = 14      # longer, the message says something of its own beside the "no idea"


def ask_to_pick(turn: Turn) -> None:
    turn.state.project = {"proposal": None, "answers": {}, "awaiting": True}
    choices = proposals()
    turn.say(lab_texts.PROJECT_PICK.format(titles=", ".join(p.title for p in choices)),
             [Option(p.title, f"/project {p.id}") for p in choices])


def pick_named(turn: Turn) -> None:
    """"help me with my final project: the titanic one", "/project titanic", or the pick after the list."""
    proposal = turn.signals.labs.proposal_named
    assert proposal is not None, "a rule guarantees a proposal named"
    turn.state.project = {"proposal": proposal.id, "answers": {}, "awaiting": True}
    turn.say(lab_texts.PROJECT_PICKED.format(title=proposal.title))
    ask_next_part(turn, proposal)


def start_own_idea(turn: Turn) -> None:
    """"My idea: predict which patients will fall in the hospital. I have 2000 patients ...": the learner's own idea
    kept (its words steer the suggestions), the data noted as E where it was said, then the next part asked."""
    _start_own_idea(turn, answer="")


def start_own_idea_and_answer(turn: Turn) -> None:
    """"my project: predict if a song becomes a hit from the lyrics. what data do i need and what model": the idea
    kept as above, and the course's answer to what it asks before the next part."""
    _start_own_idea(turn, answer=turn.signals.knowledge.answer)


def _start_own_idea(turn: Turn, answer: str) -> None:
    labs = turn.signals.labs
    own = proposal(OWN_IDEA)
    assert own is not None and labs.own_idea is not None, "a rule guarantees an idea told"
    answers = {"E": labs.data_told} if labs.data_told else {}
    turn.state.project = {"proposal": OWN_IDEA, "idea": labs.own_idea, "answers": answers, "awaiting": True}
    turn.intent = "project"
    turn.say(lab_texts.PROJECT_OWN_IDEA.format(idea=labs.own_idea.rstrip(" ?")))
    if labs.data_told:
        turn.say(lab_texts.PROJECT_DATA_NOTED.format(data=labs.data_told))
    if answer:
        turn.say(answer)
    ask_next_part(turn, own)


def take_named_part(turn: Turn) -> None:
    """"Task is: for each patient, yes or no, will fall in next week. Is this ok?": kept as that part whatever part
    was asked; a verdict asked gets the suggestion to compare; then the next part still open."""
    current = turn.signals.labs.current_proposal
    assert current is not None and turn.signals.labs.part_said is not None, "a rule guarantees a part named"
    part, answer, verdict_asked = turn.signals.labs.part_said
    turn.state.project = {**turn.state.project, "answers": {**turn.state.project.get("answers", {}), part: answer}}
    turn.intent = "project"
    turn.say(lab_texts.PROJECT_PART_NOTED.format(part=part, name=PART_NAMES[part], answer=answer))
    if verdict_asked:
        turn.say(lab_texts.PROJECT_PART_COMPARE.format(suggestion=current.suggestion(part, _described(turn))))
    ask_next_part(turn, current)


def pick_unknown(turn: Turn) -> None:
    turn.state.project = {**(turn.state.project or {}), "awaiting": True}
    turn.say(lab_texts.PROJECT_UNKNOWN, [Option(p.title, f"/project {p.id}") for p in proposals()])


def resume(turn: Turn) -> None:
    """"my project": where the learner left it, their answers so far, and the next part (or the summary)."""
    proposal = turn.signals.labs.current_proposal
    assert proposal is not None, "a rule guarantees a project under way"
    if _next_part(turn) is None:
        return summarise(turn, proposal)
    turn.say(lab_texts.PROJECT_BACK.format(title=_title(turn, proposal)) + "\n" + _parts(turn, proposal, only_answered=True))
    ask_next_part(turn, proposal)


def take_answer(turn: Turn) -> None:
    """The learner's answer to the part just asked: their words, or the suggestion on "ok"."""
    proposal = turn.signals.labs.current_proposal
    part = _next_part(turn)
    assert proposal is not None and part is not None, "a rule guarantees a part asked"
    own = not _takes_suggestion(turn.signals.text)
    said, asked = turn.signals.said_beside_questions if own else ("", [])
    answer = said[:300] if own else proposal.suggestion(part, _described(turn))
    answers = {**turn.state.project.get("answers", {}), part: answer}
    turn.state.project = {**turn.state.project, "answers": answers}
    turn.intent = "project"
    turn.say(lab_texts.PROJECT_NOTED.format(answer=answer))
    for question, hit in asked:   # "... is 500 enough though?": answered, or said to be beyond the course's answers
        turn.say(lab_texts.PROJECT_ASIDE.format(question=question.rstrip(" ?"),
                                                answer=hit.answer if hit else lab_texts.PROJECT_ASIDE_UNKNOWN))
    ask_next_part(turn, proposal)


def only_asks(turn: Turn) -> bool:
    """The message right after a part was asked only puts questions ("what's perplexity exactly?"): no part said
    (it had been saved as the project's performance measure)."""
    said, asked = turn.signals.said_beside_questions
    return bool(asked) and not said.strip()


def answer_then_ask_again(turn: Turn) -> None:
    """Questions instead of the part: each answered (or said to be beyond the course), then the part asked again."""
    proposal = turn.signals.labs.current_proposal
    assert proposal is not None, "a rule guarantees a project under way"
    for question, hit in turn.signals.said_beside_questions[1]:
        turn.say(hit.answer if hit else lab_texts.PROJECT_ASIDE.format(question=question.rstrip(" ?"),
                                                                      answer=lab_texts.PROJECT_ASIDE_UNKNOWN))
    ask_next_part(turn, proposal)


def answer_then_pick_again(turn: Turn) -> None:
    """"which one would you pick?" instead of a pick: the course's answer, then the proposals again."""
    turn.say(turn.signals.knowledge.answer)
    turn.state.project = {**(turn.state.project or {}), "awaiting": True}
    turn.say(lab_texts.PROJECT_PICK_AGAIN, [Option(p.title, f"/project {p.id}") for p in proposals()])


def ask_next_part(turn: Turn, proposal: Proposal) -> None:
    part = _next_part(turn)
    if part is None:
        return summarise(turn, proposal)
    turn.state.project = {**turn.state.project, "awaiting": True}
    turn.say(lab_texts.PROJECT_ASK.format(name=PART_NAMES[part], suggestion=proposal.suggestion(part, _described(turn))))


def _takes_suggestion(text: str) -> bool:
    """"ok", "sounds good", or a short "no idea, what would you suggest?": the tutor's suggestion is taken."""
    return bool(TAKES_SUGGESTION.fullmatch(text)
                or ASKS_SUGGESTION.search(text) and len(text.split()) <= SUGGESTION_ASKED_WORDS)


def _described(turn: Turn) -> str:
    """What the learner has said of their project so far (their own idea's data kind is read from it)."""
    project = turn.state.project or {}
    return " ".join((project.get("idea", ""), *project.get("answers", {}).values()))


def summarise(turn: Turn, proposal: Proposal) -> None:
    """E, R, T, P as chosen, the metric, the next three steps, and the baseline lab or why there is none."""
    turn.state.project = {**turn.state.project, "awaiting": False}
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(proposal.steps, start=1))
    text = lab_texts.PROJECT_SUMMARY.format(title=_title(turn, proposal), parts=_parts(turn, proposal), metric=proposal.metric,
                                        steps=steps)
    if proposal.baseline:
        text += "\n" + lab_texts.PROJECT_BASELINE.format(baseline=proposal.baseline)
        options = [Option(lab_texts.LAB_OPTION_BASELINE, f"/lab project proposal={proposal.baseline}")]
    else:
        text += "\n" + lab_texts.PROJECT_NO_BASELINE.format(instead=proposal.instead)
        options = [Option(lab_texts.LAB_OPTION_OFFER, f"/lab {proposal.lab}")] if proposal.lab else []
    turn.say(text, options)


def _title(turn: Turn, proposal: Proposal) -> str:
    """The proposal's title, with the learner's own idea after it where they told one."""
    idea = (turn.state.project or {}).get("idea")
    return f"{proposal.title}: {idea.rstrip(' ?')}" if idea else proposal.title


def _next_part(turn: Turn) -> str | None:
    answers = (turn.state.project or {}).get("answers", {})
    return next((part for part in PARTS if part not in answers), None)


def _parts(turn: Turn, proposal: Proposal, *, only_answered: bool = False) -> str:
    answers = (turn.state.project or {}).get("answers", {})
    return "\n".join(f"{part} — {PART_NAMES[part]}: {answers.get(part, proposal.parts[part])}"
                     for part in PARTS if part in answers or not only_answered)
