"""The rows of an answered question and of reviews, gathered by :mod:`tutor.dialogue.rules`: the verdict asked for
("was I right?"), an answer graded (placement checks measure, the help ladder teaches), and a review session."""
from __future__ import annotations

from tutor.dialogue.moves import graded, placement, questions, reviews
from tutor.dialogue.predicates import (
    always, answer_right, answer_unreadable, attempt_disputed, disputed_before, earlier_graded_asked, hints_left, last_graded, nothing_to_review,
    placement_question, question_open, refers_to_previous_item, review_cap_reached, review_question, reviews_due,
    tried_open,
)
from tutor.dialogue.intent_rules import STUCK
from tutor.dialogue.table import Rule, Table

VERDICT = Table("VERDICT", (
    Rule("the open question, tried and still open", tried_open & ~refers_to_previous_item, graded.still_open_after_a_miss,
         "never give an item away that is still open: its verdict, and a hint on offer"),
    Rule("the item before the last", ~question_open & earlier_graded_asked, graded.tell_earlier_verdict,
         '"I meant the previous question" once the last one\'s verdict was given'),
    Rule("the last graded item", last_graded, graded.tell_verdict,
         '"was I right?" right after the worked answer had got small talk, "what was the answer to the last one?" a hint'),
    Rule("the open question, not answered yet", question_open, graded.still_open),
    Rule("nothing graded yet", always, graded.nothing_graded_yet),
))

ANSWER = Table("ANSWER", (
    Rule("placement check: right", placement_question & answer_right, placement.right,
         "a check measures: the next lesson's question, no praise lecture"),
    Rule("placement check: missed, on to the next", placement_question & ~answer_unreadable, placement.missed,
         "a check measures, it does not teach: no hint ladder"),
    Rule("not readable as an answer", answer_unreadable, questions.ask_for_a_readable_answer,
         '"hmm" to a numeric question: say how to answer, no miss'),
    Rule("right answer", answer_right, questions.right_answer),
    Rule("wrong answer: hint", hints_left, questions.hint_after_wrong_answer),
    Rule("review item missed: worked answer", review_question, reviews.worked_answer_after_wrong_answer,
         "a missed review item comes back later in the session, not as a fresh variant at once"),
    Rule("wrong answer: worked answer", always, questions.worked_answer_after_wrong_answer),
))

DISPUTE = Table("DISPUTE", (
    Rule("the open question's answer disputed again: the next rung", attempt_disputed & disputed_before, STUCK,
         "the same read-again text twice in a row teaches nothing: the next hint shows where it goes wrong"),
    Rule("the open question's answer read again", attempt_disputed, graded.read_attempt_again,
         '"but I wrote 0,7, that is correct no?" had been graded as a new try (a rung of help used up), "ur grading '
         'is kinda broken" got "be kind to yourself": the answer read again, how it was read, the question kept open'),
    Rule("an ended question's answer read again", always, graded.read_graded_again,
         '"But I said ten. One per class, surely that is right?" had got "I couldn\'t find that concept", "wait was '
         '0,5 right or not??" was graded against the next question: owned up to where it was right'),
))

REVIEW = Table("REVIEW", (
    Rule("nothing studied yet", nothing_to_review, questions.nothing_to_review_yet,
         '/review before any lesson had got "well remembered! 🎉"'),
    Rule("nothing due", ~reviews_due, questions.nothing_due),
    Rule("daily cap reached", review_cap_reached, reviews.cap_reached_today,
         "one evening of lessons left ~50 items due at once"),
    Rule("start a review session", always, reviews.start_review),
))
