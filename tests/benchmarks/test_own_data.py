"""Own-data rows: held-out metrics from the manifest and the fresh-message probe scoring."""
from __future__ import annotations

from dataclasses import dataclass

from benchmarks.own_data import heldout_rows, probe_rows, score_probe
from nlp.types import Analysis, Entity, IntentScore, Sentiment

PROBE = """\
dialogues:
  - name: one
    turns:
      - user: what is dropout in keras
        intent: ask_concept
        sentiment: neutral
        entities:
          - {text: dropout, label: CONCEPT}
          - {text: Keras, label: FRAMEWORK}
  - name: two
    turns:
      - user: ugh quiz me
        intent: quiz
        sentiment: negative
  - name: three
    turns:
      - user: hello
"""


@dataclass
class FakePipeline:
    """Answers a fixed analysis per text, like Pipeline.analyze_batch."""

    answers: dict[str, Analysis]

    def analyze_batch(self, texts):
        return [self.answers[text] for text in texts]


def _analysis(text: str, intent: str, mood: str, entities: list[Entity]) -> Analysis:
    return Analysis(text, IntentScore(intent, 0.9), [], Sentiment(mood, 0.0), entities)


def test_probe_scores_count_only_stated_expectations(tmp_path) -> None:
    probe = tmp_path / "fresh_messages.yml"
    probe.write_text(PROBE, encoding="utf-8")
    text = "what is dropout in keras"
    pipeline = FakePipeline({
        # "keras" matches "Keras" case-insensitively; the CONCEPT is missed
        text: _analysis(text, "ask_concept", "neutral", [Entity("keras", "FRAMEWORK", 19, 24)]),
        "ugh quiz me": _analysis("ugh quiz me", "greet", "negative", []),
        "hello": _analysis("hello", "greet", "positive", []),
    })
    scores = score_probe(pipeline, probe)
    assert scores.turns == 3
    assert scores.intent_accuracy == 0.5       # the third turn states no intent
    assert scores.sentiment_accuracy == 1.0
    assert round(scores.entity_f1, 4) == round(2 * 1.0 * 0.5 / 1.5, 4)  # precision 1, recall 1/2
    rows = probe_rows(scores)
    assert [row.target for row in rows] == [">= 0.93", ">= 0.88", ">= 0.85"]


def test_heldout_rows_skip_missing_components() -> None:
    rows = heldout_rows({"intent": {"accuracy": 0.95, "macro_f1": 0.94}, "ner": {"precision": 0.9}}, 0.15)
    assert [(row.metric, row.ours) for row in rows] == [("intent accuracy (held-out 15%)", 0.95)]
