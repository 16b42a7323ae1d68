"""Day 4 lab: the slides' sentiment model, Embedding-LSTM-Dense-sigmoid, on the project's own sentences.

Positive and negative chat sentences from data/sentiment/ (neutral ones left out), the project's
tokenizer and a vocabulary of the training sentences; the learner sets the embedding size, the
LSTM's units, its dropout and the epochs, and sees the curves, the test accuracy and a few of
their own sentences scored.
"""
from __future__ import annotations

from labs import curves, plots
from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress
from labs.keras_code import common_figures, epochs_setting, literal, run_lab

SEPARATOR = "|"
DEFAULT_SENTENCES = ("this course is amazing | the lesson was boring and too long | "
                     "my model finally works | i don't get backprop at all")

SPEC = LabSpec(
    name="lstm",
    day=4,
    title="An LSTM that reads the sentiment of sentences",
    concepts=("lstm", "word_embedding", "sentiment_analysis", "recurrent_neural_network"),
    lesson="d4-text-timeseries",
    params=(
        Param("embedding", 32, "size of each word's vector", low=2, high=128, aliases=("embedding size", "embed")),
        Param("hidden", 32, "units of the LSTM", low=2, high=128, aliases=("units", "lstm units")),
        Param("dropout", 0.2, "dropout on the LSTM's inputs", low=0.0, high=0.8),
        epochs_setting(8, "passes over the training sentences", high=30),
        Param("sentences", DEFAULT_SENTENCES, f"your own sentences to score, separated by {SEPARATOR}",
              aliases=("sentence", "text")),
    ),
    run="labs.lstm:run",
    cpu_seconds=60.0,
    aliases=("sentiment lstm", "sentiment analysis", "recurrent network", "rnn sentiment"),
)

# The data part of the code, shared with the transformer lab (same sentences, same split).
SENTIMENT_SOURCE = """\
from labs.data import Vocabulary, sentiment   # the project's sentences (data/sentiment/) and tokenizer

train, test = sentiment()                          # positive = 1, negative = 0; neutral left out
vocabulary = Vocabulary(train.texts)               # word -> index, 0 = padding, 1 = unknown word
x_train, x_test = vocabulary.encode(train.texts), vocabulary.encode(test.texts)   # 12 word indices each
"""


def sentences_of(params: dict) -> list[str]:
    return [part.strip() for part in str(params["sentences"]).split(SEPARATOR) if part.strip()][:8]


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    mine = ",\n    ".join(literal(sentence) for sentence in sentences_of(params))
    return f"""\
import keras
from keras import layers
{SENTIMENT_SOURCE}
keras.utils.set_random_seed({p['seed']})
model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int64"),
    layers.Embedding(len(vocabulary), {p['embedding']}),   # padding comes first: the LSTM ends on the last word
    layers.LSTM({p['hidden']}, dropout={p['dropout']}),
    layers.Dense(1),
    layers.Activation("sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
history = model.fit(x_train, train.labels, batch_size=32, epochs={p['epochs']},
                    validation_split=0.1, verbose=0, callbacks=[report])  # report: the progress in the chat
test_loss, test_accuracy = model.evaluate(x_test, test.labels, verbose=0)
mine = [
    {mine},
]
scores = model.predict(vocabulary.encode(mine), verbose=0)[:, 0]   # near 1: positive, near 0: negative
# Keras 3: the slides (Keras 1, 2016) wrote nb_epoch= for epochs= and validated on the test set;
# here a validation_split keeps the test set for the end.
"""


def run(params: dict, progress: Progress) -> LabResult:
    params, code, trained = run_lab(SPEC, source, params, progress)
    scope, history = trained.scope, trained.history
    setting = f"embedding={params['embedding']}, hidden={params['hidden']}, dropout={params['dropout']}"
    diagnosis = curves.diagnose(history, setting)
    accuracy = float(scope["test_accuracy"])
    scored = list(zip(scope["mine"], (float(s) for s in scope["scores"])))
    figures = common_figures(trained, diagnosis.best_epoch) | {"vocabulary": len(scope["vocabulary"])}
    title = f"LSTM {setting}, {params['epochs']} epochs"
    pictures = [plots.curves(history, title)] + ([plots.probabilities(
        [s if len(s) <= 32 else s[:31] + '…' for s, _ in scored], [score for _, score in scored], "your sentences, scored by the LSTM",
        "probability that the sentence is positive")] if scored else [])
    summary = (f"{diagnosis.observation} The LSTM labelled {accuracy:.1%} of the {len(scope['test'].texts)} "
               f"test sentences right" + (f", and scored your {len(scored)} sentences from "
                                          f"{min(s for _, s in scored):.2f} to {max(s for _, s in scored):.2f}."
                                          if scored else "."))
    table = [["sentence", "P(positive)", "reads as"]] + [
        [text, f"{score:.2f}", "positive" if score >= 0.5 else "negative"] for text, score in scored]
    return LabResult(lab="lstm", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures, table=table,
                     question=_question(scored) or curves.best_epoch_question(history, diagnosis))


def _question(scored: list[tuple[str, float]]) -> LabQuestion | None:
    if len(scored) < 2 or len({round(s, 3) for _, s in scored}) < len(scored):
        return None
    top = max(scored, key=lambda pair: pair[1])
    return LabQuestion(
        prompt="Which of your sentences did the LSTM find the most positive?",
        options=tuple(text for text, _ in scored), answer=top[0],
        explanation=(f"\"{top[0]}\" got P(positive) = {top[1]:.2f}, the highest. The model only knows the words "
                     "of its training sentences; unknown words all look the same to it."))
