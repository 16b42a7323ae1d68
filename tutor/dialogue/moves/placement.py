"""The placement check: "test me on day 2 so I can skip it" asks one question per lesson of the day, moves on
after each (a miss gets its worked answer, no hint ladder: this measures, it does not teach), and ends with
what the learner already knows (mastered, so it counts) and which lessons are worth studying."""
from __future__ import annotations

from tutor.dialogue import texts
from tutor.dialogue.moves import questions
from tutor.dialogue.moves.options import start_day
from tutor.dialogue.state import Activity, Mode, Option, Placement
from tutor.dialogue.turn import Turn


def start_placement(turn: Turn) -> None:
    """The check of the day asked for; one of that day left early goes on where it stopped (it had started again
    from its first question, the answers given lost)."""
    day, paused = turn.signals.day, turn.state.paused_placement
    questions.drop(turn)
    turn.state.paused_placement = None
    if paused is not None and paused.day == day:
        turn.state.placement = paused
        turn.say(texts.PLACEMENT_RESUMED.format(day=day, right=len(paused.known),
                                                total=len(paused.known) + len(paused.missed), left=len(paused.queue)))
        pose_next(turn)
        return
    lessons = [lesson.id for lesson in turn.course.curriculum.day(day).lessons
               if turn.course.curriculum.exercises_for(lesson_id=lesson.id)]
    turn.state.placement = Placement(day, lessons)
    turn.say(texts.PLACEMENT_START.format(day=day, count=len(lessons)))
    pose_next(turn)


def pose_next(turn: Turn) -> None:
    """The next lesson's question, or the result when every lesson was checked."""
    placement = turn.state.placement
    assert placement is not None, "a rule guarantees a placement check"
    while placement.queue:
        lesson = placement.queue.pop(0)
        placement.current = lesson
        for spec in turn.course.curriculum.exercises_for(lesson_id=lesson):
            if questions.pose(turn, spec, review=False):
                return
    finish(turn)


def missed(turn: Turn) -> None:
    """A wrong answer in the check: the worked answer, and on to the next lesson's question."""
    questions.record_answer(turn)
    skipped(turn)


def skipped(turn: Turn) -> None:
    """"skip", "no idea" in the check: not known; the worked answer, and on to the next lesson's question."""
    placement, question = turn.state.placement, questions.open_question(turn)
    questions.conclude(turn, question, correct=False)
    placement.missed.append(placement.current)
    turn.say(texts.PLACEMENT_MISSED.format(solution=question.solution))
    close_question(turn)
    pose_next(turn)


def right(turn: Turn) -> None:
    placement, question = turn.state.placement, questions.open_question(turn)
    questions.record_answer(turn)
    questions.conclude(turn, question, correct=True)
    placement.known.append(placement.current)
    turn.say(texts.PLACEMENT_RIGHT)
    close_question(turn)
    pose_next(turn)


def close_question(turn: Turn) -> None:
    turn.state.question, turn.state.misses = None, 0
    turn.state.mode = turn.state.resume(Activity.QUESTION)
    if turn.state.mode == Mode.AWAITING_ANSWER:
        turn.state.mode = Mode.IDLE


def finish(turn: Turn) -> None:
    placement, curriculum = turn.state.placement, turn.course.curriculum
    turn.state.placement = None
    titles = {lesson.id: lesson.title for lesson in curriculum.day(placement.day).lessons}
    known = ", ".join(f"“{titles[l]}”" for l in placement.known) or "none yet"
    text = texts.PLACEMENT_DONE.format(day=placement.day, right=len(placement.known),
                                       total=len(placement.known) + len(placement.missed), known=known)
    options = [Option(f"Study “{titles[l]}”", f"/lesson {l}") for l in placement.missed[:2]]
    if any(day.number == placement.day + 1 for day in curriculum.days):
        options.append(start_day(placement.day + 1))
    unchecked = len(placement.queue) + (placement.current is not None and placement.current not in
                                        (*placement.known, *placement.missed))   # "stop" re-queues the current
    verdict = (texts.PLACEMENT_UNFINISHED.format(left=unchecked) if unchecked else
               texts.PLACEMENT_STUDY if placement.missed else texts.PLACEMENT_SKIP)
    turn.say(text + verdict, options)


def stop(turn: Turn) -> None:
    """"stop" or another request in the middle of the check: the result so far; the check is kept to go on with."""
    placement = turn.state.placement
    if turn.state.question is not None:
        questions.drop(turn)
    if placement.current is not None and placement.current not in (*placement.known, *placement.missed):
        placement.queue.insert(0, placement.current)   # its question was not answered: asked again on resuming
        placement.current = None
    finish(turn)
    if placement.queue:
        turn.state.paused_placement = placement
