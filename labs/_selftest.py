"""NOT a lab for learners: the tests' and the benchmark's lab, quick and without torch.

It trains logistic regression on two Gaussian blobs with numpy, or, as ``behaviour`` says, misbehaves
the ways the pool must survive: ``spin`` loops past its CPU budget, ``sleep`` waits past its time limit,
``hog`` allocates past its memory budget, ``fail`` raises. ``busy_seconds`` adds CPU work before the
training (the benchmark's stand-in for a real lab's load). The tutor offers it only where a test or
the benchmark registers it (``labs.registry.MODULES``).
"""
from __future__ import annotations

import io
import time
from typing import Any

import numpy as np

from labs.base import LabError, LabQuestion, LabResult, LabSpec, Param, Progress

SPEC = LabSpec(
    name="selftest", day=1, title="A self-test lab: logistic regression on two blobs",
    concepts=("logistic_regression", "learning_rate"), lesson="d1-logistic-regression",
    params=(
        Param("epochs", 20, "passes over the 200 points", low=1, high=200),
        Param("learning_rate", 0.5, "the step size of gradient descent", low=0.001, high=10),
        Param("behaviour", "train", "what the lab does", choices=("train", "spin", "sleep", "hog", "fail")),
        Param("busy_seconds", 0.0, "CPU work before training (seconds)", low=0, high=60),
        Param("picture", "no", "draw the loss curve", choices=("yes", "no")),
    ),
    run="labs._selftest:run", cpu_seconds=3, memory_mb=400, aliases=("self-test", "selftest"),
)
CODE = """model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate={learning_rate}), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs={epochs}, batch_size=200)"""


def run(params: dict[str, Any], progress: Progress) -> LabResult:
    behaviour = params.get("behaviour", "train")
    _misbehave(behaviour)
    _burn(float(params.get("busy_seconds", 0.0)))
    rng = np.random.default_rng(int(params.get("seed", 0)))
    x = np.concatenate([rng.normal(-1, 1, (100, 2)), rng.normal(1, 1, (100, 2))])
    y = np.concatenate([np.zeros(100), np.ones(100)])
    weights, bias, losses = np.zeros(2), 0.0, []
    epochs, rate = int(params["epochs"]), float(params["learning_rate"])
    for epoch in range(1, epochs + 1):
        predicted = 1 / (1 + np.exp(-(x @ weights + bias)))
        losses.append(float(-np.mean(y * np.log(predicted + 1e-9) + (1 - y) * np.log(1 - predicted + 1e-9))))
        weights -= rate * x.T @ (predicted - y) / len(y)
        bias -= rate * float(np.mean(predicted - y))
        progress(f"epoch {epoch}/{epochs} - loss {losses[-1]:.3f}", epoch / epochs)
    accuracy = float(np.mean(((x @ weights + bias) > 0) == y))
    return LabResult(
        lab="selftest", params=dict(params), figures={"accuracy": round(accuracy, 4), "final_loss": round(losses[-1], 4)},
        summary=(f"With learning rate {rate:g} the loss went from {losses[0]:.3f} to {losses[-1]:.3f} in {epochs} "
                 f"epochs. The line it found separates {accuracy:.0%} of the points."),
        code=CODE.format(learning_rate=rate, epochs=epochs),
        pictures=[_curve(losses)] if params.get("picture") == "yes" else [],
        question=LabQuestion("Would a ten times smaller learning rate make the loss fall faster or slower per epoch?",
                             ("faster", "slower"), "slower",
                             "Each step moves the weights by the learning rate times the gradient: smaller steps, "
                             "slower descent (but less risk of overshooting)."),
    )


def _misbehave(behaviour: str) -> None:
    if behaviour == "spin":
        while True:
            pass
    if behaviour == "sleep":
        while True:
            time.sleep(0.05)
    if behaviour == "hog":
        kept = []
        while True:
            kept.append(np.ones(8 * 2**20 // 8))     # 8 MB at a time, touched: resident
            time.sleep(0.005)
    if behaviour == "fail":
        raise LabError("This lab failed on purpose (behaviour=fail).")


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        np.sqrt(np.arange(10_000.0)).sum()


def _curve(losses: list[float]) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(4, 3), dpi=80)
    axes.plot(range(1, len(losses) + 1), losses)
    axes.set(xlabel="epoch", ylabel="loss", title="training loss")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
