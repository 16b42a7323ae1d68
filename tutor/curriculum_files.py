"""Reading the curriculum's files (``data/curriculum/``) into its types, validated as a whole: a broken
reference, a missing field or a bad value is a :class:`DataError` naming the file and line, before any
learner sees it. :meth:`tutor.curriculum.Curriculum.load` calls :func:`read_curriculum`."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from nlp.errors import DataError
from nlp.yamlfile import LineDict
from tutor.curriculum import EXERCISES_FILE, GLOSSARY_FILE, Concept, Day, Lesson, Step
from tutor.data_reader import Reader, read_mapping
from tutor.exercises import GENERATORS, STATIC_KINDS, ExerciseSpec
from tutor.plots import PLOTS


def read_curriculum(directory: Path) -> tuple[tuple[Day, ...], dict[str, Concept], dict[str, ExerciseSpec]]:
    """The days, the glossary's concepts and the exercises of ``directory``, validated."""
    directory, known_plots = Path(directory), set(PLOTS)
    day_files = sorted((p for p in directory.glob("day*.y*ml") if _DAY_FILE.search(p.name)),
                       key=lambda p: int(_DAY_FILE.search(p.name)[1]))
    if not day_files:
        raise DataError(directory, None, "no day files (day1.yml, day2.yml, ...) in the curriculum directory")
    loaded = [(path, *_load_day(path, known_plots)) for path in day_files]
    days = tuple(day for _, day, _ in loaded)
    _check_day_numbers(loaded)
    lesson_where = {lid: (path, line) for path, _, lines in loaded for lid, line in lines.items()}
    _check_unique_lessons(loaded)
    glossary, concept_lines = _load_glossary(directory / GLOSSARY_FILE)
    concepts = _concepts_from(days, glossary, concept_lines, directory / GLOSSARY_FILE, lesson_where)
    exercises = _exercises_from(days, concepts, directory / EXERCISES_FILE, lesson_where, known_plots)
    return _with_every_exercise(days, exercises), concepts, exercises


# --- loading ---------------------------------------------------------------------------------

_DAY_FILE = re.compile(r"day(\d+)\.ya?ml$")
_EXERCISE_FIELDS = {"id", "kind", "concept", "difficulty", "lesson"}


def _load_day(path: Path, known_plots: set[str]) -> tuple[Day, dict[str, int]]:
    """One day file -> the Day and, per lesson id, the line where the lesson starts."""
    read, document = Reader(path), read_mapping(path)
    number = read.get(document, "day", int)
    lessons, lines = [], {}
    for entry in read.mappings(document, "lessons"):
        steps = tuple(_load_step(read, entry, step, known_plots) for step in read.get(entry, "steps", list))
        if not 3 <= len(steps) <= 6:
            raise read.fail(entry, f"a lesson has 3 to 6 steps, this one has {len(steps)}")
        lesson = Lesson(
            id=read.text(entry, "id"), day=number, title=read.text(entry, "title"),
            concepts=read.strings(entry, "concepts"), steps=steps,
            worked_example=read.text(entry, "worked_example"), exercises=read.strings(entry, "exercises"),
        )
        lessons.append(lesson)
        lines[lesson.id] = entry.line
    if not lessons:
        raise read.fail(document, "a day needs at least one lesson")
    day = Day(number, read.text(document, "title"), read.strings(document, "goals"), tuple(lessons))
    return day, lines


def _load_step(read: Reader, lesson: LineDict, step: Any, known_plots: set[str]) -> Step:
    if isinstance(step, str) and step.strip():
        return Step(step.strip())
    if not isinstance(step, LineDict):
        raise read.fail(lesson, "a step is a text or a mapping with 'text' (and optional 'image', 'again')")
    image = read.get(step, "image", str, None)
    if image is not None and image not in known_plots:
        raise read.fail(step, f"unknown image '{image}' (known: {', '.join(sorted(known_plots))})")
    again = read.text(step, "again", None)
    return Step(read.text(step, "text"), image, again)


