"""Day 3 lab: the slides' CNN on scikit-learn's 8x8 digits, in Keras 3 (the code shown is the code run).

conv-relu-conv-relu-maxpool-dropout-flatten-dense-relu-dropout-dense-softmax, as in the slides;
the learner sets the number of filters, the dropout, the optimizer, its learning rate and the
epochs, and gets the curves, the test accuracy, the confusion matrix, the first layer's kernels
and one digit's feature maps.
"""
from __future__ import annotations

import numpy as np

from labs import curves, plots
from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress
from labs.data import DIGITS_SOURCE
from labs.keras_code import (
    KERAS1_NOTE, common_figures, digits_fit_source, epochs_setting, learning_rate_setting, literal, optimizer_setting,
    run_lab,
)


SPEC = LabSpec(
    name="cnn",
    day=3,
    title="A CNN on handwritten digits",
    concepts=("convolutional_neural_network", "convolution", "pooling", "dropout"),
    lesson="d3-cnn",
    params=(
        Param("filters", 32, "convolution filters per layer", low=4, high=64, aliases=("kernels", "nb_filter")),
        Param("dropout", 0.25, "dropout after the pooling (the dense layer's stays 0.5)", low=0.0, high=0.8),
        optimizer_setting("adadelta"),
        learning_rate_setting(1.0, "learning rate (adadelta 1.0 as in Keras 1, adam 0.001, sgd 0.05)"),
        epochs_setting(10, "passes over the training digits", high=30),
    ),
    run="labs.cnn:run",
    cpu_seconds=60.0,
    aliases=("convolutional network", "digits cnn", "conv net", "convnet"),
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
    layers.Conv2D({p['filters']}, (3, 3), padding="valid"),
    layers.Activation("relu"),
    layers.Conv2D({p['filters']}, (3, 3)),
    layers.Activation("relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Dropout({p['dropout']}),
    layers.Flatten(),
    layers.Dense(128),
    layers.Activation("relu"),
    layers.Dropout(0.5),
    layers.Dense(10),
    layers.Activation("softmax"),
])
{digits_fit_source(p, params['optimizer'])}kernels = model.layers[0].get_weights()[0]                                 # (3, 3, 1, filters)
feature_maps = keras.Model(model.inputs, model.layers[1].output).predict(x_test[:1], verbose=0)
{KERAS1_NOTE}
# Keras 3's Adadelta starts at learning_rate=0.001; Keras 1's (the slides') used 1.0.
"""


def run(params: dict, progress: Progress) -> LabResult:
    params, code, trained = run_lab(SPEC, source, params, progress)
    scope, history = trained.scope, trained.history
    setting = f"filters={params['filters']}, dropout={params['dropout']}, {params['optimizer']} lr={params['lr']}"
    diagnosis = curves.diagnose(history, setting)
    matrix = _confusion(scope["y_test"], scope["predicted"])
    accuracy = float(scope["test_accuracy"])
    figures = common_figures(trained, diagnosis.best_epoch) | {"errors": int(matrix.sum() - np.trace(matrix))}
    title = f"CNN {setting}, {params['epochs']} epochs"
    pictures = [plots.curves(history, title),
                plots.confusion(matrix, [str(d) for d in range(10)], f"test accuracy {accuracy:.3f}"),
                _kernels_picture(scope["kernels"], params["filters"]),
                _maps_picture(scope["x_test"][0], scope["feature_maps"][0], int(scope["y_test"][0]))]
    summary = (f"{diagnosis.observation} On the {int(matrix.sum())} test digits it was right {accuracy:.1%} of "
               f"the time ({figures['errors']} mistakes).")
    return LabResult(lab="cnn", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures, question=_question(matrix, params["seed"]) or
                     curves.best_epoch_question(history, diagnosis))


def _confusion(truth: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    matrix = np.zeros((10, 10), dtype=int)
    np.add.at(matrix, (truth, predicted), 1)
    return matrix


def _question(matrix: np.ndarray, seed: int) -> LabQuestion | None:
    """Which true digit was misread most often: read off the confusion matrix's rows (None on a tie)."""
    misread = matrix.sum(axis=1) - np.diag(matrix)
    ranked = sorted(range(10), key=lambda d: -misread[d])
    if misread[ranked[0]] == 0 or misread[ranked[0]] == misread[ranked[1]]:
        return None
    rng = np.random.default_rng(seed)
    options = [str(ranked[0]), *(str(d) for d in rng.choice(ranked[1:], size=3, replace=False))]
    rng.shuffle(options)
    worst = ranked[0]
    guessed = int(np.argmax(np.where(np.arange(10) == worst, -1, matrix[worst])))
    return LabQuestion(
        prompt="In the confusion matrix, which true digit did your CNN misread most often?",
        options=tuple(options), answer=str(worst),
        explanation=(f"Row {worst} has {misread[worst]} test images off the diagonal, most of them read as "
                     f"{guessed}. The row is the truth, the column the prediction; off-diagonal cells are mistakes."))


def _kernels_picture(kernels: np.ndarray, filters: int) -> bytes:
    images = np.moveaxis(kernels[:, :, 0, :], -1, 0)
    return plots.grid(images, f"the {filters} learned 3x3 kernels of the first layer")


def _maps_picture(digit: np.ndarray, maps: np.ndarray, label: int) -> bytes:
    images = [digit[:, :, 0], *np.moveaxis(maps, -1, 0)[:15]]
    names = [f"input: {label}"] + [f"map {k + 1}" for k in range(len(images) - 1)]
    return plots.grid(images, f"a {label} and its first feature maps (after ReLU)", names)
