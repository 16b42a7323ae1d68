"""The responder component: tiny training reproduces its pairs, save/load, persona weighting, corpora parsing."""
from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch

import nlp.responder.train as responder_training
from benchmarks.dialogue_corpora import chatterbot_pairs, chitchat_pairs, clean
from benchmarks.responder import dev_split, is_dev
from nlp.decoding import Candidate, normalise
from nlp.errors import TutorbotError
from nlp.relevance import PAD, UNK, ReplySelector, SelectionSettings, hide_source_tokens
from nlp.responder import PRESETS, Pair, Preset, Responder, preset_named, select_training_pairs, split_pairs
from nlp.responder.data import OPENERS, Example, encode_examples, sampling_weights
from nlp.responder.presets import training_steps, training_threads
from nlp.responder.sample import FALLBACK_LINES, fallback_line, learn_casing, tidy
from nlp.responder.train import init_piece_embeddings, length_bucketed_batches


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


def test_training_runs_on_the_preset_s_threads_gives_the_same_weights_twice_and_restores_the_count(monkeypatch):
    monkeypatch.setitem(PRESETS, "tiny", dataclasses.replace(PRESETS["tiny"], threads=2))
    threads_in_fit = []
    fit = responder_training.fit
    monkeypatch.setattr(responder_training, "fit",
                        lambda *args, **kwargs: threads_in_fit.append(torch.get_num_threads()) or fit(*args, **kwargs))
    data = Data([DialoguePair(m, r, "dialogues/persona.tsv") for m, r in PAIRS])
    torch.set_num_threads(1)
    first, second = (Responder.train(data, shared={}, seed=0, progress=False, preset="tiny") for _ in range(2))
    assert threads_in_fit == [2, 2] and torch.get_num_threads() == 1
    weights = first.model.state_dict()
    assert all(weights[name].equal(tensor) for name, tensor in second.model.state_dict().items())
    assert PRESETS["default"].threads == PRESETS["long"].threads == 2


def test_a_small_training_set_trains_on_one_thread_the_fetched_corpora_on_the_preset_s():
    default = PRESETS["default"]
    assert training_threads(default, 900) == 1  # data/ alone: all of it beside the NLU components
    assert training_threads(default, 40_000) == default.threads == 2
    assert training_threads(PRESETS["tiny"], 5) == 1


def test_replies_are_deterministic_and_context_is_accepted(tiny):
    assert [tiny.respond(m) for m, _ in PAIRS] == [tiny.respond(m) for m, _ in PAIRS]
    assert tiny.respond("hello", context=["bye"]).strip()


def test_save_load_round_trip_gives_identical_replies(tiny, tmp_path):
    tiny.save(tmp_path / "responder")
    assert {p.name for p in (tmp_path / "responder").iterdir()} == {
        "tokenizer.model", "model.safetensors", "config.json", "words.txt", "relevance.safetensors", "persona_replies.txt"}
    loaded = Responder.load(tmp_path / "responder", shared={})
    for message in [m for m, _ in PAIRS] + ["something never seen before"]:
        assert loaded.candidates(message) == tiny.candidates(message)
        assert loaded.respond(message) == tiny.respond(message)
    assert loaded.metrics == tiny.metrics and loaded.safety == tiny.safety and loaded.casing == tiny.casing
    assert loaded.selector.persona_replies == tiny.selector.persona_replies
    assert loaded.selector.relevance("bye", ["see you soon!"]) == tiny.selector.relevance("bye", ["see you soon!"])
    assert "relevance" not in loaded.info  # not saved twice


def test_models_saved_without_a_reply_selector_still_load_and_reply(tiny, tmp_path):
    tiny.save(tmp_path / "older")
    config = json.loads((tmp_path / "older" / "config.json").read_text())
    del config["relevance"]
    (tmp_path / "older" / "config.json").write_text(json.dumps(config))
    older = Responder.load(tmp_path / "older")
    assert older.selector is None and normalise(older.respond("bye")) == "see you soon"


def test_the_reply_selector_ranks_each_persona_line_first_for_its_own_message(tiny):
    for message, reply in PAIRS:
        assert tiny.selector.persona_rank(message, reply) == 1, message
        assert not tiny.selector.recited_elsewhere(message, reply)
    assert tiny.selector.persona_rank("hello", "not a persona line") is None


