"""The conditions of the rules: named predicates over a turn's signals and state, composed with
``&``, ``|`` and ``~`` (python-telegram-bot's filters). They read :class:`Signals` and the state,
never the raw text; their names are what ``tutorbot rules`` prints."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tutor.answers import content_words
from tutor.dialogue.chat_cues import APOLOGY
from tutor.dialogue.lab_cues import LAB_WORD
from tutor.dialogue.chat_signals import words_said
from tutor.dialogue.knowledge_signals import COURSE_WIDE, gives_the_answer_away, text_gives_away
from tutor.dialogue.moves import graded, knowledge, lessons, project, questions, reviews
from tutor.dialogue.moves.options import CHECK_ME
from tutor.dialogue.signals import INTENT_LABELS, in_lesson
from tutor.dialogue.state import Mode
from tutor.dialogue.turn import Turn


@dataclass(frozen=True)
class Predicate:
    name: str
    test: Callable[[Turn], bool]

    def __call__(self, turn: Turn) -> bool:
        return self.test(turn)

    def __and__(self, other: Predicate) -> Predicate:
        return Predicate(f"{self.name} & {other.name}", lambda turn: self(turn) and other(turn))

    def __or__(self, other: Predicate) -> Predicate:
        return Predicate(f"({self.name} | {other.name})", lambda turn: self(turn) or other(turn))

    def __invert__(self) -> Predicate:
        return Predicate(f"~{self.name}", lambda turn: not self(turn))


def _p(name: str, test: Callable[[Turn], bool]) -> Predicate:
    return Predicate(name, test)


always = _p("always", lambda turn: True)

# -- what the learner typed ---------------------------------------------------------------------------------
command = _p("command", lambda turn: turn.signals.command is not None)
replayed = _p("chose_intent", lambda turn: turn.signals.replayed)
argument = _p("argument", lambda turn: bool(turn.signals.argument))
lesson_in_argument = _p("lesson_in_argument", lambda turn: turn.signals.lesson_in_argument is not None)
concept_in_argument = _p("concept_in_argument", lambda turn: turn.signals.concept_in_argument is not None)
day_in_argument = _p("day_in_argument", lambda turn: turn.signals.day_in_argument is not None)
lesson_to_show = _p("lesson_to_show", lambda turn: turn.signals.lesson_or_none(
    turn.signals.argument or turn.state.lesson_id) is not None)


def command_is(name: str) -> Predicate:
    return _p(f"/{name}", lambda turn: turn.signals.command_name == name)


def argument_is(value: str) -> Predicate:
    return _p(f"argument={value}", lambda turn: turn.signals.argument == value)


def intent(*names: str) -> Predicate:
    return _p(f"intent({', '.join(names)})", lambda turn: turn.signals.intent in names)


intent_unknown = _p("intent_unknown", lambda turn: turn.signals.intent is None)
intent_with_a_label = _p("intent_known", lambda turn: turn.signals.intent in INTENT_LABELS)
concept_named = _p("concept_named", lambda turn: turn.signals.concept_in_entities is not None)
concept_found = _p("concept_found", lambda turn: turn.signals.concept is not None)
day_found = _p("day_found", lambda turn: turn.signals.day is not None)
lesson_named = _p("lesson_named", lambda turn: turn.signals.lesson_named is not None)
corrects_the_topic = _p("corrects_the_topic", lambda turn: turn.signals.corrected_to is not None)
asks_for_the_start = _p("asks_for_the_start", lambda turn: turn.signals.asks_for_the_start)
asks_progress = _p("asks_progress", lambda turn: turn.signals.asks_progress)
asks_day_plan = _p("asks_day_plan", lambda turn: turn.signals.asks_day_plan and turn.signals.day is not None)
just_explained = _p("just_explained", lambda turn: turn.signals.explained is not None)
asks_example = _p("asks_example", lambda turn: turn.signals.asks_example)
refers_back = _p("refers_back", lambda turn: turn.signals.refers_back)
bare_why = _p("bare_why", lambda turn: turn.signals.bare_why)
says_next_lesson = _p("says_next_lesson", lambda turn: turn.signals.says_next_lesson)
# "is that a yes?" right after an answer of the knowledge base, which left its one line for it
yes_or_no_of_the_answer = _p("yes_or_no_of_the_answer", lambda turn: turn.signals.asks_yes_or_no_back
                             and turn.signals.gist_before is not None)
skips_to_a_topic = _p("skips_to_a_topic", lambda turn: turn.signals.topic_skipped_to is not None)
# "I go to Day 4, LSTMs and time series": a day gone to in words, whatever concept the message names too
goes_to_a_day = _p("goes_to_a_day", lambda turn: turn.signals.day_gone_to is not None and turn.signals.day is not None)
ends_with_a_jump = _p("ends_with_a_jump", lambda turn: turn.signals.ends_with_a_jump)
leads_with_a_step = _p("leads_with_a_step", lambda turn: turn.signals.leads_with_a_step)
says_previous_lesson = _p("says_previous_lesson", lambda turn: turn.signals.says_previous_lesson)
negative = _p("negative", lambda turn: turn.signals.negative)
ungrateful = _p("ungrateful", lambda turn: turn.signals.ungrateful)
tells_of_own_test = _p("tells_of_own_test", lambda turn: turn.signals.tells_of_own_test)
thanks_for_nothing = _p("thanks_for_nothing", lambda turn: turn.signals.thanks_for_nothing)
nothing_offered = _p("nothing_offered", lambda turn: not turn.state.options)   # not even "Shall we go on?"
asks_harder = _p("asks_harder", lambda turn: turn.signals.asks_harder)
asks_another_kind = _p("asks_another_kind", lambda turn: turn.signals.asks_another_kind and bool(turn.state.recent))
harder_item_on_concept = _p("harder_item_on_concept", lambda turn: (concept := turn.signals.concept) is not None
                            and any(spec.difficulty >= questions.next_level(turn)
                                    for spec in turn.course.curriculum.exercises_for(concept=concept.key)))
asks_simpler = _p("asks_simpler", lambda turn: turn.signals.asks_simpler)
asks_verdict = _p("asks_verdict", lambda turn: turn.signals.asks_verdict)
refers_to_previous_item = _p("refers_to_previous_item", lambda turn: turn.signals.refers_to_previous_item)
descent_again = _p("descent_step_after_gd", lambda turn: turn.signals.descent_step is not None)
passes = _p("passes", lambda turn: turn.signals.passes)
says_skip = _p("says_skip", lambda turn: turn.signals.says_skip)
zone_named = _p("zone_named", lambda turn: turn.signals.zone is not None and turn.state.reminder is not None)
reminder_waiting = _p("reminder_waiting", lambda turn: reviews.reminder_waiting(turn))
reviews_offered = _p("reviews_offered", lambda turn: turn.offered_reviews)
asks_placement = _p("asks_placement", lambda turn: turn.signals.asks_placement)
placement_question = _p("placement_question", lambda turn: turn.state.placement is not None
                        and turn.state.question is not None)
insult = _p("insult", lambda turn: turn.signals.insult)
tired = _p("tired", lambda turn: turn.signals.tired)
worn_out = _p("worn_out", lambda turn: turn.signals.worn_out)
claims_to_check = _p("claims_to_check", lambda turn: turn.signals.claims_to_check)
asks_a_question = _p("asks_a_question", lambda turn: turn.signals.asks_a_question)
corrects_the_last_reply = _p("corrects_the_last_reply", lambda turn: turn.signals.corrects_the_last_reply)
asks_easier = _p("asks_easier", lambda turn: turn.signals.asks_easier)
asks_for_a_formula = _p("asks_for_a_formula", lambda turn: turn.signals.asks_for_a_formula)
ends_in_a_question_mark = _p("ends_in_a_question_mark", lambda turn: turn.signals.ends_in_a_question_mark)
chat_off_course = _p("chat_off_course", lambda turn: turn.signals.chat_off_course)
# a quiz asked on a topic no concept names ("quiz me on receptive fields") that the knowledge base links to one
quiz_topic_linked = _p("quiz_topic_linked", lambda turn: turn.signals.quiz_topic is not None)
# "no, not boundary. I ask what is the W ...": the concept the first sentence sets aside is not the one asked
sets_aside_first = _p("sets_aside_first", lambda turn: turn.signals.set_aside_end > 0)
asks_weak_spots = _p("asks_weak_spots", lambda turn: turn.signals.asks_weak_spots)
asks_summary = _p("asks_summary", lambda turn: turn.signals.asks_summary)
sentiment_in_words = _p("sentiment_in_words", lambda turn: turn.signals.sentiment_asked_on is not None)
same_answer_again = _p("same_answer_again", knowledge.same_answer_again)
# "Teach me this lesson" picked under a card, halfway through that very lesson: on from where it was
lesson_in_hand_picked = _p("lesson_in_hand_picked", lambda turn: turn.signals.chose_option
                           and (lesson := turn.signals.lesson_in_argument) is not None
                           and lesson.id == turn.state.lesson_id and 0 < turn.state.step < len(lesson.steps) - 1)
asks_what_a_word_means = _p("asks_what_a_word_means", lambda turn: turn.signals.asks_what_a_word_means)
says_what_was_meant = _p("says_what_was_meant", lambda turn: turn.signals.says_what_was_meant)
continues_the_lesson = _p("continues_the_lesson", lambda turn: turn.signals.continues_the_lesson)
remarks_on_a_day = _p("remarks_on_a_day", lambda turn: turn.signals.remarks_on_a_day)
topic_on_the_day_named = _p("topic_on_the_day_named", lambda turn: turn.signals.topic_on_the_day_named is not None)
on_the_named_day = _p("on_the_named_day", lambda turn: (lesson := turn.signals.lesson_or_none(turn.state.lesson_id)) is not None
                      and lesson.day == turn.signals.day)
asks_next_at_the_end = _p("asks_next_at_the_end", lambda turn: turn.signals.asks_next_at_the_end)
asks_if_ready = _p("asks_if_ready", lambda turn: turn.signals.asks_if_ready)
asks_own_recap = _p("asks_own_recap", lambda turn: turn.signals.asks_own_recap)
asks_if_covered = _p("asks_if_covered", lambda turn: turn.signals.asks_if_covered)
says_its_words_were_missed = _p("says_its_words_were_missed", lambda turn: turn.signals.says_its_words_were_missed)
says_it_was_said = _p("says_it_was_said", lambda turn: turn.signals.says_it_was_said)
asks_beside_a_repeat_complaint = _p("asks_beside_a_repeat_complaint",
                                    lambda turn: turn.signals.asks_beside_a_repeat_complaint)
asks_what_i_do = _p("asks_what_i_do", lambda turn: turn.signals.asks_what_i_do)
restates_after_complaint = _p("restates_after_complaint", lambda turn: turn.signals.restates_after_complaint)
asks_without_struggling = _p("asks_without_struggling", lambda turn: turn.signals.asks_without_struggling)
struggles = _p("struggles", lambda turn: turn.signals.struggles)
asks_to_be_taught = _p("asks_to_be_taught", lambda turn: turn.signals.asks_to_be_taught)
asks_for_a_quiz_in_chat = _p("asks_for_a_quiz_in_chat", lambda turn: turn.signals.asks_for_a_quiz_in_chat)
asks_to_be_quizzed = _p("asks_to_be_quizzed", lambda turn: turn.signals.asks_to_be_quizzed)
asks_the_bot = _p("asks_the_bot", lambda turn: turn.signals.asks_the_bot)
blames_the_bot = _p("blames_the_bot", lambda turn: turn.signals.blames_the_bot)
# the turn's own reply owns up already ("Sorry, that missed the mark..."): one apology, not two
apologised = _p("apologised", lambda turn: any(APOLOGY.match(reply.text) for reply in turn.replies))
picture = _p("picture_asked", lambda turn: turn.signals.picture is not None)
picture_in_lesson = _p("lesson_has_picture", lambda turn: (picture := turn.signals.picture) is not None
                       and picture.step is not None and picture.asks_picture)
picture_of_descent = _p("descent_with_step_size", lambda turn: (picture := turn.signals.picture) is not None
                        and picture.step is not None and picture.step.image == "gd_path"
                        and picture.step_size is not None)

# -- the knowledge base -----------------------------------------------------------------------------------
LONG_STORY_WORDS = 40      # a message this long with no question is a story to react to, never a request to refuse
ANSWER_CONFIDENCE = 0.3     # a question: answered from the knowledge base at this calibrated confidence
CERTAIN_CONFIDENCE = 0.9    # a question answered whatever the NLU or the chat cues make of it
SURE_CONFIDENCE = 0.6       # a message the NLU calls chit-chat or out of scope: only when this sure
STUDY_CONFIDENCE = 0.25     # how to study the seminar, asked in words of studying
SAYS_MORE_WORDS = 6         # a "no" with this many words says what it means instead


def _knows(turn: Turn, confidence: float) -> bool:
    """A confident answer, and a "Yes" / "Not quite" one only to a claim to confirm ("how do LSTMs remember?"
    had got "Not quite: ...")."""
    hit = turn.signals.knowledge
    return (hit is not None and not hit.abstained and hit.confidence >= confidence
            and (hit.kind != "confirm" or turn.signals.asks_to_confirm))


knows_the_answer = _p("knows_the_answer", lambda turn: _knows(turn, ANSWER_CONFIDENCE))
knows_the_answer_surely = _p("knows_the_answer_surely", lambda turn: _knows(turn, SURE_CONFIDENCE))
asks_yes_or_no = _p("asks_yes_or_no", lambda turn: turn.signals.asks_to_confirm)   # "but do i need maths or not"
knows_the_answer_for_certain = _p("knows_the_answer_for_certain", lambda turn: _knows(turn, CERTAIN_CONFIDENCE))
# how to study the seminar ("What's the best time of day to study, in your opinion?"): the tutor's own business, so
# its answer beats a chat line from the confidence of any question where the message speaks of studying, even one
# the outside calibrator abstains on (it learnt the course's vocabulary: "is it okay to study only on weekends?" 0.25)
knows_how_to_study = _p("knows_how_to_study", lambda turn: not turn.signals.names_nothing_of_the_course
                        and (hit := turn.signals.knowledge) is not None
                        and hit.lesson == COURSE_WIDE and hit.confidence >= STUDY_CONFIDENCE)
# a knowledge-base entry written for this very claim ("so E is the data?"): its "Yes" or "Not quite" says more
confirms_the_claim = _p("confirms_the_claim", lambda turn: _knows(turn, ANSWER_CONFIDENCE)
                        and turn.signals.knowledge.kind == "confirm" and (turn.signals.restatement is None
                        or turn.signals.restatement[0].key in turn.signals.knowledge.concepts))
# "thank you, that makes sense. But how do I handle imbalance? Should I balance the data?": a question put beside the
# thanks that the knowledge base answers on its own, though the whole message is below its confidence
answers_beside = _p("answers_beside", lambda turn: any(hit for _, hit in turn.signals.said_beside_questions[1]))
nearest_topics = _p("nearest_topics", lambda turn: (hit := turn.signals.knowledge) is not None
                    and bool(hit.alternatives) and not _knows(turn, ANSWER_CONFIDENCE))
# the answer is about the concept the message names ("which similarity does gensim's most_similar use?"), not about
# a word that only looks like one ("Project Hail Mary" names the final project)
answers_the_named_concept = _p("answers_the_named_concept", lambda turn: (hit := turn.signals.knowledge) is not None
                               and bool(set(hit.concepts) & turn.course.curriculum.concepts_named(turn.signals.text)))
asks_definition = _p("asks_definition", lambda turn: turn.signals.asks_definition)
asks_what_a_term_is = _p("asks_what_a_term_is", lambda turn: turn.signals.asks_what_a_term_is)
answers_off_the_thread = _p("answers_off_the_thread", lambda turn: turn.signals.answers_off_the_thread)
draws_a_likeness = _p("draws_a_likeness", lambda turn: turn.signals.draws_a_likeness)
asks_for_code = _p("asks_for_code", lambda turn: turn.signals.asks_for_code)
asks_in_a_form = _p("asks_in_a_form", lambda turn: turn.signals.asks_in_a_form)
knows_it_in_the_thread = _p("knows_it_in_the_thread", lambda turn: turn.signals.knowledge_in_the_thread)
knows_it_in_its_form = _p("knows_it_in_its_form", lambda turn: turn.signals.knowledge_in_its_form)
names_an_untaught_term = _p("names_an_untaught_term", lambda turn: bool(turn.signals.untaught_terms))
outside_the_course = _p("outside_the_course", lambda turn: turn.signals.outside_in_course_words)
gives_the_open_answer_away = _p("gives_the_open_answer_away", lambda turn: gives_the_answer_away(
    turn.signals.knowledge, turn.state.question.question if turn.state.question else None))

# a question put beside thanks whose answer would show the open question's ("thanks! but what does 0.8 mean?")
beside_gives_the_open_answer_away = _p("beside_gives_the_open_answer_away", lambda turn: turn.state.question is not None
                                       and any(gives_the_answer_away(hit, turn.state.question.question)
                                               for _, hit in turn.signals.said_beside_questions[1] if hit is not None))

card_gives_the_open_answer_away = _p("card_gives_the_open_answer_away", lambda turn: (
    (concept := turn.signals.concept) is not None and (open_question := turn.state.question) is not None
    and (asked := turn.course.curriculum.concepts.get(open_question.question.concept)) is not None
    and concept.lesson == asked.lesson and text_gives_away(concept.definition, open_question.question)))

# the named concept's plain-words version would show the open question's answer (a word question on that concept)
simpler_gives_the_open_answer_away = _p("simpler_gives_the_open_answer_away", lambda turn: (
    (concept := turn.signals.concept) is not None and concept.again is not None
    and (open_question := turn.state.question) is not None
    and text_gives_away(concept.again, open_question.question)))

kept_question_free = _p("kept_question_free", lambda turn: bool(turn.state.kept)
                        and (turn.concluded is not None or turn.state.question is None))

LAYER_KINDS = ("param_count", "conv_output_size")   # generated kinds whose answer is a layer's numbers

# -- an open question and its answer ----------------------------------------------------------------------
question_open = _p("question_open", lambda turn: turn.state.question is not None)
question_dropped = _p("question_dropped", lambda turn: turn.state.dropped is not None)
says_the_answer = _p("says_the_answer", lambda turn: turn.signals.says_the_answer)
tried_open = _p("tried_open_question", lambda turn: turn.state.question is not None and turn.state.attempt is not None)
last_graded = _p("last_graded", lambda turn: bool(turn.state.graded))
contests_grade = _p("contests_grade", lambda turn: turn.signals.contests_grade)
attempt_disputed = _p("attempt_disputed", graded.attempt_disputed)
disputed_before = _p("disputed_before", graded.disputed_before)
graded_disputed = _p("graded_disputed", lambda turn: graded.disputed(turn) is not None)


def _own_words_on_another_thing(turn: Turn) -> bool:
    """"so for my 7 its 1/(1+e^-7) ... so its almost 1? is that right", "embedding -> RNN -> dense(8, softmax). is it
    right for complaints?": the learner's own words share no content word with the last item graded, so the verdict
    asked is on them (they had got "Yes: the last question was ..." about a quiz twelve turns back); "so for me: E =
    the pictures with label, ... P = % correct. is it right?" after that quiz is about it."""
    if not turn.state.graded:
        return True
    last = turn.state.graded[-1]
    return not content_words(turn.signals.text) & content_words(f"{last.prompt} {last.solution}")


