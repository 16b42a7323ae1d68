"""The rows that move through the lessons, gathered by :mod:`tutor.dialogue.rules`: the next lesson (its check
offered first, a day's summary at its end), the next step of the one under way, the lesson before, and "start" or
"go on" read against where the learner is."""
from __future__ import annotations

from tutor.dialogue.moves import lessons
from tutor.dialogue.predicates import (
    always, check_just_offered, current_lesson, first_lesson, in_a_lesson, last_lesson, lesson_unpractised,
    next_is_example, next_is_question, next_is_step, next_lesson_starts_a_day, no_lesson_yet, past_last_step,
    question_open, says_next_lesson, says_previous_lesson, concept_named,
)
from tutor.dialogue.table import Rule, Table

NEXT_LESSON = Table("NEXT_LESSON", (
    Rule("no lesson yet: Day 1", no_lesson_yet, lessons.start_day_one),
    Rule("course done", last_lesson, lessons.congratulate_course_done,
         "all 24 lessons clicked through ended in congratulations with 32 of 68 concepts not mastered, unsaid"),
    Rule("check before moving on", lesson_unpractised & ~question_open & ~check_just_offered,
         lessons.offer_the_check_first, "all 24 lessons could be clicked through without answering anything; "
         "offered once: \"next\" right after the offer goes on"),
    Rule("a day done: its summary, then the next day", next_lesson_starts_a_day, lessons.summarise_day_then_teach_next,
         "a day ends with a summary and what to review"),
    Rule("the next lesson", always, lessons.teach_next_lesson),
))
CONTINUE = Table("CONTINUE", (
    Rule("no lesson yet: Day 1", ~current_lesson, lessons.start_day_one),
    Rule("next step", next_is_step, lessons.teach_next_step),
    Rule("worked example", next_is_example, lessons.show_worked_example),
    Rule("the lesson's question", next_is_question, lessons.ask_lesson_question),
    Rule("then the next lesson", always, NEXT_LESSON),
))
PREVIOUS_LESSON = Table("PREVIOUS_LESSON", (
    Rule("the first lesson: its start", first_lesson, lessons.teach_first_lesson_again),
    Rule("the lesson before", always, lessons.teach_previous_lesson),
))
START_LESSON = Table("START_LESSON", (
    Rule("start with a named concept", concept_named, lessons.teach_named_concept_lesson, "let's start with backprop"),
    Rule("no lesson yet: Day 1", ~current_lesson, lessons.start_day_one),
    Rule("next lesson", says_next_lesson, NEXT_LESSON, '"next lesson" is the lesson after this one, not the next step'),
    Rule("previous lesson", says_previous_lesson, PREVIOUS_LESSON, '"previous lesson" had gone on to the next step'),
    Rule("go on", in_a_lesson | past_last_step, CONTINUE,
         '"go on" from a question asked in a lesson: the lesson\'s next move, not the step just read'),
    Rule("back to where they were", always, lessons.show_current_step),
))
