"""Review sessions: /review asks the due items one after another, a missed one once more at the end, up to a
daily cap; "stop" or the end of the queue gives a summary (right, wrong, what slipped, when the next are due)."""
from __future__ import annotations

from datetime import datetime, timedelta

from tutor.curriculum import ExerciseSpec
from tutor.dialogue import texts
from tutor.dialogue.moves import questions
from tutor.dialogue.moves.options import main_options
from tutor.dialogue.state import Option, ReviewSession
from tutor.dialogue.turn import Turn
from tutor.reminders import DEFAULT_ZONE, ReminderSetting, parse_reminder
from tutor.replies import Reply


# -- reading the session (for the predicates) ---------------------------------------------------------------
def reviewed_today(turn: Turn) -> int:
    state = turn.state
    return state.reviewed_today if state.reviewed_on == turn.now.date().isoformat() else 0


def cap_reached(turn: Turn) -> bool:
    return reviewed_today(turn) >= turn.course.scheduler.daily_cap


def next_item(turn: Turn) -> tuple[ExerciseSpec, bool] | None:
    """The session's next item and whether it is a missed one asked once more: due items first (until the
    daily cap), then the missed ones, so a miss comes back later in the session, not at once."""
    session, exercises = turn.state.review, turn.course.curriculum.exercises
    if session is None:
        return None
    if not cap_reached(turn):
        for card in turn.all_due:
            if card.item not in session.asked and (spec := exercises.get(card.item)):
                return spec, False
    for item in session.again:
        if item not in session.retried and (spec := exercises.get(item)):
            return spec, True
    return None


# -- moves ----------------------------------------------------------------------------------------------------
def start_review(turn: Turn) -> None:
    """/review, "let's review", the greeting's "Review now": a session over the due items."""
    turn.state.review = ReviewSession()
    left = turn.course.scheduler.daily_cap - reviewed_today(turn)
    turn.say(texts.REVIEW_TIME.format(count=min(len(turn.all_due), left)))
    if not pose_next(turn):
        turn.state.review = None
        turn.say(texts.CANNOT_ASK_REVIEWS, main_options())


def pose_next(turn: Turn) -> bool:
    """Pose the session's next item (one that cannot be asked now is skipped); False when none could be."""
    session = turn.state.review
    assert session is not None, "a rule guarantees a session"
    while (found := next_item(turn)) is not None:
        spec, retry = found
        (session.retried if retry else session.asked).append(spec.id)
        if not retry:
            count_today(turn)
        withdraw_offers(turn)
        if questions.pose(turn, spec, review=True):
            return True
    return False


def count_today(turn: Turn) -> None:
    turn.state.reviewed_today = reviewed_today(turn) + 1
    turn.state.reviewed_on = turn.now.date().isoformat()


def pose_next_item(turn: Turn) -> None:
    if not pose_next(turn):
        end_review(turn)


def tally(turn: Turn) -> None:
    """The review item just ended counts for the summary; a miss is asked once more later in the session."""
    session, concluded = turn.state.review, turn.concluded
    assert session is not None and concluded is not None, "a rule guarantees both"
    if concluded.correct:
        session.right += 1
        return
    session.wrong += 1
    if concluded.item not in session.again:
        session.again.append(concluded.item)
    if concluded.concept not in session.slipped:
        session.slipped.append(concluded.concept)


def withdraw_offers(turn: Turn) -> None:
    """The praise's "Another question", "Next lesson" no longer apply: the session goes on or is summed up."""
    for reply in turn.replies:
        reply.options = []


def end_review(turn: Turn) -> None:
    withdraw_offers(turn)
    turn.say(summary(turn), [Option("Next lesson", "/lesson"), Option("My progress", "/progress")])
    turn.state.review = None


def end_at_cap(turn: Turn) -> None:
    turn.say(texts.REVIEW_CAP.format(cap=turn.course.scheduler.daily_cap))
    end_review(turn)


def stop_review(turn: Turn) -> None:
    """"stop" with a review question open: the question is dropped (no miss) and the session summed up."""
    questions.drop(turn)
    end_review(turn)


def cap_reached_today(turn: Turn) -> None:
    turn.say(texts.REVIEW_CAP.format(cap=turn.course.scheduler.daily_cap), main_options())


