""""Was I right?": the verdict on the last question that ended, and its answer; an open question's answer is
never given away (it is said to be open, with a hint on offer)."""
from __future__ import annotations

from tutor.answers import match_option
from tutor.dialogue import texts
from tutor.dialogue.moves.options import main_options
from tutor.dialogue.state import Graded, Option
from tutor.dialogue.turn import Turn
from tutor.exercises import Question

PROMPT_CHARS = 140          # a long prompt is shortened where it is quoted back
SHORT_SOLUTION = 80         # a solution shorter than this gets the explanation too (the why)


def tell_verdict(turn: Turn) -> None:
    """The last graded item: right or not, the learner's answer, the right answer and why."""
    tell(turn, turn.state.graded[-1], texts.LAST_QUESTION)


def tell_earlier_verdict(turn: Turn) -> None:
    """"I meant the previous question" once the last one's verdict was given: the one before it."""
    tell(turn, turn.state.graded[-2], texts.QUESTION_BEFORE)


def tell(turn: Turn, graded: Graded, which: str) -> None:
    graded.told = True
    if graded.correct:
        text = texts.VERDICT_RIGHT.format(which=which, prompt=quoted(graded), answer=graded.answer, why=why(graded))
    else:
        what = texts.WRONG_ANSWER_WAS.format(answer=graded.answer) if graded.answer else texts.NO_ANSWER_GIVEN
        text = texts.VERDICT_WRONG.format(which=which, prompt=quoted(graded), what=what, solution=graded.solution)
    turn.say(text, [Option("Another question", "/quiz"), Option("My progress", "/progress")])


def still_open_after_a_miss(turn: Turn) -> None:
    """The open question was answered wrong and is still open: said so, its answer kept back."""
    turn.say(texts.STILL_OPEN_MISSED.format(answer=turn.state.attempt))


def still_open(turn: Turn) -> None:
    turn.say(texts.STILL_OPEN)


def nothing_graded_yet(turn: Turn) -> None:
    turn.say(texts.NOTHING_GRADED, main_options())


def as_given(question: Question, answer: str | None) -> str | None:
    """The learner's answer as they meant it: "4" to a choice is the fourth option's words."""
    if answer is None or not question.options:
        return answer
    index = match_option(answer, list(question.options), question.aliases)
    return answer if index is None else question.options[index]


def quoted(graded: Graded) -> str:
    prompt = " ".join(graded.prompt.split())
    return prompt if len(prompt) <= PROMPT_CHARS else prompt[:PROMPT_CHARS - 1].rstrip() + "…"


def why(graded: Graded) -> str:
    """The solution, and the explanation where the solution is too short to say why."""
    if graded.explanation and len(graded.solution) < SHORT_SOLUTION and graded.explanation not in graded.solution:
        return f"{graded.solution} {graded.explanation}"
    return graded.solution
