"""The dialogue policy: ordered tables of named rules, the only place that routes.

A turn fires the first row of :data:`RULES` whose condition holds; a row's ``do`` is a move or a
smaller table (tried the same way); ``first`` moves run before it (they note what the turn is, and
leave a side question). Then every row of :data:`AFTER` (:mod:`tutor.dialogue.after_rules`) whose condition holds fires too. ``why``
keeps the learner's words that made the row necessary. ``tutorbot rules`` prints the tables.

To add a behaviour: one row here (where it belongs in the order), maybe a signal
(:mod:`tutor.dialogue.signals`), a predicate (:mod:`tutor.dialogue.predicates`) or a move
(:mod:`tutor.dialogue.moves`), and one test named after the row.
"""
from __future__ import annotations

from tutor.dialogue.moves import (
    claims, knowledge, lessons, placement, project, questions, reset, reviews, sums, talk,
)
from tutor.dialogue.predicates import (
    always, answers_off_the_thread, answers_the_named_concept, argument, argument_is, asks_a_question, asks_arithmetic, asks_day_plan,
    asks_definition, asks_example, asks_for_code, asks_for_fun, asks_for_the_course, asks_harder, asks_in_a_form,
    asks_placement, asks_plain_words, asks_what_follows, asks_what_it_is, asks_for_the_maths, asks_progress, asks_simpler, asks_the_bot, asks_to_be_quizzed, asks_to_be_taught, asks_verdict, awaiting_answer,
    bare_reaction, bare_why, blames_the_bot, bored, bored_idle, card_gives_the_open_answer_away, chit_chat_misread, claims_to_check, confirms_the_claim,
    command, command_is, concept_found, concept_in_argument, current_lesson, day_found, day_in_argument,
    descent_again, descent_worked, draws_a_likeness, ends_in_a_question_mark, example_given,
    gives_the_open_answer_away, harder_item_on_concept, harmless_chat, hints_left, insult, intent, intent_unknown,
    intent_with_a_label, just_explained, knows_it_in_its_form, knows_it_in_the_thread, knows_the_answer,
    knows_the_answer_surely, lab_ended, lab_in_words, layer_sums_asked, leaves_the_project, lesson_in_argument,
    lesson_to_show, mode, named_just_explained, plain_mode, network_for_code, named_simpler_left, names_an_untaught_term, nearest_topics, negative,
    no_lesson_yet, nothing_offered, other_request, outside_the_course, own_words_ungraded, passes, picture,
    picture_in_lesson, picture_of_descent, placement_question, playful_chat, project_asked, project_awaiting,
    project_under_way, proposal_named, question_open, receptive_field_said, reads_as_answer, refers_back, reminder_in_argument, restated,
    reminder_set, replayed, review_question, says_goodbye, says_previous_lesson, says_skip, says_stop,
    simpler_definition_left, simpler_step_given, small_talk_topic, softmax_worked, social_intent_unsaid, stack_worked, states_a_sum,
    step_has_simpler, tired, ungrateful, worn_out, zone_named,
)
from tutor.dialogue.answer_rules import ANSWER, REVIEW, VERDICT
from tutor.dialogue.lesson_rules import CONTINUE, NEXT_LESSON, PREVIOUS_LESSON, START_LESSON
from tutor.dialogue.after_rules import AFTER
from tutor.dialogue.chat_rules import BYE, CHAT, GREET
from tutor.dialogue.lab_rules import LAB, LAB_RESULT, PROJECT
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


def note_goodbye(turn: Turn) -> None:   # "thank you, bye": no "back to your question" after the goodbye
    turn.intent = "goodbye"


def note_intent(turn: Turn) -> None:
    turn.intent = turn.signals.intent
    if turn.state.mode == Mode.CLARIFYING:  # they said something else instead of choosing
        leave_side_questions(turn)


