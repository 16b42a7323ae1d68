"""Response selection: how well does a reply answer a message? A small dual encoder.

The seq2seq model learnt the persona's replies by heart, and its confidence hardly tells them apart:
to "good night!" it was surer of "Thank you! You're a great learner." than of "See you soon!
Remember to review what we learned.", and it answers an unseen "do you like hamsters?" with a line
it learnt for the weather. A model trained to *discriminate* tells them apart: message and reply
are embedded apart and trained so that each message's own reply scores above every other reply in
the batch (in-batch negatives, as in Henderson et al. 2019, "ConveRT").
:class:`ReplySelector` puts it to two uses in :class:`nlp.responder.Responder`: it weighs the
sampled candidates' order, and it rejects a persona line the model recites for a message that the
line does not answer (see ``docs/responder.md`` for the dev measurements).

    pieces -> Embedding (the seq2seq's, copied) -> [mean; max] -> MLP -> unit vector
    relevance(message, reply) = cosine(message tower, reply tower)

A bag of pieces, not an RNN: ~25 s of training, well under a millisecond for all candidates.
"""
from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass
from typing import Callable, Iterator, Sequence

import torch
from torch import Tensor, nn
from tqdm import tqdm

from nlp.decoding import normalise

PAD, UNK = 0, 1  # the sentencepiece ids of the responder's tokenizer (nlp.responder trains it with these)


@dataclass(frozen=True)
class RelevanceConfig:
    vocab_size: int
    embed_dim: int = 128
    hidden_dim: int = 256
    temperature: float = 0.05  # of the in-batch softmax over cosines

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RelevanceTraining:
    steps: int = 800
    batch_size: int = 256
    learning_rate: float = 2e-3
    piece_dropout: float = 0.2  # share of message pieces hidden in training: use all the words, not one


