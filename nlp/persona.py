"""Persona retrieval: the replies written for the persona message nearest to a learner's chit-chat.

The responder's seq2seq model learns the persona pairs (`data/dialogues/persona_*.tsv`) only through a
training of 10-35 minutes, and answers a message it was not written for with whichever learnt line it
resembles. This component answers from the pairs themselves: the learner's message is compared with
every persona message by character 3-5-gram TF-IDF (typos, "ur" for "your") and IDF-weighted mean word
vectors (the project's word2vec: "hamster" near "cat"); when the nearest message is close enough, its
replies answer. "Close enough" is calibrated at training time on held-out persona phrasings: the
lowest similarity at which the nearest message is still one of the held-out message's own situation
(messages linked by a reply they share) for at least ``PRECISION`` of them. Below it the seq2seq
answers (``Pipeline.respond``). Training takes a few seconds, so new persona pairs work after
``tutorbot train --only persona``.

Measured on the persona data of 2026-12-06 (1,139 distinct messages, 206 situations, 214 held out), the
nearest message is of the same situation for only 35-40 % of held-out phrasings at any similarity
below ~0.9 (10 of 10 rows: 60 %): "are you married" lies nearest "I'm getting married", "you're smart"
nearest "are you smart". No threshold reaches 90 %, so the calibration keeps 1.0: the component answers
a message that is a persona message up to case, punctuation and spacing, and leaves the rest to the
seq2seq. A better message encoder would lower it; the calibration will say so.

A reply that names something its persona message said and the learner did not ("my dog is sick" ->
"I hope your dog gets better") is not offered for "my hamster is sick": it would answer another message.
"""
from __future__ import annotations

import math
import re
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Sequence

import numpy as np

from nlp.data import TrainingData, is_fetched
from nlp.embeddings import Embeddings
from nlp.io import read_json, write_json
from nlp.retrieval import char_grams
from nlp.tokenizer import normalize, words

CONFIG = "config.json"
PRECISION = 0.9            # the share of held-out phrasings the threshold must answer with their own replies
HELDOUT_SHARE = 0.2        # persona messages held out (by a hash of the message) to calibrate the threshold
CHAR_WEIGHTS = (0.3, 0.5, 0.7)
TOLERANCE = 1e-4           # float sums: a message equal to a persona message scores 1.0 give or take this   # the characters' share of the similarity, chosen on the held-out messages
_CONTENT = re.compile(r"[a-z]{3,}")
_STOP = frozenset("""the and you your are was were have has had not but for with that this what when where who how
why can could would should will just really very too also some any all about from into out over then than them they
their there here its it's i'm i've i'd you're don't can't didn't does did doing been being get got like""".split())


def key(text: str) -> str:
    """A message as compared: casefolded, words only ("Do you like cats?!" -> "do you like cats")."""
    return " ".join(w for w in words(text) if any(c.isalnum() for c in w))


def specifics(text: str) -> frozenset[str]:
    """The 4-letter stems of a text's content words ("puppies" -> "pupp")."""
    return frozenset(w[:4] for w in _CONTENT.findall(normalize(text)) if w not in _STOP)