own_words_ungraded = _p("own_words_ungraded", lambda turn: turn.signals.verdict_on_own_words and turn.state.question is None
                        and _own_words_on_another_thing(turn))
verdict_on_a_claim_in_it = _p("verdict_on_a_claim_in_it", lambda turn: turn.signals.verdict_on_a_claim_in_it)
earlier_graded_asked = _p("earlier_graded_asked", lambda turn: turn.signals.refers_to_previous_item
                          and len(turn.state.graded) > 1 and turn.state.graded[-1].told)
awaiting_answer = _p("awaiting_answer", lambda turn: turn.state.mode == Mode.AWAITING_ANSWER
                     and turn.state.question is not None)
other_request = _p("other_request", lambda turn: turn.signals.other_request)
answer_unreadable = _p("unreadable", lambda turn: not turn.signals.check.understood)
answer_right = _p("right", lambda turn: turn.signals.check.correct)
hints_left = _p("hints_left", questions.hints_left)
question_posed_this_turn = _p("posed_this_turn", lambda turn: turn.state.question != turn.signals.question_before)
nothing_to_review = _p("nothing_to_review", lambda turn: not turn.cards and not turn.state.mastery)
reviews_due = _p("reviews_due", lambda turn: bool(questions.due_exercises(turn)))
says_stop = _p("says_stop", lambda turn: turn.signals.says_stop)
reminder_in_argument = _p("time_in_argument", lambda turn: turn.signals.reminder_in_argument is not None)
reminder_set = _p("reminder_set", lambda turn: turn.state.reminder is not None)
review_question = _p("review_question", lambda turn: turn.state.question is not None and turn.state.question.review)
review_concluded = _p("review_item_ended", lambda turn: turn.concluded is not None and turn.concluded.review
                      and turn.state.review is not None)
