"""The responder benchmark's prompts are unseen: none is a message of the persona dialogue files."""
from __future__ import annotations

from pathlib import Path

from benchmarks.responder import PROMPTS, dev_prompts
from nlp.data import TrainingData
from nlp.decoding import normalise
from nlp.responder import is_fetched

DATA = Path(__file__).resolve().parents[2] / "data"


def test_dev_prompts_are_neither_persona_messages_nor_the_fixed_prompts():
    persona = {normalise(d.message) for d in TrainingData.load(DATA).dialogues if not is_fetched(d.source)}
    dev = [normalise(p) for p in dev_prompts()]
    assert len(dev) >= 30 and len(set(dev)) == len(dev)
    assert not set(dev) & persona
    assert not set(dev) & {normalise(p) for p in PROMPTS}
    assert not {normalise(p) for p in PROMPTS} & persona
