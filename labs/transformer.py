"""Day 5 lab (research trends): a tiny transformer encoder beside the Day 4 LSTM, on the same sentences.

The encoder is `transformers`' BERT built from a config with tiny sizes and random weights:
nothing is downloaded, and the project's own tokenizer and vocabulary feed it (plus a [CLS]
token whose final vector is classified). It trains in PyTorch, because `transformers` no longer
runs on Keras; the LSTM lab's Keras model then trains on the same split for the comparison:
accuracy, training time, and one sentence's attention weights drawn.
"""
from __future__ import annotations

import numpy as np

from labs import curves, plots
from labs.base import LabError, LabQuestion, LabResult, LabSpec, Param, Progress
from labs.keras_code import epoch_reporter, epochs_setting, execute, literal, typed
from labs.lstm import SENTIMENT_SOURCE

SPEC = LabSpec(
    name="transformer",
    day=5,
    title="A tiny transformer beside the LSTM",
    concepts=("attention", "sentiment_analysis", "lstm"),
    lesson="d5-trends",
    params=(
        Param("hidden", 32, "size of each token's vector (a multiple of heads)", low=8, high=128,
              aliases=("hidden_size", "d_model", "embedding")),
        Param("layers", 2, "encoder layers (attention + feed-forward)", low=1, high=4, aliases=("depth",)),
        Param("heads", 2, "attention heads per layer", low=1, high=8, aliases=("attention heads",)),
        epochs_setting(5, "passes over the training sentences (both models)", high=30),
        Param("sentence", "the lesson was long but really fun", "the sentence whose attention is drawn",
              aliases=("text",)),
        Param("compare", "yes", "train the Day 4 LSTM on the same sentences too", choices=("yes", "no")),
    ),
    run="labs.transformer:run",
    cpu_seconds=90.0,
    memory_mb=2000,      # torch + transformers + Keras (the LSTM beside it): VmPeak 1.25 GB measured
    aliases=("transformer encoder", "attention", "bert", "tiny bert", "self-attention"),
)


# The code of a run, filled in by source(): PyTorch, since transformers no longer runs on Keras.
CODE = """\
import time
import torch
from transformers import BertConfig, BertForSequenceClassification
{data}
CLS = len(vocabulary)                      # one more index: the token whose final vector is classified


def with_cls(rows):
    ids = torch.cat([torch.full((len(rows), 1), CLS), torch.as_tensor(rows)], dim=1)
    return ids, (ids != 0).long()          # attention mask: padding (0) is not attended to


torch.manual_seed({p[seed]})
config = BertConfig(vocab_size=len(vocabulary) + 1, hidden_size={p[hidden]}, num_hidden_layers={p[layers]},
                    num_attention_heads={p[heads]}, intermediate_size={intermediate},
                    max_position_embeddings=x_train.shape[1] + 1, num_labels=2, attn_implementation="eager")
model = BertForSequenceClassification(config)   # random weights from the config: nothing downloaded
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
ids, mask = with_cls(x_train)
labels = torch.as_tensor(train.labels)
fit = len(ids) - len(ids) // 10             # the last 10 % validate, as Keras' validation_split=0.1
history = {{"loss": [], "val_loss": [], "accuracy": [], "val_accuracy": []}}
started = time.perf_counter()
for epoch in range({p[epochs]}):
    model.train()
    order, total, right = torch.randperm(fit), 0.0, 0
    for start in range(0, fit, 32):
        batch = order[start:start + 32]
        out = model(input_ids=ids[batch], attention_mask=mask[batch], labels=labels[batch])
        optimizer.zero_grad()
        out.loss.backward()
        optimizer.step()
        total += out.loss.item() * len(batch)                  # running means, as Keras reports them
        right += (out.logits.argmax(1) == labels[batch]).sum().item()
    model.eval()
    with torch.no_grad():
        val = model(input_ids=ids[fit:], attention_mask=mask[fit:], labels=labels[fit:])
    history["loss"].append(total / fit)
    history["accuracy"].append(right / fit)
    history["val_loss"].append(val.loss.item())
    history["val_accuracy"].append((val.logits.argmax(1) == labels[fit:]).float().mean().item())
    report(epoch, {{key: values[-1] for key, values in history.items()}})  # the progress in the chat
seconds = time.perf_counter() - started
with torch.no_grad():
    test_ids, test_mask = with_cls(x_test)
    test_accuracy = (model(input_ids=test_ids, attention_mask=test_mask).logits.argmax(1)
                     == torch.as_tensor(test.labels)).float().mean().item()
    one_ids, one_mask = with_cls(vocabulary.encode([{p[sentence]}]))
    attention = model(input_ids=one_ids, attention_mask=one_mask, output_attentions=True).attentions
# PyTorch, not Keras: transformers 5 runs on PyTorch only. The LSTM beside it is the lstm lab's Keras code.
"""


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    return CODE.format(p=p, intermediate=2 * params["hidden"], data=SENTIMENT_SOURCE)


