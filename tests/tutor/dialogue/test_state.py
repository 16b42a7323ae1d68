"""The typed dialogue state and the flat record the store keeps."""
from __future__ import annotations

from tutor.dialogue.state import Activity, DialogueState, Frame, Mode, OpenQuestion, Option, ReviewSession
from tutor.exercises import Question
from tutor.store import LearnerState

QUESTION = Question("ex", "etp", "In E/T/P, what is P?", ["a", "b"], "b", ["h1", "h2"], "P is ...")


def test_a_state_round_trips_through_the_record() -> None:
    state = DialogueState("t:1", Mode.AWAITING_ANSWER, "l1", 2, OpenQuestion(QUESTION, review=True), 1,
                          [Option("a"), Option("b")], [Frame(Activity.QUESTION, Mode.IN_LESSON)],
                          explained="etp", clarify_text=None, questions_asked=3, mastery={"etp": 0.5},
                          review=ReviewSession(1, 1, ["ex", "ex2"], ["ex2"], [], ["etp"]), reviewed_on="2026-03-01",
                          reviewed_today=2)
    assert DialogueState.from_record(state.to_record()) == state
    menu = DialogueState("t:1", options=[Option("Continue", "/next"), Option("Quiz me", "/quiz")])
    assert DialogueState.from_record(menu.to_record()).options == menu.options


def test_interruptions_stack_and_resume_what_they_interrupted() -> None:
    state = DialogueState("t:1", Mode.IN_LESSON)
    state.interrupt(Activity.QUESTION, Mode.AWAITING_ANSWER)
    state.interrupt(Activity.RESET, Mode.CONFIRMING_RESET)
    assert [frame.activity for frame in state.stack] == [Activity.QUESTION, Activity.RESET]
    assert state.resume(Activity.RESET) == Mode.AWAITING_ANSWER
    assert state.resume(Activity.QUESTION) == Mode.IN_LESSON
    assert state.resume(Activity.CLARIFICATION) == Mode.IDLE and state.stack == []


def test_a_record_saved_before_the_typed_state_still_loads() -> None:
    # the store's JSON keeps its layout: a learner saved mid-question by an older version resumes it
    record = LearnerState("t:1", state="clarifying", lesson_id="l1", pending={**QUESTION.to_dict(), "review": False},
                          options=["Quiz me", "Something else"], actions=["/intent quiz", "/help"],
                          context={"after_question": "in_lesson", "after_clarify": "awaiting_answer",
                                   "clarify_text": "that thing", "explained": "etp"})
    state = DialogueState.from_record(record)
    assert state.mode == Mode.CLARIFYING and state.question == OpenQuestion(QUESTION)
    assert state.stack == [Frame(Activity.QUESTION, Mode.IN_LESSON), Frame(Activity.CLARIFICATION, Mode.AWAITING_ANSWER)]
    assert (state.clarify_text, state.explained) == ("that thing", "etp")
    assert state.options[0] == Option("Quiz me", "/intent quiz")
    assert (state.review, state.reviewed_on, state.reviewed_today) == (None, None, 0)   # no review session then
    assert state.to_record() == record
