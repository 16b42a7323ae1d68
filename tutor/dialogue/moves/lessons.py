"""Teaching moves: lesson steps, worked examples, pictures, and moving through the course."""
from __future__ import annotations

import re

from labs import registry
from tutor import mastery as mastery_rules
from tutor.answers import parse_number
from tutor.commands import GD_DEFAULT_STEP, gd_reply
from tutor.curriculum import Concept, Lesson, Step
from tutor.dialogue import lab_texts, texts
from tutor.dialogue.moves import questions
from tutor.dialogue.moves.options import (
    CHECK_ME, concept_options, day_options, day_title, lesson_options, main_options, resume_options, step_images,
)
from tutor.dialogue.moves.reached import lessons_reached
from tutor.dialogue.state import Mode, Option
from tutor.dialogue.turn import Turn

RECAP_LESSONS = 3           # "what I learned" in short: the latest lessons reached, one point each


def teach(turn: Turn, lesson_id: str, step: int, header: str = "", also: tuple[Option, ...] = ()) -> None:
    """Show one step of a lesson (its title on the first step or under a header); any open question is dropped.
    ``also``: options offered after the lesson's own."""
    lesson = turn.course.curriculum.lesson(lesson_id)
    step = max(0, min(step, len(lesson.steps) - 1))
    questions.drop(turn)
    turn.state.mode, turn.state.lesson_id, turn.state.step = Mode.IN_LESSON, lesson.id, step
    turn.state.places[str(lesson.day)] = [lesson.id, step]
    day = "" if header else f"Day {lesson.day} · "
    title = texts.LESSON_STEP_TITLE.format(day=day, title=lesson.title, number=step + 1, total=len(lesson.steps)) if (
        step == 0 or header) else ""
    shown = lesson.steps[step].again if turn.state.plain and lesson.steps[step].again else lesson.steps[step].text
    text = f"{header}\n{title}{shown}".strip()
    turn.say(text, [*lesson_options(), *also], step_images(turn.course, lesson.steps[step]))


def show_what_follows(turn: Turn) -> None:
    """"What's next after CNNs?": the lesson after the one that teaches the concept named, offered."""
    concept = turn.signals.concept
    curriculum = turn.course.curriculum
    after = curriculum.next_lesson(concept.lesson)
    taught_in, term = curriculum.lesson(concept.lesson), concept.term[:1].upper() + concept.term[1:]
    if after is None:
        return turn.say(texts.NOTHING_FOLLOWS.format(term=term, title=taught_in.title), lesson_options())
    turn.say(texts.WHAT_FOLLOWS.format(term=term, title=taught_in.title, day=taught_in.day,
                                       next_title=after.title, next_day=after.day),
             [Option(f"Start “{after.title}”", f"/lesson {after.id}"), Option("My progress", "/progress")])


def use_plain_words(turn: Turn) -> None:
    """"I'm scared of maths": steps and cards in their plain-words version from now on, the gentlest items first,
    and what is being taught said again that way."""
    turn_plain_words_on(turn)
    named = turn.signals.concept if turn.signals.concept_in_entities or turn.signals.asks_what_it_is else None
    if named is not None and named.again:   # "What's a sigmoid? Sorry, the math notation is a bit much for me."
        define_simply(turn, named)
    elif turn.state.lesson_id is not None and turn.state.mode == Mode.IN_LESSON:
        teach(turn, turn.state.lesson_id, turn.state.step)
    elif (concept := turn.signals.explained or turn.signals.concept) is not None and concept.again:
        define_simply(turn, concept)
    else:
        turn.say(texts.PLAIN_WORDS_START, [Option("Start Day 1", "/lesson"), Option("What can you do?", "/help")])


def turn_plain_words_on(turn: Turn) -> None:
    turn.state.plain, turn.state.level = True, 1
    turn.say(texts.PLAIN_WORDS_ON)


def use_the_maths(turn: Turn) -> None:
    """"show me the maths" after plain words: the formulas back, the current step with them."""
    turn.state.plain, turn.state.level = False, None
    turn.say(texts.MATHS_ON)
    if turn.state.lesson_id is not None and turn.state.mode == Mode.IN_LESSON:
        teach(turn, turn.state.lesson_id, turn.state.step)


