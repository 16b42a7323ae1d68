"""Running the Keras code a learner is shown: Keras 3 on the PyTorch backend, one thread.

A lab writes its model as Keras source with the learner's values filled in; :func:`execute`
runs exactly that source, so the code in the chat is the code that trained. Keras is imported
here, lazily: the registry imports the lab modules for their SPEC and must stay light.
"""
from __future__ import annotations

import os
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from labs.base import LabSpec, Param, Progress

os.environ["KERAS_BACKEND"] = "torch"  # read when keras is first imported; the labs need this backend

# Shown once under code written in today's Keras 3 where the slides (Keras 1, 2016) wrote it another way.
KERAS1_NOTE = ("# Keras 3: the slides (Keras 1, 2016) wrote nb_epoch= for epochs=, Convolution2D(32, 3, 3) "
               "for Conv2D(32, (3, 3)),\n# border_mode= for padding=, and validated on the test set; "
               "here a validation_split keeps the test set for the end.")

OPTIMIZER_CLASS = {"adadelta": "Adadelta", "adam": "Adam", "sgd": "SGD"}
OPTIMIZERS = tuple(OPTIMIZER_CLASS)
LEARNING_RATE_ALIASES = ("learning rate", "learning_rate")


# The settings the Keras labs share, declared once: their names, ranges and the words learners use for them.
def optimizer_setting(default: str) -> Param:
    return Param("optimizer", default, "how gradients become updates", choices=OPTIMIZERS)


def learning_rate_setting(default: float, help: str) -> Param:
    return Param("lr", default, help, low=1e-5, high=10.0, aliases=LEARNING_RATE_ALIASES)


def epochs_setting(default: int, help: str, high: int) -> Param:
    """"nb_epoch", as the slides' Keras 1 code wrote it, is understood too."""
    return Param("epochs", default, help, low=1, high=high, aliases=("nb_epoch",))


def one_thread() -> None:
    """Labs run on one core (the pool sets it too; a direct call must not take the machine)."""
    import torch

    torch.set_num_threads(1)


def keras_module():
    one_thread()
    import keras

    return keras


def execute(source: str, **names: Any) -> dict[str, Any]:
    """Run ``source`` (it imports what it uses) with ``names`` in scope; its variables come back."""
    one_thread()
    scope: dict[str, Any] = dict(names)
    exec(compile(textwrap.dedent(source), "<lab code>", "exec"), scope)  # noqa: S102 (our own template)
    return scope


@dataclass
class Trained:
    scope: dict[str, Any]              # the code's variables (model, history, test_accuracy, ...)
    history: dict[str, list[float]]    # loss, val_loss, accuracy, val_accuracy per epoch
    seconds: float                     # the code's wall time, Keras' import excluded


def train(code: str, progress: Progress, epochs: int, every: int = 1) -> Trained:
    """Run a lab's Keras code (which calls ``model.fit(..., callbacks=[report])`` into ``history``)."""
    report = progress_callback(progress, epochs, every)   # imports Keras before the clock starts
    started = time.perf_counter()
    scope = execute(code, report=report)
    seconds = time.perf_counter() - started
    history = {key: [float(v) for v in values] for key, values in scope["history"].history.items()}
    return Trained(scope, history, seconds)


def run_lab(spec: LabSpec, source: Callable[[dict], str], params: dict, progress: Progress,
            every: int = 1) -> tuple[dict, str, Trained]:
    """The first steps of every Keras lab: typed params, the code filled in, trained."""
    params = typed(params, spec)
    code = source(params)
    return params, code, train(code, progress, params["epochs"], every)


def common_figures(trained: Trained, best_epoch: int) -> dict[str, float]:
    """The figures every Keras lab reports: seconds, best epoch, weights, and the test scores it has."""
    scope = trained.scope
    figures = {"seconds": round(trained.seconds, 2), "best_epoch": best_epoch,
               "parameters": int(scope["model"].count_params())}
    for key in ("test_accuracy", "test_loss"):
        if key in scope:
            figures[key] = round(float(scope[key]), 4)
    return figures


def digits_fit_source(p: dict[str, str], optimizer: str) -> str:
    """compile, fit, evaluate and predict: the same lines for the dense network and the CNN on the digits."""
    return f"""\
model.compile(loss="categorical_crossentropy",
              optimizer=keras.optimizers.{OPTIMIZER_CLASS[optimizer]}(learning_rate={p['lr']}),
              metrics=["accuracy"])
history = model.fit(x_train, Y_train, batch_size=32, epochs={p['epochs']},
                    validation_split=0.1, verbose=0, callbacks=[report])  # report: the progress in the chat
test_loss, test_accuracy = model.evaluate(x_test, keras.utils.to_categorical(y_test, 10), verbose=0)
predicted = model.predict(x_test, verbose=0).argmax(axis=1)
"""


def epoch_reporter(progress: Progress, epochs: int, every: int = 1) -> Callable[[int, dict], None]:
    """``report(epoch, logs)`` after each epoch: "epoch 3/10 - loss 0.41 - val 0.45" in the learner's chat."""
    def report(epoch: int, logs: dict | None = None) -> None:
        done = epoch + 1
        if done % every and done != epochs:
            return
        logs = logs or {}
        text = f"epoch {done}/{epochs} - loss {logs.get('loss', float('nan')):.3f}"
        if "val_loss" in logs:
            text += f" - val {logs['val_loss']:.3f}"
        progress(text, done / epochs)

    return report


def progress_callback(progress: Progress, epochs: int, every: int = 1):
    """The same report as a Keras callback."""
    keras = keras_module()
    report = epoch_reporter(progress, epochs, every)

    class Report(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            report(epoch, logs)

    return Report()


def typed(params: dict, spec: LabSpec) -> dict:
    """The params with each value in its default's type (a learner's lr=40 is 40.0 for Keras)."""
    kinds = {param.name: type(param.default) for param in spec.params}
    return {name: kinds[name](value) if name in kinds else value for name, value in params.items()}


def literal(value: Any) -> str:
    """A parameter as Python source for the executed code. Text (a learner's sentence) only ever enters as
    repr(), a string literal, so it is data in the code and never code."""
    if isinstance(value, float):
        return repr(round(value, 6))
    if isinstance(value, int):
        return str(value)
    return repr(str(value))