def worked_answer_after_wrong_answer(turn: Turn) -> None:
    """A review item missed with the ladder climbed: the worked answer; it comes back later in the session
    (no fresh variant at once, the next due item follows)."""
    questions.record_answer(turn)
    worked_answer_on_request(turn, turn.signals.check.feedback)


def worked_answer_on_request(turn: Turn, feedback: str = "") -> None:
    turn.state.misses += 1
    turn.helped = True
    questions.show_worked_answer(turn, feedback)


def skip_item(turn: Turn) -> None:
    questions.show_worked_answer(turn, "")


# -- reminders (sent by bot/reminders.py) --------------------------------------------------------------------
def set_reminder(turn: Turn) -> None:
    setting = turn.signals.reminder_in_argument
    assert setting is not None, "a rule guarantees a time"
    turn.state.reminder = setting.label()
    turn.writes.reminder = setting
    text = texts.REMINDER_SET.format(label=setting.label())
    if setting.zone == DEFAULT_ZONE and len(turn.signals.argument.split()) == 1:   # no zone given: asked once
        text += texts.REMINDER_ZONE_ASK
        turn.state.zone_asked = True
    turn.say(text, main_options())


def reminder_setting(turn: Turn) -> ReminderSetting | None:
    return parse_reminder(turn.state.reminder) if turn.state.reminder else None


def reminder_waiting(turn: Turn) -> bool:
    """A learner with a reminder set, its hour come, reviews due, and not yet reminded that local day: the
    reminder the channel could not send (Messenger outside its 24 hours, the bot not running) is due now."""
    setting = reminder_setting(turn)
    return (setting is not None and bool(turn.due) and setting.time_has_come(turn.now)
            and setting.local_day(turn.now) not in turn.reminded_days and turn.state.review is None)


def note_reminded(turn: Turn) -> None:
    """The greeting offered the due reviews: that was today's reminder."""
    turn.writes.reminded_day = reminder_setting(turn).local_day(turn.now)


def remind_now(turn: Turn) -> None:
    """Today's reminder, with the learner's message it waited for."""
    note_reminded(turn)
    turn.add(Reply(texts.REMINDER.format(count=len(turn.due))))


def set_reminder_zone(turn: Turn) -> None:
    """The learner's time zone, named right after it was asked: the same hour, in that zone."""
    at = turn.state.reminder.split()[0]
    setting = parse_reminder(f"{at} {turn.signals.zone}")
    turn.state.reminder = setting.label()
    turn.writes.reminder = setting
    turn.say(texts.REMINDER_ZONE_SET.format(label=setting.label()), main_options())


def turn_reminder_off(turn: Turn) -> None:
    turn.state.reminder = None
    turn.writes.reminder_off = True
    turn.say(texts.REMINDER_OFF, main_options())


def ask_for_a_reminder_time(turn: Turn) -> None:
    turn.say(texts.REMINDER_BAD)


def show_reminder(turn: Turn) -> None:
    turn.say(texts.REMINDER_SHOW.format(label=turn.state.reminder), main_options())


def no_reminder_yet(turn: Turn) -> None:
    turn.say(texts.REMINDER_NONE, main_options())


# -- the summary ----------------------------------------------------------------------------------------------
def summary(turn: Turn) -> str:
    session = turn.state.review or ReviewSession()
    concepts = turn.course.curriculum.concepts
    text = texts.REVIEW_SUMMARY.format(right=session.right, wrong=session.wrong)
    if session.slipped:
        text += texts.REVIEW_SLIPPED.format(concepts=", ".join(
            concepts[key].term if key in concepts else key for key in session.slipped))
    cards = {**turn.cards, **{card.item: card for card in turn.writes.cards}}
    upcoming = sorted(card.due for card in cards.values() if card.due > turn.now)
    if upcoming:
        same_day = [due for due in upcoming if due.date() == upcoming[0].date()]
        text += texts.REVIEW_NEXT.format(when=when(upcoming[0], turn.now), count=len(same_day))
    return text


def when(moment: datetime, now: datetime) -> str:
    """"today at 18:00 UTC", "tomorrow at 09:30 UTC", "Wed 4 Mar": as a learner reads a date."""
    if moment.date() == now.date():
        return f"today at {moment:%H:%M} UTC"
    if moment.date() == (now + timedelta(days=1)).date():
        return f"tomorrow at {moment:%H:%M} UTC"
    return f"{moment:%a} {moment.day} {moment:%b}"