def teach_day(turn: Turn, day: int) -> None:
    """A day picked or named: where the learner left it ("day 1" from the day menu had restarted Day 1 at lesson 1
    and lost the place in lesson 2), with its start offered; its first lesson if never begun or gone through."""
    place = place_left_in(turn, day)
    if place is None:
        return teach_day_from_its_start(turn, day)
    lesson, step = place
    first = turn.course.curriculum.day(day).lessons[0]
    teach(turn, lesson.id, step, header=texts.WHERE_YOU_LEFT_DAY.format(day=day, title=lesson.title),
          also=(Option(texts.DAY_FROM_ITS_START.format(day=day), f"/lesson {first.id}"),))


def teach_day_from_its_start(turn: Turn, day: int) -> None:
    curriculum = turn.course.curriculum
    teach(turn, curriculum.day(day).lessons[0].id, 0, header=f"Day {day}: {day_title(curriculum, day)}.")


def place_left_in(turn: Turn, day: int) -> tuple[Lesson, int] | None:
    """The lesson and step the learner saw last in ``day``; None where that is the day's very start or its very
    end (the day gone through), or a lesson the course no longer has."""
    saved = turn.state.places.get(str(day))
    lessons = turn.course.curriculum.day(day).lessons
    lesson = next((item for item in lessons if saved and item.id == saved[0]), None)
    if lesson is None:
        return None
    step = max(0, min(int(saved[1]), len(lesson.steps) - 1))
    at_start, at_end = lesson is lessons[0] and step == 0, lesson is lessons[-1] and step == len(lesson.steps) - 1
    return None if at_start or at_end else (lesson, step)


def current_lesson(turn: Turn) -> Lesson:
    lesson = turn.signals.lesson_or_none(turn.state.lesson_id)
    assert lesson is not None, "a rule guarantees a current lesson"
    return lesson


# -- moves named in the rules --------------------------------------------------------------------------
def start_day_one(turn: Turn) -> None:
    teach_day(turn, 1)


def teach_named_day(turn: Turn) -> None:
    teach_day(turn, turn.signals.day)


def teach_named_day_from_its_start(turn: Turn) -> None:
    """"restart day 1", "day 2 from the beginning"."""
    teach_day_from_its_start(turn, turn.signals.day)


def teach_argument_day(turn: Turn) -> None:
    teach_day(turn, turn.signals.day_in_argument)


def teach_argument_lesson(turn: Turn) -> None:
    teach(turn, turn.signals.lesson_in_argument.id, 0)


def go_on_in_the_lesson_in_hand(turn: Turn) -> None:   # "Teach me this lesson" under a card, halfway through it
    teach(turn, turn.state.lesson_id, turn.state.step + 1, header=texts.ON_IN_THIS_LESSON)


def teach_named_lesson(turn: Turn) -> None:
    """"go to day 3, modern cnn approaches": that lesson, where the learner is in it, else from its start."""
    lesson = turn.signals.lesson_named
    teach(turn, lesson.id, turn.state.step if turn.state.lesson_id == lesson.id else 0)


def teach_named_concept_lesson(turn: Turn) -> None:
    """"let's start with backprop", "go to backprop": that concept's lesson from the step that teaches it."""
    concept = turn.signals.concept_in_entities
    teach(turn, concept.lesson, step_teaching(turn, concept))


def teach_found_concept_lesson(turn: Turn) -> None:   # "skip the RNN stuff and go to word2vec": word2vec's
    concept = turn.signals.concept_to_go_to
    teach(turn, concept.lesson, step_teaching(turn, concept))


def teach_topic_on_the_day_named(turn: Turn) -> None:   # "skip to day 4? i need word2vec": word2vec's lesson
    concept = turn.signals.topic_on_the_day_named
    teach(turn, concept.lesson, step_teaching(turn, concept))


def teach_skipped_to_topic(turn: Turn) -> None:   # "can we skip to where the maths starts, like the loss function"
    concept = turn.signals.topic_skipped_to
    teach(turn, concept.lesson, step_teaching(turn, concept))


def step_teaching(turn: Turn, concept: Concept) -> int:
    """The first step of the concept's lesson that names it ("skip to the game ai part" is the reinforcement-learning
    step of Day 5's trends lesson, not its first step on GANs); 0 where none does, or where the lesson's title names
    it ("skip to word2vec" had landed on step 2 of the word2vec lesson, past its introduction)."""
    lesson = turn.course.curriculum.lesson(concept.lesson)
    if concept.key in turn.course.curriculum.concepts_named(lesson.title):
        return 0
    named = (index for index, step in enumerate(lesson.steps)
             if concept.key in turn.course.curriculum.concepts_named(step.text))
    return next(named, 0)


