"""Day 1 lab: logistic regression by gradient descent on 2-D points, with the slides' polynomial features.

The points are scikit-learn's two moons (generated, not downloaded): 60 to train on, 300 to
validate. The learner sets the learning rate, the epochs and the polynomial degree, and sees the
loss curves, the decision boundary, and overfitting appear as the degree grows. The model is one
Dense unit with a sigmoid (logistic regression) trained by full-batch gradient descent in Keras.
"""
from __future__ import annotations

import numpy as np

from labs import curves, plots
from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress
from labs.keras_code import LEARNING_RATE_ALIASES, common_figures, literal, run_lab

SPEC = LabSpec(
    name="logistic",
    day=1,
    title="Logistic regression by gradient descent",
    concepts=("logistic_regression", "gradient_descent", "learning_rate", "decision_boundary", "overfitting"),
    lesson="d1-overfitting",
    params=(
        Param("lr", 1.0, "learning rate of gradient descent", low=1e-4, high=50.0,
              aliases=(*LEARNING_RATE_ALIASES, "alpha", "lambda")),
        Param("epochs", 200, "gradient descent steps (one per epoch: the whole training set)", low=1, high=2000,
              aliases=("steps", "iterations")),
        Param("degree", 3, "polynomial features of the two coordinates up to this degree", low=1, high=12,
              aliases=("polynomial degree", "features")),
    ),
    run="labs.logistic:run",
    cpu_seconds=60.0,
    aliases=("logistic regression", "gradient descent", "decision boundary", "polynomial features"),
)


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    return f"""\
import keras
from keras import layers
from sklearn.datasets import make_moons
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

points, labels = make_moons(n_samples=360, noise=0.3, random_state=0)   # 2-D points, 2 classes
x_train, y_train = points[:60], labels[:60]                              # few points: overfitting is easy
x_val, y_val = points[60:], labels[60:]
features = make_pipeline(PolynomialFeatures(degree={p['degree']}, include_bias=False), StandardScaler())
f_train = features.fit_transform(x_train)                                 # x1, x2, x1^2, x1*x2, ... scaled
f_val = features.transform(x_val)

keras.utils.set_random_seed({p['seed']})
model = keras.Sequential([
    keras.Input(shape=(f_train.shape[1],)),
    layers.Dense(1, activation="sigmoid"),   # h(x) = sigmoid(w.x + b): logistic regression
])
model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.SGD(learning_rate={p['lr']}),
              metrics=["accuracy"])
history = model.fit(f_train, y_train, batch_size=len(f_train),    # the whole set per step: gradient descent
                    epochs={p['epochs']}, validation_data=(f_val, y_val), verbose=0, callbacks=[report])
"""


def run(params: dict, progress: Progress) -> LabResult:
    params, code, trained = run_lab(SPEC, source, params, progress, every=max(1, int(params["epochs"]) // 10))
    scope, history = trained.scope, trained.history
    setting = f"degree={params['degree']}, lr={params['lr']}"
    diagnosis = curves.diagnose(history, setting)
    train_acc, val_acc = history["accuracy"][-1], history["val_accuracy"][-1]
    figures = common_figures(trained, diagnosis.best_epoch) | {
        "train_accuracy": round(train_acc, 4), "val_accuracy": round(val_acc, 4),
        "train_loss": round(history["loss"][-1], 4), "val_loss": round(history["val_loss"][-1], 4),
        "features": int(scope["f_train"].shape[1])}
    title = f"logistic regression {setting}, {params['epochs']} epochs"
    pictures = [plots.curves(history, title), _boundary_picture(scope, title)]
    gap = train_acc - val_acc
    verdict = ("the boundary fits the training points much better than new ones" if gap > 0.05
               else "the boundary does about as well on new points as on the training ones")
    summary = (f"{diagnosis.observation} With {figures['features']} polynomial features the model got "
               f"{train_acc:.0%} of the training points and {val_acc:.0%} of the validation points right: {verdict}.")
    return LabResult(lab="logistic", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures, question=_question(params, figures))


def _boundary_picture(scope: dict, title: str) -> bytes:
    model, features = scope["model"], scope["features"]
    xs, ys = np.meshgrid(np.linspace(-2, 3, 120), np.linspace(-1.5, 2, 90))
    grid = np.c_[xs.ravel(), ys.ravel()]
    probability = model.predict(features.transform(grid), verbose=0, batch_size=4096).reshape(xs.shape)
    fig, ax = plots.plt.subplots(figsize=(5.2, 4.0))
    ax.contourf(xs, ys, probability, levels=[0, 0.5, 1], colors=["#f4c7c3", "#c6dbef"], alpha=0.8)
    ax.contour(xs, ys, probability, levels=[0.5], colors="black", linewidths=1.5)
    for points, labels, marker, name in ((scope["x_val"], scope["y_val"], ".", "validation"),
                                         (scope["x_train"], scope["y_train"], "o", "training")):
        size = 12 if marker == "." else 40
        ax.scatter(points[:, 0], points[:, 1], c=np.where(labels == 1, "tab:blue", "tab:red"), s=size,
                   marker=marker, edgecolors="black" if marker == "o" else "none", linewidths=0.6, label=name)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(f"decision boundary (p = 0.5)\n{title}", fontsize=10)
    ax.legend(loc="lower left", fontsize=9)
    return plots.png(fig)


def _question(params: dict, figures: dict) -> LabQuestion:
    gap = figures["train_accuracy"] - figures["val_accuracy"]
    larger = "The training points" if gap > 0 else ("The validation points" if gap < 0 else "Neither: the same")
    return LabQuestion(
        prompt=(f"With degree={params['degree']}, on which points was the model more accurate: the training "
                "points or the validation points?"),
        options=("The training points", "The validation points", "Neither: the same"),
        answer=larger,
        explanation=(f"Training {figures['train_accuracy']:.1%}, validation {figures['val_accuracy']:.1%}. "
                     "A model usually does better on the points it learned from; a wide gap means it memorised "
                     "their noise (overfitting), and more polynomial features make that easier."))
