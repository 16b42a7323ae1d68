"""Golden transcripts: the tutor's whole behaviour on fixed learner sessions, recorded once and
compared turn by turn after a change that must not change behaviour (a refactoring).

    python tools/golden.py record [--models models]   play tests/tutor/golden/sessions.yml through the
                                                       core with a trained pipeline; write the transcripts
                                                       and everything the models answered
    python tools/golden.py check                       replay with the recorded model outputs; print diffs
    python tools/golden.py accept [--models models]    a change of behaviour accepted: replay with the recorded
                                                       model outputs, ask the trained pipeline only what was never
                                                       asked, print the diffs and write the new transcripts

What the models said (intents, entities, sentiment, responder replies, word2vec neighbours) is
recorded beside the transcripts and replayed, so the comparison needs no trained model and tests
the dialogue alone. The clock moves one hour a turn and the random module is seeded per turn, so
review schedules are the same in every run. ``tests/tutor/test_golden.py`` runs the check.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "tutor" / "golden"
SESSIONS = GOLDEN / "sessions.yml"
TRANSCRIPTS = GOLDEN / "transcripts.jsonl"
MODEL_OUTPUTS = GOLDEN / "model_outputs.json"
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

sys.path.insert(0, str(ROOT))

from bot.core import Core, open_core  # noqa: E402
from nlp.types import Analysis, AnswerContext, AnswerHit, AnswerOption, Entity, IntentScore, Sentiment  # noqa: E402
from tutor.curriculum import Curriculum  # noqa: E402


# ------------------------------------------------------------------ model outputs, recorded and replayed


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    return Analysis(
        text=data["text"],
        intent=IntentScore(**data["intent"]) if data["intent"] else None,
        intent_ranking=[IntentScore(**score) for score in data["intent_ranking"]],
        sentiment=Sentiment(**data["sentiment"]) if data["sentiment"] else None,
        entities=[Entity(**e) for e in data["entities"]] if data["entities"] is not None else None,
        response=data.get("response"),
    )


@dataclass
class ModelOutputs:
    analyses: dict[str, dict[str, Any]] = field(default_factory=dict)
    replies: dict[str, str | None] = field(default_factory=dict)
    embeddings: dict[str, list[list[Any]]] = field(default_factory=dict)
    answers: dict[str, dict[str, Any] | None] = field(default_factory=dict)   # the knowledge base's hits


def _answer_key(text: str, context: AnswerContext | None) -> str:
    return json.dumps([text, context.lesson if context else None, list(context.concepts) if context else []])


def hit_to_dict(hit: AnswerHit | None) -> dict[str, Any] | None:
    return None if hit is None else {**hit.__dict__, "concepts": list(hit.concepts),
                                     "alternatives": [option.__dict__ for option in hit.alternatives]}


def hit_from_dict(data: dict[str, Any] | None) -> AnswerHit | None:
    if data is None:
        return None
    return AnswerHit(**{**data, "concepts": tuple(data["concepts"]),
                        "alternatives": tuple(AnswerOption(**option) for option in data["alternatives"])})


class _RecordingEmbeddings:
    def __init__(self, embeddings: Any, outputs: ModelOutputs) -> None:
        self.embeddings, self.outputs = embeddings, outputs

    def _record(self, key: list[Any], compute: Callable[[], Any]) -> Any:
        try:
            result = [list(pair) for pair in compute()]
        except (KeyError, ValueError) as error:
            self.outputs.embeddings[json.dumps(key)] = [["error", type(error).__name__, str(error)]]
            raise
        self.outputs.embeddings[json.dumps(key)] = result
        return [tuple(pair) for pair in result]

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        return self._record(["most_similar", word, n], lambda: self.embeddings.most_similar(word, n))

    def analogy(self, positive: list[str], negative: list[str], n: int = 10) -> list[tuple[str, float]]:
        return self._record(["analogy", positive, negative, n], lambda: self.embeddings.analogy(positive, negative, n))


class RecordingPipeline:
    """A trained pipeline whose every answer is kept in ``outputs``."""

    def __init__(self, pipeline: Any, outputs: ModelOutputs) -> None:
        self.pipeline, self.outputs = pipeline, outputs
        self.embeddings = _RecordingEmbeddings(pipeline.embeddings, outputs) if pipeline.embeddings else None
        self.components = pipeline.components

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        hit = self.pipeline.answer(text, context)
        self.outputs.answers[_answer_key(text, context)] = hit_to_dict(hit)
        return hit

    def __call__(self, text: str) -> Analysis:
        analysis = self.pipeline(text)
        self.outputs.analyses[text] = analysis.to_dict()
        return analysis

    def respond(self, text: str, context: Any = (), **options: Any) -> str | None:
        reply = self.pipeline.respond(text, context, **options)   # refuse, fallback: see nlp.Pipeline.respond
        self.outputs.replies[text] = reply
        return reply


class _ReplayedEmbeddings:
    def __init__(self, outputs: ModelOutputs) -> None:
        self.outputs = outputs

    def _replay(self, key: list[Any]) -> list[tuple[str, float]]:
        result = self.outputs.embeddings[json.dumps(key)]
        if result and result[0][0] == "error":
            raise {"KeyError": KeyError, "ValueError": ValueError}[result[0][1]](result[0][2])
        return [tuple(pair) for pair in result]

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        return self._replay(["most_similar", word, n])

    def analogy(self, positive: list[str], negative: list[str], n: int = 10) -> list[tuple[str, float]]:
        return self._replay(["analogy", positive, negative, n])


class ReplayedPipeline:
    """Answers exactly as the recorded pipeline did; a text it never saw is an error (KeyError)."""

    def __init__(self, outputs: ModelOutputs) -> None:
        self.outputs = outputs
        self.embeddings = _ReplayedEmbeddings(outputs)
        self.components = {"answers": None} if outputs.answers else {}

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        return hit_from_dict(self.outputs.answers[_answer_key(text, context)])

    def __call__(self, text: str) -> Analysis:
        return analysis_from_dict(self.outputs.analyses[text])

    def respond(self, text: str, context: Any = (), **_: Any) -> str | None:
        return self.outputs.replies[text]      # as recorded, with the options the dialogue passed then


class ReplayFirstPipeline(ReplayedPipeline):
    """The recorded answers where there are some; the trained pipeline (recorded too) for what was never asked.

    Accepting a change of behaviour this way keeps every other turn as it was: a freshly trained word2vec or
    responder would change turns the change never touched."""

    def __init__(self, outputs: ModelOutputs, live: RecordingPipeline) -> None:
        super().__init__(outputs)
        self.live = live
        self.embeddings = _ReplayFirstEmbeddings(outputs, live.embeddings)
        self.components = {**live.components, **self.components}

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        if _answer_key(text, context) in self.outputs.answers:
            return super().answer(text, context)
        return self.live.answer(text, context)

    def __call__(self, text: str) -> Analysis:
        return super().__call__(text) if text in self.outputs.analyses else self.live(text)

    def respond(self, text: str, context: Any = (), **options: Any) -> str | None:
        return super().respond(text) if text in self.outputs.replies else self.live.respond(text, context, **options)


class _ReplayFirstEmbeddings(_ReplayedEmbeddings):
    def __init__(self, outputs: ModelOutputs, live: _RecordingEmbeddings | None) -> None:
        super().__init__(outputs)
        self.live = live

    def _replay_or_ask(self, key: list[Any], ask: Callable[[_RecordingEmbeddings], Any]) -> list[tuple[str, float]]:
        if json.dumps(key) in self.outputs.embeddings or self.live is None:
            return self._replay(key)
        return ask(self.live)

    def most_similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        return self._replay_or_ask(["most_similar", word, n], lambda live: live.most_similar(word, n))

    def analogy(self, positive: list[str], negative: list[str], n: int = 10) -> list[tuple[str, float]]:
        return self._replay_or_ask(["analogy", positive, negative, n], lambda live: live.analogy(positive, negative, n))


# ------------------------------------------------------------------ playing the sessions


class StepClock:
    """One hour later at every turn: review items become due within a session."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def fake_draw(name: str, **params: Any) -> Path:
    return Path(f"{name}{json.dumps(params, sort_keys=True, default=str)}.png")


