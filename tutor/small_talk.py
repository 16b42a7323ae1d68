"""Everyday small talk as data (``data/curriculum/small_talk.yml``; schema in docs/curriculum.md): topics a friend
would answer in kind ("do you sleep at night?", "my laptop died", "what should I cook tonight?"), each with the
patterns that name it and two or more replies, said in turn.

The seq2seq responder answers what it was trained on; blind chit-chat sets showed it giving a stock line ("I'm a
program, no meals, no sleep") to specific questions about the tutor, sympathy in the wrong register to everyday
news, and refusals to requests a friend would help with. A topic's reply wins over the responder's, so its patterns
are written narrowly: a topic that does not fit leaves the message to the rest of the dialogue.

Validated like the rest of the curriculum: a bad pattern, a missing field or a duplicate id is a
:class:`nlp.errors.DataError` naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp import yamlfile
from nlp.errors import DataError
from nlp.yamlfile import LineDict

SMALL_TALK_FILE = "small_talk.yml"
# whom a topic is about: the tutor itself, the learner's life, a request, or how the tutor talks
ABOUT = ("bot", "learner", "request", "tutor")
# only a message's start is searched: a pasted essay is no small talk, and the patterns stay fast
SEARCHED_CHARS = 400
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class SmallTalkTopic:
    id: str
    about: str
    cues: tuple[re.Pattern[str], ...]      # any one names the topic
    unless: tuple[re.Pattern[str], ...]    # any one rules it out ("do you sleep" yes, "sleep" in a lesson no)
    replies: tuple[str, ...]
    examples: tuple[str, ...] = ()         # messages it answers, written apart from the cues: what they must catch

    def matches(self, text: str) -> bool:
        return any(cue.search(text) for cue in self.cues) and not self.ruled_out(text)

    def ruled_out(self, text: str) -> bool:
        return any(cue.search(text) for cue in self.unless)


@dataclass(frozen=True)
class SmallTalk:
    """The topics, found by their patterns (:meth:`find`)."""

    topics: tuple[SmallTalkTopic, ...] = ()

    def find(self, text: str) -> SmallTalkTopic | None:
        """The first topic, in file order, whose patterns name ``text``; None for none."""
        text = text[:SEARCHED_CHARS].translate(_QUOTES)   # "can’t" as "can't": the patterns spell straight quotes
        return next((topic for topic in self.topics if topic.matches(text)), None)

    @classmethod
    def load(cls, path: Path) -> "SmallTalk":
        """The topics of ``path`` (none where the file is absent), validated with file:line errors."""
        if not path.exists():
            return cls()
        document = yamlfile.load(path)
        if not isinstance(document, LineDict) or not isinstance(document.get("topics"), list):
            raise DataError(path, getattr(document, "line", 1), "expected a mapping with a list 'topics'")
        topics = tuple(_topic(path, item) for item in document["topics"])
        _check_unique(path, document["topics"], topics)
        return cls(topics)


def _topic(path: Path, item: Any) -> SmallTalkTopic:
    if not isinstance(item, LineDict):
        raise DataError(path, None, "every topic must be a mapping")
    unknown = set(item) - {"id", "about", "cues", "unless", "replies", "examples"}
    if unknown:
        raise DataError(path, item.line, f"unknown field(s) {', '.join(sorted(unknown))}")
    topic_id, about = _text(path, item, "id"), _text(path, item, "about")
    if not _ID.match(topic_id):
        raise DataError(path, item.line, f"id '{topic_id}' must be lowercase words joined by '-'")
    if about not in ABOUT:
        raise DataError(path, item.line, f"'about' must be one of {', '.join(ABOUT)}, got '{about}'")
    replies = _texts(path, item, "replies")
    if len(replies) < 2:
        raise DataError(path, item.line, "a topic needs at least 2 replies, so that it is never said twice in a row")
    return SmallTalkTopic(topic_id, about, _patterns(path, item, "cues"), _patterns(path, item, "unless", ()), replies,
                          _texts(path, item, "examples", ()))


def _text(path: Path, item: LineDict, key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, item.line, f"field '{key}' must be a non-empty string")
    return value.strip()


def _texts(path: Path, item: LineDict, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if key not in item and default is not None:
        return default
    values = item.get(key)
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataError(path, item.line, f"field '{key}' must be a non-empty list of non-empty strings")
    return tuple(" ".join(v.split()) for v in values)


def _patterns(path: Path, item: LineDict, key: str, default: tuple[str, ...] | None = None) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in _texts(path, item, key, default):
        try:
            patterns.append(re.compile(text, re.IGNORECASE))
        except re.error as error:
            raise DataError(path, item.line, f"bad pattern in '{key}' ({error}): {text}") from None
    return tuple(patterns)


def _check_unique(path: Path, items: list[LineDict], topics: tuple[SmallTalkTopic, ...]) -> None:
    seen: set[str] = set()
    for item, topic in zip(items, topics):
        if topic.id in seen:
            raise DataError(path, item.line, f"duplicate topic id '{topic.id}'")
        seen.add(topic.id)
