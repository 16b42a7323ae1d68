"""Practice moves: posing questions, reading answers, and the help ladder (AutoTutor's hint -> leading
question -> worked answer), with mastery and spaced review updated when a question ends."""
from __future__ import annotations

import random
from pathlib import Path

from tutor import mastery as mastery_rules
from tutor.curriculum import ExerciseSpec
from tutor.dialogue import texts
from tutor.dialogue.moves import graded
from tutor.dialogue.moves.reached import lessons_reached
from tutor.dialogue.moves.options import main_options, question_images, resume_options, start_day
from tutor.dialogue.request_cues import stems
from tutor.dialogue.state import Activity, Graded, KeptQuestion, Mode, OpenQuestion, Option
from tutor.dialogue.turn import Concluded, Turn
from tutor.exercises import GENERATORS, ExerciseUnavailable, Question, make_question, static_answer
from tutor.replies import Reply
from tutor.review import rating_for
from tutor.store import AnswerRecord

MAX_HINTS = 2                   # rungs of a question's help ladder before the worked answer
MAX_LEVEL = 3                   # exercise difficulty: 1 recall .. 3 multi-step
GRADED_KEPT = 4                 # "was I right?" is about the last question that ended, "u marked 3 wrong earlier" an older one
RECENT_ITEMS = 3                # "another question" does not repeat any of the last three items while others exist


def open_question(turn: Turn) -> Question:
    assert turn.state.question is not None, "a rule guarantees an open question"
    return turn.state.question.question


def drop(turn: Turn) -> None:
    """The learner went to a lesson instead of answering: the question is dropped, not counted as a miss.
    Left open, it came back out of place ("Back to your question" in the middle of Day 2), and "1" there
    read as a day to go to, not as its answer."""
    if turn.state.question is not None:
        turn.state.dropped = turn.state.question   # "wait, I was answering the quiz. the answer is 2" takes it up
        turn.state.question, turn.state.misses = None, 0
        turn.state.mode = turn.state.resume(Activity.QUESTION)   # "stop" had left it awaiting an answer to nothing


# -- posing ------------------------------------------------------------------------------------------------
def quiz(turn: Turn, concept: str | None, lesson_id: str | None = None, day: int | None = None) -> None:
    """A question on the concept, else the day, else the lesson (the current one by default)."""
    for spec in exercises_to_try(turn, concept, lesson_id, day):
        if pose(turn, spec, review=False):
            return
    turn.say(texts.NO_EXERCISE, main_options())


def exercises_to_try(turn: Turn, concept: str | None, lesson_id: str | None, day: int | None) -> list[ExerciseSpec]:
    """Best first: the least-mastered concept first, rotating among equals by the question count (reproducibly)."""
    curriculum, state = turn.course.curriculum, turn.state
    if concept:
        specs = _of_the_kind_named(turn, curriculum.exercises_for(concept=concept))
    elif day is not None:
        specs = curriculum.exercises_for(day=day)
    else:
        specs = curriculum.exercises_for(lesson_id=lesson_id or state.lesson_id or curriculum.day(1).lessons[0].id)
    if not specs:
        return []
    rotation = state.questions_asked % len(specs)
    ordered = specs[rotation:] + specs[:rotation]
    recent = set(state.recent[-RECENT_ITEMS:])
    named, numeric = turn.signals.named_stems, turn.signals.wants_numeric
    concept_stems = stems(concept or "")

    shown = _step_just_shown(turn)

    def fit(spec: ExerciseSpec) -> tuple[bool, bool, bool, bool, bool, int, float]:
        # not just asked, the kind the request names ("quiz me on the sigmoid derivative"), computed if numbers are
        # asked for, not answered word for word by the step just shown, as hard as wanted, least mastered
        level_gap = abs(spec.difficulty - state.level) if state.level else 0
        return (spec.id in recent, not stems(f"{spec.id} {spec.kind}") & named - concept_stems,
                numeric and spec.kind not in GENERATORS, state.plain and not numeric and spec.kind in GENERATORS,
                echoes(spec, shown), level_gap, state.mastery.get(spec.concept, -1.0))

    return sorted(ordered, key=fit)


