"""The dialogue policy: ordered tables of named rules, the only place that routes.

A turn fires the first row of :data:`RULES` whose condition holds; a row's ``do`` is a move or a
smaller table (tried the same way); ``first`` moves run before it (they note what the turn is, and
leave a side question). The tables a turn reaches by its intent are in :mod:`tutor.dialogue.intent_rules`.
Then every row of :data:`AFTER` (:mod:`tutor.dialogue.after_rules`) whose condition holds fires too. ``why``
keeps the learner's words that made the row necessary. ``tutorbot rules`` prints the tables.

To add a behaviour: one row here or in a table it reaches (where it belongs in the order), maybe a signal
(:mod:`tutor.dialogue.signals`), a predicate (:mod:`tutor.dialogue.predicates`) or a move
(:mod:`tutor.dialogue.moves`), and one test named after the row.
"""
from __future__ import annotations

from tutor.dialogue.moves import (
    claims, knowledge, labs, lessons, placement, project, questions, reset, reviews, sums, talk,
)
from tutor.dialogue.predicates import (
    always, corrects_the_last_reply, small_talk_on_the_tutor, asks_what_a_word_means, refers_to_previous_item, remarks_on_a_day, on_the_named_day, skips_to_a_topic, small_talk_beside_a_question, asks_beside_a_repeat_complaint, lesson_in_hand_picked, lesson_named, says_what_was_meant, continues_the_lesson,
    goes_to_a_day, small_talk_on_the_bot, run_asked_about, answers_beside, leads_with_a_step, yes_or_no_of_the_answer, says_next_lesson, attempt_disputed, answers_off_the_thread, answers_the_named_concept, argument, argument_is, asks_a_question, asks_arithmetic,
    asks_day_plan, asks_easier, asks_example, asks_for_a_quiz_in_chat, asks_for_fun, asks_for_the_answer, asks_for_the_course,
    asks_for_the_maths, verdict_on_a_claim_in_it, asks_another_kind, asks_harder, asks_if_covered, asks_if_ready, asks_next_at_the_end, asks_outright, asks_own_recap, asks_placement, asks_plain_words, asks_simpler, asks_summary, asks_weak_spots,
    asks_the_bot, asks_to_be_quizzed, asks_to_chat, asks_verdict, asks_what_follows, asks_what_it_is, asks_yes_or_no,
    awaiting_answer, bare_reaction, blames_the_bot, bored, bored_idle, chats, chit_chat_misread, command, command_is,
    concept_found, concept_in_argument, confirms_the_claim, contests_grade, corrects_the_topic, day_found, day_in_argument,
    descent_again, descent_worked, draws_a_likeness, gives_the_open_answer_away, graded_disputed, harder_item_on_concept, in_a_lesson, step_has_simpler, simpler_step_given,
    insult, intent, intent_unknown, just_explained, knows_how_to_study, knows_it_in_the_thread, knows_the_answer,
    knows_the_answer_for_certain, knows_the_answer_surely, lab_ended, lab_in_words, layer_sums_asked,
    leaves_the_project, lesson_in_argument, lesson_to_show, mode, named_simpler_left, names_nothing_of_the_course,
    nearest_topics, network_for_code, no_lesson_yet, other_request, own_words_ungraded, passes, picture,
    picture_in_lesson, picture_of_descent, placement_question, plain_mode, playful_chat, project_asked,
    project_awaiting, compares_lab_runs, lab_pictures_unseen, names_a_project_part, tells_own_project_idea, project_only_asks, project_under_way, proposal_named, puts_off_the_course, question_dropped, reads_as_answer,
    receptive_field_said, reminder_in_argument, reminder_set, replayed, restated, restated_soundly, restates_after_complaint,
    review_question, same_answer_again, sentiment_in_words, says_it_was_said, says_its_words_were_missed, says_skip, says_stop, says_the_answer, sets_aside_first, small_talk_topic,
    answered_not_a_lab, cosine_worked, dense_count_worked, log_loss_worked, neuron_gradient_worked, size_traced, softmax_worked, stack_worked, states_a_sum, struggles, tired, worn_out, zone_named,
)
from tutor.dialogue.answer_rules import ANSWER, DISPUTE, REVIEW, VERDICT
from tutor.dialogue.lesson_rules import CONTINUE, NEXT_LESSON, START_LESSON
from tutor.dialogue.chat_rules import CHAT, GREET
from tutor.dialogue.lab_rules import LAB, LAB_RESULT, PROJECT
from tutor.dialogue.state import Mode
from tutor.dialogue.table import Rule, Table
from tutor.dialogue.after_rules import AFTER
from tutor.dialogue.intent_rules import (
    BY_INTENT, GOTO, QUIZ, REPEAT, SKIP, WORKED_ANSWER, note_chit_chat, note_command, note_intent, note_misread_chat,
)

