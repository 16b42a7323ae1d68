"""The rows of greetings, goodbyes and chit-chat: a learner back again (welcomed back, never introduced as a
newcomer), a goodnight, and how a chat reply ends (back to the question, who the
tutor is, nothing after bad news, back to the course), gathered by :mod:`tutor.dialogue.rules`."""
from __future__ import annotations

from tutor.dialogue.moves import knowledge, lessons, questions, talk
from tutor.dialogue.predicates import (
    always, announces_a_short_break, asks_summary, asks_to_chat, asks_what_i_do, bad_news, concept_found, current_lesson, day_found, knows_the_answer_surely,
    mode, more_than_hello, nods, question_open, returning, says_goodbye, says_goodnight, says_hello, small_talk_topic,
)
from tutor.dialogue.state import Mode
from tutor.dialogue.table import Rule, Table

GREET = Table("GREET", (
    Rule("hello and what can you do", asks_what_i_do & ~question_open, talk.explain_what_i_do,
         '"hi there! what can you do?" had got "I\'m not sure I\'m the right one to ask"'),
    Rule("back with a question open", question_open, questions.welcome_back_to_question,
         "back in the middle of a question: that question, with its own options"),
    Rule("hello, and a day to go to", day_found & ~question_open, lessons.teach_named_day,
         '"hi, I\'m switching careers, can we start at day 2?" had got "Shall we start with Day 1?"'),
    Rule("back again, no lesson done", returning & ~current_lesson, talk.welcome_back,
         '"hello again, it\'s me", "I\'m back from lunch" had got the introduction written for a newcomer'),
    Rule("a new learner's hello and more", mode(Mode.NEW) & more_than_hello & ~concept_found, talk.greet_and_answer,
         '"evening! long day" had got the introduction with no nod to the long day'),
    Rule("a hello and more, nothing under way", more_than_hello & ~concept_found & ~current_lesson,
         talk.greet_and_answer, '"heyyy :) how are you today?" after the introduction had got only "Hi again!"'),
    Rule("hello and small talk", small_talk_topic & ~current_lesson, talk.greet_and_answer,
         '"yo whats up" had got the introduction with no answer to "what\'s up"'),
    Rule("new learner's hello", (mode(Mode.NEW) | ~current_lesson) & says_hello, talk.greet_and_introduce,
         'a second "hello" gets "Hi again"'),
    Rule("a nod as the first message", mode(Mode.NEW) & nods, talk.nod_and_introduce,
         '"k", "👍", "ok 👍" as the first message had got the introduction with no nod back'),
    Rule("new learner", mode(Mode.NEW) | ~current_lesson, talk.introduce, '"ok", "👍" as a first message had got "Hi!"'),
    Rule("welcome back to the lesson", always, talk.welcome_back_to_lesson),
))
CHAT = Table("CHAT", (
    Rule("a goodnight", says_goodnight, talk.say_goodnight,
         '"good nite 😴" had got "I\'m sorry to hear that": the sleepy emoji read as sadness'),
    Rule("a learner back again", returning & ~small_talk_topic, GREET, '"back from my coffee break" had got the persona\'s slogan'),
    Rule("chit-chat, back to the question", question_open, talk.chat_then_question,
         '"tell me a joke" with a question open: answered, then the question with its options'),
    Rule("chit-chat about bad news", bad_news, talk.chat_only,
         '"my grandma is in hospital" had got sympathy and "Shall we get back to the course?" at once'),
    Rule("chit-chat as the first message", mode(Mode.NEW), talk.chat_then_introduce,
         '"just watched dune 2" had got the whole introduction, or "Shall we get back to the course?" before any'),
    Rule("a short break announced", announces_a_short_break, talk.chat_only,
         '"brb" had got "Sure, take your time!" and "Shall we get back to the course?" at once'),
    Rule("chit-chat, back to the course", always, talk.chat_then_course),
))
BYE = Table("BYE", (
    Rule("a chat asked for, the lessons later", asks_to_chat & ~says_goodnight, CHAT,
         '"I\'ll come back to the lessons later, just wanna chat for a bit" had got "Bye for now!"'),
    Rule("a topic the course answers, no goodbye said", ~says_goodbye & knows_the_answer_surely,
         knowledge.answer_from_knowledge_base, '"careers" read as a goodbye had got "Bye for now!"'),
    Rule("a recap asked before leaving", asks_summary & ~day_found, lessons.summarise_what_was_learned,
         '"gotta run in 10 min, can we do a quick recap before I go?" had got "Bye for now!"'),
    Rule("good night", says_goodnight, talk.say_goodnight, '"nighty night 🌙" had got "Bye for now!"'),
    Rule("bye", always, talk.say_goodbye),
))
