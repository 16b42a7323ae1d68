"""Our own data: the held-out metrics `tutorbot train` records, and the fresh-message probe.

The probe (``benchmarks/probe/fresh_messages.yml``, a SPEC dialogue test file) holds learner messages
written apart from ``data/`` in another voice: it tells whether the models generalise beyond the
split they were tuned on. Each turn is read by the pipeline alone (no tutor), scored per expectation.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row
from benchmarks.speed import DATA_DIR, MODELS_DIR, train_default_models

PROBE = Path(__file__).resolve().parent / "probe" / "fresh_messages.yml"
TARGETS = {"intent": ">= 0.93", "entities": ">= 0.88", "sentiment": ">= 0.85"}


@dataclass(frozen=True)
class ProbeScores:
    intent_accuracy: float | None
    entity_f1: float | None
    sentiment_accuracy: float | None
    turns: int


def ensure_models(models_dir: Path = MODELS_DIR) -> Path:
    """The default-data pipeline the speed section trained; trained now if missing or stale."""
    from nlp.data import TrainingData

    manifest = models_dir / "manifest.json"
    fresh = manifest.is_file() and json.loads(manifest.read_text())["data_fingerprint"] == (
        TrainingData.load(DATA_DIR).fingerprint()
    )
    if not fresh:
        run = train_default_models(models_dir)
        if run.returncode != 0:
            raise RuntimeError(f"tutorbot train failed with exit code {run.returncode}")
    return models_dir


def heldout_rows(metrics: dict[str, dict[str, float]], heldout: float) -> list[Row]:
    """Rows from the manifest's held-out metrics (components absent from it are skipped)."""
    scope = f"held-out {heldout:.0%}"
    wanted = [("intent", "accuracy", "intent"), ("ner", "f1", "entities"), ("sentiment", "accuracy", "sentiment")]
    return [
        Row("own data", f"{component} {metric} ({scope})", metrics[component][metric], target=TARGETS[key])
        for component, metric, key in wanted
        if metric in metrics.get(component, {})
    ]


def score_probe(pipeline, probe: Path = PROBE) -> ProbeScores:
    """Intent accuracy, entity (text, label) F1 and sentiment accuracy over the turns that state each."""
    from bot.evaluate import load_dialogues
    from nlp.metrics import classification_report, entity_pair_scores

    turns = [turn for dialogue in load_dialogues([probe]) for turn in dialogue.turns]
    analyses = pipeline.analyze_batch([turn.user for turn in turns])
    pairs = list(zip(turns, analyses))
    intents = [(t.intent, a.intent.name if a.intent else "") for t, a in pairs if t.intent is not None]
    moods = [(t.sentiment, a.sentiment.label if a.sentiment else "") for t, a in pairs if t.sentiment is not None]
    spans = [(t.entities, [(e.text, e.label) for e in a.entities or []]) for t, a in pairs if t.entities is not None]
    return ProbeScores(
        classification_report(*zip(*intents)).accuracy if intents else None,
        entity_pair_scores([g for g, _ in spans], [p for _, p in spans]).f1 if spans else None,
        classification_report(*zip(*moods)).accuracy if moods else None,
        len(turns),
    )


def probe_rows(scores: ProbeScores) -> list[Row]:
    scope = f"fresh probe, {scores.turns} msgs"
    measured = [("intent accuracy", scores.intent_accuracy, "intent"),
                ("entity F1", scores.entity_f1, "entities"),
                ("sentiment accuracy", scores.sentiment_accuracy, "sentiment")]
    return [Row("own data", f"{name} ({scope})", value, target=TARGETS[key])
            for name, value, key in measured if value is not None]


def run(quick: bool = False) -> list[Row]:
    from nlp import Pipeline

    pipeline = Pipeline.load(ensure_models())
    rows = heldout_rows(pipeline.metrics, float(pipeline.manifest.get("heldout", 0.15)))
    if PROBE.is_file():
        rows += probe_rows(score_probe(pipeline))
    else:
        rows.append(Row("own data", "fresh probe", "not available", target=f"{PROBE.name} missing"))
    return rows
