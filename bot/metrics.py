"""Turn metrics for `tutorbot serve`, in Prometheus' text format (written by hand: four series
need no client library), and the core wrapper that records them for every channel alike."""
from __future__ import annotations

import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core import APOLOGY, Core, TurnResult
from tutor.replies import Reply

# Most turns answer in milliseconds; a first turn that loads a picture can take seconds.
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
ACTIVE_WINDOW_S = 300.0          # a learner with a turn in the last 5 minutes is active
MAX_TRACKED_LEARNERS = 100_000   # beyond this the oldest are forgotten first (memory bound)


@dataclass
class Metrics:
    clock: Callable[[], float] = time.monotonic
    turns: Counter[str] = field(default_factory=Counter)          # channel -> turns answered
    errors: Counter[str] = field(default_factory=Counter)         # kind -> count
    redeliveries: Counter[str] = field(default_factory=Counter)   # channel -> redelivered messages
    bucket_counts: list[int] = field(default_factory=lambda: [0] * (len(LATENCY_BUCKETS_S) + 1))
    latency_sum_s: float = 0.0
    in_flight: int = 0
    last_seen: dict[str, float] = field(default_factory=dict)     # learner -> when their last turn ended

    def turn(self, learner_id: str, seconds: float, failed: bool) -> None:
        self.turns[channel_of(learner_id)] += 1
        self.bucket_counts[bisect_left(LATENCY_BUCKETS_S, seconds)] += 1
        self.latency_sum_s += seconds
        if failed:
            self.errors["turn"] += 1
        self.last_seen.pop(learner_id, None)        # re-inserted last: the dict stays oldest first
        self.last_seen[learner_id] = self.clock()
        if len(self.last_seen) > MAX_TRACKED_LEARNERS:
            del self.last_seen[next(iter(self.last_seen))]

    def active_learners(self) -> int:
        since = self.clock() - ACTIVE_WINDOW_S
        for learner in [key for key, seen in self.last_seen.items() if seen < since]:
            del self.last_seen[learner]
        return len(self.last_seen)

    def render(self) -> str:
        """The exposition text (``text/plain; version=0.0.4``)."""
        lines = [
            "# HELP tutorbot_turns_total Turns answered, by channel.",
            "# TYPE tutorbot_turns_total counter",
            *(f'tutorbot_turns_total{{channel="{name}"}} {count}' for name, count in sorted(self.turns.items())),
            "# HELP tutorbot_redeliveries_total Messages delivered again and answered once.",
            "# TYPE tutorbot_redeliveries_total counter",
            *(f'tutorbot_redeliveries_total{{channel="{name}"}} {count}'
              for name, count in sorted(self.redeliveries.items())),
            "# HELP tutorbot_errors_total Turns that failed (answered with an apology) and refused requests.",
            "# TYPE tutorbot_errors_total counter",
            *(f'tutorbot_errors_total{{kind="{kind}"}} {count}' for kind, count in sorted(self.errors.items())),
            "# HELP tutorbot_turn_seconds Time from a message reaching the core to its replies.",
            "# TYPE tutorbot_turn_seconds histogram",
            *self._histogram(),
            "# HELP tutorbot_learners_active Learners with a turn in the last 5 minutes.",
            "# TYPE tutorbot_learners_active gauge",
            f"tutorbot_learners_active {self.active_learners()}",
            "# HELP tutorbot_turns_in_flight Turns being answered now.",
            "# TYPE tutorbot_turns_in_flight gauge",
            f"tutorbot_turns_in_flight {self.in_flight}",
        ]
        return "\n".join(lines) + "\n"

    def _histogram(self) -> list[str]:
        lines, running = [], 0
        for bound, count in zip((*LATENCY_BUCKETS_S, "+Inf"), self.bucket_counts):
            running += count
            lines.append(f'tutorbot_turn_seconds_bucket{{le="{bound}"}} {running}')
        lines += [f"tutorbot_turn_seconds_sum {self.latency_sum_s:.6f}", f"tutorbot_turn_seconds_count {running}"]
        return lines


def channel_of(learner_id: str) -> str:
    """The channel a learner id belongs to, by its prefix (``tg:``, ``fb:``, ``rest:``, ``web:``)."""
    prefix, _, rest = learner_id.partition(":")
    return prefix if rest and prefix.isalpha() and len(prefix) <= 8 else "other"


class MeteredCore:
    """The core with every turn counted and timed: the channels get this instead of the core."""

    def __init__(self, core: Core, metrics: Metrics) -> None:
        self.core, self.metrics = core, metrics

    @property
    def nlu(self) -> Any:
        return self.core.nlu

    @property
    def store(self) -> Any:
        return self.core.store

    @property
    def outbox(self) -> Any:
        return self.core.outbox

    async def handle(self, learner_id: str, text: str, *, delivery_id: str | None = None) -> list[Reply]:
        return (await self.handle_turn(learner_id, text, delivery_id=delivery_id)).replies

    async def handle_turn(self, learner_id: str, text: str, *, delivery_id: str | None = None,
                          pushed: bool = False) -> TurnResult:
        started = time.perf_counter()
        self.metrics.in_flight += 1
        try:
            result = await self.core.handle_turn(learner_id, text, delivery_id=delivery_id, pushed=pushed)
        except BaseException:
            self.metrics.turn(learner_id, time.perf_counter() - started, failed=True)
            raise
        finally:
            self.metrics.in_flight -= 1
        if result.redelivered:
            self.metrics.redeliveries[channel_of(learner_id)] += 1
            return result
        # The core answers a failed turn with its apology rather than raising.
        failed = result.analysis is None and [reply.text for reply in result.replies] == [APOLOGY]
        self.metrics.turn(learner_id, time.perf_counter() - started, failed)
        return result

    async def options_token(self, learner_id: str) -> str:
        return await self.core.options_token(learner_id)

    async def close(self) -> None:
        await self.core.close()
