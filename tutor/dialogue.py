"""The dialogue manager: a small, explicit state machine over the NLU.

States (``State``): new -> idle <-> in_lesson; awaiting_answer while a question is open;
confirming_reset after /reset; clarifying when the NLU was unsure. One turn is routed in
this order, and each step is one small function:

1. a slash command (``/quiz``) or an offered option chosen by number or text;
2. an open question: the message is read as an ANSWER first (letter, number, text) unless it
   is clearly another request;
3. a picture asked for in words ("plot the sigmoid", "show me a picture of it");
4. the intent (NLU; a keyword fallback when there is no NLU or it is unsure; below the
   confidence threshold we ask what the learner meant) -> the handler for (state, intent),
   else the handler for the intent in any state;
5. negative sentiment adds encouragement and an easier path.

:class:`Tutor` never touches the database itself except to read review cards: the core
loads the :class:`LearnerState`, calls :meth:`Tutor.turn`, and saves state and writes in one
transaction.
"""
from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from nlp.types import Analysis, Entity
from tutor import mastery as mastery_rules
from tutor.answers import match_option, parse_number, parse_vector
from tutor.exercises import GENERATORS, ExerciseUnavailable, Question, answer_kind, make_question
from tutor.commands import (
    Command, analogy_reply, entities_reply, gd_reply, parse_command, sentiment_reply,
)
from tutor.replies import Reply
from tutor.review import ReviewScheduler, rating_for
from tutor.store import AnswerRecord, LearnerState, Store, TurnWrites

log = logging.getLogger(__name__)

# Intents that, said confidently while a question is open, mean "not an answer: do this instead".
# ("repeat", "deny" and "help" climb the question's help ladder: "I don't get it", "no idea".)
REQUEST_INTENTS = {"ask_concept", "goto_day", "progress", "quiz", "start_lesson", "goodbye", "greet", "thanks",
                   "help", "repeat", "deny"}
CONFIDENCE_THRESHOLD = 0.5      # below it we ask what the learner meant
REQUEST_CONFIDENCE = 0.8        # while a question is open, only a confident request beats an answer
NEGATIVE_SCORE = -0.3           # sentiment at or below it gets encouragement
CHEERFUL_SCORE = 0.5            # a responder reply at or above it is too cheerful for a negative message
MAX_REVIEW_OFFER = 20
MAX_HINTS = 2                   # rungs of a question's help ladder before the worked answer
NEXT_LESSON = re.compile(r"\bnext (lesson|topic|chapter|unit)\b", re.IGNORECASE)
PREVIOUS_LESSON = re.compile(r"\b(previous|prior) (lesson|topic|chapter|unit)\b|\blesson before\b", re.IGNORECASE)
EXAMPLE_REQUEST = re.compile(r"\b(examples?|for instance)\b", re.IGNORECASE)
REFERS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them)\b", re.IGNORECASE)  # to the concept just explained
# "graph", "image", "chart" are also what learners ask about ("how does a CNN see an image?"): only "a graph of ..."
PICTURE_REQUEST = re.compile(
    r"\b(pictures?|pics?|plot|draw|diagram|visuali[sz]e|sketch)\b|\b(graph|image|chart|figure)s? of\b", re.IGNORECASE)
# with a step size: "show me the path for learning rate 0.5", "try gradient descent with 1.2" (the /gd playground)
RUN_REQUEST = re.compile(r"\b(show|run|try|simulate|path|with)\b", re.IGNORECASE)
BARE_WHY = re.compile(r"\W*(but )?(why|why not|how|how come|what do you mean|explain)\W*", re.IGNORECASE)
LOOKUP_CHARS = 200              # how much of a message the concept finder searches without entities


class State(StrEnum):
    NEW = "new"
    IDLE = "idle"
    IN_LESSON = "in_lesson"
    AWAITING_ANSWER = "awaiting_answer"
    CONFIRMING_RESET = "confirming_reset"
    CLARIFYING = "clarifying"


INTENT_LABELS = {
    "greet": "Say hello", "goodbye": "Leave for now", "thanks": "Say thanks", "affirm": "Say yes",
    "deny": "Say no", "help": "What can you do?", "start_lesson": "Continue the course",
    "repeat": "Explain it again", "ask_concept": "Explain a concept", "quiz": "Quiz me",
    "progress": "Show my progress", "goto_day": "Jump to a day or topic", "smalltalk": "Just chatting",
    "out_of_scope": "Something else",
}

# The keyword fallback: used when there is no NLU, or the NLU is unsure. First match wins.
KEYWORD_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    (intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in [
        ("goto_day", r"\b(go|jump|skip|move|switch|take me|open)\b.*\b(to|day)\b|^day\s+\w+$"),
        ("quiz", r"\b(quiz|test me|question|exercise)\b"),
        ("progress", r"\b(progress|score|how am i doing|my stats)\b"),
        ("help", r"\b(help|what can you do|how does this work)\b"),
        ("smalltalk", r"\b(how are you|who (made|built|created) you|joke|your name)\b"),
        ("out_of_scope", r"\b(weather|flight|pizza|taxi|hotel|book me)\b"),
        ("repeat", r"\b(again|repeat|don'?t (get|understand)|confus|lost)\b"),
        ("ask_concept", r"\b(what'?s?|how|why|explain|define|meaning)\b.+"),
        ("start_lesson", r"\b(start|begin|continue|next|lesson|go on|let'?s go)\b"),
        ("thanks", r"\b(thanks?|thank you|thx|cheers)\b"),
        ("goodbye", r"\b(bye|goodbye|see you|quit|exit)\b"),
        ("greet", r"^\s*(hi|hello|hey|good (morning|afternoon|evening)|howdy)\b"),
        ("affirm", r"^\s*(yes|yeah|yep|sure|ok(ay)?|of course|go ahead|y)\b"),
        ("deny", r"^\s*(no|nope|nah|not now|n)\b"),
    ]
]


def keyword_intent(text: str) -> str | None:
    return next((intent for intent, pattern in KEYWORD_INTENTS if pattern.search(text)), None)


