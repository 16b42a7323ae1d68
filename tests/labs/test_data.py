"""The labs' data: shipped with the project, fixed splits, sentences padded in front."""
from __future__ import annotations

from labs.data import MAX_WORDS, OOV, PAD, Vocabulary, corpora, digits, sentiment


def test_the_digits_split_is_fixed_and_stratified() -> None:
    first, again = digits(), digits()
    assert first.x_train.shape[1:] == (8, 8, 1) and len(first.x_test) == 360
    assert (first.y_test == again.y_test).all()
    assert 0.0 <= first.x_train.min() and first.x_train.max() <= 1.0


def test_sentiment_keeps_positive_and_negative_only() -> None:
    train, test = sentiment()
    assert set(train.labels) == {0, 1} and set(test.labels) == {0, 1}
    assert round(len(test.texts) / (len(train.texts) + len(test.texts)), 2) == 0.2


def test_a_sentence_is_padded_in_front_and_unknown_words_share_one_index() -> None:
    vocabulary = Vocabulary(["the lesson was fun", "the quiz was hard"])
    row = vocabulary.encode(["the lesson was zzz"])[0]
    assert row.shape == (MAX_WORDS,) and (row[:MAX_WORDS - 4] == PAD).all()
    assert row[-1] == OOV and row[-4] == vocabulary.index["the"]


def test_the_corpora_are_the_projects_own_files() -> None:
    assert {"slides", "concepts_faq"} <= set(corpora())