def _of_the_kind_named(turn: Turn, specs: list[ExerciseSpec]) -> list[ExerciseSpec]:
    """A concept's items, unless the message names a generated kind none of them is ("quiz me on parameters, a conv
    layer parameter count" had got the bias's word questions three times): that kind's items, the current day's
    first."""
    named = turn.signals.named_stems
    if not named or any(stems(spec.kind) & named for spec in specs):
        return specs
    kind = [spec for spec in turn.course.curriculum.exercises.values()
            if spec.kind in GENERATORS and stems(spec.kind) & named]
    day = turn.signals.lesson_before.day if turn.signals.lesson_before else None
    return [spec for spec in kind if spec.day == day] or kind or specs


ECHO_SHARE = 0.7     # an item whose answer's words are mostly in the step just shown only tests reading it again


def echoes(spec: ExerciseSpec, shown: frozenset[str]) -> bool:
    """Whether the answer of a choice or typed item is said, nearly word for word, by the step just shown ("Its cell
    state is updated by addition, controlled by gates" right after the step that says it)."""
    if not shown or spec.kind not in ("choice", "typed"):
        return False
    words = stems(static_answer(spec))
    return len(words) >= 2 and len(words & shown) >= ECHO_SHARE * len(words)


def _step_just_shown(turn: Turn) -> frozenset[str]:
    """The word stems of the lesson step shown last turn (none when the last turn showed no step)."""
    lesson = turn.signals.lesson_before
    if lesson is None or not turn.signals.in_lesson_before:
        return frozenset()
    return stems(lesson.steps[min(turn.signals.step_before, len(lesson.steps) - 1)].text)


def pose(turn: Turn, spec: ExerciseSpec, *, review: bool) -> bool:
    """Ask a fresh question of ``spec``; False when it cannot be asked now (e.g. no word2vec)."""
    state = turn.state
    rng = random.Random(f"{state.learner_id}:{state.questions_asked}")
    try:
        question = make_question(spec, rng, analogy=turn.course.analogy if turn.course.embeddings is not None else None)
    except ExerciseUnavailable:
        return False
    state.questions_asked += 1
    state.recent = [*(item for item in state.recent if item != spec.id), spec.id][-2 * RECENT_ITEMS:]
    pose_question(turn, question, review=review)
    return True


def pose_question(turn: Turn, question: Question, *, review: bool = False) -> None:
    """Ask ``question`` as the learner's open question (an exercise's, or a lab's about its run)."""
    state = turn.state
    if state.mode != Mode.AWAITING_ANSWER:
        state.interrupt(Activity.QUESTION, Mode.AWAITING_ANSWER)
    state.question, state.misses, state.attempt, state.dropped = OpenQuestion(question, review), 0, None, None
    turn.ask(question.prompt, list(question.options), question_images(turn.course, question))


def take_up_dropped(turn: Turn) -> None:
    """"Wait, I was answering the quiz. the answer is 2" after a jump: the question left is open again, to be
    graded (a right answer then goes back to where the learner is now)."""
    state = turn.state
    assert state.dropped is not None, "a rule guarantees a dropped question"
    turn.say(texts.DROPPED_TAKEN_UP.format(prompt=state.dropped.question.prompt))
    state.interrupt(Activity.QUESTION, Mode.AWAITING_ANSWER)
    state.question, state.misses, state.attempt, state.dropped = state.dropped, 0, None, None


def no_question_open(turn: Turn) -> None:
    """"the answer is 2" with no question open, none left by a jump: said so, a fresh question offered."""
    turn.say(texts.NO_QUESTION_OPEN, main_options())


def raise_the_level(turn: Turn) -> None:
    """"too easy", "give me the hardest": harder items from now on, and one at once (the open question is
    replaced, not counted)."""
    _harder(turn, turn.vary("harder", texts.HARDER))


def lower_the_level(turn: Turn) -> None:
    """"Can you quiz me, an easy one please?": easier items from now on, and one at once."""
    turn.state.level = 1
    turn.say(turn.vary("easier", texts.EASIER))
    quiz_on_found(turn)


def liven_up(turn: Turn) -> None:
    """"I'm bored": its own words, then a harder item, as for "too easy"."""
    _harder(turn, turn.vary("bored", texts.BORED))


def hardest_on_concept(turn: Turn) -> None:
    """"harder, on pooling" with nothing harder on pooling: said so, and its hardest item (not another topic's)."""
    _harder(turn, texts.NO_HARDER_ON.format(term=turn.signals.concept.term))