@dataclass
class Turn:
    """One learner message being handled: its state, understanding, and what we answer."""

    state: LearnerState
    text: str
    analysis: Analysis | None
    writes: TurnWrites
    replies: list[Reply] = field(default_factory=list)
    intent: str | None = None
    # The responder wrote the reply: it already answers the learner's mood (see _encourage_if_negative).
    responder_replied: bool = False
    # The concept (curriculum Concept) whose definition the previous turn gave: "I don't get it" now means it.
    explained_before: Any = None
    # The help ladder gave a hint (or the worked answer) for the open question in this turn.
    helped_with_question: bool = False
    # A question (or an open question again) was posed in this turn.
    asked: bool = False
    # The question that was open when the message came (None: none was): only that one has been read.
    open_before: dict[str, Any] | None = None

    def say(self, text: str, options: list[tuple[str, str]] | None = None, images: list[Path] | None = None) -> None:
        """Add a reply; ``options`` are (label, command) pairs the learner can choose by number or label."""
        pairs = options or []
        self.replies.append(Reply(text, [label for label, _ in pairs], list(images or [])))
        self.state.options = [label for label, _ in pairs]
        self.state.actions = [command for _, command in pairs]

    def ask(self, text: str, options: list[str], images: list[Path]) -> None:
        """Pose a question: its options are answers, not commands."""
        self.asked = True
        self.replies.append(Reply(text, list(options), images))
        self.state.options = list(options)
        self.state.actions = []

    def entities(self, *labels: str) -> list[Entity]:
        found = (self.analysis.entities or []) if self.analysis else []
        return [e for e in found if e.label in labels]


Handler = Callable[["Tutor", Turn], None]


