"""The answers component: the tiny knowledge base (tests/fixtures/tiny_data/curriculum/knowledge)."""
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nlp import AnswerContext, Pipeline, TrainingData
from nlp.answers import Answers
from nlp.answers_training import build_index as real_build
from nlp.answers_training import split
from nlp.io import read_json
from nlp.retrieval import FEATURES, Scorer, is_confirm_shaped, question_form
from nlp.pipeline import training_plan

OVERFITTING = AnswerContext("d1-overfitting", ("overfitting",))


@pytest.fixture(scope="module")
def answers(tiny_pipeline) -> Answers:
    return tiny_pipeline.components["answers"]


def test_a_typo_finds_its_entry(tiny_pipeline):
    hit = tiny_pipeline.answer("whats overfiting")
    assert (hit.id, hit.abstained, hit.kind) == ("d1-overfitting-what", False, "what")
    assert hit.answer.startswith("Overfitting is") and hit.concepts == ("overfitting",) and hit.lesson == "d1-overfitting"


def test_a_follow_up_is_answered_in_the_thread_of_the_lesson(tiny_pipeline):
    """Alone, "what can I do about it?" could be about anything; right after overfitting it asks for the fix.
    (Abstaining says "not in the course", which the question alone does not say either: it is less sure.)"""
    in_context = tiny_pipeline.answer("what can I do about it?", OVERFITTING)
    alone = tiny_pipeline.answer("what can I do about it?")
    assert (in_context.id, in_context.abstained) == ("d1-overfitting-fix", False)
    assert in_context.confidence > alone.confidence


@pytest.mark.parametrize("question, entry, verdict", [
    ("so E is the data?", "d1-confirm-e-is-data", "yes"),
    ("so T is logistic regression?", "d1-confirm-t-is-logistic", "no"),
])
def test_a_confirm_question_gets_the_verdict(tiny_pipeline, question, entry, verdict):
    hit = tiny_pipeline.answer(question)
    assert (hit.id, hit.kind, hit.verdict, hit.abstained) == (entry, "confirm", verdict, False)


def test_an_unrelated_question_is_abstained_with_nearest_options(tiny_pipeline, answers):
    """Abstaining is "not in the course": P(about the course) below its threshold."""
    hit = tiny_pipeline.answer("what is the capital of australia")
    assert hit.abstained and hit.confidence < answers.scorer.threshold
    assert 2 <= len(hit.alternatives) <= 3 and hit.alternatives[0].id == hit.id
    assert len({o.id for o in hit.alternatives}) == len(hit.alternatives)
    assert sum(o.share for o in hit.alternatives) == pytest.approx(1.0, abs=1e-3)


def test_a_rare_word_no_entry_knows_is_abstained_however_well_the_rest_matches(tiny_pipeline):
    """"what is LoRA overfitting?" matches the overfitting entry word for word but for LoRA, which no entry knows
    and English seldom uses; a typo of a known word, or a common English word the entries lack, is no such word."""
    plain = tiny_pipeline.answer("what is overfitting?")
    named = tiny_pipeline.answer("what is LoRA overfitting?")
    assert not plain.abstained and named.abstained and named.id == plain.id and named.alternatives
    assert not tiny_pipeline.answer("whats overfiting concretely").abstained
    assert not tiny_pipeline.answer("what is overfitting, explained with pizza").abstained


def test_confidence_is_a_probability_and_the_nearest_entries_come_with_the_answer(tiny_pipeline):
    hit = tiny_pipeline.answer("what is gradient descent?")
    assert 0.0 <= hit.confidence <= 1.0 and not hit.abstained
    assert hit.alternatives[0].id == hit.id and len({option.id for option in hit.alternatives}) == 3   # best first
    assert tiny_pipeline.answer("  ") is None and tiny_pipeline.answer("?!") is None  # no word: no question


def test_save_load_round_trip_and_metrics_in_the_manifest(tiny_pipeline, tiny_models_dir, tiny_data_dir, tmp_path):
    tiny_pipeline.components["answers"].save(tmp_path / "answers")
    loaded = Answers.load(tmp_path / "answers", shared=tiny_pipeline.components)
    for text, context in [("whats overfiting", None), ("what can I do about it?", OVERFITTING), ("bake bread?", None)]:
        assert loaded.retrieve(text, context) == tiny_pipeline.answer(text, context)
    metrics = read_json(tiny_models_dir / "manifest.json")["metrics"]["answers"]
    assert {"top1", "top1_in_context", "false_abstention", "ece", "threshold"} <= set(metrics)
    assert metrics["heldout_questions"] == 8 and 0 <= metrics["top1"] <= 1
    again = loaded.evaluate(TrainingData.load(tiny_data_dir))  # the same fixed split, so the same figures
    assert {k: again[k] for k in ("top1", "top1_in_context", "threshold")} == {
        k: metrics[k] for k in ("top1", "top1_in_context", "threshold")}