def _load_glossary(path: Path) -> tuple[list[tuple[str, str, tuple[str, ...], str, str | None]], dict[str, int]]:
    read, document = Reader(path), read_mapping(path)
    entries, lines = [], {}
    for entry in read.mappings(document, "concepts"):
        key = read.text(entry, "key")
        if key in lines:
            raise read.fail(entry, f"duplicate concept '{key}'")
        lines[key] = entry.line
        entries.append((key, read.text(entry, "term"), read.strings(entry, "aliases", ()), read.text(entry, "definition"),
                        read.text(entry, "again", None)))
    return entries, lines


def _load_exercises(path: Path, known_plots: set[str]) -> tuple[list[tuple[LineDict, dict]], Reader]:
    read, document = Reader(path), read_mapping(path)
    entries = []
    for entry in read.mappings(document, "exercises"):
        kind = read.text(entry, "kind")
        for required in ("id", "concept"):
            read.text(entry, required)
        difficulty = read.get(entry, "difficulty", int, 1)
        if not 1 <= difficulty <= 3:
            raise read.fail(entry, "difficulty is 1, 2 or 3")
        if kind not in STATIC_KINDS and kind not in GENERATORS:
            raise read.fail(entry, f"unknown kind '{kind}' (choice, typed or one of {', '.join(GENERATORS)})")
        data = {k: v for k, v in entry.items() if k not in _EXERCISE_FIELDS}
        if kind in STATIC_KINDS:
            _validate_static(read, entry, kind)
        for field in ("plot", "solution_plot"):
            plot = read.get(entry, field, dict, None)
            if plot is not None and plot.get("name") not in known_plots:
                raise read.fail(entry, f"unknown plot {plot.get('name')!r} (known: {', '.join(sorted(known_plots))})")
        entries.append((entry, data))
    return entries, read


def _validate_static(read: Reader, entry: LineDict, kind: str) -> None:
    for required in ("prompt", "solution"):
        read.text(entry, required)
    if len(read.strings(entry, "hints")) != 2:
        raise read.fail(entry, "hints are exactly [hint, prompt]: a hint, then a leading question")
    if kind == "choice":
        options = read.strings(entry, "options")
        answer = read.get(entry, "answer", int)
        if len(options) < 2 or not 1 <= answer <= len(options):
            raise read.fail(entry, "a choice needs >= 2 options and 'answer' = the 1-based number of the right one")
        for number in read.get(entry, "why_wrong", dict, {}):
            if not isinstance(number, int) or not 1 <= number <= len(options) or number == answer:
                raise read.fail(entry, f"why_wrong key {number!r} is not the number of a wrong option")
        for number, words in read.get(entry, "aliases", dict, {}).items():
            if not isinstance(number, int) or not 1 <= number <= len(options) or not _phrases(words):
                raise read.fail(entry, f"aliases key {number!r}: an option's number, then a list of the words learners use for it")
    elif not str(read.get(entry, "answer", (str, int, float))).strip():
        raise read.fail(entry, "field 'answer' is empty")
    ideas = read.get(entry, "key_ideas", list, [])
    if not all(_phrases(idea) for idea in ideas):
        raise read.fail(entry, "key_ideas is a list of ideas, each a list of accepted phrasings (the first names the idea)")


def _phrases(value: Any) -> bool:
    """A non-empty list of non-empty strings."""
    return isinstance(value, list) and bool(value) and all(isinstance(p, str) and p.strip() for p in value)


def _check_day_numbers(loaded: list[tuple[Path, Day, dict[str, int]]]) -> None:
    for index, (path, day, _) in enumerate(loaded, start=1):
        if day.number != index:
            raise DataError(path, 1, f"expected day {index} (days are numbered 1, 2, ... without gaps), got {day.number}")


def _check_unique_lessons(loaded: list[tuple[Path, Day, dict[str, int]]]) -> None:
    seen: set[str] = set()
    for path, day, lines in loaded:
        for lesson in day.lessons:
            if lesson.id in seen:
                raise DataError(path, lines[lesson.id], f"duplicate lesson id '{lesson.id}'")
            seen.add(lesson.id)


