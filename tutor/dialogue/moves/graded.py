""""Was I right?": the verdict on the last question that ended, and its answer; an open question's answer is
never given away (it is said to be open, with a hint on offer)."""
from __future__ import annotations

import re

from tutor import mastery as mastery_rules
from tutor.answers import match_option, normalize
from tutor.dialogue import verdict_texts as texts
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
    turn.say(text, _after_a_verdict())


def _after_a_verdict() -> list[Option]:
    return [Option("Another question", "/quiz"), Option("My progress", "/progress")]


def still_open_after_a_miss(turn: Turn) -> None:
    """The open question was answered wrong and is still open: said so, its answer kept back."""
    turn.say(texts.STILL_OPEN_MISSED.format(answer=turn.state.attempt))


def disputed(turn: Turn) -> Graded | None:
    """The ended question a disputing learner means: the newest whose answer their words name ("u marked
    segmentation wrong when i said 3"), else the last one, unless the open question was tried (then that one is
    meant). None: the open question's attempt, or nothing graded."""
    text = turn.signals.text
    for graded in reversed(turn.state.graded):
        if graded.answer and _names_answer(text, graded):
            return graded
    if turn.state.attempt is not None and turn.state.question is not None or not turn.state.graded:
        return None
    return turn.state.graded[-1]


def attempt_disputed(turn: Turn) -> bool:
    """"why is that wrong?", "but I wrote 0,7!" with the open question tried: its last answer is meant, unless the
    message is a new answer (then it is graded as one)."""
    if turn.state.question is None or turn.state.attempt is None or disputed(turn) is not None:
        return False
    question = turn.state.question.question
    said = question.reading(turn.signals.text)
    return said is None or said == question.reading(turn.state.attempt)


def disputed_before(turn: Turn) -> bool:
    """The open question's answer was read again once already (a second dispute gets the next hint)."""
    return turn.state.question is not None and bool(turn.state.said.get(_dispute_key(turn)))


def _dispute_key(turn: Turn) -> str:
    return f"disputed:{turn.state.question.question.exercise_id}:{turn.state.attempt}"


def read_attempt_again(turn: Turn) -> None:
    """The open question's last answer read again: how it was read, and what it misses; the question stays open and
    no miss is counted (the same answer twice is one try)."""
    question, attempt = turn.state.question.question, turn.state.attempt
    turn.state.said[_dispute_key(turn)] = 1
    check = question.check(attempt)
    said = _read_as(question, attempt)
    why = check.feedback.removeprefix("Not quite.").removeprefix("Not quite: ").strip()
    turn.say(texts.ATTEMPT_READ_AGAIN.format(answer=attempt, read=said, why=f" {why[0].upper()}{why[1:]}" if why else ""))


def read_graded_again(turn: Turn) -> None:
    """An ended question's answer read again: owned up to where it was right after all (counted as right now), the
    verdict and the answer where it was not."""
    graded = disputed(turn)
    item = Question.from_dict(graded.item) if graded.item else None
    if item is None or graded.correct or graded.answer is None:     # right, or skipped: its verdict as it stands
        turn.say(texts.CHECKED_AGAIN)
        tell(turn, graded, texts.LAST_QUESTION if graded is turn.state.graded[-1] else texts.AN_EARLIER_QUESTION)
        return
    answer = _answer_meant(turn.signals.text, graded, item)
    if item.check(answer).correct:
        _own_up(turn, graded, item, answer)
        return
    key = f"disputed:{item.exercise_id}:{graded.answer}"
    options = _after_a_verdict()
    if turn.state.said.get(key):      # disputed twice: the verdict again teaches nothing, their working might
        turn.say(texts.SHOW_YOUR_WORKING.format(answer=graded.answer, answer_key=item.answer), options)
        return
    turn.state.said[key] = 1
    graded.told = True
    turn.say(texts.STILL_WRONG.format(prompt=quoted(graded), answer=graded.answer, read=_read_as(item, graded.answer),
                                      solution=graded.solution), options)


def _read_as(question: Question, answer: str) -> str:
    """", which I read as 0.7" where the reading is not the answer as typed ("0,7"), else nothing."""
    reading = question.reading(answer)
    return texts.READ_AS.format(reading=reading) if reading and reading != answer.strip() else ""


def _answer_meant(text: str, graded: Graded, item: Question) -> str:   # graded.answer is set: checked by the caller
    """The answer the learner stands by: the one in their message where it reads as the one they gave, or as one
    that was never read (then the message says what they meant); else the one they gave."""
    said, given = item.reading(text), item.reading(graded.answer)
    return text if said is not None and (given is None or said == given) else graded.answer


def _own_up(turn: Turn, graded: Graded, item: Question, answer: str) -> None:
    graded.correct, graded.told = True, True
    previous = turn.state.mastery.get(item.concept)
    turn.state.mastery[item.concept] = mastery_rules.updated(previous, mastery_rules.outcome(True, 0))
    turn.say(texts.OWN_UP.format(answer=graded.answer, reading=item.reading(answer) or answer, prompt=quoted(graded),
                                 why=why(graded)),
             _after_a_verdict())


def _names_answer(text: str, graded: Graded) -> bool:
    """Whether the message names the answer given to ``graded`` ("when i said 3", "was 0,5 right or not")."""
    if graded.item:
        item = Question.from_dict(graded.item)
        said, given = item.reading(text), item.reading(graded.answer or "")
        if said is not None and said == given:
            return True
    answer = normalize(graded.answer or "")
    return bool(answer) and re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", normalize(text)) is not None


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
