"""The responder's weights and replies from a fixed seed, pinned by checksum.

Training with the tiny presets must give bit-for-bit the tensors, tokenizer, metrics and replies
recorded in tests/fixtures/responder_fingerprint.json: a refactoring of nlp/responder* that changes
any of them changed what the responder learns. Two cases: the tiny data as the pipeline trains it,
and a wider one (fetched chat pairs with context, a held-out share, source dropout) that runs the
pair selection, perplexity and both calibrations too.

Bit for bit holds for the same kernels: the file records the library versions and the CPU's vector
instructions it was written with, and the test is skipped (saying why) under others.

When a change of the training is meant, rewrite the file (and say why in the commit):
    PYTHONPATH=$PWD .venv/bin/python -m tests.nlp.test_responder_weights --write
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import platform
import sys
from pathlib import Path
from typing import Any

import gensim
import pytest
import sentencepiece
import torch

from nlp.data import DialoguePair, TrainingData
from nlp.responder import PRESETS, Responder

FINGERPRINT = Path(__file__).resolve().parents[1] / "fixtures" / "responder_fingerprint.json"
TINY_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "tiny_data"
WIDE_PRESET = "tiny-wide"
MESSAGES = ("hello", "who made you?", "tell me a joke", "what is a neuron?", "thanks a lot", "bye")


def wide_dialogues() -> list[DialoguePair]:
    """The tiny data plus 300 chained chat turns in a fetched corpus (deterministic text)."""
    words = ["cats", "pasta", "tennis", "rain", "music", "trains", "coffee", "books", "snow", "maths"]
    turns = [f"do you like {words[i % 10]} or {words[(3 * i + 1) % 10]}? i {'do' if i % 3 else 'do not'}"
             for i in range(301)]
    fetched = [DialoguePair(turns[i], turns[i + 1], "dialogues/fetched/chat.tsv") for i in range(300)]
    return TrainingData.load(TINY_DATA).dialogues + fetched


def tensor_sums(state: dict[str, torch.Tensor]) -> dict[str, str]:
    return {name: f"{tensor.dtype} {tuple(tensor.shape)} {hashlib.sha256(tensor.numpy().tobytes()).hexdigest()}"
            for name, tensor in state.items()}


def fingerprint_of(responder: Responder) -> dict[str, Any]:
    return {
        "model": tensor_sums(responder.model.state_dict()),
        "selector": tensor_sums(responder.selector.model.state_dict()) if responder.selector else {},
        "tokenizer": hashlib.sha256(responder.tokenizer_proto).hexdigest(),
        "metrics": responder.metrics, "safety": responder.safety.settings(), "casing": responder.casing,
        "decoding": dataclasses.asdict(responder.decoding), "info": responder.info,
        "replies": {m: dataclasses.asdict(responder.reply(m)) for m in MESSAGES},
        "with_context": responder.respond("hello", context=["bye"]),
    }


def train(dialogues: list[DialoguePair], preset: str) -> Responder:
    previous = torch.get_num_threads()
    torch.set_num_threads(1)  # the replies are decoded on the caller's threads
    try:
        return Responder.train(TrainingData(dialogues=dialogues), shared={}, seed=0, progress=False, preset=preset)
    finally:
        torch.set_num_threads(previous)


def fingerprints() -> dict[str, Any]:
    wide = dataclasses.replace(PRESETS["tiny"], heldout_permille=200, context_share=0.5, own_share=0.4,
                               source_dropout=0.1, label_smoothing=0.1, max_passes=20)
    PRESETS[WIDE_PRESET] = wide
    try:
        return {"tiny": fingerprint_of(train(TrainingData.load(TINY_DATA).dialogues, "tiny")),
                WIDE_PRESET: fingerprint_of(train(wide_dialogues(), WIDE_PRESET))}
    finally:
        del PRESETS[WIDE_PRESET]


def kernels() -> dict[str, str]:
    """What the bits depend on besides the code: float sums differ with the libraries and the CPU's vector width."""
    return {"torch": torch.__version__, "sentencepiece": sentencepiece.__version__, "gensim": gensim.__version__,
            "cpu": f"{platform.machine()} {torch.backends.cpu.get_cpu_capability()}"}


def test_the_same_seed_gives_the_recorded_weights_tokenizer_metrics_and_replies():
    recorded = json.loads(FINGERPRINT.read_text(encoding="utf-8"))
    if recorded.pop("kernels") != kernels():
        pytest.skip(f"recorded with other kernels than {kernels()}: rewrite it with --write on the code before a change")
    assert fingerprints() == recorded


if __name__ == "__main__":
    text = json.dumps({"kernels": kernels(), **fingerprints()}, indent=1, sort_keys=True) + "\n"
    if sys.argv[1:] == ["--write"]:
        FINGERPRINT.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