def run(params: dict, progress: Progress) -> LabResult:
    params = typed(params, SPEC)
    if params["hidden"] % params["heads"]:
        raise LabError(f"hidden={params['hidden']} must be a multiple of heads={params['heads']} "
                       "(each head gets hidden/heads numbers of every token)")
    code = source(params)
    scope = execute(code, report=epoch_reporter(progress, params["epochs"]))
    history, seconds = scope["history"], float(scope["seconds"])
    setting = f"hidden={params['hidden']}, layers={params['layers']}, heads={params['heads']}"
    diagnosis = curves.diagnose(history, setting)
    accuracy = float(scope["test_accuracy"])
    figures = {"test_accuracy": round(accuracy, 4), "seconds": round(seconds, 2),
               "best_epoch": diagnosis.best_epoch, "parameters": int(scope["model"].num_parameters())}
    title = f"transformer {setting}, {params['epochs']} epochs"
    tokens, weights = _attention(scope, params["sentence"])
    pictures = [plots.curves(history, title), _attention_picture(tokens, weights, params["sentence"])]
    comparison = ""
    if params["compare"] == "yes":
        lstm = _lstm_beside(params, progress)
        figures |= {"lstm_test_accuracy": lstm.figures["test_accuracy"], "lstm_seconds": lstm.figures["seconds"]}
        pictures.insert(1, _side_by_side(figures))
        comparison = (f"The LSTM on the same sentences reached {lstm.figures['test_accuracy']:.1%} in "
                      f"{lstm.figures['seconds']:.1f} s against the transformer's {accuracy:.1%} in {seconds:.1f} s.")
    summary = f"{diagnosis.observation} " + (comparison or f"It labelled {accuracy:.1%} of the test sentences right.")
    return LabResult(lab="transformer", params=dict(params), figures=figures, summary=summary, code=code,
                     pictures=pictures,
                     question=_question(tokens, weights) or curves.best_epoch_question(history, diagnosis))


def _lstm_beside(params: dict, progress: Progress) -> LabResult:
    from labs import lstm

    settings = {"embedding": params["hidden"], "hidden": params["hidden"], "dropout": 0.2,
                "epochs": params["epochs"], "sentences": params["sentence"], "seed": params["seed"]}
    return lstm.run(settings, lambda text, fraction: progress(f"LSTM {text}", fraction))


def _side_by_side(figures: dict) -> bytes:
    fig, (left, right) = plots.plt.subplots(1, 2, figsize=(8.0, 3.2))
    names = ["transformer", "LSTM"]
    for ax, key, label in ((left, "test_accuracy", "test accuracy"), (right, "seconds", "training seconds")):
        values = [figures[key], figures[f"lstm_{key}"]]
        ax.bar(names, values, color=["tab:purple", "tab:green"])
        for x, value in enumerate(values):
            ax.text(x, value, f"{value:.3g}", ha="center", va="bottom")
        ax.set_ylabel(label)
        ax.set_title(label)
    return plots.png(fig)


def _attention(scope: dict, sentence: str) -> tuple[list[str], np.ndarray]:
    """The sentence's tokens and the last layer's attention between them, averaged over heads."""
    from nlp.tokenizer import words

    tokens = ["[CLS]"] + words(sentence)[:scope["x_train"].shape[1]]
    weights = scope["attention"][-1][0].mean(dim=0).numpy()
    keep = np.r_[0, np.arange(weights.shape[0] - len(tokens) + 1, weights.shape[0])]  # padding comes first
    return tokens, weights[np.ix_(keep, keep)]


def _attention_picture(tokens: list[str], weights: np.ndarray, sentence: str) -> bytes:
    fig, ax = plots.plt.subplots(figsize=(5.6, 5.0))
    image = ax.imshow(weights, cmap="viridis")
    fig.colorbar(image, ax=ax, shrink=0.8, label="attention weight")
    ticks = np.arange(len(tokens))
    ax.set_xticks(ticks, tokens, rotation=60, ha="right")
    ax.set_yticks(ticks, tokens)
    ax.set_xlabel("attended to (key)")
    ax.set_ylabel("attending (query)")
    ax.set_title(f"last layer's attention, mean of heads\n\"{sentence[:40]}\"", fontsize=10)
    return plots.png(fig)


def _question(tokens: list[str], weights: np.ndarray) -> LabQuestion | None:
    """Which word [CLS] (the token that is classified) attended to most: read off the picture's top row."""
    words, row = tokens[1:], weights[0, 1:]
    if len(words) < 2 or len(set(words)) < len(words):
        return None
    top = int(np.argmax(row))
    if np.sort(row)[-2] > row[top] - 0.01:
        return None  # too close to call from the picture
    return LabQuestion(
        prompt="In the attention picture, which word did [CLS], the token the classifier reads, attend to most?",
        options=tuple(words), answer=words[top],
        explanation=(f"\"{words[top]}\" got weight {row[top]:.2f} in the [CLS] row. Attention lets every token "
                     "gather information from the words that matter to it, wherever they are in the sentence."))