def next_level(turn: Turn) -> int:
    """The difficulty a request for a harder item asks for ("the hardest you have": the top one): one above the level
    asked so far and above the last item's own ("That was rather easy. Could you give me a harder question?" after a
    two-step ReLU item had got a one-step recall item)."""
    last = turn.course.curriculum.exercises.get(turn.state.recent[-1]) if turn.state.recent else None
    reached = max(turn.state.level or 1, last.difficulty if last else 1)
    return MAX_LEVEL if turn.signals.asks_hardest else min(MAX_LEVEL, reached + 1)


def _harder(turn: Turn, lead: str, on: str | None = None) -> None:
    """A harder item: on the concept named, else ``on`` or the open question's (harder means harder at the same
    thing: "2, too easy, a harder one" after a ReLU item had got Day 1's first), else the lesson's or day's."""
    state, named = turn.state, turn.signals.quizzed_on or turn.signals.concept
    asked = named.key if named else on or (state.question.question.concept if state.question else None)
    state.level = next_level(turn)
    turn.say(lead)
    drop(turn)
    day = turn.signals.day if asked is None else None   # "a genuinely hard day 2 question" had got a Day 1 item
    specs = exercises_to_try(turn, asked, None, day)
    lesson = turn.signals.lesson_before
    if named is None and day is None and lesson is not None and not any(spec.difficulty >= state.level for spec in specs):
        specs = exercises_to_try(turn, None, None, lesson.day)   # none that hard here: the whole day's (a concept
        # named is honoured: "harder, on pooling" had got a harder item on another topic), of the lessons already
        # shown where one is that hard ("we haven't done gradient descent yet?" after a harder item from a later lesson)
        shown = {reached.id for reached in lessons_reached(turn)}
        specs = [spec for spec in specs if spec.lesson in shown and spec.difficulty >= state.level] or specs
    # as hard as asked, else the hardest there is: a generated item just asked (fresh numbers) beats an easier one
    specs = sorted(specs, key=lambda spec: (spec.id in state.recent and spec.kind not in GENERATORS,
                                            -min(spec.difficulty, state.level)))
    if not any(pose(turn, spec, review=False) for spec in specs):
        turn.say(texts.NO_EXERCISE, main_options())


def another_kind(turn: Turn) -> None:
    """"That's the same kind of question though" (after "harder" had given the same template with new numbers): an
    item of another kind on the same concept, as hard as wanted where there is one, else another kind from the
    same day, said so."""
    curriculum, state = turn.course.curriculum, turn.state
    last = curriculum.exercises.get(state.recent[-1])
    if last is None:
        return _harder(turn, turn.vary("harder", texts.HARDER))
    drop(turn)
    concept = curriculum.concepts[last.concept]
    lesson = curriculum.lesson(concept.lesson)
    worn = {curriculum.exercises[key].kind for key in state.recent[-2:] if key in curriculum.exercises}
    places = ((texts.ANOTHER_KIND, exercises_to_try(turn, last.concept, None, None)),
              (texts.NO_OTHER_KIND.format(term=concept.term, where="the same lesson"),
               exercises_to_try(turn, None, lesson.id, None)),
              (texts.NO_OTHER_KIND.format(term=concept.term, where=f"Day {lesson.day}"),
               exercises_to_try(turn, None, None, lesson.day)))
    for lead, specs in places:
        fresh = [spec for spec in specs if spec.kind not in worn and spec.id not in state.recent[-3:]]
        if fresh:   # as hard as wanted first: the request followed "harder"
            turn.say(lead)
            if any(pose(turn, spec, review=False)
                   for spec in sorted(fresh, key=lambda spec: -min(spec.difficulty, state.level or 1))):
                return
    turn.say(texts.NO_EXERCISE, main_options())


def grade_then_harder(turn: Turn) -> None:
    """"2, obviously. too easy. give me a harder one": the answer is graded first (it had been dropped unread), the
    question ends with its verdict, then a harder item."""
    question = grade_and_end(turn)
    _harder(turn, turn.vary("harder", texts.HARDER), on=question.concept)


