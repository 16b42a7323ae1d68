"""The responder benchmark: its prompts are unseen (none is a message of the persona dialogue files), its latencies robust to a stall."""
from __future__ import annotations

import time
from pathlib import Path

from benchmarks.responder import PROMPTS, dev_prompts, latencies_ms
from nlp.data import TrainingData, is_fetched
from nlp.decoding import normalise

DATA = Path(__file__).resolve().parents[2] / "data"


def test_dev_prompts_are_neither_persona_messages_nor_the_fixed_prompts():
    persona = {normalise(d.message) for d in TrainingData.load(DATA).dialogues if not is_fetched(d.source)}
    dev = [normalise(p) for p in dev_prompts()]
    assert len(dev) >= 30 and len(set(dev)) == len(dev)
    assert not set(dev) & persona
    assert not set(dev) & {normalise(p) for p in PROMPTS}
    assert not {normalise(p) for p in PROMPTS} & persona


def test_each_reply_s_latency_is_the_median_of_its_timings_so_one_stall_does_not_count():
    class StallsOnce:  # the first reply to each message stalls, the others are instant
        def __init__(self) -> None:
            self.seen: set[str] = set()

        def reply(self, message: str, decoding=None) -> None:
            if message not in self.seen:
                self.seen.add(message)
                time.sleep(0.2)

    times = latencies_ms(StallsOnce(), ["a", "b"], None, repeats=3)
    assert len(times) == 2 and max(times) < 100
    assert min(latencies_ms(StallsOnce(), ["a"], None, repeats=1)) >= 200