def say_where_taught(turn: Turn) -> None:
    """"is batch normalization covered in the course?": yes, where, and its lesson to start."""
    concept = turn.signals.concept
    lesson = turn.course.curriculum.lesson(concept.lesson)
    turn.say(texts.TAUGHT_WHERE.format(term=concept.term, day=lesson.day, title=lesson.title),
             concept_options(concept))


def teach_corrected_topic(turn: Turn) -> None:
    """"no i said word2vec not RNN": the lesson of the topic meant, from its start."""
    concept = turn.signals.corrected_to
    turn.say(texts.MY_MISTAKE.format(term=concept.term))
    teach(turn, concept.lesson, 0)


def show_current_step(turn: Turn) -> None:
    """Back from elsewhere: the step the learner was at."""
    teach(turn, turn.state.lesson_id, turn.state.step)


def teach_next_step(turn: Turn) -> None:
    teach(turn, turn.state.lesson_id, turn.state.step + 1)


def show_worked_example(turn: Turn) -> None:
    lesson = current_lesson(turn)
    questions.drop(turn)
    turn.state.mode = Mode.IN_LESSON
    turn.state.step = len(lesson.steps)
    options = [Option("Quiz me on this", "/quiz"), Option("Next lesson", "/lesson next")]
    if lab := registry.lab_for_lesson(lesson.id):     # the lesson's hands-on lab, where one is installed
        options.insert(1, Option(lab_texts.LAB_OPTION_OFFER, f"/lab {lab}"))
    turn.say(texts.WORKED_EXAMPLE.format(title=lesson.title, example=lesson.worked_example), options)


def show_argument_worked_example(turn: Turn) -> None:
    """/example [lesson]: that lesson's worked example (the current lesson's by default)."""
    turn.state.lesson_id = (turn.signals.lesson_in_argument or turn.signals.lesson_before).id
    show_worked_example(turn)


def ask_lesson_question(turn: Turn) -> None:
    """After the worked example: a question on the lesson."""
    turn.state.step += 1
    questions.quiz(turn, None, lesson_id=turn.state.lesson_id)


def teach_next_lesson(turn: Turn) -> None:
    following = turn.course.curriculum.next_lesson(turn.state.lesson_id)
    first = turn.course.curriculum.day(following.day).lessons[0].id == following.id
    teach(turn, following.id, 0, header=f"Day {following.day}: {day_title(turn.course.curriculum, following.day)}."
          if first else "")


def offer_the_check_first(turn: Turn) -> None:
    """"next lesson" with nothing of this lesson practised: its check question first (the learner may still go on,
    straight to the next lesson)."""
    lesson = current_lesson(turn)
    following = turn.course.curriculum.next_lesson(lesson.id)
    turn.say(texts.CHECK_FIRST.format(title=lesson.title, next=following.title),
             [Option(CHECK_ME, "/quiz"), Option("Go on anyway", f"/lesson {following.id}")])


def congratulate_course_done(turn: Turn) -> None:
    """The course's end, with what is not mastered yet: clicking through every lesson is not mastering it."""
    turn.state.mode = Mode.IDLE
    missing, total = unmastered(turn), len(turn.course.curriculum.concepts)
    status = texts.NOT_MASTERED_YET.format(count=len(missing), total=total, terms=", ".join(c.term for c in missing),
                                           first=missing[0].term) if missing else texts.ALL_MASTERED
    turn.say(texts.COURSE_DONE + status, main_options())


def summarise_day_then_teach_next(turn: Turn) -> None:
    """The last lesson of a day is done: how the day went and what to review, then the next day."""
    day = current_lesson(turn).day
    concepts = [c for c in turn.course.curriculum.concepts.values() if c.day == day]
    missing = unmastered(turn, day)
    review = texts.DAY_TO_REVIEW.format(terms=", ".join(c.term for c in missing[:4]), first=missing[0].term) if (
        missing) else ""
    turn.say(texts.DAY_SUMMARY.format(day=day, mastered=len(concepts) - len(missing), total=len(concepts),
                                      review=review))
    teach_next_lesson(turn)


def unmastered(turn: Turn, day: int | None = None) -> list[Concept]:
    """The concepts (of ``day``, or of the course) the learner has not mastered, in course order."""
    return [c for c in turn.course.curriculum.concepts.values()
            if (day is None or c.day == day) and not mastery_rules.is_mastered(turn.state.mastery, c.key)]


