"""The rows that fire after the turn's own move (:data:`AFTER`: every row that holds, in order): the next review
item, today's reminder, the open question again, a kept question answered once its question has ended, and
encouragement for a learner who is struggling. Gathered by :mod:`tutor.dialogue.rules`."""
from __future__ import annotations

from tutor.dialogue.moves import knowledge, questions, reviews, sums, talk
from tutor.dialogue.predicates import (
    always, sentiment_in_words, asked, asks_for_the_course, asks_more_questions, asks_harder, asks_without_struggling, struggles, blames_the_bot, apologised, awaiting_answer, chat_off_course,
    command_turn, current_lesson, example_given, helped, hints_left, insult, kept_question_free, logged_as, negative, question_open,
    layer_sums_beside_an_answer, question_posed_this_turn, reminder_waiting, responder_replied, review_cap_reached, review_concluded,
    review_item_left, reviews_offered, says_stop, social, studied, tired,
)
from tutor.dialogue.table import Rule, Table

NEXT_REVIEW = Table("NEXT_REVIEW", (
    Rule("the next item", review_item_left, reviews.pose_next_item),
    Rule("daily cap reached: summary", review_cap_reached, reviews.end_at_cap),
    Rule("all done: summary", always, reviews.end_review),
))
ENCOURAGE = Table("ENCOURAGE", (
    Rule("a hint was just given", helped, talk.encourage_only, '"I don\'t get it" has just climbed the ladder'),
    Rule("a question just posed", question_open & question_posed_this_turn, talk.encourage_only,
         '"I failed my exam" read as quiz: no hint for a question not yet read'),
    Rule("hints used up", question_open & ~hints_left, talk.encourage_to_skip),
    Rule("with the next hint", question_open, talk.encourage_with_next_hint,
         '"ugh" after a hint had repeated the hint just read'),
    Rule("the worked example shown already", current_lesson & example_given, talk.encourage_only,
         '"pick Show me a worked example" had been said over the worked example itself'),
    Rule("with a worked example", current_lesson, talk.encourage_with_worked_example),
    Rule("studied before: no first lesson", studied, talk.encourage_only,
         '"ugh. is nb_epoch still called that?" from a learner on Day 3 had been sent to "the very first, gentle lesson"'),
    Rule("with the first lesson", always, talk.encourage_to_start),
))
AFTER = Table("AFTER", (
    Rule("next review item", review_concluded, NEXT_REVIEW,
         "/review answered one item and dropped back to lesson options", (reviews.tally,)),
    Rule("today's reminder, given by the greeting", reminder_waiting & reviews_offered, reviews.note_reminded,
         "the greeting offered the due reviews: no reminder on top of it"),
    Rule("today's reminder, with the learner's message", reminder_waiting & ~reviews_offered & ~command_turn,
         reviews.remind_now, "Messenger allows no message outside its 24 hours: the reminder waits for theirs"),
    Rule("a kept question, its question ended", kept_question_free, questions.answer_kept_question,
         "\"why does dropout help?\" during \"what is dropout for?\" had got the card that answers it: kept till then"),
    Rule("the message's other questions", asks_more_questions & ~awaiting_answer & ~command_turn & ~logged_as("smalltalk"),
         knowledge.answer_the_other_questions, '"what is a \'weight\'? and what is W transpose x?" had got only the '
         'weights card'),
    Rule("a layer's numbers beside an answer", layer_sums_beside_an_answer, sums.work_out_layer,
         '"3 obviously. ok i make my own: conv 5x5 with 32 filters on a RGB image = 5*5*3*32 = 2400 parameters, is '
         'correct?" had got only the ✅ for the 3, then "Yes ... was right" to "and the 2400??"'),
    Rule("back to your question", awaiting_answer & ~asked & ~logged_as("goodbye"), questions.remind,
         '"what is a kernel?", "thanks!", /progress with a question open: the question again'),
    Rule("sorry for missing what was asked", blames_the_bot & ~command_turn & ~apologised, talk.apologise_first,
         '"so why the thermostat is not learning, you didnt say" had got no word of the miss'),
    Rule("encourage", negative & struggles & ~social & ~command_turn & ~responder_replied & ~insult & ~asks_harder
         & ~tired & ~says_stop & ~asks_without_struggling & ~(chat_off_course & ~question_open) & ~asks_for_the_course
         & ~sentiment_in_words,
         ENCOURAGE,
         "only where the learner says it is hard (\"skip the basics, I'm a backend dev\", \"I'm not worried lol\" had got "
         "\"everyone finds this hard\"); not for greetings or thanks (\"привет, это Аня\" read as negative), nor where "
         "the responder met the mood, nor for \"stop\" (a review's had got a worked example to pick), nor for a "
         "question or challenge without a word of being stuck (\"relu neurons can die, isn't that worse?\")"),
))

