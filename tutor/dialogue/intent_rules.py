"""The tables a turn reaches by its intent (:data:`BY_INTENT`), with the smaller tables they use (the help ladder,
explaining again, a concept asked, going to a day, skipping, a quiz, thanks, out of scope) and the preparations
rows run first (``first``). Gathered by :mod:`tutor.dialogue.rules`, the only place that routes."""
from __future__ import annotations

from tutor.dialogue.moves import (
    claims, knowledge, lessons, questions, reset, reviews, talk,
)
from tutor.dialogue.predicates import (
    always, answers_beside, asks_for_a_formula, remarks_on_a_day, topic_on_the_day_named, beside_gives_the_open_answer_away, answers_off_the_thread, answers_the_named_concept, asks_a_question, asks_definition, asks_example,
    asks_for_a_quiz_in_chat, asks_for_code, asks_for_the_course, asks_for_the_start, asks_in_a_form, asks_outright,
    asks_progress, asks_simpler, asks_the_bot, asks_to_be_quizzed, asks_to_be_taught, asks_what_a_term_is,
    asks_what_it_is, bare_why, card_gives_the_open_answer_away, claims_to_check, concept_found, current_lesson,
    day_found, draws_a_likeness, ends_with_a_jump, goes_to_a_day, skips_to_a_topic, ends_with_go_on, ends_with_goodbye, ends_in_a_question_mark, example_given, gives_the_open_answer_away, harmless_chat,
    help_unasked, hints_left, intent, intent_unknown, intent_with_a_label, jump_unasked, just_explained, knows_it_in_its_form, lesson_named,
    knows_it_in_the_thread, knows_the_answer, knows_the_answer_surely, long_story, mode, named_just_explained,
    named_simpler_left, names_an_untaught_term, names_nothing_of_the_course, nearest_topics, negative, no_lesson_yet,
    nothing_offered, outside_the_course, plain_mode, playful_chat, progress_unasked, question_open, quiz_topic_linked,
    reads_as_answer, refers_back, replayed, review_question, skipped_the_last_one, says_goodbye, says_more, says_previous_lesson, simpler_concept_left,
    simpler_definition_left, simpler_gives_the_open_answer_away, simpler_step_given, small_talk_topic,
    social_intent_unsaid, step_has_simpler, tells_of_own_test, tells_without_asking, thanks_for_nothing, ungrateful,
)
from tutor.dialogue.lesson_rules import CONTINUE, PREVIOUS_LESSON, START_LESSON
from tutor.dialogue.chat_rules import BYE, CHAT, GREET
from tutor.dialogue.state import Activity, Mode
from tutor.dialogue.table import Rule, Table
from tutor.dialogue.turn import Turn

# -- preparations (``first``) ---------------------------------------------------------------------------------
def leave_side_questions(turn: Turn) -> None:
    """A "reset?" or "did you mean?" question the learner moved on from: back to where they were."""
    if turn.state.mode == Mode.CONFIRMING_RESET:
        turn.state.mode = turn.state.resume(Activity.RESET)
    if turn.state.mode == Mode.CLARIFYING:
        turn.state.mode = turn.state.resume(Activity.CLARIFICATION)


def note_command(turn: Turn) -> None:
    turn.intent = turn.intent or f"/{turn.signals.command_name}"
    if turn.signals.command_name not in ("confirm", "cancel"):
        leave_side_questions(turn)


def note_chit_chat(turn: Turn) -> None:
    turn.intent = "smalltalk"


def note_misread_chat(turn: Turn) -> None:
    """Chat the NLU misread (unsure, or help, a jump or a concept where the words name nothing of the course): the
    responder, fed the same words, answered as badly ("Amazing movie, j'adore!!! :)" -> "Sorry, that's not my job"),
    so our own lines answer it."""
    turn.intent = "smalltalk"
    turn.own_lines_only = True


def note_goodbye(turn: Turn) -> None:   # "thank you, bye": no "back to your question" after the goodbye
    turn.intent = "goodbye"


