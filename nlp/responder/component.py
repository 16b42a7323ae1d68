"""The responder component (``Pipeline.respond``): its life cycle (train, evaluate, save, load), its
replies and the measurements that calibrate them. Training is in :mod:`nlp.responder.train`, the
data in :mod:`nlp.responder.data`, decoding and the choice of reply in :mod:`nlp.responder.sample`."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, ClassVar, Sequence

import sentencepiece as spm
import torch
from safetensors.torch import load_model, save_model
from torch import nn

from nlp.data import is_fetched
from nlp.io import weights_to_be_loaded
from nlp.decoding import Candidate, Choice, DecodingConfig, Hypothesis, SafetyNet, word_forms
from nlp.relevance import PAD, UNK, DualEncoder, RelevanceConfig, ReplySelector, SelectionSettings, recall_at_1
from nlp.responder.data import (
    MAX_SOURCE_TOKENS, MAX_TARGET_TOKENS, SEPARATOR, Example, Pair, collate, dialogue_texts, model_text,
    select_training_pairs, split_pairs,
)
from nlp.responder.presets import Preset, preset_named, training_steps, training_threads
from nlp.responder.sample import Refuse, choose, decode, learn_casing, ordered, written
from nlp.responder.train import Fitted, fit_selector, fit_seq2seq, intra_op_threads
from nlp.seq2seq import Seq2Seq, Seq2SeqConfig

WORDS = "words.txt"
RELEVANCE_WEIGHTS = "relevance.safetensors"
PERSONA_REPLIES = "persona_replies.txt"
MAX_HELDOUT_SCORED = 2000  # held-out pairs scored for perplexity
CALIBRATION_MESSAGES = 200
UNSURE_PERCENTILE = 0.05   # the least confident 5% of held-out replies become fallbacks: rare, but a net
# ... and replies less relevant (reply selector) than 98% of the human replies to held-out messages
# (docs/responder.md, "The reply selector": a higher share turned right replies into fallbacks too).
UNSURE_RELEVANCE_PERCENTILE = 0.02
DEFAULT_THRESHOLD = -4.0   # without enough held-out data: only a very unsure model falls back


def read_words(path: Path) -> frozenset[str]:
    """words.txt, one word a line; a model saved before it existed has none (invented words not checked)."""
    return frozenset(path.read_text(encoding="utf-8").split()) if path.is_file() else frozenset()


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
        """The seq2seq and (where the preset says) the reply selector trained on the training side of
        ``data.dialogues``; the held-out side scores and calibrates them."""
        settings = preset_named(preset)
        train_side, heldout = split_pairs(data.dialogues, settings.heldout_permille)
        train = select_training_pairs(train_side, settings, seed)
        settings = replace(settings, steps=training_steps(settings, len(train)))
        with intra_op_threads(training_threads(settings, len(train))):
            fitted = fit_seq2seq(train_side, train, settings, seed, progress)
            responder = cls.from_fitted(fitted, train, len(heldout), settings, {"preset": preset, "seed": seed})
            if settings.relevance_steps:
                responder.selector = ReplySelector(fit_selector(fitted, settings, seed, progress),
                                                   [p.reply for p in train if not is_fetched(p.source)],
                                                   responder.source_ids, responder.reply_ids)
                responder.calibrate_relevance(heldout[:MAX_HELDOUT_SCORED])
            responder.score_and_calibrate(heldout)
        return responder

    @classmethod
    def from_fitted(cls, fitted: Fitted, train: Sequence[Pair], heldout_pairs: int, settings: Preset,
                    info: dict[str, Any]) -> "Responder":
        """A responder around a freshly trained seq2seq: decoding bounds from the preset, the training
        text's words and casing for the safety net; not yet calibrated."""
        decoding = DecodingConfig(min_length=settings.min_reply_tokens, max_length=MAX_TARGET_TOKENS)
        known_words = frozenset(word for text in dialogue_texts(train) for word in word_forms(text))
        metrics = {"train_pairs": float(len(train)), "heldout_pairs": float(heldout_pairs),
                   "train_steps": float(settings.steps), "train_loss": round(fitted.loss, 4)}
        return cls(fitted.tokenizer_proto, fitted.model, decoding, SafetyNet(DEFAULT_THRESHOLD, known_words=known_words),
                   metrics, info, casing=learn_casing(p.reply for p in train))

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
        with weights_to_be_loaded():
            model = Seq2Seq(Seq2SeqConfig(**config.pop("model")))
        load_model(model, str(directory / "model.safetensors"))
        relevance = config.pop("relevance", None)
        responder = cls(
            (directory / "tokenizer.model").read_bytes(), model, DecodingConfig(**config.pop("decoding")),
            SafetyNet(**config.pop("safety"), known_words=read_words(directory / WORDS)), config.pop("metrics"),
            casing=config.pop("casing", {}), info=config,
        )
        if relevance:  # older models have no reply selector
            with weights_to_be_loaded():
                dual = DualEncoder(RelevanceConfig(**relevance["model"]))
            load_model(dual, str(directory / RELEVANCE_WEIGHTS))
            replies = (directory / PERSONA_REPLIES).read_text(encoding="utf-8").splitlines()
            responder.selector = ReplySelector(dual, replies, responder.source_ids, responder.reply_ids,
                                               SelectionSettings(**relevance["settings"]))
        return responder

    # ------------------------------------------------------------ replying

    def respond(self, text: str, context: Sequence[str] = ()) -> str:
        return self.reply(text, context).text

    def reply(self, text: str, context: Sequence[str] = (), decoding: DecodingConfig | None = None,
              refuse: Refuse | None = None) -> Choice:
        """The reply with how it was chosen (model or fallback, and why); ``refuse``: the caller's own reason
        to pass over a candidate for the next one (the tutor's: it answers another speech act)."""
        return self.choose(text, self.candidates(text, context, decoding), refuse=refuse)

    def choose(self, message: str, candidates: Sequence[Candidate], allow_unsure: bool = True,
               refuse: Refuse | None = None) -> Choice:
        """The reply to send among ``candidates`` (see :func:`nlp.responder.sample.choose`)."""
        return choose(self.safety, self.selector, message, candidates, allow_unsure, refuse)

    @torch.no_grad()
    def candidates(self, text: str, context: Sequence[str] = (), decoding: DecodingConfig | None = None) -> list[Candidate]:
        config = decoding or self.decoding
        hypotheses = decode(self.model, self.source_ids(text, context[-1] if context else ""), config)
        return ordered(text, [Candidate(self.text_of(h), h.mean_log_prob) for h in hypotheses], config, self.selector)

    def text_of(self, hypothesis: Hypothesis) -> str:
        return written(self.tokenizer.decode(list(hypothesis.tokens)), hypothesis, self.casing)

    def reply_ids(self, text: str) -> list[int]:
        """``text`` as a reply the model would write: piece ids, cut as training cuts a reply."""
        return self.tokenizer.encode(model_text(text))[:MAX_TARGET_TOKENS]

    def source_ids(self, message: str, context: str = "") -> list[int]:
        ids = self.tokenizer.encode(model_text(message))
        if context:
            ids = self.tokenizer.encode(model_text(context)) + [self.tokenizer.piece_to_id(SEPARATOR)] + ids
        return ids[-MAX_SOURCE_TOKENS:] or [UNK]

    # ------------------------------------------------------------ measuring

    def score_and_calibrate(self, heldout: Sequence[Pair]) -> None:
        """Held-out perplexity and reply-selection recall into ``metrics``; the fallback threshold
        calibrated on the held-out messages (where there are enough of them)."""
        if heldout:
            self.metrics["perplexity"] = round(self.perplexity(heldout[:MAX_HELDOUT_SCORED]), 3)
            if self.selector and len(heldout) >= 10:
                scored = heldout[:MAX_HELDOUT_SCORED]
                self.metrics["selection_r1_at_10"] = round(
                    self.selection_recall([p.message for p in scored], [p.reply for p in scored]), 3)
            self.calibrate([p.message for p in heldout[:CALIBRATION_MESSAGES]])
        self.metrics["fallback_threshold"] = round(self.safety.min_mean_log_prob, 4)

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

    def example(self, pair: Pair) -> Example:
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
