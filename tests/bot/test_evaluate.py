"""bot.evaluate: test-file parsing and validation, per-turn checks, scoring, and the throw-away stores."""
from __future__ import annotations

from pathlib import Path

import pytest

import bot.core
from bot.core import TurnResult
from bot.evaluate import Dialogue, Evaluation, PlayedTurn, Turn, evaluate, load_dialogues, unknown_labels
from nlp.errors import DataError
from nlp.types import Analysis, Entity, IntentScore, Sentiment
from tutor.replies import Reply


def write(tmp_path: Path, text: str, name: str = "dialogues.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TEST_FILE = """\
dialogues:
  - name: first
    turns:
      - user: yes
        intent: affirm
      - user: 2
      - user: What is Overfitting?
        entities:
          - {text: overfitting, label: CONCEPT}
        bot_says: [overfit, Training]
  - name: second
    turns:
      - user: hi
        entities: []
        sentiment: neutral
        bot_says: hello
"""


def test_load_keeps_what_the_learner_typed_and_the_lines(tmp_path: Path) -> None:
    first, second = load_dialogues([write(tmp_path, TEST_FILE)])
    # `yes` and `2` are what a learner types (an answer, an option number), not a bool and an int.
    assert [t.user for t in first.turns] == ["yes", "2", "What is Overfitting?"]
    assert [t.line for t in first.turns] == [4, 6, 7]
    assert first.turns[0].intent == "affirm" and first.turns[1].expected() == {}
    assert first.turns[2].entities == [("overfitting", "CONCEPT")]
    assert first.turns[2].bot_says == ["overfit", "Training"]
    assert second.turns[0].entities == [] and second.turns[0].bot_says == "hello"
    assert (second.name, second.line) == ("second", 11)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("dialogues:\n  - name: a\n    turns:\n      - user: hi\n        intnet: greet\n", 4, "unknown key(s) intnet"),
        ("dialogues:\n  - name: a\n    turns:\n      - intent: greet\n", 4, "needs a non-empty `user:`"),
        ("dialogues:\n  - name: a\n    turns:\n      - user: hi\n        entities:\n          - overfitting\n",
         4, "an entity must be {text: ..., label: ...}"),
        ("dialogues:\n  - name: a\n    turns:\n      - user: hi\n        entities:\n          - {text: x}\n",
         6, "an entity must be"),
        ("dialogues:\n  - name: a\n    turns: []\n", 2, "`turns:` must be a non-empty list"),
        ("dialogues:\n  - turns:\n      - user: hi\n", 2, "needs a `name:`"),
        ("dialogues:\n  - name: a\n    turns:\n      - user: hi\n        bot_says: []\n", 4, "`bot_says:`"),
        ("nlu:\n  - intent: greet\n", 1, "expected a top-level `dialogues:` list"),
        ("dialogues:\n  - name: a\n    turns:\n      - user: [hi\n", 5, "bad YAML"),
    ],
)
def test_a_malformed_test_file_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        load_dialogues([path])
    assert (caught.value.path, caught.value.line) == (path, line)
    assert message in str(caught.value)


@pytest.mark.parametrize("depth", [500, 5000])
def test_deep_nesting_names_its_line_not_a_recursion_error(tmp_path: Path, depth: int) -> None:
    path = write(tmp_path, "dialogues:\n  - name: a\n    turns:\n      - user: hi\n"
                           f"        bot_says: {'[' * depth}{']' * depth}\n")
    with pytest.raises(DataError, match="nest") as caught:
        load_dialogues([path])
    assert (caught.value.path, caught.value.line) == (path, 5)


def test_unknown_labels_are_all_listed_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, TEST_FILE.replace("label: CONCEPT", "label: IDEA").replace("neutral", "meh"))
    problems = unknown_labels(load_dialogues([path]), {"intents": ["greet"], "entities": ["CONCEPT"], "sentiment": []})
    assert problems == [
        f"{path}:4: unknown intent 'affirm' (known: greet)",
        f"{path}:7: unknown entity 'IDEA' (known: CONCEPT)",
        f"{path}:13: unknown sentiment 'meh' (known: negative, neutral, positive)",
    ]


def analysis(text: str, intent: str | None = None, sentiment: str | None = None,
             entities: list[tuple[str, str]] = ()) -> Analysis:
    return Analysis(
        text,
        intent=IntentScore(intent, 0.9) if intent else None,
        sentiment=Sentiment(sentiment, 0.0) if sentiment else None,
        entities=[Entity(t, label, 0, len(t)) for t, label in entities],
    )


def played(turn: Turn, result: Analysis, reply: str = "", latency: float | None = 1.0,
           dialogue: Dialogue | None = None, number: int = 1) -> PlayedTurn:
    dialogue = dialogue or Dialogue("d", Path("f.yml"), 1, [turn])
    return PlayedTurn(dialogue, number, turn, result, reply, latency)


def test_entities_compare_as_case_insensitive_multisets_of_text_and_label() -> None:
    turn = Turn("x", 1, entities=[("Dropout", "CONCEPT"), ("dropout", "CONCEPT")])
    assert played(turn, analysis("x", entities=[("dropout", "CONCEPT"), ("DROPOUT", "CONCEPT")])).passed()
    assert played(turn, analysis("x", entities=[("dropout", "CONCEPT")])).mismatches() == ["entities"]
    assert played(Turn("x", 1, entities=[]), analysis("x", entities=[("Keras", "FRAMEWORK")])).mismatches() == [
        "entities"
    ]


def test_bot_says_needs_every_phrase_case_insensitively() -> None:
    turn = Turn("x", 1, bot_says=["OVERFIT", "training data"])
    assert played(turn, analysis("x"), reply="Overfitting: the model memorises its Training Data.").passed()
    assert played(turn, analysis("x"), reply="Overfitting happens.").mismatches() == ["bot_says"]


def test_summary_counts_only_turns_that_state_each_expectation() -> None:
    turns = [
        Turn("hi", 1, intent="greet", sentiment="neutral"),
        Turn("what is dropout", 2, intent="ask_concept", entities=[("dropout", "CONCEPT")], bot_says="dropout"),
        Turn("bye", 3, intent="goodbye", bot_says="see you"),
        Turn("2", 4),
    ]
    good, bad = Dialogue("good", Path("f.yml"), 1, turns[:2]), Dialogue("bad", Path("f.yml"), 9, turns[2:])
    evaluation = Evaluation([good, bad], [
        played(turns[0], analysis("hi", "greet", "negative"), "Hello!", 2.0, good, 1),
        played(turns[1], analysis("what is dropout", "ask_concept", entities=[("dropout", "CONCEPT")]),
               "Dropout switches off units.", None, good, 2),   # a picture: no latency
        played(turns[2], analysis("bye", "greet"), "Bye!", 4.0, bad, 1),
        played(turns[3], analysis("2", "quiz"), "Right!", 6.0, bad, 2),
    ])
    summary = evaluation.summary()
    assert summary["dialogues"] == {"total": 2, "passed": 0, "success_rate": 0.0}
    assert summary["turns"] == 4
    assert summary["intent"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["intent"]["labels"]["goodbye"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert summary["sentiment"] == {"accuracy": 0.0, "macro_f1": 0.0}
    assert summary["entities"]["f1"] == 1.0
    assert summary["bot_says"] == {"checked": 2, "passed": 1}
    assert summary["latency_ms"] == {"p50": 4.0, "p95": pytest.approx(5.8), "max": 6.0}
    assert summary["failures"] == [
        {"dialogue": "good", "turn": 1, "user": "hi", "expected": {"sentiment": "neutral"},
         "got": {"sentiment": "negative"}},
        {"dialogue": "bad", "turn": 1, "user": "bye", "expected": {"intent": "goodbye", "bot_says": "see you"},
         "got": {"intent": "greet", "bot_says": "Bye!"}},
    ]
    assert [d.name for d in evaluation.failed_dialogues()] == ["good", "bad"]


class RecordingCore:
    """Stands in for bot.core.Core: answers with an image when asked to draw."""

    opened: list[tuple[Path, object]] = []

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        db_path.write_text("store")  # the store exists while the dialogue plays
        self.learners: set[str] = set()

    async def handle_turn(self, learner_id: str, text: str) -> TurnResult:
        self.learners.add(learner_id)
        images = [self.db_path] if "draw" in text else []
        return TurnResult([Reply(f"You said {text}", options=["Next lesson"], images=images)], None)

    async def close(self) -> None:
        RecordingCore.opened.append((self.db_path, frozenset(self.learners)))


async def test_each_dialogue_is_a_new_learner_in_a_throw_away_store(tmp_path: Path, monkeypatch) -> None:
    RecordingCore.opened = []
    monkeypatch.setattr(bot.core, "open_core", lambda models, db, *, pipeline: RecordingCore(Path(db)))
    dialogues = load_dialogues([write(tmp_path, TEST_FILE.replace("user: hi", "user: please draw it"))])

    def pipeline(text: str) -> Analysis:  # the core gave no analysis: the pipeline's is scored
        return analysis(text, "affirm", "neutral", [("overfitting", "CONCEPT")] if "Overfitting" in text else [])

    evaluation = await evaluate(dialogues, pipeline, tmp_path / "models", progress=False)

    stores = [db for db, _ in RecordingCore.opened]
    assert len(stores) == 2 and stores[0] != stores[1]
    assert not any(db.exists() or db.parent.exists() for db in stores)     # deleted afterwards
    assert not any(db.is_relative_to(tmp_path) for db in stores)             # never next to the user's files
    assert [t.reply_text for t in evaluation.turns][2] == "You said What is Overfitting?\nNext lesson"
    assert [t.latency_ms is None for t in evaluation.turns] == [False, False, False, True]
    summary = evaluation.summary()
    assert summary["bot_says"] == {"checked": 2, "passed": 0}
    assert summary["intent"]["accuracy"] == 1.0 and summary["entities"]["f1"] == 1.0
