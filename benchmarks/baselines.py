"""The systems our models are compared with, trained on the very same data in the same run.

- :class:`TfidfLogReg`: TF-IDF over word 1-2 grams and character 2-5 grams + logistic regression
  (scikit-learn); the strong classic baseline for intents and for sentence polarity.
- :class:`SpacyTextcatNer`: spaCy 3 blank English with its default ``textcat`` (exclusive classes)
  and ``ner`` components, trained from scratch like ours (no pretrained vectors).
"""
from __future__ import annotations

import random
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

from nlp.types import Entity

SPACY_EPOCHS = 5           # measured: ~70 s an epoch on ATIS on one shared core
SPACY_TIME_CAP_S = 300.0   # stop after the epoch that crosses it: the bench shares 2 cores
SEED = 13


@dataclass
class TfidfLogReg:
    """Word and character n-gram TF-IDF + logistic regression."""

    model: Any

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], seed: int = SEED) -> "TfidfLogReg":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.feature_extraction.text import TfidfVectorizer

        features = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            # Character n-grams within word boundaries: robust to typos and inflection.
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        )
        model = make_pipeline(features, LogisticRegression(C=10.0, max_iter=3000, random_state=seed))
        model.fit(list(texts), list(labels))
        return cls(model)

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [str(label) for label in self.model.predict(list(texts))]


@dataclass(frozen=True)
class SpacyExample:
    text: str
    entities: Sequence[Entity]
    label: str

    def annotations(self, labels: Sequence[str]) -> dict[str, Any]:
        return {
            "entities": [(e.start, e.end, e.label) for e in self.entities],
            "cats": {name: float(name == self.label) for name in labels},
        }


@dataclass
class SpacyTextcatNer:
    """spaCy blank ``en`` + ``textcat`` + ``ner``, trained from scratch on :class:`SpacyExample` s."""

    nlp: Any
    epochs_run: int = 0
    train_seconds: float = 0.0
    losses: list[dict[str, float]] = field(default_factory=list)

    @classmethod
    def fit(cls, examples: Sequence[SpacyExample], *, epochs: int = SPACY_EPOCHS,
            time_cap_s: float = SPACY_TIME_CAP_S, seed: int = SEED) -> "SpacyTextcatNer":
        """Train on (text, entity character spans, label) examples; spaCy tokenises the text itself, so
        training and prediction see the same tokens. A span that does not fall on spaCy's token
        boundaries is left out of the gold (spaCy warns and learns the rest)."""
        import spacy
        from spacy.training import Example
        from spacy.util import fix_random_seed

        fix_random_seed(seed)
        nlp = spacy.blank("en")
        nlp.add_pipe("textcat")
        nlp.add_pipe("ner")
        labels = sorted({example.label for example in examples})
        training = [Example.from_dict(nlp.make_doc(e.text), e.annotations(labels)) for e in examples]
        model = cls(nlp)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # W030: misaligned spans, see above
            model._train(training, epochs, time_cap_s, seed)
        return model

    def _train(self, training: list[Any], epochs: int, time_cap_s: float, seed: int) -> None:
        from spacy.util import compounding, minibatch

        optimizer = self.nlp.initialize(lambda: training)
        started = time.perf_counter()
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(training)
            losses: dict[str, float] = {}
            for batch in minibatch(training, size=compounding(4.0, 32.0, 1.001)):
                self.nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
            self.losses.append({name: float(value) for name, value in losses.items()})
            self.epochs_run += 1
            if time.perf_counter() - started > time_cap_s:
                break
        self.train_seconds = time.perf_counter() - started

    def predict(self, texts: Sequence[str]) -> list[tuple[str, list[Entity]]]:
        """(best class, entities with character offsets) for each text."""
        return [_read_doc(doc) for doc in self.nlp.pipe(texts, batch_size=256)]


def _read_doc(doc: Any) -> tuple[str, list[Entity]]:
    label = max(doc.cats, key=doc.cats.get) if doc.cats else ""
    return label, [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
