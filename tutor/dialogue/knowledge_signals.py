"""What the knowledge base's answer says about a message beyond its confidence (read by tutor.dialogue.signals)."""
from __future__ import annotations

import re

from nlp.retrieval import is_confirm_shaped, question_form
from nlp.types import AnswerHit
from tutor.curriculum import Concept
from tutor.exercise_audit import holds_answer
from tutor.question import Question, answer_kind

# The knowledge base's kinds of answer a glossary card does not give: "why does dropout help?" wants the why-entry.
# (Not confirm: a "Not quite" below the usual confidence had answered "can you explain logistic regression?")
ANSWER_FORMS = {"why", "how", "howto", "compare", "what_if", "where_from"}
# "overfitting is like memorizing the homework?": the learner's own picture of a course concept, never outside it
LIKENESS = re.compile(r"\b(is|are|it'?s|that'?s)\s+(like|basically|kind\s+of|sort\s+of|just)\b", re.IGNORECASE)


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
    """The answer would tell the open question's answer: it is about the question's concept and the question
    asks for a choice or words (an answer about the concept says them in its own words), or it shows the
    question's number or vector. "how do I fix vanishing gradients?" during "ReLU(-3) + ReLU(2.5)?" does not:
    the numeric item asks what no general answer holds, and the card it had got instead answered nothing."""
    if hit is None or open_question is None or open_question.concept not in hit.concepts:
        return False
    if open_question.options or answer_kind(open_question.answer) not in ("number", "vector"):
        return True
    return holds_answer(open_question, hit.answer)