def grade_and_end(turn: Turn) -> Question:
    """The open question's verdict on the message, and the question ended with it: before another request is done
    ("8, ... now run it again with dropout 0", "4 obviously ... something different pls")."""
    record_answer(turn)
    question, check = open_question(turn), turn.signals.check
    conclude(turn, question, correct=check.correct)
    if check.correct:
        turn.say(f"{texts.CORRECT} {question.explanation or question.solution}")
    else:
        lead = f"{check.feedback}\n" if check.feedback else ""
        turn.say(texts.WORKED_ANSWER.format(lead=lead, solution=question.solution))
    end_question(turn)
    return question


def quiz_on_found(turn: Turn) -> None:
    """"quiz me on CNNs", "quiz me on day 2", "quiz me": the concept named, else the day, else the lesson. The one
    named after "quiz me on" comes first ("the neuron, the loss, the numbers. Fine. Quiz me on backpropagation then."
    had got a neuron's forward pass)."""
    concept = turn.signals.quizzed_on or turn.signals.concept
    quiz(turn, concept.key if concept else None, day=turn.signals.day if concept is None else None)


def quiz_on_linked_concept(turn: Turn) -> None:
    """"quiz me on receptive fields": no concept of that name, so the one its knowledge-base answer is about,
    said so (it had quizzed on Day 1's first lesson)."""
    assert turn.signals.quiz_topic is not None, "a rule guarantees a linked topic"
    topic, concept = turn.signals.quiz_topic
    turn.say(texts.QUIZ_ON_NEAREST.format(topic=topic, term=concept.term))
    quiz(turn, concept.key)


def quiz_on_argument(turn: Turn) -> None:
    concept = turn.signals.concept_in_argument
    quiz(turn, concept.key if concept else None, day=None if concept else turn.signals.day_in_argument)


def another_question(turn: Turn, question: Question) -> Option:
    """"Another question" after a verdict: on the question's day where it lay outside the lesson in hand (it had gone
    back to Day 1, the lesson shown last, in the middle of a Day 3 test), else on the lesson."""
    spec = turn.course.curriculum.exercises.get(question.exercise_id)
    outside = spec is not None and spec.lesson != turn.state.lesson_id
    return Option("Another question", f"/quiz day {spec.day}" if outside else "/quiz")


def quiz_on_unknown_topic(turn: Turn) -> None:
    """"/quiz blockchain" had silently quizzed on something else."""
    turn.say(texts.NOT_IN_SEMINAR.format(topic=turn.signals.argument[:60]))
    quiz(turn, None)


def due_exercises(turn: Turn) -> list[ExerciseSpec]:
    return [spec for card in turn.due if (spec := turn.course.curriculum.exercises.get(card.item))]


def nothing_due(turn: Turn) -> None:
    turn.say(texts.NOTHING_DUE, main_options())


def nothing_to_review_yet(turn: Turn) -> None:
    turn.say(texts.NOTHING_TO_REVIEW_YET, resume_options(turn))


# -- the open question again ----------------------------------------------------------------------------
def back_to_question(turn: Turn, lead: str = "") -> None:
    """The open question again, after a side remark, with its own options ("1" answers it, not an offered
    "Start Day 1"): the side replies' quick actions no longer apply."""
    question = open_question(turn)
    for reply in turn.replies:
        reply.options = []
    turn.ask(texts.BACK_TO_QUESTION.format(lead=lead, prompt=question.prompt).strip(), list(question.options), [])


MAX_KEPT = 3   # questions kept for after the open one: the learner's newest, each answer once


def keep_for_after(turn: Turn) -> None:
    """A question whose answer would give the open one away: kept, answered once the open one has ended."""
    keep(turn, turn.signals.knowledge.answer)


def keep(turn: Turn, answer: str) -> None:
    kept = KeptQuestion(turn.signals.text, answer)
    turn.state.kept = [*[k for k in turn.state.kept if k.answer != kept.answer], kept][-MAX_KEPT:]
    back_to_question(turn, texts.KEPT_FOR_AFTER)


def answer_kept_question(turn: Turn) -> None:
    """The questions kept while their answers would have given the open one away, now that that one has ended:
    said before a question posed this turn (the newest question stays last), else with the last reply's options."""
    kept, turn.state.kept = turn.state.kept, []
    asked_now = turn.state.question is not None and bool(turn.replies)
    said = texts.KEPT_ANSWERED_BEFORE_THE_NEXT if asked_now else texts.KEPT_ANSWERED
    replies = [Reply(said.format(text=item.text.strip(), answer=item.answer)) for item in kept]
    if asked_now:
        turn.replies[-1:-1] = replies
        return
    if turn.replies:
        replies[-1].options, turn.replies[-1].options = turn.replies[-1].options, []
    turn.replies.extend(replies)


