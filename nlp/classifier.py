"""ONE BiLSTM text classifier, used twice: component "intent" and component "sentiment".

The network: TokenEncoder (word2vec-initialised words + char n-grams -> BiLSTM), max- and
mean-pooled, a linear layer; beside it a wide fastText-style term (the mean of hashed word
uni/bigram weights, optionally also of the words' char n-grams, mapped straight to class logits),
which learns fast on small data. The two are trained as separate experts (each on its own loss)
and predict together as their product, so neither crowds the other out (see TrainConfig).
(Initialising the wide term as Naive Bayes was tried on Pang & Lee: no better, so it is not here.)

Each expert's posterior already contains the class prior, so their plain product counts it twice:
p(y | a) p(y | b) ∝ p(y)^2 p(a | y) p(b | y). With ``divide_prior`` (intent) the product is divided by
the prior once, p(y | a, b) ∝ p(y | a) p(y | b) / p(y) (the experts taken as conditionally independent
given the class), the prior counted from the training labels. On ATIS (74 % atis_flight) the doubled
prior had pushed rare intents such as atis_meal into atis_flight (see INTENT_PRESETS).
"""
from __future__ import annotations

import math

import dataclasses
import time
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import torch
from torch import nn

from nlp.data import TrainingData
from nlp.embeddings import Embeddings
from nlp.features import NGRAM_BUCKETS, Batch, Featurizer, TokenEncoder, TrainConfig, collate, fit, predict_in_batches
from nlp.tokenizer import SUBWORD_BUCKETS
from nlp.io import CONFIG, load_state, read_json, save_network, weights_to_be_loaded
from nlp.metrics import classification_report
from nlp.types import Analysis, IntentScore, Sentiment

_TINY = TrainConfig(epochs=30, batch_size=8, lr=1e-2, subword_dim=16, hidden=16, separate_experts=True,
                    wide_lr_multiplier=3.0)
# Both train the BiLSTM and the wide term as separate experts with the wide term at 30x the rate and
# dropout 0.5 (measured on our intents, held out / fresh probe: joint 0.896 / 0.906 -> 0.911 / 0.934).
# Intent adds character n-grams to the wide term (fresh probe 0.945 -> 0.961: typos, slang);
# on Pang & Lee they made the ensemble no better, so sentiment goes without, in half the epochs.
# Intent divides the experts' product by the class prior once (divide_prior). ATIS test, 3 seeds:
# 0.9608 / 0.9552 / 0.9586 -> 0.9698 / 0.9698 / 0.9653 (atis_meal, atis_capacity, atis_airport had been
# read as atis_flight); our own intents, 3 seeds: held-out 0.9268 / 0.9047 / 0.9135 -> 0.9224 / 0.9047 /
# 0.9135, fresh probe unchanged (0.961 / 0.967 / 0.961). Sentiment keeps the plain product: its labels
# are unevenly spread in training and in use alike (neutral questions), and dividing cost 0.5 points
# on the fresh probe (2 of 3 seeds).
INTENT_PRESETS = {
    "tiny": dataclasses.replace(_TINY, wide_chars=True, divide_prior=True),
    "default": TrainConfig(epochs=20, batch_size=16, dropout=0.5, wide_lr_multiplier=30.0, separate_experts=True,
                           wide_chars=True, divide_prior=True),
    "long": TrainConfig(epochs=40, batch_size=16, dropout=0.5, wide_lr_multiplier=30.0, separate_experts=True,
                        wide_chars=True, divide_prior=True),
}
SENTIMENT_PRESETS = {
    "tiny": _TINY,
    "default": TrainConfig(epochs=10, batch_size=16, dropout=0.5, wide_lr_multiplier=30.0, separate_experts=True),
    # long: twice the BiLSTM width. Pang & Lee dev (inner 5-fold CV on the training part of fold 0, 3 seeds):
    # 0.7458 / 0.7478 / 0.7483 -> 0.7514 / 0.7489 / 0.7553; 15 epochs instead of 10 gave nothing (0.7447).
    # Not the default: each classifier at 128 costs ~14 % of analyze's latency.
    "long": TrainConfig(epochs=10, batch_size=16, dropout=0.5, wide_lr_multiplier=30.0, separate_experts=True,
                        hidden=128),
}


