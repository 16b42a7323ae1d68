"""Training the entry classifier (:mod:`nlp.entry_classifier`): every question of an entry, and the sentences
of its answer weighed down, labelled with the entry; a fifth of each example's features dropped at random
(a learner's question shares only part of an entry's wording); sparse Adam on the embeddings.

The fusion's weights for it are fitted on the knowledge base's held-out questions, which the classifier then
in use has not read (:func:`nlp.answers_training.classifier_weights`). The measurements are in docs/answers.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from nlp.data import KnowledgeEntry
from nlp.entry_classifier import EntryClassifier, features, pack

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ClassifierConfig:
    dim: int = 64
    epochs: int = 12
    learning_rate: float = 0.02
    batch_size: int = 64
    feature_dropout: float = 0.2
    answer_weight: float = 0.5  # an answer sentence counts for half a question: learners ask, answers state
    min_answer_words: int = 4   # shorter pieces ("Yes:") say nothing of their entry


def answer_sentences(answer: str, config: ClassifierConfig) -> list[str]:
    return [s for s in _SENTENCE_END.split(answer) if len(s.split()) >= config.min_answer_words]


def training_rows(entries: Sequence[KnowledgeEntry], questions: Sequence[tuple[str, int]],
                  config: ClassifierConfig) -> list[tuple[str, int, float]]:
    """(text, entry, weight): the given questions, and every entry's answer sentences."""
    said = [(s, number, config.answer_weight) for number, entry in enumerate(entries)
            for s in answer_sentences(entry.answer, config)]
    return [(text, entry, 1.0) for text, entry in questions] + said


def train_classifier(entries: Sequence[KnowledgeEntry], questions: Sequence[tuple[str, int]],
                     config: ClassifierConfig = ClassifierConfig(), seed: int = 0) -> EntryClassifier:
    """A classifier over ``entries`` trained on ``questions`` ((text, entry number)) and the answers."""
    rows = training_rows(entries, questions, config)
    vocabulary: dict[str, int] = {}
    for text, _, _ in rows:
        for feature in features(text):
            vocabulary.setdefault(feature, len(vocabulary))
    torch.manual_seed(seed)
    model = EntryClassifier(vocabulary, len(entries), config.dim)
    bags = [np.array(model.feature_ids(text), dtype=np.int64) for text, _, _ in rows]
    targets = torch.tensor([entry for _, entry, _ in rows])
    weights = torch.tensor([weight for _, _, weight in rows], dtype=torch.float32)
    optimizers = (torch.optim.SparseAdam(list(model.embed.parameters()), lr=config.learning_rate),
                  torch.optim.Adam(model.out.parameters(), lr=config.learning_rate))
    rng = np.random.default_rng(seed)
    for _ in range(config.epochs):
        order = rng.permutation(len(rows))
        for start in range(0, len(rows), config.batch_size):
            batch = order[start : start + config.batch_size]
            ids, offsets = pack([bags[i][rng.random(len(bags[i])) >= config.feature_dropout] for i in batch])
            losses = torch.nn.functional.cross_entropy(model(ids, offsets), targets[batch], reduction="none")
            for optimizer in optimizers:
                optimizer.zero_grad()
            (losses * weights[batch]).mean().backward()
            for optimizer in optimizers:
                optimizer.step()
    return model.eval()
