"""Component "embeddings": word2vec (gensim 4) on all the text the data has.

Deterministic (one worker, fixed seed, a stable ``hashfxn``), stored as a safetensors matrix +
a JSON word list (never a pickle), and used to initialise the networks' word embeddings. The
tutor uses :meth:`Embeddings.analogy` ("/analogy king - man + woman") and
:meth:`Embeddings.most_similar` for fuzzy concept lookup.

Only training needs gensim: the queries are served from the saved arrays with numpy, computed as
gensim's ``KeyedVectors`` computes them, because importing gensim (and through it ``scipy.stats``)
took about a second of every start.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from nlp.data import TrainingData
from nlp.features import Featurizer, Vocabulary
from nlp.io import CONFIG, WEIGHTS, read_json, write_json
from nlp.tokenizer import normalize, stable_hash, words


def stable_hashfxn(text: str) -> int:
    """gensim seeds each word's initial vector with hashfxn(word + seed): keep it process-independent."""
    return stable_hash(text)


@dataclass(frozen=True)
class Word2VecConfig:
    vector_size: int
    epochs: int
    # Passes over a big corpus (fetched chit-chat: millions of words) are capped to about this many
    # words in all, so training time stays bounded; small data still gets all its epochs.
    word_budget: int = 4_000_000
    min_epochs: int = 2
    window: int = 5
    negative: int = 5
    min_count: int = 1


PRESETS = {
    "tiny": Word2VecConfig(vector_size=32, epochs=10),
    # default: 12M words, 3-4 passes over the fetched chit-chat (intents generalised better than with 4M)
    "default": Word2VecConfig(vector_size=64, epochs=30, word_budget=12_000_000),
    # long: 60M words is 7 passes over the 7.3M words of unlabelled movie reviews that the Pang & Lee
    # benchmark trains on (folds 0-4: 0.782 against 0.774 with 36M, 4 passes).
    "long": Word2VecConfig(vector_size=100, epochs=60, word_budget=60_000_000),
}


def word2vec(sentences: list[list[str]], config: Word2VecConfig, seed: int) -> tuple[Any, int]:
    """Skip-gram word2vec over tokenised sentences (deterministic: one worker, a stable hash);
    returns the vectors (gensim's KeyedVectors) and the number of epochs the word budget allowed."""
    from gensim.models import Word2Vec  # noqa: PLC0415 - training only: slow to import

    total_words = sum(map(len, sentences))
    epochs = max(config.min_epochs, min(config.epochs, config.word_budget // max(1, total_words)))
    model = Word2Vec(
        sentences, vector_size=config.vector_size, window=config.window, min_count=config.min_count,
        sg=1, negative=config.negative, epochs=epochs, workers=1, seed=seed, hashfxn=stable_hashfxn,
    )
    return model.wv, epochs


@dataclass
class Embeddings:
    name: ClassVar[str] = "embeddings"
    requires: ClassVar[tuple[str, ...]] = ()

    words: list[str]
    vectors: np.ndarray  # [len(words), dim], float32
    metrics: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.vocab = Vocabulary.of(self.words)
        self.featurizer = Featurizer(self.vocab)
        self._index = {word: number for number, word in enumerate(self.words)}
        norms = np.linalg.norm(self.vectors, axis=1) if self.words else np.zeros(0, dtype=np.float32)
        self._norms = norms.astype(np.float32)

    # ------------------------------------------------------------ life cycle
    @classmethod
    def can_train(cls, data: TrainingData) -> bool:
        return bool(data.texts())

    @classmethod
    def train(cls, data: TrainingData, *, shared: dict[str, Any], seed: int, progress: bool,
              preset: str = "default") -> "Embeddings":
        config = PRESETS[preset]
        started = time.perf_counter()
        sentences = [s for s in (words(t) for t in data.texts()) if s]
        keyed, epochs = word2vec(sentences, config, seed)
        embeddings = cls(list(keyed.index_to_key), np.asarray(keyed.vectors, dtype=np.float32))
        embeddings.metrics = {"vocabulary": float(len(embeddings.words)), "dimensions": float(config.vector_size),
                              "epochs": float(epochs), "seconds": round(time.perf_counter() - started, 2)}
        return embeddings

    def evaluate(self, data: TrainingData) -> dict[str, float]:
        """Share of the data's word tokens the vocabulary covers."""
        tokens = [w for t in data.texts() for w in words(t)]
        return {"coverage": sum(w in self for w in tokens) / max(1, len(tokens))}

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        save_file({"vectors": torch.from_numpy(self.vectors)}, str(directory / WEIGHTS))
        write_json(directory / CONFIG, {"words": self.words, "metrics": self.metrics})

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any]) -> "Embeddings":
        config = read_json(directory / CONFIG)
        vectors = load_file(str(directory / WEIGHTS))["vectors"].numpy()
        return cls(config["words"], vectors, config.get("metrics", {}))

    # ------------------------------------------------------------ queries
    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def __contains__(self, word: str) -> bool:
        return normalize(word) in self._index

    def vector(self, word: str) -> np.ndarray | None:
        number = self._index.get(normalize(word))
        return self.vectors[number] if number is not None else None

    def similarity(self, a: str, b: str) -> float | None:
        first, second = self.vector(a), self.vector(b)
        if first is None or second is None:
            return None
        return float(_unit(first) @ _unit(second))

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        """Nearest words by cosine; [] for an unknown word."""
        return self.analogy([word], [], n)

    def analogy(self, positive: list[str], negative: list[str], n: int = 10) -> list[tuple[str, float]]:
        """Words nearest to sum(positive) - sum(negative) (3CosAdd); [] if any word is unknown."""
        positive, negative = [normalize(w) for w in positive], [normalize(w) for w in negative]
        if not positive or any(w not in self._index for w in positive + negative):
            return []
        given = [self._index[w] for w in positive + negative]
        signs = np.array([1.0] * len(positive) + [-1.0] * len(negative))
        # gensim's most_similar: the mean of the unit vectors, signed, made unit; cosine to every word
        mean = (signs[:, None] * (self.vectors[given] / self._norms[given, None])).sum(axis=0) / len(given)
        cosines = self.vectors @ _unit(mean.astype(np.float32)) / self._norms
        return [(self.words[i], float(cosines[i])) for i in _top(cosines, n + len(given)) if i not in given][:n]

    def init_matrix(self, vocab: Vocabulary) -> torch.Tensor:
        """Rows for ``vocab`` (pad and unknown rows zero), to initialise a network's nn.Embedding."""
        matrix = np.zeros((len(vocab), self.dim), dtype=np.float32)
        for index, word in enumerate(vocab.words[2:], start=2):
            if word in self._index:
                matrix[index] = self.vectors[self._index[word]]
        return torch.from_numpy(matrix)


def _unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.linalg.norm(vector))
    return vector / length if length > 0 else vector


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` highest scores, highest first (as gensim's matutils.argsort: the same
    order among ties)."""
    if n >= scores.size:
        return np.argsort(-scores)[:n]
    best = np.argpartition(-scores, n)[:n]
    return best.take(np.argsort(-scores.take(best)))