def test_the_split_holds_out_one_question_per_entry_by_content(tiny_data_dir):
    entries = TrainingData.load(tiny_data_dir).knowledge
    train, test = split(entries)
    assert sorted(q.entry for q in test) == list(range(len(entries)))
    reversed_test = {(entries[::-1][q.entry].id, q.text) for q in split(entries[::-1])[1]}
    assert reversed_test == {(entries[q.entry].id, q.text) for q in test}  # the order of the files does not matter
    assert len(train) + len(test) == sum(len(e.questions) for e in entries)


def test_only_answers_keeps_the_embeddings_and_a_pipeline_without_it_answers_none(tiny_pipeline, tiny_data_dir):
    assert training_plan(["answers"], kept=["embeddings", "intent"]) == ["answers"]
    updated = Pipeline.train(tiny_data_dir, only=["answers"], base=tiny_pipeline, preset="tiny", progress=False)
    assert updated.components["embeddings"] is tiny_pipeline.components["embeddings"]
    assert updated.components["answers"] is not tiny_pipeline.components["answers"]
    assert Pipeline({}).answer("what is dropout?") is None


def test_a_data_directory_without_a_knowledge_base_lacks_the_component(tmp_path: Path, tiny_data_dir):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("gradient descent follows the gradient\n", encoding="utf-8")
    data = TrainingData.load(tmp_path)
    assert data.knowledge == [] and not Answers.can_train(data)
    assert TrainingData.load(tiny_data_dir).knowledge  # the fixture has one


def test_cli_train_only_answers_keeps_the_other_components(tiny_models_dir, tiny_data_dir, tmp_path):
    from bot.cli import main

    models = tmp_path / "models"
    shutil.copytree(tiny_models_dir, models)
    before = read_json(models / "manifest.json")
    assert main(["train", "--data", str(tiny_data_dir), "--preset", "tiny", "--only", "answers", "--models", str(models)]) == 0
    after = read_json(models / "manifest.json")
    assert after["order"] == before["order"] and after["metrics"]["intent"] == before["metrics"]["intent"]
    assert (models / "embeddings" / "weights.safetensors").read_bytes() == (
        tiny_models_dir / "embeddings" / "weights.safetensors").read_bytes()
    assert Pipeline.load(models).answer("so E is the data?").verdict == "yes"


def test_synthetic_questions_for_fitting_and_metrics(tiny_data_dir):
    """Near copies (a typo, a word dropped) teach the fusion that an almost exact question wins; vague
    copies measure follow-ups: the most specific word becomes "it"."""
    import random

    from nlp.answers_training import build_index, near_copy, vague_copy

    entries = TrainingData.load(tiny_data_dir).knowledge
    train, _ = split(entries)
    index = build_index(entries, train, None)
    assert vague_copy("how does dropout work?", index) == "how does it work?"
    copy = near_copy("how can I prevent my model from overfitting", random.Random(1))
    assert copy != "how can I prevent my model from overfitting" and len(copy.split()) == 7
    assert copy == near_copy("how can I prevent my model from overfitting", random.Random(1))


@pytest.mark.parametrize("text, form", [
    ("why?", "why"), ("where does that come from?", "where_from"), ("and what if it is too large?", "what_if"),
    ("how do I fix it?", "howto"), ("MSE vs MAE?", "compare"), ("which loss should I use", "when"),
    ("what is dropout?", "what"), ("how does a convolution work?", "how"), ("dropout, tell me more", None),
])
def test_the_form_of_a_question_matches_the_kind_of_entry(text, form):
    """A follow-up keeps only its form: after a lesson, "why?" wants that lesson's why-entry."""
    from nlp.retrieval import question_form

    assert question_form(text) == form


@pytest.mark.parametrize("text, form", [
    ("adam vs sgd vs rmsprop, which should I use for images?", "when"),
    ("cnn, rnn or transformer: which one do I pick for time series", "when"),
    ("skip-gram vs CBOW, which should I use?", "compare"),          # two options: the compare entry
    ("epoch vs batch vs iteration?", "compare"),                     # three, but no choice asked for
    ("should I use mean squared or mean absolute error?", "compare"),
])
def test_a_choice_among_three_or_more_options_asks_which_to_use(text, form):
    """A compare entry weighs two things; "a vs b vs c, which should I use?" wants the which-to-use entry."""
    assert question_form(text) == form