review_item_left = _p("review_item_left", lambda turn: reviews.next_item(turn) is not None)
review_cap_reached = _p("review_cap_reached", reviews.cap_reached)

# -- where the learner is -----------------------------------------------------------------------------------


def mode(*modes: Mode) -> Predicate:
    return _p(f"mode({', '.join(m.value for m in modes)})", lambda turn: turn.state.mode in modes)


current_lesson = _p("current_lesson", lambda turn: turn.signals.lesson_or_none(turn.state.lesson_id) is not None)
no_lesson_yet = _p("no_lesson_yet", lambda turn: turn.state.lesson_id is None)
studied = _p("studied", lambda turn: turn.state.lesson_id is not None or bool(turn.state.mastery))
in_a_lesson = _p("in_lesson", lambda turn: in_lesson(turn.state))
past_last_step = _p("past_last_step", lambda turn: turn.state.step >= _steps(turn))
next_is_step = _p("next_is_step", lambda turn: turn.state.step + 1 < _steps(turn))
next_is_example = _p("next_is_example", lambda turn: turn.state.step + 1 == _steps(turn))
next_is_question = _p("next_is_question", lambda turn: turn.state.step + 1 == _steps(turn) + 1)
next_lesson_starts_a_day = _p("next_lesson_starts_a_day", lambda turn: (
    (following := turn.course.curriculum.next_lesson(turn.state.lesson_id)) is not None
    and turn.course.curriculum.day(following.day).lessons[0].id == following.id))
