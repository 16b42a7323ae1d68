"""The responder component: tiny training reproduces its pairs, save/load, persona weighting, corpora parsing."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import torch

from benchmarks.dialogue_corpora import chatterbot_pairs, chitchat_pairs, clean
from nlp.decoding import normalise
from nlp.responder import (
    FALLBACK_LINES, PRESETS, Example, Pair, Responder, fallback_line, sampling_weights, select_training_pairs,
    split_pairs, tidy,
)


@dataclass(frozen=True)
class DialoguePair:  # the shape of nlp.data.DialoguePair
    message: str
    reply: str
    source: str


@dataclass
class Data:
    dialogues: list[DialoguePair]


PAIRS = [
    ("hello", "hi! ready to learn?"),
    ("who made you?", "the seminar team."),
    ("tell me a joke", "gradients vanish."),
    ("i am tired", "take a short break."),
    ("what is day 3?", "cnns and images."),
    ("bye", "see you soon!"),
]


@pytest.fixture(scope="module")
def tiny() -> Responder:
    torch.manual_seed(0)
    data = Data([DialoguePair(m, r, "dialogues/persona.tsv") for m, r in PAIRS])
    return Responder.train(data, shared={}, seed=0, progress=False, preset="tiny")


def test_tiny_model_reproduces_its_training_pairs(tiny):
    for message, reply in PAIRS:
        choice = tiny.reply(message)
        assert choice.from_model, (message, choice)
        assert normalise(choice.text) == normalise(reply)


def test_replies_are_deterministic_and_context_is_accepted(tiny):
    assert [tiny.respond(m) for m, _ in PAIRS] == [tiny.respond(m) for m, _ in PAIRS]
    assert tiny.respond("hello", context=["bye"]).strip()


def test_save_load_round_trip_gives_identical_replies(tiny, tmp_path):
    tiny.save(tmp_path / "responder")
    assert {p.name for p in (tmp_path / "responder").iterdir()} == {"tokenizer.model", "model.safetensors", "config.json"}
    loaded = Responder.load(tmp_path / "responder", shared={})
    for message in [m for m, _ in PAIRS] + ["something never seen before"]:
        assert loaded.candidates(message) == tiny.candidates(message)
        assert loaded.respond(message) == tiny.respond(message)
    assert loaded.metrics == tiny.metrics and loaded.safety == tiny.safety


def test_evaluate_gives_low_perplexity_on_learnt_pairs(tiny):
    data = Data([DialoguePair(m, r, "dialogues/persona.tsv") for m, r in PAIRS])
    assert tiny.evaluate(data)["perplexity"] < 2.0
    assert not Responder.can_train(Data([]))


def test_split_is_fixed_by_content_and_chains_context():
    dialogues = [DialoguePair(f"message {i}", f"message {i + 1}", "dialogues/fetched/chat.tsv") for i in range(400)]
    train, heldout = split_pairs(dialogues)
    assert (train, heldout) == split_pairs(dialogues) and 5 <= len(heldout) <= 40
    assert not {(p.message, p.reply) for p in train} & {(p.message, p.reply) for p in heldout}
    assert all(p.context == f"message {int(p.message.split()[1]) - 1}" for p in train[1:] if p.message != "message 0")


def test_persona_wins_over_fetched_pairs_that_say_the_same_thing():
    own = Pair("Who made you?", "The seminar team.", "dialogues/persona.tsv")
    clash = Pair("who made you", "my mom lol", "dialogues/fetched/chitchat.tsv")
    other = Pair("do you ski?", "every winter", "dialogues/fetched/chitchat.tsv")
    assert select_training_pairs([own, clash, other], PRESETS["default"], seed=0) == [own, other]


def test_own_examples_get_their_share_of_every_batch():
    examples = [Example([4], [5], own=True)] * 2 + [Example([4], [5], own=False)] * 98
    weights = sampling_weights(examples, own_share=0.3)
    assert weights[:2].sum() / weights.sum() == pytest.approx(0.3)
    assert torch.equal(sampling_weights(examples[:2], 0.3), torch.ones(2))  # only own data: uniform


def test_fallback_line_is_stable_and_tidy_capitalises():
    assert fallback_line("what's the stock price?") == fallback_line("What's the stock price") in FALLBACK_LINES
    assert tidy("i think so. and you? i'm fine") == "I think so. And you? I'm fine"


def test_chitchat_turns_become_pairs_between_speakers():
    turn = lambda *texts: [{"sender": "x", "text": t} for t in texts]  # noqa: E731
    dataset = {"c1": {"messages": [turn("hi", "how are\tyou?"), turn("fine\nthanks"), turn("word " * 50), turn("ok")]}}
    assert list(chitchat_pairs(dataset)) == [("hi how are you?", "fine thanks")]
    assert clean("see https://x.org  now") == "see now"


def test_chatterbot_conversations_chain_and_skip_the_bot_profile(tmp_path: Path):
    (tmp_path / "greetings.yml").write_text("conversations:\n- - Hi\n  - Hello\n  - How are you?\n", encoding="utf-8")
    (tmp_path / "botprofile.yml").write_text("conversations:\n- - Who made you?\n  - Gunther Cox\n", encoding="utf-8")
    assert list(chatterbot_pairs(tmp_path.glob("*.yml"))) == [("Hi", "Hello"), ("Hello", "How are you?")]
