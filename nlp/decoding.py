"""Turning a trained seq2seq model into one safe reply: search, then a safety net.

Search (:func:`sample_decode`: seeded nucleus sampling, the default; :func:`beam_search`,
:func:`greedy_decode`) works on any :class:`StepDecoder`
(the real one is :class:`nlp.seq2seq.IncrementalDecoder`; tests use scripted fakes) and
applies the bounds of :class:`DecodingConfig` while it searches, so that every hypothesis
already respects them: min/max length, no repeated n-gram, a repetition penalty, never an
unknown/pad/BOS token. Scores are length-normalised with the GNMT penalty
``((5 + len) / 6) ** alpha``; the confidence of a reply is its mean token log-probability.
Samples can be put in consensus order (:func:`consensus_order`, minimum Bayes risk with chrF):
the confident sample most like the others first.

The safety net (:class:`SafetyNet`) then picks the best candidate that is not empty, not a
copy of the learner's message, not unknown-token garbage, without invented words (given the
training text's words) and not profane, caps its length,
and answers with a persona fallback instead when the model is unsure. Everything is
deterministic: sampling draws from a generator seeded by the input.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean
from typing import AbstractSet, Callable, Protocol, Sequence

import torch
from torch import Tensor

from nlp.profanity import contains_profanity


class StepDecoder(Protocol):
    def step(self, last_tokens: Tensor) -> Tensor:
        """Log-probabilities (beam, vocab) of the next token for each live hypothesis."""
        ...

    def select(self, beam_indices: Tensor) -> None:
        """Reorder / duplicate the internal state to follow the surviving hypotheses."""
        ...


SAMPLING_TOP_K = 50


@dataclass(frozen=True)
class DecodingConfig:
    beam_size: int = 4
    n_best: int = 6              # candidates handed to the safety net
    min_length: int = 2          # tokens before EOS is allowed
    max_length: int = 32         # tokens; a hypothesis that reaches it is cut there
    length_penalty: float = 0.8  # GNMT alpha: 0 = raw sum (favours short replies)
    no_repeat_ngram: int = 3     # 0 disables
    repetition_penalty: float = 1.1  # a token already in the reply loses log(penalty); 1 disables
    top_p: float = 0.6           # > 0: nucleus sampling (seeded per input) instead of beam search; 0: beam
    consensus: int = 6           # > 0: of this many most confident samples, the one agreeing most with all goes first
    consensus_margin: float = 1.0  # ... among those within this mean log-probability of the best (consensus_order)


@dataclass(frozen=True)
class Hypothesis:
    tokens: tuple[int, ...]  # without BOS/EOS
    log_prob: float          # sum over the scored steps (EOS included when finished)
    steps: int               # scored steps: len(tokens) (+1 for EOS)

    @property
    def complete(self) -> bool:
        """Ended with EOS (not cut at max_length)."""
        return self.steps > len(self.tokens)

    @property
    def mean_log_prob(self) -> float:
        return self.log_prob / max(self.steps, 1)

    def score(self, alpha: float) -> float:
        return self.log_prob / (((5 + self.steps) / 6) ** alpha)


def banned_by_ngram(tokens: Sequence[int], n: int) -> set[int]:
    """Tokens that would complete an n-gram already present in ``tokens``."""
    if n <= 0 or len(tokens) < n - 1:
        return set()
    prefix = tuple(tokens[len(tokens) - n + 1:]) if n > 1 else ()
    return {
        tokens[i + n - 1]
        for i in range(len(tokens) - n + 1)
        if tuple(tokens[i:i + n - 1]) == prefix
    }


def constrain(
    log_probs: Tensor, beams: Sequence[Hypothesis], config: DecodingConfig, *, eos_id: int, banned_ids: Sequence[int]
) -> Tensor:
    """Apply the search bounds to one step's log-probabilities (beam, vocab), in a copy.

    The cells to change are gathered in Python and written with two indexed updates: at one
    token per step, a tensor operation per hypothesis would cost more than the model itself."""
    log_probs = log_probs.clone()
    log_probs[:, list(banned_ids)] = float("-inf")
    blocked_rows, blocked_tokens, seen_rows, seen_tokens = [], [], [], []
    for row, hypothesis in enumerate(beams):
        blocked = banned_by_ngram(hypothesis.tokens, config.no_repeat_ngram)
        if len(hypothesis.tokens) < config.min_length:
            blocked.add(eos_id)
        blocked_rows += [row] * len(blocked)
        blocked_tokens += blocked
        seen = set(hypothesis.tokens)
        seen_rows += [row] * len(seen)
        seen_tokens += seen
    if config.repetition_penalty > 1 and seen_tokens:
        log_probs[seen_rows, seen_tokens] -= math.log(config.repetition_penalty)
    if blocked_tokens:
        log_probs[blocked_rows, blocked_tokens] = float("-inf")
    return log_probs


@torch.no_grad()
def beam_search(
    decoder: StepDecoder, *, bos_id: int, eos_id: int, banned_ids: Sequence[int], config: DecodingConfig
) -> list[Hypothesis]:
    """Up to ``config.n_best`` hypotheses, best (length-normalised score) first; never empty."""
    beams = [Hypothesis((), 0.0, 0)]
    finished: list[Hypothesis] = []
    last_tokens = torch.tensor([bos_id])
    for _ in range(config.max_length):
        log_probs = constrain(decoder.step(last_tokens), beams, config, eos_id=eos_id, banned_ids=banned_ids)
        totals = log_probs + torch.tensor([b.log_prob for b in beams]).unsqueeze(1)
        values, indices = totals.flatten().topk(min(2 * config.beam_size, totals.numel()))
        survivors: list[tuple[int, Hypothesis]] = []
        for value, index in zip(values.tolist(), indices.tolist()):
            if value == float("-inf") or len(survivors) == config.beam_size:
                break
            row, token = divmod(index, totals.size(1))
            parent = beams[row]
            if token == eos_id:
                finished.append(Hypothesis(parent.tokens, value, parent.steps + 1))
            else:
                survivors.append((row, Hypothesis(parent.tokens + (token,), value, parent.steps + 1)))
        if not survivors or len(finished) >= config.beam_size:
            break
        decoder.select(torch.tensor([row for row, _ in survivors]))
        beams = [hypothesis for _, hypothesis in survivors]
        last_tokens = torch.tensor([h.tokens[-1] for h in beams])
    else:
        finished += beams  # reached max_length: the live beams are cut there
    ranked = sorted(finished or beams, key=lambda h: h.score(config.length_penalty), reverse=True)
    return ranked[: config.n_best]


@torch.no_grad()
def sample_decode(
    decoder: StepDecoder, *, bos_id: int, eos_id: int, banned_ids: Sequence[int], config: DecodingConfig,
    generator: torch.Generator,
) -> list[Hypothesis]:
    """``config.n_best`` nucleus (top-p) samples under the same bounds, drawn together as one batch;
    most confident (mean log-probability) first. Deterministic for a given ``generator`` seed.

    Beam search converges on the corpus's most generic replies ("that's awesome!"); sampling from
    the confident head of the distribution keeps persona answers and varies small talk."""
    live = [Hypothesis((), 0.0, 0)] * config.n_best
    finished: list[Hypothesis] = []
    decoder.select(torch.zeros(config.n_best, dtype=torch.long))  # one start state per sample
    last_tokens = torch.full((config.n_best,), bos_id)
    for _ in range(config.max_length):
        log_probs = constrain(decoder.step(last_tokens), live, config, eos_id=eos_id, banned_ids=banned_ids)
        # The nucleus lies within the 50 likeliest tokens (top-k 50 as well): no full-vocabulary sort.
        head, order = log_probs.topk(min(SAMPLING_TOP_K, log_probs.size(1)), dim=-1)
        probs = head.exp()
        probs[probs.cumsum(dim=-1) - probs >= config.top_p] = 0.0  # outside the nucleus
        picks = torch.multinomial(probs, 1, generator=generator)
        tokens, token_log_probs = order.gather(1, picks).squeeze(1).tolist(), head.gather(1, picks).squeeze(1).tolist()
        survivors: list[int] = []
        for row, (parent, token) in enumerate(zip(live, tokens)):
            log_prob = parent.log_prob + token_log_probs[row]
            if token == eos_id:
                finished.append(Hypothesis(parent.tokens, log_prob, parent.steps + 1))
            else:
                survivors.append(row)
                live[row] = Hypothesis(parent.tokens + (token,), log_prob, parent.steps + 1)
        if not survivors:
            break
        decoder.select(torch.tensor(survivors))
        live = [live[row] for row in survivors]
        last_tokens = torch.tensor([h.tokens[-1] for h in live])
    else:
        finished += live  # reached max_length: cut there
    return sorted(finished, key=lambda h: h.mean_log_prob, reverse=True)


def char_ngrams(text: str, max_n: int = 6) -> list[Counter]:
    """Counts of the character 1..max_n-grams of ``text`` with its spaces removed, one Counter per order."""
    text = text.replace(" ", "")
    return [Counter(text[i:i + n] for i in range(len(text) - n + 1)) for n in range(1, max_n + 1)]


def char_ngram_f(hypothesis: str, reference: str, max_n: int = 6, beta: float = 2.0) -> float:
    """chrF of one string against another: character 1..max_n-grams (spaces removed), precision and
    recall averaged over the orders, then their F-beta (recall weighted beta times)."""
    return ngram_f(char_ngrams(hypothesis, max_n), char_ngrams(reference, max_n), beta)


def ngram_f(ours: Sequence[Counter], theirs: Sequence[Counter], beta: float) -> float:
    """:func:`char_ngram_f` from counts made once (:func:`char_ngrams`): the consensus compares
    every sample with every other, and counting each pair anew took ~6 ms of a ~35 ms reply."""
    precisions, recalls = [], []
    for our_counts, their_counts in zip(ours, theirs):
        if our_counts and their_counts:
            matches = sum(min(count, their_counts[gram]) for gram, count in our_counts.items() if gram in their_counts)
            precisions.append(matches / our_counts.total())
            recalls.append(matches / their_counts.total())
    precision, recall = (fmean(precisions), fmean(recalls)) if precisions else (0.0, 0.0)
    if precision + recall == 0:
        return 0.0
    return (1 + beta ** 2) * precision * recall / (beta ** 2 * precision + recall)


def consensus_order(candidates: Sequence[Candidate], hypotheses: int, margin: float,
                    relevance: Sequence[float] = (), relevance_weight: float = 0.0) -> list[Candidate]:
    """Minimum-Bayes-risk order of sampled replies (given most confident first): of the first
    ``hypotheses`` that are within ``margin`` of the best mean log-probability, the one most like
    the other samples within the margin (mean chrF) first, then the rest as given. What the model keeps coming back
    to is its answer; an unconfident sample (often a garbled variant of it, or one of several alike
    bits of chit-chat) is never preferred for agreeing, and has no vote either: three garbled takes
    on one joke had outvoted two clean copies of another ("tell me a joke"). With ``relevance``
    (one score per candidate, see :mod:`nlp.relevance`) the order is by agreement +
    ``relevance_weight`` * relevance: of two lines the model keeps coming back to, the one that
    answers the message."""
    texts = [c.text for c in candidates]
    if len(texts) < 3:
        return list(candidates)
    best = candidates[0].mean_log_prob
    voters = [j for j in range(len(texts)) if candidates[j].mean_log_prob >= best - margin]
    close = [i for i in voters if i < hypotheses]
    if len(voters) < 2:
        return list(candidates)
    # beta 1: agreement is symmetric (chrF's recall weighting would favour the longest sample).
    grams = {i: char_ngrams(texts[i]) for i in voters}
    agreement = {i: fmean(ngram_f(grams[i], grams[j], beta=1.0) for j in voters if j != i) for i in close}
    if relevance:
        agreement = {i: value + relevance_weight * relevance[i] for i, value in agreement.items()}
    order = sorted(close, key=lambda i: -agreement[i]) + [i for i in range(len(texts)) if i not in agreement]
    return [candidates[i] for i in order]


def greedy_decode(
    decoder: StepDecoder, *, bos_id: int, eos_id: int, banned_ids: Sequence[int], config: DecodingConfig
) -> Hypothesis:
    """Greedy search: a beam of one, with the same bounds."""
    greedy = DecodingConfig(**{**config.__dict__, "beam_size": 1, "n_best": 1})
    return beam_search(decoder, bos_id=bos_id, eos_id=eos_id, banned_ids=banned_ids, config=greedy)[0]


# ---------------------------------------------------------------- the safety net

UNKNOWN_MARKERS = ("\u2047", "<unk>", "\ufffd")  # sentencepiece's " ⁇ ", a literal <unk>, a broken byte
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_WORD_FORM = re.compile(r"[a-z]+(?:'[a-z]+)*")  # "don't" is one word: "i'ting" is not "i" + "ting"


@dataclass(frozen=True)
class Candidate:
    text: str
    mean_log_prob: float


@dataclass(frozen=True)
class Choice:
    text: str
    from_model: bool
    reason: str = ""  # why the model's candidates were not used: "unsure", "empty", "copy", ...


def normalise(text: str) -> str:
    """Lowercase words only: "How are you?!" and "how are you" compare equal."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def is_empty(text: str) -> bool:
    return not normalise(text)


