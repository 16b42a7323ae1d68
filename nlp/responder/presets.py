"""The responder's training presets, by name (``tutorbot train --preset``), and what follows from them
for a given amount of data: the number of steps and of intra-op threads."""
from __future__ import annotations

import math
from dataclasses import dataclass

from nlp.errors import TutorbotError

HELDOUT_PERMILLE = 50  # 5% of every source, chosen by a hash of the pair: the same split every run


@dataclass(frozen=True, kw_only=True)
class Preset:
    vocab_size: int
    embed_dim: int
    hidden_dim: int
    dropout: float
    steps: int
    batch_size: int
    learning_rate: float
    max_fetched_pairs: int      # fetched pairs kept (a seeded sample of every length)
    own_share: float            # share of every batch drawn from the persona / own files
    context_share: float        # share of chained pairs also trained with the previous turn
    label_smoothing: float
    heldout_permille: int
    min_reply_tokens: int       # decoding's min_length: human chat replies are ~13 words, a small model stops early
    # Share of message tokens hidden (as <unk>) in training: each persona message is seen ~80 times, and the
    # encoder learnt its exact words ("what should I study first?" answered, "... learn first?" not);
    # with words hidden it has to use all of them (docs/responder.md, "Source dropout").
    source_dropout: float = 0.0
    # Initialise the shared piece embedding with word2vec over all the training side's dialogue text
    # (nlp.responder.train.PIECE_WORD2VEC): pieces of words the persona never uses ("pancakes") then start
    # near the pieces of words it does ("pasta"), instead of at random.
    word2vec_init: bool = False
    # Steps of the reply selector's dual encoder (nlp.relevance; 0: none). It orders the samples with
    # their relevance and refuses persona lines recited for other messages (docs/responder.md, "The
    # reply selector").
    relevance_steps: int = 0
    # At most this many passes over the training pairs (0: no cap): the ~900 persona pairs of data/ alone
    # are learnt by heart long before ``steps``, and the spare steps only cost training time. With the
    # fetched corpora (~40,000 pairs) the cap is far away (docs/responder.md, "Presets").
    max_passes: int = 0
    # Intra-op threads of the seq2seq and reply-selector training: fixed by the preset and the data, not
    # by the machine's core count, so a seed gives the same weights whatever the core count (products
    # split over threads sum in another order). The tiny test models gain nothing from more than one.
    threads: int = 1
    # Below this many training pairs, one thread (see training_threads).
    threads_from_pairs: int = 0


PRESETS: dict[str, Preset] = {
    "tiny": Preset(
        vocab_size=400, embed_dim=32, hidden_dim=64, dropout=0.0, steps=400, batch_size=16, learning_rate=1e-2,
        max_fetched_pairs=500, own_share=0.5, context_share=0.0, label_smoothing=0.0, heldout_permille=0,
        min_reply_tokens=2, word2vec_init=True, relevance_steps=150,
    ),
    "default": Preset(
        vocab_size=3000, embed_dim=128, hidden_dim=256, dropout=0.1, steps=3500, batch_size=64, learning_rate=3e-3,
        max_fetched_pairs=40_000, own_share=0.35, context_share=0.25, label_smoothing=0.1,
        heldout_permille=HELDOUT_PERMILLE, min_reply_tokens=9, source_dropout=0.2, word2vec_init=True,
        relevance_steps=800, max_passes=160, threads=2, threads_from_pairs=5_000,
    ),
    "long": Preset(
        vocab_size=4000, embed_dim=256, hidden_dim=512, dropout=0.2, steps=30_000, batch_size=64, learning_rate=2e-3,
        max_fetched_pairs=200_000, own_share=0.25, context_share=0.25, label_smoothing=0.1,
        heldout_permille=HELDOUT_PERMILLE, min_reply_tokens=9, source_dropout=0.2, word2vec_init=True,
        relevance_steps=1500, threads=2, threads_from_pairs=5_000,
    ),
}


def preset_named(name: str) -> Preset:
    """The preset called ``name``; an unknown name is a one-line error that lists the known ones."""
    if name not in PRESETS:
        raise TutorbotError(f"unknown responder preset {name!r} (choose from {', '.join(PRESETS)})")
    return PRESETS[name]


def training_steps(preset: Preset, pairs: int) -> int:
    """``preset.steps``, or fewer where a small training set would be passed over more than
    ``preset.max_passes`` times (batches of ``preset.batch_size``)."""
    if not preset.max_passes:
        return preset.steps
    return max(1, min(preset.steps, math.ceil(preset.max_passes * pairs / preset.batch_size)))


def training_threads(preset: Preset, pairs: int) -> int:
    """``preset.threads``, or one for fewer than ``preset.threads_from_pairs`` training pairs. A small
    set (data/ alone: ~900 persona pairs) trains wholly beside the NLU components (nlp.apart), and a
    second thread contending with them all that time made every component slower; with the fetched
    corpora the NLU components are done early and the second thread pays (docs/responder.md, "Presets")."""
    return preset.threads if pairs >= preset.threads_from_pairs else 1
