"""Persona retrieval (nlp/persona.py): a persona message's own replies, calibrated, saved and loaded, and tried
before the seq2seq by Pipeline.respond."""
from __future__ import annotations

from pathlib import Path

from nlp.data import DialoguePair, TrainingData
from nlp.persona import PersonaMatcher, calibrate, key, persona_pairs, situations
from nlp.pipeline import Pipeline

PAIRS = [
    ("do you like cats?", "I can't pet a cat, but networks learn to spot them on day 3!"),
    ("do you like cats?", "Cats are the stars of image datasets. Do you have one?"),
    ("my dog is sick", "Oh no, I hope your dog gets better soon."),
    ("my dog is sick", "I'm sorry to hear that. I hope they feel better soon."),
    ("good night", "Good night! Your progress is saved."),
    ("nighty night", "Good night! Your progress is saved."),
    ("what's your name?", "I'm tutorbot."),
]


def training_data() -> TrainingData:
    own = [DialoguePair(message, reply, "dialogues/persona_test.tsv") for message, reply in PAIRS]
    fetched = [DialoguePair("what's your name?", "Bob.", "dialogues/fetched/chitchat.tsv")]
    return TrainingData(dialogues=own + fetched)


def test_a_persona_message_gets_its_own_replies_whatever_its_case_and_punctuation() -> None:
    matcher = PersonaMatcher.train(training_data(), shared={}, seed=0, progress=False)
    assert set(matcher.replies_for("Do you like CATS")) == {reply for message, reply in PAIRS if message == "do you like cats?"}
    assert matcher.replies_for("What's your name") == ["I'm tutorbot."]   # the fetched "Bob." is no persona reply
    assert matcher.replies_for("do you like dogs?") == [] and matcher.replies_for("🙂") == []


def test_the_same_message_always_gets_the_same_order_of_replies() -> None:
    matcher = PersonaMatcher.train(training_data(), shared={}, seed=0, progress=False)
    assert matcher.replies_for("my dog is sick") == matcher.replies_for("My dog is sick!")


def test_a_reply_naming_what_only_its_persona_message_said_is_not_offered() -> None:
    grouped = persona_pairs(training_data())
    matcher = PersonaMatcher(list(grouped), list(grouped.values()), None, threshold=0.5, char_weight=1.0)
    replies = matcher.replies_for("my cat is sick")   # nearest: "my dog is sick"
    assert replies == ["I'm sorry to hear that. I hope they feel better soon."]


def test_saved_and_loaded_it_answers_alike(tmp_path: Path) -> None:
    matcher = PersonaMatcher.train(training_data(), shared={}, seed=0, progress=False)
    matcher.save(tmp_path / "persona")
    loaded = PersonaMatcher.load(tmp_path / "persona", shared={})
    for text in ("do you like cats", "my dog is sick", "good night!", "something else entirely"):
        assert loaded.replies_for(text) == matcher.replies_for(text)
    assert loaded.threshold == matcher.threshold and loaded.metrics == matcher.metrics


def test_loaded_with_the_exact_threshold_it_answers_by_lookup_without_building_its_index(tmp_path: Path) -> None:
    """A threshold of 1 answers persona messages only: a lookup gives what the similarities give, and the index
    (half a second at a serve worker's start) is not built."""
    grouped = persona_pairs(training_data())
    PersonaMatcher(list(grouped), list(grouped.values()), None, threshold=1.0).save(tmp_path / "persona")
    loaded = PersonaMatcher.load(tmp_path / "persona", shared={})
    texts = ("Do you like CATS!", "my dog is sick", "my cat is sick", "nighty night", "")
    looked_up = [loaded.replies_for(text) for text in texts]
    assert "index" not in vars(loaded)
    by_similarity = PersonaMatcher(list(grouped), list(grouped.values()), None, threshold=1.0 - 2e-4)
    assert looked_up == [by_similarity.replies_for(text) for text in texts]
    assert looked_up[0] and looked_up[2] == []


def test_the_threshold_is_the_lowest_similarity_that_keeps_the_precision() -> None:
    scored = [(0.99 - i / 100, True) for i in range(20)] + [(0.70, False), (0.69, True), (0.5, False), (0.4, False)]
    threshold, coverage = calibrate(scored)
    assert threshold == 0.5 and coverage == 23 / 24   # 21 of 23 right down to 0.5; 21 of 24 below
    assert calibrate([(0.9, False)] * 20 + [(0.8, True)]) == (1.0, 0.0)   # never precise enough: exact matches only


def test_messages_sharing_a_reply_are_one_situation() -> None:
    grouped = persona_pairs(training_data())
    situation = situations(grouped)
    assert situation[key("good night")] == situation[key("nighty night")]
    assert situation[key("good night")] != situation[key("my dog is sick")]


def test_the_pipeline_answers_from_the_persona_first_and_passes_over_refused_replies() -> None:
    matcher = PersonaMatcher.train(training_data(), shared={}, seed=0, progress=False)
    pipeline = Pipeline({"persona": matcher})
    assert pipeline.respond("good night") == "Good night! Your progress is saved."
    assert pipeline.respond("good night", refuse=lambda reply: "Good night" in reply) is None   # no responder left
    assert pipeline.respond("tell me about your day") is None
