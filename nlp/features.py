"""What the networks read, computed ONCE per message and shared by intent, sentiment and NER.

A message becomes :class:`Features` (tokens, word ids, hashed character n-grams per token,
hashed word uni/bigrams for the wide term); a list of them collates into a padded
:class:`Batch`. :class:`TokenEncoder` is the input half both networks share (word2vec-initialised
word embeddings + subword bag -> BiLSTM), and :func:`fit` the training loop they share.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from tqdm.auto import tqdm

from nlp.tokenizer import SUBWORD_BUCKETS, Token, stable_hash, subword_ids, tokenize

PAD, UNK = 0, 1
NGRAM_BUCKETS = 1 << 17


@dataclass(frozen=True)
class Vocabulary:
    """Normalised words; index 0 is padding, 1 the unknown word."""

    words: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {w: i for i, w in enumerate(self.words)})

    @classmethod
    def of(cls, known_words: Sequence[str]) -> "Vocabulary":
        return cls(("<pad>", "<unk>", *known_words))

    def id(self, word: str) -> int:
        return self._index.get(word, UNK)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Features:
    text: str
    tokens: list[Token]
    word_ids: list[int]
    subwords: list[tuple[int, ...]]
    ngrams: list[int]  # hashed word unigrams and bigrams


@dataclass
class Batch:
    features: list[Features]
    word_ids: torch.Tensor        # [B, T] (PAD beyond each length)
    lengths: torch.Tensor         # [B], at least 1 (an empty message is one padding step)
    mask: torch.Tensor            # [B, T] True on real tokens
    subword_ids: torch.Tensor     # flat n-gram ids of all B*T positions (padding positions: none)
    subword_offsets: torch.Tensor  # [B*T] start of each position's bag
    ngram_ids: torch.Tensor       # flat wide-feature ids
    ngram_offsets: torch.Tensor   # [B]


def word_ngrams(norms: Sequence[str]) -> list[int]:
    grams = list(norms) + [f"{a} {b}" for a, b in zip(norms, norms[1:])]
    return [stable_hash(g) % NGRAM_BUCKETS for g in grams]


class Featurizer:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def features(self, text: str) -> Features:
        tokens = tokenize(text)
        norms = [t.norm for t in tokens]
        return Features(
            text, tokens, [self.vocab.id(n) for n in norms], [subword_ids(n) for n in norms], word_ngrams(norms)
        )

    def encode(self, texts: Sequence[str]) -> Batch:
        return collate([self.features(t) for t in texts])


def _offsets(sizes: Sequence[int]) -> torch.Tensor:
    return torch.tensor(np.concatenate([[0], np.cumsum(sizes[:-1])]) if len(sizes) else [], dtype=torch.long)


def collate(features: Sequence[Features]) -> Batch:
    lengths = [max(1, len(f.word_ids)) for f in features]
    width = max(lengths)
    word_ids = [f.word_ids + [PAD] * (width - len(f.word_ids)) for f in features]
    bags = [bag for f in features for bag in f.subwords + [()] * (width - len(f.subwords))]
    subword_flat = [i for bag in bags for i in bag]
    ngram_flat = [i for f in features for i in f.ngrams]
    ids = torch.tensor(word_ids, dtype=torch.long)
    return Batch(
        features=list(features),
        word_ids=ids,
        lengths=torch.tensor(lengths, dtype=torch.long),
        mask=torch.arange(width)[None, :] < torch.tensor([len(f.word_ids) for f in features])[:, None],
        subword_ids=torch.tensor(subword_flat, dtype=torch.long),
        subword_offsets=_offsets([len(b) for b in bags]),
        ngram_ids=torch.tensor(ngram_flat, dtype=torch.long),
        ngram_offsets=_offsets([len(f.ngrams) for f in features]),
    )


class TokenEncoder(nn.Module):
    """word embedding (word2vec init) ++ mean of hashed char n-gram embeddings -> BiLSTM."""

    def __init__(self, vocab_size: int, word_dim: int, subword_dim: int, hidden: int, dropout: float,
                 word_dropout: float) -> None:
        super().__init__()
        # sparse: a step touches only the rows a batch uses (the tables are large, the batches small)
        self.words = nn.Embedding(vocab_size, word_dim, padding_idx=PAD, sparse=True)
        self.subwords = nn.EmbeddingBag(SUBWORD_BUCKETS, subword_dim, mode="mean", sparse=True)
        nn.init.normal_(self.subwords.weight, std=0.1)
        self.lstm = nn.LSTM(word_dim + subword_dim, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.word_dropout = word_dropout
        self.output_dim = 2 * hidden

    def forward(self, batch: Batch) -> torch.Tensor:
        """[B, T, 2*hidden] contextual token states."""
        ids = batch.word_ids
        if self.training and self.word_dropout:
            # Hide some known words so the model also learns to rely on subwords (typos, unseen words).
            hide = (torch.rand(ids.shape) < self.word_dropout) & (ids > UNK)
            ids = ids.masked_fill(hide, UNK)
        size, width = ids.shape
        subwords = self.subwords(batch.subword_ids, batch.subword_offsets).view(size, width, -1)
        x = self.dropout(torch.cat([self.words(ids), subwords], dim=-1))
        if bool((batch.lengths == width).all()):
            out, _ = self.lstm(x)
        else:
            packed = pack_padded_sequence(x, batch.lengths, batch_first=True, enforce_sorted=False)
            out, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True, total_length=width)
        return self.dropout(out)


@dataclass(frozen=True)
class TrainConfig:
    epochs: int
    batch_size: int = 32
    lr: float = 3e-3
    weight_decay: float = 0.0
    subword_dim: int = 32
    hidden: int = 64  # small on purpose: analyze p50 <= 1.5 ms on one thread for three models
    dropout: float = 0.3
    word_dropout: float = 0.1
    # The classifier's wide n-gram term is a linear model over very sparse features: each weight
    # sees few updates, so at the network's learning rate it underfits (Pang & Lee: 0.71 alone vs
    # TF-IDF+LR's 0.75); fastText-style linear models want a much larger rate.
    wide_lr_multiplier: float = 1.0
    # Train the BiLSTM and the wide term as two experts, each on its own loss, and predict with
    # their product. Trained jointly, the wide term memorises the training set first, the loss
    # reaches ~0 and the BiLSTM (the part that generalises through word2vec) stops learning.
    separate_experts: bool = False
    # Character n-grams in the wide term as well (TF-IDF + LR on Pang & Lee: words 0.737, + chars 0.753).
    wide_chars: bool = False
    # Separate experts only: divide their product by the training labels' prior once (each expert's
    # posterior holds it, so the plain product counts it twice; see nlp.classifier).
    divide_prior: bool = False


E = TypeVar("E")


def fit(model: nn.Module, examples: Sequence[E], loss: Callable[[list[E]], torch.Tensor], config: TrainConfig,
        seed: int, progress: bool, description: str) -> None:
    """Adam over shuffled minibatches; deterministic for a given seed."""
    torch.manual_seed(seed)
    order = random.Random(seed)
    sparse_modules = [m for m in model.modules() if getattr(m, "sparse", False)]
    sparse = [p for m in sparse_modules for p in m.parameters(recurse=False)]
    dense = [p for p in model.parameters() if not any(p is s for s in sparse)]
    optimizers = [torch.optim.Adam(dense, lr=config.lr, weight_decay=config.weight_decay)]
    if sparse:
        # a sparse table may ask for its own rate (``lr_multiplier``): see TrainConfig.wide_lr_multiplier
        groups = [{"params": list(m.parameters(recurse=False)), "lr": config.lr * getattr(m, "lr_multiplier", 1.0)}
                  for m in sparse_modules]
        optimizers.append(torch.optim.SparseAdam(groups, lr=config.lr))
    schedules = [torch.optim.lr_scheduler.LambdaLR(o, lambda epoch: 1.0 - 0.9 * epoch / config.epochs)
                 for o in optimizers]
    model.train()
    indices = list(range(len(examples)))
    bar = tqdm(range(config.epochs), desc=description, disable=not progress, leave=False, unit="epoch")
    for _ in bar:
        order.shuffle(indices)
        total = 0.0
        for start in range(0, len(indices), config.batch_size):
            chunk = [examples[i] for i in indices[start : start + config.batch_size]]
            for optimizer in optimizers:
                optimizer.zero_grad()
            value = loss(chunk)
            value.backward()
            nn.utils.clip_grad_norm_(dense, 5.0)
            for optimizer in optimizers:
                optimizer.step()
            total += value.item() * len(chunk)
        for schedule in schedules:
            schedule.step()
        bar.set_postfix(loss=f"{total / max(1, len(indices)):.4f}")
    model.eval()


def predict_in_batches(predict: Callable[[list[str]], list[E]], texts: list[str], size: int = 256) -> list[E]:
    """``predict`` over ``texts`` a batch at a time, so evaluating a large set keeps memory bounded."""
    return [p for start in range(0, len(texts), size) for p in predict(texts[start:start + size])]