class TextClassifier(nn.Module):
    def __init__(self, vocab_size: int, word_dim: int, num_classes: int, config: TrainConfig,
                 class_prior: list[float] | None = None) -> None:
        super().__init__()
        self.encoder = TokenEncoder(vocab_size, word_dim, config.subword_dim, config.hidden, config.dropout,
                                    config.word_dropout)
        self.head = nn.Linear(2 * self.encoder.output_dim, num_classes)
        self.wide = nn.EmbeddingBag(NGRAM_BUCKETS, num_classes, mode="mean", sparse=True)
        nn.init.zeros_(self.wide.weight)
        self.wide.lr_multiplier = config.wide_lr_multiplier
        # the words' character n-grams (already hashed for the encoder) as wide features too
        self.wide_chars = (nn.EmbeddingBag(SUBWORD_BUCKETS, num_classes, mode="mean", sparse=True)
                           if config.wide_chars else None)
        if self.wide_chars is not None:
            nn.init.zeros_(self.wide_chars.weight)
            self.wide_chars.lr_multiplier = config.wide_lr_multiplier
        self.separate_experts = config.separate_experts
        # log p(y) from the training labels, relative to uniform (a uniform or unknown prior is exactly 0),
        # divided out once from the experts' product. Kept in config.json, not in the weights, so models
        # saved before it existed still load (as uniform).
        use_prior = config.divide_prior and class_prior is not None
        prior = torch.tensor(class_prior if use_prior else [1.0] * num_classes, dtype=torch.float)
        self.register_buffer("log_prior", (prior / prior.mean()).log(), persistent=False)

    def experts(self, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]:
        """(deep logits, wide logits), each [B, C]."""
        states = self.encoder(batch)
        mask = batch.mask.unsqueeze(-1)
        pooled_max = states.masked_fill(~mask, -1e4).max(dim=1).values
        pooled_mean = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
        deep = self.head(torch.cat([pooled_max, pooled_mean], dim=-1))
        wide = self.wide(batch.ngram_ids, batch.ngram_offsets)
        if self.wide_chars is not None:
            # a message's positions are contiguous in the flat bag list: its bag starts at its first position's
            per_message = batch.subword_offsets[:: batch.word_ids.shape[1]]
            wide = wide + self.wide_chars(batch.subword_ids, per_message)
        return deep, wide

    def forward(self, batch: Batch) -> torch.Tensor:
        """Class logits [B, C]."""
        deep, wide = self.experts(batch)
        if self.separate_experts:
            return torch.log_softmax(deep, dim=-1) + torch.log_softmax(wide, dim=-1) - self.log_prior
        return deep + wide

    def loss(self, batch: Batch, targets: torch.Tensor) -> torch.Tensor:
        if not self.separate_experts:
            return nn.functional.cross_entropy(self(batch), targets)
        deep, wide = self.experts(batch)
        return nn.functional.cross_entropy(deep, targets) + nn.functional.cross_entropy(wide, targets)


