"""The seminar's five days as data: days -> lessons -> steps, a glossary of concepts, exercises.

Loaded from ``data/curriculum/`` (one YAML file per day, ``glossary.yml``, ``exercises.yml``;
the schema is in ``docs/curriculum.md``) by :mod:`tutor.curriculum_files`, which validates it as a
whole, so a broken reference is an error naming the file and line before any learner sees it. Also answers the
dialogue manager's look-ups: which concept a learner means ("gradiant descent", "LSTMs",
"w2v") and which day ("day three", "the last day").
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from nlp.rare_words import plain_word
from tutor.answers import normalize, singular
from tutor.exercises import ExerciseSpec
from tutor.concept_ideas import KEY_IDEAS_FILE, KeyIdeas
from tutor.small_talk import SMALL_TALK_FILE, SmallTalk

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "curriculum"
GLOSSARY_FILE, EXERCISES_FILE = "glossary.yml", "exercises.yml"


# a course term inside an everyday phrase names nothing of the course ("A question of precision: without a nonlinearity
# ..." had got the accuracy card)
EVERYDAY_PHRASES = re.compile(r"\b(?:a (?:question|matter) of precision|with (?:great |more |some )?precision|"
                               r"(?:to|if i may) be precise)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    text: str
    image: str | None = None   # a plot name from tutor.plots.PLOTS
    again: str | None = None   # a second, simpler explanation (an analogy or a worked number) for "explain again"


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
    again: str | None = None   # a second, simpler explanation for "I don't get it" after the definition


_DAY_THEN_NUMBER = re.compile(r"\bday\s*(\w+)")       # "day 3", "day3", "day three"
_NUMBER_THEN_DAY = re.compile(r"(\w+)\s+day\b")       # "third day", "3rd day", "last day"
_TITLE_FILLERS = {"a", "an", "and", "as", "the", "with", "of", "in", "to", "from", "one", "vs", "what", "it", "it's",
                  "means", "for", "program", "learn", "learning", "training", "improving", "network", "neural"}
_WORD_ORDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}


class Curriculum:
    """The whole course; load it with :meth:`load`."""

    def __init__(self, days: tuple[Day, ...], concepts: dict[str, Concept], exercises: dict[str, ExerciseSpec],
                 small_talk: SmallTalk = SmallTalk(), key_ideas: KeyIdeas = KeyIdeas()) -> None:
        self.days, self.concepts, self.exercises, self.small_talk = days, concepts, exercises, small_talk
        self.key_ideas = key_ideas
        self._lessons = {lesson.id: lesson for day in days for lesson in day.lessons}
        self._order = [lesson.id for day in days for lesson in day.lessons]
        self._phrases = self._phrase_index()
        self._by_length = self._phrases_by_length()
        self._longest = max(self._by_length, default=1)
        self._vocabulary: dict[str, set[str]] = {}   # concept key -> the words of its term and aliases
        for phrase, key in self._phrases.items():
            self._vocabulary.setdefault(key, set()).update(phrase.split())

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> "Curriculum":
        """Load and validate every file; :class:`DataError` (file:line) on the first problem."""
        from tutor.curriculum_files import read_curriculum  # noqa: PLC0415 - it builds this module's types

        days, concepts, exercises = read_curriculum(Path(directory))
        return cls(days, concepts, exercises, SmallTalk.load(Path(directory) / SMALL_TALK_FILE),
                   KeyIdeas.load(Path(directory) / KEY_IDEAS_FILE, set(concepts)))

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
        words = _key(EVERYDAY_PHRASES.sub(" ", text)).split()
        if not words:
            return None
        found = self._exact(words) or self._fuzzy(words)
        if found is None and similar is not None:
            found = self._by_similarity(words, similar)
        return self.concepts[found] if found else None

    def concept_of_entity(self, text: str, similar: Callable[[str], list[tuple[str, float]]] | None = None
                          ) -> Concept | None:
        """The concept a tagged entity names, as find_concept, but only where its name covers the entity's words:
        "spam filter" names no concept, though "filter" is an alias of convolution."""
        words = _key(text).split()
        found = self._exact(words)
        if found is None:
            return self.find_concept(text, similar)
        return self.concepts[found] if set(words) <= self._vocabulary[found] | _STOPWORDS else None

    def concept_named_exactly(self, text: str) -> Concept | None:
        """The concept whose term or alias is the whole of ``text`` ("experience", "Pooling?"), or None."""
        key = self._phrases.get(_key(text))
        return self.concepts[key] if key else None

    def concepts_named(self, text: str) -> set[str]:
        """The keys of every concept whose term or alias ``text`` holds ("if z far from 0, sigmoid gradient small,
        so weights change slow?": sigmoid, gradient, weights and biases)."""
        return {self._phrases[span] for span in self._windows(_key(text).split()) if span in self._phrases}

    def find_day(self, text: str) -> int | None:
        """The day ``text`` refers to: "day 3", "day three", "the third day", "3rd day", "last day"."""
        lowered, numbers = normalize(text), [day.number for day in self.days]
        for pattern in (_DAY_THEN_NUMBER, _NUMBER_THEN_DAY):
            for match in pattern.finditer(lowered):
                number = _day_number(match[1], numbers)
                if number is not None:
                    return number
        return None

    def lesson_titled(self, text: str, day: int | None = None) -> Lesson | None:
        """The lesson ``text`` names by its title's words ("back to Day 1, the cost function lesson", "go to day 3,
        modern cnn approaches"): two or more of a title's content words said, the most of any lesson and no tie; with
        no day named, any day's lesson where nearly its whole title is said ("neural networks" is in three titles).
        A day named keeps to its own lessons: "I already know gradient descent ... start with Day 2" had opened Day 1's
        gradient descent lesson."""
        said = set(_key(text).split())
        scored = []
        for lesson in (lesson for each in self.days for lesson in each.lessons):
            title = set(_key(lesson.title).split()) - _TITLE_FILLERS
            hits = len(title & said)
            if hits >= 2 and (lesson.day == day or day is None and hits * 3 >= len(title) * 2):
                scored.append((hits, lesson))
        scored.sort(key=lambda pair: -pair[0])
        unique = len(scored) == 1 or (len(scored) > 1 and scored[0][0] > scored[1][0])
        return scored[0][1] if unique else None

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
            if span.isalpha() and plain_word(span):   # "warm regards" had named reinforcement learning
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

