"""Each concept's key ideas and usual misconceptions as data (``data/curriculum/key_ideas.yml``; schema in
docs/curriculum.md), and a learner's restatement graded against them, as an expectation-and-misconception tutor
(AutoTutor) does: "so backprop is: guess, measure the error, go backwards, blame each weight by its share, fix it a
little. right?" gets which ideas it has, the one it misses and any misconception it shows, where it had got "I
can't check that sentence word for word" or the glossary card again.

An idea is expressed when every content word of one of its phrasings is in the message, up to word endings,
synonyms and small typos (:func:`tutor.key_ideas.missing_ideas`, the same reading as the why-questions' key ideas).
Validated like the rest of the curriculum: a DataError names the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp.yamlfile import LineDict
from tutor.data_reader import Reader, read_mapping
from tutor.key_ideas import missing_ideas

KEY_IDEAS_FILE = "key_ideas.yml"
_NEGATION = re.compile(r"\b(not|no|never|nor|without|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|didn'?t|can'?t)\b|n't\b",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Idea:
    says: str                        # how a teacher names it: "every weight gets its share of the blame"
    words: tuple[str, ...]           # phrasings, any one of which expresses it
    examples: tuple[str, ...] = ()   # for a misconception: messages that show it (tests read them)
    unless: tuple[str, ...] = ()     # for a misconception: phrasings that show a comparison, not the mistake


@dataclass(frozen=True)
class ConceptIdeas:
    ideas: tuple[Idea, ...]
    misconceptions: tuple[Idea, ...] = ()
    examples: tuple[tuple[str, tuple[int, ...]], ...] = ()   # a restatement and the ideas it covers (tests read them)


@dataclass(frozen=True)
class Restatement:
    """A restatement graded: the ideas it expresses, those it misses, the misconceptions it shows."""
    covered: tuple[Idea, ...]
    missing: tuple[Idea, ...]
    misconceptions: tuple[Idea, ...]

    @property
    def says_something(self) -> bool:
        """A misconception shown, or two ideas or more expressed (every idea of a concept that has two): one idea's
        words alone are no restatement ("with Adam you don't need to tune the learning rate at all, true?" names
        Adam's adaptive steps, and had got "Right so far" for a false claim); such a message is left to the other
        rows, the knowledge base first."""
        return bool(self.misconceptions) or len(self.covered) >= min(2, len(self.covered) + len(self.missing))


def grade(text: str, ideas: ConceptIdeas) -> Restatement:
    """The ideas ``text`` expresses and misses, and the misconceptions it shows: none in a message with a negation,
    whose words cannot tell "style transfer is a GAN" from "style transfer is not a GAN"."""
    missing = set(missing_ideas(text, [list(idea.words) for idea in ideas.ideas]))
    shown = set() if _NEGATION.search(text) else (
        set(range(len(ideas.misconceptions))) - set(missing_ideas(text, [list(m.words) for m in ideas.misconceptions])))
    # "overfitting: too complex; underfitting: too simple" compares, it does not mistake one for the other
    shown = {i for i in shown if not ideas.misconceptions[i].unless
             or len(missing_ideas(text, [list(ideas.misconceptions[i].unless)])) == 1}
    return Restatement(tuple(idea for i, idea in enumerate(ideas.ideas) if i not in missing),
                       tuple(idea for i, idea in enumerate(ideas.ideas) if i in missing),
                       tuple(m for i, m in enumerate(ideas.misconceptions) if i in shown))


@dataclass(frozen=True)
class KeyIdeas:
    """Every concept's key ideas by concept key (none where the file is absent)."""
    by_concept: dict[str, ConceptIdeas] = field(default_factory=dict)

    def of(self, concept_key: str) -> ConceptIdeas | None:
        return self.by_concept.get(concept_key)

    @classmethod
    def load(cls, path: Path, concept_keys: set[str]) -> "KeyIdeas":
        if not path.exists():
            return cls()
        read = Reader(path)
        concepts = read.get(read_mapping(path), "concepts", LineDict)
        by_concept = {}
        for key, item in concepts.items():
            if key not in concept_keys:
                raise read.fail(concepts, f"'{key}' is no concept of the glossary")
            if not isinstance(item, LineDict):
                raise read.fail(concepts, f"'{key}' must be a mapping with 'ideas'")
            by_concept[key] = _concept(read, item)
        return cls(by_concept)


def _concept(read: Reader, item: LineDict) -> ConceptIdeas:
    unknown = set(item) - {"ideas", "misconceptions", "examples"}
    if unknown:
        raise read.fail(item, f"unknown field(s) {', '.join(sorted(unknown))}")
    ideas = tuple(_idea(read, idea) for idea in read.mappings(item, "ideas"))
    if not 2 <= len(ideas) <= 4:
        raise read.fail(item, f"a concept needs 2 to 4 key ideas, got {len(ideas)}")
    misconceptions = tuple(_idea(read, idea) for idea in
                           (read.mappings(item, "misconceptions") if "misconceptions" in item else []))
    examples = []
    for example in read.mappings(item, "examples") if "examples" in item else []:
        covers = read.get(example, "covers", list)
        if not all(isinstance(i, int) and 0 <= i < len(ideas) for i in covers):
            raise read.fail(example, f"'covers' must list idea numbers from 0 to {len(ideas) - 1}")
        examples.append((read.text(example, "learner"), tuple(covers)))
    return ConceptIdeas(ideas, misconceptions, tuple(examples))


def _idea(read: Reader, item: LineDict) -> Idea:
    unknown = set(item) - {"says", "words", "examples", "unless"}
    if unknown:
        raise read.fail(item, f"unknown field(s) {', '.join(sorted(unknown))}")
    return Idea(read.text(item, "says"), read.strings(item, "words"), read.strings(item, "examples", ()),
                read.strings(item, "unless", ()))