def note_intent(turn: Turn) -> None:
    turn.intent = turn.signals.intent
    if turn.state.mode == Mode.CLARIFYING:  # they said something else instead of choosing
        leave_side_questions(turn)


# -- sub-tables, innermost first --------------------------------------------------------------------------------
# the ladder's last rung, climbed or asked for at once ("just tell me": tutor.dialogue.rules)
WORKED_ANSWER = (
    Rule("ladder climbed on a review item", review_question, reviews.worked_answer_on_request,
         "a review item comes back later in the session, not as a fresh variant at once"),
    Rule("ladder climbed: worked answer", always, questions.worked_answer_on_request),
)
STUCK = Table("STUCK", (
    Rule("next rung of the help ladder", hints_left, questions.hint_on_request, '"no idea", "hint please"'),
    *WORKED_ANSWER,
))
STEP_AGAIN = Table("STEP_AGAIN", (
    Rule("the step, explained more simply", step_has_simpler & ~simpler_step_given, lessons.explain_step_simpler,
         '"explain again" and "still dont get it 😩" had returned the identical text'),
    Rule("simpler asked, the simpler step given: the lesson's idea put simply", asks_simpler & simpler_concept_left,
         lessons.put_the_lesson_concept_simply, '"explain again, simpler" after the simpler step had got a harder '
         "worked example"),
    Rule("simpler asked, nothing simpler left: other ways in", asks_simpler, lessons.offer_other_ways_in,
         "a worked example is no simpler explanation"),
    Rule("the step again, with the worked example", ~example_given, lessons.explain_step_again),
    Rule("every explanation given: other ways in", always, lessons.offer_other_ways_in),
))
REPEAT = Table("REPEAT", (
    Rule("an example of what was just defined", just_explained & asks_example, lessons.show_example_of_explained,
         '"can you give me an example" right after a definition'),
    Rule("a named concept put simply, a question open", question_open & named_simpler_left
         & ~simpler_gives_the_open_answer_away, lessons.define_named_simpler,
         '"i still dont get what a gradient is. in simple words please" during a gradient item had got a hint'),
    Rule("stuck on the question", question_open, STUCK, '"I don\'t get it" with a question open'),
    Rule("a named concept again, simply", named_simpler_left, lessons.define_named_simpler,
         '"explain pooling again in simple words" right after its card had returned the identical card'),
    Rule("the concept just defined, explained every way: its lesson", named_just_explained, lessons.teach_named_from_start,
         '"explain pooling again" after its card and its simpler version: not the card a third time'),
    Rule("explain a named concept again", concept_found, knowledge.define_concept, '"explain pooling again"'),
    Rule("the definition did not land: its simpler version", simpler_definition_left, lessons.define_simpler,
         '"explain again" had returned the identical text'),
    Rule("the definition did not land", just_explained, lessons.teach_explained_from_start,
         '"what is backprop?" -> "I don\'t get it" -> "still don\'t get it"'),
    Rule("nothing to repeat, a request the course answers", ~current_lesson & knows_the_answer_surely,
         knowledge.answer_from_knowledge_base, '"give me a full minimal example, like for MNIST" as a first message had '
         'got the introduction, then "nothing to repeat yet"'),
    Rule("nothing to repeat yet", ~current_lesson, talk.nothing_to_repeat),
    Rule("the lesson before", says_previous_lesson, PREVIOUS_LESSON, '"what was the lesson before?" reads as repeat'),
    Rule("an example of the step", asks_example, lessons.explain_step_again, '"can you give me an example" in a lesson'),
    Rule("the step, explained differently", always, STEP_AGAIN),
))
NOTHING_OF_THE_COURSE = Table("NOTHING_OF_THE_COURSE", (
    Rule("a question outside the course", asks_outright, talk.say_it_is_outside_what_i_know),
    Rule("chat, read as a question", always, CHAT, "", (note_misread_chat,)),
))
ASK_CONCEPT = Table("ASK_CONCEPT", (
    Rule("bare why with a question open", ~concept_found & question_open & bare_why, STUCK,
         '"why?" after "Not quite": the next rung, not "couldn\'t find that concept"'),
    Rule("why about what was just defined", ~concept_found & just_explained & (refers_back | bare_why),
         lessons.teach_explained_from_start, '"why do we need it?" right after pooling\'s definition'),
    Rule("bare why in a lesson", ~concept_found & bare_why & current_lesson, STEP_AGAIN,
         '"why?" right after a lesson step had got "I couldn\'t find that concept"'),
    Rule("what is day N about", ~concept_found & day_found, lessons.show_day_goals, '"what is day 3 about?"'),
    Rule("nothing of the course named, not sure: no course topics", ~concept_found & names_nothing_of_the_course
         & ~asks_what_a_term_is & ~just_explained & ~question_open & ~knows_it_in_the_thread, NOTHING_OF_THE_COURSE,
         '"Memory is not what it used to be", "What\'s 18% of 42,500?" had got "Is it one of these?" with course topics'),
    Rule("not sure: the nearest topics", ~concept_found & nearest_topics, knowledge.offer_nearest_topics,
         "below the knowledge base's confidence: its two or three nearest answers to choose from"),
    Rule("concept not found", ~concept_found, knowledge.concept_not_found),
    Rule("a likeness drawn in words the course does not teach", names_an_untaught_term & draws_a_likeness,
         claims.compare_claim, '"So the learning rate is like the step size of a hiker walking downhill in fog, '
         'right?" had got "This seminar doesn\'t teach \'hiker\'": the likeness is the learner\'s, compared with the '
         'course\'s own'),
    Rule("a term the course does not teach, beside a concept it does", names_an_untaught_term,
         knowledge.untaught_term_then_card, '"what is LoRA fine-tuning?" had got the transfer-learning card as if it '
         'were LoRA'),
    Rule("outside the course, in its words", outside_the_course & ~asks_definition, knowledge.not_in_the_course,
         '"how much do ML engineers earn?" had got the machine-learning card, though the knowledge base said '
         'not in the course'),
    Rule("its card would give the open question away", card_gives_the_open_answer_away, knowledge.keep_card_for_after,
         '"what is an LSTM?" during "which LSTM gate erases?" had got the card naming the forget gate'),
    Rule("define the concept", always, knowledge.define_concept),
))
TOPIC_OF_THE_DAY = Rule("a topic the day named teaches", topic_on_the_day_named, lessons.teach_topic_on_the_day_named,
                        '"hej! can we skip to day 4? i need word2vec for a school project" had opened Day 4 on RNNs')
