"""Training the responder's models: the seq2seq (tokenizer, word2vec start, the Adam loop on weighted,
length-bucketed batches) and the reply selector's dual encoder on the same examples."""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

import sentencepiece as spm
import torch
from torch import Tensor, nn
from tqdm import tqdm

from nlp.embeddings import Word2VecConfig, word2vec
from nlp.relevance import PAD, DualEncoder, RelevanceConfig, RelevanceTraining, hide_source_tokens, train_dual_encoder
from nlp.responder.data import (
    Example, Pair, collate, dialogue_texts, encode_examples, sampling_weights, train_tokenizer,
)
from nlp.responder.presets import Preset
from nlp.seq2seq import Seq2Seq, Seq2SeqConfig

BUCKET_BATCHES = 16        # batches drawn together and bucketed by length (see length_bucketed_batches)
# word2vec for the piece embedding (word2vec_init): the dimension is the model's; a budget of pieces
# rather than of passes, so the fetched corpora cannot make it long (docs/responder.md, "Model").
PIECE_WORD2VEC = Word2VecConfig(vector_size=0, epochs=10, word_budget=6_000_000)


@dataclass(frozen=True)
class Fitted:
    """A trained seq2seq with what it was trained on (the reply selector trains on the same examples)."""
    tokenizer_proto: bytes
    model: Seq2Seq
    examples: list[Example]
    weights: Tensor
    loss: float  # the last smoothed training loss


def fit_seq2seq(train_side: Sequence[Pair], train: Sequence[Pair], preset: Preset, seed: int, progress: bool) -> Fitted:
    """Tokenizer and seq2seq trained on ``train`` (selected from ``train_side``, whose text the word2vec start reads)."""
    torch.manual_seed(seed)
    tokenizer_proto = train_tokenizer(dialogue_texts(train), preset.vocab_size)
    tokenizer = spm.SentencePieceProcessor(model_proto=tokenizer_proto)
    model = Seq2Seq(Seq2SeqConfig(tokenizer.get_piece_size(), preset.embed_dim, preset.hidden_dim, preset.dropout, PAD))
    if preset.word2vec_init:
        init_piece_embeddings(model.embedding, tokenizer, list(dict.fromkeys(dialogue_texts(train_side))), seed)
    examples = encode_examples(tokenizer, train, preset.context_share, seed)
    weights = sampling_weights(examples, preset.own_share)
    return Fitted(tokenizer_proto, model, examples, weights, fit(model, examples, weights, preset, seed, progress))


def fit_selector(fitted: Fitted, preset: Preset, seed: int, progress: bool) -> DualEncoder:
    """The reply selector's dual encoder on the seq2seq's examples, its piece table started from the seq2seq's."""
    config = fitted.model.config
    return train_dual_encoder(
        [e.source for e in fitted.examples], [e.target for e in fitted.examples], fitted.weights,
        RelevanceConfig(config.vocab_size, config.embed_dim), RelevanceTraining(steps=preset.relevance_steps),
        seed, fitted.model.embedding.weight.detach().clone(), progress,
    )


def init_piece_embeddings(embedding: nn.Embedding, tokenizer: spm.SentencePieceProcessor, texts: Sequence[str],
                          seed: int) -> None:
    """Overwrite the rows of pieces word2vec saw (skip-gram over ``texts`` as pieces) with their
    vectors, rescaled to the embedding's own spread. <unk> is one of them where the text has
    characters the tokenizer does not cover; BOS, EOS and pieces the text lacks keep their random
    start, padding stays zero."""
    config = replace(PIECE_WORD2VEC, vector_size=embedding.embedding_dim)
    keyed, _ = word2vec([[str(i) for i in ids] for ids in tokenizer.encode(list(texts)) if ids], config, seed)
    rows = [int(piece) for piece in keyed.index_to_key if int(piece) != PAD]
    vectors = torch.from_numpy(keyed[[str(r) for r in rows]])
    with torch.no_grad():
        embedding.weight[rows] = vectors * (embedding.weight.std() / vectors.std())


def learning_rate_at(step: int, preset: Preset) -> float:
    """Linear warm-up over 5% of the steps, then cosine decay to a tenth."""
    warmup = max(1, preset.steps // 20)
    if step < warmup:
        return preset.learning_rate * (step + 1) / warmup
    progress = (step - warmup) / max(1, preset.steps - warmup)
    return preset.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


@contextmanager
def intra_op_threads(count: int) -> Iterator[None]:
    """Run the block on exactly ``count`` intra-op threads (see ``Preset.threads``)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def length_bucketed_batches(
    examples: Sequence[Example], weights: Tensor, batch_size: int, steps: int, generator: torch.Generator,
) -> Iterator[list[Example]]:
    """``steps`` weighted-sampled batches. ``BUCKET_BATCHES`` batches are drawn at once, sorted by
    reply length and cut, so each batch pads to similar lengths: the decoder runs every padded
    position, so bucketing makes steps faster. Which examples are drawn, and how often, is
    unchanged; the order of the cut batches is shuffled."""
    for start in range(0, steps, BUCKET_BATCHES):
        count = min(BUCKET_BATCHES, steps - start)
        drawn = torch.multinomial(weights, count * batch_size, True, generator=generator).tolist()
        drawn.sort(key=lambda i: (len(examples[i].target), len(examples[i].source)))
        for k in torch.randperm(count, generator=generator).tolist():
            yield [examples[i] for i in drawn[k * batch_size:(k + 1) * batch_size]]


def fit(model: Seq2Seq, examples: Sequence[Example], weights: Tensor, preset: Preset, seed: int, progress: bool) -> float:
    """Adam on weighted-sampled, length-bucketed batches for ``preset.steps`` steps; returns the last loss (smoothed)."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=preset.learning_rate)
    model.train()
    smoothed = float("nan")
    batches = length_bucketed_batches(examples, weights, preset.batch_size, preset.steps, generator)
    bar = tqdm(enumerate(batches), total=preset.steps, desc="responder", disable=not progress, unit="step")
    for step, batch in bar:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate_at(step, preset)
        source, lengths, targets_in, targets_out = collate(batch)
        source = hide_source_tokens(source, preset.source_dropout, generator)
        logits = model(source, lengths, targets_in)
        loss = nn.functional.cross_entropy(
            logits.flatten(0, 1), targets_out.flatten(), ignore_index=PAD, label_smoothing=preset.label_smoothing
        )
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        smoothed = loss.item() if math.isnan(smoothed) else 0.98 * smoothed + 0.02 * loss.item()
        if step % 50 == 0:
            bar.set_postfix(loss=f"{smoothed:.3f}")
    model.eval()
    return smoothed