lesson_unpractised = _p("lesson_unpractised", lambda turn: (
    (lesson := turn.signals.lesson_or_none(turn.state.lesson_id)) is not None
    and turn.state.step >= len(lesson.steps) - 1    # read to its end (mid-lesson "next lesson" skips ahead)
    and bool(specs := turn.course.curriculum.exercises_for(lesson_id=lesson.id))
    # any of its items answered counts: the LSTM lesson's question on the sentiment model's output had left it
    # "unpractised", and every "next" offered the check again
    and not any(key in turn.state.mastery for key in {*lesson.concepts, *(spec.concept for spec in specs)})))
check_just_offered = _p("check_just_offered", lambda turn: any(
    option.label == CHECK_ME for option in turn.state.options))
step_has_simpler = _p("step_has_simpler", lambda turn: (
    turn.signals.lesson_or_none(turn.state.lesson_id) is not None and lessons.current_step(turn).again is not None))
simpler_concept_left = _p("simpler_concept_left", lambda turn: lessons.simpler_concept_left(turn) is not None)
simpler_step_given = _p("simpler_given", lambda turn: lessons.explained_again(turn, "simpler") or turn.state.plain)
# a long story with no question in it ("ok so long story but basically I was going to study this morning but ...")
long_story = _p("long_story", lambda turn: len(turn.signals.text.split()) >= LONG_STORY_WORDS and "?" not in turn.signals.text)
plain_mode = _p("plain_mode", lambda turn: turn.state.plain)
asks_what_it_is = _p("asks_what_it_is", lambda turn: turn.signals.asks_what_it_is)
asks_what_follows = _p("asks_what_follows", lambda turn: turn.signals.asks_what_follows and turn.signals.concept is not None)
asks_plain_words = _p("asks_plain_words", lambda turn: turn.signals.asks_plain_words)
asks_for_the_maths = _p("asks_for_the_maths", lambda turn: turn.signals.asks_for_the_maths)
example_given = _p("example_given", lambda turn: lessons.explained_again(turn, "example"))
simpler_definition_left = _p("simpler_definition_left", lambda turn: (
    (concept := turn.signals.explained) is not None and concept.again is not None
    and not turn.state.put_simply_before(concept.key)))