GOTO = Table("GOTO", (
    Rule("a question the course answers, a day named", asks_a_question & knows_the_answer_surely & ~question_open
         & ~asks_for_the_course, knowledge.answer_from_knowledge_base,
         '"Final project on Day 5? Worried I can\'t do it without being a programmer. What could I do?" had got Day 5\'s '
         'goals'),
    Rule("a question about a day, not a request to go there", day_found & asks_a_question & ~asks_for_the_course
         & ~question_open, lessons.show_day_goals,
         '"any tips for the interview? Day 5 is about getting an ML job, right?" had started Day 5\'s first lesson'),
    Rule("a day from its start", day_found & asks_for_the_start, lessons.teach_named_day_from_its_start,
         '"restart day 1": a day named is resumed where the learner left it, unless its start is asked for'),
    Rule("a lesson named by its title", lesson_named, lessons.teach_named_lesson,
         '"take me back to Day 1, the cost function lesson" had resumed Day 1 at another lesson; "go to day 3, modern '
         'cnn approaches" had opened its first lesson'),
    TOPIC_OF_THE_DAY,
    Rule("jump to a day", day_found, lessons.teach_named_day, '"day 1" from the day menu had restarted Day 1 at '
         'lesson 1, losing the place in lesson 2'),
    Rule("jump to a topic", concept_found, lessons.teach_found_concept_lesson, '"skip to recurrent networks"'),
    Rule("where to?", always, lessons.ask_where_to),
))
SKIP = Table("SKIP", (
    Rule("skip a review item", review_question, reviews.skip_item, "the next review item follows, not a variant"),
    Rule("skipped twice in a row: the quiz stops", question_open & skipped_the_last_one, questions.stop_quiz,
         '"skip", "skip. Please, I want to talk about ECG" had got a worked answer and one more question each time'),
    Rule("skip the open question", question_open, questions.skip_question),
    Rule("no question to skip", always, talk.no_question_to_skip),
))
QUIZ = Table("QUIZ", (
    Rule("news of the learner's own test, no quiz asked", tells_of_own_test & ~asks_for_a_quiz_in_chat & ~question_open,
         CHAT,
         '"passed my driving test but failed my stats quiz, mixed day" had got a quiz question'),
    Rule("a lesson asked for, read as a quiz", asks_to_be_taught & concept_found & ~question_open,
         lessons.teach_found_concept_lesson, '"can you teach me gradient descent now?" had got a quiz, no lesson'),
    Rule("quiz me with a question open", ~concept_found & ~day_found & question_open, questions.finish_this_one_first,
         '"ok back to the question" had posed a new one in its place'),
    Rule("quiz on the concept a topic belongs to", ~concept_found & ~day_found & quiz_topic_linked,
         questions.quiz_on_linked_concept, '"quiz me on receptive fields" had got a Day 1 question'),
    Rule("quiz on the concept, day or lesson", always, questions.quiz_on_found, '"quiz me on day 2"'),
))
THANKS = Table("THANKS", (
    Rule("thanks for nothing", negative & ungrateful | thanks_for_nothing, talk.apologise_and_offer_another_way,
         '"thanks for nothing"; "cheers mate", read as negative, had got "Sorry that didn\'t help"; "wow thanks for '
         'nothing", read as positive, "You\'re welcome!"'),
    Rule("thanks and goodbye", says_goodbye, BYE, '"Thank you, bye" had got "Shall we keep going?"', (note_goodbye,)),
    Rule("thanks, and a question to the tutor", asks_the_bot & ~question_open, talk.welcome_and_chat,
         '"thanks that helps! what\'s your favourite neural network?" had got only "You\'re welcome!"'),
    Rule("thanks before any lesson", no_lesson_yet & ~question_open, talk.say_you_are_welcome_to_start,
         '"thanks a lot, you\'re the best!" as a first message had got "Shall we keep going?"'),
    Rule("you're welcome", always, talk.say_you_are_welcome),
))
OUT_OF_SCOPE = Table("OUT_OF_SCOPE", (
    Rule("a long story, no request in it", long_story & ~question_open, CHAT,
         'a learner\'s long story of a lost day ("...and I don\'t even know why I\'m telling you this") had got "Sorry, '
         'I can\'t help with that"', (note_chit_chat,)),
    Rule("news of their own, nothing asked", tells_without_asking & ~question_open, CHAT,
         '"omg the cafe guy spelled my name "Clowie" on my cup, i\'m keeping it forever" had got "Sorry, I can\'t '
         'help with that"', (note_chit_chat,)),
    Rule("decline, back to the question", question_open, talk.decline_briefly),
    Rule("a question outside the course", asks_a_question, talk.say_it_is_outside_what_i_know,
         '"How many cups are in a liter?", "what does \'saudade\' mean?" had got "Sorry, I can\'t help with that", as '
         'if a task had been asked'),
    Rule("decline", always, talk.decline),
))
BY_INTENT = Table("BY_INTENT", (
    Rule("a lesson asked for by its topic, read as chat", asks_to_be_taught & concept_found & ~question_open
         & ~asks_a_question & (intent("out_of_scope", "smalltalk") | intent_unknown), lessons.teach_found_concept_lesson,
         '"teach me the game ai stuff" (read as out of scope) had got "I like hearing how your day is going"'),
    Rule("a request to go on ends the message", ends_with_go_on & ~question_open & current_lesson, START_LESSON,
         '"oh so with 1 it would go (9,-7) to (-9,7) and back? cool. ok continue the course" had restarted the lesson '
         'of the concept just quizzed'),
    Rule("a day gone to in words", goes_to_a_day & ~question_open & ~ends_in_a_question_mark & ~asks_to_be_quizzed
         & ~asks_for_the_start,
         Table("DAY_GONE_TO", (Rule("its lesson named by its title", lesson_named, lessons.teach_named_lesson,
                                    '"Please go to Day 4, word vectors." had opened Day 4 where it was left, on RNNs'),
                               TOPIC_OF_THE_DAY,
                               Rule("the day", always, lessons.teach_named_day))),
         '"ok enough digits. I go to Day 4, LSTMs and time series" had got the LSTM card'),
    Rule("a jump to a day ends the message", ends_with_a_jump & day_found & ~question_open, lessons.teach_named_day,
         '"i asked rnn vs transformer not cnn vs rnn 🙄 whatever, skip to day 4" had got the RNN card, the day '
         'unvisited'),
    Rule("a goodbye ends the message", ends_with_goodbye & ~(question_open & reads_as_answer), BYE,
         '"hm you left out the sigmoid ... but ok. thanks, bye!" had got "That sounds hard. Do you want to talk about '
         'it?"; "not helpful. ok thanks, goodbye, I continue tomorrow" three course topics', (note_goodbye,)),
    Rule("a yes, then a question the course answers", intent("affirm") & (asks_a_question | asks_for_a_formula) & knows_the_answer
         & ~question_open & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"yeah but which projects can i pick from? list them" had gone on to the lesson\'s next step'),
    Rule("yes in a lesson", mode(Mode.IN_LESSON) & intent("affirm"), CONTINUE),
    Rule("continue in a lesson", mode(Mode.IN_LESSON) & intent("start_lesson"), START_LESSON),
    Rule("no or help with a question open", mode(Mode.AWAITING_ANSWER) & intent("deny", "help"), STUCK,
         '"no idea", "help" climb the help ladder'),
    Rule("skip with a question open", mode(Mode.AWAITING_ANSWER) & intent("goto_day") & ~day_found & ~concept_found,
         SKIP, '"skip" names no day or topic: it skips the question'),
    Rule("jump with a question open", mode(Mode.AWAITING_ANSWER) & intent("goto_day") & ~remarks_on_a_day, GOTO,
         '"day 3 already?? time flies" with a quiz open had restarted Day 3, the quiz dropped'),
    Rule("yes: reset", mode(Mode.CONFIRMING_RESET) & intent("affirm"), reset.reset),
    Rule("no: keep progress", mode(Mode.CONFIRMING_RESET) & intent("deny"), reset.keep_progress),
    Rule("reset: yes or no?", mode(Mode.CONFIRMING_RESET) & intent_with_a_label, reset.ask_reset_again),
    Rule("a question whose answer gives the open one away", (intent("ask_concept") | intent("repeat") & asks_in_a_form)
         & question_open
         & (knows_the_answer | knows_it_in_its_form | knows_it_in_the_thread) & gives_the_open_answer_away & ~asks_definition & ~bare_why,
         questions.keep_for_after, '"why does dropout help?" during "what is dropout for?" had got the card'),
    Rule("what a concept is, in plain words", plain_mode & intent("ask_concept") & concept_found & asks_what_it_is
         & ~question_open, knowledge.define_concept, '"What\'s a layer? Like layers of an onion?" after "no formulas" '
         'had got the knowledge base\'s answer with a = f(Wx + b)'),
    Rule("a bare why with nothing before it", bare_why & ~just_explained & ~current_lesson & ~question_open,
         talk.ask_why_what, '"ok but why" as a first message had got the knowledge base\'s answer on CNNs'),
    Rule("a question the course answers", intent("ask_concept") & knows_the_answer & ~asks_definition
         & ~gives_the_open_answer_away & ~(question_open & bare_why) & ~answers_off_the_thread,
         knowledge.answer_from_knowledge_base,
         '"where does a(1-a) come from?" had got "couldn\'t find"; "why do we need it?" after pooling: pooling\'s'),
    Rule("a why, how or compare question the course answers in its form",
         intent("ask_concept") & knows_it_in_its_form & ~asks_definition & ~gives_the_open_answer_away
         & ~(question_open & bare_why), knowledge.answer_from_knowledge_base,
         '"why does dropout help?", "where does the sigmoid derivative come from?" had got the glossary card: '
         'the knowledge base\'s why-entry was right but under the confidence a plain question needs'),
    Rule("a topic skipped to", skips_to_a_topic & ~question_open & ~day_found, lessons.teach_skipped_to_topic,
         '"ngl thats a bit basic. can we skip to where the actual maths starts, like the loss function n that" had got '
         'the notation entry'),
    Rule("a question about the lesson or concept in hand", intent("ask_concept") & knows_it_in_the_thread
         & ~asks_definition & ~gives_the_open_answer_away & ~(question_open & bare_why), knowledge.answer_from_knowledge_base,
         '"why 0.5? for spam filter can I use 0.9 instead?" in the threshold lesson had got the convolution card'),
    Rule("a request the course answers after all", intent("out_of_scope", "smalltalk", "help") & knows_the_answer_surely
         & ~gives_the_open_answer_away & ~(question_open & ~asks_a_question), knowledge.answer_from_knowledge_base,
         '"i want to do the titanic project, how do i start?" had got "Sorry, I can\'t help with that"; a bare '
         '"paris" with a question open is no request'),
    Rule("a question read as a quiz request, the course answers it", intent("quiz") & asks_a_question & ~asks_to_be_quizzed
         & ~question_open & knows_the_answer_surely & (knows_it_in_the_thread | answers_the_named_concept), knowledge.answer_from_knowledge_base,
         '"what questions do they ask in ML interviews?" had got a Day 1 quiz'),
    Rule("a question read as a quiz request, no quiz asked for", intent("quiz") & asks_a_question & ~asks_to_be_quizzed
         & ~question_open & ~day_found & ~concept_found & knows_the_answer, knowledge.answer_from_knowledge_base,
         '"ok so for me (fintech, fraud, not a coder tbh) which one fits? could i do a fraud one" had got a quiz on '
         'the career lesson'),
    Rule("code asked for, the course has it", intent("quiz", "goto_day", "start_lesson") & asks_for_code
         & (knows_the_answer | knows_it_in_the_thread) & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"give me the keras code for a small CNN on MNIST" had got a fill-in-the-blank quiz'),
    Rule("a why or how question read as explain-again", intent("repeat") & asks_in_a_form
         & (knows_the_answer | knows_it_in_the_thread) & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"wait, why is a thermostat not learning?" during its quiz had climbed the help ladder'),
    Rule("a question about the lesson in hand, read as chat", intent("out_of_scope", "smalltalk") & asks_a_question
         & knows_it_in_the_thread & ~playful_chat & ~gives_the_open_answer_away
         & ~(asks_definition & concept_found & ~answers_the_named_concept), knowledge.answer_from_knowledge_base,
         '"why P is percentage? can it be something else?" in the E/T/P lesson had got the prerequisites chat line; '
         '"Please tell me what a weight is in a computer program." the lesson\'s answer on machine learning'),
    Rule("a short question read as a start, the course answers it", intent("start_lesson") & ends_in_a_question_mark
         & knows_the_answer_surely & ~day_found & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"and input_shape?" after a Keras question had restarted Day 1'),
    Rule("a claim to check, nothing confirms it", claims_to_check & (intent("smalltalk", "out_of_scope")
         | intent("repeat") & draws_a_likeness) & ~question_open & (concept_found | just_explained | current_lesson),
         claims.compare_claim, '"so it\'s like a pattern detector?" had got "I\'m a tutor bot", one read as "again" a card'),
    Rule("progress asked among thanks or chat", asks_progress & intent("thanks", "greet", "smalltalk", "goodbye"),
         talk.show_progress, '"thank you so much, this week was fun 🙏 how far did i get?" had got the '
         'recommender-systems answer'),
    Rule("thanks or hello, and a question the course answers", intent("thanks", "greet") & asks_a_question
         & knows_the_answer & ~gives_the_open_answer_away & ~small_talk_topic & ~harmless_chat,
         knowledge.answer_from_knowledge_base,
         '"thanks. xgboost on tabular data, should I switch to a neural net?" had got only "You\'re welcome!"; '
         '"Hello!! how are you today? :)" the research trends since 2016'),
    Rule("thanks, and questions the course answers one by one", intent("thanks") & asks_a_question
         & answers_beside & ~beside_gives_the_open_answer_away, knowledge.welcome_then_answers,
         '"Thank you, precision and recall ... makes sense. But how do I handle imbalance, only 6% positive? Should I '
         'balance the data?" had got only "You\'re welcome! Shall we keep going?"; in the placement check too, before '
         'its question again'),
    Rule("a greeting, goodbye or thanks the words do not say", social_intent_unsaid, CHAT,
         '"uff" had got "Bye for now!", "wow" and "❤️" "You\'re welcome!"', (note_chit_chat,)),
    Rule("a first word that answers nothing", mode(Mode.NEW) & nothing_offered & ~replayed
         & intent("affirm", "deny", "repeat") & ~just_explained & ~concept_found & ~day_found & ~knows_the_answer_surely,
         GREET,
         '"k", "👍", "idk" as the first message had started Day 1 unasked or said "nothing to repeat yet"'),
    Rule("a hello and the course asked for", intent("greet") & asks_for_the_course & ~question_open & ~day_found,
         START_LESSON, '"hi, i want to start" had got "Oh, you want to start! Thanks for telling me"'),
    Rule("greet", intent("greet"), GREET),
    Rule("goodbye", intent("goodbye"), BYE),
    Rule("thanks", intent("thanks"), THANKS),
    Rule("yes: continue the course", intent("affirm"), START_LESSON),
    Rule("no, I mean: a question the course answers", intent("deny") & (asks_a_question | says_more) & knows_the_answer
         & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"no I mean careers. which one fits me?", "no, I have 50k images, not a few hundred. it\'s still overfitting" '
         'had got "No problem. Whenever you\'re ready..."'),
    Rule("no, I mean: a question, the nearest topics", intent("deny") & (asks_a_question | says_more) & ~question_open
         & nearest_topics, knowledge.offer_nearest_topics),
    Rule("no", intent("deny"), talk.accept_no),
    Rule("help the words do not ask", help_unasked & ~replayed, CHAT, '"gg ez, just hit diamond rank 🎮", "I must say, your '
         'explanations are clearer than most textbooks" had got the help text', (note_misread_chat,)),
    Rule("help", intent("help"), talk.explain_what_i_do),
    Rule("start or continue", intent("start_lesson"), START_LESSON),
    Rule("explain again", intent("repeat"), REPEAT),
    Rule("ask about a concept", intent("ask_concept"), ASK_CONCEPT),
    Rule("quiz", intent("quiz"), QUIZ),
    Rule("progress the words do not ask, a claim the course answers", progress_unasked & knows_the_answer_surely
         & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"So our NEWS2 score is more like the thermostat then, ... It never learns." had got the progress report'),
    Rule("progress the words do not ask", progress_unasked, CHAT, '"how many push-ups should I do a day" had got the '
         'progress report', (note_chit_chat,)),
    Rule("progress", intent("progress"), talk.show_progress, '"what\'s on day 5?" reads as progress'),
    Rule("a jump the words do not ask", jump_unasked & ~replayed, CHAT, '"you\'re surprisingly not terrible" had got "Where to?"',
         (note_misread_chat,)),
    Rule("go to a day or topic", intent("goto_day"), GOTO),
    Rule("chit-chat", intent("smalltalk"), CHAT),
    Rule("harmless chit-chat, never refused", harmless_chat, CHAT, '"hows it going" had got "Sorry, I can\'t help"'),
    Rule("out of scope", always, OUT_OF_SCOPE),
))