class ClassifierComponent:
    """Life cycle shared by the two classifiers; subclasses say which examples and which Analysis field."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ("embeddings",)
    presets: ClassVar[dict[str, TrainConfig]]
    calibrated: ClassVar[bool] = False     # probabilities temperature-scaled on the held-out examples

    def __init__(self, labels: list[str], model: TextClassifier, featurizer: Featurizer, settings: dict[str, Any],
                 metrics: dict[str, float] | None = None) -> None:
        self.labels, self.model, self.featurizer, self.settings = labels, model, featurizer, settings
        self.metrics = metrics or {}

    @staticmethod
    def examples(data: TrainingData) -> list[tuple[str, str]]:
        raise NotImplementedError

    def annotate(self, batch: Batch, analyses: list[Analysis]) -> None:
        raise NotImplementedError

    @classmethod
    def can_train(cls, data: TrainingData) -> bool:
        return len({label for _, label in cls.examples(data)}) >= 2

    @classmethod
    def train(cls, data: TrainingData, *, shared: dict[str, Any], seed: int, progress: bool,
              preset: str = "default") -> "ClassifierComponent":
        started = time.perf_counter()
        embeddings: Embeddings = shared["embeddings"]
        train_data, test_data = data.split(seed)
        examples = cls.examples(train_data)
        labels = sorted({label for _, label in cls.examples(data)})
        config = cls.presets[preset]
        # the full config goes into config.json: a model loads as it was built, whatever the presets say now
        counts = Counter(label for _, label in examples)
        settings = {"config": dataclasses.asdict(config), "vocab_size": len(embeddings.vocab),
                    "word_dim": embeddings.dim, "num_classes": len(labels),
                    # +1: a label seen only in the held-out part still gets a (small) prior
                    "class_prior": [counts[label] + 1 for label in labels]}
        torch.manual_seed(seed)
        model = cls._network(settings)
        model.encoder.words.weight.data.copy_(embeddings.init_matrix(embeddings.vocab))
        featurized = [(embeddings.featurizer.features(text), labels.index(label)) for text, label in examples]
        def loss(chunk: list) -> torch.Tensor:
            return model.loss(collate([f for f, _ in chunk]), torch.tensor([y for _, y in chunk]))

        fit(model, featurized, loss, config, seed, progress, description=cls.name)
        component = cls(labels, model, embeddings.featurizer, settings)
        heldout = cls.examples(test_data)
        if cls.calibrated and heldout:
            settings["temperature"], calibration = fit_temperature(component, heldout)
        component.metrics = component.evaluate(test_data if heldout else train_data)
        if cls.calibrated and heldout:
            component.metrics.update(calibration)
        component.metrics["seconds"] = round(time.perf_counter() - started, 2)
        return component

    @staticmethod
    def _network(settings: dict[str, Any]) -> TextClassifier:
        return TextClassifier(settings["vocab_size"], settings["word_dim"], settings["num_classes"],
                              TrainConfig(**settings["config"]), settings.get("class_prior"))

    @torch.inference_mode()
    def probabilities(self, batch: Batch) -> torch.Tensor:
        return torch.softmax(self.logits(batch) / self.settings.get("temperature", 1.0), dim=-1)

    @torch.inference_mode()
    def logits(self, batch: Batch) -> torch.Tensor:
        return self.model(batch)

    def predict(self, texts: list[str]) -> list[str]:
        probs = self.probabilities(self.featurizer.encode(texts))
        return [self.labels[i] for i in probs.argmax(dim=-1).tolist()]

    def evaluate(self, data: TrainingData) -> dict[str, float]:
        examples = self.examples(data)
        if not examples:
            return {}
        predicted = predict_in_batches(self.predict, [t for t, _ in examples])
        report = classification_report([y for _, y in examples], predicted)
        return {"accuracy": report.accuracy, "macro_f1": report.macro_f1, "support": float(len(examples))}

    def save(self, directory: Path) -> None:
        save_network(directory, self.model, self.labels, self.settings, self.metrics)

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any]) -> "ClassifierComponent":
        config = read_json(directory / CONFIG)
        with weights_to_be_loaded():
            network = cls._network(config["settings"])
        model = load_state(network, directory)
        return cls(config["labels"], model, shared["embeddings"].featurizer, config["settings"], config["metrics"])


class IntentClassifier(ClassifierComponent):
    name = "intent"
    presets = INTENT_PRESETS

    @staticmethod
    def examples(data: TrainingData) -> list[tuple[str, str]]:
        return [(e.text, e.intent) for e in data.nlu]

    def annotate(self, batch: Batch, analyses: list[Analysis]) -> None:
        probs = self.probabilities(batch)
        ranked_scores, ranked_ids = probs.sort(dim=-1, descending=True)
        for analysis, scores, ids in zip(analyses, ranked_scores.tolist(), ranked_ids.tolist()):
            analysis.intent_ranking = [IntentScore(self.labels[i], round(s, 4)) for i, s in zip(ids, scores)]
            analysis.intent = analysis.intent_ranking[0]


class SentimentClassifier(ClassifierComponent):
    name = "sentiment"
    presets = SENTIMENT_PRESETS
    # its score (P(positive) - P(negative)) is shown to learners (/sentiment) and gates the encouragement:
    # uncalibrated, it sat at +-1.00 for almost every sentence
    calibrated = True

    @staticmethod
    def examples(data: TrainingData) -> list[tuple[str, str]]:
        return [(e.text, e.label) for e in data.sentiment]

    def annotate(self, batch: Batch, analyses: list[Analysis]) -> None:
        probs = self.probabilities(batch)
        positive = self.labels.index("positive") if "positive" in self.labels else None
        negative = self.labels.index("negative") if "negative" in self.labels else None
        for analysis, row in zip(analyses, probs.tolist()):
            score = (row[positive] if positive is not None else 0.0) - (row[negative] if negative is not None else 0.0)
            label = self.labels[max(range(len(row)), key=row.__getitem__)]
            analysis.sentiment = Sentiment(label, round(max(-1.0, min(1.0, score)), 4))


TEMPERATURES = torch.exp(torch.linspace(math.log(0.25), math.log(20.0), 80))


def fit_temperature(component: ClassifierComponent, heldout: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Temperature scaling (Guo et al. 2017): the T that minimises the held-out negative log-likelihood of
    softmax(logits / T); the label chosen does not change, only how sure the model says it is."""
    logits = torch.cat([component.logits(component.featurizer.encode([t for t, _ in heldout[i:i + 256]]))
                        for i in range(0, len(heldout), 256)])
    targets = torch.tensor([component.labels.index(label) for _, label in heldout])
    losses = [nn.functional.cross_entropy(logits / t, targets).item() for t in TEMPERATURES]
    best = min(range(len(losses)), key=losses.__getitem__)
    temperature = round(float(TEMPERATURES[best]), 4)
    before = nn.functional.cross_entropy(logits, targets).item()
    return temperature, {"temperature": temperature, "nll_before": round(before, 4), "nll_after": round(losses[best], 4),
                         "ece_before": round(expected_calibration_error(torch.softmax(logits, -1), targets), 4),
                         "ece_after": round(expected_calibration_error(torch.softmax(logits / temperature, -1), targets), 4)}


def expected_calibration_error(probs: torch.Tensor, targets: torch.Tensor, bins: int = 10) -> float:
    """The average gap between confidence and accuracy over ten confidence bins, weighted by their size."""
    confidence, predicted = probs.max(dim=-1)
    right = (predicted == targets).float()
    edges = torch.linspace(0, 1, bins + 1)
    bins_in = [(confidence > lo) & (confidence <= hi) for lo, hi in zip(edges[:-1], edges[1:])]
    gaps = [(confidence[b].mean() - right[b].mean()).abs() * b.float().mean() for b in bins_in if b.any()]
    return float(sum(gaps)) if gaps else 0.0