@dataclass
class Index:
    """Persona messages as unit vectors: character n-gram TF-IDF (as postings: numpy alone serves them, no scipy
    at start-up) and mean word vectors."""

    messages: list[str]
    embeddings: Embeddings | None
    idf: dict[str, float] = field(init=False)
    word_idf: dict[str, float] = field(init=False)
    postings: dict[str, tuple[np.ndarray, np.ndarray]] = field(init=False)   # gram -> (message rows, weights)
    vector_rows: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        count = len(self.messages)
        seen = Counter(g for m in self.messages for g in set(char_grams(m)))
        self.idf = {g: math.log((1 + count) / (1 + n)) + 1 for g, n in seen.items()}
        word_seen = Counter(w for m in self.messages for w in set(words(m)))
        self.word_idf = {w: math.log((1 + count) / (1 + n)) + 1 for w, n in word_seen.items()}
        lists: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for row, message in enumerate(self.messages):
            for gram, weight in self.char_weights(message).items():
                lists[gram][0].append(row)
                lists[gram][1].append(weight)
        self.postings = {g: (np.array(r, dtype=np.int64), np.array(w, dtype=np.float32)) for g, (r, w) in lists.items()}
        self.vector_rows = np.stack([self.word_vector(m) for m in self.messages]) if count else np.zeros((0, 1))

    def char_weights(self, text: str) -> dict[str, float]:
        """The known n-grams of ``text``: sublinear TF times IDF, unit length."""
        weights = {g: (1 + math.log(n)) * self.idf[g] for g, n in Counter(char_grams(text)).items() if g in self.idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def char_similarities(self, text: str) -> np.ndarray:
        scores = np.zeros(len(self.messages), dtype=np.float32)
        for gram, weight in self.char_weights(text).items():
            rows, values = self.postings[gram]
            scores[rows] += weight * values
        return scores

    def word_vector(self, text: str) -> np.ndarray:
        dim = self.embeddings.dim if self.embeddings is not None else 1
        total = np.zeros(dim, dtype=np.float32)
        if self.embeddings is None:
            return total
        top = max(self.word_idf.values(), default=1.0)   # a word no persona message has: the highest weight
        for word in words(text):
            vector = self.embeddings.vector(word)
            if vector is not None:
                total += self.word_idf.get(word, top) * _unit(vector)
        return _unit(total)

    def similarities(self, text: str, char_weight: float) -> np.ndarray:
        chars = self.char_similarities(text)
        if self.embeddings is None:   # no word vectors: the characters alone
            return chars
        vectors = self.vector_rows @ self.word_vector(text)
        return char_weight * chars + (1 - char_weight) * vectors


@dataclass
class PersonaMatcher:
    name: ClassVar[str] = "persona"
    requires: ClassVar[tuple[str, ...]] = ("embeddings",)

    messages: list[str]              # distinct persona messages (key form)
    replies: list[list[str]]         # the replies written for each
    embeddings: Embeddings | None
    threshold: float = 1.0
    char_weight: float = 0.5
    metrics: dict[str, float] = field(default_factory=dict)

    @cached_property
    def index(self) -> Index:
        """Built when a similarity is first needed (training, evaluation, a threshold below 1), not at load: it
        costs about half a second, which a serve worker would pay before its first answer."""
        return Index(self.messages, self.embeddings)

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {message: row for row, message in enumerate(self.messages)}

    # ------------------------------------------------------------ life cycle
    @classmethod
    def can_train(cls, data: TrainingData) -> bool:
        return any(not is_fetched(pair.source) for pair in data.dialogues)

    @classmethod
    def train(cls, data: TrainingData, *, shared: dict[str, Any], seed: int, progress: bool,
              preset: str = "default") -> "PersonaMatcher":
        started = time.perf_counter()
        grouped = persona_pairs(data)
        train = {m: r for m, r in grouped.items() if not held_out(m)}
        heldout = {m: r for m, r in grouped.items() if held_out(m)}
        embeddings = shared.get("embeddings")
        best: tuple[float, float, float] | None = None   # (coverage, char weight, threshold)
        situation = situations(grouped)
        for weight in CHAR_WEIGHTS:
            matcher = cls(list(train), list(train.values()), embeddings, char_weight=weight)
            threshold, coverage = calibrate(matcher.nearest_scores(heldout, situation))
            if best is None or coverage > best[0]:
                best = (coverage, weight, threshold)
        coverage, weight, threshold = best or (0.0, 0.5, 1.0)
        matcher = cls(list(grouped), list(grouped.values()), embeddings, threshold=threshold, char_weight=weight)
        matcher.metrics = {"messages": float(len(grouped)), "heldout_messages": float(len(heldout)),
                           "threshold": round(threshold, 4), "char_weight": weight,
                           "heldout_coverage": round(coverage, 4), "seconds": round(time.perf_counter() - started, 2)}
        return matcher

    def evaluate(self, data: TrainingData) -> dict[str, float]:
        """On ``data``'s persona messages, each left out of the index in turn: the share answered (similarity
        at or above the threshold) and, of those, the share whose nearest message is of its situation."""
        grouped = persona_pairs(data)
        scored = self.nearest_scores(grouped, situations(grouped), leave_out_self=True)
        answered = [right for score, right in scored if score >= self.threshold - TOLERANCE]
        return {"coverage": len(answered) / max(1, len(scored)), "precision": sum(answered) / max(1, len(answered))}

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        write_json(directory / CONFIG, {"messages": self.messages, "replies": self.replies, "threshold": self.threshold,
                                        "char_weight": self.char_weight, "metrics": self.metrics})

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any]) -> "PersonaMatcher":
        config = read_json(directory / CONFIG)
        return cls(config["messages"], config["replies"], shared.get("embeddings"), threshold=config["threshold"],
                   char_weight=config["char_weight"], metrics=config.get("metrics", {}))

    # ------------------------------------------------------------ queries
    def nearest_scores(self, grouped: dict[str, list[str]], situation: dict[str, str],
                       leave_out_self: bool = False) -> list[tuple[float, bool]]:
        """For each message of ``grouped``: the similarity of its nearest indexed message, and whether that
        message is of its situation."""
        position = {m: i for i, m in enumerate(self.messages)}
        scored = []
        for message, own in grouped.items():
            similarities = self.index.similarities(message, self.char_weight)
            if leave_out_self and message in position:
                similarities[position[message]] = -math.inf
            if not len(similarities):
                continue
            best = int(np.argmax(similarities))
            nearest = self.messages[best]
            scored.append((float(similarities[best]), situation.get(message) == situation.get(nearest, nearest)))
        return scored

    def replies_for(self, text: str) -> list[str]:
        """The replies of the nearest persona message when it is close enough (varied by a hash of ``text``,
        the same for the same text), without those naming what the learner did not say; [] otherwise."""
        query = key(text)
        best = self.nearest(query) if query and self.messages else None
        if best is None:
            return []
        theirs = specifics(self.messages[best]) - specifics(query)
        fitting = [reply for reply in self.replies[best] if not specifics(reply) & theirs]
        start = zlib.crc32(query.encode("utf-8")) % max(1, len(fitting))
        return fitting[start:] + fitting[:start]

    def nearest(self, query: str) -> int | None:
        """The row of the persona message close enough to ``query`` (in key form), or None."""
        if self.threshold >= 1 - TOLERANCE:   # only a persona message itself is that close: a lookup finds it
            return self.row_of.get(query)
        similarities = self.index.similarities(query, self.char_weight)
        best = int(np.argmax(similarities))
        return best if similarities[best] >= self.threshold - TOLERANCE else None