def test_the_index_is_saved_and_read_back_as_built(tiny_pipeline, tmp_path):
    """Loading reads the index saved at training instead of building it (seconds on the course's
    knowledge base): the same features, so the same answers."""
    from nlp import index_file

    built = tiny_pipeline.components["answers"]
    built.save(tmp_path / "answers")
    assert (tmp_path / "answers" / index_file.ARRAYS).is_file()
    loaded = Answers.load(tmp_path / "answers", shared=tiny_pipeline.components)
    texts = [q for e in built.entries for q in e.questions] + ["whats overfiting", "bake bread?", "so E is the data?"]
    loaded.save(tmp_path / "again")      # `train --only intent` saves the answers it loaded
    again = Answers.load(tmp_path / "again", shared=tiny_pipeline.components)
    for context in (None, OVERFITTING):
        expected, expected_valid = built.index.features(texts, [context] * len(texts))
        for index in (loaded.index, again.index):
            ours, valid = index.features(texts, [context] * len(texts))
            assert np.array_equal(ours, expected) and np.array_equal(valid, expected_valid)


def test_models_without_a_saved_index_or_with_a_stale_one_build_it(tiny_pipeline, tmp_path, monkeypatch):
    from nlp import index_file

    built = tiny_pipeline.components["answers"]
    built.save(tmp_path / "answers")
    stale = tmp_path / "stale"
    shutil.copytree(tmp_path / "answers", stale)
    (tmp_path / "answers" / index_file.LAYOUT).unlink()         # trained before the index was saved
    layout = read_json(stale / index_file.LAYOUT)
    layout["fingerprint"] = "0" * 64                            # built from other texts or vectors
    (stale / index_file.LAYOUT).write_text(json.dumps(layout))
    builds = []
    monkeypatch.setattr("nlp.answers.build_index", lambda *args, **kwargs: builds.append(
        args[3] if len(args) > 3 else kwargs.get("built")) or real_build(*args, **kwargs))
    for directory in (tmp_path / "answers", stale):
        loaded = Answers.load(directory, shared=tiny_pipeline.components)
        assert loaded.retrieve("whats overfiting") == built.retrieve("whats overfiting")
    assert builds == [None, None]      # built from the texts both times (a saved index is passed as a 4th)


