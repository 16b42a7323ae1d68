"""Answers benchmark: the answers component on labelled learner questions, beside a TF-IDF baseline.

    .venv/bin/python -m benchmarks.answers [--models DIR] [--probe FILE ...] [--data DIR] [--failures]

The questions (``benchmarks/probe/learner_questions.yml``, written blind; ``learner_questions_2.yml``, a second
set written apart, and ``learner_questions_3.yml`` to ``_12.yml``, written blind from the slides alone, for
checking that a change generalises: all twelve by default; ``--probe`` / ``--file`` takes one or more) are a ``questions:`` list (or
a bare list) of ``{question, context: {lesson, concept} (optional), expect: ANSWER_ID | "not in the
course", also: [ANSWER_ID, ...] (optional: other entries that are right too)}``.
The component evaluated is ``DIR/answers``; a models directory without it lends its embeddings to one
trained here on ``--data`` (seconds). Without ``--models`` it is the default pipeline that the speed
section trains (``--quick``: one trained here without word vectors).

The baseline is the classic FAQ retriever: TF-IDF (words and bigrams) nearest knowledge-base question,
its entry; it abstains below a cosine chosen like ours, on the knowledge base's own held-out questions
(at most 5% of the rightly answered ones abstained). It does not read the context.
"""
from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import yaml

from benchmarks.common import Row

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "benchmarks" / "probe" / "learner_questions.yml"
# Scored by default (and by `make bench`): the first file, and three written apart to check that a change
# generalises (the third and fourth written blind from the slides alone; the fourth never tuned on).
PROBES = (PROBE, *(PROBE.with_name(f"learner_questions_{n}.yml") for n in range(2, 13)))
OUTSIDE = "not in the course"
BASELINE = "TF-IDF nearest question"
# Each question timed 5 times after a warm-up pass, its median kept: on the shared 2-core machine single
# timings put p95 at 10 ms where every question's median was under 2 ms. The readings the retriever keeps per
# text are forgotten before each run (outside the clock), so every run reads its question for the first time.
LATENCY_REPEATS = 5


@dataclass(frozen=True)
class Probe:
    question: str
    expect: str                 # an answer id or OUTSIDE
    lesson: str | None = None
    concepts: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other answer ids that are right too

    def is_right(self, answer_id: str) -> bool:
        return answer_id == self.expect or answer_id in self.also

    @property
    def follow_up(self) -> bool:
        return self.lesson is not None or bool(self.concepts)


@dataclass(frozen=True)
class Prediction:
    id: str
    abstained: bool


def load_probe(path: Path = PROBE, known_ids: set[str] | None = None) -> list[Probe]:
    """The labelled questions; a malformed row or an unknown answer id is a one-line error naming it."""
    from nlp.errors import DataError

    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataError(path, None, f"cannot read the probe file ({error})") from None
    if isinstance(rows, dict):
        rows = rows.get("questions")
    if not isinstance(rows, list):
        raise DataError(path, None, "expected a `questions:` list of {question, context, expect, also} rows")
    probes = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not str(row.get("question", "")).strip() or not row.get("expect"):
            raise DataError(path, None, f"row {number}: needs `question:` and `expect:`")
        context = row.get("context") or {}
        if not isinstance(context, dict) or set(context) - {"lesson", "concept"}:
            raise DataError(path, None, f"row {number}: `context:` takes `lesson:` and `concept:`")
        expect, also = str(row["expect"]), row.get("also") or []
        if not isinstance(also, list):
            raise DataError(path, None, f"row {number}: `also:` must be a list of answer ids")
        unknown = [i for i in [expect, *map(str, also)] if i != OUTSIDE and known_ids is not None and i not in known_ids]
        if unknown:
            raise DataError(path, None, f"row {number}: unknown answer id {unknown[0]!r}")
        concept = context.get("concept")
        probes.append(Probe(str(row["question"]), expect, context.get("lesson"), (str(concept),) if concept else (),
                            tuple(map(str, also))))
    return probes


@dataclass(frozen=True)
class Scores:
    top1: float | None
    follow_up: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    false_abstentions: float | None


def score(probes: Sequence[Probe], predictions: Sequence[Prediction]) -> Scores:
    """top-1 and follow-up: a right entry (``expect`` or ``also``) first (in-course rows without / with context);
    abstentions: of "not in the course" rows, and of in-course rows (false abstentions)."""
    def share(hits: list[bool]) -> float | None:
        return round(sum(hits) / len(hits), 4) if hits else None

    pairs = list(zip(probes, predictions))
    inside = [(p, r) for p, r in pairs if p.expect != OUTSIDE]
    abstained = [p.expect == OUTSIDE for p, r in pairs if r.abstained]
    return Scores(
        top1=share([p.is_right(r.id) for p, r in inside if not p.follow_up]),
        follow_up=share([p.is_right(r.id) for p, r in inside if p.follow_up]),
        abstention_precision=share(abstained),
        abstention_recall=share([r.abstained for p, r in pairs if p.expect == OUTSIDE]),
        false_abstentions=share([r.abstained for _, r in inside]),
    )


