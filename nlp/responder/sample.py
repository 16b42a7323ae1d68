"""The responder's replies: candidates decoded from the seq2seq, ordered, written out (casing, length)
and the one to send chosen by the safety net and the reply selector, or a persona fallback line."""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable, Iterable, Sequence

import torch

from nlp.decoding import (
    Candidate, Choice, DecodingConfig, Hypothesis, SafetyNet, beam_search, cap_length, consensus_order, normalise,
    sample_decode,
)
from nlp.relevance import PAD, UNK, ReplySelector
from nlp.responder.data import BOS, EOS, MAX_TARGET_TOKENS
from nlp.seq2seq import IncrementalDecoder, Seq2Seq

FALLBACK_LINES = (
    "I'm not sure what to say to that, but I know a lot about deep learning. Shall we continue the lesson?",
    "Good question for another time! Want to pick up where we left off in the course?",
    "Hmm, that is beyond me. I'm the tutor of the practical deep learning seminar: ask me about neural nets, CNNs or word2vec!",
    "Let's get back to learning: how about a quick quiz on today's topic?",
    "I'm better at deep learning than at small talk. Shall we look at the next lesson?",
)

Refuse = Callable[[str], bool]   # a caller's reason to pass over a candidate reply

_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")
_LONE_I = re.compile(r"\bi\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_MARK_RUN = re.compile(r"([!?,])\1+")  # "sense!!!!!!!!!" (chat corpora write it) -> "sense!"
_DOT_RUN = re.compile(r"\.{4,}")        # an ellipsis stays three dots


def decode(model: Seq2Seq, source: list[int], config: DecodingConfig) -> list[Hypothesis]:
    """Nucleus samples (``config.top_p`` > 0) or the beam's hypotheses for the encoded message."""
    bounds = dict(bos_id=BOS, eos_id=EOS, banned_ids=(PAD, UNK, BOS), config=config)
    if config.top_p > 0:
        # Seeded by the input: the same message always gets the same reply.
        generator = torch.Generator().manual_seed(zlib.crc32(str(source).encode("ascii")))
        return sample_decode(IncrementalDecoder(model, source), generator=generator, **bounds)
    return beam_search(IncrementalDecoder(model, source), **bounds)


def ordered(message: str, candidates: list[Candidate], config: DecodingConfig,
            selector: ReplySelector | None) -> list[Candidate]:
    """Samples in consensus order (with the selector's relevance to ``message`` where there is one);
    beam hypotheses as they come."""
    if not (config.top_p > 0 and config.consensus):
        return candidates
    relevance = selector.relevance(message, [c.text for c in candidates]) if selector else ()
    weight = selector.settings.relevance_weight if selector else 0.0
    return consensus_order(candidates, config.consensus, config.consensus_margin, relevance, weight)


def written(text: str, hypothesis: Hypothesis, casing: dict[str, str]) -> str:
    """The decoded ``text`` of ``hypothesis`` as sent: tidied, and where it was cut at max_length, or is
    as long as a cut training reply, ended at a sentence or word."""
    text = tidy(text, casing)
    cut = not hypothesis.complete or len(hypothesis.tokens) >= MAX_TARGET_TOKENS
    return cap_length(text, len(text) - 1) if cut else text


def choose(safety: SafetyNet, selector: ReplySelector | None, message: str, candidates: Sequence[Candidate],
           allow_unsure: bool = True, refuse: Refuse | None = None) -> Choice:
    """The safety net's pick. With a reply selector it also refuses a persona line that the model
    recites for a message it does not answer (reason "recited": the line was learnt for other
    messages), and a pick that hardly answers the message is unsure too (reason "irrelevant").
    ``refuse``: the caller's reason to pass over a candidate for the next one (reason "refused").
    ``allow_unsure=False``: the model's own reply even where it is unsure (for measuring the model)."""
    def rejected(reply: str) -> str | None:
        if refuse is not None and refuse(reply):
            return "refused"
        return "recited" if selector and selector.recited_elsewhere(message, reply) else None

    safety = safety if allow_unsure else replace(safety, min_mean_log_prob=-math.inf)
    choice = safety.choose(candidates, message, fallback_line(message), rejected if selector or refuse else None)
    if allow_unsure and choice.from_model and selector and selector.irrelevant(message, choice.text):
        return Choice(fallback_line(message), from_model=False, reason="irrelevant")
    return choice


def fallback_line(message: str) -> str:
    """A persona line, the same one for the same message (deterministic)."""
    return FALLBACK_LINES[zlib.crc32(normalise(message).encode("utf-8")) % len(FALLBACK_LINES)]


def learn_casing(replies: Iterable[str], min_count: int = 4) -> dict[str, str]:
    """How the training replies write the words that are not lowercase ("rnns" -> "RNNs",
    "pytorch" -> "PyTorch"): a word's majority form away from a sentence start, seen ``min_count`` times."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for reply in replies:
        for sentence in _SENTENCES.split(reply):
            for word in _WORD.findall(sentence)[1:]:
                forms[word.lower()][word] += 1
    casing = {}
    for word, counts in forms.items():
        form, count = counts.most_common(1)[0]
        if form != word and count >= min_count and 2 * count > sum(counts.values()):
            casing[word] = form
    return casing


def tidy(text: str, casing: dict[str, str] | None = None) -> str:
    """The model writes lowercase: restore the training replies' casing of words, then capitalise
    sentence starts and "I"; runs of the same punctuation mark become one (dots: an ellipsis)."""
    text = _DOT_RUN.sub("...", _MARK_RUN.sub(r"\1", text.strip()))
    if casing:
        text = _WORD.sub(lambda m: casing.get(m.group(), m.group()), text)
    text = _LONE_I.sub("I", text)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