named_simpler_left = _p("named_simpler_left", lambda turn: (
    (concept := turn.signals.concept) is not None and concept.again is not None
    and not turn.state.put_simply_before(concept.key)
    # "ugh this is so hard, I dont get it at all. E T P??": the simpler version, not the formal card
    and (turn.signals.asks_simpler or turn.signals.asks_differently or turn.signals.struggles
         or concept == turn.signals.explained)))
named_just_explained = _p("named_just_explained", lambda turn: turn.signals.concept is not None
                          and turn.signals.concept == turn.signals.explained)
first_lesson = _p("first_lesson", lambda turn: turn.course.curriculum.previous_lesson(turn.state.lesson_id) is None)
last_lesson = _p("last_lesson", lambda turn: turn.course.curriculum.next_lesson(turn.state.lesson_id) is None)


def _steps(turn: Turn) -> int:
    lesson = turn.signals.lesson_or_none(turn.state.lesson_id)
    return len(lesson.steps) if lesson else 0


# -- what this turn did (for the after-rules) -----------------------------------------------------------------
asked = _p("asked_this_turn", lambda turn: turn.asked)
helped = _p("helped_this_turn", lambda turn: turn.helped)
chit_chat_misread = _p("chit_chat_misread", lambda turn: turn.signals.chit_chat_misread)
playful_chat = _p("playful_chat", lambda turn: turn.signals.playful_chat)
asks_for_fun = _p("asks_for_fun", lambda turn: turn.signals.asks_for_fun)
small_talk_topic = _p("small_talk_topic", lambda turn: turn.signals.small_talk is not None)
small_talk_beside_a_question = _p("small_talk_beside_a_question", lambda turn: turn.signals.small_talk_beside_a_question)
# a topic about the tutor itself ("you save my progress?"): its own line, before any study advice sharing its words
def _small_talk_about(about: str) -> Predicate:
    return _p(f"small_talk_on_the_{about}", lambda turn: turn.signals.small_talk is not None
              and turn.signals.small_talk.about == about)


