"""Component "ner": BiLSTM + CRF over tokens, BIO tags inside, character-offset spans outside.

The CRF is written out (forward algorithm for the loss, vectorised Viterbi for decoding) with
the BIO rules built in: an I-X may only follow B-X or I-X, so every decoded path is a valid
set of spans.
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any, ClassVar

import torch
from torch import nn

from nlp.data import NluExample, TrainingData
from nlp.embeddings import Embeddings
from nlp.features import Batch, Features, Featurizer, TokenEncoder, TrainConfig, collate, fit, predict_in_batches
from nlp.io import CONFIG, load_state, read_json, save_network, weights_to_be_loaded
from nlp.metrics import entity_scores
from nlp.types import Analysis, Entity

PRESETS = {
    "tiny": TrainConfig(epochs=50, batch_size=8, lr=1e-2, subword_dim=16, hidden=24, word_dropout=0.0),
    "default": TrainConfig(epochs=25, batch_size=16),
    "long": TrainConfig(epochs=50, batch_size=16),
}
FORBIDDEN = -1e4


def bio_tags(labels: list[str]) -> list[str]:
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


class CRF(nn.Module):
    """Linear-chain CRF; ``allowed[i, j]`` says whether tag j may follow tag i."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__()
        size = len(tags)
        self.transitions = nn.Parameter(torch.zeros(size, size))
        self.start = nn.Parameter(torch.zeros(size))
        self.end = nn.Parameter(torch.zeros(size))
        inside = [t.startswith("I-") for t in tags]
        allowed = torch.tensor([[not inside[j] or tags[i][2:] == tags[j][2:] for j in range(size)]
                                for i in range(size)])
        self.register_buffer("allowed", allowed, persistent=False)
        self.register_buffer("start_allowed", ~torch.tensor(inside), persistent=False)

    def _scores(self) -> tuple[torch.Tensor, torch.Tensor]:
        return (self.transitions.masked_fill(~self.allowed, FORBIDDEN),
                self.start.masked_fill(~self.start_allowed, FORBIDDEN))

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of ``tags`` [B, T] (mask [B, T], first column all True)."""
        transitions, start = self._scores()
        size, width, _ = emissions.shape
        rows = torch.arange(size)
        # score of the gold path
        gold = start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
        for t in range(1, width):
            step = transitions[tags[:, t - 1], tags[:, t]] + emissions[rows, t, tags[:, t]]
            gold = gold + step * mask[:, t]
        last = tags[rows, mask.sum(dim=1) - 1]
        gold = gold + self.end[last]
        # log partition function (forward algorithm), as a matrix product in exp space: one small
        # matmul per step instead of an exp over [B, K, K] (the max-shifts keep it stable)
        shift = transitions.max()
        exp_transitions = torch.exp(transitions - shift)
        alpha = start + emissions[:, 0]
        for t in range(1, width):
            top = alpha.max(dim=1, keepdim=True).values
            nxt = torch.log(torch.exp(alpha - top) @ exp_transitions + 1e-30) + top + shift + emissions[:, t]
            alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
        partition = torch.logsumexp(alpha + self.end, dim=1)
        return (partition - gold).mean()

    def decode(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """Best tag path per sequence (Viterbi, vectorised over the batch)."""
        transitions, start = self._scores()
        size, width, tags = emissions.shape
        score = start + emissions[:, 0]
        backpointers = []
        identity = torch.arange(tags).expand(size, tags)
        for t in range(1, width):
            best, index = (score.unsqueeze(2) + transitions).max(dim=1)
            keep = mask[:, t : t + 1]
            score = torch.where(keep, best + emissions[:, t], score)
            backpointers.append(torch.where(keep, index, identity))  # padding steps point to themselves
        current = (score + self.end).argmax(dim=1)
        path = [current]
        for pointers in reversed(backpointers):
            current = pointers.gather(1, current.unsqueeze(1)).squeeze(1)
            path.append(current)
        columns = torch.stack(path[::-1], dim=1).tolist()
        return [row[:length] for row, length in zip(columns, mask.sum(dim=1).tolist())]


class Tagger(nn.Module):
    def __init__(self, vocab_size: int, word_dim: int, tags: list[str], config: TrainConfig) -> None:
        super().__init__()
        self.encoder = TokenEncoder(vocab_size, word_dim, config.subword_dim, config.hidden, config.dropout,
                                    config.word_dropout)
        self.emit = nn.Linear(self.encoder.output_dim, len(tags))
        self.crf = CRF(tags)

    def forward(self, batch: Batch) -> torch.Tensor:
        return self.emit(self.encoder(batch))


def token_tags(features: Features, entities: list[Entity], tags: list[str]) -> list[int]:
    """BIO tag ids: the first token overlapping an entity is B-, the next overlapping ones I-."""
    ids = [0] * len(features.tokens)
    for entity in entities:
        inside = [i for i, tok in enumerate(features.tokens) if tok.start < entity.end and tok.end > entity.start]
        for position, i in enumerate(inside):
            ids[i] = tags.index(f"{'B' if position == 0 else 'I'}-{entity.label}")
    return ids or [0]


def spans(features: Features, tag_ids: list[int], tags: list[str]) -> list[Entity]:
    """Entities from a BIO path; each span runs from its first token's start to its last token's end."""
    found: list[Entity] = []
    first = label = None
    for i, tag in enumerate([tags[t] for t in tag_ids[: len(features.tokens)]] + ["O"]):
        if label is not None and not (tag.startswith("I-") and tag[2:] == label):
            span = _trimmed(features.text, features.tokens[first].start, features.tokens[i - 1].end)
            if span is not None:
                found.append(Entity(features.text[span[0]:span[1]], label, *span))
            label = None
        if tag.startswith("B-") or (tag.startswith("I-") and label is None):
            first, label = i, tag[2:]
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without punctuation or symbols at its ends ("Flatten()" stays, "sigh*" is no name); None when
    nothing of a name is left: an emoji ("hallo!! 😃"), punctuation, or an *emote* between asterisks."""
    def keeps(ch: str) -> bool:
        return ch.isalnum() or ch in "+#"
    if "*" in (text[start - 1:start], text[end - 1:end]):
        return None
    while start < end and not keeps(text[start]):
        start += 1
    while end > start and not (keeps(text[end - 1]) or text[end - 1] == ")" and "(" in text[start:end]):
        end -= 1
    return (start, end) if any(ch.isalnum() for ch in text[start:end]) else None


