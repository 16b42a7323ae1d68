"""The tutor's own intent data (data/nlu/): it loads, and no sentence is taught as two intents."""
import shutil
from pathlib import Path

from nlp.data import TrainingData

DATA = Path(__file__).resolve().parents[2] / "data"


def test_everyday_smalltalk_and_its_contrasts_validate_on_their_own(tmp_path):
    for name in ("everyday_smalltalk.yml", "contrast_everyday.yml"):
        (tmp_path / "nlu").mkdir(exist_ok=True)
        shutil.copy(DATA / "nlu" / name, tmp_path / "nlu" / name)
    examples = TrainingData.load(tmp_path).nlu
    by_intent = {intent: [e.text for e in examples if e.intent == intent] for intent in {e.intent for e in examples}}
    assert len(by_intent["smalltalk"]) >= 400
    assert {"out_of_scope", "repeat", "progress", "quiz", "start_lesson", "ask_concept"} <= set(by_intent)
    assert all(e.text[x.start : x.end] == x.text for e in examples for x in e.entities)


def test_no_sentence_is_taught_as_two_intents():
    """Normalised for case and end punctuation, as a learner would type it either way."""
    intents: dict[str, set[str]] = {}
    for example in TrainingData.load(DATA).nlu:
        intents.setdefault(example.text.lower().strip(" ?!."), set()).add(example.intent)
    assert {text: labels for text, labels in intents.items() if len(labels) > 1} == {}
