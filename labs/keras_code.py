"""Running the Keras code a learner is shown: Keras 3 on the PyTorch backend, one thread.

A lab writes its model as Keras source with the learner's values filled in; :func:`execute`
runs exactly that source, so the code in the chat is the code that trained. Keras is imported
here, lazily: the registry imports the lab modules for their SPEC and must stay light.
"""
from __future__ import annotations

import os
import textwrap
from typing import Any

from labs.base import LabSpec, Progress

os.environ.setdefault("KERAS_BACKEND", "torch")

# Shown once under code written in today's Keras 3 where the slides (Keras 1, 2016) wrote it another way.
KERAS1_NOTE = ("# Keras 3: the slides (Keras 1, 2016) wrote nb_epoch= for epochs=, Convolution2D(32, 3, 3) "
               "for Conv2D(32, (3, 3)),\n# border_mode= for padding=, and validated on the test set; "
               "here a validation_split keeps the test set for the end.")

OPTIMIZER_CLASS = {"adadelta": "Adadelta", "adam": "Adam", "sgd": "SGD"}
OPTIMIZERS = tuple(OPTIMIZER_CLASS)


def one_thread() -> None:
    """Labs run on one core (the pool sets it too; a direct call must not take the machine)."""
    import torch

    torch.set_num_threads(1)


def keras_module():
    one_thread()
    import keras

    return keras


def seed_everything(seed: int) -> None:
    keras_module().utils.set_random_seed(seed)


def execute(source: str, **names: Any) -> dict[str, Any]:
    """Run ``source`` with keras, its layers and ``names`` in scope; its variables come back."""
    keras = keras_module()
    scope: dict[str, Any] = {"keras": keras, "layers": keras.layers, **names}
    exec(compile(textwrap.dedent(source), "<lab code>", "exec"), scope)  # noqa: S102 (our own template)
    return scope


def progress_callback(progress: Progress, epochs: int, every: int = 1):
    """A Keras callback that reports "epoch 3/10 - loss 0.41 - val 0.45" to the learner's chat."""
    keras = keras_module()

    class Report(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            done = epoch + 1
            if done % every and done != epochs:
                return
            logs = logs or {}
            text = f"epoch {done}/{epochs} - loss {logs.get('loss', float('nan')):.3f}"
            if "val_loss" in logs:
                text += f" - val {logs['val_loss']:.3f}"
            progress(text, done / epochs)

    return Report()


def history_of(fitted) -> dict[str, list[float]]:
    return {key: [float(v) for v in values] for key, values in fitted.history.items()}


def typed(params: dict, spec: LabSpec) -> dict:
    """The params with each value in its default's type (a learner's lr=40 is 40.0 for Keras)."""
    kinds = {param.name: type(param.default) for param in spec.params}
    return {name: kinds[name](value) if name in kinds else value for name, value in params.items()}


def literal(value: Any) -> str:
    """A parameter as Python source: validated numbers and words only (never free text)."""
    if isinstance(value, float):
        return repr(round(value, 6))
    if isinstance(value, int):
        return str(value)
    return repr(str(value))
