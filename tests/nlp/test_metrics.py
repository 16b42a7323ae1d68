import pytest

from nlp.metrics import (
    classification_report, entity_pair_scores, entity_scores, latency_percentiles, seqeval_scores,
)
from nlp.types import Entity


def test_classification_report_counts():
    report = classification_report(["a", "a", "b", "c"], ["a", "b", "b", "c"])
    assert report.accuracy == 0.75
    assert report.labels["a"].precision == 1.0 and report.labels["a"].recall == 0.5
    assert report.labels["b"].precision == 0.5 and report.labels["b"].support == 1
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 3, abs=1e-4)
    assert report.confusion == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]


def test_entity_scores_need_exact_spans_and_labels():
    gold = [[Entity("dropout", "CONCEPT", 8, 15)], [Entity("day 3", "DAY", 6, 11)]]
    guess = [[Entity("dropout", "CONCEPT", 8, 15)], [Entity("day", "DAY", 6, 9)]]
    report = entity_scores(gold, guess)
    assert (report.precision, report.recall, report.f1) == (0.5, 0.5, 0.5)
    assert report.labels["DAY"].f1 == 0.0 and report.labels["CONCEPT"].f1 == 1.0


def test_entity_pairs_are_case_insensitive_on_text():
    report = entity_pair_scores([[("Overfitting", "CONCEPT")], []], [[("overfitting", "CONCEPT")], [("x", "DAY")]])
    assert report.recall == 1.0 and report.precision == 0.5


def test_seqeval_span_f1():
    report = seqeval_scores([["B-A", "I-A", "O", "B-B"]], [["B-A", "I-A", "O", "O"]])
    assert report.precision == 1.0 and report.recall == 0.5


def test_latency_percentiles():
    assert latency_percentiles([1.0, 2.0, 3.0, 4.0, 100.0]) == {"p50": 3.0, "p95": 80.8, "max": 100.0}