class Tower(nn.Module):
    """A bag of pieces to a unit vector: mean and max of the piece embeddings, then a small MLP."""

    def __init__(self, config: RelevanceConfig) -> None:
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(2 * config.embed_dim, config.hidden_dim), nn.GELU(),
                                 nn.Linear(config.hidden_dim, config.hidden_dim))

    def forward(self, embedded: Tensor, mask: Tensor) -> Tensor:
        weights = mask.unsqueeze(-1).float()
        mean = (embedded * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        biggest = embedded.masked_fill(~mask.unsqueeze(-1), -1e4).max(1).values
        return nn.functional.normalize(self.mlp(torch.cat([mean, biggest], dim=-1)), dim=-1)


class DualEncoder(nn.Module):
    def __init__(self, config: RelevanceConfig) -> None:
        super().__init__()
        self.config = config
        self.embedding = nn.Embedding(config.vocab_size, config.embed_dim, padding_idx=PAD)
        self.message_tower = Tower(config)
        self.reply_tower = Tower(config)

    def encode_messages(self, ids: Tensor) -> Tensor:
        return self.message_tower(self.embedding(ids), ids != PAD)

    def encode_replies(self, ids: Tensor) -> Tensor:
        return self.reply_tower(self.embedding(ids), ids != PAD)

    @torch.no_grad()
    def relevance(self, message: Sequence[int], replies: Sequence[Sequence[int]]) -> list[float]:
        """Cosine of ``message`` with each of ``replies`` (piece ids), in [-1, 1]."""
        if not replies:
            return []
        query = self.encode_messages(pad([message]))
        return (self.encode_replies(pad(replies)) @ query.T).squeeze(1).tolist()


def hide_source_tokens(source: Tensor, share: float, generator: torch.Generator) -> Tensor:
    """``source`` with about ``share`` of its real tokens replaced by <unk> (padding stays padding):
    the seq2seq's source dropout and the dual encoder's piece dropout."""
    if not share:
        return source
    hidden = torch.rand(source.shape, generator=generator) < share
    return source.masked_fill(hidden & (source != PAD), UNK)


def pad(sequences: Sequence[Sequence[int]]) -> Tensor:
    return nn.utils.rnn.pad_sequence([torch.tensor(list(s) or [PAD]) for s in sequences], batch_first=True,
                                     padding_value=PAD)


def contrastive_loss(messages: Tensor, replies: Tensor, same_reply: Tensor, temperature: float) -> Tensor:
    """In-batch softmax both ways (message -> its reply, reply -> its message). Rows whose reply is
    the same text (a persona reply drawn twice) all count as correct: no false negatives."""
    scores = messages @ replies.T / temperature
    positive = scores.masked_fill(~same_reply, -math.inf)
    forward = torch.logsumexp(scores, dim=1) - torch.logsumexp(positive, dim=1)
    backward = torch.logsumexp(scores, dim=0) - torch.logsumexp(positive, dim=0)
    return (forward.mean() + backward.mean()) / 2


def batches(count: int, weights: Tensor, training: RelevanceTraining, generator: torch.Generator) -> Iterator[list[int]]:
    for _ in range(training.steps):
        yield torch.multinomial(weights, min(training.batch_size, count), False, generator=generator).tolist()


def train_dual_encoder(
    messages: Sequence[Sequence[int]], replies: Sequence[Sequence[int]], weights: Tensor, config: RelevanceConfig,
    training: RelevanceTraining, seed: int, embedding: Tensor | None = None, progress: bool = False,
) -> DualEncoder:
    """A dual encoder over (message, reply) piece-id pairs, drawn with ``weights`` (the persona's share);
    ``embedding`` starts the piece table (the seq2seq's, which already knows the pieces)."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = DualEncoder(config)
    if embedding is not None:
        with torch.no_grad():
            model.embedding.weight.copy_(embedding)
    reply_ids = {}
    reply_keys = torch.tensor([reply_ids.setdefault(tuple(r), len(reply_ids)) for r in replies])
    optimizer = torch.optim.Adam(model.parameters(), lr=training.learning_rate)
    model.train()
    bar = tqdm(batches(len(messages), weights, training, generator), total=training.steps, desc="relevance",
               disable=not progress, unit="step")
    for step, rows in enumerate(bar):
        for group in optimizer.param_groups:  # linear decay to a tenth
            group["lr"] = training.learning_rate * (1 - 0.9 * step / training.steps)
        source = hide_source_tokens(pad([messages[i] for i in rows]), training.piece_dropout, generator)
        keys = reply_keys[rows]
        loss = contrastive_loss(model.encode_messages(source), model.encode_replies(pad([replies[i] for i in rows])),
                                keys[:, None] == keys[None, :], config.temperature)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    return model.eval()


@torch.no_grad()
def recall_at_1(model: DualEncoder, messages: Sequence[Sequence[int]], replies: Sequence[Sequence[int]],
                pool: int = 10) -> float:
    """R@1 of ``pool``: how often a message's own reply scores above ``pool - 1`` others (the next
    pairs' replies), the usual response-selection measure."""
    if len(messages) < pool:
        return float("nan")
    hits = 0
    for start in range(0, len(messages) - pool + 1, pool):
        query = model.encode_messages(pad(messages[start:start + pool]))
        keys = model.encode_replies(pad(replies[start:start + pool]))
        hits += int(((query @ keys.T).argmax(dim=1) == torch.arange(pool)).sum())
    return hits / (len(messages) // pool * pool)


@dataclass(frozen=True)
class SelectionSettings:
    # Candidate order: agreement among the samples + weight * relevance (nlp.decoding.consensus_order).
    # Dev split (a 1,500-step prototype): 0 -> chrF 14.45, 0.1 -> 14.53, 0.25 -> 14.29, 0.5 -> 14.15
    # (more weight starts to prefer topical but garbled samples).
    relevance_weight: float = 0.1
    # A persona line is "recited elsewhere" when, of all persona lines, more than this many answer the
    # message better. Dev: the reference reply of 35 of 36 persona dev pairs ranks within 26 (of 288).
    recital_rank: int = 20
    # The reply the safety net picked is "unsure" (persona fallback) when it answers the message less well
    # than nearly every human reply answers its own held-out message: below the UNSURE_RELEVANCE_PERCENTILE
    # of their relevance, set at training time (-1: never). Confidence alone misses these: the model can be
    # sure of a line that answers something else ("do you like pancakes?" -> "I can't drink milk ...").
    min_relevance: float = -1.0


class ReplySelector:
    """The dual encoder with the persona's replies: relevance of candidates, the recital check and
    the relevance minimum."""

    def __init__(self, model: DualEncoder, persona_replies: Sequence[str], encode_message: Callable[[str], list[int]],
                 encode_reply: Callable[[str], list[int]], settings: SelectionSettings = SelectionSettings()) -> None:
        """``encode_message`` / ``encode_reply``: text to piece ids as in training (the responder's
        source and target: cut to the lengths the seq2seq reads)."""
        self.model = model.eval()
        self.encode_message, self.encode_reply = encode_message, encode_reply
        self.settings = settings
        self.persona_replies = list(dict.fromkeys(persona_replies))
        self._persona_index = {normalise(r): i for i, r in enumerate(self.persona_replies)}

    @functools.cached_property
    def _persona_vectors(self) -> Tensor:
        """The persona's replies encoded, when a reply first needs them (not while a server starts)."""
        if not self.persona_replies:
            return torch.zeros(0, self.model.config.hidden_dim)
        with torch.no_grad():
            return self.model.encode_replies(pad([self.encode_reply(r) for r in self.persona_replies]))

    def relevance(self, message: str, replies: Sequence[str]) -> list[float]:
        return self.model.relevance(self.encode_message(message), [self.encode_reply(r) for r in replies])

    def persona_rank(self, message: str, reply: str) -> int | None:
        """1 + how many persona lines answer ``message`` better than ``reply`` (None: not a persona line)."""
        index = self._persona_index.get(normalise(reply))
        if index is None:
            return None
        with torch.no_grad():
            scores = (self._persona_vectors @ self.model.encode_messages(pad([self.encode_message(message)])).T).squeeze(1)
        return int((scores > scores[index]).sum()) + 1

    def irrelevant(self, message: str, reply: str) -> bool:
        """``reply`` answers ``message`` less well than the calibrated minimum (see ``min_relevance``)."""
        return self.relevance(message, [reply])[0] < self.settings.min_relevance

    def recited_elsewhere(self, message: str, reply: str) -> bool:
        """``reply`` is a persona line learnt for other messages, and far from the best one for this message."""
        rank = self.persona_rank(message, reply)
        return rank is not None and rank > self.settings.recital_rank