def is_copy(reply: str, message: str) -> bool:
    return normalise(reply) == normalise(message)


# A reply whose first word is a bare sentence mark ("! Cats love many!"): the decoder began with the
# end of a sentence it never wrote. Emoticons (":)", ";)") and an ellipsis ("...well") start replies in
# human chat and are not caught.
_BARE_MARK_START = re.compile(r"^\s*[!?,.;:](?:\s|$)")


def is_garbage(text: str) -> bool:
    """Unknown-token markers, a bare punctuation mark for a first word, or mostly symbols rather than letters."""
    if any(marker in text for marker in UNKNOWN_MARKERS) or _BARE_MARK_START.match(text):
        return True
    visible = [ch for ch in text if not ch.isspace()]
    return sum(ch.isalpha() for ch in visible) < 0.5 * len(visible)


def word_forms(text: str) -> list[str]:
    """Lowercase runs of ASCII letters, with contractions kept whole: what :func:`invented_words` compares."""
    return _WORD_FORM.findall(text.lower())


def invented_words(text: str, known_words: AbstractSet[str]) -> list[str]:
    """Words of ``text`` that the training text never had. A small model glues subword pieces
    into non-words ("couplegh", "raitoring") that no reader can follow: garbage, like ``⁇``."""
    return [word for word in word_forms(text) if word not in known_words]