small_talk_on_the_bot = _small_talk_about("bot")
# a reaction to the tutor's last reply ("haha good one", "too long"): said again beside "ok continue lesson" it adds nothing
small_talk_on_the_tutor = _small_talk_about("tutor")
asks_for_the_course = _p("asks_for_the_course", lambda turn: turn.signals.asks_for_the_course)
chats = _p("chats", lambda turn: turn.signals.chats)
tells_without_asking = _p("tells_without_asking", lambda turn: turn.signals.tells_without_asking)
# more than a bare "no": "no, I have 50k images, not a few hundred. it's still overfitting" goes on with the topic
says_more = _p("says_more", lambda turn: words_said(turn.signals.text) >= SAYS_MORE_WORDS)
asks_for_the_answer = _p("asks_for_the_answer", lambda turn: turn.signals.asks_for_the_answer)
asks_outright = _p("asks_outright", lambda turn: turn.signals.asks_outright)
names_nothing_of_the_course = _p("names_nothing_of_the_course",
                                 lambda turn: turn.signals.names_nothing_of_the_course)
help_unasked = _p("help_unasked", lambda turn: turn.signals.help_unasked)
jump_unasked = _p("jump_unasked", lambda turn: turn.signals.jump_unasked)
progress_unasked = _p("progress_unasked", lambda turn: turn.signals.progress_unasked)
puts_off_the_course = _p("puts_off_the_course", lambda turn: turn.signals.puts_off_the_course is not None)
descent_worked = _p("descent_worked", lambda turn: turn.signals.descent_claim is not None)
asks_more_questions = _p("asks_more_questions", lambda turn: bool(turn.signals.answers_to_each_question))
restated = _p("restated", lambda turn: turn.signals.restatement is not None)
# two ideas or more and no misconception: "is like a student who learns the old exam by memory and fails the new one?"
# in the overfitting lesson is graded as said, not taken for "so ML just memorises?" and its "Not quite"
restated_soundly = _p("restated_soundly", lambda turn: (said := turn.signals.restatement) is not None
                      and not said[1].misconceptions and len(said[1].covered) >= 2)