def _concepts_from(days: tuple[Day, ...], glossary: list, lines: dict[str, int], path: Path,
                   lesson_where: dict[str, tuple[Path, int]]) -> dict[str, Concept]:
    """Glossary entries placed at the first lesson that lists them; every reference checked."""
    first_lesson: dict[str, Lesson] = {}
    for day in days:
        for lesson in day.lessons:
            for key in lesson.concepts:
                if key not in lines:
                    raise DataError(*lesson_where[lesson.id], f"lesson '{lesson.id}' names unknown concept '{key}'")
                first_lesson.setdefault(key, lesson)
    concepts = {}
    for key, term, aliases, definition, again in glossary:
        if key not in first_lesson:
            raise DataError(path, lines[key], f"concept '{key}' is taught by no lesson")
        lesson = first_lesson[key]
        concepts[key] = Concept(key, term, aliases, definition, lesson.day, lesson.id, again)
    return concepts


def _exercises_from(days: tuple[Day, ...], concepts: dict[str, Concept], path: Path,
                    lesson_where: dict[str, tuple[Path, int]], known_plots: set[str]) -> dict[str, ExerciseSpec]:
    entries, read = _load_exercises(path, known_plots)
    owner: dict[str, Lesson] = {}
    for day in days:
        for lesson in day.lessons:
            for exercise_id in lesson.exercises:
                if exercise_id in owner:
                    raise DataError(*lesson_where[lesson.id], f"exercise '{exercise_id}' is listed by two lessons")
                owner[exercise_id] = lesson
    lessons = {lesson.id: lesson for day in days for lesson in day.lessons}
    lesson_rank = {lesson_id: rank for rank, lesson_id in enumerate(lessons)}
    specs: dict[str, ExerciseSpec] = {}
    order: dict[str, tuple[int, int, int]] = {}
    for position, (entry, data) in enumerate(entries):
        exercise_id, concept = entry["id"], entry["concept"]
        if exercise_id in specs:
            raise read.fail(entry, f"duplicate exercise id '{exercise_id}'")
        if concept not in concepts:
            raise read.fail(entry, f"exercise '{exercise_id}' trains unknown concept '{concept}'")
        named = entry.get("lesson")
        if named is not None and named not in lessons:
            raise read.fail(entry, f"exercise '{exercise_id}' names unknown lesson '{named}'")
        if exercise_id in owner and named is not None and named != owner[exercise_id].id:
            raise read.fail(entry, f"exercise '{exercise_id}' names lesson '{named}' but '{owner[exercise_id].id}' lists it")
        # An exercise no lesson lists belongs to the lesson it names, else to its concept's first lesson.
        lesson = owner.get(exercise_id) or lessons[named or concepts[concept].lesson]
        listed = list(lesson.exercises).index(exercise_id) if exercise_id in owner else None
        order[exercise_id] = (lesson_rank[lesson.id], 0 if listed is not None else 1, listed if listed is not None else position)
        specs[exercise_id] = ExerciseSpec(exercise_id, entry["kind"], concept, lesson.id, lesson.day,
                                          entry.get("difficulty", 1), _plain(data))
    for exercise_id, lesson in owner.items():
        if exercise_id not in specs:
            raise DataError(*lesson_where[lesson.id], f"lesson '{lesson.id}' lists unknown exercise '{exercise_id}'")
    return dict(sorted(specs.items(), key=lambda item: order[item[0]]))


def _with_every_exercise(days: tuple[Day, ...], exercises: dict[str, ExerciseSpec]) -> tuple[Day, ...]:
    """Days whose lessons list every exercise they own: the ones the day files list, then the ones
    exercises.yml places there (by ``lesson:`` or by concept)."""
    def lesson_with_all(lesson: Lesson) -> Lesson:
        owned = tuple(spec.id for spec in exercises.values() if spec.lesson == lesson.id)
        return replace(lesson, exercises=owned)
    return tuple(replace(day, lessons=tuple(lesson_with_all(lesson) for lesson in day.lessons)) for day in days)


def _plain(value: Any) -> Any:
    """Line-tracking mappings back to plain dicts (specs are compared and serialised)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