def test_loading_the_models_and_answering_imports_neither_gensim_nor_scipy(tiny_models_dir):
    """Answering needs neither: gensim (and through it scipy.stats) cost a second of every start,
    scipy.sparse 0.16 s more; the word vectors and the saved index are served with numpy."""
    code = ("import sys; from nlp import Pipeline; p = Pipeline.load(sys.argv[1]); p.answer('what is dropout?');"
            "p.embeddings.most_similar('dropout'); print(sorted({m.split('.')[0] for m in sys.modules} & {'gensim', 'scipy'}))")
    run = subprocess.run([sys.executable, "-c", code, str(tiny_models_dir)], capture_output=True, text=True,
                         check=True, timeout=120, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert run.stdout.strip() == "[]"


def test_the_outside_questions_are_matched_apart_and_not_with_themselves_when_fitting(tiny_data_dir):
    """A question near one known to be outside the course ("what is a docker container?") is read as such by
    the calibrators; fitting on an outside question, its own copy is left out (else it always matched 1.0)."""
    from nlp.answers_training import build_index

    entries = TrainingData.load(tiny_data_dir).knowledge
    outside = ["what is a docker container", "how do I bake sourdough bread"]
    index = build_index(entries, split(entries)[0], None, outside=outside)
    column = list(FEATURES).index("outside_chars")

    def match(text: str, left_out: bool = False) -> float:
        return float(index.features([text], [None], outside_left_out=left_out)[0][0, 0, column])

    assert match(outside[0]) == pytest.approx(1.0, abs=1e-3) and match(outside[0], left_out=True) < 0.2
    assert match("what is docker?") > match("what is gradient descent?") + 0.1
    wrapped = "hi! " + outside[0] + " lol"   # a wrapped copy (nlp.learner_style) is not matched with its original
    copy = float(index.features([wrapped], [None], outside_left_out=[outside[0]])[0][0, 0, column])
    assert match(wrapped) > 0.5 and copy < 0.2


def test_a_wrapped_question_keeps_its_words_and_is_drawn_reproducibly():
    from nlp.learner_style import wrapped

    draws = [wrapped("Why does dropout help?", random.Random(seed)) for seed in range(40)]
    assert all("why does dropout help" in draw.lower() for draw in draws)
    assert draws == [wrapped("Why does dropout help?", random.Random(seed)) for seed in range(40)]
    assert len(set(draws)) > 20 and any(not draw.lower().startswith("why") for draw in draws)


def test_a_calibrator_saved_before_the_outside_matches_still_reads_its_inputs(answers):
    features, valid = answers.index.features(["whats overfiting"], [None])
    scores = answers.scorer.scores(features, valid)
    older = Scorer(answers.scorer.fusion, np.delete(answers.scorer.calibration, [8, 9]), answers.scorer.threshold)
    assert 0 < older.confidence(features, scores)[0] < 1


@pytest.mark.parametrize("question, form, claim", [
    ("so what is T then", "what", False),                     # "so" before a question word: no claim
    ("so T is the labels?", None, True),
    ("how does a GRU differ from an LSTM", "compare", False),
    ("are a convnet and a CNN the same thing", "compare", True),
    ("how can i tell that it underfits", "how", False),    # how to see it, not how to do something
    ("how do I fix that?", "howto", False),
])
def test_the_question_form_and_a_claim_to_confirm(question, form, claim):
    assert (question_form(question), is_confirm_shaped(question)) == (form, claim)


@pytest.mark.parametrize("text", ["", "  ", "?!", "b", "😃"])
def test_a_message_without_a_word_of_two_characters_is_no_question(answers, text):
    """A lone option letter or a smiley is no question for the knowledge base (a lone "b" had got the
    cosine-similarity entry, whose questions write cos(a, b))."""
    assert answers.retrieve(text) is None


def test_a_question_wrapped_in_other_sentences_is_read_alone_too(tiny_pipeline):
    """The sentences around a question pull its match away; its asking sentence alone is read too, and the surer
    reading kept (one batch, so no second pass of latency)."""
    wrapped = "sorry my english is bad and the weather is terrible and my train was late. how do I fix overfitting?"
    hit, alone = tiny_pipeline.answer(wrapped), tiny_pipeline.answer("how do I fix overfitting?")
    assert (hit.id, hit.abstained) == (alone.id, alone.abstained) == ("d1-overfitting-fix", False)
    assert hit.confidence == alone.confidence


def test_a_decimal_comma_reads_as_the_point(tiny_pipeline):
    comma, point = tiny_pipeline.answer("what if the learning rate is 1,5?"), tiny_pipeline.answer(
        "what if the learning rate is 1.5?")
    assert (comma.id, comma.confidence) == (point.id, point.confidence)   # a decimal comma had cut the confidence


@pytest.mark.parametrize("text, read", [("is 0,5 the threshold?", "is 0.5 the threshold?"),
                                        ("from (5,5) to (4,4)", "from (5,5) to (4,4)"),
                                        ("3,072 features", "3,072 features")])
def test_only_a_decimal_comma_becomes_a_point(text, read):
    from nlp.answers import _DECIMAL_COMMA
    assert _DECIMAL_COMMA.sub(r"\1.\2", text) == read


def test_a_words_meaning_answers_a_question_about_the_word_only() -> None:
    """A `meaning` entry (an everyday word of a lesson) is no answer to a longer course question that uses the word
    ("what is the best remedy for overfitting?" had got what "remedy" means)."""
    from nlp.data import KnowledgeEntry
    holder = Answers.__new__(Answers)
    holder.entries = [KnowledgeEntry("d1-fix", ("how do I fix overfitting?",), "More data.", "d1-overfitting"),
                      KnowledgeEntry("word-remedy", ("what means remedy?",), "A cure.", "d1-overfitting",
                                     kind="meaning")]
    readings = ["what is the best remedy for overfitting", "what means remedy?", "remedy?"]
    scores = np.zeros((3, 2))
    holder._meanings_only_for_words(readings, scores)
    assert scores[0, 1] == -np.inf and scores[0, 0] == 0
    assert scores[1, 1] == 0 and scores[2, 1] == 0      # asked as a meaning, or short
    assert question_form("i dont know the word overshoot") == "meaning"


def test_the_last_sentence_that_asks_is_read_alone_even_without_a_question_mark() -> None:
    # "teenagers?? hospitals?? lol no. fine. what are the day 5 final projects" had been read whole, 0.19
    from nlp.answers import _asking_sentences
    assert _asking_sentences("teenagers?? hospitals?? lol no. fine. what are the day 5 final projects") == [
        "what are the day 5 final projects"]
    assert _asking_sentences("ok. why?") == [] and _asking_sentences("thanks. how do I fix it?") == [" how do I fix it?"]