def teach_previous_lesson(turn: Turn) -> None:
    before = turn.course.curriculum.previous_lesson(current_lesson(turn).id)
    teach(turn, before.id, 0, header=texts.BACK_TO_DAY.format(day=before.day))


def teach_first_lesson_again(turn: Turn) -> None:
    """"previous lesson" in the first lesson: its start."""
    teach(turn, current_lesson(turn).id, 0, header=texts.FIRST_LESSON)


def explain_step_again(turn: Turn) -> None:
    """The step through the lesson's worked example, with the step's picture (after its simpler version, if it has
    one); not the step's own words again ("explain again with simple words" had got them back)."""
    lesson, step = current_lesson(turn), current_step(turn)
    turn.say(texts.EXPLAIN_AGAIN.format(example=lesson.worked_example), lesson_options(),
             step_images(turn.course, step))
    note_explained_again(turn, "example")


def explain_step_simpler(turn: Turn) -> None:
    """"explain again": the step's second, simpler explanation (not the same words again)."""
    turn.say(texts.ANOTHER_WAY.format(again=current_step(turn).again), lesson_options())
    note_explained_again(turn, "simpler")


def simpler_concept_left(turn: Turn) -> Concept | None:
    """A concept of the current lesson whose plain-words version the learner has not had yet: first the one the
    lesson's title names (gradient descent's "walking downhill in fog", not the gradient's arrow on a hillside)."""
    concepts, lesson = turn.course.curriculum.concepts, current_lesson(turn)
    left = [concepts[key] for key in lesson.concepts
            if key in concepts and concepts[key].again and not turn.state.put_simply_before(key)]
    named = [concept for concept in left if concept.term.lower() in lesson.title.lower()]
    return max(named, key=lambda concept: len(concept.term), default=left[0] if left else None)


def put_the_lesson_concept_simply(turn: Turn) -> None:
    """"simpler" once the step's simpler version is given: the lesson's idea in plain words (often an analogy),
    not the worked example ("explain again, simpler" had got a harder 2-D example)."""
    concept = simpler_concept_left(turn)
    turn.state.note_put_simply(concept.key)
    turn.say(texts.PUT_SIMPLY.format(again=concept.again), lesson_options())


def offer_other_ways_in(turn: Turn) -> None:
    """Every explanation of the step given: a question, or the lesson from its start, rather than a repeat."""
    lesson = current_lesson(turn)
    turn.say(turn.vary("other_ways_in", texts.OTHER_WAYS_IN).format(title=lesson.title),
             [Option("Quiz me on this", "/quiz"), Option("Start this lesson again", f"/lesson {lesson.id}"),
              Option("Continue", "/next")])


def current_step(turn: Turn) -> Step:
    lesson = current_lesson(turn)
    return lesson.steps[min(turn.state.step, len(lesson.steps) - 1)]


def explained_again(turn: Turn, how: str) -> bool:
    """Whether the current step was explained ``how`` ("simpler", "example") for "explain again" already."""
    return turn.state.said.get(f"again:{turn.state.lesson_id}:{turn.state.step}:{how}", 0) > 0


def note_explained_again(turn: Turn, how: str) -> None:
    turn.state.said[f"again:{turn.state.lesson_id}:{turn.state.step}:{how}"] = 1


def define_simpler(turn: Turn) -> None:
    """The definition did not land: its simpler version; a further "I don't get it" gets the lesson."""
    define_simply(turn, turn.signals.explained)


def define_named_simpler(turn: Turn) -> None:
    """"explain pooling again in simple words": pooling's simpler version, not its card again."""
    define_simply(turn, turn.signals.concept)


def teach_named_from_start(turn: Turn) -> None:
    """"explain pooling again" right after pooling's card and its simpler version: the lesson, not the card again."""
    teach_from_start(turn, turn.signals.concept)


def define_simply(turn: Turn, concept: Concept) -> None:
    turn.state.explained = concept.key
    turn.state.note_put_simply(concept.key)
    turn.say(texts.PUT_SIMPLY.format(again=concept.again), concept_options(concept))


def teach_explained_from_start(turn: Turn) -> None:
    """After its definition did not land: the concept's lesson from its first step."""
    teach_from_start(turn, turn.signals.explained)


