"""What the knowledge base's answer says about a message beyond its confidence (read by tutor.dialogue.signals)."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property

from nlp.retrieval import is_confirm_shaped, question_form
from nlp.types import AnswerContext, AnswerHit
from tutor.answers import EMOJI_RUN
from tutor.concept_ideas import Restatement, grade
from tutor.curriculum import Concept, Curriculum, Lesson
from tutor.dialogue.cues import ANALOGY_ASKED, ASKS_SOMETHING, ASKS_TO_CONFIRM, CLAUSE_END, REFERS_BACK, SENTENCE_END
from tutor.dialogue.request_cues import (
    ASKS_FOR_CODE, CODE_REQUESTED, CORRECTS, DAY_PLAN, FROM_THE_START, GOES_TO, KNOWN_ALREADY, LEADING_ANSWER,
    PROGRESS_ASKED,
    QUIZ_ON_TOPIC, SET_ASIDE, SKIPS_TO, TOPIC_ASKED_BY_NAME, UNKNOWN_TO_THE_CODE_WRITER, UNKNOWN_TO_THE_LAYER_SUMS,
)
from tutor.exercise_audit import shows_the_answer
from tutor.descent_sums import DescentClaim, read_descent_claim
from tutor.layer_sums import (
    Layer, LayerSums, Stage, asks_layer_numbers, layer_kinds_named, read_layer_stack, read_layer_sums,
)
from tutor.model_code import Architecture, read_architecture
from tutor.network_sums import (
    CosineClaim, FieldClaim, LogLossClaim, SizeTraceClaim, SoftmaxClaim, read_cosine_claim, read_field_claim,
    read_log_loss_claim, read_size_trace, read_softmax_claim,
)
from tutor.neuron_sums import DenseCountClaim, NeuronGradientClaim, read_dense_count_claim, read_neuron_gradient_claim
from tutor.question import Question, answer_kind
from tutor.dialogue.state import OpenQuestion
from tutor.dialogue.lab_signals import LabSignals

# "but is the bias learned too?": a yes-or-no question beside an answer
_ASKS_YES_OR_NO = re.compile(r"^\W*(?:(?:but|and|so|also|ok|okay)\W+)?(?:is|are|do|does|did|can|could|should|would|will|"
                             r"isn'?t|aren'?t|don'?t|doesn'?t)\b", re.IGNORECASE)


def _asked_in_words(text: str) -> bool:
    """A question word or a yes-or-no opening: a question put, not a hedge ending in "?" ("how many we catch
    correctly I guess?")."""
    return bool(ASKS_SOMETHING.search(text) or _ASKS_YES_OR_NO.match(text)) and not _HEDGE_END.search(text)


# a clause that starts a question, after an answer said in the same sentence: "rewards ez 😎 did alphago learn like that"
_CLAUSE_END = re.compile(rf"[.!;,]\s+|\s*{EMOJI_RUN}\s*")
_QUESTION_WORDS = r"what|why|how|which|who|when|where|is|are|do|does|did|can|could|should|would|will"
_ASKING_CLAUSE = re.compile(rf"\W*(?:(?:and|so|but|also|btw|ok)\s+)?(?:{_QUESTION_WORDS})\b", re.IGNORECASE)
# "P is the % correct?": a claim with a question mark, no question word first ("is there a dataset?" asks one)
_CLAIM_ASKED = re.compile(r"^\W*(?:(?:sorry|ok|okay|and|also|but|oh|ah|well|btw|hey|one more thing)\W+)*+"   # "sorry, what is P?"
                          rf"(?!(?:{_QUESTION_WORDS}|may|and|also)\b)[^?]*\b(?:is|are|means|=)\b[^?]*\?\s*$", re.IGNORECASE)
_HEDGE_END = re.compile(r"\b(i guess|i think|i suppose|maybe|perhaps|probably|or so)\W*$", re.IGNORECASE)

PROJECT_LESSON = "d5-project"   # the final project's lesson: a question while planning it is in its thread
COURSE_WIDE = "course"   # the knowledge base's lesson for how to study the seminar as a whole (knowledge/studying.yml)
THREAD_CONFIDENCE = 0.2   # an answer about the lesson or concept in hand: taken from this calibrated confidence
OWN_WORDS, OWN_WORDS_CONFIDENCE = 12, 0.6   # a question this long, answered this surely, is off no thread
SECOND_QUESTION_CONFIDENCE = 0.3   # a message's other question: answered too from this calibrated confidence
OTHER_READING_MARGIN = 0.2  # a reading outside the thread is taken only when this much surer
LESSON_READING_MARGIN = 0.1  # the lesson without the concept just taught: the same thread, so a smaller margin
CONFIRM_CONFIDENCE = 0.6  # ... but a verdict on the learner's own claim only from this one
# The knowledge base's kinds of answer a glossary card does not give: "why does dropout help?" wants the why-entry.
# (Not confirm: a "Not quite" below the usual confidence had answered "can you explain logistic regression?")
ANSWER_FORMS = {"why", "how", "howto", "compare", "what_if", "where_from"}
# "overfitting is like memorizing the homework?": the learner's own picture of a course concept, never outside it
# a restatement in the learner's words ("in other words...", "if I got it right, ...", "so basically ...")
RESTATES = re.compile(r"\b(in other words|if i (understand|understood|get it|got it)|let me see if i|so basically|"
                      r"basically|in short|my understanding|to sum up|so it'?s|so (it|this|that) means|i think (it|this))\b|"
                      r"^\W*so\b", re.IGNORECASE)
ASKED_FIRST = re.compile(r"^\W*(what|why|how|which|who|when|where)\b", re.IGNORECASE)   # a question, not a restatement
LIKENESS = re.compile(r"\b(is|are|it'?s|that'?s)\s+((rather|a\s+bit|somewhat|quite|really|pretty\s+much|a\s+little)\s+)?"
                      r"(like|basically|kind\s+of|sort\s+of|just)\b|"
                      # "Is a kernel like a trained eye for one pattern?", "is my analogy fair?"
                      r"^\W*(\w+\W+){0,3}?(is|are)\s+(an?|the)\s+\w+(\s+\w+)?\s+like\b|\b(my|this|that)\s+(analogy|comparison)\b|"
                      r"\b(is|isn'?t)\s+(that|this|it)\s+(the\s+)?same(\s+thing)?\W*$",
                      re.IGNORECASE)


def answers_in_its_form(hit: AnswerHit | None, text: str, about: Concept | None, lesson_id: str | None) -> bool:
    """The answer has the question's form (a why-entry for "why does dropout help?", a compare-entry for "dropout
    vs L2?") and is about ``about`` (its first concept: the concept named, else the one just explained), or, with
    neither, from ``lesson_id``, the lesson the learner is in ("how do I fix it?" after overfitting)."""
    form = question_form(text)
    if hit is None or hit.abstained or form not in ANSWER_FORMS or hit.kind != form:
        return False
    if about is not None:
        return tuple(hit.concepts[:1]) == (about.key,)
    return lesson_id is not None and hit.lesson == lesson_id


def in_the_thread(hit: AnswerHit | None, about: Sequence[str], lesson_id: str | None, floor: float) -> bool:
    """The answer, at ``floor`` or more, is about what the learner was just taught: one of ``about`` (the concepts
    named, just explained or asked about) is one of its concepts, or it belongs to ``lesson_id``, the lesson the
    learner is in. Between that floor and a plain question's confidence the measured answers are right about two
    times in three, where the glossary card of a word the message names answers a "can I use 0.9 instead?" hardly
    ever."""
    if hit is None or hit.abstained or hit.confidence < floor:
        return False
    return bool(set(about) & set(hit.concepts)) or (lesson_id is not None and hit.lesson == lesson_id)


def outside_though_named(hit: AnswerHit | None, named: Concept | None, text: str) -> bool:
    """The question is abstained on as outside the course and none of its nearest entries is about the concept
    it names ("how much do ML engineers earn?" names machine learning, its nearest entries are on jobs; "how do
    LSTMs remember?", abstained on by a model, had the LSTM lesson's entries near: its card answers it)."""
    if hit is None or not hit.abstained or named is None or named.key in hit.concepts:
        return False
    if is_confirm_shaped(text) or LIKENESS.search(text):   # "so X is like Y?" checks X: its card, not a refusal
        return False
    return all(lesson != named.lesson for lesson in (hit.lesson, *(option.lesson for option in hit.alternatives)))


def gives_the_answer_away(hit: AnswerHit | None, open_question: Question | None) -> bool:
    """The answer would tell the open question's answer: it is about the question's concept and names what sets
    the right option apart, or says the answer of a word question in its own words, or shows the question's
    number or vector. "how do I fix vanishing gradients?" during "ReLU(-3) + ReLU(2.5)?" does not: the numeric
    item asks what no general answer holds, and the card it had got instead answered nothing."""
    if hit is None or open_question is None or open_question.concept not in hit.concepts:
        return False
    return text_gives_away(hit.answer, open_question)


def text_gives_away(text: str, open_question: Question) -> bool:
    """As exercise_audit.shows_the_answer, and any answer about a word question's concept (it says the word in its
    own words)."""
    if not open_question.options and answer_kind(open_question.answer) not in ("number", "vector"):
        return True
    return shows_the_answer(open_question, text)


def said_of(text: str, concept: Concept) -> str:
    """``text`` with its first "it"/"that"/"this" put as the concept's term: "why is that important?" -> "why is
    generalization important?" (the knowledge base's questions name what they ask about)."""
    return REFERS_BACK.sub(concept.term, text, count=1)


def surer(hits: Sequence[AnswerHit | None], margins: Sequence[float]) -> AnswerHit | None:
    """The first reading of a message (in its thread), unless another is surer by its margin: the thread lowers the
    confidence of a right answer too ("explain pooling please" after the CNN card: 0.40 in the thread, 0.69 alone),
    and a thread's answer a little less sure is still the one about what was just taught ("what does relu do" in
    the neurons lesson: ReLU's entry, not the Keras Activation layer's)."""
    best = hits[0] if hits else None
    for hit, margin in zip(hits[1:], margins[1:]):
        if hit is not None and not hit.abstained and (best is None or best.abstained
                                                        or hit.confidence >= best.confidence + margin):
            best = hit
    return best


MAX_TOPIC_WORDS = 4   # a correction that names a topic: "no i said word2vec not RNN", "no, I meant batch norm"
MAX_REFERENTS = 3   # a lesson step names one to three concepts; each is one more reading of the message


# a question about the learner, not a restatement of the course: "my python is basic ... am I too old?" had got "Right so
# far ✅ You have: solid basics in maths, Python and SQL"
ABOUT_THE_LEARNER = re.compile(r"\b(am i|do i|should i|will i|would i|could i|can i) (too|still|ever|really|good|ready|able)\b",
                               re.IGNORECASE)


class KnowledgeReadings:
    """The readings of the knowledge base's answer in the thread of the conversation, for
    :class:`tutor.dialogue.signals.Signals` (which provides the attributes below)."""
    text: str
    knowledge: AnswerHit | None
    concept: Concept | None
    explained: Concept | None
    lesson_before: Lesson | None
    concept_in_entities: Concept | None
    curriculum: Curriculum
    question_parts: list[str]
    reads_as_answer: bool
    answers: Callable[[str, AnswerContext], AnswerHit | None] | None
    question_before: OpenQuestion | None
    labs: LabSignals
    bare_why: bool
    refers_back: bool
    step_before: int
    in_lesson_before: bool
    layer_before: Layer | None

    @cached_property
    def concept_to_go_to(self) -> Concept | None:
        """The concept a jump goes to: the one named after "go to" where there is one, else the one named."""
        found = GOES_TO.search(self.text)
        target = self.curriculum.find_concept(found["rest"]) if found else None
        return target or self.concept

    @cached_property
    def topic_on_the_day_named(self) -> Concept | None:
        """"can we skip to day 4? i need word2vec for a school project": the concept named, where the day named teaches
        it (Day 4 had opened on RNNs); None where the learner says they know it ("I know word2vec, day 4 please")."""
        concept = self.concept_to_go_to
        if concept is None or self.day is None or concept.day != self.day or KNOWN_ALREADY.search(self.text):
            return None
        return concept

    @cached_property
    def topic_skipped_to(self) -> Concept | None:
        """"can we skip to where the actual maths starts, like the loss function n that": the concept a skip or jump
        names after "to" (it had got the notation entry the lesson's thread pulled towards)."""
        if found := SKIPS_TO.search(self.text):
            return self.curriculum.find_concept(found["rest"])
        named = TOPIC_ASKED_BY_NAME.search(self.text)
        return self.curriculum.find_concept(named["part"] or named["named"]) if named else None

    @cached_property
    def corrected_to(self) -> Concept | None:
        """"no i said word2vec not RNN": the concept the learner meant, what follows "not" set aside; None where the
        message corrects nothing, or says more than a topic's name ("i meant what does nonlinear mean", "no I meant
        where to put the Dropout layer": a question, answered as one), or names the topic just explained again."""
        lead = CORRECTS.search(self.text)
        if lead is None:
            return None
        rest = SET_ASIDE.sub(" ", self.text[lead.end():])
        if len(rest.split()) > MAX_TOPIC_WORDS or ASKS_SOMETHING.search(rest):
            return None
        concept = self.curriculum.find_concept(rest)
        return None if concept is None or concept == self.explained else concept

    @property
    def asks_for_the_start(self) -> bool:
        """"restart day 1", "day 2 from the beginning": a day from its start, not where it was left."""
        return bool(FROM_THE_START.search(self.text))

    @cached_property
    def referents(self) -> tuple[Concept, ...]:
        """What "it" or "that" in a message naming no concept may be about: the concept just explained, else the
        lesson's concepts that the step shown last names ("why is that important?" after the step on generalizing)."""
        if self.concept is not None or not REFERS_BACK.search(_first_sentence(self.text)):
            return ()
        if self.explained is not None:
            return (self.explained,)
        if self.lesson_before is None or not self.in_lesson_before:
            return ()
        lesson = self.lesson_before
        named = self.curriculum.concepts_named(lesson.steps[min(self.step_before, len(lesson.steps) - 1)].text)
        # the lesson's own concepts only: a step recalling an earlier lesson's ("the decision boundary") is not what
        # "how do I fix it?" in the overfitting lesson is about
        return tuple(self.curriculum.concepts[key] for key in lesson.concepts
                     if key in named and key in self.curriculum.concepts)[:MAX_REFERENTS]

    def resolved_hits(self, question: str, lesson: str | None) -> list[AnswerHit | None]:
        """The knowledge base's answers to ``question`` with its first "it"/"that"/"this" put as each referent's term
        (its questions name what they ask about), each read with that referent as the thread."""
        if self.answers is None:
            return []
        return [self.answers(said_of(question, concept), AnswerContext(lesson, (concept.key,)))
                for concept in self.referents]

    def lesson_or_none(self, lesson_id: str | None) -> Lesson | None:
        try:
            return self.curriculum.lesson(lesson_id) if lesson_id else None
        except (KeyError, LookupError, ValueError):
            return None

    @property
    def thread_concepts(self) -> tuple[str, ...]:   # named, just explained (unless set aside: "no, not boundary."), the
        explained = None if self.set_aside_end else self.explained   # open question's
        return tuple([c.key for c in (self.concept, explained) if c] + (
            [self.question_before.question.concept] if self.question_before else []))

    @property
    def thread_readings(self) -> list[tuple[str | None, tuple[str, ...], float]]:
        """The lessons and concepts to read the message in, each with the margin by which it must be surer than the
        first: the thread's; the concept just explained alone, where the message names none ("why do we need it?"
        right after backprop's card, in the neurons lesson, is about backprop, not the lesson's depth entry); and
        nothing, where the message names a concept (its words name it already; as context too the thread can pull
        the answer to the concept's other entries: "how do you measure how similar two word vectors are?" had got
        the distributional hypothesis, a word-embedding entry, not cosine similarity)."""
        lesson = self.lesson_before.id if self.lesson_before else None
        if self.labs.project_awaiting:   # "can i use just 10 of the classes?" while the project asks its data
            lesson = PROJECT_LESSON
        readings = [(lesson, self.thread_concepts, 0.0)]
        if self.explained is not None and self.concept is None and not self.set_aside_end:
            readings.append((None, (self.explained.key,), 0.0))
        if self.says_its_own_topic and self.thread_concepts:   # the lesson, not only the concept just taught
            readings.append((lesson, (), LESSON_READING_MARGIN))
        return readings + ([(None, (), OTHER_READING_MARGIN)] if self.concept is not None or self.says_its_own_topic else [])

    @property
    def says_its_own_topic(self) -> bool:
        """A question of six words or more that refers back to nothing ("is it necessary to normalise the pixels between
        0 and 1 before training the CNN?" right after the kernel): its words may name a topic the thread does not hold,
        so it is read alone too (the kernel's card had answered it)."""
        return len(self.text.split()) >= 6 and not REFERS_BACK.search(_DUMMY_IT.sub(" ", self.text))

    @cached_property
    def layer_sums(self) -> LayerSums | None:
        """A Keras layer described, with its parameters or output asked or claimed ("Conv2D(64, (3,3)) on 32x32x3:
        1792 params, right?"), or numbers claimed about the one worked out last turn."""
        if UNKNOWN_TO_THE_LAYER_SUMS.search(self.text) or self.names_layers_unread:
            return None
        return read_layer_sums(self.text, self.layer_before)

    @cached_property
    def names_layers_unread(self) -> bool:
        """Two kinds of layer named that the stack cannot read ("SimpleRNN(64) on dim 10 = 4,800? LSTM = 4x = 19,200?",
        a trace in words the reader missed): no verdict on one of them, which had compared the LSTM's count with the
        SimpleRNN's and read a whole trace as one pooling layer."""
        return len(layer_kinds_named(self.text)) >= 2 and self.stack_as_read is None

    @cached_property
    def stack_as_read(self) -> list[Stage] | None:   # read once a turn: both readings below ask for it
        return None if UNKNOWN_TO_THE_LAYER_SUMS.search(self.text) else read_layer_stack(self.text)

    @cached_property
    def layer_stack(self) -> list[Stage] | None:
        """Two layers or more worked through in order ("Conv2D(32,(3,3)) on 28x28x1 -> MaxPooling -> 14x14x32,
        Conv2D(64,(3,3)) with 18496 params?"), with the numbers asked or claimed; None for one layer or none."""
        stack = self.stack_as_read
        asked = self.layer_sums is not None or any(stage.claims for stage in stack or []) or asks_layer_numbers(self.text)
        return stack if stack and asked else None

    @cached_property
    def descent_claim(self) -> DescentClaim | None:
        """The slides' descent on x1² + x2² worked by the learner: "I got (2,56; 2,56) for x3, right?"."""
        return read_descent_claim(self.text)

    @cached_property
    def softmax_claim(self) -> SoftmaxClaim | None:   # "logits (2,1,0) -> about 0.67, 0.24, 0.09, right?"
        return read_softmax_claim(self.text)

    @cached_property
    def cosine_claim(self) -> CosineClaim | None:   # "a = (1, -1, 2), b = (3, 1, 0). a.b = 4 ... cos = 0,516. Correct?"
        return read_cosine_claim(self.text)

    @cached_property
    def log_loss_claim(self) -> LogLossClaim | None:   # "y = 0 and h = 0,9: -log(0,9) = 0,105. Is this correct?"
        return read_log_loss_claim(self.text)

    @cached_property
    def dense_count_claim(self) -> DenseCountClaim | None:   # "12 inputs, hidden layer of 8, 1 output ... total 113"
        return read_dense_count_claim(self.text)

    @cached_property
    def neuron_gradient_claim(self) -> NeuronGradientClaim | None:   # "x = 2, w = 0,5 ... ∂L/∂w = −0,053. Right?"
        return read_neuron_gradient_claim(self.text)

    @cached_property
    def size_trace(self) -> SizeTraceClaim | None:   # "28x28, two stages of conv 3x3 then 2x2 pooling, so 5x5?"
        return read_size_trace(self.text)

    @cached_property
    def field_claim(self) -> FieldClaim | None:   # "three stacked 3x3 convs see a 9x9 region, right?"
        return read_field_claim(self.text)

    @property
    def asks_to_confirm(self) -> bool:
        return bool(ASKS_TO_CONFIRM.search(self.text))

    @cached_property
    def knowledge_in_its_form(self) -> bool:
        """Its answer in the question's form about what it names or was just taught: given even below the
        confidence a plain question needs, instead of the glossary card (a bare "why?" explains again)."""
        lesson, about = self.lesson_before.id if self.lesson_before else None, self.concept or self.explained
        return not self.bare_why and answers_in_its_form(self.knowledge, self.text, about, lesson)

    @cached_property
    def knowledge_in_the_thread(self) -> bool:
        """Its answer is about the lesson the learner is in or the concept named or just explained, though under
        the confidence a plain question needs ("why 0.5? can I use 0.9 instead?" in the threshold lesson). A
        concept the tagger names from another lesson is the whole thread: "how is this done in Keras?" in the
        convolution lesson is about Keras, and had got the lesson's padding answer."""
        lesson = self.lesson_before.id if self.lesson_before else None
        named = self.concept_in_entities
        if named is not None and named.lesson != lesson:      # named from elsewhere: the whole thread
            lesson, about = None, (named.key,)
        else:
            about = self.thread_concepts
        kind = self.knowledge.kind if self.knowledge is not None else None
        # a "Yes" or "Not quite" to the learner's own claim only when sure: "so it's like memorizing the homework?"
        # after overfitting had got the "Not quite" written for "so the program just memorises the examples?"
        confirms = kind == "confirm"
        floor = CONFIRM_CONFIDENCE if confirms else THREAD_CONFIDENCE
        # "what is gradient descent used for?" is no why-question: a why-entry this unsure answers something else
        other_form = kind in ANSWER_FORMS and question_form(self.text) == "what"
        return (not self.bare_why and (not confirms or self.asks_to_confirm) and not other_form
                and in_the_thread(self.knowledge, about, lesson, floor))

    @property
    def asks_day_plan(self) -> bool:   # "what's on for day 5?" (request_cues.DAY_PLAN)
        return bool(DAY_PLAN.search(self.text))

    @property
    def asks_progress(self) -> bool:   # "how far did i get?" (request_cues.PROGRESS_ASKED)
        return bool(PROGRESS_ASKED.search(self.text))

    @property
    def untaught_terms(self) -> tuple[str, ...]:   # "LoRA" in "what is LoRA fine-tuning?": not in the course
        return self.knowledge.untaught if self.knowledge is not None else ()

    @property
    def asks_for_code(self) -> bool:
        return bool(ASKS_FOR_CODE.search(self.text))

    @cached_property
    def network_for_code(self) -> Architecture | None:
        """The learner's own network, layer by layer, with code asked for ("Keras 3 code for a CNN: 64x64x3 input,
        Conv2D 32, MaxPool, Flatten, Dense 128, Dropout 0.5, softmax 10?")."""
        asked = CODE_REQUESTED.search(self.text) and not UNKNOWN_TO_THE_CODE_WRITER.search(self.text)
        return read_architecture(self.text) if asked else None

    @property
    def asks_in_a_form(self) -> bool:
        """A why, how, what-if or compare question of its own ("wait, why is a thermostat not learning?"), not a
        bare "why?" nor a request to explain again ("can you explain it again?")."""
        return not self.bare_why and question_form(self.text) in ANSWER_FORMS

    @property
    def outside_in_course_words(self) -> bool:   # "how much do ML engineers earn?"
        return outside_though_named(self.knowledge, self.concept, self.text)

    @cached_property
    def answers_to_each_question(self) -> list[tuple[str, AnswerHit]]:
        """Each question of a message that asks two or more ("what is overfitting? and how do I fix it?"), with
        the knowledge base's answer where it knows one, read in the thread (its "it" is the concept named)."""
        parts = self.question_parts
        beside_an_answer = self.question_before is not None and self.reads_as_answer   # "3, but why is b learned?"
        if len(parts) < (1 if beside_an_answer or self.leads_with_a_step else 2) or self.answers is None:
            return []
        if beside_an_answer:   # asked in words, not a hedge: "x is 1 and 2 so... 1 + 4 - 1 = 4 ?" is the answer
            parts = [asked for part in parts if _asked_in_words(asked := _asked_clause(LEADING_ANSWER.sub("", part) or part))]
        lesson, thread, _ = self.thread_readings[0]
        # "How would I explain a neuron to my class? Is there a classroom analogy you would recommend?": the analogy
        # asked is how to explain it, given with the other explanation (it had got the /analogy command's help)
        parts = [part for part in parts if not ANALOGY_ASKED.search(part)]
        named = [self.curriculum.find_concept(part) for part in parts[:3]]   # "when should I use LSTM?": LSTM's
        # three words that name nothing ("why so small?") are too few to look up alone: the retriever had matched them
        # to fine-tuning's small learning rate
        asked = [(self._part_as_asked(part, concept), concept) for part, concept in zip(parts, named)
                 if concept is not None or len(part.split()) > 3]
        hits = [(part, self.answers(part, AnswerContext(lesson, (concept.key,) if concept else thread)))
                for part, concept in asked if part is not None]
        # a claim put as a question ("so for cats, E is the pictures ...? P is the % correct?") is answered by the
        # verdict on the claim, not by a definition of its term (P's card had come after the "Yes")
        return [(part, hit) for part, hit in hits if hit is not None and not hit.abstained
                and hit.confidence >= SECOND_QUESTION_CONFIDENCE and (hit.kind != "confirm" or hit.verdict == "yes")
                and not (_CLAIM_ASKED.match(part) and hit.kind != "confirm")]

    @cached_property
    def quiz_topic(self) -> tuple[str, Concept] | None:
        """"quiz me on receptive fields": the topic as said, and the concept its knowledge-base answer is about, where
        no concept has that name."""
        asked = QUIZ_ON_TOPIC.search(self.text)
        hit = self.knowledge if asked else None
        if hit is None or hit.abstained:
            return None
        linked = [self.curriculum.concepts[key] for key in hit.concepts if key in self.curriculum.concepts]
        return (asked["topic"].strip(" ?!.")[:60], linked[0]) if linked else None

    @cached_property
    def said_beside_questions(self) -> tuple[str, list[tuple[str, AnswerHit | None]]]:
        """The message without the questions it puts to the tutor ("pixels I guess? the scans. is 500 enough though?"
        -> "pixels I guess? the scans."; "" for "what's perplexity exactly?"), and each of those questions with the knowledge base's sure answer or None
        (a project's part had been saved with the question in it, and the question left unanswered)."""
        sentences = [part for part in SENTENCE_END.split(self.text.strip()) if part]
        asked = [part for part in sentences if part.endswith("?") and _asked_in_words(part)]
        kept = " ".join(part for part in sentences if part not in asked)   # "": only questions, no part said
        lesson = self.thread_readings[0][0] if self.answers is not None else None
        hits = [(part, self.answers(part, AnswerContext(lesson, ())) if self.answers is not None else None)
                for part in asked]
        return kept, [(part, hit if hit and not hit.abstained and hit.confidence >= SECOND_QUESTION_CONFIDENCE
                       and hit.kind != "confirm" else None) for part, hit in hits]

    def _part_as_asked(self, part: str, concept: Concept | None) -> str | None:
        """A question part as the knowledge base is asked it: one that says "it" and names nothing is asked about the
        message's concept ("... cosine 0.8. is it broken? how do i fix it" had got gradient clipping), and not at all
        where the message names none."""
        if concept is not None or not REFERS_BACK.search(_COURSE_DEIXIS.sub(" ", part)):
            return part
        return said_of(part, self.concept) if self.concept is not None else None

    @cached_property
    def conclusion_words(self) -> str:
        """The sentences around stated sums that hold no "=": the conclusion or question the sums lead to."""
        return " ".join(sentence for sentence in CLAUSE_END.split(self.text)
                        if "=" not in sentence and len(sentence.split()) >= 3)

    @cached_property
    def conclusion_answer(self) -> AnswerHit | None:
        """The knowledge base's answer to the words around stated sums ("g(1−g) at z=2: 0,88·0,12 = 0,106. So far
        from zero the sigmoid learns slower. Correct?"), read without the sums, whose numbers pull it elsewhere."""
        words = self.conclusion_words
        if not words or self.answers is None:
            return None
        lesson, thread, _ = self.thread_readings[0]
        hit = self.answers(words, AnswerContext(lesson, thread))
        return hit if hit is not None and not hit.abstained else None

    @cached_property
    def restatement(self) -> tuple[Concept, Restatement] | None:
        """The learner's own words for the concept named or just explained, as a claim ("so backprop is: guess,
        measure the error, go backwards, blame each weight by its share, fix it a little. right?"), graded against
        its key ideas; None where no idea nor misconception is recognised."""
        lesson = self.lesson_before if self.in_lesson_before else None   # "is like a student who ..." in its lesson
        concept = self.concept or self.explained or self.concept_in_entities or (
            self.curriculum.concepts.get(lesson.concepts[0]) if lesson and lesson.concepts else None)
        restates = RESTATES.search(self.text) or ASKS_TO_CONFIRM.search(self.text) or LIKENESS.search(self.text)
        if concept is None or not restates or len(self.text.split()) < 5 or ASKED_FIRST.match(self.text):
            return None
        if ABOUT_THE_LEARNER.search(self.text):   # "am I too old? maybe a portfolio project would help?" is about them
            return None
        if len(_IN_NOTATION.findall(self.text)) >= 2:   # a derivation in notation: its steps are more than key ideas can
            return None                             # judge ("H = (1/m) \\sum_i ... positive definite ..." had got ✅)
        ideas = self.curriculum.key_ideas.of(concept.key)
        graded = grade(self.text, ideas) if ideas is not None else None
        return (concept, graded) if graded is not None and graded.says_something else None

    @property
    def asks_what_it_is(self) -> bool:   # "What's a layer? Like layers of an onion?"
        return question_form(self.text) == "what"

    @property
    def draws_a_likeness(self) -> bool:   # "so it's like walking down a mountain in the fog?"
        return bool(LIKENESS.search(self.text))

    @property
    def answers_off_the_thread(self) -> bool:
        """"why do we need it?" right after pooling's card, answered about another concept (the sigmoid, explained
        before): "it" is what was just explained (or the lesson step named), and the answer is not about it."""
        hit, referents = self.knowledge, self.referents
        # a long question with words of its own, surely answered, is about what it says ("How can a network like this
        # be trusted? If it says 'pneumothorax', how would I know what it was looking at?" had got "I couldn't find
        # that concept": its "this" pointed at the convolution just taught)
        own_words = len(self.text.split()) > OWN_WORDS and hit is not None and hit.confidence >= OWN_WORDS_CONFIDENCE
        return (bool(referents) and hit is not None and not {c.key for c in referents} & set(hit.concepts)
                and not own_words)


def _first_sentence(text: str) -> str:
    """The message's first sentence of three words or more, without an "it" that points at nothing: "it" after a
    question of its own is about that question's subject ("can I use patient data? It is private." had been read as
    about the concept just explained), and "is it allowed (GDPR) to use ..." names its subject after the "it"."""
    sentences = SENTENCE_END.split(text.strip())
    first = next((sentence for sentence in sentences if len(sentence.split()) >= 3), text)
    return _DUMMY_IT.sub(" ", first)


# "is it allowed to", "it's ok to", "is it worth it to", "does it matter if": an "it" whose subject follows it
# "do I need a GPU for this course?": "this" points at the course, not back at a concept
# notation a derivation is written in: "\\sum", "x_i", "x^T" (a restatement in words has none)
_IN_NOTATION = re.compile(r"\\[a-zA-Z]+|\b[a-zA-Z]_[a-zA-Z0-9{]|[a-zA-Z)]\^[a-zA-Z0-9{(-]")
_COURSE_DEIXIS = re.compile(r"\b(this|that|these)\s+(course|seminar|class|classes|lessons?|days?|week|unit|bot|chat|app)\b",
                            re.IGNORECASE)
_DUMMY_IT = re.compile(r"\b(is|was|would|will|isn'?t)\s+it\s+(ok|okay|allowed|possible|legal|fine|necessary|safe|worth it|a "
                       r"good idea)\s+(\([^)]*\)\s*)?(for me\s+)?to\b|\bit'?s\s+(ok|okay|fine|allowed|possible|legal)\s+to\b|"
                       r"\bdoes\s+it\s+matter\s+(if|whether|which)\b", re.IGNORECASE)


def _asked_clause(part: str) -> str:
    """The question in a part that begins with the answer ("the performance measure ez 😎 and what is E then?" -> "and
    what is E then?"): read whole, the answer before it had made it look like a claim to confirm."""
    clauses = [clause for clause in _CLAUSE_END.split(part) if clause.strip()]
    first = next((i for i, clause in enumerate(clauses) if _ASKING_CLAUSE.match(clause)), 0)
    return " ".join(clauses[first:]) if first else part
