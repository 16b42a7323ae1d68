"""Speed and memory: one-thread latency, batch throughput, `tutorbot train` wall time and peak RSS.

Our pipeline is the one `tutorbot train` builds from the default ``data/`` (run as a subprocess, the
NLU components only: the responder has its own benchmark and budget). spaCy's blank textcat+ner
pipeline, trained briefly on the same NLU data, reads the SAME texts; both run on one thread.
A second `tutorbot train` trains every component, responder included, from ``data/`` as committed
(what the first `make chat` of a fresh clone does, before any `make fetch-data`).
"""
from __future__ import annotations

import os
import shutil
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from benchmarks.common import Row
from benchmarks.registry import CACHE

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
MODELS_DIR = CACHE / "models" / "default-nlu"   # own_data.py reads the same trained pipeline
NLU_COMPONENTS = ("embeddings", "intent", "sentiment", "ner")
MIN_MESSAGES = 1000
WARMUP = 50
BATCH_SECONDS = 2.0         # repeat the batch run at least this long for a stable figure
SPACY_SPEED_EPOCHS = 2      # speed does not depend on how well spaCy learnt, only on its network


@dataclass(frozen=True)
class TrainRun:
    seconds: float
    peak_rss_mb: float
    returncode: int


def train_default_models(models_dir: Path = MODELS_DIR, data_dir: Path = DATA_DIR,
                         only: Sequence[str] = NLU_COMPONENTS) -> TrainRun:
    """`tutorbot train --data data [--only <components>]` as a subprocess: its wall time and peak RSS
    (of the process itself; the responder trains in a child process of its own, see nlp.pipeline)."""
    command = [str(Path(sys.executable).with_name("tutorbot")), "train", "--data", str(data_dir),
               "--models", str(models_dir), *(["--only", *only] if only else [])]
    shutil.rmtree(models_dir, ignore_errors=True)  # a clean training run, never "keep the other components"
    print("$", " ".join(command), flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(command)
    # wait4 gives this child's own rusage, not the max over every child the bench has run.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return TrainRun(seconds, usage.ru_maxrss / 1024, process.returncode)


def train_from_committed_data() -> TrainRun:
    """Every component trained from a copy of ``data/`` without the fetched corpora (``fetched/`` folders)."""
    with tempfile.TemporaryDirectory(prefix="tutorbot-bench-") as scratch:
        data_dir = Path(scratch) / "data"
        shutil.copytree(DATA_DIR, data_dir, ignore=shutil.ignore_patterns("fetched"))
        return train_default_models(Path(scratch) / "models", data_dir, only=())


def learner_texts(limit: int = 2000) -> list[str]:
    """Chat-style messages: our NLU examples, then ATIS test queries, at least MIN_MESSAGES of them."""
    from benchmarks.atis import ATIS_DIR, read_split
    from nlp.data import TrainingData

    texts = [e.text for e in TrainingData.load(DATA_DIR).nlu]
    if (ATIS_DIR / "test" / "bio.jsonl").exists():
        texts += [e.text for e in read_split(ATIS_DIR / "test")]
    while len(texts) < MIN_MESSAGES:  # tiny data: repeat rather than measure too few calls
        texts += texts or ["hello"]
    return texts[:limit]


def single_latencies_ms(analyze: Callable[[str], object], texts: Sequence[str]) -> list[float]:
    """Per-message wall time of ``analyze(text)``, after a warm-up."""
    for text in texts[:WARMUP]:
        analyze(text)
    latencies = []
    for text in texts:
        started = time.perf_counter_ns()
        analyze(text)
        latencies.append((time.perf_counter_ns() - started) / 1e6)
    return latencies


def throughput(analyze_batch: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    """Messages per second of ``analyze_batch(texts)``, repeated for at least BATCH_SECONDS."""
    analyze_batch(texts[:256])  # warm-up
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < BATCH_SECONDS:
        analyze_batch(texts)
        done += len(texts)
    return done / (time.perf_counter() - started)


def spacy_on_own_data() -> Any:
    """spaCy blank textcat+ner trained briefly on data/nlu (the pipeline we race against)."""
    from benchmarks.baselines import SpacyExample, SpacyTextcatNer
    from nlp.data import TrainingData

    examples = [SpacyExample(e.text, e.entities, e.intent) for e in TrainingData.load(DATA_DIR).nlu]
    return SpacyTextcatNer.fit(examples, epochs=SPACY_SPEED_EPOCHS).nlp


def run(quick: bool = False) -> list[Row]:
    import torch
    from threadpoolctl import threadpool_limits

    from nlp import Pipeline
    from nlp.metrics import latency_percentiles

    training = train_default_models()
    if training.returncode != 0:
        raise RuntimeError(f"tutorbot train failed with exit code {training.returncode}")
    torch.set_num_threads(1)
    pipeline = Pipeline.load(MODELS_DIR)
    texts = learner_texts(limit=MIN_MESSAGES if quick else 2000)
    with threadpool_limits(1):  # spaCy (thinc on numpy) single-threaded as well
        spacy_nlp = spacy_on_own_data()
        ours = latency_percentiles(single_latencies_ms(pipeline, texts))
        theirs = latency_percentiles(single_latencies_ms(spacy_nlp, texts))
        ours_rate = throughput(pipeline.analyze_batch, texts)
        theirs_rate = throughput(lambda batch: list(spacy_nlp.pipe(batch, batch_size=256)), texts)
    spacy_name = "spaCy blank textcat+ner"
    messages = f"{len(texts)} msgs, 1 thread"
    return [
        Row("speed", f"analyze p50 (ms, {messages})", ours["p50"], spacy_name, theirs["p50"], "<= 1.5, < baseline"),
        Row("speed", f"analyze p95 (ms, {messages})", ours["p95"], spacy_name, theirs["p95"], "< baseline"),
        Row("speed", "analyze_batch (msg/s, 1 thread)", round(ours_rate), spacy_name + " nlp.pipe",
            round(theirs_rate), ">= 5000, > baseline"),
        Row("speed", "tutorbot train NLU wall (s, data/)", round(training.seconds, 1), target="<= 300"),
        Row("speed", "tutorbot train peak RSS (MB)", round(training.peak_rss_mb)),
        Row("speed", "bench process peak RSS (MB)", round(_own_peak_rss_mb())),
        *([] if quick else _every_component_rows()),
    ]


def _every_component_rows() -> list[Row]:
    run = train_from_committed_data()
    if run.returncode != 0:
        raise RuntimeError(f"tutorbot train failed with exit code {run.returncode}")
    return [Row("speed", "tutorbot train every component wall (s, data/ as committed)", round(run.seconds, 1),
                target="<= 300"),
            Row("speed", "tutorbot train every component peak RSS (MB, largest process)", round(run.peak_rss_mb))]


def _own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
