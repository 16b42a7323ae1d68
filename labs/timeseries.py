"""Day 4 lab: a small recurrent network forecasting the next value of a noisy series, in Keras 3.

The series is made on the spot (two sines plus noise, seeded: nothing is downloaded): the
network reads the last ``window`` values and predicts the next one; the lab compares it with
the naive forecast "tomorrow = today" and lets it run on its own predictions for 60 steps.
"""
from __future__ import annotations

import numpy as np

from labs import curves, plots
from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress
from labs.keras_code import common_figures, epochs_setting, literal, run_lab

CELLS = {"lstm": "LSTM", "gru": "GRU", "simplernn": "SimpleRNN"}
FREE_RUN = 60  # steps the network forecasts from its own predictions

SPEC = LabSpec(
    name="timeseries",
    day=4,
    title="A recurrent network forecasting a time series",
    concepts=("time_series", "recurrent_neural_network", "lstm"),
    lesson="d4-text-timeseries",
    params=(
        Param("cell", "lstm", "the recurrent layer", choices=tuple(CELLS), aliases=("layer", "rnn")),
        Param("units", 16, "units of the recurrent layer", low=2, high=64, aliases=("hidden",)),
        Param("window", 20, "past values the network reads", low=3, high=60, aliases=("lookback", "steps")),
        Param("noise", 0.1, "noise added to the series (standard deviation)", low=0.0, high=1.0),
        epochs_setting(10, "passes over the training windows", high=50),
    ),
    run="labs.timeseries:run",
    cpu_seconds=60.0,
    aliases=("time series", "forecast", "forecasting", "sine", "rnn forecast"),
)


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    return f"""\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng({p['seed']})
t = np.arange(1200)
series = np.sin(2 * np.pi * t / 40) + 0.5 * np.sin(2 * np.pi * t / 13) + rng.normal(0, {p['noise']}, len(t))
window = {p['window']}
x = np.stack([series[i:i + window] for i in range(len(series) - window)])[..., None]   # (n, window, 1)
y = series[window:]                                                                    # the next value
split = int(0.8 * len(x))                                   # the last 20 % of the series is the test
x_train, y_train, x_test, y_test = x[:split], y[:split], x[split:], y[split:]

keras.utils.set_random_seed({p['seed']})
model = keras.Sequential([
    keras.Input(shape=(window, 1)),
    layers.{CELLS[params['cell']]}({p['units']}),
    layers.Dense(1),                                         # a number, not a class: no activation
])
model.compile(loss="mse", optimizer=keras.optimizers.Adam(learning_rate=0.01))
history = model.fit(x_train, y_train, batch_size=32, epochs={p['epochs']},
                    validation_split=0.1, verbose=0, callbacks=[report])  # report: the progress in the chat
predicted = model.predict(x_test, verbose=0)[:, 0]         # one step ahead, from the true past
test_mse = float(np.mean((predicted - y_test) ** 2))
naive_mse = float(np.mean((x_test[:, -1, 0] - y_test) ** 2))   # "the next value = the last one"

recent = list(series[split:split + window])                  # then on its own: it reads its own forecasts
for _ in range({FREE_RUN}):
    recent.append(float(model.predict(np.array(recent[-window:])[None, :, None], verbose=0)[0, 0]))
free_run = np.array(recent[window:])
"""


def run(params: dict, progress: Progress) -> LabResult:
    params, code, trained = run_lab(SPEC, source, params, progress)
    scope, history = trained.scope, trained.history
    setting = f"{params['cell']} units={params['units']}, window={params['window']}, noise={params['noise']}"
    diagnosis = curves.diagnose(history, setting)
    test_mse, naive_mse = scope["test_mse"], scope["naive_mse"]
    figures = common_figures(trained, diagnosis.best_epoch) | {
        "test_mse": round(test_mse, 5), "naive_mse": round(naive_mse, 5),
        "mse_ratio": round(test_mse / naive_mse, 3) if naive_mse else 0.0}
    better = test_mse < naive_mse
    summary = (f"{diagnosis.observation} One step ahead the {params['cell']} erred by {test_mse:.4f} (mean squared) "
               f"against {naive_mse:.4f} for 'the next value is the last one', "
               + ("so it learned the series' rhythm beyond copying." if better else
                  "so it did no better than copying the last value."))
    title = f"{setting}, {params['epochs']} epochs"
    pictures = [plots.curves(history, title, metric="none"), _forecast_picture(scope, title)]
    return LabResult(lab="timeseries", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures, question=_question(params, test_mse, naive_mse))


def _question(params: dict, test_mse: float, naive_mse: float) -> LabQuestion:
    options = (f"the {params['cell']}", "repeating the last value")
    return LabQuestion(
        prompt="On the test part of the series, which forecast had the smaller error one step ahead?",
        options=options, answer=options[0] if test_mse < naive_mse else options[1],
        explanation=(f"Mean squared error: {params['cell']} {test_mse:.4f}, repeating the last value "
                     f"{naive_mse:.4f}. A forecast is only worth its training if it beats the naive one."))


def _forecast_picture(scope: dict, title: str) -> bytes:
    shown = 150
    start = scope["split"] + scope["window"]
    t = np.arange(start, start + shown)
    fig, ax = plots.plt.subplots(figsize=(7.0, 3.8))
    ax.plot(t, scope["y_test"][:shown], color="gray", label="series (test part)")
    ax.plot(t, scope["predicted"][:shown], color="tab:blue", label="one step ahead")
    ax.plot(t[:FREE_RUN], scope["free_run"], color="tab:red", linestyle="--",
            label=f"{FREE_RUN} steps on its own")
    ax.set_xlabel("time step")
    ax.set_ylabel("value")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=9, loc="lower left")
    return plots.png(fig)
