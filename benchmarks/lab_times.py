"""The hands-on labs (issue 21): each lab's wall time with default settings on one core, its accuracy,
its peak memory, against a scikit-learn baseline on the same data in the same run.

Every lab and every baseline runs in its own subprocess (one torch thread, OMP/MKL at one thread), so the
wall time includes what a fresh pool worker pays: importing torch, Keras, transformers. CPU seconds
(user + system of the child) are printed beside it: on a shared machine they are the steadier figure,
and the pool's budget counts them. Peak RSS is the child's ``ru_maxrss``. Baselines: LogisticRegression on the same polynomial features (logistic),
MLPClassifier(64) on the same digits split (mlp, cnn), TF-IDF + LogisticRegression on the same sentiment
split (lstm, transformer); word2vec and timeseries have none in scikit-learn (timeseries reports its error
against the naive "next = last" forecast instead).

``python -m benchmarks.lab_times [--quick]``; ``--quick`` runs the labs with tiny settings (the plumbing).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Row

ROOT = Path(__file__).resolve().parent.parent
LABS = ("logistic", "mlp", "cnn", "lstm", "transformer", "word2vec", "timeseries")
TARGET_SECONDS = 20.0
QUICK = {"logistic": {"epochs": 10}, "mlp": {"epochs": 1}, "cnn": {"epochs": 1, "filters": 4},
         "lstm": {"epochs": 1}, "transformer": {"epochs": 1, "compare": "no"}, "word2vec": {"epochs": 1},
         "timeseries": {"epochs": 1}}
ACCURACY = {"logistic": "val_accuracy", "mlp": "test_accuracy", "cnn": "test_accuracy",
            "lstm": "test_accuracy", "transformer": "test_accuracy"}
BASELINES = {"logistic": "sklearn LogisticRegression, same features", "mlp": "sklearn MLPClassifier(64)",
             "cnn": "sklearn MLPClassifier(64)", "lstm": "TF-IDF + LogisticRegression",
             "transformer": "TF-IDF + LogisticRegression"}
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


# ---------------------------------------------------------------- in the child process


def _lab(name: str, quick: bool) -> dict:
    import importlib

    import torch

    torch.set_num_threads(1)
    module = importlib.import_module(f"labs.{name}")
    params = {param.name: param.default for param in module.SPEC.params} | {"seed": 0}
    if quick:
        params |= QUICK[name]
    return module.run(params, lambda text, fraction: None).figures


def _baseline(name: str) -> dict:
    from sklearn.linear_model import LogisticRegression

    if name == "logistic":
        from sklearn.datasets import make_moons
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures, StandardScaler

        points, labels = make_moons(n_samples=360, noise=0.3, random_state=0)   # as labs/logistic.py
        model = make_pipeline(PolynomialFeatures(3, include_bias=False), StandardScaler(), LogisticRegression())
        model.fit(points[:60], labels[:60])
        return {"accuracy": float(model.score(points[60:], labels[60:]))}
    if name in ("mlp", "cnn"):
        from sklearn.neural_network import MLPClassifier

        from labs.data import digits

        split = digits()
        flat = lambda x: x.reshape(len(x), -1)  # noqa: E731
        model = MLPClassifier(hidden_layer_sizes=(64,), max_iter=300, random_state=0)
        model.fit(flat(split.x_train), split.y_train)
        return {"accuracy": float(model.score(flat(split.x_test), split.y_test))}
    from sklearn.feature_extraction.text import TfidfVectorizer

    from labs.data import sentiment
    from nlp.tokenizer import words

    train, test = sentiment()
    vectorizer = TfidfVectorizer(tokenizer=words, lowercase=False, token_pattern=None)
    model = LogisticRegression(max_iter=1000).fit(vectorizer.fit_transform(train.texts), train.labels)
    return {"accuracy": float(model.score(vectorizer.transform(test.texts), test.labels))}


def _child(kind: str, name: str, quick: bool) -> None:
    started = time.perf_counter()
    figures = _lab(name, quick) if kind == "lab" else _baseline(name)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": time.perf_counter() - started, "figures": figures,
                      "cpu": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
                      "peak_virtual_mb": _peak_virtual_mb()}))


def _peak_virtual_mb() -> float:
    """VmPeak: what an address-space limit (RLIMIT_AS, the pool's memory budget) has to allow."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------- in the parent


def measure(kind: str, name: str, quick: bool = False) -> dict:
    """Run one lab (or baseline) in a fresh one-thread process: wall seconds (process), figures, peak RSS."""
    command = [sys.executable, "-m", "benchmarks.lab_times", "--child", kind, name] + (["--quick"] if quick else [])
    env = os.environ | ONE_THREAD | {"PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{kind} {name} failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"wall": wall}


def rows_for(name: str, quick: bool) -> list[Row]:
    lab = measure("lab", name, quick)
    base = measure("baseline", name) if name in BASELINES else None
    label = f"lab {name}" + (" (quick)" if quick else "")
    settings = "tiny settings" if quick else "defaults"
    rows = [Row(label, f"wall s, {settings}, 1 core", round(lab["wall"], 2), BASELINES.get(name, ""),
                round(base["wall"], 2) if base else None, f"<= {TARGET_SECONDS:g}"),
            Row(label, "CPU s (user+system, whole process)", round(lab["cpu"], 2), BASELINES.get(name, ""),
                round(base["cpu"], 2) if base else None, f"<= {TARGET_SECONDS:g}"),
            Row(label, "peak RSS MB", round(lab["peak_rss_mb"]), BASELINES.get(name, ""),
                round(base["peak_rss_mb"]) if base else None),
            Row(label, "peak virtual MB (VmPeak)", round(lab["peak_virtual_mb"]), BASELINES.get(name, ""),
                round(base["peak_virtual_mb"]) if base else None)]
    if name in ACCURACY:
        target = ">= 0.95" if name == "cnn" else ""
        rows.append(Row(label, ACCURACY[name].replace("_", " "), lab["figures"][ACCURACY[name]],
                        BASELINES[name], round(base["figures"]["accuracy"], 4), target))
    if name == "timeseries":
        rows.append(Row(label, "one-step MSE", lab["figures"]["test_mse"], "next = last value",
                        lab["figures"]["naive_mse"], "< baseline"))
    if name == "transformer" and "lstm_test_accuracy" in lab["figures"]:
        rows.append(Row(label, "training s (transformer vs LSTM)", lab["figures"]["seconds"], "the lstm lab",
                        lab["figures"]["lstm_seconds"]))
    return rows


def run(quick: bool = False) -> list[Row]:
    rows: list[Row] = []
    for name in LABS:
        rows += rows_for(name, quick)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny settings: checks the plumbing")
    parser.add_argument("--only", nargs="+", choices=LABS, default=list(LABS))
    parser.add_argument("--child", nargs=2, metavar=("KIND", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child, quick=args.quick)
        return
    print(f"{'benchmark':24} {'metric':34} {'ours':>9} {'baseline':>9} {'ratio':>7}  target  (baseline)")
    for name in args.only:
        for row in rows_for(name, args.quick):
            ratio = row.ratio()
            base = "" if row.baseline_value is None else row.baseline_value
            print(f"{row.benchmark:24} {row.metric:34} {row.ours!s:>9} {base!s:>9} "
                  f"{'' if ratio is None else f'{ratio:.2f}':>7}  {row.target:7} {row.baseline}", flush=True)


if __name__ == "__main__":
    main()
