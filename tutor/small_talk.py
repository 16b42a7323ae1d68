"""Everyday small talk as data (``data/curriculum/small_talk.yml``; schema in docs/curriculum.md): topics a friend
would answer in kind ("do you sleep at night?", "my laptop died", "what should I cook tonight?"), each with the
patterns that name it and two or more replies, said in turn.

The seq2seq responder answers what it was trained on; blind chit-chat sets showed it giving a stock line ("I'm a
program, no meals, no sleep") to specific questions about the tutor, sympathy in the wrong register to everyday
news, and refusals to requests a friend would help with. A topic's reply wins over the responder's, so its patterns
are written narrowly: a topic that does not fit leaves the message to the rest of the dialogue.

Validated like the rest of the curriculum: a bad pattern, a missing field or a duplicate id is a
:class:`nlp.errors.DataError` naming the file and line (read with :mod:`tutor.data_reader`, as the curriculum is).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nlp.yamlfile import LineDict
from tutor.data_reader import Reader, read_mapping

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
        read = Reader(path)
        items = read.mappings(read_mapping(path), "topics")
        topics = tuple(_topic(read, item) for item in items)
        _check_unique(read, items, topics)
        return cls(topics)


def _topic(read: Reader, item: LineDict) -> SmallTalkTopic:
    unknown = set(item) - {"id", "about", "cues", "unless", "replies", "examples"}
    if unknown:
        raise read.fail(item, f"unknown field(s) {', '.join(sorted(unknown))}")
    topic_id, about = read.text(item, "id"), read.text(item, "about")
    if not _ID.match(topic_id):
        raise read.fail(item, f"id '{topic_id}' must be lowercase words joined by '-'")
    if about not in ABOUT:
        raise read.fail(item, f"'about' must be one of {', '.join(ABOUT)}, got '{about}'")
    replies = read.strings(item, "replies")
    if len(replies) < 2:
        raise read.fail(item, "a topic needs at least 2 replies, so that it is never said twice in a row")
    cues = _patterns(read, item, "cues", read.strings(item, "cues"))
    if not cues:
        raise read.fail(item, "field 'cues' is empty: a topic without patterns is never found")
    return SmallTalkTopic(topic_id, about, cues, _patterns(read, item, "unless", read.strings(item, "unless", ())),
                          replies, read.strings(item, "examples", ()))


def _patterns(read: Reader, item: LineDict, key: str, texts: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in texts:
        try:
            patterns.append(re.compile(text, re.IGNORECASE))
        except re.error as error:
            raise read.fail(item, f"bad pattern in '{key}' ({error}): {text}") from None
    return tuple(patterns)


def _check_unique(read: Reader, items: list[LineDict], topics: tuple[SmallTalkTopic, ...]) -> None:
    seen: set[str] = set()
    for item, topic in zip(items, topics):
        if topic.id in seen:
            raise read.fail(item, f"duplicate topic id '{topic.id}'")
        seen.add(topic.id)
