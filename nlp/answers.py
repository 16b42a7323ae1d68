"""Component "answers": the learner's own question -> the knowledge base's answer, or an abstention.

    answers = Answers.train(data, shared={"embeddings": ...}, seed=13, progress=False)
    answers.retrieve("how do I fix it?", context=Context(lesson="d1-overfitting"))  # -> AnswerHit

The model (:mod:`nlp.retrieval`) fuses BM25, character n-grams and word vectors over each entry's
questions and answer with the lesson and concepts just taught; :mod:`nlp.answers_training` fits the
fusion, the calibration and the abstention threshold on a fixed split of the questions. The saved
component holds the entries themselves, so the models directory answers on its own, and the
index built over them (:mod:`nlp.index_file`), so that loading does not build it again.
"""
from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from nlp import index_file
from nlp.answers_training import (Question, build_index, fit, heldout_metrics, index_order, neighbours, pairs,
                                  split, split_outside)
from nlp.data import KnowledgeEntry, TrainingData, is_fetched
from nlp.embeddings import Embeddings
from nlp.entry_classifier import EntryClassifier
from nlp.entry_classifier_training import train_classifier
from nlp.io import CONFIG, read_json, write_json
from nlp.rare_words import rare_word
from nlp.retrieval import Context, KnowledgeIndex, Scorer, question_form, terms  # Context: nlp.types.AnswerContext
from nlp.tokenizer import stable_hash
from nlp.types import AnswerHit, AnswerOption

OPTIONS = 3  # nearest entries offered when abstaining, or when the same answer would be given twice
OUTSIDE_CAP = 1000  # chit-chat messages the calibration reads at most (a stable sample)
OUTSIDE_INTENTS = ("out_of_scope",)  # NLU examples the course does not answer
WORD_QUESTION_TERMS = 4  # "what is a knob?" asks a word's meaning; a longer question not put as one asks the course
_ASKING_SENTENCE = re.compile(r"(?:[^.!?]|\.(?=\d))*\?")   # a sentence that asks, inside a longer message
_QUESTION_WORD_FIRST = re.compile(r"\s*(?:what|which|why|how|when|where|who|can|could|should|do|does|is|are)\b[^.!?]*$",
                                  re.IGNORECASE)   # "... lol no. fine. what are the day 5 final projects"


# where a word names the learner's own subject: what their data shows, what they classify, their project, a list of
# their classes in brackets
_OWN_THING = re.compile(r"\b(?:photos?|pictures?|pics|images?|videos?|recordings?|scans?|data(?:\s?set)?|examples?|reviews?|"
                        r"texts?|songs?|lyrics|sales|orders|customers?)\s+(?:of|about|from|on|with)\s+(?P<data>(?:[\w-]+\s+){0,3}"
                        r"\(?[\w-]+)|\b(?:classify|classifying|recogni[sz]e|detect|sort|predict|tell apart)\s+"
                        r"(?P<task>(?:[\w-]+\s+){0,3}[\w-]+)|\b(?:my|our|a|the)\s+(?P<project>[\w-]+)\s+(?:project|app|idea|data|"
                        r"dataset|startup|company|shop|software|tool|system|program|hospital|clinic|lab|team|department|pipeline|platform)\b|\bat an?\s+(?P<workplace>[\w-]+)|\((?P<listed>[^()]*,[^()]*)\)",
                        re.IGNORECASE)


def _learners_own_thing(word: str, text: str) -> bool:
    """``word`` names what the learner's own data shows or their project is about, not a method to explain: "classify
    photos of tapas (tortilla, patatas bravas)", "my tapas project", "a fintech". The course answers the question
    about it ("50 photos each, enough to train a CNN?" had been refused: "This seminar doesn't teach 'tapas'")."""
    own = {said.lower() for found in _OWN_THING.finditer(text) for part in found.groups() if part
           for said in re.findall(r"[\w-]+", part)}
    return word.lower() in own


