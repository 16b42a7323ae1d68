"""Day 2 lab: a dense network on scikit-learn's 8x8 digits, in Keras 3 (the code shown is the code run).

Dense(hidden)-ReLU-Dropout-Dense(10)-softmax on the 64 pixels; the learner picks the hidden
units, the dropout, the optimizer (sgd, adam, adadelta as in the slides' code), its learning
rate and the epochs, and sees the training and validation curves and the test accuracy.
"""
from __future__ import annotations

import numpy as np

from labs import curves, plots
from labs.base import LabResult, LabSpec, Param, Progress
from labs.data import DIGITS_SOURCE
from labs.keras_code import (
    KERAS1_NOTE, common_figures, digits_fit_source, epochs_setting, learning_rate_setting, literal, optimizer_setting,
    run_lab,
)

SPEC = LabSpec(
    name="mlp",
    day=2,
    title="A dense network on handwritten digits",
    concepts=("neural_network", "dense_layer", "dropout", "optimizer", "epoch"),
    lesson="d2-improving",
    params=(
        Param("hidden", 64, "neurons in the hidden dense layer", low=2, high=512, aliases=("units", "neurons")),
        Param("dropout", 0.2, "fraction of hidden neurons switched off at each step", low=0.0, high=0.8),
        optimizer_setting("adam"),
        learning_rate_setting(0.005, "learning rate (adam 0.001-0.01, sgd 0.05, adadelta 1.0)"),
        epochs_setting(20, "passes over the training digits", high=60),
    ),
    run="labs.mlp:run",
    cpu_seconds=60.0,
    aliases=("dense network", "multilayer perceptron", "neural network", "digits mlp", "perceptron"),
)


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    return f"""\
import keras
from keras import layers
{DIGITS_SOURCE}
keras.utils.set_random_seed({p['seed']})
model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    layers.Flatten(),                       # 64 pixels in a row
    layers.Dense({p['hidden']}),
    layers.Activation("relu"),
    layers.Dropout({p['dropout']}),
    layers.Dense(10),
    layers.Activation("softmax"),
])
{digits_fit_source(p, params['optimizer'])}{KERAS1_NOTE}
"""


def run(params: dict, progress: Progress) -> LabResult:
    params, code, trained = run_lab(SPEC, source, params, progress)
    scope, history = trained.scope, trained.history
    setting = f"hidden={params['hidden']}, dropout={params['dropout']}, {params['optimizer']} lr={params['lr']}"
    diagnosis = curves.diagnose(history, setting)
    accuracy = float(scope["test_accuracy"])
    wrong = np.flatnonzero(scope["predicted"] != scope["y_test"])
    figures = common_figures(trained, diagnosis.best_epoch) | {
        "train_accuracy": round(history["accuracy"][-1], 4), "val_accuracy": round(history["val_accuracy"][-1], 4),
        "errors": int(len(wrong))}
    title = f"dense net {setting}, {params['epochs']} epochs"
    pictures = [plots.curves(history, title), _mistakes_picture(scope, wrong)]
    summary = (f"{diagnosis.observation} The network ({figures['parameters']:,} weights) got {accuracy:.1%} of the "
               f"{len(scope['y_test'])} test digits right; {diagnosis.advice[0].lower()}{diagnosis.advice[1:]}")
    return LabResult(lab="mlp", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures, question=curves.best_epoch_question(history, diagnosis))


def _mistakes_picture(scope: dict, wrong: np.ndarray) -> bytes:
    shown = wrong[:16]
    images = [scope["x_test"][i, :, :, 0] for i in shown]
    names = [f"{scope['y_test'][i]} read {scope['predicted'][i]}" for i in shown]
    title = f"{len(wrong)} test digits misread" + (" (the first 16)" if len(wrong) > 16 else "")
    return plots.grid(images, title, names) if len(shown) else plots.grid(
        [scope["x_test"][i, :, :, 0] for i in range(8)], "no test digit misread: a few of them")