def persona_pairs(data: TrainingData) -> dict[str, list[str]]:
    """The tutor's own (not fetched) pairs, the replies of each distinct message (in key form) together."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for pair in data.dialogues:
        message = key(pair.message)
        if not is_fetched(pair.source) and message and pair.reply not in grouped[message]:
            grouped[message].append(pair.reply)
    return dict(grouped)


def situations(grouped: dict[str, list[str]]) -> dict[str, str]:
    """Each message's situation: messages linked, directly or through others, by a reply they share, named by
    one of them."""
    parent: dict[str, str] = {}

    def root(message: str) -> str:
        while parent.setdefault(message, message) != message:
            parent[message] = parent[parent[message]]
            message = parent[message]
        return message

    first_with: dict[str, str] = {}
    for message, replies in grouped.items():
        for reply in replies:
            if reply in first_with:
                parent[root(message)] = root(first_with[reply])
            first_with.setdefault(reply, message)
    return {message: root(message) for message in grouped}


def held_out(message: str) -> bool:
    return zlib.crc32(("persona:" + message).encode("utf-8")) % 1000 < HELDOUT_SHARE * 1000


def calibrate(scored: Sequence[tuple[float, bool]]) -> tuple[float, float]:
    """The lowest similarity above which at least PRECISION of the nearest messages are right, and the share of
    messages at or above it (1.0 and 0 when no threshold reaches that precision)."""
    ordered = sorted(scored, key=lambda item: -item[0])
    threshold, coverage, right = 1.0, 0.0, 0
    for count, (score, correct) in enumerate(ordered, start=1):
        right += correct
        if right / count >= PRECISION and count >= 10:
            threshold, coverage = score, count / len(ordered)
    return threshold, coverage


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
