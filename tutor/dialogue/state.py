"""The learner's dialogue state, typed: where they are, the open question, what was interrupted.

:class:`DialogueState` is what the rules read and the moves change during a turn. The store keeps
a flat JSON record of it (:class:`tutor.store.LearnerState`); :meth:`DialogueState.from_record` and
:meth:`DialogueState.to_record` are the only places that know that layout, so old records keep loading.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any, Self

from tutor.exercises import Question
from tutor.store import LearnerState


class Mode(StrEnum):
    """What the learner is doing: the one thing a bare "yes" or "1" is read against."""

    NEW = "new"
    IDLE = "idle"
    IN_LESSON = "in_lesson"
    AWAITING_ANSWER = "awaiting_answer"
    CONFIRMING_RESET = "confirming_reset"
    CLARIFYING = "clarifying"


class Activity(StrEnum):
    """What can interrupt what the learner was doing, and be returned from."""

    QUESTION = "question"           # a question asked from a lesson (or from idle)
    RESET = "reset"                 # "reset all your progress?"
    CLARIFICATION = "clarify"       # "did you want to ...?"


@dataclass(frozen=True)
class Frame:
    """An interrupted activity: ``activity`` took over while the learner was in ``resume``."""

    activity: Activity
    resume: Mode


@dataclass(frozen=True)
class Option:
    """One offered choice. ``action`` is the command it runs; None for an answer to the open question."""

    label: str
    action: str | None = None


@dataclass
class OpenQuestion:
    """The question the learner is answering; ``review``: asked from the spaced-review queue."""

    question: Question
    review: bool = False

    def to_dict(self) -> dict:
        return {**self.question.to_dict(), "review": self.review}

    @classmethod
    def from_dict(cls, data: dict) -> OpenQuestion:
        return cls(Question.from_dict(data), bool(data.get("review", False)))


@dataclass
class Placement:
    """A placement check under way ("test me on day 2 so I can skip it"): one question per lesson of the day."""

    day: int
    queue: list[str]                                    # the lessons still to check, in course order
    current: str | None = None                          # the lesson whose question is open
    known: list[str] = field(default_factory=list)      # lessons answered right at once
    missed: list[str] = field(default_factory=list)     # lessons to study

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Placement:
        return cls(**{key: data[key] for key in ("day", "queue", "current", "known", "missed") if key in data})


class SavedFields:
    """A dataclass saved as a dict in the record's context; unknown keys (from a newer or older record) are
    ignored when it loads."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


@dataclass
class ReviewSession(SavedFields):
    """A review session under way (/review): what was asked and how it went, for the next item and the summary."""

    right: int = 0
    wrong: int = 0
    asked: list[str] = field(default_factory=list)      # items posed in this session, in order
    again: list[str] = field(default_factory=list)      # missed items, to ask once more before the end
    retried: list[str] = field(default_factory=list)    # missed items already asked once more
    slipped: list[str] = field(default_factory=list)    # the concepts of the missed items, once each


@dataclass
class Graded(SavedFields):
    """The last question that ended (answered right, or its worked answer shown): "was I right?" is about it."""

    prompt: str
    solution: str
    explanation: str
    correct: bool
    answer: str | None = None       # the learner's last answer to it (None: skipped, or given up on)
    told: bool = False              # its verdict was given ("I meant the previous question" then means the one before)
    item: dict | None = None        # the question itself, to read a disputed answer again ("but I said ten!")
    skipped: bool = False           # ended by "skip" (a second skip right after stops the quiz)


@dataclass
class KeptQuestion(SavedFields):
    """A learner's question whose answer would have given the open question away ("why does dropout help?" during
    "what is dropout for?"): answered once that question has ended."""

    text: str
    answer: str