# a question about a project or a lab's subject that the knowledge base answers surely, with no "lab" said: its answer,
# not the lab's description ("could i build a small game bot as a project? like tic tac toe or snake?")
answered_not_a_lab = _p("answered_not_a_lab", lambda turn: turn.signals.asks_a_question and _knows(turn, SURE_CONFIDENCE)
                        and not LAB_WORD.search(turn.signals.text))
cosine_worked = _p("cosine_worked", lambda turn: turn.signals.cosine_claim is not None)
softmax_worked = _p("softmax_worked", lambda turn: turn.signals.softmax_claim is not None)
dense_count_worked = _p("dense_count_worked", lambda turn: turn.signals.dense_count_claim is not None)
neuron_gradient_worked = _p("neuron_gradient_worked", lambda turn: turn.signals.neuron_gradient_claim is not None)
size_traced = _p("size_traced", lambda turn: turn.signals.size_trace is not None)
log_loss_worked = _p("log_loss_worked", lambda turn: turn.signals.log_loss_claim is not None)
receptive_field_said = _p("receptive_field_said", lambda turn: turn.signals.field_claim is not None)
network_for_code = _p("network_for_code", lambda turn: turn.signals.network_for_code is not None)
stack_worked = _p("stack_worked", lambda turn: turn.signals.layer_stack is not None)
layer_sums_asked = _p("layer_sums_asked", lambda turn: turn.signals.layer_sums is not None)
# "3 obviously. ok i make my own: conv 5x5 with 32 filters on a RGB image = 5*5*3*32 = 2400 parameters, is correct?":
# a layer's numbers beside the answer to a question on something else (2400 had been left unchecked, the ✅ for the 3
# read as agreeing with it)
layer_sums_beside_an_answer = _p("layer_sums_beside_an_answer", lambda turn: turn.signals.layer_sums is not None
                                 and turn.concluded is not None and getattr(
                                     turn.course.curriculum.exercises.get(turn.concluded.item), "kind", None)
                                 not in LAYER_KINDS)