class Tutor:
    """Teaches through the curriculum; one call of :meth:`turn` per learner message."""

    def __init__(
        self,
        curriculum: Any,
        store: Store,
        *,
        nlu: Callable[[str], Analysis] | None = None,
        responder: Callable[[str], str | None] | None = None,
        embeddings: Any = None,
        scheduler: ReviewScheduler | None = None,
        draw: Callable[..., Path | None] | None = None,
    ) -> None:
        self.curriculum = curriculum
        self.store = store
        self.nlu = nlu
        self.responder = responder
        self.embeddings = embeddings
        self.scheduler = scheduler or ReviewScheduler()
        self.draw = draw or (lambda name, **params: None)

    # -- routing ---------------------------------------------------------------------------------
    def turn(self, state: LearnerState, text: str, analysis: Analysis | None) -> tuple[list[Reply], TurnWrites]:
        turn = Turn(state, text, analysis, TurnWrites(user_text=text), open_before=state.pending)
        turn.explained_before = self.curriculum.concepts.get(state.context.pop("explained", None) or "")
        turn.intent = analysis.intent.name if analysis and analysis.intent else None
        self._route(turn)
        self._remind_open_question(turn)
        self._encourage_if_negative(turn)
        turn.writes.intent = turn.intent
        turn.writes.bot_texts = [reply.text for reply in turn.replies]
        return turn.replies, turn.writes

    def _route(self, turn: Turn) -> None:
        if command := parse_command(turn.text):
            return self.run_command(turn, command)
        if action := self._chosen_action(turn):
            return self.run_command(turn, parse_command(action) or Command("help", ""))
        if turn.state.state == State.AWAITING_ANSWER and turn.state.pending and not self._is_other_request(turn):
            turn.intent = "answer"
            return self.answer(turn)
        if self.show_picture(turn):  # whatever intent the words read as: "show me a picture of it" is repeat
            return
        intent = self._understood_intent(turn)
        if intent is None:
            return self.clarify(turn)
        self.dispatch(turn, intent)

    def dispatch(self, turn: Turn, intent: str) -> None:
        turn.intent = intent
        if turn.state.state == State.CLARIFYING:  # they said something else instead of choosing
            self._leave_side_question(turn)
        state = State(turn.state.state)
        handler = STATE_HANDLERS.get((state, intent)) or INTENT_HANDLERS.get(intent, Tutor.on_out_of_scope)
        handler(self, turn)

    def _leave_side_question(self, turn: Turn) -> None:
        """A "reset?" or "did you mean?" question the learner moved on from: back to where they were."""
        for state, key in ((State.CONFIRMING_RESET, "after_reset"), (State.CLARIFYING, "after_clarify")):
            if turn.state.state == state:
                turn.state.state = turn.state.context.pop(key, State.IDLE)

    def _chosen_action(self, turn: Turn) -> str | None:
        """The command of an offered option picked by its number or label (questions excluded)."""
        if not turn.state.actions:
            return None
        index = match_option(turn.text, turn.state.options)
        exact = turn.text.strip().isdigit() or (index is not None and len(turn.text.strip()) > 2)
        return turn.state.actions[index] if index is not None and exact else None

    def _understood_intent(self, turn: Turn) -> str | None:
        """The NLU's intent when confident, else a keyword rule's, else what a named concept or day
        suggests; None: ask what they meant. A concept or day named in chit-chat is taught, not declined."""
        analysis = turn.analysis
        confident = analysis and analysis.intent and analysis.intent.confidence >= CONFIDENCE_THRESHOLD
        if confident and analysis.intent.name not in ("smalltalk", "out_of_scope"):
            return analysis.intent.name
        guess = None if confident else keyword_intent(turn.text)
        if guess is None and turn.entities("DAY") and self._find_day(turn) is not None:
            guess = "goto_day"
        # a concept named by the NER, or a message that is nothing but a concept's name ("experience")
        if guess is None and (self._concept_from_entities(turn) or self.curriculum.concept_named_exactly(turn.text)):
            guess = "ask_concept"
        if confident:
            return guess or analysis.intent.name
        return guess or (None if analysis and analysis.intent else "out_of_scope")

    def _is_other_request(self, turn: Turn) -> bool:
        """While a question is open: is this message clearly something other than an answer?"""
        question = Question.from_dict(turn.state.pending)
        if _reads_as_answer(question, turn.text, turn.entities("DAY")):
            return False
        if PICTURE_REQUEST.search(turn.text):  # "can you plot the sigmoid?" is no answer, whatever it reads as
            return True
        analysis = turn.analysis
        # A question that wants an option or a number is not answered by anything else: the usual confidence
        # suffices, chit-chat included ("tell me a joke" had got "I need one number here" until the learner
        # answered). A free-text answer may read as any intent: only a confident request beats it.
        shaped = _wants_shaped_answer(question)
        if analysis and analysis.intent and analysis.intent.confidence >= (
                CONFIDENCE_THRESHOLD if shaped else REQUEST_CONFIDENCE):
            chat = {"smalltalk", "out_of_scope"} if shaped else set()
            return analysis.intent.name in REQUEST_INTENTS | chat
        return keyword_intent(turn.text) in ("goto_day", "progress", "help", "goodbye", "quiz", "repeat") or bool(
            re.search(r"\bwhat( is| are| does|'s)\b", turn.text, re.IGNORECASE)
        )

    # -- commands --------------------------------------------------------------------------------
    def run_command(self, turn: Turn, command: Command) -> None:
        turn.intent = turn.intent or f"/{command.name}"
        if command.name not in ("confirm", "cancel", "intent"):
            self._leave_side_question(turn)
        handler = COMMANDS.get(command.name)
        if handler is None:
            return turn.say(f"I don't know the command /{command.name}.", self._main_options())
        handler(self, turn, command.argument)

    def cmd_start(self, turn: Turn, _: str) -> None:
        self.on_greet(turn)

    def cmd_help(self, turn: Turn, _: str) -> None:
        self.on_help(turn)

    def cmd_lesson(self, turn: Turn, argument: str) -> None:
        if argument == "next":
            return self.next_lesson(turn)
        if argument:
            lesson = self._lesson_or_none(argument)
            if lesson is None:
                return turn.say(f"There is no lesson {argument!r}.", self._main_options())
            return self.teach(turn, lesson.id, 0)
        self.on_start_lesson(turn)

    def cmd_next(self, turn: Turn, _: str) -> None:
        self.continue_lesson(turn)

    def cmd_repeat(self, turn: Turn, _: str) -> None:
        self.on_repeat(turn)

    def cmd_example(self, turn: Turn, argument: str) -> None:
        lesson = self._lesson_or_none(argument or turn.state.lesson_id or "")
        if lesson is None:
            return turn.say("Start a lesson first, then I can show its worked example.", self._main_options())
        turn.state.lesson_id = lesson.id
        self.show_worked_example(turn, lesson)

    def cmd_quiz(self, turn: Turn, argument: str) -> None:
        concept = self.curriculum.find_concept(argument, similar=self._similar) if argument else None
        if argument and concept is None:  # "/quiz blockchain" had silently quizzed on something else
            turn.say(f"“{argument[:60]}” is not in the seminar, so here is a question from the course instead.")
        self.quiz(turn, concept.key if concept else None)

    def cmd_review(self, turn: Turn, _: str) -> None:
        due = self.store.due_cards(turn.state.learner_id, self.scheduler.clock(), MAX_REVIEW_OFFER)
        specs = [spec for card in due if (spec := self._exercise(card.item))]
        if not specs:
            return turn.say("Nothing is due for review right now — well remembered! 🎉", self._main_options())
        turn.say(f"Review time: {len(due)} item(s) due.")
        if not any(self.pose(turn, spec, review=True) for spec in specs):
            turn.say("I can't ask those review items right now.", self._main_options())

    def cmd_progress(self, turn: Turn, _: str) -> None:
        self.on_progress(turn)

    def cmd_day(self, turn: Turn, argument: str) -> None:
        day = self.curriculum.find_day(f"day {argument}") if argument else None
        if day is None:
            return turn.say("Which day? /day 1 to /day 5.", self._day_options())
        self.teach_day(turn, day)

    def cmd_skip(self, turn: Turn, _: str) -> None:
        if not turn.state.pending:
            return turn.say("There is no open question to skip.", self._main_options())
        self.give_up(turn)

    def skip_or_jump(self, turn: Turn) -> None:
        """With a question open, "skip" names no day or topic: it skips the question (/skip), not a jump."""
        if self._find_day(turn) is None and self._find_concept(turn) is None:
            return self.cmd_skip(turn, "")
        self.on_goto_day(turn)

    def cmd_reset(self, turn: Turn, _: str) -> None:
        turn.state.context["after_reset"] = turn.state.state
        turn.state.state = State.CONFIRMING_RESET
        turn.say(
            "Reset all your progress (mastery, reviews, where you are)? This cannot be undone.",
            [("Yes, reset", "/confirm"), ("No, keep it", "/cancel")],
        )

    def cmd_confirm(self, turn: Turn, _: str) -> None:
        if turn.state.state != State.CONFIRMING_RESET:
            return turn.say("There is nothing to confirm.", self._main_options())
        self.confirm_reset(turn)

    def cmd_cancel(self, turn: Turn, _: str) -> None:
        if turn.state.state != State.CONFIRMING_RESET:
            return turn.say("OK.", self._main_options())
        self.cancel_reset(turn)

    def cmd_intent(self, turn: Turn, intent: str) -> None:
        """The learner chose what they meant after a clarifying question: replay their text."""
        turn.text = turn.state.context.pop("clarify_text", turn.text)
        turn.state.state = turn.state.context.pop("after_clarify", State.IDLE)
        self.dispatch(turn, intent if intent in INTENT_LABELS else "help")

    def cmd_sentiment(self, turn: Turn, argument: str) -> None:
        turn.replies.append(sentiment_reply(self.nlu, argument))

    def cmd_entities(self, turn: Turn, argument: str) -> None:
        turn.replies.append(entities_reply(self.nlu, argument))

    def cmd_analogy(self, turn: Turn, argument: str) -> None:
        turn.replies.append(analogy_reply(self.embeddings, argument))

    def cmd_gd(self, turn: Turn, argument: str) -> None:
        turn.replies.append(gd_reply(argument, self._draw_safely))

    # -- intents ---------------------------------------------------------------------------------
    def on_greet(self, turn: Turn) -> None:
        if turn.state.pending:  # back in the middle of a question: that question, with its own options
            turn.state.state = State.AWAITING_ANSWER
            return self._back_to_question(turn, "Welcome back!")
        lesson = self._lesson_or_none(turn.state.lesson_id or "")
        if turn.state.state == State.NEW or lesson is None:
            greeted = turn.state.state == State.IDLE  # "hello" after the introduction: not all of it again
            turn.state.state = State.IDLE
            turn.say(
                "Hi again! Shall we start with Day 1?" if greeted else
                "Hi! I'm tutorbot, your tutor for the practical deep learning seminar: five days, from "
                "machine learning basics to neural networks, CNNs, RNNs and word2vec. I teach in short "
                "steps, quiz you, and remember your progress. Shall we start with Day 1?",
                [("Start Day 1", "/day 1"), ("What can you do?", "/help"), ("My progress", "/progress")],
            )
        else:
            turn.say(
                f"Welcome back! You were in Day {lesson.day}: “{lesson.title}”. Shall we continue?",
                [("Continue", "/lesson"), ("Quiz me", "/quiz"), ("My progress", "/progress")],
            )
        self._offer_due_reviews(turn)

    def on_goodbye(self, turn: Turn) -> None:
        turn.say("Bye for now! Your progress is saved — come back any time and we'll pick up where you left off.")

    def on_thanks(self, turn: Turn) -> None:
        if self._is_negative(turn):  # "thanks for nothing": an apology and another way, not "you're welcome"
            options = [("Explain again", "/repeat"), *self._resume_options(turn)][:3]
            return turn.say("Sorry that didn't help. Shall I explain it another way?", options)
        turn.say("You're welcome! Shall we keep going?", self._resume_options(turn))

    def on_help(self, turn: Turn) -> None:
        turn.say(
            "I teach the practical deep learning seminar (Days 1–5) in short chat steps. You can:\n"
            "• say “let's start” or /lesson — continue the course\n"
            "• ask “what is gradient descent?” — I explain any concept of the seminar\n"
            "• say “quiz me” or /quiz — practise (/review for spaced review)\n"
            "• say “go to day 3” — jump anywhere\n"
            "• say “how am I doing?” or /progress\n"
            "• play with my models: /sentiment TEXT, /entities TEXT, /analogy king - man + woman, /gd 0.1\n"
            "• /reset — start over\n"
            "I teach in English; greetings, thanks and simple requests I understand in a few other languages too.",
            [("Continue the course", "/lesson"), ("Quiz me", "/quiz"), ("My progress", "/progress")],
        )

    def on_start_lesson(self, turn: Turn) -> None:
        named = self._concept_from_entities(turn)  # "let's start with backprop"
        if named is not None:
            return self.teach(turn, named.lesson, 0)
        lesson = self._lesson_or_none(turn.state.lesson_id or "")
        if lesson is None:
            return self.teach_day(turn, 1)
        if NEXT_LESSON.search(turn.text):  # "next lesson" names the lesson after this one, not the next step
            return self.next_lesson(turn)
        if PREVIOUS_LESSON.search(turn.text):  # "previous lesson" had gone on to the next step
            return self.previous_lesson(turn, lesson)
        if self._in_lesson(turn) or turn.state.step >= len(lesson.steps):
            return self.continue_lesson(turn)
        self.teach(turn, lesson.id, turn.state.step)  # back from elsewhere: show where they were

    @staticmethod
    def _in_lesson(turn: Turn) -> bool:
        """In a lesson, or in a question asked from one ("go on" there leaves the question for the lesson's
        next move; it had shown the step the learner had just read again)."""
        return turn.state.state == State.IN_LESSON or (
            turn.state.state == State.AWAITING_ANSWER and turn.state.context.get("after_question") == State.IN_LESSON)

    def on_affirm(self, turn: Turn) -> None:
        self.on_start_lesson(turn)

    def on_deny(self, turn: Turn) -> None:
        turn.state.state = State.IDLE if turn.state.state != State.NEW else State.NEW
        turn.say("No problem. Whenever you're ready, say “let's go” — or ask me anything about the seminar.",
                 self._main_options())

    def on_repeat(self, turn: Turn) -> None:
        concept = turn.explained_before
        if concept is not None and EXAMPLE_REQUEST.search(turn.text):  # "an example?" of the definition just given
            return self.show_example_of(turn, concept)
        if turn.state.pending:
            return self.ask_for_help(turn)
        if self._find_concept(turn) is not None:  # "explain pooling again": that concept, not the step
            return self.on_ask_concept(turn)
        if concept is not None:  # the definition just given did not land: its lesson, step by step
            return self.teach_in_depth(turn, concept)
        lesson = self._lesson_or_none(turn.state.lesson_id or "")
        if lesson is None:
            return turn.say("There's nothing to repeat yet — shall we start Day 1?", [("Start Day 1", "/day 1")])
        if PREVIOUS_LESSON.search(turn.text):  # "what was the lesson before?" reads as repeat
            return self.previous_lesson(turn, lesson)
        step = min(turn.state.step, len(lesson.steps) - 1)
        text = lesson.steps[step].text
        turn.say(
            f"Let me put it another way. Here is the idea again, slowly:\n{text}\n\n"
            f"And a worked example often helps: {lesson.worked_example}",
            self._lesson_options(),
            self._step_images(lesson.steps[step]),
        )

    def teach_in_depth(self, turn: Turn, concept: Any) -> None:
        """After its definition: the concept's lesson from its first step."""
        self.teach(turn, concept.lesson, 0, header=f"Here is {concept.term} from the start, one step at a time.")

    def on_ask_concept(self, turn: Turn) -> None:
        concept = self._find_concept(turn)
        explained = turn.explained_before
        if concept is None and turn.state.pending and BARE_WHY.fullmatch(turn.text):
            return self.ask_for_help(turn)  # "why?" after "Not quite": the next rung, not "couldn't find that concept"
        if concept is None and explained is not None and (REFERS_BACK.search(turn.text) or BARE_WHY.fullmatch(turn.text)):
            return self.teach_in_depth(turn, explained)  # "why do we need it?" right after pooling's definition
        day = self._find_day(turn) if concept is None else None
        if day is not None:  # "what is day 3 about?"
            return turn.say(self._day_goals(day), [(f"Start Day {day}", f"/day {day}")])
        if concept is None:
            # quoted: a term may hold commas itself ("experience, task, performance")
            known = ", ".join(f"“{concept.term}”" for concept in list(self.curriculum.concepts.values())[:5])
            return turn.say(
                "I couldn't find that concept in the seminar. I can explain things like " + known + ".",
                self._main_options(),
            )
        lesson = self.curriculum.lesson(concept.lesson)
        turn.state.context["explained"] = concept.key
        turn.say(
            f"{concept.term[:1].upper()}{concept.term[1:]}: {concept.definition}\n(Day {concept.day}, lesson “{lesson.title}”.)",
            self._concept_options(concept),
        )

    def on_quiz(self, turn: Turn) -> None:
        concept = self._find_concept(turn)
        day = self._find_day(turn) if concept is None else None  # "quiz me on day 2": that day's exercises
        if concept is None and day is None and turn.state.pending:  # "ok, back to the question": not a new one
            return self._back_to_question(turn, "Let's finish this one first (or say “skip”).")
        self.quiz(turn, concept.key if concept else None, day=day)

    def on_progress(self, turn: Turn) -> None:
        lines, by_day = [], {}
        for day in self._day_numbers():
            concepts = [c.key for c in self.curriculum.concepts.values() if c.day == day]
            by_day[day] = mastery_rules.fraction_mastered(turn.state.mastery, concepts)
            done = sum(mastery_rules.is_mastered(turn.state.mastery, c) for c in concepts)
            lines.append(f"Day {day} · {self._day_title(day)}: {done}/{len(concepts)} concepts mastered"
                         + (" ✅" if concepts and done == len(concepts) else ""))
        answered = len(turn.state.mastery)
        due = len(self.store.due_cards(turn.state.learner_id, self.scheduler.clock(), MAX_REVIEW_OFFER))
        summary = f"Your progress — {answered} concept(s) practised, {due} review item(s) due:\n" + "\n".join(lines)
        chart = self._draw_safely("progress", mastery=by_day)
        options = self._resume_options(turn)
        if due:  # "review" reads as progress: the due review is the first thing to offer
            options = [("Review now", "/review"), *options]
        named = self._find_day(turn)
        if named is not None:  # "what's on day 5?" reads as progress: that day's goals first
            summary = f"{self._day_goals(named)}\n\n{summary}"
            options = [(f"Start Day {named}", f"/day {named}"), *options][:3]
        turn.say(summary, options, [chart] if chart else [])

    def _day_goals(self, day: int) -> str:
        return f"Day {day}: {self._day_title(day)}. Its goals: {'; '.join(self.curriculum.day(day).goals)}."

    def on_goto_day(self, turn: Turn) -> None:
        day = self._find_day(turn)
        if day is not None:
            return self.teach_day(turn, day)
        concept = self._find_concept(turn)
        if concept is not None:
            return self.teach(turn, concept.lesson, 0)
        turn.say("Where to? The seminar has five days:", self._day_options())

    def on_smalltalk(self, turn: Turn) -> None:
        reply = self._chit_chat_reply(turn)
        turn.responder_replied = reply is not None
        text = reply or "I'm a tutor bot — happiest when we're learning deep learning together!"
        if turn.state.pending:
            return self._back_to_question(turn, text)
        turn.say(f"{text}\nShall we get back to the course?", self._resume_options(turn))

    def _chit_chat_reply(self, turn: Turn) -> str | None:
        """The responder's reply; None without one, or when it is cheerful to a learner who is not ("ugh" ->
        "Good. Do you want a quick quiz to check?", "ok whatever" -> "I'm glad it helped."), measured with
        our own sentiment model: then the encouragement answers the mood instead."""
        reply = (self.responder(turn.text) or "").strip() if self.responder else ""
        if not reply:
            return None
        mood = self.nlu(reply).sentiment if self.nlu and self._is_negative(turn) else None
        return None if mood is not None and mood.score >= CHEERFUL_SCORE else reply

    def on_out_of_scope(self, turn: Turn) -> None:
        if turn.state.pending:
            return self._back_to_question(turn, "Sorry, I can't help with that — I'm a tutor for the deep learning seminar.")
        turn.say(
            "Sorry, I can't help with that — I'm a tutor for the practical deep learning seminar. "
            "I can teach you the five days step by step, explain concepts (“what is overfitting?”), "
            "quiz you and track your progress.",
            self._main_options(),
        )

    def _remind_open_question(self, turn: Turn) -> None:
        """A side request answered with a question still open ("what is a kernel?", "thanks!", /progress):
        the question again, with its options, so that it is not lost from view ("1" answers it)."""
        if turn.state.pending and turn.state.state == State.AWAITING_ANSWER and not turn.asked and (
                turn.intent != "goodbye"):
            self._back_to_question(turn)

    def _back_to_question(self, turn: Turn, text: str = "") -> None:
        """Answer a side remark, then the open question again with its own options ("1" answers it, not
        an offered "Start Day 1")."""
        question = Question.from_dict(turn.state.pending)
        for reply in turn.replies:  # their quick actions no longer apply: a number now answers the question
            reply.options = []
        turn.ask(f"{text}\nBack to your question: {question.prompt}".strip(), list(question.options), [])

    # -- state-specific handlers -----------------------------------------------------------------
    def continue_lesson(self, turn: Turn) -> None:
        """The lesson's next move: its steps, then the worked example, then a question, then the next lesson."""
        lesson = self._lesson_or_none(turn.state.lesson_id or "")
        if lesson is None:
            return self.teach_day(turn, 1)
        step = turn.state.step + 1
        if step < len(lesson.steps):
            return self.teach(turn, lesson.id, step)
        if step == len(lesson.steps):
            return self.show_worked_example(turn, lesson)
        if step == len(lesson.steps) + 1:
            turn.state.step = step
            return self.quiz(turn, None, lesson_id=lesson.id)
        self.next_lesson(turn)

    def confirm_reset(self, turn: Turn) -> None:
        fresh = LearnerState(turn.state.learner_id, state=State.IDLE)
        turn.state.__dict__.update(fresh.__dict__)
        turn.writes.reset = True
        turn.say("Done: your progress is reset. Shall we start again with Day 1?", [("Start Day 1", "/day 1")])

    def cancel_reset(self, turn: Turn) -> None:
        turn.state.state = turn.state.context.pop("after_reset", State.IDLE)
        turn.say("OK, nothing was reset — your progress is safe.", self._resume_options(turn))

    def reset_unclear(self, turn: Turn) -> None:
        turn.say("Please answer yes or no: reset all your progress?",
                 [("Yes, reset", "/confirm"), ("No, keep it", "/cancel")])

    def clarify(self, turn: Turn) -> None:
        ranking = turn.analysis.intent_ranking[:2] if turn.analysis else []
        if turn.state.state != State.CLARIFYING:
            turn.state.context["after_clarify"] = turn.state.state
        turn.state.context["clarify_text"] = turn.text
        turn.state.state = State.CLARIFYING
        options = [(INTENT_LABELS.get(s.name, s.name), f"/intent {s.name}") for s in ranking]
        turn.say("I'm not sure what you meant. Did you want to…", options + [("Something else", "/help")])

    # -- teaching ----------------------------------------------------------------------------------
    def teach_day(self, turn: Turn, day: int) -> None:
        lesson = self._first_lesson(day)
        header = f"Day {day}: {self._day_title(day)}."
        self.teach(turn, lesson.id, 0, header=header)

    def teach(self, turn: Turn, lesson_id: str, step: int, header: str = "") -> None:
        lesson = self.curriculum.lesson(lesson_id)
        step = max(0, min(step, len(lesson.steps) - 1))
        self._drop_open_question(turn)
        turn.state.state, turn.state.lesson_id, turn.state.step = State.IN_LESSON, lesson.id, step
        day = "" if header else f"Day {lesson.day} · "
        title = f"{day}Lesson: {lesson.title} ({step + 1}/{len(lesson.steps)})\n" if step == 0 or header else ""
        text = f"{header}\n{title}{lesson.steps[step].text}".strip()
        turn.say(text, self._lesson_options(), self._step_images(lesson.steps[step]))

    @staticmethod
    def _drop_open_question(turn: Turn) -> None:
        """The learner went to a lesson instead of answering: the question is dropped, not counted as a
        miss. Left open, it came back out of place ("Back to your question" in the middle of Day 2), and
        "1" there read as a day to go to, not as its answer."""
        if turn.state.pending:
            turn.state.pending, turn.state.misses = None, 0
            turn.state.context.pop("after_question", None)

    def show_example_of(self, turn: Turn, concept: Any) -> None:
        """The worked example of ``concept``'s lesson, without leaving the lesson or the question the
        learner is in (the definition came as a side answer)."""
        lesson = self.curriculum.lesson(concept.lesson)
        text = f"An example for {concept.term} — {lesson.title}:\n{lesson.worked_example}"
        if turn.state.pending:
            return self._back_to_question(turn, text)
        turn.say(text, self._concept_options(concept))

    def show_picture(self, turn: Turn) -> bool:
        """A picture asked for in words ("plot the sigmoid", "show me a picture of it"; "show me the path for
        learning rate 0.5" runs the /gd playground): of the concept named, else of the one just explained,
        else of the lesson the learner is in. False when the message asks for none, or names nothing to show."""
        asks_picture = bool(PICTURE_REQUEST.search(turn.text))
        step_size = parse_number(turn.text)
        if not asks_picture and (step_size is None or not RUN_REQUEST.search(turn.text)):
            return False
        named = self._concept_from_entities(turn) or self.curriculum.find_concept(
            PICTURE_REQUEST.sub(" ", turn.text[:LOOKUP_CHARS]))  # "image" names no concept here
        concept = named or turn.explained_before
        lesson = self.curriculum.lesson(concept.lesson) if concept else (
            self._lesson_or_none(turn.state.lesson_id or "") if self._in_lesson(turn) else None)
        if lesson is None:
            return False
        pictured = next((step for step in lesson.steps if step.image), None)
        if pictured is not None and pictured.image == "gd_path" and step_size is not None:
            turn.replies.append(gd_reply(f"{step_size:g}", self._draw_safely))
            return True
        images = self._step_images(pictured) if pictured is not None and asks_picture else []
        if not images:
            if concept is None or not asks_picture:
                return False
            turn.say(f"I have no picture of {concept.term}, but an example shows it well.")
            self.show_example_of(turn, concept)
            return True
        if concept is not None:
            turn.state.context["explained"] = concept.key  # "an example?" next is still about it
        options = self._concept_options(concept) if concept is not None else self._lesson_options()
        turn.say(pictured.text, options, images)
        return True

    def show_worked_example(self, turn: Turn, lesson: Any) -> None:
        self._drop_open_question(turn)
        turn.state.state = State.IN_LESSON
        turn.state.step = len(lesson.steps)
        turn.say(f"Worked example — {lesson.title}:\n{lesson.worked_example}",
                 [("Quiz me on this", "/quiz"), ("Next lesson", "/lesson next")])

    def previous_lesson(self, turn: Turn, lesson: Any) -> None:
        before = self.curriculum.previous_lesson(lesson.id)
        if before is None:
            return self.teach(turn, lesson.id, 0, header="This is the first lesson of the seminar.")
        self.teach(turn, before.id, 0, header=f"Back to Day {before.day}:")

    def next_lesson(self, turn: Turn) -> None:
        if turn.state.lesson_id is None:
            return self.teach_day(turn, 1)
        following = self.curriculum.next_lesson(turn.state.lesson_id)
        if following is None:
            turn.state.state = State.IDLE
            return turn.say("That was the last lesson of the seminar — congratulations! 🎓 "
                            "Keep your knowledge fresh with /review.", self._main_options())
        self.teach(turn, following.id, 0, header=self._new_day_header(following))

    def quiz(self, turn: Turn, concept: str | None, lesson_id: str | None = None, day: int | None = None) -> None:
        for spec in self._exercises_to_try(turn.state, concept, lesson_id, day):
            if self.pose(turn, spec, review=False):
                return
        turn.say("I have no exercise for that yet.", self._main_options())

    def pose(self, turn: Turn, spec: Any, *, review: bool) -> bool:
        """Ask a fresh question of ``spec``; False when it cannot be asked now (e.g. no word2vec)."""
        rng = random.Random(f"{turn.state.learner_id}:{turn.state.questions_asked}")
        try:
            question = make_question(spec, rng, analogy=self._analogy if self.embeddings is not None else None)
        except ExerciseUnavailable:
            return False
        turn.state.questions_asked += 1
        if turn.state.state != State.AWAITING_ANSWER:
            turn.state.context["after_question"] = turn.state.state
        turn.state.state = State.AWAITING_ANSWER
        turn.state.pending = {**question.to_dict(), "review": review}
        turn.state.misses = 0
        images = self._question_images(question)
        turn.ask(question.prompt, list(question.options), images)
        return True

    # -- answers (AutoTutor: hint -> prompt -> worked answer) ------------------------------------
    def answer(self, turn: Turn) -> None:
        question = Question.from_dict(turn.state.pending)
        check = question.check(turn.text)
        if not check.understood:  # not an answer at all: say how to answer, no miss counted
            return turn.ask(check.feedback, list(question.options), [])
        turn.writes.answers.append(AnswerRecord(question.exercise_id, question.concept, turn.text, check.correct))
        if check.correct:
            return self._answered_right(turn, question)
        turn.state.misses += 1
        self.escalate(turn, check.feedback)

    def ask_for_help(self, turn: Turn) -> None:
        """"I don't know" / "hint" while a question is open: one step up the help ladder."""
        turn.state.misses += 1
        self.escalate(turn)

    def escalate(self, turn: Turn, feedback: str = "") -> None:
        """Help after the learner's ``misses``-th miss: 1 a hint, 2 a prompt, 3 the worked answer."""
        question = Question.from_dict(turn.state.pending)
        turn.helped_with_question = True
        hints = list(question.hints)
        level = turn.state.misses
        if level > min(len(hints), MAX_HINTS):
            return self.give_up(turn, feedback)
        lead = feedback or "Let me help."
        help_text = ("Hint: " if level == 1 else "Think about it this way: ") + hints[level - 1]
        turn.ask(f"{lead}\n{help_text}\nTry again!", list(question.options), [])

    def give_up(self, turn: Turn, feedback: str = "") -> None:
        """Show the worked answer, schedule the item soon, and try a fresh variant at once."""
        question = Question.from_dict(turn.state.pending)
        self._conclude(turn, question, correct=False)
        lead = f"{feedback}\n" if feedback else ""
        turn.say(f"{lead}Here is the worked answer:\n{question.solution}")
        turn.state.pending = None
        turn.state.state = turn.state.context.pop("after_question", State.IDLE)
        for spec in self._follow_ups(question):
            if self.pose(turn, spec, review=False):
                turn.replies.insert(-1, Reply("Now try one like it yourself:"))
                break

    def _answered_right(self, turn: Turn, question: Question) -> None:
        self._conclude(turn, question, correct=True)
        praise = "✅ Correct!" if turn.state.misses == 0 else "✅ Correct — well worked out!"
        turn.state.pending = None
        turn.state.state = turn.state.context.pop("after_question", State.IDLE)
        if turn.state.state == State.AWAITING_ANSWER:
            turn.state.state = State.IDLE
        text = f"{praise} {question.explanation or question.solution}"
        options = [("Another question", "/quiz"), ("Next lesson", "/lesson next"), ("My progress", "/progress")]
        day_done = self._day_just_mastered(turn.state, question.concept)
        if day_done is not None:
            text += f"\n🎉 You've mastered every concept of Day {day_done}! The day is done — on to the next?"
            if day_done + 1 in self._day_numbers():
                options.insert(0, (f"Start Day {day_done + 1}", f"/day {day_done + 1}"))
        turn.state.misses = 0
        turn.say(text, options)

    def _conclude(self, turn: Turn, question: Question, *, correct: bool) -> None:
        """The question is over: update the concept's mastery and the exercise's review card."""
        misses = turn.state.misses
        previous = turn.state.mastery.get(question.concept)
        result = mastery_rules.outcome(correct, misses)
        turn.state.mastery[question.concept] = mastery_rules.updated(previous, result)
        existing = self.store.card(turn.state.learner_id, question.exercise_id)
        card = self.scheduler.review(question.exercise_id, question.concept, existing, rating_for(correct, misses))
        turn.writes.cards.append(card)

    # -- sentiment ---------------------------------------------------------------------------------
    def _encourage_if_negative(self, turn: Turn) -> None:
        if not self._is_negative(turn):
            return
        # The encouragement is about learning being hard; a greeting or a thanks is not asking for help
        # (read as negative, it was more often a misreading: "привет, это Аня").
        if turn.intent in ("greet", "thanks", "goodbye", "out_of_scope", "answer") or (turn.intent or "").startswith("/"):
            return
        # Chit-chat the responder answered: its persona already meets the mood ("I'm sick of studying" ->
        # "take a short break"); the generic "let's take it step by step" on top contradicted it.
        if turn.responder_replied:
            return
        # "I don't get it" on an open question has just climbed the help ladder: no second copy of the hint.
        easier = "" if turn.helped_with_question else self._easier_path(turn)
        turn.replies.insert(0, Reply(
            "Don't worry — everyone finds this hard at first, and you're doing the right thing by asking. "
            "Let's take it step by step." + easier
        ))

    @staticmethod
    def _is_negative(turn: Turn) -> bool:
        sentiment = turn.analysis.sentiment if turn.analysis else None
        return sentiment is not None and sentiment.label == "negative" and sentiment.score <= NEGATIVE_SCORE

    def _easier_path(self, turn: Turn) -> str:
        lesson = self._lesson_or_none(turn.state.lesson_id or "")
        if turn.state.pending:
            if turn.state.pending != turn.open_before:
                # a question posed in this very turn ("I failed my exam" read as quiz): the learner has
                # not read it yet, so no hint for it and no miss counted, only the encouragement
                return ""
            # the next hint of the question's help ladder, one rung up as "no idea" would climb: the
            # first hint again after "no clue" -> hint, "ugh" had repeated what the learner had just read
            hints = Question.from_dict(turn.state.pending).hints
            if turn.state.misses >= min(len(hints), MAX_HINTS):
                return " Say “skip” to see the worked answer." if hints else ""
            turn.state.misses += 1
            return f" A hint for the question: {hints[turn.state.misses - 1]}"
        if lesson is not None:
            turn.state.options.append("Show me a worked example")
            turn.state.actions.append(f"/example {lesson.id}")
            if turn.replies:
                turn.replies[-1].options.append("Show me a worked example")
            return " A worked example usually makes it click — pick “Show me a worked example”."
        return " Let's begin with the very first, gentle lesson: say “let's start”."

    # -- lookups -----------------------------------------------------------------------------------
    def _concept_from_entities(self, turn: Turn) -> Any:
        for entity in turn.entities("CONCEPT", "FRAMEWORK"):
            if concept := self.curriculum.find_concept(entity.text, similar=self._similar):
                return concept
        return None

    def _find_concept(self, turn: Turn) -> Any:
        if concept := self._concept_from_entities(turn):
            return concept
        # The fuzzy search grows with the text: a concept question is short, so look at its start only.
        return self.curriculum.find_concept(turn.text[:LOOKUP_CHARS], similar=self._similar)

    def _find_day(self, turn: Turn) -> int | None:
        for entity in turn.entities("DAY"):
            if (day := self.curriculum.find_day(entity.text)) is not None:
                return day
        return self.curriculum.find_day(turn.text)

    def _similar(self, word: str) -> list[tuple[str, float]]:
        """Mutual word2vec neighbours: the concept finder's last resort for words it does not know.

        Only neighbours that have ``word`` among their own nearest ten count: rare words crowd together
        ("tensor" -> "exploding", and so the exploding gradient) and a frequent word's nearest can be a rare
        one ("why do we need it" -> "backprop"). Of the ask_concept examples in data/nlu that only the
        neighbours resolve, the plain ones gave 2 concepts, both wrong; the mutual ones none."""
        if self.embeddings is None:
            return []
        try:
            return [(neighbour, score) for neighbour, score in self.embeddings.most_similar(word, 5)
                    if word.lower() in (own for own, _ in self.embeddings.most_similar(neighbour, 10))]
        except (KeyError, ValueError):
            return []

    def _analogy(self, positive: list[str], negative: list[str], n: int = 5) -> list[tuple[str, float]]:
        return list(self.embeddings.analogy(positive, negative, n))

    def _exercises_to_try(self, state: LearnerState, concept: str | None, lesson_id: str | None,
                          day: int | None = None) -> list[Any]:
        """Exercises on the concept, else of the day, else of the lesson (the current one by default), best
        first: the least-mastered concept first, rotating among equals by the question count (reproducibly)."""
        if concept:
            specs = self.curriculum.exercises_for(concept=concept)
        elif day is not None:
            specs = self.curriculum.exercises_for(day=day)
        else:
            specs = self.curriculum.exercises_for(lesson_id=lesson_id or state.lesson_id or self._first_lesson(1).id)
        if not specs:
            return []
        rotation = state.questions_asked % len(specs)
        ordered = specs[rotation:] + specs[:rotation]
        return sorted(ordered, key=lambda spec: state.mastery.get(spec.concept, -1.0))

    def _follow_ups(self, question: Question) -> list[Any]:
        """After a worked answer, what to practise: the same generator with fresh numbers, else
        another exercise on the concept, else (one with a reshuffled option order) the same."""
        spec = self._exercise(question.exercise_id)
        if spec is None:
            return []
        if spec.kind in GENERATORS:
            return [spec]
        others = [s for s in self.curriculum.exercises_for(concept=spec.concept) if s.id != spec.id]
        return [*others, spec]

    def _exercise(self, exercise_id: str) -> Any:
        return self.curriculum.exercises.get(exercise_id)

    def _lesson_or_none(self, lesson_id: str) -> Any:
        if not lesson_id:
            return None
        try:
            return self.curriculum.lesson(lesson_id)
        except (KeyError, LookupError, ValueError):
            return None

    def _day_numbers(self) -> list[int]:
        return sorted({concept.day for concept in self.curriculum.concepts.values()} | set(_days_of(self.curriculum)))

    def _day_title(self, day: int) -> str:
        return str(getattr(self.curriculum.day(day), "title", f"Day {day}"))

    def _first_lesson(self, day: int) -> Any:
        return self.curriculum.day(day).lessons[0]

    def _new_day_header(self, lesson: Any) -> str:
        return f"Day {lesson.day}: {self._day_title(lesson.day)}." if lesson.id == self._first_lesson(lesson.day).id else ""

    def _day_just_mastered(self, state: LearnerState, concept_key: str) -> int | None:
        concept = self.curriculum.concepts.get(concept_key)
        if concept is None or not mastery_rules.is_mastered(state.mastery, concept_key):
            return None
        keys = [c.key for c in self.curriculum.concepts.values() if c.day == concept.day]
        return concept.day if mastery_rules.fraction_mastered(state.mastery, keys) == 1.0 else None

    def _offer_due_reviews(self, turn: Turn) -> None:
        due = self.store.due_cards(turn.state.learner_id, self.scheduler.clock(), MAX_REVIEW_OFFER)
        if due:
            turn.say(f"📚 {len(due)} review item(s) are due — a quick review keeps them fresh.",
                     [("Review now", "/review"), ("Later", "/lesson")])

    # -- options and pictures ----------------------------------------------------------------------
    def _main_options(self) -> list[tuple[str, str]]:
        return [("Continue the course", "/lesson"), ("Quiz me", "/quiz"), ("Help", "/help")]

    @staticmethod
    def _concept_options(concept: Any) -> list[tuple[str, str]]:
        return [("Teach me this lesson", f"/lesson {concept.lesson}"), (f"Quiz me on {concept.term}", f"/quiz {concept.term}")]

    def _lesson_options(self) -> list[tuple[str, str]]:
        return [("Continue", "/next"), ("Explain again", "/repeat"), ("Quiz me", "/quiz")]

    def _resume_options(self, turn: Turn) -> list[tuple[str, str]]:
        if turn.state.lesson_id:
            return [("Continue the lesson", "/lesson"), ("Quiz me", "/quiz"), ("My progress", "/progress")]
        return [("Start Day 1", "/day 1"), ("What can you do?", "/help")]

    def _day_options(self) -> list[tuple[str, str]]:
        return [(f"Day {d}: {self._day_title(d)}", f"/day {d}") for d in self._day_numbers()]

    def _step_images(self, step: Any) -> list[Path]:
        image = getattr(step, "image", None)
        return self._images_for(image)

    def _question_images(self, question: Any) -> list[Path]:
        if getattr(question, "plot", None):
            plot = dict(question.plot)
            chart = self._draw_safely(plot.pop("name"), **plot)
            return [chart] if chart else []
        return self._images_for(getattr(question, "image", None))

    def _images_for(self, image: Any) -> list[Path]:
        if not image:
            return []
        if isinstance(image, dict):
            params = dict(image)
            chart = self._draw_safely(params.pop("name"), **params)
        elif Path(str(image)).suffix == ".png":
            chart = Path(str(image))
        else:
            chart = self._draw_safely(str(image))
        return [chart] if chart else []

    def _draw_safely(self, name: str, **params: Any) -> Path | None:
        """A picture helps but is never worth losing the turn for."""
        try:
            return self.draw(name, **params)
        except Exception:  # noqa: BLE001 - plotting failures must not break the dialogue
            log.exception("drawing %s failed", name)
            return None


