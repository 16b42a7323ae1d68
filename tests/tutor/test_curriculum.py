"""The curriculum data: it loads, it is complete, its numbers are the slides', and look-ups work."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from nlp.errors import DataError
from tutor.curriculum import DEFAULT_DIR, Curriculum
from tutor.dialogue.knowledge_signals import COURSE_WIDE
from tutor.exercises import GENERATORS, ExerciseUnavailable, make_question
from tutor.plots import PLOTS


@pytest.fixture(scope="module")
def course() -> Curriculum:
    return Curriculum.load()


def test_five_days_each_with_at_least_three_lessons(course: Curriculum) -> None:
    assert [day.number for day in course.days] == [1, 2, 3, 4, 5]
    for day in course.days:
        assert len(day.lessons) >= 3, day.title
        assert day.goals


def test_lessons_are_chat_sized_and_complete(course: Curriculum) -> None:
    for day in course.days:
        for lesson in day.lessons:
            assert 3 <= len(lesson.steps) <= 6, lesson.id
            assert all(len(step.text) <= 420 for step in lesson.steps), lesson.id
            assert all(step.image is None or step.image in PLOTS for step in lesson.steps)
            assert lesson.worked_example and lesson.concepts and lesson.exercises, lesson.id
            assert all(key in course.concepts for key in lesson.concepts)
            assert all(course.exercises[eid].lesson == lesson.id for eid in lesson.exercises)



def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def test_every_step_and_concept_can_be_explained_again_differently(course: Curriculum) -> None:
    # "explain again" must move on to new text, not the first explanation reworded
    pairs = [(f"{lesson.id}[{i}]", step.text, step.again) for day in course.days
             for lesson in day.lessons for i, step in enumerate(lesson.steps)]
    pairs += [(key, concept.definition, concept.again) for key, concept in course.concepts.items()]
    for name, first, again in pairs:
        assert again and len(again) <= 420, name
        shared = len(_words(first) & _words(again)) / len(_words(first) | _words(again))
        assert shared < 0.6, name

def test_enough_exercises_of_every_kind_on_every_day(course: Curriculum) -> None:
    specs = list(course.exercises.values())
    assert len(specs) >= 45
    assert {spec.kind for spec in specs} >= set(GENERATORS)      # all 6+ generated kinds are used
    assert {spec.kind for spec in specs} >= {"choice", "typed"}
    assert {spec.day for spec in specs} == {1, 2, 3, 4, 5}
    assert all(spec.concept in course.concepts for spec in specs)
    # a day is done when its concepts are mastered: every concept needs an exercise
    assert {spec.concept for spec in specs} == set(course.concepts)


def test_every_exercise_has_hints_a_solution_and_accepts_its_own_answer(course: Curriculum) -> None:
    rng = random.Random(7)
    for spec in course.exercises.values():
        try:
            question = make_question(spec, rng)
        except ExerciseUnavailable:
            assert spec.kind == "analogy"
            continue
        assert len(question.hints) == 2 and question.solution, spec.id
        assert question.check(question.answer).correct, spec.id
        for mistake in question.mistakes:
            assert not question.check(str(mistake["answer"])).correct, (spec.id, mistake)


def test_the_slides_numbers_appear(course: Curriculum) -> None:
    gd = course.lesson("d1-gradient-descent")
    text = " ".join(step.text for step in gd.steps)
    assert "(5, 5)" in text and "(4, 4)" in text and "(3.2, 3.2)" in text
    first_step = make_question(course.exercises["d1-gd-first-step"], random.Random(0))
    assert first_step.answer == "(4, 4)"
    slides_conv = make_question(course.exercises["d3-conv-slides"], random.Random(0))
    assert slides_conv.plot is not None and slides_conv.plot["cell"] != [0, 0]   # the slides' 4 is worked, not asked
    conv_text = " ".join(step.text for step in course.lesson("d3-convolution").steps)
    assert "= 4" in conv_text
    assert "W = [−1, 0, 0, 1, 1]" in " ".join(step.text for step in course.lesson("d1-threshold").steps)
    assert "king − man + woman" in " ".join(step.text for step in course.lesson("d4-word2vec").steps)


def test_navigation_in_course_order(course: Curriculum) -> None:
    first = course.next_lesson(None)
    assert first is not None and first.day == 1
    order = [first]
    while (following := course.next_lesson(order[-1].id)) is not None:
        order.append(following)
    assert [lesson.day for lesson in order] == sorted(lesson.day for lesson in order)
    assert len(order) == sum(len(day.lessons) for day in course.days)
    assert course.day(3).lessons[0].day == 3
    with pytest.raises(KeyError):
        course.day(9)


def test_exercises_for_filters(course: Curriculum) -> None:
    day_two = course.exercises_for(day=2)
    assert day_two and all(spec.day == 2 for spec in day_two)
    on_gd = course.exercises_for(concept="gradient_descent")
    assert {spec.kind for spec in on_gd} >= {"gradient_step", "typed"}
    lesson = course.lesson("d1-cost")
    assert [spec.id for spec in course.exercises_for(lesson_id=lesson.id)] == list(lesson.exercises)
    assert course.exercises_for(day=1, concept="dropout") == []


def test_concepts_know_their_day(course: Curriculum) -> None:
    assert course.concepts["gradient_descent"].day == 1
    assert course.concepts["lstm"].day == 4
    assert course.concepts["convolution"].lesson == "d3-convolution"


def test_every_knowledge_answer_links_a_lesson_and_concepts_the_course_has(course: Curriculum) -> None:
    """A lesson id of the day files, or "course" for how to study the seminar as a whole (no lesson to offer)."""
    from nlp.data import TrainingData

    lessons = {lesson.id for day in course.days for lesson in day.lessons} | {COURSE_WIDE}
    entries = TrainingData.load(DEFAULT_DIR.parent).knowledge
    assert [e.id for e in entries if e.lesson not in lessons] == []
    assert [e.id for e in entries if not set(e.concepts) <= set(course.concepts)] == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("what is gradient descent?", "gradient_descent"),
        ("gradiant descent", "gradient_descent"),
        ("overfiting", "overfitting"),
        ("how do LSTMs remember?", "lstm"),
        ("What is a CNN", "convolutional_neural_network"),
        ("convnets", "convolutional_neural_network"),
        ("explain backprop", "backpropagation"),
        ("what's the MSE?", "mean_squared_error"),
        ("w2v", "word2vec"),
        ("what is GD", "gradient_descent"),
        ("RNN", "recurrent_neural_network"),
        ("skip to recurrent networks", "recurrent_neural_network"),
        ("logistic regresion", "logistic_regression"),
        ("the sigmoid function", "sigmoid"),
        ("Batch-Norm", "batch_normalization"),
        ("how does a kernal work", "convolution"),
        ("what is dropuot", "dropout"),
    ],
)
def test_find_concept_exact_alias_plural_and_typos(course: Curriculum, text: str, key: str) -> None:
    found = course.find_concept(text)
    assert found is not None and found.key == key


@pytest.mark.parametrize("text", ["hi", "quiz me", "how are you?", "book me a flight", "thanks a lot", "yes", "reset"])
def test_find_concept_finds_nothing_in_chat(course: Curriculum, text: str) -> None:
    assert course.find_concept(text) is None


def test_find_concept_falls_back_to_similar_words(course: Curriculum) -> None:
    def neighbours(word: str) -> list[tuple[str, float]]:
        if word != "forgetting":
            raise KeyError(word)
        return [("memory", 0.8), ("overfitting", 0.6)]

    found = course.find_concept("what about forgetting", similar=neighbours)
    assert found is not None and found.key == "overfitting"
    assert course.find_concept("what about forgetting") is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("day 3", 3), ("go to day three", 3), ("the third day", 3), ("3rd day", 3), ("last day", 5),
        ("Day2", 2), ("skip to day 5!", 5), ("the first day", 1), ("final day", 5), ("today is day 4", 4),
    ],
)
def test_find_day_forms(course: Curriculum, text: str, number: int) -> None:
    assert course.find_day(text) == number


@pytest.mark.parametrize("text", ["day 9", "today", "what a day", "next lesson", "3", "monday"])
def test_find_day_refuses_other_text(course: Curriculum, text: str) -> None:
    assert course.find_day(text) is None


# --- malformed files -----------------------------------------------------------------------------

@pytest.fixture
def broken(tmp_path: Path) -> Path:
    directory = tmp_path / "curriculum"
    shutil.copytree(DEFAULT_DIR, directory)
    return directory


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_yaml_syntax_error_names_file_and_line(broken: Path) -> None:
    day = broken / "day2.yml"
    lines = day.read_text().splitlines()
    lines[10] = "  - id: [unclosed"
    day.write_text("\n".join(lines))
    with pytest.raises(DataError) as error:
        Curriculum.load(broken)
    assert error.value.path == day and error.value.line is not None and 10 <= error.value.line <= 13


def test_missing_field_names_the_entry_line(broken: Path) -> None:
    exercises = broken / "exercises.yml"
    text = exercises.read_text()
    exercises.write_text(text.replace("    solution: \"(32 + 0 − 5)/1 + 1 = 28, so the output is 28×28.\"\n", "", 1))
    with pytest.raises(DataError, match="solution") as error:
        Curriculum.load(broken)
    assert error.value.path == exercises
    assert error.value.line == line_of(exercises, "- id: d3-output-size")


def test_unknown_exercise_in_a_lesson_names_the_lesson(broken: Path) -> None:
    day = broken / "day1.yml"
    day.write_text(day.read_text().replace("[d1-ertp-r, d1-ml-vs-dl, d1-task-kind]", "[d1-ertp-r, d1-nope, d1-ml-vs-dl, d1-task-kind]"))
    with pytest.raises(DataError, match="d1-nope") as error:
        Curriculum.load(broken)
    assert (error.value.path, error.value.line) == (day, line_of(day, "- id: d1-ml-vs-dl"))
    assert str(error.value).startswith(f"{day}:{error.value.line}: ")


def test_wrong_choice_answer_and_unknown_image_are_rejected(broken: Path) -> None:
    exercises = broken / "exercises.yml"
    exercises.write_text(exercises.read_text().replace("    options: [Regression, Classification, Clustering, Synthesis]\n    answer: 1",
                                                       "    options: [Regression, Classification, Clustering, Synthesis]\n    answer: 7"))
    with pytest.raises(DataError, match="1-based"):
        Curriculum.load(broken)
    shutil.copy(DEFAULT_DIR / "exercises.yml", exercises)
    day = broken / "day1.yml"
    day.write_text(day.read_text().replace("image: sigmoid", "image: nonsense", 1))
    with pytest.raises(DataError, match="nonsense") as error:
        Curriculum.load(broken)
    assert error.value.path == day


def test_duplicate_key_names_its_line(broken: Path) -> None:
    exercises = broken / "exercises.yml"
    text = exercises.read_text()
    exercises.write_text(text.replace("    answer: 0.25\n", "    answer: 0.25\n    answer: 123456\n", 1))
    with pytest.raises(DataError, match="duplicate key 'answer'") as error:
        Curriculum.load(broken)
    assert error.value.line == line_of(exercises, "    answer: 123456")


@pytest.mark.parametrize("depth", [500, 5000])
def test_deep_nesting_names_its_line_not_a_recursion_error(broken: Path, depth: int) -> None:
    exercises = broken / "exercises.yml"
    text = exercises.read_text()
    exercises.write_text(text.replace("    answer: 0.25\n", f"    answer: {'[' * depth}{']' * depth}\n", 1))
    with pytest.raises(DataError, match="nest") as error:
        Curriculum.load(broken)
    assert (error.value.path, error.value.line) == (exercises, line_of(exercises, "    answer: [[["))


def test_untaught_concept_is_an_error(broken: Path) -> None:
    glossary = broken / "glossary.yml"
    glossary.write_text(glossary.read_text() + "  - key: orphan\n    term: orphan\n    definition: taught nowhere\n")
    with pytest.raises(DataError, match="orphan") as error:
        Curriculum.load(broken)
    assert error.value.line == line_of(glossary, "- key: orphan")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("kernal", "kernel", True), ("dropuot", "dropout", True), ("poling", "pooling", True),
     ("poolings", "pooling", True), ("kernel", "kernel", False), ("reset", "resnet", True),
     ("kernal", "kernel!!", False), ("paddington", "padding", False), ("abcd", "badc", False)],
)
def test_one_typo_apart(a: str, b: str, expected: bool) -> None:
    from tutor.curriculum import one_typo_apart

    assert one_typo_apart(a, b) is expected


@pytest.mark.parametrize("entity, key", [("spam filter", None), ("filter", "convolution"), ("LSTMs", "lstm"),
                                         ("recurrent networks", "recurrent_neural_network"),
                                         ("gradiant descent", "gradient_descent")])
def test_a_tagged_entity_names_a_concept_only_where_its_name_covers_it(course: Curriculum, entity: str,
                                                                        key: str | None) -> None:
    concept = course.concept_of_entity(entity)
    assert (concept.key if concept else None) == key     # "spam filter" had linked to the convolution's "filter"
