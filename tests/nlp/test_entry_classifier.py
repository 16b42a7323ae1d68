"""The answer retriever's entry classifier, on the tiny knowledge base (tests/fixtures/tiny_data)."""
import numpy as np
import pytest

from nlp import TrainingData
from nlp.answers import Answers
from nlp.answers_training import FitConfig, build_index, classifier_weight, pairs, split
from nlp.entry_classifier import FLOOR, EntryClassifier, features
from nlp.entry_classifier_training import ClassifierConfig, answer_sentences, train_classifier
from nlp.retrieval import CLASSIFIER

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
    log_probs = classifier.log_probs(["how could I fix overfitting in my model"])
    assert log_probs.shape == (1, len(entries))
    assert log_probs[0].argmax() == _entry(entries, "d1-overfitting-fix")


def test_a_text_without_a_known_feature_gets_a_distribution_not_an_error(entries, classifier):
    """No known feature: an empty bag, the entries' prior; probabilities still sum to one, clipped at FLOOR."""
    log_probs = classifier.log_probs(["", "ζζζ"])
    assert np.allclose(np.exp(log_probs).sum(axis=1), 1, atol=1e-3)
    assert log_probs.min() >= FLOOR


def test_saved_and_loaded_it_ranks_alike(entries, classifier, tmp_path):
    classifier.save(tmp_path)
    loaded = EntryClassifier.load(tmp_path)
    texts = ["so E is the data?", "what is overfitting", "quelque chose"]
    # the embeddings are saved in float16: the same ranking, log probabilities within a rounding
    assert np.allclose(loaded.log_probs(texts), classifier.log_probs(texts), atol=0.05)
    assert (loaded.log_probs(texts).argmax(axis=1) == classifier.log_probs(texts).argmax(axis=1)).all()


def test_answers_saved_before_the_classifier_load_without_it(tmp_path):
    assert EntryClassifier.load(tmp_path) is None


def test_the_index_reads_the_classifier_as_one_feature(entries, classifier):
    train, _ = split(entries)
    index = build_index(entries, train, None)
    text = ["how could I fix overfitting in my model"]
    assert (index.features(text, [None])[0][..., CLASSIFIER] == 0).all()
    index.classifier = classifier
    column = index.features(text, [None])[0][0, :, CLASSIFIER]
    assert np.allclose(column, classifier.log_probs(text)[0])


def test_its_weight_is_fitted_on_questions_it_did_not_read(entries):
    """A classifier that read every question would earn a weight by reciting; one that read the training
    split alone is weighed on the held-out questions, and a weight of 0 is among the choices."""
    train, test = split(entries)
    index = build_index(entries, train, None)
    index.classifier = train_classifier(entries, pairs(train), QUICK, seed=3)
    config = FitConfig()
    fusion = np.zeros(CLASSIFIER + 1)
    fusion[:6] = 5.0
    weight = classifier_weight(fusion, entries, index, test, config)
    assert weight in config.classifier_weights
    assert classifier_weight(fusion, entries, index, [], config) == 0.0


def test_the_trained_component_keeps_and_saves_its_classifier(tiny_pipeline, tmp_path):
    answers: Answers = tiny_pipeline.components["answers"]
    assert answers.classifier is not None and answers.index.classifier is answers.classifier
    answers.save(tmp_path)
    assert (tmp_path / "classifier.safetensors").exists() and (tmp_path / "classifier.json").exists()