class EntityTagger:
    name: ClassVar[str] = "ner"
    requires: ClassVar[tuple[str, ...]] = ("embeddings",)

    def __init__(self, labels: list[str], model: Tagger, featurizer: Featurizer, settings: dict[str, Any],
                 metrics: dict[str, float] | None = None) -> None:
        self.labels, self.model, self.featurizer, self.settings = labels, model, featurizer, settings
        self.tags = bio_tags(labels)
        self.metrics = metrics or {}

    @classmethod
    def can_train(cls, data: TrainingData) -> bool:
        return any(e.entities for e in data.nlu)

    @classmethod
    def train(cls, data: TrainingData, *, shared: dict[str, Any], seed: int, progress: bool,
              preset: str = "default") -> "EntityTagger":
        started = time.perf_counter()
        embeddings: Embeddings = shared["embeddings"]
        train_data, test_data = data.split(seed)
        labels = sorted({x.label for e in data.nlu for x in e.entities})
        # the full config goes into config.json: a model loads as it was built, whatever the presets say now
        settings = {"config": dataclasses.asdict(PRESETS[preset]), "vocab_size": len(embeddings.vocab),
                    "word_dim": embeddings.dim}
        torch.manual_seed(seed)
        model = cls._network(settings, bio_tags(labels))
        model.encoder.words.weight.data.copy_(embeddings.init_matrix(embeddings.vocab))
        tags = bio_tags(labels)
        featurized = []
        for example in train_data.nlu:
            features = embeddings.featurizer.features(example.text)
            featurized.append((features, token_tags(features, example.entities, tags)))

        def loss(chunk: list) -> torch.Tensor:
            batch = collate([f for f, _ in chunk])
            gold = torch.zeros_like(batch.word_ids)
            for row, (_, ids) in enumerate(chunk):
                gold[row, : len(ids)] = torch.tensor(ids)
            mask = torch.arange(gold.shape[1])[None, :] < batch.lengths[:, None]
            return model.crf.nll(model(batch), gold, mask)

        fit(model, featurized, loss, PRESETS[preset], seed, progress, description=cls.name)
        component = cls(labels, model, embeddings.featurizer, settings)
        component.metrics = component.evaluate(test_data if test_data.nlu else train_data)
        component.metrics["seconds"] = round(time.perf_counter() - started, 2)
        return component

    @staticmethod
    def _network(settings: dict[str, Any], tags: list[str]) -> Tagger:
        return Tagger(settings["vocab_size"], settings["word_dim"], tags, TrainConfig(**settings["config"]))

    @torch.inference_mode()
    def entities(self, batch: Batch) -> list[list[Entity]]:
        mask = torch.arange(batch.word_ids.shape[1])[None, :] < batch.lengths[:, None]
        paths = self.model.crf.decode(self.model(batch), mask)
        return [spans(f, path, self.tags) for f, path in zip(batch.features, paths)]

    def annotate(self, batch: Batch, analyses: list[Analysis]) -> None:
        for analysis, found in zip(analyses, self.entities(batch)):
            analysis.entities = found

    def predict(self, texts: list[str]) -> list[list[Entity]]:
        return self.entities(self.featurizer.encode(texts))

    def evaluate(self, data: TrainingData) -> dict[str, float]:
        examples: list[NluExample] = data.nlu
        if not examples:
            return {}
        predicted = predict_in_batches(self.predict, [e.text for e in examples])
        scores = entity_scores([e.entities for e in examples], predicted)
        return {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1,
                "support": float(scores.support)}

    def save(self, directory: Path) -> None:
        save_network(directory, self.model, self.labels, self.settings, self.metrics)

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any]) -> "EntityTagger":
        config = read_json(directory / CONFIG)
        with weights_to_be_loaded():
            network = cls._network(config["settings"], bio_tags(config["labels"]))
        model = load_state(network, directory)
        return cls(config["labels"], model, shared["embeddings"].featurizer, config["settings"], config["metrics"])