def _wants_shaped_answer(question: Any) -> bool:
    """An option or a number (or a vector), as opposed to a free-text answer."""
    return bool(question.options) or answer_kind(question.answer) != "text"


def _reads_as_answer(question: Any, text: str, day_mentions: Sequence[Entity] = ()) -> bool:
    """Whether ``text`` has the shape of an answer to ``question`` (an option, numbers, a short phrase).
    The numbers of ``day_mentions`` are not an answer: "go to day 4" names a day."""
    if re.fullmatch(r"\s*[-+]?\d+[.)]?\s*", text):  # even "7" to a 4-option question: a slip, not a request
        return True
    if question.options:
        return match_option(text, list(question.options)) is not None
    if _wants_shaped_answer(question):
        for mention in day_mentions:
            text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
        return parse_number(text) is not None or bool(parse_vector(text))
    return len(text.split()) <= 4 and "?" not in text


def _days_of(curriculum: Any) -> list[int]:
    days = curriculum.days
    values = days.values() if isinstance(days, dict) else days
    return [getattr(day, "number", day) for day in values]


# (state, intent) -> handler, for what an intent means in a particular state; INTENT_HANDLERS otherwise.
STATE_HANDLERS: dict[tuple[State, str], Handler] = {
    (State.IN_LESSON, "affirm"): Tutor.continue_lesson,
    (State.IN_LESSON, "start_lesson"): Tutor.on_start_lesson,   # continues, unless it names a lesson or "next lesson"
    (State.AWAITING_ANSWER, "repeat"): Tutor.on_repeat,          # the help ladder, unless it asks about a side answer
    (State.AWAITING_ANSWER, "deny"): Tutor.ask_for_help,
    (State.AWAITING_ANSWER, "help"): Tutor.ask_for_help,
    (State.AWAITING_ANSWER, "goto_day"): Tutor.skip_or_jump,
    (State.CONFIRMING_RESET, "affirm"): Tutor.confirm_reset,
    (State.CONFIRMING_RESET, "deny"): Tutor.cancel_reset,
    **{(State.CONFIRMING_RESET, intent): Tutor.reset_unclear
       for intent in INTENT_LABELS if intent not in ("affirm", "deny")},
}