def remind(turn: Turn) -> None:
    back_to_question(turn)


def side_answer(turn: Turn, text: str, options: list[Option]) -> None:
    """A side answer: merged into the open question's reminder when one is open, else with its options."""
    if turn.state.question is not None:
        return back_to_question(turn, text)
    turn.say(text, options)


def finish_this_one_first(turn: Turn) -> None:
    """"ok, back to the question" (read as quiz): that question again, not a new one in its place."""
    back_to_question(turn, texts.FINISH_THIS_ONE)


def welcome_back_to_question(turn: Turn) -> None:
    turn.state.mode = Mode.AWAITING_ANSWER
    back_to_question(turn, texts.WELCOME_BACK_QUESTION)


# -- answers ------------------------------------------------------------------------------------------------
def mark_answer(turn: Turn) -> None:
    turn.intent = "answer"


def ask_for_a_readable_answer(turn: Turn) -> None:
    """Not an answer at all: say how to answer, no miss counted."""
    turn.ask(turn.signals.check.feedback, list(open_question(turn).options), [])


def record_answer(turn: Turn) -> None:
    question = open_question(turn)
    turn.writes.answers.append(AnswerRecord(question.exercise_id, question.concept, turn.signals.text,
                                            turn.signals.check.correct))
    turn.state.attempt = None if turn.signals.check.correct else turn.signals.text   # "was I right?": not yet


def praise_right_answer(turn: Turn) -> None:
    question = open_question(turn)
    conclude(turn, question, correct=True)
    praise = texts.CORRECT if turn.state.misses == 0 else texts.CORRECT_AFTER_HELP
    end_question(turn)
    if turn.state.mode == Mode.AWAITING_ANSWER:
        turn.state.mode = Mode.IDLE
    text = f"{praise} {question.explanation or question.solution}"
    options = [another_question(turn, question), Option("Next lesson", "/lesson next"), Option("My progress", "/progress")]
    day_done = day_just_mastered(turn, question.concept)
    if day_done is not None:
        text += texts.DAY_MASTERED.format(day=day_done)
        if any(day.number == day_done + 1 for day in turn.course.curriculum.days):
            options.insert(0, start_day(day_done + 1))
    turn.state.misses = 0
    turn.say(text, options, solution_images(turn, question))


def solution_images(turn: Turn, question: Question) -> list[Path]:
    """The question's picture with the answer drawn in: shown once the answer is known, never with the question."""
    if not question.solution_plot:
        return []
    plot = dict(question.solution_plot)
    chart = turn.course.draw_safely(plot.pop("name"), **plot)
    return [chart] if chart else []


def day_just_mastered(turn: Turn, concept_key: str) -> int | None:
    concepts = turn.course.curriculum.concepts
    concept = concepts.get(concept_key)
    if concept is None or not mastery_rules.is_mastered(turn.state.mastery, concept_key):
        return None
    keys = [c.key for c in concepts.values() if c.day == concept.day]
    return concept.day if mastery_rules.fraction_mastered(turn.state.mastery, keys) == 1.0 else None


def hint_after_wrong_answer(turn: Turn) -> None:
    """A miss: why it is wrong, then the next rung of the help ladder."""
    record_answer(turn)
    turn.state.misses += 1
    give_hint(turn, turn.signals.check.feedback)


def worked_answer_after_wrong_answer(turn: Turn) -> None:
    """A miss with the ladder climbed: why it is wrong, and the worked answer."""
    record_answer(turn)
    turn.state.misses += 1
    turn.helped = True
    give_up(turn, turn.signals.check.feedback)


def hint_on_request(turn: Turn) -> None:
    """"I don't know", "hint", "why?" with a question open: one rung up the help ladder."""
    turn.state.misses += 1
    give_hint(turn, "")


def worked_answer_on_request(turn: Turn) -> None:
    turn.state.misses += 1
    turn.helped = True
    give_up(turn, "")


def skip_question(turn: Turn) -> None:
    """/skip: the worked answer, and one like it."""
    give_up(turn, "")
    turn.state.graded[-1].skipped = True