def teach_from_start(turn: Turn, concept: Concept) -> None:
    teach(turn, concept.lesson, 0, header=texts.FROM_THE_START.format(term=concept.term))


def show_example_of_explained(turn: Turn) -> None:
    show_example_of(turn, turn.signals.explained)


def show_example_of(turn: Turn, concept: Concept) -> None:
    """The worked example of ``concept``'s lesson, without leaving the lesson or the question the learner is in."""
    lesson = turn.course.curriculum.lesson(concept.lesson)
    text = texts.EXAMPLE_OF.format(term=concept.term, title=lesson.title, example=lesson.worked_example)
    questions.side_answer(turn, text, concept_options(concept))


def ask_where_to(turn: Turn) -> None:
    turn.say(texts.WHERE_TO, day_options(turn.course.curriculum))


def ask_which_day(turn: Turn) -> None:
    turn.say(texts.WHICH_DAY, day_options(turn.course.curriculum))


# -- pictures ----------------------------------------------------------------------------------------------
def run_descent_for_picture(turn: Turn) -> None:
    """"show me the path for learning rate 0.5": the /gd playground with that step."""
    run_descent_with(turn, f"{turn.signals.picture.step_size:g}")


def run_descent_again(turn: Turn) -> None:
    """"run it with 0.05", "try lr 0.05" right after the /gd playground: it again with that step."""
    run_descent_with(turn, f"{turn.signals.descent_step:g}")


def run_descent_with(turn: Turn, argument: str) -> None:
    """The /gd playground; it is remembered for one turn, so "try it with 0.05" next runs it again."""
    turn.add(gd_reply(argument, turn.course.draw_safely))
    turn.state.descent_step = parse_number(argument) or GD_DEFAULT_STEP


def show_picture(turn: Turn) -> None:
    picture = turn.signals.picture
    images = step_images(turn.course, picture.step)
    if not images and picture.concept is not None:   # drawing failed: the example still shows it
        return show_example_instead_of_picture(turn)
    if picture.concept is not None:
        turn.state.explained = picture.concept.key  # "an example?" next is still about it
    options = concept_options(picture.concept) if picture.concept is not None else lesson_options()
    turn.say(picture.step.text, options, images)


def show_example_instead_of_picture(turn: Turn) -> None:
    concept = turn.signals.picture.concept
    turn.say(texts.NO_PICTURE.format(term=concept.term))
    show_example_of(turn, concept)


def summarise_day(turn: Turn) -> None:
    """"summary of day 3, bullet points": each lesson's title and its first point (it had restarted the day)."""
    day = turn.course.curriculum.day(turn.signals.day)
    lines = [texts.SUMMARY_LINE.format(title=lesson.title, point=first_sentence(lesson.steps[0].text))
             for lesson in day.lessons]
    turn.say("\n".join([texts.DAY_IN_SHORT.format(day=day.number, title=day.title), *lines]),
             [Option(texts.START_DAY.format(day=day.number), f"/day {day.number}"), Option("Quiz me", "/quiz")])


def summarise_lesson(turn: Turn) -> None:
    """"sum up in 3 bullets", "recap of LSTMs": the first point of every step of the lesson named, else the one in hand."""
    concept = turn.signals.concept
    lesson = turn.course.curriculum.lesson(concept.lesson) if concept else current_lesson(turn)
    lines = [f"• {first_sentence(step.text)}" for step in lesson.steps]
    turn.say("\n".join([texts.LESSON_IN_SHORT.format(title=lesson.title), *lines]),
             [Option("Teach me this lesson", f"/lesson {lesson.id}"), Option("Quiz me on this", "/quiz")])


def summarise_what_was_learned(turn: Turn) -> None:
    """"sum up in 3 bullet points what I learned": the first point of the lessons reached, the latest three, and how
    the practice went (it had restarted the lesson of the concept last explained)."""
    lessons = lessons_reached(turn)
    if not lessons:
        return turn.say(texts.NOTHING_LEARNED_YET, [Option(texts.START_DAY.format(day=1), "/day 1")])
    concepts, mastery = turn.course.curriculum.concepts, turn.state.mastery
    lines = [texts.SUMMARY_LINE.format(title=title, point=point)
             for title, point in (_key_point(lesson, concepts) for lesson in lessons[-RECAP_LESSONS:])]
    if len(lessons) > RECAP_LESSONS:   # the earlier ones by name ("you left out the sigmoid and gradient descent")
        lines.insert(0, texts.RECAP_EARLIER.format(titles="; ".join(
            f"Day {lesson.day}: {lesson.title}" for lesson in lessons[:-RECAP_LESSONS])))
    practised = [key for key in mastery if key in concepts]
    weak = [concepts[key].term for key in practised if not mastery_rules.is_mastered(mastery, key)]
    if practised:
        lines.append(texts.RECAP_PRACTICE.format(practised=len(practised), mastered=len(practised) - len(weak),
                                                 weak=texts.RECAP_WEAK.format(terms=", ".join(weak[:3])) if weak else ""))
    turn.say("\n".join([texts.RECAP_HEAD, *lines]), resume_options(turn))


