"""The data the labs train on: only what ships with the project (no download at run time).

scikit-learn's bundled digits, the project's sentiment sentences (data/sentiment/) and its
text corpora (data/corpus/). Splits are fixed (``random_state=0``) so that runs with different
seeds compare on the same test set; the seed only changes the model's initialisation and order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp.data import parse_sentiment_tsv
from nlp.tokenizer import words

DATA = Path(__file__).resolve().parent.parent / "data"
SPLIT_SEED = 0
PAD, OOV = 0, 1
MAX_WORDS = 12  # words kept per sentence: 99 % of the sentiment sentences are no longer (the longest has 15)


# The digits as the labs' Keras code loads them (executed as shown, after `import keras`).
DIGITS_SOURCE = """\
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()                                    # 1,797 images of 8x8 pixels, shipped with scikit-learn
x = (digits.images / 16.0).astype("float32")[..., None]   # pixels 0..16 -> 0..1, one channel
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.2, random_state=0, stratify=digits.target)
Y_train = keras.utils.to_categorical(y_train, 10)        # one-hot, for categorical_crossentropy
"""


@dataclass(frozen=True)
class Split:
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def digits(test_size: float = 0.2) -> Split:
    """The 1,797 8x8 digits scikit-learn ships, scaled to [0, 1], shaped (n, 8, 8, 1)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    bunch = load_digits()
    images = (bunch.images / 16.0).astype("float32")[..., None]
    parts = train_test_split(images, bunch.target, test_size=test_size, random_state=SPLIT_SEED,
                             stratify=bunch.target)
    return Split(parts[0], parts[2].astype("int64"), parts[1], parts[3].astype("int64"))


@dataclass(frozen=True)
class Sentences:
    texts: list[str]
    labels: np.ndarray  # 1 = positive, 0 = negative


def sentiment(test_size: float = 0.2) -> tuple[Sentences, Sentences]:
    """The project's positive and negative sentences (neutral ones left out): train, test."""
    from sklearn.model_selection import train_test_split

    examples = [ex for path in sorted((DATA / "sentiment").glob("*.tsv"))
                for ex in parse_sentiment_tsv(path) if ex.label != "neutral"]
    texts = [ex.text for ex in examples]
    labels = np.array([int(ex.label == "positive") for ex in examples], dtype="int64")
    tr_x, te_x, tr_y, te_y = train_test_split(texts, labels, test_size=test_size,
                                              random_state=SPLIT_SEED, stratify=labels)
    return Sentences(tr_x, tr_y), Sentences(te_x, te_y)


class Vocabulary:
    """Word -> index from the training sentences (0 = padding, 1 = unknown word)."""

    def __init__(self, texts: list[str], min_count: int = 1) -> None:
        counts = Counter(word for text in texts for word in words(text))
        kept = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
        self.index = {word: i + 2 for i, word in enumerate(kept)}

    def __len__(self) -> int:
        return len(self.index) + 2

    def encode(self, texts: list[str], length: int = MAX_WORDS) -> np.ndarray:
        """Index rows padded in front (Keras' pad_sequences default), so a recurrent network ends on the
        last word; cut at ``length`` words."""
        rows = np.full((len(texts), length), PAD, dtype="int64")
        for row, text in enumerate(texts):
            ids = [self.index.get(word, OOV) for word in words(text)][:length]
            if ids:
                rows[row, length - len(ids):] = ids
        return rows


def corpora() -> dict[str, Path]:
    """The text corpora a learner can pick for word2vec, by file stem."""
    return {path.stem: path for path in sorted((DATA / "corpus").glob("*.txt"))}