def test_a_persona_line_recited_for_another_message_is_refused_and_the_next_candidate_wins(tiny):
    strict = SelectionSettings(relevance_weight=0.1, recital_rank=1)
    tiny_strict = Responder(tiny.tokenizer_proto, tiny.model, tiny.decoding, tiny.safety, casing=tiny.casing,
                            selector=ReplySelector(tiny.selector.model, tiny.selector.persona_replies, tiny.source_ids, tiny.reply_ids, strict))
    confident = tiny.safety.min_mean_log_prob + 1.0
    candidates = [Candidate("cnns and images.", confident), Candidate("hi! ready to learn?", confident)]
    choice = tiny_strict.choose("hello", candidates)
    assert choice.from_model and choice.text == "hi! ready to learn?"
    only_wrong = tiny_strict.choose("hello", candidates[:1])
    assert not only_wrong.from_model and only_wrong.reason == "recited"
    # a reply the model wrote itself (not a persona line) is never refused as recited
    assert tiny_strict.choose("hello", [Candidate("take a break, see you.", confident)]).from_model


def test_the_safety_net_knows_the_training_words_and_older_models_load_without_them(tiny, tmp_path):
    assert {"hello", "ready", "gradients", "cnns", "images"} <= tiny.safety.known_words
    assert "couplegh" not in tiny.safety.known_words
    tiny.save(tmp_path / "older")
    (tmp_path / "older" / "words.txt").unlink()  # saved before words.txt existed
    older = Responder.load(tmp_path / "older")
    assert older.safety.known_words == frozenset() and older.respond("hello") == tiny.respond("hello")


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


def test_a_small_training_set_gets_fewer_steps_a_large_one_the_preset_s():
    default = PRESETS["default"]
    persona_only = training_steps(default, 900)  # data/ alone: capped at max_passes over the pairs
    assert persona_only == math.ceil(default.max_passes * 900 / default.batch_size) < default.steps
    assert training_steps(default, 40_000) == default.steps  # with the fetched corpora
    assert training_steps(PRESETS["tiny"], 5) == PRESETS["tiny"].steps  # no cap: tiny models learn by heart


def test_own_examples_get_their_share_of_every_batch():
    examples = [Example([4], [5], own=True)] * 2 + [Example([4], [5], own=False)] * 98
    weights = sampling_weights(examples, own_share=0.3)
    assert weights[:2].sum() / weights.sum() == pytest.approx(0.3)
    assert torch.equal(sampling_weights(examples[:2], 0.3), torch.ones(2))  # only own data: uniform


def test_fallback_line_is_stable_and_tidy_capitalises():
    assert fallback_line("what's the stock price?") == fallback_line("What's the stock price") in FALLBACK_LINES
    assert tidy("i think so. and you? i'm fine") == "I think so. And you? I'm fine"
    assert tidy("rnns? i use pytorch", {"pytorch": "PyTorch", "rnns": "RNNs"}) == "RNNs? I use PyTorch"
    assert tidy("makes sense!!!!!!!!!, really?? well.......... ok...") == "Makes sense!, really? Well... Ok..."


def test_casing_is_learnt_from_words_away_from_sentence_starts():
    replies = ["I like PyTorch a lot."] * 4 + ["The iron is hot."] * 4 + ["Iron. Man? Keras"]
    assert learn_casing(replies) == {"pytorch": "PyTorch"}


def test_chitchat_turns_become_pairs_between_speakers():
    turn = lambda *texts: [{"sender": "x", "text": t} for t in texts]  # noqa: E731
    dataset = {"c1": {"messages": [turn("hi", "how are\tyou?"), turn("fine\nthanks"), turn("word " * 50), turn("ok")]}}
    assert list(chitchat_pairs(dataset)) == [("hi how are you?", "fine thanks")]
    assert clean("see https://x.org  now") == "see now"


def test_chatterbot_conversations_chain_and_skip_the_bot_profile(tmp_path: Path):
    (tmp_path / "greetings.yml").write_text("conversations:\n- - Hi\n  - Hello\n  - How are you?\n", encoding="utf-8")
    (tmp_path / "botprofile.yml").write_text("conversations:\n- - Who made you?\n  - Gunther Cox\n", encoding="utf-8")
    assert list(chatterbot_pairs(tmp_path.glob("*.yml"))) == [("Hi", "Hello"), ("Hello", "How are you?")]