def say_if_ready_for_day(turn: Turn) -> None:
    """"is ok if I go to Day 2 now? or I need finish day 1 first?": nothing is locked; the lessons before that day not
    yet seen are named (Day 2's backprop builds on Day 1's gradient descent), else the concepts worth another look."""
    day, curriculum = turn.signals.day, turn.course.curriculum
    reached = {lesson.id for lesson in lessons_reached(turn)}
    before = [lesson for number in range(1, day) for lesson in curriculum.day(number).lessons]
    unseen = [lesson for lesson in before if lesson.id not in reached]
    go = Option(texts.START_DAY.format(day=day), f"/day {day}")
    if unseen:
        named = ", ".join(f"“{lesson.title}” (Day {lesson.day})" for lesson in unseen[:3])
        return turn.say(texts.READY_UNSEEN.format(day=day, lessons=named, it="it" if len(unseen) == 1 else "them"),
                        [Option(f"Study “{unseen[0].title}”", f"/lesson {unseen[0].id}"), go])
    weak = [concept.term for concept in unmastered(turn) if concept.day < day and concept.key in turn.state.mastery]
    text = texts.READY_WEAK.format(day=day, terms=", ".join(weak[:3])) if weak else texts.READY_YES.format(day=day)
    turn.say(text, [go, *([Option(f"Quiz me on {weak[0]}", f"/quiz {weak[0]}")] if weak else [])])


def _key_point(lesson: Lesson, concepts: dict[str, Concept]) -> tuple[str, str]:
    """A lesson's point in one line: its first concept and that concept's definition, else its title and first
    sentence."""
    concept = concepts.get(lesson.concepts[0]) if lesson.concepts else None
    if concept is None:
        return lesson.title, first_sentence(lesson.steps[0].text)
    return concept.term[:1].upper() + concept.term[1:], concept.definition


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z(“\"])", text.strip(), maxsplit=1)[0]


def show_day_goals(turn: Turn) -> None:
    """"what is day 3 about?"."""
    day = turn.signals.day
    turn.say(day_goals(turn, day), [Option(texts.START_DAY.format(day=day), f"/day {day}")])


def remark_on_the_day_reached(turn: Turn) -> None:
    """"day 2 already?? time flies" on Day 2: the remark answered in kind, and the lesson in hand to go on with."""
    day = turn.signals.day
    turn.say(texts.DAY_REACHED.format(day=day, title=day_title(turn.course.curriculum, day)),
             [Option("Continue the lesson", "/lesson"), Option("My progress", "/progress")])


def remark_on_a_day_ahead(turn: Turn) -> None:
    """"Goodness, Day 3 already?" before Day 3: not a question about its goals; where the learner is, and the day."""
    day = turn.signals.day
    lesson = turn.signals.lesson_or_none(turn.state.lesson_id)
    where = (texts.WHERE_NOW.format(title=lesson.title, day=lesson.day) if lesson is not None
             else texts.WHERE_NOT_STARTED)
    turn.say(texts.DAY_AHEAD.format(day=day, title=day_title(turn.course.curriculum, day), where=where),
             [Option("Continue the course", "/lesson"), Option(texts.START_DAY.format(day=day), f"/day {day}")])


def remark_on_a_day_with_a_question_open(turn: Turn) -> None:
    """"day 3 already?? time flies" during a quiz: the remark answered, the question kept (reminded after this move)."""
    day = turn.signals.day
    turn.say(texts.DAY_REMARKED_QUESTION_OPEN.format(day=day, title=day_title(turn.course.curriculum, day)))


def day_goals(turn: Turn, day: int) -> str:
    curriculum = turn.course.curriculum
    return texts.DAY_GOALS.format(day=day, title=day_title(curriculum, day), goals="; ".join(curriculum.day(day).goals))