def load_sessions(path: Path = SESSIONS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sessions"]


def state_projection(core: Core, learner: str) -> dict[str, Any]:
    """What the learner's saved state says, independent of how the tutor represents it internally."""
    state = core.store.load(learner)
    question = getattr(state, "pending", None)
    return {
        "mode": str(state.state),
        "lesson": state.lesson_id,
        "step": state.step,
        "question": None if not question else {
            key: question.get(key) for key in ("exercise_id", "prompt", "options", "answer", "review")},
        "misses": state.misses,
        "questions_asked": state.questions_asked,
        "mastery": dict(sorted(state.mastery.items())),
        "offered": [list(pair) for pair in zip(state.options, state.actions)] or list(state.options),
    }


def store_writes(core: Core, learner: str) -> dict[str, Any]:
    """The learner's answers, review cards and logged intents so far (compared as turn deltas)."""
    db = core.store.db
    answers = db.execute("SELECT exercise_id, answer, correct FROM answers WHERE learner_id = ? ORDER BY id",
                         (learner,)).fetchall()
    cards = db.execute("SELECT item, due FROM review_cards WHERE learner_id = ? ORDER BY item", (learner,)).fetchall()
    intents = db.execute("SELECT intent FROM log WHERE learner_id = ? AND sender = 'learner' ORDER BY id",
                         (learner,)).fetchall()
    return {"answers": [list(a) for a in answers], "cards": [list(c) for c in cards],
            "intent": intents[-1][0] if intents else None}


async def play(pipeline: Any, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    curriculum = Curriculum.load()
    records = []
    for session in sessions:
        clock = StepClock()
        core = open_core(None, ":memory:", pipeline=pipeline, curriculum=curriculum, clock=clock, draw=fake_draw)
        learner = f"golden:{session['name']}"
        answers_before = 0
        for index, text in enumerate(session["messages"]):
            clock.now = START + timedelta(hours=index)
            random.seed(index)
            replies = await core.handle(learner, text)
            writes = store_writes(core, learner)
            new_answers, answers_before = writes["answers"][answers_before:], len(writes["answers"])
            records.append({
                "session": session["name"], "turn": index, "user": text,
                "replies": [{"text": r.text, "options": r.options, "images": [str(i) for i in r.images]}
                            for r in replies],
                "state": state_projection(core, learner),
                "writes": {"answers": new_answers, "cards": writes["cards"], "intent": writes["intent"]},
            })
        await core.close()
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), encoding="utf-8")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def save(records: list[dict[str, Any]], outputs: ModelOutputs) -> None:
    write_jsonl(TRANSCRIPTS, records)
    MODEL_OUTPUTS.write_text(json.dumps(outputs.__dict__, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                             encoding="utf-8")


def record(models: Path) -> None:
    from nlp import Pipeline

    outputs = ModelOutputs()
    records = asyncio.run(play(RecordingPipeline(Pipeline.load(models), outputs), load_sessions()))
    save(records, outputs)
    print(f"recorded {len(records)} turns of {len(load_sessions())} sessions")


def recorded_outputs() -> ModelOutputs:
    return ModelOutputs(**json.loads(MODEL_OUTPUTS.read_text(encoding="utf-8")))


def replay() -> list[dict[str, Any]]:
    return asyncio.run(play(ReplayedPipeline(recorded_outputs()), load_sessions()))


def accept(models: Path) -> None:
    """The new behaviour becomes the golden one; the diffs it accepts are printed for the commit's review."""
    from nlp import Pipeline

    outputs = recorded_outputs()
    live = RecordingPipeline(Pipeline.load(models), outputs)
    records = asyncio.run(play(ReplayFirstPipeline(outputs, live), load_sessions()))
    changed = differences(read_jsonl(TRANSCRIPTS), records)
    print("\n".join(changed) or "nothing changed")
    save(records, outputs)
    print(f"accepted: {len(changed)} turn(s) changed of {len(records)}")


def differences(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    """A readable line per turn that differs (the first field that does)."""
    found = []
    for want, have in zip(expected, got):
        for key in ("user", "replies", "state", "writes"):
            if want[key] != have[key]:
                found.append(f"{want['session']} #{want['turn']} {want['user']!r}: {key}\n"
                             f"  expected {json.dumps(want[key], ensure_ascii=False)}\n"
                             f"  got      {json.dumps(have[key], ensure_ascii=False)}")
                break
    if len(expected) != len(got):
        found.append(f"{len(expected)} turns recorded, {len(got)} played")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "check", "accept"))
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    args = parser.parse_args()
    if args.action in ("record", "accept"):
        (record if args.action == "record" else accept)(args.models)
        return 0
    problems = differences(read_jsonl(TRANSCRIPTS), replay())
    print("\n".join(problems[:20]) or "golden transcripts identical")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
