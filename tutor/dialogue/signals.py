"""Everything read from one learner message, once per turn, before any rule runs.

A :class:`Signals` is built from the message (text, the command the core parsed, the NLU's
analysis) and the state the turn started in. Each reading is computed on first use and kept
(``cached_property``), so a rule table that asks twice pays once. Every regular expression of
the dialogue is read here (the patterns themselves are in :mod:`tutor.dialogue.cues`); the rules read
these names, never the raw text.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from nlp.types import Analysis, AnswerContext, AnswerHit, Entity
from tutor.answers import names_a_position, number_word, parse_number, parse_vector
from tutor.key_ideas import missing_ideas
from tutor.commands import Command
from tutor.curriculum import EVERYDAY_PHRASES, Concept, Curriculum, Lesson, Step
from tutor.dialogue.cues import (
    ANALOGY_ASKED, OTHER_OPTIMIZER, REQUESTS_AFTER_COURTESY, NO_FIRST, SOCIAL_INTENT_ACTS, THANKS_FIRST, YES_FIRST,
    ASKS_SOMETHING, ASKS_WHAT, BARE_DECIMAL, BARE_NUMBER, DAY_NUMBER, DESCENT_AGAIN,
    EXAMPLE_GIVEN, EXAMPLE_REMARKED, EXAMPLE_REQUEST, KEYWORD_REQUESTS, LONE_LETTER, NEXT_LESSON, PICTURE_REQUEST,
    PLACEMENT, PREVIOUS_LESSON, REFERS_BACK, RUN_REQUEST, keyword_intent, names_a_day,
)
from tutor.dialogue.knowledge_signals import KnowledgeReadings, surer
from tutor.dialogue.request_cues import ASKS_THE_TUTOR, GIVES_A_REASON, GOES_TO, GUESS, KNOWN_CLAUSE, LEADING_ANSWER, LESSON_NUMBERED, QUIZZED_ON, SKIPPED_DAY
from labs import registry
from tutor.dialogue.lab_cues import LAB_WORD
from tutor.dialogue.lab_signals import LabSignals
from tutor.dialogue.option_signals import option_chosen
from tutor.dialogue.chat_cues import SOCIAL_ACTS
from tutor.dialogue.chat_signals import ChatSignals
from tutor.dialogue.wording import WordingSignals
from tutor.dialogue.state import Activity, DialogueState, Mode
from tutor.exercises import Check, Question, answer_kind
from tutor.lab_runs import LabDone
from tutor.layer_sums import Layer
from tutor.reminders import ReminderSetting, parse_reminder, zone_named

# Intents that, said confidently while a question is open, mean "not an answer: do this instead".
# ("repeat", "deny" and "help" climb the question's help ladder: "I don't get it", "no idea".)
REQUEST_INTENTS = {"ask_concept", "goto_day", "progress", "quiz", "start_lesson", "goodbye", "greet", "thanks",
                   "help", "repeat", "deny"}
CHAT_INTENTS = {"smalltalk", "out_of_scope"}
CONFIDENCE_THRESHOLD = 0.5      # below it we ask what the learner meant
NEWS_ACTS = frozenset({"life_news", "feeling_good", "family_joy", "good_news"})
REQUEST_CONFIDENCE = 0.8        # while a question is open, only a confident request beats an answer
NEGATIVE_SCORE = -0.3           # sentiment at or below it gets encouragement
LOOKUP_CHARS = 200              # how much of a message the concept finder searches without entities

INTENT_LABELS = {
    "greet": "Say hello", "goodbye": "Leave for now", "thanks": "Say thanks", "affirm": "Say yes",
    "deny": "Say no", "help": "What can you do?", "start_lesson": "Continue the course",
    "repeat": "Explain it again", "ask_concept": "Explain a concept", "quiz": "Quiz me",
    "progress": "Show my progress", "goto_day": "Jump to a day or topic", "smalltalk": "Just chatting",
    "out_of_scope": "Something else",
}

Similar = Callable[[str], list[tuple[str, float]]]
Answers = Callable[[str, AnswerContext], AnswerHit | None]


@dataclass(frozen=True)
class Picture:
    """A picture asked for in words: the lesson step that holds it, and what it is of."""

    step: Step | None           # the first pictured step of the lesson (None: the lesson has none)
    concept: Concept | None     # the concept named or just explained (None: the current lesson's)
    lesson: Lesson
    asks_picture: bool          # said "picture", "plot", ... (else: a step size and "show", "try")
    step_size: float | None     # "show me the path for learning rate 0.5"


class Signals(ChatSignals, WordingSignals, KnowledgeReadings):
    """What one message says, read against the course and the state the turn started in."""

    def __init__(self, text: str, command: Command | None, analysis: Analysis | None, state: DialogueState,
                 curriculum: Curriculum, similar: Similar, answers: Answers | None = None,
                 lab_done: LabDone | None = None) -> None:
        self.curriculum, self.similar, self.answers = curriculum, similar, answers
        self.explained: Concept | None = curriculum.concepts.get(state.explained or "")
        self.zone_asked = state.zone_asked
        self.descent_before, self.answered_before = state.descent_step, state.answered
        self.gist_before = state.answered_gist
        self.layer_before = Layer.from_dict(state.layer) if state.layer else None
        self.question_before, self.dropped_before = state.question, state.dropped   # open, and left by a jump
        self.mode_before: Mode = state.mode
        self.lesson_before: Lesson | None = self.lesson_or_none(state.lesson_id)
        self.in_lesson_before = in_lesson(state)
        self.step_before = state.step
        self.text, self.analysis = text, analysis
        # "the answer is 2" answers a question, it picks no "Explain again"
        chosen = None if command or self.says_the_answer else option_chosen(text, state, curriculum)
        self.chose_option = chosen is not None
        command = command or chosen
        self.replayed = command is not None and command.name == "intent"
        self.command = None if self.replayed else command
        self.chosen_intent: str | None = None
        if command is not None and self.replayed:   # the learner chose what an earlier message meant: read that
            self.chosen_intent = command.argument if command.argument in INTENT_LABELS else "help"
            self.text = state.clarify_text if state.clarify_text is not None else text
        self.labs = LabSignals(self.text, self.command_name, self.argument, state, lab_done)

    def describe(self) -> dict[str, object]:
        """The main readings, for ``tutorbot shell --debug`` (computes the lazy ones)."""
        sentiment = self.analysis.sentiment if self.analysis else None
        return {
            "command": f"/{self.command.name} {self.command.argument}".strip() if self.command else None,
            "chose_option": self.chose_option, "chose_intent": self.chosen_intent,
            "nlu": f"{self.nlu_intent} {self.confidence:.2f}" if self.nlu_intent else None,
            "intent": self.intent, "sentiment": f"{sentiment.label} {sentiment.score:+.2f}" if sentiment else None,
            "entities": [f"{e.text}/{e.label}" for e in self.entities("CONCEPT", "FRAMEWORK", "DAY")],
            "concept": self.concept.key if self.concept else None, "day": self.day,
            "explained": self.explained.key if self.explained else None,
            "question_open": self.question_before is not None,
            "reads_as_answer": self.reads_as_answer if self.question_before else None,
            "picture": self.picture is not None,
        }

    # -- commands ------------------------------------------------------------------------------------
    @property
    def command_name(self) -> str | None:
        return self.command.name if self.command else None

    @property
    def argument(self) -> str:
        return self.command.argument if self.command else ""

    @cached_property
    def lesson_in_argument(self) -> Lesson | None:
        """/lesson ID, or a lesson named by (part of) its title, else the lesson of a concept named
        ("/lesson final project" had got "There is no lesson")."""
        if not self.argument:
            return None
        wanted = " ".join(self.argument.lower().split())
        titled = (lesson for day in self.curriculum.days for lesson in day.lessons if wanted in lesson.title.lower())
        if lesson := self.lesson_or_none(self.argument) or next(titled, None):
            return lesson
        concept = self.curriculum.find_concept(self.argument)
        return self.curriculum.lesson(concept.lesson) if concept else None

    @cached_property
    def lesson_named(self) -> Lesson | None:
        """A lesson named by its title's words, of the day named where there is one ("back to Day 1, the cost
        function lesson" had resumed Day 1 where it was left)."""
        numbered = LESSON_NUMBERED.search(self.text)   # "Start Day 1, lesson two, please"
        if numbered is not None and self.day is not None:
            said = (numbered["n"] or numbered["nth"]).lower()
            index = int(said) if said.isdigit() else number_word(said)
            lessons = self.curriculum.day(self.day).lessons
            return lessons[index - 1] if 1 <= index <= len(lessons) else None
        goes_to = GOES_TO.search(self.text)   # "skip the gradient descent stuff and go straight to backprop"
        # "ja ja, I know logistic regression, let's go day 3" had opened the logistic regression lesson
        said = KNOWN_CLAUSE.sub(" ", goes_to["rest"] if goes_to else self.text)
        return self.curriculum.lesson_titled(said, self.day)

    @cached_property
    def concept_in_argument(self) -> Concept | None:
        return self.curriculum.find_concept(self.argument, similar=self.similar) if self.argument else None

    @cached_property
    def day_in_argument(self) -> int | None:
        if not self.argument:   # "/day 3", and "/quiz day 3" (another question on a day)
            return None
        return self.curriculum.find_day(self.argument) or self.curriculum.find_day(f"day {self.argument}")

    # -- the NLU --------------------------------------------------------------------------------------
    @property
    def nlu_intent(self) -> str | None:
        return self.analysis.intent.name if self.analysis and self.analysis.intent else None

    @property
    def confidence(self) -> float:
        return self.analysis.intent.confidence if self.analysis and self.analysis.intent else 0.0

    def entities(self, *labels: str) -> list[Entity]:
        found = (self.analysis.entities or []) if self.analysis else []
        return [e for e in found if e.label in labels]

    @cached_property
    def intent(self) -> str | None:
        """The intent to act on: the NLU's when confident, else a keyword rule's, else what a named concept or
        day suggests; None: ask what they meant. A concept or day named in chit-chat is taught, not declined."""
        if self.replayed:
            return self.chosen_intent
        if self.request_after_courtesy is not None:
            return self.request_after_courtesy
        confident = self.nlu_intent is not None and self.confidence >= CONFIDENCE_THRESHOLD
        said = SOCIAL_INTENT_ACTS.get(self.nlu_intent or "")
        if said is not None and said not in self.speech_acts and "question" in self.speech_acts:
            # a greeting or goodbye the words do not say, around a question: "good. so for my latency: ... correct like
            # this?" had got "Welcome back!", "... later she fit recognise malaria by herself? is it the same
            # thing?" "Bye for now!"
            return "ask_concept"
        if confident and self.nlu_intent not in CHAT_INTENTS:
            return self.nlu_intent
        guess = None if confident else keyword_intent(self.text)
        if guess is None and self.entities("DAY") and self.day is not None:
            guess = "goto_day"
        # a concept named by the NER, or a message that is nothing but a concept's name ("experience"); not in news
        # told as chat ("I just got a new puppy!! his name is Keras" had got the Keras card)
        news = bool(self.speech_acts & NEWS_ACTS) and "question" not in self.speech_acts and confident
        if guess is None and not news and (self.concept_in_entities or self.curriculum.concept_named_exactly(self.text)):
            guess = "ask_concept"
        if confident:
            return guess or self.nlu_intent
        return guess or (None if self.nlu_intent is not None else "out_of_scope")

    @cached_property
    def request_after_courtesy(self) -> str | None:
        """"Thank you, though I'm still not quite clear. Could you explain feature maps again in different words?",
        "yeah yeah i know this. quiz me, something with numbers", "Not satisfactory. Please quiz me on word2vec
        instead.": the request after the thanks, the yes or the no (by its keywords), which the whole message's
        "thanks", "yes" or "no" had swallowed."""
        said = {"thanks": THANKS_FIRST, "affirm": YES_FIRST, "deny": NO_FIRST}.get(self.nlu_intent or "")
        rest = said.match(self.text) if said else None
        guess = keyword_intent(rest["rest"]) if rest and len(rest["rest"].split()) >= 3 else None
        wanted = REQUESTS_AFTER_COURTESY + (("ask_concept",) if self.nlu_intent == "affirm" else ())
        return guess if guess in wanted else None

    @property
    def negative(self) -> bool:
        return self.sentiment_at_most(NEGATIVE_SCORE)

    # -- the course's terms -----------------------------------------------------------------------------
    @cached_property
    def concept_in_entities(self) -> Concept | None:
        # "an analogy" names none, nor a term inside an everyday phrase ("a question of precision")
        set_aside = spans(ANALOGY_ASKED, self.text) + spans(EVERYDAY_PHRASES, self.text)
        for entity in (e for e in self.entities("CONCEPT", "FRAMEWORK") if e.start >= self.set_aside_end
                       and not inside(e.start, set_aside)):
            if concept := self.curriculum.concept_of_entity(entity.text, similar=self.similar):
                return concept
        return None

    @cached_property
    def concept(self) -> Concept | None:
        """The concept the message names: by the NER, else in its first words (typos, word2vec neighbours)."""
        if self.concept_in_entities:
            return self.concept_in_entities
        # The fuzzy search grows with the text: a concept question is short, so look at its start only. What the
        # tagger marked and no concept covers stays out ("spam filter" is not the convolution's "filter").
        text = " " * self.set_aside_end + self.text[self.set_aside_end:]   # "no, not boundary. I ask what is W"
        text = ANALOGY_ASKED.sub(lambda found: " " * len(found[0]), text)
        for entity in self.entities("CONCEPT", "FRAMEWORK"):
            text = text[:entity.start] + " " * (entity.end - entity.start) + text[entity.end:]
        return self.curriculum.find_concept(text[:LOOKUP_CHARS], similar=self.similar)

    @cached_property
    def quizzed_on(self) -> Concept | None:
        """The concept a quiz is asked on, where the message names others too ("ok cool so lstm is fine for small
        data. quiz me on day 1 logistic regression stuff, something harder" is on logistic regression)."""
        asked = QUIZZED_ON.search(self.text)
        return self.curriculum.find_concept(asked["topic"], similar=self.similar) if asked else None

    @cached_property
    def day(self) -> int | None:
        """The day to go to: "skip day 1. go to day 2" names day 2 (a day skipped is no destination), and so does
        "this day 1 stuff is kinda slow, can we skip to day 2" (the day gone to, named after "to")."""
        if self.day_gone_to and (gone := self.curriculum.find_day(self.day_gone_to)) is not None:
            return gone
        skipped = spans(SKIPPED_DAY, self.text)
        for entity in self.entities("DAY"):
            if not inside(entity.start, skipped) and (
                    day := self.curriculum.find_day(entity.text)) is not None:
                return day
        return self.curriculum.find_day(SKIPPED_DAY.sub(" ", self.text))

    # -- the knowledge base ----------------------------------------------------------------------------
    @cached_property
    def knowledge(self) -> AnswerHit | None:
        """The knowledge base's answer to the message (or to /ask TEXT), read in the thread: the lesson the
        learner is in, the concept the message names, the one just explained and the open question's ("how do I
        fix it?" after overfitting)."""
        question = self.argument if self.command_name == "ask" else self.asked_after_courtesy
        if self.answers is None or not question.strip():
            return None
        readings = self.thread_readings
        hits = [self.answers(question, AnswerContext(lesson, concepts)) for lesson, concepts, _ in readings]
        resolved = self.resolved_hits(question, readings[0][0])   # "why is that important?": "why is generalization..."
        return surer(hits + resolved, [margin for _, _, margin in readings] + [0.0] * len(resolved))

    @cached_property
    def asks_definition(self) -> bool:
        """"what is dropout?": nothing but a glossary concept's name asked for (its card answers it)."""
        return self.term_asked is not None and self.curriculum.concept_named_exactly(self.term_asked) is not None


    # -- cue words ---------------------------------------------------------------------------------------
    @property
    def says_next_lesson(self) -> bool:
        return bool(NEXT_LESSON.search(self.text))

    @property
    def says_previous_lesson(self) -> bool:
        return bool(PREVIOUS_LESSON.search(self.text))

    @property
    def asks_example(self) -> bool:
        remarked = spans(EXAMPLE_REMARKED, self.text) + spans(EXAMPLE_GIVEN, self.text)
        return any(not inside(asked.start(), remarked) for asked in EXAMPLE_REQUEST.finditer(self.text))

    @property
    def refers_back(self) -> bool:
        return bool(REFERS_BACK.search(self.text))

    @property
    def asks_placement(self) -> bool:
        """"test me on day 2 so I can skip it": a check of what the learner knows of a day, not a jump."""
        return bool(PLACEMENT.search(self.text)) and self.day is not None and not self.replayed

    @cached_property
    def reminder_in_argument(self) -> ReminderSetting | None:
        return parse_reminder(self.argument)

    @cached_property
    def zone(self) -> str | None:
        """The time zone the message names ("Europe/Berlin", "new york"), read only right after it was asked."""
        return zone_named(self.text) if self.zone_asked else None

    # -- pictures ---------------------------------------------------------------------------------------
    @cached_property
    def picture(self) -> Picture | None:
        """A picture asked for in words ("plot the sigmoid", "show me a picture of it"; a step size and "show"
        or "try" runs the /gd playground): of the concept named, else of the one just explained, else of the
        lesson the learner is in. None when the message asks for none, or names nothing to show."""
        if self.replayed:
            return None
        asks_picture = bool(PICTURE_REQUEST.search(self.text))
        step_size = parse_number(DAY_NUMBER.sub(" ", self.text))   # "am I done with day 1?" names no step size
        # a step size run on the /gd playground; not a lab's learning rate ("train the mlp with a stupid high learning
        # rate, like lr=5", "would lr=0.5 actually fix it with adam?" had got the bowl y = x1² + x2²)
        if not asks_picture and (step_size is None or not RUN_REQUEST.search(self.text) or self.lab_learning_rate):
            return None
        named = self.concept_in_entities or self.curriculum.find_concept(
            PICTURE_REQUEST.sub(" ", self.text[:LOOKUP_CHARS]))  # "image" names no concept here
        concept = named or self.explained
        lesson = self.curriculum.lesson(concept.lesson) if concept else (
            self.lesson_before if self.in_lesson_before else None)
        if lesson is None:
            return None
        pictured = next((step for step in lesson.steps if step.image), None)
        shows_descent = pictured is not None and pictured.image == "gd_path" and step_size is not None
        if not shows_descent and (pictured is None or not asks_picture) and (concept is None or not asks_picture):
            return None
        return Picture(pictured, concept, lesson, asks_picture, step_size)

    @property
    def lab_learning_rate(self) -> bool:
        """A learning rate said of a lab or another optimizer than plain gradient descent ("train the mlp with lr=5",
        "would lr=0.5 fix it with adam?"); "try gradient descent with 1.2" is the /gd playground's (the logistic lab's
        title names gradient descent too)."""
        lab = registry.find_lab(self.text)
        by_its_title_only = lab == "logistic" and not re.search(r"logistic", self.text, re.IGNORECASE)
        return bool(LAB_WORD.search(self.text) or lab is not None and not by_its_title_only
                    or OTHER_OPTIMIZER.search(self.text))

    @cached_property
    def descent_step(self) -> float | None:
        """Right after the /gd playground: the step size of "run it with 0.05", "try lr 0.05", "again with a learning
        rate of 0.1" (a bare "0.05" too, unless it may answer an open question)."""
        if self.descent_before is None or self.command is not None or self.replayed or self.lab_learning_rate:
            return None          # "train the CNN with 5 epochs" right after /gd is the lab
        step = parse_number(DAY_NUMBER.sub(" ", self.text))
        bare = BARE_DECIMAL.fullmatch(self.text) is not None and self.question_before is None
        return step if step is not None and (bare or DESCENT_AGAIN.search(self.text)) else None

    # -- answers ---------------------------------------------------------------------------------------
    @cached_property
    def reads_as_answer(self) -> bool:
        """Whether the message has the shape of an answer to the open question (an option, numbers, a short
        phrase). The numbers of a named day are not an answer: "go to day 4" names a day."""
        question = self.question_before.question if self.question_before else None
        if question is None:
            return False
        text = self.text
        if BARE_NUMBER.fullmatch(text):  # even "7" to a 4-option question: a slip, not a request
            return True
        if question.options:   # "b, thats what the lesson said": an answer, whatever else it says
            return question.reading(text) is not None or question.names_an_option(text)
        if wants_shaped_answer(question):
            if LONE_LETTER.fullmatch(text) or names_a_position(text):   # "b", "the second one": a slip, to rephrase
                return True
            if GUESS.search(text):   # "I have no idea how to do that. is it 0,5?": a guess to grade, however asked
                return parse_number(text) is not None or bool(parse_vector(text))
            if question.names_the_unit_asked(text):   # "... lowest at the last epoch, epoch 5. Now please explain ..."
                return True
            if LEADING_ANSWER.match(text) and ASKS_SOMETHING.search(text):   # "3, but why is the bias learned?"
                return parse_number(LEADING_ANSWER.match(text)[1]) is not None
            # "whats validation? explain like im 10" holds a number and asks; ", which I make roughly 0.27" does not
            if ASKS_SOMETHING.search(re.sub(r",\s*which\b|\bwhich (?=is|are|gives|makes|means)", ",", text)):
                return False
            for mention in self.entities("DAY"):
                if names_a_day(text, mention.start, mention.end):
                    text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
            return parse_number(text) is not None or bool(parse_vector(text))
        if ("?" in text or self.speech_acts & SOCIAL_ACTS) and not self.check.correct:   # "the b? the bias" answers
            return False
        # a why-question is answered in a sentence ("because the ½ cancels the 2 of the derivative"): one that
        # gives a reason or names one of its key ideas is an attempt, whatever the NLU makes of it
        return self.check.correct or len(text.split()) <= 4 or bool(question.key_ideas) and (
            bool(GIVES_A_REASON.match(text)) or len(missing_ideas(text, question.key_ideas)) < len(question.key_ideas))

    @property
    def leaves_the_project(self) -> bool:
        """While the project asks for a part: a request that leaves it (a command, a chosen option, "go to day 3",
        "quiz me", "what is pooling?"), a question put to the tutor ("can i use just 10 classes?") or a complaint.
        An answer naming course words is the part ("pixels I guess? like 224x224 RGB so a pretrained CNN can use
        them?" had been taken for a question on reinforcement learning)."""
        leaving = {"goto_day", "progress", "quiz", "start_lesson", "goodbye"}
        confident = self.nlu_intent is not None and self.confidence >= REQUEST_CONFIDENCE
        # "was I right?" after a claim saved as a part had become the project's task
        return (self.replayed or self.command is not None or self.asks_definition or self.blames_the_bot
                or self.asks_verdict or bool(ASKS_THE_TUTOR.search(self.text)) or (confident and self.nlu_intent in leaving))

    @cached_property
    def other_request(self) -> bool:
        """While a question is open: is this message clearly something other than an answer?"""
        if self.replayed:
            return True
        if self.reads_as_answer:
            return False
        shaped = self.question_before is not None and wants_shaped_answer(self.question_before.question)
        # "can you plot the sigmoid?" is no answer, whatever it reads as; nor "ok whatever" to a free-text question
        if PICTURE_REQUEST.search(self.text) or self.speech_acts & SOCIAL_ACTS and not shaped:
            return True
        # A question that wants an option or a number is not answered by anything else: the usual confidence
        # suffices, chit-chat included ("tell me a joke" had got "I need one number here" until the learner
        # answered). A free-text answer may read as any intent: only a confident request beats it.
        if self.nlu_intent is not None and self.confidence >= (CONFIDENCE_THRESHOLD if shaped else REQUEST_CONFIDENCE):
            return self.nlu_intent in REQUEST_INTENTS | (CHAT_INTENTS if shaped else set())
        return (keyword_intent(self.text) in KEYWORD_REQUESTS or bool(ASKS_WHAT.search(self.text))
                or shaped and bool(ASKS_SOMETHING.search(self.text)))   # "whats validation?" to "what is x(1)?"

    @cached_property
    def check(self) -> Check | None:
        """The open question's verdict on the message read as its answer (or the dropped one's, taken up)."""
        answered = self.question_before or (self.dropped_before if self.says_the_answer else None)
        return answered.question.check(self.text) if answered else None


def wants_shaped_answer(question: Question) -> bool:
    """An option or a number (or a vector), as opposed to a free-text answer."""
    return bool(question.options) or answer_kind(question.answer) != "text"


def in_lesson(state: DialogueState) -> bool:
    """In a lesson, or in a question asked from one ("go on" there leaves the question for the lesson's
    next move; it had shown the step the learner had just read again)."""
    return state.mode == Mode.IN_LESSON or (
        state.mode == Mode.AWAITING_ANSWER and state.interrupted(Activity.QUESTION) == Mode.IN_LESSON)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` is found in ``text``: what a reading of the message sets aside (a day skipped, "an analogy"
    asked for, an example remarked on)."""
    return [found.span() for found in pattern.finditer(text)]


def inside(position: int, found: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in found)