INTENT_HANDLERS: dict[str, Handler] = {
    "greet": Tutor.on_greet,
    "goodbye": Tutor.on_goodbye,
    "thanks": Tutor.on_thanks,
    "affirm": Tutor.on_affirm,
    "deny": Tutor.on_deny,
    "help": Tutor.on_help,
    "start_lesson": Tutor.on_start_lesson,
    "repeat": Tutor.on_repeat,
    "ask_concept": Tutor.on_ask_concept,
    "quiz": Tutor.on_quiz,
    "progress": Tutor.on_progress,
    "goto_day": Tutor.on_goto_day,
    "smalltalk": Tutor.on_smalltalk,
    "out_of_scope": Tutor.on_out_of_scope,
}

COMMANDS: dict[str, Callable[[Tutor, Turn, str], None]] = {
    "start": Tutor.cmd_start, "help": Tutor.cmd_help, "lesson": Tutor.cmd_lesson, "next": Tutor.cmd_next,
    "repeat": Tutor.cmd_repeat, "example": Tutor.cmd_example, "quiz": Tutor.cmd_quiz,
    "review": Tutor.cmd_review, "progress": Tutor.cmd_progress, "day": Tutor.cmd_day, "skip": Tutor.cmd_skip,
    "reset": Tutor.cmd_reset, "confirm": Tutor.cmd_confirm, "cancel": Tutor.cmd_cancel,
    "intent": Tutor.cmd_intent, "sentiment": Tutor.cmd_sentiment, "entities": Tutor.cmd_entities,
    "analogy": Tutor.cmd_analogy, "gd": Tutor.cmd_gd,
}