def _asking_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that ask something in three words or more: those ending in "?", and a last one
    that starts with a question word but has no "?", after a few words of chat ("teenagers?? hospitals?? lol no. fine.
    what are the day 5 final projects" asks the last)."""
    asked = [found for found in _ASKING_SENTENCE.findall(text) if len(found.split()) >= 3]
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    before = text.strip()[:-len(last)]
    # only after a few words of their own: "my train accuracy is 99% but on test only 60%. what am i doing wrong" is
    # asked of the sentence before it
    if (not last.endswith("?") and _QUESTION_WORD_FIRST.match(last) and len(last.split()) >= 3
            and len(re.findall(r"[a-z]{2,}", before, re.IGNORECASE)) < 6):
        asked.append(last)
    return asked


_DECIMAL_COMMA = re.compile(r"(?<![\d,(\[])(\d),(\d{1,2})(?![\d,)\]])")   # "0,5"; never "3,072" nor the vector "(5,5)"


def outside_messages(data: TrainingData) -> list[str]:
    """Messages the course does not answer, for the calibration: the tutor's own chit-chat (dialogue
    files but the course persona's; fetched corpora are not read), a stable sample, then every
    out_of_scope NLU example and every question of ``curriculum/outside*.txt`` (questions on other
    subjects, in question form like a learner's: the chit-chat alone left "how do I write an SQL
    join?" answered)."""
    messages = sorted({d.message for d in data.dialogues if not is_fetched(d.source) and "course" not in d.source})
    return sorted(messages, key=lambda m: stable_hash(m))[:OUTSIDE_CAP] + outside_questions(data)


def outside_questions(data: TrainingData) -> list[str]:
    """The outside messages that are questions (out_of_scope examples, ``curriculum/outside*.txt``): the ones a
    question is matched against (the ``outside_*`` features). The chit-chat is left out of that index: "hello"
    is near no question, and matching it too had doubled the slowest questions' time (p95 2 -> 5 ms)."""
    return sorted({e.text for e in data.nlu if e.intent in OUTSIDE_INTENTS} | set(data.outside))


def deployed_questions(entries: list[KnowledgeEntry]) -> list[Question]:
    """Deployed, the index holds every question, the held-out ones included."""
    return [Question(q, number) for number, e in enumerate(entries) for q in e.questions]


def _fingerprint(entries: list[KnowledgeEntry], questions: list[Question], embeddings: Embeddings | None,
                 outside: list[str]) -> str:
    return index_file.fingerprint([q.text for q in index_order(questions)], [e.answer for e in entries], embeddings,
                                  outside)


@dataclass
class Answers:
    name: ClassVar[str] = "answers"
    requires: ClassVar[tuple[str, ...]] = ("embeddings",)

    entries: list[KnowledgeEntry]
    scorer: Scorer
    embeddings: Embeddings | None
    metrics: dict[str, float] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)   # questions the course does not answer (outside_questions)
    classifier: EntryClassifier | None = None           # None: answers saved before it (nlp.entry_classifier)
    seed: int = 0                                       # of the training: evaluate() trains its classifier alike

    saved_index: InitVar[KnowledgeIndex | None] = None   # None: built from the entries

    def __post_init__(self, saved_index: KnowledgeIndex | None) -> None:
        self.index: KnowledgeIndex = saved_index if saved_index is not None else build_index(
            self.entries, deployed_questions(self.entries), self.embeddings, outside=self.outside)
        self.index.classifier = self.classifier

    # ------------------------------------------------------------ life cycle
    @classmethod
    def can_train(cls, data: TrainingData) -> bool:
        return bool(data.knowledge)

    @classmethod
    def train(cls, data: TrainingData, *, shared: dict[str, Any], seed: int, progress: bool,
              preset: str = "default") -> "Answers":
        """The same fit for every preset: it takes seconds. ``data.heldout`` does not apply: the
        component holds out one question per entry, the same every run."""
        started = time.perf_counter()
        embeddings = shared.get("embeddings")
        questions = outside_questions(data)
        scorer, metrics = fit(data.knowledge, embeddings, seed, outside_messages(data), questions)
        classifier = train_classifier(data.knowledge, pairs(deployed_questions(data.knowledge)), seed=seed)
        metrics["seconds"] = round(time.perf_counter() - started, 2)
        return cls(list(data.knowledge), scorer, embeddings, metrics, questions, classifier, seed)

    def evaluate(self, data: TrainingData) -> dict[str, float]:
        """The held-out metrics of this scorer on ``data``'s knowledge base (its fixed split)."""
        train, test = split(data.knowledge)
        outside_fit, outside_test = split_outside(outside_messages(data))
        index = build_index(data.knowledge, train, self.embeddings, outside=neighbours(outside_fit, self.outside))
        if self.classifier is not None:  # the one training weighed the classifier with: it has not read the held-out
            index.classifier = train_classifier(data.knowledge, pairs(train), seed=self.seed)
        return heldout_metrics(data.knowledge, index, self.scorer, test, outside_test)

    def save(self, directory: Path) -> None:
        saved = (self.index.questions, self.index.answers, *((self.index.outside,) if self.index.outside else ()))
        index_file.save(directory, saved, self._fingerprint())
        if self.classifier is not None:
            self.classifier.save(directory)
        write_json(directory / CONFIG, {
            "entries": [dataclasses.asdict(e) for e in self.entries],
            "fusion": self.scorer.fusion.tolist(),
            "calibration": self.scorer.calibration.tolist(),
            "threshold": self.scorer.threshold,
            "domain": None if self.scorer.domain is None else self.scorer.domain.tolist(),
            "domain_threshold": self.scorer.domain_threshold,
            "floor": self.scorer.floor,
            "metrics": self.metrics,
            "outside": self.outside,
            "seed": self.seed,
        })

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any]) -> "Answers":
        config = read_json(directory / CONFIG)
        entries = [KnowledgeEntry(**{**e, "questions": tuple(e["questions"]), "concepts": tuple(e["concepts"])})
                   for e in config["entries"]]
        domain = config.get("domain")  # absent from models saved before the domain calibrator
        scorer = Scorer(np.array(config["fusion"]), np.array(config["calibration"]), float(config["threshold"]),
                        None if domain is None else np.array(domain), float(config.get("domain_threshold", 0.0)),
                        float(config.get("floor", 0.0)))
        embeddings = shared.get("embeddings")
        every, outside = deployed_questions(entries), list(config.get("outside", []))  # none saved before them
        built = index_file.load(directory, _fingerprint(entries, every, embeddings, outside), embeddings)
        index = build_index(entries, every, embeddings, built, outside) if built is not None else None
        return cls(entries, scorer, embeddings, config.get("metrics", {}), outside, EntryClassifier.load(directory),
                   int(config.get("seed", 0)), saved_index=index)

    def _fingerprint(self) -> str:
        return _fingerprint(self.entries, deployed_questions(self.entries), self.embeddings, self.outside)

    # ------------------------------------------------------------ queries
    def retrieve(self, text: str, context: Context | None = None) -> AnswerHit | None:
        """The best entry for ``text`` (None for a text without a word of two characters or more); ``context``:
        the lesson and concepts just taught and the open question's concept, so a follow-up is read in its thread.
        A message with one asking sentence among others is read whole and as that sentence alone, in one batch,
        the surer reading kept: "honestly I'm mostly here for a job. what jobs can I get with deep learning?" had
        matched the deep-learning entries its first sentence pulled towards."""
        if not self.entries or not any(len(term) > 1 for term in terms(text)):  # "", "?!", a lone "b": no question
            return None
        text = _DECIMAL_COMMA.sub(r"\1.\2", text)   # "why always 0,5?" reads as the 0.5 the entries write
        asked = _asking_sentences(text)
        readings = [text, asked[0]] if len(asked) == 1 and asked[0].strip() != text.strip() else [text]
        features, valid = self.index.features(readings, [context] * len(readings))
        scores = self.scorer.scores(features, valid)
        self._meanings_only_for_words(readings, scores)
        confidences = self.scorer.confidence(features, scores)
        abstentions = self.scorer.abstains(features, scores)
        pick = min(range(len(readings)), key=lambda i: (bool(abstentions[i]), -float(confidences[i])))
        confidence, abstained = float(confidences[pick]), bool(abstentions[pick])
        entry = self.entries[int(scores[pick].argmax())]
        untaught = self.untaught_words(readings[pick])
        abstained = abstained or bool(untaught)
        return AnswerHit(entry.id, entry.answer, round(confidence, 4), abstained, entry.lesson, entry.concepts,
                         entry.kind, entry.verdict, self._options(scores[pick]), untaught)

    @cached_property
    def meaning_rows(self) -> list[int]:   # the entries of everyday words' meanings (knowledge/words.yml)
        return [i for i, entry in enumerate(self.entries) if entry.kind == "meaning"]

    def _meanings_only_for_words(self, readings: list[str], scores: np.ndarray) -> None:
        """An everyday word's meaning (kind "meaning": "what means wiggle?", "what is a knob?") answers a question
        about the word, never a longer course question that uses it ("what is the best remedy for overfitting?" had
        got what the word "remedy" means)."""
        for row, reading in enumerate(readings):
            if self.meaning_rows and question_form(reading) != "meaning" and len(terms(reading)) > WORD_QUESTION_TERMS:
                scores[row, self.meaning_rows] = -np.inf

    def untaught_words(self, text: str) -> tuple[str, ...]:
        """The words no question nor answer knows that English seldom uses ("what is LoRA fine-tuning?", "deploy
        on SageMaker"): the course does not teach them, whatever the message's other words match."""
        rare = dict.fromkeys(word for word in self.index.unknown_words(text) if rare_word(word)
                             and not _learners_own_thing(word, text))
        return tuple(written[0] if (written := re.search(re.escape(word), text, re.IGNORECASE)) else word
                     for word in rare)   # as the learner wrote it: "LoRA"

    def _options(self, scores: np.ndarray) -> tuple[AnswerOption, ...]:
        """The nearest entries with their share of the fusion's probability among them."""
        nearest = np.argsort(-scores)[:OPTIONS]
        shares = np.exp(scores[nearest] - scores[nearest].max())
        shares /= shares.sum()
        return tuple(AnswerOption(self.entries[i].id, self.entries[i].questions[0], self.entries[i].lesson,
                                  round(float(p), 4)) for i, p in zip(nearest, shares))