states_a_sum = _p("states_a_sum", lambda turn: bool(turn.signals.equations))
asks_arithmetic = _p("asks_arithmetic", lambda turn: turn.signals.arithmetic is not None)
reads_as_answer = _p("reads_as_answer", lambda turn: turn.signals.reads_as_answer)
harmless_chat = _p("harmless_chat", lambda turn: turn.signals.harmless_chat)
more_than_hello = _p("more_than_hello", lambda turn: turn.signals.more_than_hello)
bad_news = _p("bad_news", lambda turn: "feeling_bad" in turn.signals.chat_acts)
returning = _p("returning", lambda turn: turn.signals.returning)
asks_to_chat = _p("asks_to_chat", lambda turn: "just_chat" in turn.signals.speech_acts)   # "just wanna chat for a bit"
says_goodnight = _p("says_goodnight", lambda turn: turn.signals.says_goodnight)
# "brb", "gtg for a sec, back in 5": the small-talk topic of a short break (data/curriculum/small_talk.yml)
announces_a_short_break = _p("announces_a_short_break", lambda turn: turn.signals.small_talk is not None
                             and turn.signals.small_talk.id == "brb")
ends_with_go_on = _p("ends_with_go_on", lambda turn: turn.signals.ends_with_go_on)
ends_with_goodbye = _p("ends_with_goodbye", lambda turn: turn.signals.ends_with_goodbye)
says_goodbye = _p("says_goodbye", lambda turn: "goodbye" in turn.signals.speech_acts)   # "thank you, bye"
says_hello = _p("says_hello", lambda turn: turn.signals.says_hello)
bare_reaction = _p("bare_reaction", lambda turn: turn.signals.bare_reaction)
nods = _p("nods", lambda turn: turn.signals.nods)
bored = _p("bored", lambda turn: turn.signals.bored)
# "sooo bored" with no lesson or question under way: chat, not a harder item (there is nothing to make harder)
bored_idle = _p("bored_idle", lambda turn: turn.signals.asks_harder and turn.signals.says_bored
                and turn.state.question is None and turn.state.lesson_id is None)
social_intent_unsaid = _p("social_intent_unsaid", lambda turn: turn.signals.social_intent_unsaid)
responder_replied = _p("responder_replied", lambda turn: turn.responder_replied)
social = _p("social_or_answer", lambda turn: turn.intent in ("greet", "thanks", "goodbye", "out_of_scope", "answer",
                                                             "project", "lab", "lab_result"))
command_turn = _p("command_turn", lambda turn: (turn.intent or "").startswith("/"))


def logged_as(name: str) -> Predicate:
    return _p(f"logged_as({name})", lambda turn: turn.intent == name)


# -- labs and the final project (tutor/dialogue/lab_signals.py) -----------------------------------------------
lab_ended = _p("lab_ended", lambda turn: turn.signals.labs.done is not None)
lab_stopped = _p("lab_stopped", lambda turn: turn.signals.labs.done.stopped is not None)
lab_failed = _p("lab_failed", lambda turn: turn.signals.labs.done.result is None)
lab_in_words = _p("lab_in_words", lambda turn: turn.signals.labs.asked_in_words)
lab_named = _p("lab_named", lambda turn: turn.signals.labs.name is not None)
lab_asked_about = _p("lab_asked_about", lambda turn: turn.signals.labs.asks_about)
lab_installed = _p("lab_installed", lambda turn: turn.signals.labs.spec is not None)
lab_settings_wrong = _p("lab_settings_wrong", lambda turn: turn.signals.labs.settings_error is not None)
lab_history_asked = _p("lab_history_asked", lambda turn: turn.signals.labs.asks_history)
project_asked = _p("project_asked", lambda turn: turn.signals.labs.asks_project)
proposal_named = _p("proposal_named", lambda turn: turn.signals.labs.proposal_named is not None)
# the open question follows one skipped ("Now try one like it yourself"), and it is not tried either
skipped_the_last_one = _p("skipped_the_last_one", lambda turn: bool(turn.state.graded) and turn.state.graded[-1].skipped
                          and turn.state.attempt is None and turn.state.misses == 0)
project_only_asks = _p("project_only_asks", project.only_asks)
project_under_way = _p("project_under_way", lambda turn: turn.signals.labs.current_proposal is not None)
lab_pictures_unseen = _p("lab_pictures_unseen", lambda turn: turn.signals.labs.pictures_unseen
                         and turn.state.question is not None and turn.state.question.question.exercise_id.startswith("lab:"))
run_asked_about = _p("run_asked_about", lambda turn: turn.signals.labs.run_asked_about is not None)
compares_lab_runs = _p("compares_lab_runs", lambda turn: turn.signals.labs.runs_compared is not None)
tells_own_project_idea = _p("tells_own_project_idea", lambda turn: turn.signals.labs.own_idea is not None)
names_a_project_part = _p("names_a_project_part", lambda turn: turn.signals.labs.part_said is not None)
project_awaiting = _p("project_awaiting", lambda turn: turn.signals.labs.project_awaiting)
leaves_the_project = _p("leaves_the_project", lambda turn: turn.signals.leaves_the_project)