COMMANDS = Table("COMMANDS", (
    Rule("/start", command_is("start"), GREET),
    Rule("/help", command_is("help"), talk.explain_what_i_do),
    Rule("/lesson next", command_is("lesson") & argument_is("next"), NEXT_LESSON),
    Rule("/lesson: the lesson in hand, from its button", command_is("lesson") & lesson_in_hand_picked,
         lessons.go_on_in_the_lesson_in_hand, '"Teach me this lesson" under a card had restarted the lesson the learner '
         'was halfway through'),
    Rule("/lesson ID", command_is("lesson") & argument & lesson_in_argument, lessons.teach_argument_lesson),
    Rule("/lesson with an unknown lesson", command_is("lesson") & argument, talk.no_such_lesson),
    Rule("/lesson", command_is("lesson"), START_LESSON),
    Rule("/next", command_is("next"), CONTINUE),
    Rule("/repeat", command_is("repeat"), REPEAT),
    Rule("/example", command_is("example") & lesson_to_show, lessons.show_argument_worked_example),
    Rule("/example outside a lesson", command_is("example"), talk.start_a_lesson_first),
    Rule("/quiz on a topic not in the seminar", command_is("quiz") & argument & ~concept_in_argument & ~day_in_argument,
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
    Rule("leave the placement check", placement_question & (command | says_stop | other_request
         & (asks_a_question & ~knows_the_answer & ~answers_beside
            | intent("goto_day", "progress", "quiz", "start_lesson", "goodbye", "help"))), placement.stop,
         "another request in the middle of the check ends it with the result so far; an answer in the learner's words "
         'is no request ("it means 80% chance that it is a dog (y=1)" had ended the check), nor a question the course '
         'answers, answered before the check goes on ("Thank you. But how do I handle class imbalance?" had ended it '
         'unanswered)'),
    Rule("the reminder's time zone", zone_named, reviews.set_reminder_zone,
         "/remind 19:00 without a zone: the zone asked once, the learner's reply read as it"),
    Rule("a step of the course asked first, a question after it", leads_with_a_step & ~awaiting_answer & ~command,
         Table("A_STEP_FIRST", (Rule("the next lesson", says_next_lesson, NEXT_LESSON),
                                Rule("the lesson's next move", always, CONTINUE))), '"Next lesson. By the way, these slides are from 2016 ... How much of this Day 1 material is '
         'still how people do things today?" had gone to Day 1, the day its question named; the question is answered '
         'after the step (AFTER\'s "the message\'s other questions")'),
    Rule("a yes or no asked of the answer just given", yes_or_no_of_the_answer & ~awaiting_answer & ~command,
         knowledge.say_the_gist, '"is that a yes?" after the answer on GPUs had got a playful verdict on whether '
         'it is "technically yes"'),
    Rule("command or offered option", command, COMMANDS, "/quiz, or \"2\" for an offered option", (note_command,)),
    Rule("the /gd playground again, with a step size", descent_again, lessons.run_descent_again,
         '"run it with 0.05" right after /gd had got "did you want to...?"'),
    Rule("two lab runs compared", compares_lab_runs, labs.compare_runs,
         '"Is this because of dropout or because of 10 epochs?" after two runs had got the dropout card three times'),
    Rule("an own project idea told, with a question the course answers", tells_own_project_idea & ~awaiting_answer
         & knows_the_answer_surely, project.start_own_idea_and_answer,
         '"my project: predict if a song becomes a hit from the lyrics. what data do i need and what model" had left the '
         'question unanswered'),
    Rule("an own project idea told", tells_own_project_idea & ~awaiting_answer, project.start_own_idea,
         '"My idea: predict which patients will fall in the hospital ... Can you help me?" had got sympathy for bad '
         'news, and the helper then asked for the idea\'s data as if none had been said'),
    Rule("a part of the project named", names_a_project_part & ~awaiting_answer, project.take_named_part,
         '"Task is: for each patient, yes or no, will fall in next week. Is this ok?" had started Day 1'),
    Rule("the final project", project_asked, PROJECT, '"help me with my final project", "my project"'),
    Rule("the project's pick or next part", project_awaiting & ~leaves_the_project,
         Table("PROJECT_ANSWER", (Rule("only questions, no part: answered, the part asked again",
                                       project_under_way & project_only_asks, project.answer_then_ask_again,
                                       '"what\'s perplexity exactly?" had been saved as the performance measure'),
                                  Rule("its part, in their words", project_under_way, project.take_answer),
                                  Rule("the proposal picked", proposal_named, project.pick_named),
                                  Rule("a question instead of a pick", asks_a_question & knows_the_answer,
                                       project.answer_then_pick_again,
                                       '"which one would you pick?" had got "I didn\'t recognise that proposal"'),
                                  Rule("no such proposal", always, project.pick_unknown))),
         "E, R, T and P in the learner's words; \"ok\" takes the suggestion"),
    Rule("the sentiment tool asked in words", sentiment_in_words & ~awaiting_answer, talk.read_sentiment_asked_in_words,
         '"How would it rate: \'The new checkout flow is confusing and slow\'" had got "everyone finds this hard"'),
    Rule("a question about the last run", run_asked_about & ~lab_in_words & ~compares_lab_runs
         & ~(awaiting_answer & reads_as_answer), labs.explain_the_run,
         '"training loss goes to 0,03 but validation stays ~0,11, is that overfitting or not? ... how do i fix it if it '
         'is" had got the overfitting card, nothing of the run'),
    Rule("an answer, then a lab asked in words", awaiting_answer & reads_as_answer & lab_in_words & ~picture_of_descent,
         LAB, '"8, it is confused with 1 three times. now run it again with dropout 0 and 30 epochs" had run the lab, '
         'the answer to the last run\'s question never graded', (questions.grade_and_end,)),
    Rule("an answer, then a day gone to", awaiting_answer & reads_as_answer & goes_to_a_day, lessons.teach_named_day,
         '"1 😤 and then can we pls start day 2, im tired of this one" had started Day 2, the answer never graded',
         (questions.grade_and_end,)),
    Rule("a lab asked in words", lab_in_words & ~picture_of_descent & ~answered_not_a_lab, LAB,
         '"train the CNN on digits with 5 epochs"; "try gradient descent with 1.2" stays the /gd playground'),
    Rule("a check to skip a day", asks_placement & ~awaiting_answer, placement.start_placement,
         '"test me on day 2 so I can skip it": no way to test out of a day'),
    Rule("code for the learner's own network, no question open", network_for_code & ~awaiting_answer,
         sums.write_network_code, '"Keras 3 code for a CNN: 64x64x3 input, Conv2D 32, MaxPool, Flatten, Dense 128, '
         'Dropout 0.5, softmax 10?" had got the slides\' MNIST model; never with a question open (its counts)'),
    Rule("a cosine similarity worked by the learner, no question open", cosine_worked & ~awaiting_answer,
         sums.check_cosine, '"a = (1, -1, 2), b = (3, 1, 0). a.b = 3 + 1 + 0 = 4 ... cos = 4 / 7,746 = 0,516. Correct?" '
         'had got "Yes, that\'s right" for the sums alone'),
    Rule("a softmax worked by the learner, no question open", softmax_worked & ~awaiting_answer, sums.check_softmax,
         '"softmax check: logits (2,1,0) -> about 0.67, 0.24, 0.09, right?" had got a new quiz item'),
    Rule("a log loss worked by the learner, no question open", log_loss_worked & ~awaiting_answer, sums.check_log_loss,
         '"For one example with y = 0 and h = 0,9 I compute the cost as -log(0,9) = 0,105. Is this correct?" had got '
         'the worked example of logistic regression, the wrong term never caught'),
    Rule("a dense network's parameters counted by the learner, no question open", dense_count_worked & ~awaiting_answer,
         sums.check_dense_count, '"12 sensor inputs, hidden layer of 8 neurons, then 1 output ... total 113 parameters. '
         'Correct?" had got "I can only check the arithmetic"'),
    Rule("one neuron's gradient worked by the learner, no question open", neuron_gradient_worked & ~awaiting_answer,
         sums.check_neuron_gradient, '"x = 2, w = 0,5, b = 0, y = 1, loss ½(a − y)² ... ∂L/∂w = (0,73 − 1)·0,73·0,27 = '
         '−0,053. Is that right?" had got "that part holds", the missing factor x unseen'),
    Rule("the region stacked convolutions see, no question open", receptive_field_said & ~awaiting_answer,
         sums.check_receptive_field, '"three stacked 3x3 convs see a 9x9 region since 3*3=9, right?" had got "the '
         'arithmetic is right"'),
    Rule("a map's side traced through convolutions and poolings, no question open", size_traced & ~stack_worked
         & ~awaiting_answer, sums.check_size_trace, '"28x28 input, two stages of conv 3x3 then 2x2 max pooling, so the '
         'final map is 5x5. Correct?" had got the pooling card\'s key ideas, "28x28 -> conv 3x3 -> maxpool 2x2 -> ... = '
         '5x5, right?" why two 3×3 convolutions are stacked'),
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
    Rule("the lesson in hand, asked to go on by its name", continues_the_lesson & in_a_lesson & ~awaiting_answer, CONTINUE,
         '"Please continue with the backpropagation lesson" had got the backpropagation entry a fourth time, "ok forget, '
         'continue the RNN lesson" the forgetting curve'),
    Rule("what comes next, after other words, in a lesson", asks_next_at_the_end & in_a_lesson & ~awaiting_answer,
         CONTINUE, '"ok now I understand, a line cant make a circle. gracias. what is next?" had got the circle answer '
         'a third time'),
    Rule("the same answer as just now, to other words", asks_a_question & ~awaiting_answer & same_answer_again
         & ~asks_simpler & ~asks_plain_words
         & ~says_it_was_said & ~restates_after_complaint, knowledge.answer_again_in_short,
         '"What is an AI product manager?" after the answer on jobs without coding had got the same paragraph again'),
    Rule("a question the course answers, among small talk", small_talk_topic & asks_a_question
         & (knows_the_answer_surely & (knows_it_in_the_thread | answers_the_named_concept) | blames_the_bot & knows_the_answer)
         & ~awaiting_answer & ~asks_the_bot & ~goes_to_a_day, knowledge.answer_from_knowledge_base,
         '"for my interview next week, what should I prepare?" had got a cooking tip, "you didn\'t answer. which '
         'similarity does gensim\'s most_similar use?" only an apology; in the thread or naming a concept only: '
         '"Any book suggestions? I liked Project Hail Mary" had got the recommender-systems answer'),
    Rule("what comes after a topic", asks_what_follows & ~awaiting_answer, lessons.show_what_follows,
         '"Happy Friday! What\'s next after CNNs?" had got only "the same to you"'),
    Rule("a quiz asked for among chat", asks_for_a_quiz_in_chat & intent("smalltalk", "out_of_scope", "help", "greet", "thanks")
         & ~awaiting_answer, QUIZ, '"ugh, long day at work. can we do something easy today, like a '
         'quiz?" had got sympathy and no quiz'),
    Rule("whether to go on to a day", asks_if_ready & day_found & ~awaiting_answer, lessons.say_if_ready_for_day,
         '"is ok if I go to Day 2 now? or I need finish day 1 first?" had got Day 2\'s goals and the progress table; '
         'the learner had skipped Day 1\'s gradient descent, which backprop builds on'),
    Rule("what was learned summed up", asks_own_recap & ~day_found & ~awaiting_answer, lessons.summarise_what_was_learned,
         '"Can you sum up in 3 bullet points what I learned?" had restarted the word-analogy lesson'),
    Rule("weak spots asked", asks_weak_spots, talk.show_weak_spots,
         '"what should I review before Day 2?" had jumped into Day 2, "what were my weak spots?" got only the counts'),
    Rule("a day summed up", asks_summary & day_found & ~awaiting_answer, lessons.summarise_day,
         '"summary of day 3" had restarted Day 3 at its first step'),
    Rule("a lesson summed up", asks_summary & (concept_found | in_a_lesson) & ~awaiting_answer, lessons.summarise_lesson,
         '"sum up in 3 bullets" had started a new lesson'),
    Rule("a day asked for among chat", asks_for_the_course & day_found & ~awaiting_answer
         & intent("greet", "smalltalk", "thanks", "out_of_scope", "deny"), GOTO,
         '"good morning, a bit sad it\'s over but excited :) Can we do Day 5?" had got a word of comfort and Day 1; '
         '"ok thanks! lets go back to the neuron lesson in day 2" "You\'re welcome!", "no, day 2 please" "No problem"'),
    Rule("a day said again, after a wrong turn", corrects_the_last_reply & day_found & ~awaiting_answer, GOTO,
         '"No, excuse me, I said Day 2. Gradient descent I use every week. Please neural networks." had got "Is it one '
         'of these?" with gradient descent topics'),
    Rule("a topic asked for among chat", asks_for_the_course & concept_found & ~day_found & ~awaiting_answer
         & ~says_next_lesson & intent("greet", "smalltalk", "thanks", "out_of_scope", "deny", "affirm"), GOTO,
         '"Just had my coffee, ready to tackle backprop again ☕" had got "Oh, you just had your coffee! Thanks for '
         'telling me"; "So the weights are rather like ...? Then let us go to the next lesson, please." had jumped '
         'to the weights\' lesson on Day 2'),
    Rule("whether a topic is taught", asks_if_covered & concept_found & ~awaiting_answer, lessons.say_where_taught,
         '"is batch normalization covered in the course?" had got what it is, with no yes or no'),
    Rule("whether a topic is taught, none teaches it", asks_if_covered & ~concept_found & ~awaiting_answer
         & knows_the_answer, knowledge.answer_not_a_lesson),
    Rule("whether a topic is taught, not in the course", asks_if_covered & ~concept_found & ~day_found
         & ~awaiting_answer, knowledge.not_taught, '"is docker covered in the course?" had got the help menu'),
    Rule("a topic corrected, after its card", corrects_the_topic & just_explained & ~awaiting_answer,
         knowledge.define_corrected_concept, '"no, I meant dropout" after another card: the card meant'),
    Rule("a topic corrected", corrects_the_topic & ~awaiting_answer, lessons.teach_corrected_topic,
         '"no i said word2vec not RNN" had got "Sorry, that missed the mark. Tell me ... in other words"'),
    Rule("plain words asked for, with the course asked for", asks_plain_words & ~plain_mode & asks_for_the_course
         & ~intent("ask_concept") & ~awaiting_answer, CONTINUE, '"im really bad at maths... can we start from the beginning?" as a first message '
         'had got the returning learner\'s advice, "Welcome back, and no need to start over"', (lessons.turn_plain_words_on,)),
    Rule("plain words asked for, with a question the course answers", asks_plain_words & ~plain_mode
         & asks_a_question & ~asks_what_it_is & ~awaiting_answer & knows_the_answer,
         knowledge.answer_from_knowledge_base, '"How can I start learning AI if I have no math?" had turned plain words '
         'on and left the question unanswered', (lessons.turn_plain_words_on,)),
    Rule("plain words asked for", asks_plain_words & ~plain_mode & ~asks_to_be_quizzed, lessons.use_plain_words,
         '"I\'m scared of maths, no formulas please" had got the same notation, then a derivative quiz; "formulas make '
         'me anxious. Can we go gently?" a word of comfort'),
    Rule("the maths asked back", asks_for_the_maths & plain_mode, lessons.use_the_maths),
    Rule("a day's plan asked among small talk", asks_day_plan & small_talk_topic & ~awaiting_answer, lessons.show_day_goals,
         '"i\'m a bit sad honestly. what\'s on for day 5?" had got only the sympathy line'),
    Rule("the course put off till later", puts_off_the_course & ~asks_to_chat & ~awaiting_answer, talk.agree_to_later,
         '"I\'ll do the lesson after dinner" had started Day 1 at once', (note_chit_chat,)),
    Rule("a question on how to study the course", asks_a_question & ~awaiting_answer & knows_how_to_study
         & ~small_talk_on_the_bot,
         knowledge.answer_from_knowledge_base, '"What\'s the best time of day to study, in your opinion?" had got '
         '"Tough call! ... the classic one that started it all"; before the small-talk topics, which share its '
         'words ("how long should I study per day?")'),
    Rule("the same said twice, then a new question the course answers", asks_beside_a_repeat_complaint & knows_the_answer
         & ~awaiting_answer, knowledge.answer_from_knowledge_base, '"you\'re repeating yourself. ok last q: why is relu '
         'better than sigmoid for hidden layers?" had got the ReLU card again', (talk.apologise_for_repeating_then_answer,)),
    Rule("the learner's own words missed, in a lesson", says_its_words_were_missed & in_a_lesson & ~awaiting_answer,
         CONTINUE, '"I literally said x3 lol. ok weiter" after "one more key idea: colour images have three channels" had '
         'got "Ha, classic! That\'s a very human day"', (talk.own_the_missed_words,)),
    Rule("the same said twice: another way", says_it_was_said & ~awaiting_answer, REPEAT,
         '"you repeated yourself" had got "Thanks for telling me! ... how your day is going"',
         (talk.apologise_for_repeating, note_intent)),
    Rule("a day or lesson asked again after a complaint", restates_after_complaint
         & (lesson_named & ~asks_a_question | goes_to_a_day)
         & ~awaiting_answer,
         Table("DAY_ASKED_AGAIN", (Rule("its lesson", lesson_named, lessons.teach_named_lesson),
                                   Rule("the day", always, lessons.teach_named_day))),
         '"I beg your pardon, but I asked for Day 1. Start Day 1, lesson two, please." had got Day 1\'s goals from the '
         'knowledge base'),
    Rule("what was meant, said again with a laugh", says_what_was_meant & ~awaiting_answer & knows_the_answer
         & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"lmaooo no i meant a college degree 😂 like a university diploma. for getting a job" had got "Haha, that made '
         'me smile!"'),
    Rule("a question said again after a complaint", restates_after_complaint & ~awaiting_answer & knows_the_answer,
         knowledge.answer_from_knowledge_base, '"that\'s not what I asked. I asked about the learning rate for Adam." '
         'had got "tell me again in other words"; the apology comes with it (AFTER)'),
    Rule("a question said again, the answer unsure", restates_after_complaint & ~awaiting_answer & nearest_topics,
         knowledge.offer_nearest_topics, "asked to say it a third time, the learner gets the nearest topics instead"),
    Rule("a question said again, no answer", restates_after_complaint & ~awaiting_answer,
         knowledge.admit_no_good_answer, '"you didn\'t answer: is 500 scanned sheets enough?" had got "say it another '
         'way"; the question is kept for the instructor'),
    Rule("small talk beside a question the course answers", small_talk_beside_a_question & knows_the_answer
         & ~awaiting_answer & ~goes_to_a_day, knowledge.answer_from_knowledge_base, '"merci. question: for my images I divide by 4095 ... '
         'Is it necessary to do that before the CNN?" had got only "You\'re welcome!"', (talk.say_small_talk_line,)),
    Rule("small talk beside a topic asked for", small_talk_topic & skips_to_a_topic & ~awaiting_answer,
         lessons.teach_skipped_to_topic, '"sorry im so tired, i have a stats exam tomorrow. can we do the gradient '
         'descent part" had got only the good luck', (talk.say_small_talk_line,)),
    Rule("small talk beside the course asked for", small_talk_topic & ~small_talk_on_the_tutor & asks_for_the_course
         & ~day_found & ~awaiting_answer
         & ~asks_for_a_quiz_in_chat, START_LESSON, '"you\'re so smart wow, ok next part please" had got only the thanks',
         (talk.say_small_talk_line,)),
    Rule("small talk on a topic of its own", small_talk_topic & ~asks_for_the_course & (~awaiting_answer | ~reads_as_answer)
         & ~asks_simpler & ~(awaiting_answer & says_stop) & ~asks_for_a_quiz_in_chat
         & ~(draws_a_likeness & (just_explained | concept_found)),
         CHAT,
         '"do you sleep at night?" had got "I don\'t eat, I\'m a bot!", "what should i cook tonight?" a refusal; '
         'with a question open, the question follows (unless the message reads as its answer)',
         (note_chit_chat,)),
    Rule("insult", insult, talk.stay_calm, '"you are useless" had got "everyone finds this hard"'),
    Rule("bored with nothing under way: chat", bored_idle & ~asks_a_question, CHAT,
         '"sooo bored" as a first message had got "let\'s make it harder" and a quiz no one had started'),
    Rule("stop the quiz, small talk with it", awaiting_answer & says_stop & (small_talk_topic | playful_chat), CHAT,
         '"im bored of quizzes, tell me a fun fact" had got "Bored? Something more challenging" and a quiz',
         (questions.stop_quiz_quietly,)),
    Rule("bored: a livelier, harder item", bored & ~says_stop & ~(asks_a_question & knows_the_answer), questions.liven_up,
         '"I\'m bored" had got the line written for "too easy"'),
    Rule("an answer, then another kind asked", awaiting_answer & reads_as_answer & asks_another_kind,
         questions.another_kind, '"4 obviously, you told me 3 times lol. something different pls" had got the worked '
         'answer, the 4 never credited', (questions.grade_and_end,)),
    Rule("an answer, then harder asked", awaiting_answer & reads_as_answer & asks_harder, questions.grade_then_harder,
         '"2, obviously. too easy. give me a harder one" had got a harder item with its answer never graded'),
    Rule("harder on a concept with nothing harder: its hardest", asks_harder & ~says_stop & concept_found
         & ~harder_item_on_concept,
         questions.hardest_on_concept, '"harder, on pooling": said so, and pooling\'s hardest (not another topic\'s)'),
    Rule("the same kind again: another kind", asks_another_kind, questions.another_kind,
         '"That\'s the same kind of question though" after a harder item of the same template had got "Rest is '
         'important"'),
    Rule("too easy: harder", asks_harder & ~says_stop & (awaiting_answer | ~asks_a_question | asks_for_a_quiz_in_chat),
         questions.raise_the_level,
         '"these are too easy, give me the hardest" had got encouragement and the same easy item'),
    Rule("an easier item asked", asks_easier & ~awaiting_answer & (asks_for_a_quiz_in_chat | intent("quiz")),
         questions.lower_the_level, '"The ∂L/∂z I don\'t understand but ok. Can you quiz me, an easy one please?" had '
         'got the neuron\'s analogy again and no quiz'),
    Rule("tired, nothing studied yet", tired & worn_out & ~awaiting_answer & no_lesson_yet & ~asks_for_the_course, talk.rest_before_starting,
         '"I\'m exhausted, long week" as a first message had got "a review then makes today\'s lesson stick"'),
    Rule("tired: a break", tired & ~awaiting_answer & ~asks_for_the_course, talk.suggest_a_break, '"I\'m so tired" is no request for a hint'),
    Rule("a lab's pictures unseen", lab_pictures_unseen, labs.answer_without_pictures,
         '"I cannot see the confusion matrix, only file paths" had got "Look at the pictures of the run again"'),
    Rule("stop the review", review_question & says_stop, reviews.stop_review,
         '"stop" in the middle of a review: the summary, not a wrong answer'),
    Rule("stop the quiz, a question with it", awaiting_answer & says_stop & asks_a_question & knows_the_answer,
         knowledge.answer_from_knowledge_base, '"No more quizzes please. What jobs are there in ML for non-programmers?" '
         'had stopped the quiz and left the question unanswered', (questions.stop_quiz,)),
    Rule("stop the quiz", awaiting_answer & says_stop, questions.stop_quiz, '"stop quiz" had been graded as a wrong answer'),
    Rule("skip said", says_skip & ~day_found & ~concept_found & ~(awaiting_answer & reads_as_answer & ~passes), SKIP,
         '"skip" skips, whatever the intent model reads (a retrained one read it as "no" and gave a hint)'),
    Rule("a restatement graded against the key ideas", restated & ~awaiting_answer & ~knows_the_answer_surely
         & (~confirms_the_claim | restated_soundly),
         claims.grade_restatement, '"so backprop is: guess, measure the error, go backwards, blame each weight by its '
         'share, fix it a little. right?" had got the glossary card again, others "I can\'t check that sentence"'),
    Rule("a verdict disputed", contests_grade & (attempt_disputed | graded_disputed), DISPUTE,
         "the answer read again, not graded as a new try nor met with sympathy"),
    Rule("an answer to the open question, its verdict asked", awaiting_answer & asks_verdict & reads_as_answer
         & ~refers_to_previous_item & ~other_request, ANSWER, '"... then I would guess the representation, option 2. Is '
         'that right?" had got the verdict on the item before, and the same question again', (questions.mark_answer,)),
    Rule("was I right?", asks_verdict & ~own_words_ungraded & ~verdict_on_a_claim_in_it, VERDICT,
         '"was I right?", "did I get it?", "I meant the previous question"; not "E = the labelled pictures, T = ... is '
         'it right?" with nothing graded (it had got "nothing to grade")'),
    Rule("the answer asked for", awaiting_answer & asks_for_the_answer & ~placement_question,
         Table("ANSWER_ASKED", WORKED_ANSWER),
         '"i dont want a quiz... just tell me" had got "Let\'s finish this one first"; the ladder\'s last rung at once'),
    Rule("an answer to the question a jump left", says_the_answer & question_dropped & ~awaiting_answer, ANSWER,
         '"wait, I was answering the quiz. the answer is 2" had picked the lesson\'s option 2, "Explain again"',
         (questions.take_up_dropped,)),
    Rule("an answer with no question open", says_the_answer & ~awaiting_answer, questions.no_question_open),
    Rule("answer", awaiting_answer & ~other_request, ANSWER,
         "an open question reads the message as its answer first", (questions.mark_answer,)),
    Rule("a named concept found hard: put simply", struggles & named_simpler_left & ~awaiting_answer & ~asks_outright
         & ~sets_aside_first,
         lessons.define_named_simpler, '"E, T and P... it is difficult for me" had got "thanks for telling me"'),
    Rule("a named concept asked more simply", asks_simpler & named_simpler_left & ~awaiting_answer & ~sets_aside_first,
         lessons.define_named_simpler, '"can you explain skip-gram vs CBOW more simply please" had got the '
         'technical answer again'),
    Rule("a word's meaning asked simply, the course defines it", asks_simpler & asks_what_a_word_means & knows_the_answer
         & ~awaiting_answer & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"what does labelled mean in simple words" had got the step again in other words, still saying "labelled"'),
    Rule("a word's meaning asked, after not getting it", intent("repeat") & asks_what_a_word_means & knows_the_answer
         & ~awaiting_answer & ~gives_the_open_answer_away, knowledge.answer_from_knowledge_base,
         '"sorry i dont get it, what does labelled mean here" had got the step in other words, still saying "labelled"'),
    Rule("a question on the step asked more simply", asks_simpler & asks_a_question & in_a_lesson & step_has_simpler
         & ~simpler_step_given & ~awaiting_answer & ~sets_aside_first, lessons.explain_step_simpler,
         '"Sorry, I not understand. What is hidden state, what is forgetting? Please more simple." in the LSTM lesson '
         'had got the knowledge base\'s answer with hₜ = o ⊙ tanh(cₜ)'),
    Rule("an example asked in words", asks_example & ~awaiting_answer & (just_explained | in_a_lesson) & ~asks_simpler
         & ~(knows_the_answer_surely & answers_the_named_concept),
         REPEAT, '"ugh ok. show me a worked example" had got "Be kind to yourself today"; an example the knowledge base '
         'has for the concept named is its answer ("what\'s a good classroom example for logistic regression?" had got '
         'the overfitting example just given)', (note_intent,)),
    Rule("a question asked to be put simply, nothing explained", asks_simpler & asks_a_question & knows_the_answer
         & ~just_explained & ~in_a_lesson & ~awaiting_answer, knowledge.answer_from_knowledge_base,
         '"ELI5 please: how does face unlock on my phone work?" had got "There\'s nothing to repeat yet"'),
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
    Rule("a question the course answers for certain", (asks_a_question | asks_yes_or_no) & knows_the_answer_for_certain
         & ~answers_off_the_thread & ~(plain_mode & asks_what_it_is) & ~awaiting_answer
         & ~small_talk_topic & ~gives_the_open_answer_away & ~(names_nothing_of_the_course & chats),
         knowledge.answer_from_knowledge_base,
         '"but do i need maths or not, yes or no" had got "people have argued about that for ages", "why would it '
         'memorise, thats cheating" the introduction (read as a yes); chat naming nothing of the course is no such '
         'question ("honestly? pretty good today 😊" had got the ML job market)'),
    Rule("a day remarked on, a question open", day_found & remarks_on_a_day & awaiting_answer,
         lessons.remark_on_a_day_with_a_question_open, '"day 3 already?? time flies" with a quiz open had restarted '
         'Day 3, the quiz dropped'),
    Rule("a day remarked on, the learner there", day_found & remarks_on_a_day & on_the_named_day & ~awaiting_answer,
         lessons.remark_on_the_day_reached, '"Goodness, Day 2 already?" had got Day 2\'s goals, as if asked about'),
    Rule("a day remarked on", day_found & remarks_on_a_day & ~awaiting_answer, lessons.remark_on_a_day_ahead,
         '"day 3 already?? time flies" as a first message had got Day 3\'s goals'),
    Rule("chit-chat by its words", playful_chat & ~awaiting_answer & ~asks_for_the_course, CHAT,
         '"what happens after we die?" had started Day 1, "knock knock" got "everyone finds this hard"', (note_chit_chat,)),
    Rule("chit-chat the NLU read as a request", chit_chat_misread & ~awaiting_answer & ~asks_for_the_course, CHAT,
         '"sorry I was away" had got "nothing to repeat yet", "my dog died last week" the progress', (note_chit_chat,)),
    Rule("the course asked for in words", asks_for_the_course & ~awaiting_answer
         & intent("repeat", "smalltalk", "help", "out_of_scope", "thanks"), START_LESSON,
         '"ok lets start, but please explain slow, my english is not so good" had got "nothing to repeat yet"'),
    Rule("unsure, nothing of the course named: chat", intent_unknown & names_nothing_of_the_course & chats & ~awaiting_answer,
         CHAT,
         '"Signing off for the afternoon, the tomatoes need watering" had got "Did you want to..."', (note_misread_chat,)),
    Rule("unsure what they meant", intent_unknown, talk.clarify, "below the NLU's confidence threshold"),
    Rule("by intent", always, BY_INTENT, "", (note_intent,)),
))

__all__ = ["AFTER", "RULES"]   # AFTER lives in tutor.dialogue.after_rules; the manager reads both here