def rejection(reply: str, message: str, known_words: AbstractSet[str] = frozenset()) -> str | None:
    """Why ``reply`` must not be sent in answer to ``message`` (None: it may). With ``known_words``
    (the training text's :func:`word_forms`), a reply with a word outside them is rejected too."""
    if is_empty(reply):
        return "empty"
    if is_copy(reply, message):
        return "copy"
    if is_garbage(reply):
        return "unknown"
    if known_words and invented_words(reply, known_words):
        return "invented"
    if contains_profanity(reply):
        return "profane"
    return None


def trim_to_sentence(text: str) -> str:
    """A reply cut mid-sentence, back to its last sentence end when that keeps at least half of it."""
    sentence_end = max(text.rfind(mark) for mark in ".!?")
    return text[: sentence_end + 1] if sentence_end >= len(text) // 2 else text


def cap_length(text: str, max_chars: int) -> str:
    """Cut a long reply at its last sentence end (or word) within ``max_chars``."""
    if len(text) <= max_chars:
        return text
    head = trim_to_sentence(text[:max_chars])
    if head[-1] in ".!?":
        return head
    return head.rsplit(" ", 1)[0].rstrip(",;:-") + "…"


@dataclass(frozen=True)
class SafetyNet:
    min_mean_log_prob: float  # set from held-out data at training time
    max_chars: int = 160
    # the training text's word forms (empty: not checked); saved apart from the settings (see settings())
    known_words: frozenset[str] = field(default=frozenset(), repr=False)

    def settings(self) -> dict[str, float | int]:
        """What config.json keeps (the word list is a file of its own)."""
        return {"min_mean_log_prob": self.min_mean_log_prob, "max_chars": self.max_chars}

    def choose(self, candidates: Sequence[Candidate], message: str, fallback: str,
               also_reject: Callable[[str], str | None] | None = None) -> Choice:
        """The first acceptable candidate if the model is confident in it, else ``fallback``.
        ``also_reject`` adds the caller's own reason to refuse a candidate (see ``Responder.choose``)."""
        first_reason = "empty"
        for index, candidate in enumerate(candidates):
            reason = rejection(candidate.text, message, self.known_words)
            if reason is None and also_reject is not None:
                reason = also_reject(candidate.text)
            if reason is None:
                if candidate.mean_log_prob < self.min_mean_log_prob:
                    return Choice(fallback, from_model=False, reason="unsure")
                return Choice(cap_length(candidate.text, self.max_chars), from_model=True)
            if index == 0:
                first_reason = reason
        return Choice(fallback, from_model=False, reason=first_reason)