@dataclass
class DialogueState:
    learner_id: str
    mode: Mode = Mode.NEW
    lesson_id: str | None = None
    step: int = 0                                   # index of the lesson step shown last
    question: OpenQuestion | None = None
    misses: int = 0                                 # misses (and help asked) on the open question
    options: list[Option] = field(default_factory=list)
    stack: list[Frame] = field(default_factory=list)
    explained: str | None = None                    # the concept defined in the previous turn
    clarify_text: str | None = None                 # the message a clarifying question is about
    level: int | None = None                        # the difficulty asked for ("too easy"); None: any
    plain: bool = False                             # "no maths please": plain-words steps and cards, no formula items
    recent: list[str] = field(default_factory=list)  # the exercises asked last, oldest first (variety)
    said: dict[str, int] = field(default_factory=dict)  # how often each varied text was said (the next variant)
    questions_asked: int = 0                        # seeds fresh exercise values, per learner
    mastery: dict[str, float] = field(default_factory=dict)
    review: ReviewSession | None = None             # the review session under way
    placement: Placement | None = None              # the placement check under way
    paused_placement: Placement | None = None       # a check left early, taken up where it stopped when asked again
    reviewed_on: str | None = None                  # the day (ISO date, UTC) that ``reviewed_today`` counts
    reviewed_today: int = 0                         # review items posed that day, for the daily cap
    reminder: str | None = None                     # "19:00 Europe/Berlin": the learner's review reminder
    zone_asked: bool = False                        # the last reply asked the reminder's time zone
    labs: list[dict[str, Any]] = field(default_factory=list)   # the last labs run: {lab, params, status, figures}
    project: dict[str, Any] | None = None           # the final project: {proposal, part (asked), answers}
    graded: list[Graded] = field(default_factory=list)   # the last questions that ended, newest last ("was I right?")
    attempt: str | None = None                      # the learner's last wrong answer to the open question
    descent_step: float | None = None               # the step of the /gd run shown last turn ("try it with 0.05")
    kept: list[KeptQuestion] = field(default_factory=list)   # questions to answer once the open one has ended
    layer: dict[str, Any] | None = None             # the layer worked out last turn ("so 1792 params, right?")
    places: dict[str, list[Any]] = field(default_factory=dict)  # day -> [lesson id, step] shown last in that day
    dropped: OpenQuestion | None = None             # the question a jump left unanswered ("the answer is 2" takes it up)
    answered: str | None = None                     # the knowledge-base answer given last turn (not the same twice)
    answered_gist: str | None = None                # that answer in one line, for "is that a yes?"

    # -- what was said -------------------------------------------------------------------------------
    def note_put_simply(self, concept_key: str) -> None:
        """The concept's plain-words version was said ("explain again" then goes on to its lesson)."""
        self.said[f"again:{concept_key}"] = 1

    def put_simply_before(self, concept_key: str) -> bool:
        return bool(self.said.get(f"again:{concept_key}"))

    # -- the stack of interrupted activities -----------------------------------------------------
    def interrupt(self, activity: Activity, mode: Mode) -> None:
        """``activity`` takes over now; remember the mode to resume (one frame per activity)."""
        self.stack = [frame for frame in self.stack if frame.activity != activity] + [Frame(activity, self.mode)]
        self.mode = mode

    def resume(self, activity: Activity) -> Mode:
        """End ``activity``: drop its frame and return the mode it interrupted (idle if none)."""
        frame = next((f for f in reversed(self.stack) if f.activity == activity), None)
        if frame is None:
            return Mode.IDLE
        self.stack.remove(frame)
        return frame.resume

    def interrupted(self, activity: Activity) -> Mode | None:
        return next((f.resume for f in reversed(self.stack) if f.activity == activity), None)

    # -- the record the store keeps -----------------------------------------------------------------
    @classmethod
    def from_record(cls, record: LearnerState) -> DialogueState:
        context = dict(record.context)
        stack = [Frame(activity, Mode(context.pop(f"after_{activity.value}")))
                 for activity in _stack_order(context) if f"after_{activity.value}" in context]
        actions = list(record.actions)
        options = [Option(label, actions[i] if i < len(actions) else None) for i, label in enumerate(record.options)]
        return cls(
            learner_id=record.learner_id, mode=Mode(record.state), lesson_id=record.lesson_id, step=record.step,
            question=OpenQuestion.from_dict(record.pending) if record.pending else None, misses=record.misses,
            options=options, stack=stack, explained=context.get("explained"),
            clarify_text=context.get("clarify_text"), recent=list(context.get("recent", [])), level=context.get("level"),
            plain=bool(context.get("plain", False)),
            said=dict(context.get("said", {})), questions_asked=record.questions_asked,
            mastery=dict(record.mastery),
            review=ReviewSession.from_dict(context["review"]) if isinstance(context.get("review"), dict) else None,
            placement=Placement.from_dict(context["placement"]) if isinstance(context.get("placement"), dict) else None,
            paused_placement=(Placement.from_dict(context["paused_placement"])
                              if isinstance(context.get("paused_placement"), dict) else None),
            reviewed_on=context.get("reviewed_on"), reviewed_today=int(context.get("reviewed_today", 0)),
            reminder=context.get("reminder"), zone_asked=bool(context.get("zone_asked", False)),
            labs=list(context.get("labs", [])),
            project=context["project"] if isinstance(context.get("project"), dict) else None,
            graded=[Graded.from_dict(item) for item in context.get("graded", []) if isinstance(item, dict)],
            attempt=context.get("attempt"), descent_step=context.get("descent_step"), layer=context.get("layer"),
            answered=context.get("answered"), answered_gist=context.get("answered_gist"),
            kept=[KeptQuestion.from_dict(item) for item in context.get("kept", []) if isinstance(item, dict)],
            places=_places(context.get("places")),
            dropped=OpenQuestion.from_dict(context["dropped"]) if isinstance(context.get("dropped"), dict) else None,
        )

    def to_record(self) -> LearnerState:
        context: dict[str, object] = {f"after_{frame.activity.value}": frame.resume.value for frame in self.stack}
        if self.explained:
            context["explained"] = self.explained
        if self.clarify_text is not None:
            context["clarify_text"] = self.clarify_text
        if self.recent:
            context["recent"] = list(self.recent)
        if self.level:
            context["level"] = self.level
        if self.plain:
            context["plain"] = True
        if self.said:
            context["said"] = dict(self.said)
        if self.review is not None:
            context["review"] = self.review.to_dict()
        if self.placement is not None:
            context["placement"] = self.placement.to_dict()
        if self.paused_placement is not None:
            context["paused_placement"] = self.paused_placement.to_dict()
        if self.reminder is not None:
            context["reminder"] = self.reminder
        if self.zone_asked:
            context["zone_asked"] = True
        if self.labs:
            context["labs"] = list(self.labs)
        if self.project is not None:
            context["project"] = dict(self.project)
        if self.kept:
            context["kept"] = [item.to_dict() for item in self.kept]
        if self.graded:
            context["graded"] = [item.to_dict() for item in self.graded]
        if self.places:
            context["places"] = {day: list(place) for day, place in self.places.items()}
        if self.dropped is not None:
            context["dropped"] = self.dropped.to_dict()
        for key in ("attempt", "descent_step", "layer", "answered", "answered_gist"):
            if getattr(self, key) is not None:
                context[key] = getattr(self, key)
        if self.reviewed_on is not None:
            context["reviewed_on"], context["reviewed_today"] = self.reviewed_on, self.reviewed_today
        return LearnerState(
            learner_id=self.learner_id, state=self.mode.value, lesson_id=self.lesson_id, step=self.step,
            pending=self.question.to_dict() if self.question else None, misses=self.misses,
            options=[option.label for option in self.options],
            actions=[option.action for option in self.options if option.action is not None],
            context=context, questions_asked=self.questions_asked, mastery=self.mastery,
        )


def _places(saved: object) -> dict[str, list[Any]]:
    """The places kept per day; a malformed entry (a hand-edited record) is dropped, not a crash."""
    if not isinstance(saved, dict):
        return {}
    return {str(day): [place[0], place[1]] for day, place in saved.items()
            if isinstance(place, list) and len(place) == 2 and isinstance(place[0], str) and isinstance(place[1], int)}


def _stack_order(context: dict[str, Any]) -> list[Activity]:
    """The activities in the order the record lists them (it keeps the stack's order)."""
    by_key = {f"after_{activity.value}": activity for activity in Activity}
    return [by_key[key] for key in context if key in by_key]
