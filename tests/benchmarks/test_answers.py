import pytest

from benchmarks.answers import OUTSIDE, PROBE, Prediction, Probe, load_probe, score
from nlp import TrainingData
from nlp.errors import DataError


def test_scores_split_plain_questions_follow_ups_and_outside_ones():
    probes = [Probe("what is x", "a"), Probe("and y?", "b", lesson="l1"), Probe("why?", "c", concepts=("k",)),
              Probe("pizza?", OUTSIDE), Probe("weather?", OUTSIDE), Probe("what is z", "z", also=("a",))]
    predictions = [Prediction("a", False), Prediction("b", True), Prediction("x", False),
                   Prediction("a", True), Prediction("c", False), Prediction("a", False)]
    scores = score(probes, predictions)
    assert (scores.top1, scores.follow_up) == (1.0, 0.5)  # "a" is right for "what is z" too (also:)
    assert (scores.abstention_precision, scores.abstention_recall) == (0.5, 0.5)
    assert scores.false_abstentions == 0.25


def test_the_probe_names_answers_of_the_knowledge_base():
    known = {e.id for e in TrainingData.load(PROBE.parent.parent.parent / "data").knowledge}
    probes = load_probe(PROBE, known)
    assert len(probes) >= 250 and any(p.follow_up for p in probes) and any(p.expect == OUTSIDE for p in probes)
    assert any(p.also for p in probes)


@pytest.mark.parametrize("text, message", [
    ("- question: hi\n", "row 1: needs `question:` and `expect:`"),
    ("- {question: hi, expect: nope}\n", "row 1: unknown answer id 'nope'"),
    ("- {question: hi, expect: a, context: {day: 2}}\n", "row 1: `context:` takes `lesson:` and `concept:`"),
    ("question: hi\n", "expected a `questions:` list"),
    ("questions:\n- {question: hi, expect: a, also: b}\n", "row 1: `also:` must be a list"),
])
def test_a_bad_probe_file_is_a_one_line_error(tmp_path, text, message):
    path = tmp_path / "probe.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_probe(path, {"a"})