def test_fetched_pairs_are_sampled_at_every_length_not_short_first():
    fetched = [Pair(f"message {i}", "word " * (20 if i % 2 else 3), "dialogues/fetched/chitchat.tsv") for i in range(1000)]
    capped = dataclasses.replace(PRESETS["default"], max_fetched_pairs=100)
    long_replies = sum(len(p.reply.split()) == 20 for p in select_training_pairs(fetched, capped, seed=0))
    assert 30 <= long_replies <= 70


def test_length_bucketed_batches_keep_similar_lengths_together():
    examples = [Example([4], [5] * (1 if i % 2 else 20), own=False) for i in range(100)]
    batches = list(length_bucketed_batches(examples, torch.ones(100), 8, 16, torch.Generator().manual_seed(0)))
    assert len(batches) == 16 and all(len(b) == 8 for b in batches)
    pure = sum(len({len(e.target) for e in batch}) == 1 for batch in batches)
    assert pure >= 15  # drawn at random, a batch of 8 is pure 1 time in 128


def test_own_pairs_also_train_with_an_opener_in_front(tiny):
    own = [Pair(m, r, "dialogues/persona.tsv") for m, r in PAIRS] * 20
    fetched = [Pair(m, r, "dialogues/fetched/chitchat.tsv") for m, r in PAIRS] * 20
    openers = {tuple(tiny.tokenizer.encode(o)) for o in OPENERS}
    examples = encode_examples(tiny.tokenizer, own, 0.0, seed=0)
    opened = [e for e in examples if any(tuple(e.source[:len(o)]) == o for o in openers)]
    assert 0.15 * len(own) <= len(opened) <= 0.45 * len(own) and len(examples) == len(own) + len(opened)
    assert len(encode_examples(tiny.tokenizer, fetched, 0.0, seed=0)) == len(fetched)


def test_the_preset_sets_the_minimum_reply_length(tiny):
    assert tiny.decoding.min_length == PRESETS["tiny"].min_reply_tokens
    assert PRESETS["default"].min_reply_tokens > PRESETS["tiny"].min_reply_tokens


def test_dev_pairs_come_from_the_training_side_only():
    pairs = [Pair(f"message {i}", f"reply {i}", f"dialogues/{d}.tsv") for i in range(3000) for d in ("fetched/chat", "persona")]
    train, dev = dev_split(pairs)
    _, heldout = split_pairs(pairs)
    assert dev and all(is_dev(p) for p in dev) and {p.source for p in dev} == {p.source for p in pairs}
    assert not {(p.message, p.reply) for p in dev} & {(p.message, p.reply) for p in train + heldout}


def test_source_dropout_hides_a_share_of_message_tokens_never_padding():
    source = torch.tensor([[5, 6, 7, 8] * 50, [9] * 100 + [PAD] * 100])
    hidden = hide_source_tokens(source, 0.25, torch.Generator().manual_seed(0))
    assert torch.equal(hidden[source == PAD], source[source == PAD])
    changed = (hidden != source) & (source != PAD)
    assert torch.all(hidden[changed] == UNK) and 0.15 < changed.sum() / (source != PAD).sum() < 0.35
    assert torch.equal(hide_source_tokens(source, 0.0, torch.Generator()), source)
    assert PRESETS["default"].source_dropout > 0 and PRESETS["tiny"].source_dropout == 0


class WordPieces:
    """A tokenizer whose pieces are whole words (ids from 4: after pad, unk, bos, eos)."""

    def __init__(self, texts: list[str]) -> None:
        self.ids = {w: i for i, w in enumerate(dict.fromkeys(w for t in texts for w in t.split()), start=4)}

    def encode(self, texts: list[str]) -> list[list[int]]:
        return [[self.ids[w] for w in t.split()] for t in texts]


