"""The seminar's five days as data: days -> lessons -> steps, a glossary of concepts, exercises.

Loaded from ``data/curriculum/`` (one YAML file per day, ``glossary.yml``, ``exercises.yml``;
the schema is in ``docs/curriculum.md``) and validated as a whole, so a broken reference
is an error naming the file and line before any learner sees it. Also answers the
dialogue manager's look-ups: which concept a learner means ("gradiant descent", "LSTMs",
"w2v") and which day ("day three", "the last day").
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from nlp import yamlfile
from nlp.errors import DataError
from nlp.yamlfile import LineDict
from tutor.answers import normalize, singular
from tutor.exercises import GENERATORS, STATIC_KINDS, ExerciseSpec
from tutor.plots import PLOTS

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "curriculum"
GLOSSARY_FILE, EXERCISES_FILE = "glossary.yml", "exercises.yml"


@dataclass(frozen=True)
class Step:
    text: str
    image: str | None = None   # a plot name from tutor.plots.PLOTS


@dataclass(frozen=True)
class Lesson:
    id: str
    day: int
    title: str
    concepts: tuple[str, ...]
    steps: tuple[Step, ...]
    worked_example: str
    exercises: tuple[str, ...]   # exercise ids


@dataclass(frozen=True)
class Day:
    number: int
    title: str
    goals: tuple[str, ...]
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Concept:
    key: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    day: int        # the day of the first lesson that teaches it
    lesson: str     # that lesson's id


def _read_yaml(path: Path) -> LineDict:
    document = yamlfile.load(path)
    if not isinstance(document, LineDict):
        raise DataError(path, 1, "expected a mapping at the top level")
    return document


class _Reader:
    """Typed access to one file's mappings; every complaint names the file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: LineDict | int | None, message: str) -> DataError:
        line = where.line if isinstance(where, LineDict) else where
        return DataError(self.path, line, message)

    def get(self, mapping: LineDict, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in mapping:
            if default is ...:
                raise self.fail(mapping, f"missing field '{key}'")
            return default
        value = mapping[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(mapping, f"field '{key}' must be a {names}, got {type(value).__name__}")
        return value

    def text(self, mapping: LineDict, key: str, default: Any = ...) -> str:
        value = self.get(mapping, key, str, default)
        if value is not default and not value.strip():
            raise self.fail(mapping, f"field '{key}' is empty")
        return value.strip() if isinstance(value, str) else value

    def strings(self, mapping: LineDict, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(mapping, key, list, default)
        if values is default:
            return values
        if not all(isinstance(v, (str, int, float)) and str(v).strip() for v in values):
            raise self.fail(mapping, f"field '{key}' must be a list of non-empty strings")
        return tuple(str(v).strip() for v in values)

    def mappings(self, mapping: LineDict, key: str) -> list[LineDict]:
        items = self.get(mapping, key, list)
        for item in items:
            if not isinstance(item, LineDict):
                raise self.fail(mapping, f"every item of '{key}' must be a mapping")
        return items


# --- loading ---------------------------------------------------------------------------------

_DAY_FILE = re.compile(r"day(\d+)\.ya?ml$")
_DAY_THEN_NUMBER = re.compile(r"\bday\s*(\w+)")       # "day 3", "day3", "day three"
_NUMBER_THEN_DAY = re.compile(r"(\w+)\s+day\b")       # "third day", "3rd day", "last day"
_EXERCISE_FIELDS = {"id", "kind", "concept", "difficulty", "lesson"}
_WORD_ORDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}


def _load_day(path: Path, known_plots: set[str]) -> tuple[Day, dict[str, int]]:
    """One day file -> the Day and, per lesson id, the line where the lesson starts."""
    read, document = _Reader(path), _read_yaml(path)
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


def _load_step(read: _Reader, lesson: LineDict, step: Any, known_plots: set[str]) -> Step:
    if isinstance(step, str) and step.strip():
        return Step(step.strip())
    if not isinstance(step, LineDict):
        raise read.fail(lesson, "a step is a text or a mapping with 'text' (and optional 'image')")
    image = read.get(step, "image", str, None)
    if image is not None and image not in known_plots:
        raise read.fail(step, f"unknown image '{image}' (known: {', '.join(sorted(known_plots))})")
    return Step(read.text(step, "text"), image)


def _load_glossary(path: Path) -> tuple[list[tuple[str, str, tuple[str, ...], str]], dict[str, int]]:
    read, document = _Reader(path), _read_yaml(path)
    entries, lines = [], {}
    for entry in read.mappings(document, "concepts"):
        key = read.text(entry, "key")
        if key in lines:
            raise read.fail(entry, f"duplicate concept '{key}'")
        lines[key] = entry.line
        entries.append((key, read.text(entry, "term"), read.strings(entry, "aliases", ()), read.text(entry, "definition")))
    return entries, lines


def _load_exercises(path: Path, known_plots: set[str]) -> tuple[list[tuple[LineDict, dict]], _Reader]:
    read, document = _Reader(path), _read_yaml(path)
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


def _validate_static(read: _Reader, entry: LineDict, kind: str) -> None:
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


class Curriculum:
    """The whole course; load it with :meth:`load`."""

    def __init__(self, days: tuple[Day, ...], concepts: dict[str, Concept], exercises: dict[str, ExerciseSpec]) -> None:
        self.days, self.concepts, self.exercises = days, concepts, exercises
        self._lessons = {lesson.id: lesson for day in days for lesson in day.lessons}
        self._order = [lesson.id for day in days for lesson in day.lessons]
        self._phrases = self._phrase_index()
        self._by_length = self._phrases_by_length()
        self._longest = max(self._by_length, default=1)

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> "Curriculum":
        """Load and validate every file; :class:`DataError` (file:line) on the first problem."""
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
        return cls(_with_every_exercise(days, exercises), concepts, exercises)

    # --- navigation ---

    def day(self, number: int) -> Day:
        for day in self.days:
            if day.number == number:
                return day
        raise KeyError(f"no day {number}")

    def lesson(self, lesson_id: str) -> Lesson:
        return self._lessons[lesson_id]

    def next_lesson(self, lesson_id: str | None) -> Lesson | None:
        """The lesson after ``lesson_id`` in course order (the first for None); None at the end."""
        index = 0 if lesson_id is None else self._order.index(lesson_id) + 1
        return self._lessons[self._order[index]] if index < len(self._order) else None

    def previous_lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson before ``lesson_id`` in course order; None for the first."""
        index = self._order.index(lesson_id) - 1
        return self._lessons[self._order[index]] if index >= 0 else None

    def exercises_for(self, *, lesson_id: str | None = None, concept: str | None = None,
                      day: int | None = None) -> list[ExerciseSpec]:
        """Exercises matching every given filter, in course order."""
        return [spec for spec in self.exercises.values()
                if (lesson_id is None or spec.lesson == lesson_id)
                and (concept is None or spec.concept == concept)
                and (day is None or spec.day == day)]

    # --- understanding references ---

    def find_concept(self, text: str, similar: Callable[[str], list[tuple[str, float]]] | None = None) -> Concept | None:
        """The concept ``text`` names, or None.

        Tried in order: an exact term or alias anywhere in the text (case, plural and
        punctuation ignored; the longest wins, so "gradient descent" beats "gradient"),
        then a close spelling ("gradiant descent", "overfiting"), then, if given,
        ``similar(word)`` (e.g. word2vec neighbours) for each word, as a last resort.
        """
        words = _key(text).split()
        if not words:
            return None
        found = self._exact(words) or self._fuzzy(words)
        if found is None and similar is not None:
            found = self._by_similarity(words, similar)
        return self.concepts[found] if found else None

    def concept_named_exactly(self, text: str) -> Concept | None:
        """The concept whose term or alias is the whole of ``text`` ("experience", "Pooling?"), or None."""
        key = self._phrases.get(_key(text))
        return self.concepts[key] if key else None

    def find_day(self, text: str) -> int | None:
        """The day ``text`` refers to: "day 3", "day three", "the third day", "3rd day", "last day"."""
        lowered, numbers = normalize(text), [day.number for day in self.days]
        for pattern in (_DAY_THEN_NUMBER, _NUMBER_THEN_DAY):
            for match in pattern.finditer(lowered):
                number = _day_number(match[1], numbers)
                if number is not None:
                    return number
        return None

    def _phrase_index(self) -> dict[str, str]:
        """Every normalized term and alias -> concept key."""
        index: dict[str, str] = {}
        for concept in self.concepts.values():
            for phrase in (concept.term, *concept.aliases, concept.key.replace("_", " ")):
                index.setdefault(_key(phrase), concept.key)
        return index

    def _phrases_by_length(self) -> dict[int, list[str]]:
        """Phrases long enough to guess at ("gd", "rnn" are not), grouped by their number of words."""
        groups: dict[int, list[str]] = {}
        for phrase in self._phrases:
            if len(phrase) >= 4:
                groups.setdefault(len(phrase.split()), []).append(phrase)
        return groups

    def _windows(self, words: list[str]) -> list[str]:
        """All word spans that could name a concept, longest first, then left to right."""
        return [" ".join(words[i:i + n]) for n in range(min(self._longest, len(words)), 0, -1)
                for i in range(len(words) - n + 1)]

    def _exact(self, words: list[str]) -> str | None:
        for span in self._windows(words):
            if span in self._phrases:
                return self._phrases[span]
        return None

    def _fuzzy(self, words: list[str]) -> str | None:
        best: tuple[float, str] | None = None
        for span in self._windows(words):
            span_words = span.split()
            # Short words are guessed wrong too often ("reset" is not "resnet"). A concept name neither
            # starts nor ends with "what", "the", ...: skipping those spans keeps long messages fast.
            if len(span) < _FUZZY_MIN_CHARS or span_words[0] in _STOPWORDS or span_words[-1] in _STOPWORDS:
                continue
            candidates = self._by_length.get(len(span_words), [])
            matches = difflib.get_close_matches(span, candidates, n=1, cutoff=0.84)
            # difflib's ratio punishes one typo in a short word too hard ("kernal" is 0.83 from "kernel").
            matches = matches or [c for c in candidates if one_typo_apart(span, c)][:1]
            for match in matches:
                score = difflib.SequenceMatcher(None, span, match).ratio() + len(match) / 1000
                if best is None or score > best[0]:
                    best = (score, self._phrases[match])
        return best[1] if best else None

    def _by_similarity(self, words: list[str], similar: Callable[[str], list[tuple[str, float]]]) -> str | None:
        for word in words:
            if word in _STOPWORDS or len(word) < 3:
                continue
            try:
                neighbours = similar(word)
            except KeyError:   # a word the embeddings never saw
                continue
            for neighbour, _ in neighbours:
                key = self._phrases.get(_key(neighbour))
                if key:
                    return key
        return None


_FUZZY_MIN_CHARS = 6
_STOPWORDS = frozenset(
    "a an the is are was what whats how why when who does do did can could would should me my i you your it its "
    "of in on to for with and or about explain tell show quiz question again please this that these those work "
    "works mean means day lesson".split()
)


def one_typo_apart(a: str, b: str) -> bool:
    """One substituted, inserted, deleted or swapped-neighbour character between ``a`` and ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        if a[start + 1:] == b[start + 1:]:
            return True
        return a[start:start + 2] == b[start:start + 2][::-1] and a[start + 2:] == b[start + 2:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]


def _key(text: str) -> str:
    return " ".join(singular(word) for word in normalize(text).split())


def _day_number(word: str, numbers: list[int]) -> int | None:
    if word in ("last", "final"):
        return max(numbers)
    digits = re.fullmatch(r"(\d+)(st|nd|rd|th)?", word)
    number = int(digits[1]) if digits else _WORD_ORDINALS.get(word)
    return number if number in numbers else None


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
    for key, term, aliases, definition in glossary:
        if key not in first_lesson:
            raise DataError(path, lines[key], f"concept '{key}' is taught by no lesson")
        lesson = first_lesson[key]
        concepts[key] = Concept(key, term, aliases, definition, lesson.day, lesson.id)
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