# -- sub-tables, innermost first --------------------------------------------------------------------------------
STUCK = Table("STUCK", (
    Rule("next rung of the help ladder", hints_left, questions.hint_on_request, '"no idea", "hint please"'),
    Rule("ladder climbed on a review item", review_question, reviews.worked_answer_on_request,
         "a review item comes back later in the session, not as a fresh variant at once"),
    Rule("ladder climbed: worked answer", always, questions.worked_answer_on_request),
))
STEP_AGAIN = Table("STEP_AGAIN", (
    Rule("the step, explained more simply", step_has_simpler & ~simpler_step_given, lessons.explain_step_simpler,
         '"explain again" and "still dont get it 😩" had returned the identical text'),
    Rule("the step again, with the worked example", ~example_given, lessons.explain_step_again),
    Rule("every explanation given: other ways in", always, lessons.offer_other_ways_in),
))
REPEAT = Table("REPEAT", (
    Rule("an example of what was just defined", just_explained & asks_example, lessons.show_example_of_explained,
         '"can you give me an example" right after a definition'),
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
    Rule("nothing to repeat yet", ~current_lesson, talk.nothing_to_repeat),
    Rule("the lesson before", says_previous_lesson, PREVIOUS_LESSON, '"what was the lesson before?" reads as repeat'),
    Rule("an example of the step", asks_example, lessons.explain_step_again, '"can you give me an example" in a lesson'),
    Rule("the step, explained differently", always, STEP_AGAIN),
))
ASK_CONCEPT = Table("ASK_CONCEPT", (
    Rule("bare why with a question open", ~concept_found & question_open & bare_why, STUCK,
         '"why?" after "Not quite": the next rung, not "couldn\'t find that concept"'),
    Rule("why about what was just defined", ~concept_found & just_explained & (refers_back | bare_why),
         lessons.teach_explained_from_start, '"why do we need it?" right after pooling\'s definition'),
    Rule("bare why in a lesson", ~concept_found & bare_why & current_lesson, STEP_AGAIN,
         '"why?" right after a lesson step had got "I couldn\'t find that concept"'),
    Rule("what is day N about", ~concept_found & day_found, lessons.show_day_goals, '"what is day 3 about?"'),
    Rule("not sure: the nearest topics", ~concept_found & nearest_topics, knowledge.offer_nearest_topics,
         "below the knowledge base's confidence: its two or three nearest answers to choose from"),
    Rule("concept not found", ~concept_found, knowledge.concept_not_found),
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
GOTO = Table("GOTO", (
    Rule("a question the course answers, a day named", asks_a_question & knows_the_answer_surely & ~question_open
         & ~asks_for_the_course, knowledge.answer_from_knowledge_base,
         '"Final project on Day 5? Worried I can\'t do it without being a programmer. What could I do?" had got Day 5\'s '
         'goals'),
    Rule("a question about a day, not a request to go there", day_found & asks_a_question & ~asks_for_the_course
         & ~question_open, lessons.show_day_goals,
         '"any tips for the interview? Day 5 is about getting an ML job, right?" had started Day 5\'s first lesson'),
    Rule("jump to a day", day_found, lessons.teach_named_day),
    Rule("jump to a topic", concept_found, lessons.teach_found_concept_lesson, '"skip to recurrent networks"'),
    Rule("where to?", always, lessons.ask_where_to),
))
SKIP = Table("SKIP", (
    Rule("skip a review item", review_question, reviews.skip_item, "the next review item follows, not a variant"),
    Rule("skip the open question", question_open, questions.skip_question),
    Rule("no question to skip", always, talk.no_question_to_skip),
))
QUIZ = Table("QUIZ", (
    Rule("a lesson asked for, read as a quiz", asks_to_be_taught & concept_found & ~question_open,
         lessons.teach_found_concept_lesson, '"can you teach me gradient descent now?" had got a quiz, no lesson'),
    Rule("quiz me with a question open", ~concept_found & ~day_found & question_open, questions.finish_this_one_first,
         '"ok back to the question" had posed a new one in its place'),
    Rule("quiz on the concept, day or lesson", always, questions.quiz_on_found, '"quiz me on day 2"'),
))
THANKS = Table("THANKS", (
    Rule("thanks for nothing", negative & ungrateful, talk.apologise_and_offer_another_way,
         '"thanks for nothing"; "cheers mate", read as negative, had got "Sorry that didn\'t help"'),
    Rule("thanks and goodbye", says_goodbye, BYE, '"Thank you, bye" had got "Shall we keep going?"', (note_goodbye,)),
    Rule("thanks, and a question to the tutor", asks_the_bot & ~question_open, talk.welcome_and_chat,
         '"thanks that helps! what\'s your favourite neural network?" had got only "You\'re welcome!"'),
    Rule("thanks before any lesson", no_lesson_yet & ~question_open, talk.say_you_are_welcome_to_start,
         '"thanks a lot, you\'re the best!" as a first message had got "Shall we keep going?"'),
    Rule("you're welcome", always, talk.say_you_are_welcome),
))
OUT_OF_SCOPE = Table("OUT_OF_SCOPE", (
    Rule("decline, back to the question", question_open, talk.decline_briefly),
    Rule("decline", always, talk.decline),
))
BY_INTENT = Table("BY_INTENT", (
    Rule("yes in a lesson", mode(Mode.IN_LESSON) & intent("affirm"), CONTINUE),
    Rule("continue in a lesson", mode(Mode.IN_LESSON) & intent("start_lesson"), START_LESSON),
    Rule("no or help with a question open", mode(Mode.AWAITING_ANSWER) & intent("deny", "help"), STUCK,
         '"no idea", "help" climb the help ladder'),
    Rule("skip with a question open", mode(Mode.AWAITING_ANSWER) & intent("goto_day") & ~day_found & ~concept_found,
         SKIP, '"skip" names no day or topic: it skips the question'),
    Rule("jump with a question open", mode(Mode.AWAITING_ANSWER) & intent("goto_day"), GOTO),
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
    Rule("a question the course answers", intent("ask_concept") & knows_the_answer & ~asks_definition
         & ~gives_the_open_answer_away & ~(question_open & bare_why) & ~answers_off_the_thread,
         knowledge.answer_from_knowledge_base,
         '"where does a(1-a) come from?" had got "couldn\'t find"; "why do we need it?" after pooling: pooling\'s'),
    Rule("a why, how or compare question the course answers in its form",
         intent("ask_concept") & knows_it_in_its_form & ~asks_definition & ~gives_the_open_answer_away
         & ~(question_open & bare_why), knowledge.answer_from_knowledge_base,
         '"why does dropout help?", "where does the sigmoid derivative come from?" had got the glossary card: '
         'the knowledge base\'s why-entry was right but under the confidence a plain question needs'),
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
    Rule("code asked for, the course has it", intent("quiz", "goto_day", "start_lesson") & asks_for_code
         & (knows_the_answer | knows_it_in_the_thread) & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"give me the keras code for a small CNN on MNIST" had got a fill-in-the-blank quiz'),
    Rule("a why or how question read as explain-again", intent("repeat") & asks_in_a_form
         & (knows_the_answer | knows_it_in_the_thread) & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"wait, why is a thermostat not learning?" during its quiz had climbed the help ladder'),
    Rule("a question about the lesson in hand, read as chat", intent("out_of_scope", "smalltalk") & asks_a_question
         & knows_it_in_the_thread & ~playful_chat & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"why P is percentage? can it be something else?" in the E/T/P lesson had got the prerequisites chat line'),
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
    Rule("a greeting, goodbye or thanks the words do not say", social_intent_unsaid, CHAT,
         '"uff" had got "Bye for now!", "wow" and "❤️" "You\'re welcome!"', (note_chit_chat,)),
    Rule("a first word that answers nothing", mode(Mode.NEW) & nothing_offered & ~replayed
         & intent("affirm", "deny", "repeat") & ~just_explained & ~concept_found & ~day_found, GREET,
         '"k", "👍", "idk" as the first message had started Day 1 unasked or said "nothing to repeat yet"'),
    Rule("a hello and the course asked for", intent("greet") & asks_for_the_course & ~question_open & ~day_found,
         START_LESSON, '"hi, i want to start" had got "Oh, you want to start! Thanks for telling me"'),
    Rule("greet", intent("greet"), GREET),
    Rule("goodbye", intent("goodbye"), BYE),
    Rule("thanks", intent("thanks"), THANKS),
    Rule("yes: continue the course", intent("affirm"), START_LESSON),
    Rule("no, I mean: a question the course answers", intent("deny") & asks_a_question & knows_the_answer
         & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"no I mean careers. which one fits me?" had got "No problem. Whenever you\'re ready..."'),
    Rule("no, I mean: a question, the nearest topics", intent("deny") & asks_a_question & ~question_open
         & nearest_topics, knowledge.offer_nearest_topics),
    Rule("no", intent("deny"), talk.accept_no),
    Rule("help", intent("help"), talk.explain_what_i_do),
    Rule("start or continue", intent("start_lesson"), START_LESSON),
    Rule("explain again", intent("repeat"), REPEAT),
    Rule("ask about a concept", intent("ask_concept"), ASK_CONCEPT),
    Rule("quiz", intent("quiz"), QUIZ),
    Rule("progress", intent("progress"), talk.show_progress, '"what\'s on day 5?" reads as progress'),
    Rule("go to a day or topic", intent("goto_day"), GOTO),
    Rule("chit-chat", intent("smalltalk"), CHAT),
    Rule("harmless chit-chat, never refused", harmless_chat, CHAT, '"hows it going" had got "Sorry, I can\'t help"'),
    Rule("out of scope", always, OUT_OF_SCOPE),
))
COMMANDS = Table("COMMANDS", (
    Rule("/start", command_is("start"), GREET),
    Rule("/help", command_is("help"), talk.explain_what_i_do),
    Rule("/lesson next", command_is("lesson") & argument_is("next"), NEXT_LESSON),
    Rule("/lesson ID", command_is("lesson") & argument & lesson_in_argument, lessons.teach_argument_lesson),
    Rule("/lesson with an unknown lesson", command_is("lesson") & argument, talk.no_such_lesson),
    Rule("/lesson", command_is("lesson"), START_LESSON),
    Rule("/next", command_is("next"), CONTINUE),
    Rule("/repeat", command_is("repeat"), REPEAT),
    Rule("/example", command_is("example") & lesson_to_show, lessons.show_argument_worked_example),
    Rule("/example outside a lesson", command_is("example"), talk.start_a_lesson_first),
    Rule("/quiz on a topic not in the seminar", command_is("quiz") & argument & ~concept_in_argument,
         questions.quiz_on_unknown_topic, '"/quiz blockchain" had silently quizzed on something else'),
    Rule("/quiz", command_is("quiz"), questions.quiz_on_argument),
    Rule("/review", command_is("review"), REVIEW),
    Rule("/progress", command_is("progress"), talk.show_progress),
    Rule("/ask a question the course answers", command_is("ask") & knows_the_answer, knowledge.answer_from_knowledge_base,
         "a topic chosen among the nearest ones"),
    Rule("/ask", command_is("ask"), knowledge.concept_not_found),
    Rule("/remind off", command_is("remind") & argument_is("off"), reviews.turn_reminder_off),
    Rule("/remind TIME", command_is("remind") & reminder_in_argument, reviews.set_reminder,
         "a learner who does not come back is never reminded"),
    Rule("/remind with no time", command_is("remind") & argument, reviews.ask_for_a_reminder_time),
    Rule("/remind: the reminder set", command_is("remind") & reminder_set, reviews.show_reminder),
    Rule("/remind: none yet", command_is("remind"), reviews.no_reminder_yet),
    Rule("/day N", command_is("day") & day_in_argument, lessons.teach_argument_day),
    Rule("/day", command_is("day"), lessons.ask_which_day),
    Rule("/skip", command_is("skip"), SKIP),
    Rule("/reset", command_is("reset"), reset.ask_to_confirm_reset, '"reset" typed without the slash too'),
    Rule("/confirm", command_is("confirm") & mode(Mode.CONFIRMING_RESET), reset.reset),
    Rule("/confirm with nothing to confirm", command_is("confirm"), reset.nothing_to_confirm),
    Rule("/cancel", command_is("cancel") & mode(Mode.CONFIRMING_RESET), reset.keep_progress),
    Rule("/cancel with nothing to cancel", command_is("cancel"), reset.nothing_to_cancel),
    Rule("/sentiment", command_is("sentiment"), talk.read_sentiment),
    Rule("/entities", command_is("entities"), talk.find_entities),
    Rule("/analogy", command_is("analogy"), talk.compute_analogy),
    Rule("/gd", command_is("gd"), talk.run_descent),
    Rule("/lab", command_is("lab"), LAB),
    Rule("/project", command_is("project"), PROJECT),
    Rule("unknown command", always, talk.unknown_command),
))

# -- the policy ----------------------------------------------------------------------------------------------------
RULES = Table("RULES", (
    Rule("chose what they meant", replayed, BY_INTENT, "after \"did you want to...\"", (talk.resume_clarified, note_intent)),
    Rule("a lab ended", lab_ended, LAB_RESULT, "its result arrives later, as a turn of its own"),
    Rule("skip in the placement check", placement_question & passes, placement.skipped,
         '"skip", "no idea" in a check: not known, on to the next lesson\'s question'),
    Rule("leave the placement check", placement_question & (command | other_request), placement.stop,
         "another request in the middle of the check ends it with the result so far"),
    Rule("the reminder's time zone", zone_named, reviews.set_reminder_zone,
         "/remind 19:00 without a zone: the zone asked once, the learner's reply read as it"),
    Rule("command or offered option", command, COMMANDS, "/quiz, or \"2\" for an offered option", (note_command,)),
    Rule("the /gd playground again, with a step size", descent_again, lessons.run_descent_again,
         '"run it with 0.05" right after /gd had got "did you want to...?"'),
    Rule("the final project", project_asked, PROJECT, '"help me with my final project", "my project"'),
    Rule("the project's pick or next part", project_awaiting & ~leaves_the_project,
         Table("PROJECT_ANSWER", (Rule("its part, in their words", project_under_way, project.take_answer),
                                  Rule("the proposal picked", proposal_named, project.pick_named),
                                  Rule("no such proposal", always, project.pick_unknown))),
         "E, R, T and P in the learner's words; \"ok\" takes the suggestion"),
    Rule("a lab asked in words", lab_in_words & ~picture_of_descent, LAB,
         '"train the CNN on digits with 5 epochs"; "try gradient descent with 1.2" stays the /gd playground'),
    Rule("a check to skip a day", asks_placement & ~awaiting_answer, placement.start_placement,
         '"test me on day 2 so I can skip it": no way to test out of a day'),
    Rule("code for the learner's own network, no question open", network_for_code & ~awaiting_answer,
         sums.write_network_code, '"Keras 3 code for a CNN: 64x64x3 input, Conv2D 32, MaxPool, Flatten, Dense 128, '
         'Dropout 0.5, softmax 10?" had got the slides\' MNIST model; never with a question open (its counts)'),
    Rule("a softmax worked by the learner, no question open", softmax_worked & ~awaiting_answer, sums.check_softmax,
         '"softmax check: logits (2,1,0) -> about 0.67, 0.24, 0.09, right?" had got a new quiz item'),
    Rule("the region stacked convolutions see, no question open", receptive_field_said & ~awaiting_answer,
         sums.check_receptive_field, '"three stacked 3x3 convs see a 9x9 region since 3*3=9, right?" had got "the '
         'arithmetic is right"'),
    Rule("a stack of layers worked through, no question open", stack_worked & ~awaiting_answer, sums.work_through_stack,
         '"MaxPooling -> 14x14x32, Conv2D(64,(3,3)) -> 12x12x64 with 18496 params?" had marked 18496 wrong against '
         'the pooling\'s shape'),
    Rule("a layer's numbers asked or claimed, no question open", layer_sums_asked & ~awaiting_answer, sums.work_out_layer,
         '"Conv2D(64, (3,3)) on 32x32x3: how many params? I say 1792. Right?" had got the padding card, "LSTM(64) on '
         'inputs of dim 100: is 42240 right?" the LSTM card; never with a question open (its answer)'),
    Rule("the slides' descent worked by the learner, no question open", descent_worked & ~awaiting_answer,
         sums.check_descent, '"I got (2,56; 2,56) for x3 in the gradient descent example ... is that right?" had got '
         'the first step\'s answer'),
    Rule("a sum stated, no question open", states_a_sum & ~awaiting_answer, sums.check_equations,
         '"so e^0 = 1, and g(0) = 1/(1+1) = 0,5. correct?" had got the accuracy card, "yes or no: 3*3*3*64 + 64 = 1792?" '
         'the padding card'),
    Rule("arithmetic asked, no question open", asks_arithmetic & ~awaiting_answer, talk.work_out_arithmetic,
         '"whats 17 times 23" had got "Sorry, I can\'t help with that"; never with a question open (its answer)',
         (note_chit_chat,)),
    Rule("a question the course answers, among small talk", small_talk_topic & asks_a_question
         & (knows_the_answer_surely & (knows_it_in_the_thread | answers_the_named_concept) | blames_the_bot & knows_the_answer)
         & ~awaiting_answer & ~asks_the_bot, knowledge.answer_from_knowledge_base,
         '"for my interview next week, what should I prepare?" had got a cooking tip, "you didn\'t answer. which '
         'similarity does gensim\'s most_similar use?" only an apology; in the thread or naming a concept only: '
         '"Any book suggestions? I liked Project Hail Mary" had got the recommender-systems answer'),
    Rule("what comes after a topic", asks_what_follows & ~awaiting_answer, lessons.show_what_follows,
         '"Happy Friday! What\'s next after CNNs?" had got only "the same to you"'),
    Rule("a quiz asked for among chat", asks_to_be_quizzed & intent("smalltalk", "out_of_scope", "help", "greet", "thanks")
         & ~awaiting_answer, QUIZ, '"ugh, long day at work. can we do something easy today, like a '
         'quiz?" had got sympathy and no quiz'),
    Rule("a day asked for among chat", asks_for_the_course & day_found & ~awaiting_answer
         & intent("greet", "smalltalk", "thanks", "out_of_scope"), GOTO,
         '"good morning, a bit sad it\'s over but excited :) Can we do Day 5?" had got a word of comfort and Day 1'),
    Rule("plain words asked for", asks_plain_words & ~plain_mode & ~asks_to_be_quizzed, lessons.use_plain_words,
         '"I\'m scared of maths, no formulas please" had got the same notation, then a derivative quiz; "formulas make '
         'me anxious. Can we go gently?" a word of comfort'),
    Rule("the maths asked back", asks_for_the_maths & plain_mode, lessons.use_the_maths),
    Rule("a day's plan asked among small talk", asks_day_plan & small_talk_topic & ~awaiting_answer, lessons.show_day_goals,
         '"i\'m a bit sad honestly. what\'s on for day 5?" had got only the sympathy line'),
    Rule("small talk on a topic of its own", small_talk_topic & ~asks_for_the_course & (~awaiting_answer | ~reads_as_answer)
         & ~(draws_a_likeness & (just_explained | concept_found)),
         CHAT,
         '"do you sleep at night?" had got "I don\'t eat, I\'m a bot!", "what should i cook tonight?" a refusal; '
         'with a question open, the question follows (unless the message reads as its answer)',
         (note_chit_chat,)),
    Rule("insult", insult, talk.stay_calm, '"you are useless" had got "everyone finds this hard"'),
    Rule("bored with nothing under way: chat", bored_idle, CHAT,
         '"sooo bored" as a first message had got "let\'s make it harder" and a quiz no one had started'),
    Rule("bored: a livelier, harder item", bored, questions.liven_up,
         '"I\'m bored" had got the line written for "too easy"'),
    Rule("harder on a concept with nothing harder: its hardest", asks_harder & concept_found & ~harder_item_on_concept,
         questions.hardest_on_concept, '"harder, on pooling": said so, and pooling\'s hardest (not another topic\'s)'),
    Rule("too easy: harder", asks_harder, questions.raise_the_level,
         '"these are too easy, give me the hardest" had got encouragement and the same easy item'),
    Rule("tired, nothing studied yet", tired & worn_out & ~awaiting_answer & no_lesson_yet & ~asks_for_the_course, talk.rest_before_starting,
         '"I\'m exhausted, long week" as a first message had got "a review then makes today\'s lesson stick"'),
    Rule("tired: a break", tired & ~awaiting_answer & ~asks_for_the_course, talk.suggest_a_break, '"I\'m so tired" is no request for a hint'),
    Rule("stop the review", review_question & says_stop, reviews.stop_review,
         '"stop" in the middle of a review: the summary, not a wrong answer'),
    Rule("stop the quiz", awaiting_answer & says_stop, questions.stop_quiz, '"stop quiz" had been graded as a wrong answer'),
    Rule("skip said", says_skip & ~day_found & ~concept_found, SKIP,
         '"skip" skips, whatever the intent model reads (a retrained one read it as "no" and gave a hint)'),
    Rule("a restatement graded against the key ideas", restated & ~awaiting_answer & ~knows_the_answer_surely
         & ~confirms_the_claim,
         claims.grade_restatement, '"so backprop is: guess, measure the error, go backwards, blame each weight by its '
         'share, fix it a little. right?" had got the glossary card again, others "I can\'t check that sentence"'),
    Rule("was I right?", asks_verdict & ~own_words_ungraded, VERDICT,
         '"was I right?", "did I get it?", "I meant the previous question"; not "E = the labelled pictures, T = ... is '
         'it right?" with nothing graded (it had got "nothing to grade")'),
    Rule("answer", awaiting_answer & ~other_request, ANSWER,
         "an open question reads the message as its answer first", (questions.mark_answer,)),
    Rule("simpler, asked in words", asks_simpler & ~intent("ask_concept", "quiz", "goto_day", "progress"), REPEAT,
         '"simpler please", "in plain English" whatever the intent model reads', (note_intent,)),
    Rule("picture: descent with a step size", picture_of_descent, lessons.run_descent_for_picture,
         '"show me the path for learning rate 0.5"'),
    Rule("picture asked for in words", picture_in_lesson, lessons.show_picture,
         '"show me a picture of it", "plot the sigmoid", "visualize overfitting"'),
    Rule("picture asked, none in the lesson", picture, lessons.show_example_instead_of_picture,
         "a concept whose lesson has no picture: its worked example"),
    Rule("a reaction as the first message", mode(Mode.NEW) & bare_reaction & ~replayed, talk.react_to_nothing,
         '"oh really?" as the first message had got "Not much, just waiting for a learner like you", "wow" "Right? Deep '
         'learning is full of surprises", as if something had been said', (note_chit_chat,)),
    Rule("a joke asked for, a question open", asks_for_fun & awaiting_answer & ~day_found, CHAT,
         '"tell me a joke about neural networks" with a question open had got the neural network\'s card',
         (note_chit_chat,)),
    Rule("chit-chat by its words", playful_chat & ~awaiting_answer, CHAT,
         '"what happens after we die?" had started Day 1, "knock knock" got "everyone finds this hard"', (note_chit_chat,)),
    Rule("chit-chat the NLU read as a request", chit_chat_misread & ~awaiting_answer, CHAT,
         '"sorry I was away" had got "nothing to repeat yet", "my dog died last week" the progress', (note_chit_chat,)),
    Rule("the course asked for in words", asks_for_the_course & ~awaiting_answer
         & intent("repeat", "smalltalk", "help", "out_of_scope", "thanks"), START_LESSON,
         '"ok lets start, but please explain slow, my english is not so good" had got "nothing to repeat yet"'),
    Rule("unsure what they meant", intent_unknown, talk.clarify, "below the NLU's confidence threshold"),
    Rule("by intent", always, BY_INTENT, "", (note_intent,)),
))

__all__ = ["AFTER", "RULES"]   # AFTER lives in tutor.dialogue.after_rules; the manager reads both here
