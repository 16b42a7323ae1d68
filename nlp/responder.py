"""The responder component: tutorbot's own generative chit-chat (``Pipeline.respond``).

Trained on every ``dialogues/**/*.tsv`` pair of the training data: the tutor's persona files
(``data/dialogues/persona*.tsv``) and, when ``benchmarks.dialogue_corpora`` fetched them, real
conversations under ``dialogues/fetched/``. The persona is oversampled to a fixed share of every
batch and wins outright where a fetched message says the same thing, so "who made you?" gets the
tutor's answer, not a stranger's. It has its own sentencepiece tokenizer, trained on the dialogue
text and saved beside the weights; the model is :class:`nlp.seq2seq.Seq2Seq` (why an LSTM:
see that module and ``docs/responder.md``); replies come from :mod:`nlp.decoding`'s seeded nucleus
sampling (or beam search) and safety net, with a persona line that steers back to learning when the model is unsure.

    directory/tokenizer.model      sentencepiece (unigram)
    directory/model.safetensors    weights
    directory/config.json          model + decoding config, fallback threshold, preset, seed, metrics
    directory/words.txt            the training text's word forms (the safety net rejects invented words)
    directory/relevance.safetensors    the reply selector's dual encoder (nlp.relevance), when the preset trains one
    directory/persona_replies.txt      the persona lines it checks recitals against, one a line
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import re
import zlib
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar, Iterable, Iterator, Sequence

import sentencepiece as spm
import torch
from safetensors.torch import load_model, save_model
from torch import Tensor, nn
from tqdm import tqdm

from nlp.data import is_fetched
from nlp.decoding import (
    Candidate, Choice, DecodingConfig, Hypothesis, SafetyNet, beam_search, cap_length, consensus_order, normalise,
    sample_decode, word_forms,
)
from nlp.embeddings import Word2VecConfig, word2vec
from nlp.relevance import (
    PAD, UNK, DualEncoder, RelevanceConfig, RelevanceTraining, ReplySelector, SelectionSettings, hide_source_tokens,
    recall_at_1, train_dual_encoder,
)
from nlp.seq2seq import IncrementalDecoder, Seq2Seq, Seq2SeqConfig

BOS, EOS = 2, 3  # PAD 0 and UNK 1 come from nlp.relevance, which the dual encoder shares
WORDS = "words.txt"
RELEVANCE_WEIGHTS = "relevance.safetensors"
PERSONA_REPLIES = "persona_replies.txt"
SEPARATOR = "<sep>"        # between a previous turn and the message in the encoder input
MAX_SOURCE_TOKENS = 40     # the end of the input is kept: the message matters more than old context
MAX_TARGET_TOKENS = 44     # longer replies are cut and then trained without EOS: never learn to stop mid-sentence;
                           # 44 keeps every persona reply whole (the longest is 43 tokens)
HELDOUT_PERMILLE = 50      # 5% of every source, chosen by a hash of the pair: the same split every run
MAX_HELDOUT_SCORED = 2000  # held-out pairs scored for perplexity
CALIBRATION_MESSAGES = 200
# Learners open messages with filler words; the persona's few hundred messages rarely do, and
# the model then read "so who are you?" as strangers' chit-chat. Own pairs also train with one.
OPENERS = ("so", "ok", "well", "hey", "and", "oh", "um", "btw", "hmm", "also")
OPENER_SHARE = 0.3
BUCKET_BATCHES = 16        # batches drawn together and bucketed by length (see length_bucketed_batches)
# word2vec for the piece embedding (word2vec_init): the dimension is the model's; about 6M pieces
# in all (2-3 passes over the fetched chit-chat), so it adds well under a minute to training.
PIECE_WORD2VEC = Word2VecConfig(vector_size=0, epochs=10, word_budget=6_000_000)
UNSURE_PERCENTILE = 0.05   # the least confident 5% of held-out replies become fallbacks: rare, but a net
# ... and replies less relevant (reply selector) than 98% of the human replies to held-out messages.
# Dev split: 2% -> fallbacks 3.7 % -> 7.2 %, chrF 14.37 -> 14.37, 4 of 45 dev prompts from a wrong answer
# to a fallback, none from a right one; 5% -> fallbacks 8.8 %, the same 4 prompts.
UNSURE_RELEVANCE_PERCENTILE = 0.02
DEFAULT_THRESHOLD = -4.0   # without enough held-out data: only a very unsure model falls back

FALLBACK_LINES = (
    "I'm not sure what to say to that, but I know a lot about deep learning. Shall we continue the lesson?",
    "Good question for another time! Want to pick up where we left off in the course?",
    "Hmm, that is beyond me. I'm the tutor of the practical deep learning seminar: ask me about neural nets, CNNs or word2vec!",
    "Let's get back to learning: how about a quick quiz on today's topic?",
    "I'm better at deep learning than at small talk. Shall we look at the next lesson?",
)


@dataclass(frozen=True)
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
    # with words hidden it has to use all of them. Dev pairs / 30 dev prompts answered plausibly:
    # 0 -> chrF 13.66, 21 of 30; 0.1 -> 14.07, 21; 0.2 -> 13.90, 23 (and fallbacks 4.8 % -> 2.9 %).
    source_dropout: float = 0.0
    # Initialise the shared piece embedding with word2vec over all the training side's dialogue text
    # (PIECE_WORD2VEC): pieces of words the persona never uses ("pancakes") then start near the
    # pieces of words it does ("pasta"), instead of at random.
    word2vec_init: bool = False
    # Steps of the reply selector's dual encoder (nlp.relevance; 0: none). It orders the samples with
    # their relevance and refuses persona lines recited for other messages. Dev split: chrF 14.45 -> 14.37;
    # of 45 dev prompts 3 went from wrong to right ("good night!", ...), none from right to wrong.
    relevance_steps: int = 0
    # At most this many passes over the training pairs (0: no cap). From data/ alone (~900 persona pairs)
    # 3,500 steps are ~260 passes and took 4 of the 5 minutes of `tutorbot train`; capped at 160 (2,200
    # steps): 164 s instead of ~240, held-out perplexity 2.53 -> 2.60, and of 45 dev prompts about as
    # many answered plausibly (21 vs 20; more persona fallbacks, fewer wrong answers). With the fetched
    # corpora (~40,000 pairs) the cap is far away.
    max_passes: int = 0
    # Intra-op threads of the seq2seq and reply-selector training: fixed by the preset and the data, not
    # by the machine's core count, so a seed gives the same weights whatever the core count (products
    # split over threads sum in another order). On 2 idle cores 2 threads made the default preset's steps
    # 1.45-1.65x faster than one (measured 2026-12-06); the tiny test models gain nothing from them.
    threads: int = 1
    # Below this many training pairs, one thread (see training_threads).
    threads_from_pairs: int = 0


PRESETS: dict[str, Preset] = {
    "tiny": Preset(400, 32, 64, 0.0, 400, 16, 1e-2, 500, 0.5, 0.0, 0.0, 0, 2, word2vec_init=True,
                   relevance_steps=150),
    "default": Preset(3000, 128, 256, 0.1, 3500, 64, 3e-3, 40_000, 0.35, 0.25, 0.1, HELDOUT_PERMILLE, 9,
                      source_dropout=0.2, word2vec_init=True, relevance_steps=800, max_passes=160, threads=2,
                      threads_from_pairs=5_000),
    "long": Preset(4000, 256, 512, 0.2, 30_000, 64, 2e-3, 200_000, 0.25, 0.25, 0.1, HELDOUT_PERMILLE, 9,
                   source_dropout=0.2, word2vec_init=True, relevance_steps=1500, threads=2,
                   threads_from_pairs=5_000),
}


@dataclass(frozen=True)
class Pair:
    message: str
    reply: str
    source: str
    context: str = ""  # the previous turn, when the data chains (a reply that is the next message)


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


def model_text(text: str) -> str:
    """What the tokenizer sees: lowercase, one line."""
    return " ".join(text.lower().split())


_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")
_LONE_I = re.compile(r"\bi\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_MARK_RUN = re.compile(r"([!?,])\1+")  # "sense!!!!!!!!!" (chat corpora write it) -> "sense!"
_DOT_RUN = re.compile(r"\.{4,}")        # an ellipsis stays three dots


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


def read_words(path: Path) -> frozenset[str]:
    """words.txt, one word a line; a model saved before it existed has none (invented words not checked)."""
    return frozenset(path.read_text(encoding="utf-8").split()) if path.is_file() else frozenset()


def fallback_line(message: str) -> str:
    """A persona line, the same one for the same message (deterministic)."""
    return FALLBACK_LINES[zlib.crc32(normalise(message).encode("utf-8")) % len(FALLBACK_LINES)]


def select_training_pairs(train: list[Pair], preset: Preset, seed: int) -> list[Pair]:
    """Own pairs all; fetched pairs whose message the persona also answers are dropped (the
    persona wins), the rest a seeded sample capped at ``preset.max_fetched_pairs``.

    Every length is kept: picking short replies first taught the model to answer in ~7 words
    where people answer in ~13, and cost recall (chrF) on held-out chat (measured)."""
    own = [p for p in train if not is_fetched(p.source)]
    own_messages = {normalise(p.message) for p in own}
    fetched = [p for p in train if is_fetched(p.source) and normalise(p.message) not in own_messages]
    random.Random(seed).shuffle(fetched)
    return own + fetched[: preset.max_fetched_pairs]


def training_steps(preset: Preset, pairs: int) -> int:
    """``preset.steps``, or fewer where a small training set would be passed over more than
    ``preset.max_passes`` times (batches of ``preset.batch_size``)."""
    if not preset.max_passes:
        return preset.steps
    return max(1, min(preset.steps, math.ceil(preset.max_passes * pairs / preset.batch_size)))


def training_threads(preset: Preset, pairs: int) -> int:
    """``preset.threads``, or one for fewer than ``preset.threads_from_pairs`` training pairs. A small
    set (data/ alone: ~900 persona pairs, ~4 minutes) trains wholly beside the NLU components
    (nlp.apart), and 2 threads contending with them all that time made every component from data/
    take 5 min 14 s instead of 4 min 40 s; with the fetched corpora (~40,000 pairs) the NLU
    components are done after the first ~2 of its ~8 minutes (every component: 11 min 33 s on one
    thread, 9 min 43 s on two; measured 2026-12-06)."""
    return preset.threads if pairs >= preset.threads_from_pairs else 1


def train_tokenizer(texts: Sequence[str], vocab_size: int) -> bytes:
    model = BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=model, vocab_size=vocab_size, model_type="unigram",
        pad_id=PAD, unk_id=UNK, bos_id=BOS, eos_id=EOS, user_defined_symbols=[SEPARATOR],
        hard_vocab_limit=False, character_coverage=0.9995, num_threads=1, minloglevel=2,
    )
    return model.getvalue()


class Responder:
    name: ClassVar[str] = "responder"
    requires: ClassVar[tuple[str, ...]] = ()
    # Its training is long and needs no other component: the pipeline runs it in a process of its own,
    # beside the NLU components (nlp.apart).
    trains_apart: ClassVar[bool] = True

    def __init__(
        self, tokenizer_proto: bytes, model: Seq2Seq, decoding: DecodingConfig, safety: SafetyNet,
        metrics: dict[str, float] | None = None, info: dict[str, Any] | None = None,
        casing: dict[str, str] | None = None, selector: ReplySelector | None = None,
    ) -> None:
        self.tokenizer_proto = tokenizer_proto
        self.tokenizer = spm.SentencePieceProcessor(model_proto=tokenizer_proto)
        self.model = model.eval()
        self.decoding = decoding
        self.safety = safety
        self.metrics: dict[str, float] = dict(metrics or {})
        self.info: dict[str, Any] = dict(info or {})
        self.casing: dict[str, str] = dict(casing or {})  # see learn_casing
        self.selector = selector  # see nlp.relevance; None for models trained without one

    # ------------------------------------------------------------ life cycle

    @classmethod
    def can_train(cls, data: Any) -> bool:
        return bool(getattr(data, "dialogues", None))

    @classmethod
    def train(
        cls, data: Any, *, shared: dict[str, Any] | None = None, seed: int = 0, progress: bool = False,
        preset: str = "default",
    ) -> "Responder":
        settings = PRESETS[preset]
        train_side, heldout = split_pairs(data.dialogues, settings.heldout_permille)
        train = select_training_pairs(train_side, settings, seed)
        settings = replace(settings, steps=training_steps(settings, len(train)))
        with intra_op_threads(training_threads(settings, len(train))):
            return cls._train(train_side, heldout, train, seed, progress, settings, preset)

    @classmethod
    def _train(cls, train_side: list[Pair], heldout: list[Pair], train: list[Pair], seed: int, progress: bool,
               settings: Preset, preset: str) -> "Responder":
        """Train on ``train`` (selected from ``train_side``); ``heldout`` scores and calibrates."""
        torch.manual_seed(seed)
        texts = [model_text(t) for p in train for t in (p.message, p.reply)]
        tokenizer_proto = train_tokenizer(texts, settings.vocab_size)
        tokenizer = spm.SentencePieceProcessor(model_proto=tokenizer_proto)
        config = Seq2SeqConfig(tokenizer.get_piece_size(), settings.embed_dim, settings.hidden_dim, settings.dropout, PAD)
        model = Seq2Seq(config)
        if settings.word2vec_init:
            all_texts = list(dict.fromkeys(model_text(t) for p in train_side for t in (p.message, p.reply)))
            init_piece_embeddings(model.embedding, tokenizer, all_texts, seed)
        examples = encode_examples(tokenizer, train, settings.context_share, seed)
        weights = sampling_weights(examples, settings.own_share)
        final_loss = fit(model, examples, weights, settings, seed, progress)
        decoding = DecodingConfig(min_length=settings.min_reply_tokens, max_length=MAX_TARGET_TOKENS)
        known_words = frozenset(word for text in texts for word in word_forms(text))
        responder = cls(tokenizer_proto, model, decoding, SafetyNet(DEFAULT_THRESHOLD, known_words=known_words),
                        info={"preset": preset, "seed": seed}, casing=learn_casing(p.reply for p in train))
        responder.metrics = {"train_pairs": float(len(train)), "heldout_pairs": float(len(heldout)),
                             "train_steps": float(settings.steps), "train_loss": round(final_loss, 4)}
        if settings.relevance_steps:
            dual = train_dual_encoder(
                [e.source for e in examples], [e.target for e in examples], weights,
                RelevanceConfig(config.vocab_size, config.embed_dim), RelevanceTraining(steps=settings.relevance_steps),
                seed, model.embedding.weight.detach().clone(), progress,
            )
            responder.selector = ReplySelector(dual, [p.reply for p in train if not is_fetched(p.source)],
                                               responder.source_ids, responder.reply_ids)
            responder.calibrate_relevance(heldout[:MAX_HELDOUT_SCORED])
        if heldout:
            responder.metrics["perplexity"] = round(responder.perplexity(heldout[:MAX_HELDOUT_SCORED]), 3)
            if responder.selector and len(heldout) >= 10:
                scored = heldout[:MAX_HELDOUT_SCORED]
                responder.metrics["selection_r1_at_10"] = round(
                    responder.selection_recall([p.message for p in scored], [p.reply for p in scored]), 3)
            responder.calibrate([p.message for p in heldout[:CALIBRATION_MESSAGES]])
        responder.metrics["fallback_threshold"] = round(responder.safety.min_mean_log_prob, 4)
        return responder

    def evaluate(self, data: Any) -> dict[str, float]:
        pairs = [Pair(d.message, d.reply, d.source) for d in data.dialogues]
        return {"perplexity": self.perplexity(pairs), "pairs": float(len(pairs))} if pairs else {}

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "tokenizer.model").write_bytes(self.tokenizer_proto)
        save_model(self.model, str(directory / "model.safetensors"))
        config = {
            "model": self.model.config.to_dict(), "decoding": asdict(self.decoding),
            "safety": self.safety.settings(), "metrics": self.metrics, "casing": self.casing, **self.info,
        }
        if self.selector:
            config["relevance"] = {"model": self.selector.model.config.to_dict(), "settings": asdict(self.selector.settings)}
        (directory / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        (directory / WORDS).write_text("".join(f"{word}\n" for word in sorted(self.safety.known_words)), encoding="utf-8")
        if self.selector:
            save_model(self.selector.model, str(directory / RELEVANCE_WEIGHTS))
            (directory / PERSONA_REPLIES).write_text("".join(f"{r}\n" for r in self.selector.persona_replies), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, *, shared: dict[str, Any] | None = None) -> "Responder":
        directory = Path(directory)
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        model = Seq2Seq(Seq2SeqConfig(**config.pop("model")))
        load_model(model, str(directory / "model.safetensors"))
        relevance = config.pop("relevance", None)
        responder = cls(
            (directory / "tokenizer.model").read_bytes(), model, DecodingConfig(**config.pop("decoding")),
            SafetyNet(**config.pop("safety"), known_words=read_words(directory / WORDS)), config.pop("metrics"),
            casing=config.pop("casing", {}), info=config,
        )
        if relevance:  # older models have no reply selector
            dual = DualEncoder(RelevanceConfig(**relevance["model"]))
            load_model(dual, str(directory / RELEVANCE_WEIGHTS))
            replies = (directory / PERSONA_REPLIES).read_text(encoding="utf-8").splitlines()
            responder.selector = ReplySelector(dual, replies, responder.source_ids, responder.reply_ids,
                                               SelectionSettings(**relevance["settings"]))
        return responder

    # ------------------------------------------------------------ replying

    def respond(self, text: str, context: Sequence[str] = ()) -> str:
        return self.reply(text, context).text

    def reply(self, text: str, context: Sequence[str] = (), decoding: DecodingConfig | None = None) -> Choice:
        """The reply with how it was chosen (model or fallback, and why)."""
        return self.choose(text, self.candidates(text, context, decoding))

    def choose(self, message: str, candidates: Sequence[Candidate], allow_unsure: bool = True) -> Choice:
        """The safety net's pick. With a reply selector it also refuses a persona line that the model
        recites for a message it does not answer (reason "recited": the line was learnt for other
        messages), and a pick that hardly answers the message is unsure too (reason "irrelevant").
        ``allow_unsure=False``: the model's own reply even where it is unsure (for measuring the model)."""
        selector = self.selector
        recited = (lambda reply: "recited" if selector.recited_elsewhere(message, reply) else None) if selector else None
        safety = self.safety if allow_unsure else replace(self.safety, min_mean_log_prob=-math.inf)
        choice = safety.choose(candidates, message, fallback_line(message), recited)
        if allow_unsure and choice.from_model and selector and selector.irrelevant(message, choice.text):
            return Choice(fallback_line(message), from_model=False, reason="irrelevant")
        return choice

    @torch.no_grad()
    def candidates(self, text: str, context: Sequence[str] = (), decoding: DecodingConfig | None = None) -> list[Candidate]:
        source = self.source_ids(text, context[-1] if context else "")
        config = decoding or self.decoding
        bounds = dict(bos_id=BOS, eos_id=EOS, banned_ids=(PAD, UNK, BOS), config=config)
        if config.top_p > 0:
            # Seeded by the input: the same message always gets the same reply.
            generator = torch.Generator().manual_seed(zlib.crc32(str(source).encode("ascii")))
            hypotheses = sample_decode(IncrementalDecoder(self.model, source), generator=generator, **bounds)
        else:
            hypotheses = beam_search(IncrementalDecoder(self.model, source), **bounds)
        candidates = [Candidate(self.text_of(h), h.mean_log_prob) for h in hypotheses]
        if config.top_p > 0 and config.consensus:
            relevance = self.selector.relevance(text, [c.text for c in candidates]) if self.selector else ()
            weight = self.selector.settings.relevance_weight if self.selector else 0.0
            candidates = consensus_order(candidates, config.consensus, config.consensus_margin, relevance, weight)
        return candidates

    def text_of(self, hypothesis: Hypothesis) -> str:
        text = tidy(self.tokenizer.decode(list(hypothesis.tokens)), self.casing)
        # Cut at max_length, or as long as a cut training reply: end it at a sentence or word.
        cut = not hypothesis.complete or len(hypothesis.tokens) >= MAX_TARGET_TOKENS
        return cap_length(text, len(text) - 1) if cut else text

    def reply_ids(self, text: str) -> list[int]:
        """``text`` as a reply the model would write: piece ids, cut as training cuts a reply."""
        return self.tokenizer.encode(model_text(text))[:MAX_TARGET_TOKENS]

    def source_ids(self, message: str, context: str = "") -> list[int]:
        ids = self.tokenizer.encode(model_text(message))
        if context:
            ids = self.tokenizer.encode(model_text(context)) + [self.tokenizer.piece_to_id(SEPARATOR)] + ids
        return ids[-MAX_SOURCE_TOKENS:] or [UNK]

    # ------------------------------------------------------------ measuring

    @torch.no_grad()
    def perplexity(self, pairs: Sequence[Pair], batch_size: int = 64) -> float:
        """exp(mean token negative log-likelihood) of the references, EOS included."""
        self.model.eval()
        examples = [self.example(p) for p in pairs]
        total, count = 0.0, 0
        for start in range(0, len(examples), batch_size):
            source, lengths, targets_in, targets_out = collate(examples[start:start + batch_size])
            logits = self.model(source, lengths, targets_in)
            total += nn.functional.cross_entropy(
                logits.flatten(0, 1), targets_out.flatten(), ignore_index=PAD, reduction="sum"
            ).item()
            count += int((targets_out != PAD).sum())
        return math.exp(total / max(count, 1))

    def example(self, pair: Pair) -> "Example":
        reply = self.tokenizer.encode(model_text(pair.reply))
        return Example(self.source_ids(pair.message, pair.context), reply[:MAX_TARGET_TOKENS], True,
                       len(reply) <= MAX_TARGET_TOKENS)

    def selection_recall(self, messages: Sequence[str], replies: Sequence[str]) -> float:
        """The reply selector's R@1 of 10 on these pairs, each text cut as the seq2seq reads it."""
        assert self.selector is not None
        return recall_at_1(self.selector.model, [self.source_ids(m) for m in messages],
                           [self.reply_ids(r) for r in replies])

    def calibrate_relevance(self, pairs: Sequence[Pair]) -> None:
        """Set the reply selector's ``min_relevance`` to the ``UNSURE_RELEVANCE_PERCENTILE`` of how well
        the human replies of held-out ``pairs`` answer their messages."""
        if self.selector is None or len(pairs) < 50:
            return
        scores = sorted(self.selector.relevance(p.message, [p.reply])[0] for p in pairs)
        settings = replace(self.selector.settings, min_relevance=scores[int(UNSURE_RELEVANCE_PERCENTILE * len(scores))])
        self.selector = ReplySelector(self.selector.model, self.selector.persona_replies, self.source_ids, self.reply_ids,
                                      settings)
        self.metrics["min_relevance"] = round(settings.min_relevance, 4)

    def calibrate(self, messages: Sequence[str]) -> None:
        """Set the fallback threshold so that the least confident ``UNSURE_PERCENTILE`` of
        replies to held-out messages would fall back."""
        if len(messages) < 20:
            return
        confidences = sorted(self.candidates(m)[0].mean_log_prob for m in messages)
        threshold = confidences[int(UNSURE_PERCENTILE * len(confidences))]
        self.safety = replace(self.safety, min_mean_log_prob=threshold)


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class Example:
    source: list[int]
    target: list[int]  # at most MAX_TARGET_TOKENS
    own: bool          # from the persona / own files (oversampled)
    ends: bool = True  # the whole reply (EOS is trained after it), not a cut one


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
    position, and bucketing made steps ~1.4x faster (measured). Which examples are drawn, and how
    often, is unchanged; the order of the cut batches is shuffled."""
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