def test_word2vec_init_puts_pieces_used_alike_near_each_other():
    import random
    rng = random.Random(0)
    foods, sports = ["pasta", "noodles", "soup", "salad"], ["tennis", "hockey", "golf", "rugby"]
    texts = [f"i ate {rng.choice(foods)} for dinner with my {rng.choice(['mum', 'dad'])}" for _ in range(400)]
    texts += [f"we played {rng.choice(sports)} at the club on {rng.choice(['monday', 'sunday'])}" for _ in range(400)]
    tokenizer = WordPieces(texts)
    torch.manual_seed(0)
    unused = 5
    embedding = torch.nn.Embedding(4 + len(tokenizer.ids) + unused, 16, padding_idx=PAD)
    before = embedding.weight.detach().clone()
    init_piece_embeddings(embedding, tokenizer, texts, seed=0)
    weight = embedding.weight.detach()
    assert torch.equal(weight[PAD], torch.zeros(16))
    assert torch.equal(weight[:4], before[:4]) and torch.equal(weight[-unused:], before[-unused:])
    used = list(tokenizer.ids.values())
    assert not torch.equal(weight[used], before[used])
    assert abs(float(weight[used].std()) - float(before.std())) < 0.2  # rescaled to the embedding's spread

    def similarity(a: str, b: str) -> float:
        return float(torch.cosine_similarity(weight[tokenizer.ids[a]], weight[tokenizer.ids[b]], dim=0))
    assert similarity("pasta", "noodles") > similarity("pasta", "tennis")
    assert similarity("golf", "rugby") > similarity("golf", "soup")
    assert PRESETS["default"].word2vec_init and PRESETS["tiny"].word2vec_init


def test_a_pick_that_hardly_answers_the_message_is_unsure_and_the_persona_fallback_answers(tiny):
    picky = Responder(tiny.tokenizer_proto, tiny.model, tiny.decoding, tiny.safety, casing=tiny.casing,
                      selector=ReplySelector(tiny.selector.model, tiny.selector.persona_replies, tiny.source_ids,
                                             tiny.reply_ids, SelectionSettings(min_relevance=0.999)))
    candidates = [Candidate("take a break, see you.", tiny.safety.min_mean_log_prob + 1.0)]
    choice = picky.choose("hello", candidates)
    assert not choice.from_model and choice.reason == "irrelevant" and choice.text in FALLBACK_LINES
    assert picky.choose("hello", candidates, allow_unsure=False).text == "take a break, see you."


def test_the_relevance_minimum_is_calibrated_on_held_out_human_replies(tiny):
    calibrated = Responder(tiny.tokenizer_proto, tiny.model, tiny.decoding, tiny.safety, selector=tiny.selector)
    pairs = [Pair(m, r, "dialogues/persona.tsv") for m, r in PAIRS] * 10
    calibrated.calibrate_relevance(pairs)
    scores = sorted(tiny.selector.relevance(p.message, [p.reply])[0] for p in pairs)
    assert calibrated.selector.settings.min_relevance == scores[1]  # the 2nd percentile of 60
    assert calibrated.metrics["min_relevance"] == round(scores[1], 4)
    assert all(not calibrated.selector.irrelevant(m, r) for m, r in PAIRS[1:])
    calibrated.calibrate_relevance(pairs[:10])  # too few pairs to say: unchanged
    assert calibrated.selector.settings.min_relevance == scores[1]


def test_presets_are_built_by_keyword_only_and_an_unknown_name_is_a_one_line_error():
    with pytest.raises(TypeError):
        Preset(400, 32, 64, 0.0, 400, 16, 1e-2, 500, 0.5, 0.0, 0.0, 0, 2)  # the old positional form
    assert preset_named("tiny") is PRESETS["tiny"]
    with pytest.raises(TutorbotError, match=r"^unknown responder preset 'huge' \(choose from tiny, default, long\)$"):
        preset_named("huge")


def test_a_candidate_the_caller_refuses_gives_way_to_the_next(tiny):
    confident = tiny.safety.min_mean_log_prob + 1.0
    candidates = [Candidate("hi! ready to learn?", confident), Candidate("see you soon.", confident)]
    not_a_greeting = lambda reply: reply.startswith("hi")   # noqa: E731 - the caller's reason, e.g. another speech act
    choice = tiny.choose("bye", candidates, refuse=not_a_greeting)
    assert choice.from_model and choice.text == "see you soon."
    none_left = tiny.choose("bye", candidates[:1], refuse=not_a_greeting)
    assert not none_left.from_model and none_left.reason == "refused"
    assert tiny.choose("bye", candidates) == tiny.choose("bye", candidates, refuse=None)