def stop_quiz(turn: Turn) -> None:
    """"stop quiz": the question dropped (no miss, no next one), the way back offered."""
    drop(turn)
    turn.say(texts.QUIZ_STOPPED, resume_options(turn))


def stop_quiz_quietly(turn: Turn) -> None:
    """The quiz stopped before what else the message asks ("im bored of quizzes, tell me a fun fact")."""
    drop(turn)
    turn.say(texts.QUIZ_STOPPED_SHORT)


def give_hint(turn: Turn, feedback: str) -> None:
    """Help after the learner's ``misses``-th miss: 1 a hint, 2 a leading question (the worked answer after)."""
    question = open_question(turn)
    turn.helped = True
    level = turn.state.misses
    template = texts.HINT if level == 1 else texts.LEADING_QUESTION
    turn.ask(texts.TRY_AGAIN.format(lead=feedback or texts.LET_ME_HELP, help=template.format(hint=question.hints[level - 1])),
             list(question.options), [])


def give_up(turn: Turn, feedback: str) -> None:
    """The worked answer, the item scheduled soon, and a fresh variant of it at once; repeated misses lower the
    level asked for."""
    question = show_worked_answer(turn, feedback)
    for spec in follow_ups(turn, question):
        if pose(turn, spec, review=False):
            turn.replies.insert(-1, Reply(texts.TRY_ONE_LIKE_IT))
            break


def show_worked_answer(turn: Turn, feedback: str) -> Question:
    """The worked answer; the question ends (a miss), the item is scheduled soon, and the level asked for drops."""
    question = open_question(turn)
    conclude(turn, question, correct=False)
    if turn.state.level:
        turn.state.level = max(1, turn.state.level - 1)
    turn.say(texts.WORKED_ANSWER.format(lead=f"{feedback}\n" if feedback else "", solution=question.solution),
             images=solution_images(turn, question))
    end_question(turn)
    return question


def end_question(turn: Turn) -> None:
    """The open question is over (its verdict given): back to what it interrupted."""
    turn.state.question = None
    turn.state.mode = turn.state.resume(Activity.QUESTION)


def follow_ups(turn: Turn, question: Question) -> list[ExerciseSpec]:
    """After a worked answer, what to practise: the same generator with fresh numbers, else another exercise
    on the concept, else (one with a reshuffled option order) the same."""
    curriculum = turn.course.curriculum
    spec = curriculum.exercises.get(question.exercise_id)
    if spec is None:
        return []
    if spec.kind in GENERATORS:
        return [spec]
    others = [s for s in curriculum.exercises_for(concept=spec.concept) if s.id != spec.id]
    return [*others, spec]


def conclude(turn: Turn, question: Question, *, correct: bool) -> None:
    """The question is over: update the concept's mastery and the exercise's review card."""
    misses = turn.state.misses
    if question.concept in turn.course.curriculum.concepts:   # "why is that?" next is about this question's concept
        turn.state.explained = question.concept
    previous = turn.state.mastery.get(question.concept)
    turn.state.mastery[question.concept] = mastery_rules.updated(previous, mastery_rules.outcome(correct, misses))
    turn.concluded = Concluded(question.exercise_id, question.concept, correct, turn.state.question.review)
    answer = turn.signals.text if turn.intent == "answer" else turn.state.attempt
    turn.state.graded = [*turn.state.graded, Graded(question.prompt, question.solution, question.explanation, correct,
                                                    graded.as_given(question, answer), item=question.to_dict())][-GRADED_KEPT:]
    turn.state.attempt = None
    if question.exercise_id not in turn.course.curriculum.exercises:
        return        # a lab's question is about one run: counted towards mastery, not reviewed later
    existing = turn.cards.get(question.exercise_id)
    card, log = turn.course.scheduler.review_logged(question.exercise_id, question.concept, existing,
                                                    rating_for(correct, misses))
    turn.writes.cards.append(card)
    turn.writes.reviews.append((question.exercise_id, log))


def hints_left(turn: Turn) -> bool:
    """Whether the next miss still gets a rung of the help ladder (not yet the worked answer)."""
    return turn.state.misses < min(len(open_question(turn).hints), MAX_HINTS)


def right_answer(turn: Turn) -> None:
    record_answer(turn)
    praise_right_answer(turn)
