"""The answer retriever's entry classifier, on the tiny knowledge base (tests/fixtures/tiny_data)."""
import numpy as np
import pytest

from nlp import TrainingData
from nlp.answers import Answers
from nlp.answers_training import FitConfig, build_index, classifier_weights, pairs, split
from nlp.entry_classifier import EntryClassifier, features
from nlp.entry_classifier_training import ClassifierConfig, answer_sentences, train_classifier
from nlp.retrieval import CLASSIFIER, CLASSIFIER_IN_THREAD, Context

QUICK = ClassifierConfig(epochs=40)


@pytest.fixture(scope="module")
def entries(tiny_data_dir):
    return TrainingData.load(tiny_data_dir).knowledge


@pytest.fixture(scope="module")
def classifier(entries) -> EntryClassifier:
    every = [(q, number) for number, e in enumerate(entries) for q in e.questions]
    return train_classifier(entries, every, QUICK, seed=3)


def _entry(entries, entry_id: str) -> int:
    return [e.id for e in entries].index(entry_id)


def test_features_are_words_pairs_and_character_grams():
    found = features("Dropout layers")
    assert {"w:dropout", "w:layer", "b:dropout_layer", "c:<dr", "c:ers>"} <= set(found)


def test_answer_sentences_leave_out_the_short_pieces():
    assert answer_sentences("Yes. Dropout switches units off at random while training.", ClassifierConfig()) == [
        "Dropout switches units off at random while training."]


def test_a_question_in_an_entrys_own_words_ranks_it_first(entries, classifier):
    probabilities = classifier.probabilities(["how could I fix overfitting in my model"])
    assert probabilities.shape == (1, len(entries))
    assert probabilities[0].argmax() == _entry(entries, "d1-overfitting-fix")


def test_a_text_without_a_known_feature_gets_a_distribution_not_an_error(entries, classifier):
    """No known feature: an empty bag, the entries' prior, the same for both; probabilities sum to one."""
    probabilities = classifier.probabilities(["", "ζζζ"])
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)
    assert np.allclose(probabilities[0], probabilities[1]) and probabilities.max() < 0.9


def test_saved_and_loaded_it_ranks_alike(entries, classifier, tmp_path):
    classifier.save(tmp_path)
    loaded = EntryClassifier.load(tmp_path)
    texts = ["so E is the data?", "what is overfitting", "quelque chose"]
    # the embeddings are saved in float16: the same ranking, probabilities within a rounding
    assert np.allclose(loaded.probabilities(texts), classifier.probabilities(texts), atol=0.01)
    assert (loaded.probabilities(texts).argmax(axis=1) == classifier.probabilities(texts).argmax(axis=1)).all()


def test_answers_saved_before_the_classifier_load_without_it(tmp_path):
    assert EntryClassifier.load(tmp_path) is None


def test_the_index_reads_the_classifier_alone_or_within_the_thread(entries, classifier):
    """Asked alone: the classifier's probability. Asked in a thread: its share among the thread's entries and 0
    elsewhere, so that it picks within the thread and never pulls away from it ("why do we need it?")."""
    train, _ = split(entries)
    index = build_index(entries, train, None)
    text = ["how could I fix overfitting in my model"]
    assert (index.features(text, [None])[0][..., CLASSIFIER] == 0).all()
    index.classifier = classifier
    alone = index.features(text, [None])[0][0]
    in_thread = index.features(text, [Context("d1-overfitting", ())])[0][0]
    assert np.allclose(alone[:, CLASSIFIER], classifier.probabilities(text)[0])
    assert (alone[:, CLASSIFIER_IN_THREAD] == 0).all() and (in_thread[:, CLASSIFIER] == 0).all()
    thread = np.array([e.lesson == "d1-overfitting" for e in entries])  # no concept given: the lesson's entries
    assert (in_thread[~thread, CLASSIFIER_IN_THREAD] == 0).all()
    assert in_thread[thread, CLASSIFIER_IN_THREAD].sum() == pytest.approx(1.0, abs=1e-5)
    assert in_thread[:, CLASSIFIER_IN_THREAD].argmax() == _entry(entries, "d1-overfitting-fix")
    by_concept = index.features(text, [Context("d1-overfitting", ("overfitting",))])[0][0, :, CLASSIFIER_IN_THREAD]
    about = np.array(["overfitting" in e.concepts for e in entries])  # a concept given: its entries, not the lesson's
    assert (by_concept[~about] == 0).all() and by_concept[about].sum() == pytest.approx(1.0, abs=1e-5)


def test_its_weights_are_fitted_on_questions_it_did_not_read(entries):
    """A classifier that read every question would earn a weight by reciting; one that read the training
    split alone is weighed on the held-out questions, alone and in a thread, and 0 is among the choices."""
    train, test = split(entries)
    index = build_index(entries, train, None)
    index.classifier = train_classifier(entries, pairs(train), QUICK, seed=3)
    config = FitConfig(min_weighing_questions=1)
    fusion = np.zeros(CLASSIFIER_IN_THREAD + 1)
    fusion[:6] = 5.0
    alone, in_thread = classifier_weights(fusion, entries, index, test, config, seed=3)
    assert alone in config.classifier_weights and in_thread in config.classifier_weights
    assert classifier_weights(fusion, entries, index, [], config, seed=3) == (0.0, 0.0)
    assert classifier_weights(fusion, entries, index, test, FitConfig(), seed=3) == (0.0, 0.0)  # too few to weigh


def test_the_trained_component_keeps_and_saves_its_classifier(tiny_pipeline, tmp_path):
    answers: Answers = tiny_pipeline.components["answers"]
    assert answers.classifier is not None and answers.index.classifier is answers.classifier
    answers.save(tmp_path)
    assert (tmp_path / "classifier.safetensors").exists() and (tmp_path / "classifier.json").exists()
    # evaluate() trains its held-out classifier with the training's seed: the seed is kept with the component
    assert answers.seed == 13  # the pipeline's default seed, not the field's 0
    assert Answers.load(tmp_path, shared={"embeddings": answers.embeddings}).seed == 13
