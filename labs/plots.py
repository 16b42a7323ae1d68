"""Pictures for the chat: matplotlib (Agg) figures as PNG bytes, sized and lettered for a phone."""
from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

plt.rcParams.update({"font.size": 12, "axes.titlesize": 12, "figure.dpi": 100})


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def curves(history: dict[str, list[float]], title: str, metric: str = "accuracy") -> bytes:
    """Loss (and the metric, when recorded) per epoch, training vs validation."""
    panels = [("loss", "loss")] + ([(metric, metric)] if metric in history else [])
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.6), squeeze=False)
    for ax, (key, label) in zip(axes[0], panels):
        epochs = np.arange(1, len(history[key]) + 1)
        ax.plot(epochs, history[key], marker=".", label="training")
        if f"val_{key}" in history:
            ax.plot(epochs, history[f"val_{key}"], marker=".", label="validation")
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title, fontsize=12)
    return png(fig)


def confusion(matrix: np.ndarray, labels: Sequence[str], title: str) -> bytes:
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    ax.imshow(matrix, cmap="Blues")
    for (i, j), count in np.ndenumerate(matrix):
        if count:
            ax.text(j, i, str(count), ha="center", va="center", fontsize=8,
                    color="white" if count > matrix.max() / 2 else "black")
    ticks = np.arange(len(labels))
    ax.set_xticks(ticks, labels)
    ax.set_yticks(ticks, labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    return png(fig)


def grid(images: Sequence[np.ndarray], title: str, names: Sequence[str] = (), columns: int = 8) -> bytes:
    """Small grey images (kernels, feature maps) in a grid, each with an optional caption."""
    rows = int(np.ceil(len(images) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.1 * columns, max(2.4, 1.2 * rows + 0.6)), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap="gray")
            if k < len(names):
                ax.set_title(names[k], fontsize=8)
    fig.suptitle(title, fontsize=12)
    return png(fig)


def probabilities(labels: Sequence[str], values: Sequence[float], title: str, xlabel: str) -> bytes:
    """Horizontal bars in [0, 1], first label on top, with the 0.5 threshold drawn."""
    fig, ax = plt.subplots(figsize=(7.0, 0.7 * len(labels) + 1.4))
    ax.barh(list(labels), list(values), color=["tab:blue" if v >= 0.5 else "tab:red" for v in values])
    for y, value in enumerate(values):
        ax.text(min(value, 0.85) + 0.02, y, f"{value:.2f}", va="center")
    ax.axvline(0.5, color="gray", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return png(fig)
