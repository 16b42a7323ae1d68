"""The responder's training data: dialogue pairs split and selected, the tokenizer trained on them,
and pairs encoded as token ids and padded into batches."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Iterable, Sequence

import sentencepiece as spm
import torch
from torch import Tensor, nn

from nlp.data import is_fetched
from nlp.decoding import normalise
from nlp.relevance import PAD, UNK
from nlp.responder.presets import HELDOUT_PERMILLE, Preset

BOS, EOS = 2, 3  # PAD 0 and UNK 1 come from nlp.relevance, which the dual encoder shares
SEPARATOR = "<sep>"        # between a previous turn and the message in the encoder input
MAX_SOURCE_TOKENS = 40     # the end of the input is kept: the message matters more than old context
MAX_TARGET_TOKENS = 44     # longer replies are cut and then trained without EOS: never learn to stop mid-sentence;
                           # 44 keeps every persona reply whole (the longest is 43 tokens)
# Learners open messages with filler words; the persona's few hundred messages rarely do, and
# the model then read "so who are you?" as strangers' chit-chat. Own pairs also train with one.
OPENERS = ("so", "ok", "well", "hey", "and", "oh", "um", "btw", "hmm", "also")
OPENER_SHARE = 0.3


@dataclass(frozen=True)
class Pair:
    message: str
    reply: str
    source: str
    context: str = ""  # the previous turn, when the data chains (a reply that is the next message)


@dataclass(frozen=True)
class Example:
    source: list[int]
    target: list[int]  # at most MAX_TARGET_TOKENS
    own: bool          # from the persona / own files (oversampled)
    ends: bool = True  # the whole reply (EOS is trained after it), not a cut one


def is_heldout(message: str, reply: str, permille: int, salt: str = "") -> bool:
    """Whether the pair falls in a fixed ``permille`` share, chosen by a hash of its text (and ``salt``,
    for another share independent of this one)."""
    digest = hashlib.md5(f"{salt}{message}\t{reply}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 1000 < permille


def split_pairs(dialogues: Iterable[Any], permille: int = HELDOUT_PERMILLE) -> tuple[list[Pair], list[Pair]]:
    """(train, held-out) from DialoguePair-like objects; fixed by content, independent of the seed.

    A pair whose reply is the next pair's message (consecutive chat turns) gives that next pair
    its context."""
    pairs: list[Pair] = []
    previous = None
    for d in dialogues:
        chained = previous is not None and previous.source == d.source and previous.reply == d.message
        pairs.append(Pair(d.message, d.reply, d.source, previous.message if chained else ""))
        previous = d
    train: list[Pair] = []
    heldout: list[Pair] = []
    for pair in pairs:
        (heldout if is_heldout(pair.message, pair.reply, permille) else train).append(pair)
    return train, heldout


def select_training_pairs(train: list[Pair], preset: Preset, seed: int) -> list[Pair]:
    """Own pairs all; fetched pairs whose message the persona also answers are dropped (the
    persona wins), the rest a seeded sample capped at ``preset.max_fetched_pairs``.

    Every length is kept: picking short replies first taught the model to answer in ~7 words
    where people answer in ~13, and cost recall (chrF) on held-out chat (docs/responder.md, "Data")."""
    own = [p for p in train if not is_fetched(p.source)]
    own_messages = {normalise(p.message) for p in own}
    fetched = [p for p in train if is_fetched(p.source) and normalise(p.message) not in own_messages]
    random.Random(seed).shuffle(fetched)
    return own + fetched[: preset.max_fetched_pairs]


def model_text(text: str) -> str:
    """What the tokenizer sees: lowercase, one line."""
    return " ".join(text.lower().split())


def dialogue_texts(pairs: Iterable[Pair]) -> list[str]:
    """Every message and reply of ``pairs`` as the tokenizer sees it, in order."""
    return [model_text(t) for p in pairs for t in (p.message, p.reply)]


def train_tokenizer(texts: Sequence[str], vocab_size: int) -> bytes:
    model = BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=model, vocab_size=vocab_size, model_type="unigram",
        pad_id=PAD, unk_id=UNK, bos_id=BOS, eos_id=EOS, user_defined_symbols=[SEPARATOR],
        hard_vocab_limit=False, character_coverage=0.9995, num_threads=1, minloglevel=2,
    )
    return model.getvalue()


def encode_examples(tokenizer: spm.SentencePieceProcessor, pairs: Sequence[Pair], context_share: float, seed: int) -> list[Example]:
    """Token ids for every pair; a seeded share of chained pairs also appears with its context,
    and of own pairs with a conversational opener in front (see ``OPENERS``)."""
    rng = random.Random(seed)
    separator = tokenizer.piece_to_id(SEPARATOR)
    messages = tokenizer.encode([model_text(p.message) for p in pairs])
    replies = tokenizer.encode([model_text(p.reply) for p in pairs])
    examples = []
    for pair, message, reply in zip(pairs, messages, replies):
        own, target, ends = not is_fetched(pair.source), reply[:MAX_TARGET_TOKENS], len(reply) <= MAX_TARGET_TOKENS
        examples.append(Example(message[-MAX_SOURCE_TOKENS:] or [UNK], target, own, ends))
        if pair.context and rng.random() < context_share:
            with_context = tokenizer.encode(model_text(pair.context)) + [separator] + message
            examples.append(Example(with_context[-MAX_SOURCE_TOKENS:], target, own, ends))
        if own and rng.random() < OPENER_SHARE:
            opened = tokenizer.encode(model_text(f"{rng.choice(OPENERS)} {pair.message}"))
            examples.append(Example(opened[-MAX_SOURCE_TOKENS:], target, own, ends))
    return examples


def sampling_weights(examples: Sequence[Example], own_share: float) -> Tensor:
    """Per-example sampling weight: own examples together get ``own_share`` of every batch."""
    n_own = sum(e.own for e in examples)
    n_fetched = len(examples) - n_own
    if not n_own or not n_fetched:
        return torch.ones(len(examples))
    return torch.tensor([own_share / n_own if e.own else (1 - own_share) / n_fetched for e in examples])


def collate(batch: Sequence[Example]) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Padded (source, source lengths, BOS+target, target+EOS); a cut target gets no EOS (PAD is not scored)."""
    source = nn.utils.rnn.pad_sequence([torch.tensor(e.source) for e in batch], batch_first=True, padding_value=PAD)
    lengths = torch.tensor([len(e.source) for e in batch])
    targets_in = nn.utils.rnn.pad_sequence([torch.tensor([BOS] + e.target) for e in batch], batch_first=True, padding_value=PAD)
    targets_out = nn.utils.rnn.pad_sequence(
        [torch.tensor(e.target + [EOS if e.ends else PAD]) for e in batch], batch_first=True, padding_value=PAD
    )
    return source, lengths, targets_in, targets_out