def latency_ms(answer: Callable[[Probe], Any], probes: Sequence[Probe]) -> tuple[float, float]:
    """(p50, p95) of one call, one thread."""
    from nlp.retrieval import forget_readings

    for probe in probes:
        answer(probe)
    timings = []
    for probe in probes:
        runs = []
        for _ in range(LATENCY_REPEATS):
            forget_readings()
            started = time.perf_counter()
            answer(probe)
            runs.append((time.perf_counter() - started) * 1000)
        timings.append(statistics.median(runs))
    timings.sort()
    return round(timings[len(timings) // 2], 3), round(timings[min(len(timings) - 1, int(0.95 * len(timings)))], 3)


class TfidfBaseline:
    def __init__(self, entries: Sequence[Any]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        from nlp.answers_training import split

        train, test = split(list(entries))
        self.entries = list(entries)
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self._fit([(q.text, q.entry) for q in train])
        similarities, best = self._nearest([q.text for q in test])
        right = best == np.array([q.entry for q in test])
        self.threshold = float(np.quantile(similarities[right], 0.05)) if right.any() else 0.0
        self._fit([(q, n) for n, e in enumerate(entries) for q in e.questions])  # deployed: every question

    def _fit(self, questions: list[tuple[str, int]]) -> None:
        self.matrix = self.vectorizer.fit_transform([q for q, _ in questions])
        self.owners = np.array([n for _, n in questions])

    def _nearest(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        similarities = (self.vectorizer.transform(texts) @ self.matrix.T).toarray()
        best = similarities.argmax(axis=1)
        return similarities.max(axis=1), self.owners[best]

    def predict(self, probe: Probe) -> Prediction:
        similarity, entry = self._nearest([probe.question])
        return Prediction(self.entries[int(entry[0])].id, bool(similarity[0] < self.threshold))


def answers_component(models: Path | None, data: Path, quick: bool) -> Any:
    from nlp import Pipeline, TrainingData

    if models is None and not quick:
        from benchmarks.own_data import ensure_models

        models = ensure_models()
    base = Pipeline.load(models) if models is not None else None
    if base is not None and "answers" in base.components:
        return base.components["answers"]
    shared = {"embeddings": base.embeddings} if base is not None and base.embeddings is not None else {}
    from nlp.answers import Answers

    return Answers.train(TrainingData.load(data), shared=shared, seed=13, progress=False)


def failures(probes: Sequence[Probe], predictions: Sequence[Prediction]) -> list[str]:
    """One line per question answered wrong, abstained on wrongly or answered though outside the course."""
    lines = []
    for probe, predicted in zip(probes, predictions):
        outside = probe.expect == OUTSIDE
        if (predicted.abstained and outside) or (not predicted.abstained and probe.is_right(predicted.id)):
            continue
        got = f"{predicted.id} (abstained)" if predicted.abstained else predicted.id
        context = f" [after {probe.lesson or ''}{'/' + probe.concepts[0] if probe.concepts else ''}]" if probe.follow_up else ""
        lines.append(f"{probe.question!r}{context}: expected {probe.expect}, got {got}")
    return lines


def evaluate(models: Path | None = None, probe_paths: Sequence[Path] = PROBES, data: Path = ROOT / "data",
             quick: bool = False, show_failures: bool = False) -> list[Row]:
    import torch

    from nlp.types import AnswerContext

    torch.set_num_threads(1)
    answers = answers_component(models, data, quick)
    baseline = TfidfBaseline(answers.entries)

    def ours(probe: Probe) -> Prediction:
        context = AnswerContext(probe.lesson, probe.concepts) if probe.follow_up else None
        hit = answers.retrieve(probe.question, context)
        return Prediction(hit.id, hit.abstained) if hit is not None else Prediction("", True)

    rows = []
    for path in probe_paths:
        probes = load_probe(path, {e.id for e in answers.entries})
        predictions = [ours(p) for p in probes]
        if show_failures:
            print(f"{path.name}: failures", *failures(probes, predictions), sep="\n  ")
        rows += _rows(f"answers ({path.name}, {len(probes)} questions)", probes, predictions, baseline, ours)
    return rows


def _rows(name: str, probes: Sequence[Probe], predictions: Sequence[Prediction], baseline: TfidfBaseline,
          ours: Callable[[Probe], Prediction]) -> list[Row]:
    mine, theirs = score(probes, predictions), score(probes, [baseline.predict(p) for p in probes])
    (p50, p95), (base50, base95) = latency_ms(ours, probes), latency_ms(baseline.predict, probes)
    return [
        Row(name, "top-1 accuracy", mine.top1, BASELINE, theirs.top1, ">= 0.90"),
        Row(name, "follow-up accuracy (with context)", mine.follow_up, BASELINE, theirs.follow_up, ">= 0.85"),
        Row(name, "abstention precision", mine.abstention_precision, BASELINE, theirs.abstention_precision),
        Row(name, "abstention recall (not in the course)", mine.abstention_recall, BASELINE,
            theirs.abstention_recall, ">= 0.80"),
        Row(name, "in-course false abstentions", mine.false_abstentions, BASELINE, theirs.false_abstentions, "<= 0.05"),
        Row(name, "answer p50 (ms, 1 thread)", p50, BASELINE, base50),
        Row(name, "answer p95 (ms, 1 thread)", p95, BASELINE, base95, "<= 5"),
    ]


def run(quick: bool = False) -> list[Row]:
    return evaluate(quick=quick)


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.run import print_table
    from nlp.errors import TutorbotError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a trained models directory (default: the speed section's)")
    parser.add_argument("--probe", "--file", type=Path, nargs="+", default=list(PROBES),
                        help="the labelled learner questions (one or more files)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the knowledge base, when DIR has no answers")
    parser.add_argument("--quick", action="store_true", help="without --models: no word vectors, trained here")
    parser.add_argument("--failures", action="store_true", help="print each question the component got wrong")
    args = parser.parse_args(argv)
    try:
        print_table(evaluate(args.models, args.probe, args.data, args.quick, args.failures))
    except TutorbotError as error:
        print(f"error: {error}")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
