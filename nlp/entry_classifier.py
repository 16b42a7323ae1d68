"""The answer retriever's learnt reader: a fastText-style classifier from a question to its knowledge-base entry.

The lexical matches of :mod:`nlp.retrieval` score a question against one of an entry's questions at a
time (the best of them); this model reads all of an entry's questions and its answer at once, and learns
which words speak for which entry ("rlhf" for the RLHF entry; "how does ... work" for none). Its
probability is one more feature the fusion weighs (``classifier``), a lift of at most its weight: as a log
probability (unbounded below) it had outvoted the lesson just taught on "why do we need it?" and sent a
lone "b" to the cosine-similarity entry.

    features(text)     stemmed words, word pairs and character 3-5-grams, as the retriever reads them
    EntryClassifier    the mean of the features' embeddings -> a linear layer over the entries

Saved beside the answers' index as ``classifier.safetensors`` (the embeddings in float16: half the
size, the same ranking) and ``classifier.json`` (the feature vocabulary and the shape).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from nlp.io import read_json, write_json
from nlp.retrieval import char_grams, terms

WEIGHTS = "classifier.safetensors"
LAYOUT = "classifier.json"


def features(text: str) -> list[str]:
    """What the classifier reads of a text: stemmed words, pairs of them in order, character n-grams."""
    stems = terms(text)
    return ([f"w:{s}" for s in stems] + [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
            + [f"c:{g}" for g in char_grams(text)])


class EntryClassifier(nn.Module):
    """mean(embedding of each known feature) -> logits over the entries; a text without a known
    feature gets the entries' prior (the bias alone)."""

    def __init__(self, vocabulary: dict[str, int], entries: int, dim: int) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.embed = nn.EmbeddingBag(max(1, len(vocabulary)), dim, mode="mean", sparse=True)
        self.out = nn.Linear(dim, entries)

    def forward(self, ids: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        return self.out(self.embed(ids, offsets))

    def feature_ids(self, text: str) -> list[int]:
        return [i for f in features(text) if (i := self.vocabulary.get(f)) is not None]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """[len(texts), entries] P(entry | text). In numpy, from arrays taken once: a torch call per question
        cost ~10x the arithmetic (and more on a busy machine)."""
        if not hasattr(self, "_arrays"):
            self._arrays = (self.embed.weight.detach().numpy(), self.out.weight.detach().numpy().T.copy(),
                            self.out.bias.detach().numpy())
        table, weight, bias = self._arrays
        hidden = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            if ids := self.feature_ids(text):
                hidden[row] = table[ids].mean(axis=0)
        logits = hidden @ weight + bias
        odds = np.exp(logits - logits.max(axis=1, keepdims=True))
        return odds / odds.sum(axis=1, keepdims=True)

    def save(self, directory: Path) -> None:
        save_file({"embed": self.embed.weight.detach().half().contiguous(), "out.weight": self.out.weight.detach(),
                   "out.bias": self.out.bias.detach()}, str(directory / WEIGHTS))
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        write_json(directory / LAYOUT, {"dim": self.embed.embedding_dim, "entries": self.out.out_features,
                                        "features": vocabulary})

    @classmethod
    def load(cls, directory: Path) -> "EntryClassifier | None":
        """The saved classifier, or None for answers saved before it (the fusion then reads no such feature)."""
        if not (directory / WEIGHTS).exists():
            return None
        layout, tensors = read_json(directory / LAYOUT), load_file(str(directory / WEIGHTS))
        model = cls({f: i for i, f in enumerate(layout["features"])}, int(layout["entries"]), int(layout["dim"]))
        model.load_state_dict({"embed.weight": tensors["embed"].float(), "out.weight": tensors["out.weight"],
                               "out.bias": tensors["out.bias"]})
        return model.eval()


def pack(bags: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """EmbeddingBag's flat ids and offsets for a batch of feature-id lists (an empty list is an empty bag)."""
    lengths = [len(b) for b in bags]
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if bags else np.zeros(0)
    flat = [i for bag in bags for i in bag]
    return torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)
