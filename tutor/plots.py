"""Teaching pictures, drawn with matplotlib (Agg) into PNG files.

Drawing costs tens of milliseconds, so every picture is cached on disk by name and
parameters: the same picture is not drawn twice while it is in the cache. The cache directory
is ``$TUTORBOT_IMAGES`` or, by default, ``tutorbot-images`` in the system temp dir. The cache
is bounded (:class:`PictureCache`: at most :data:`MAX_PICTURES` files and :data:`MAX_BYTES`),
the least recently used pictures are deleted first: learners can ask for a new step size
every turn (``/gd 0.1000NN``), and the directory must not grow for ever.

Thread safety: figures are built with ``matplotlib.figure.Figure`` and rendered by their own
``FigureCanvasAgg`` (no pyplot, no global figure manager or current figure), and matplotlib
keys its font cache by thread, so several threads draw at once without a global lock.
matplotlib itself is imported on the first drawing.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from tutor.mastery import MASTERED
from tutor.slides import SLIDES_IMAGE, SLIDES_KERNEL, convolve_cell, descend, sigmoid

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_PICTURES = 500                # a picture is ~50 KB: ~25 MB at most
MAX_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path:
    directory = Path(os.environ.get("TUTORBOT_IMAGES") or Path(tempfile.gettempdir()) / "tutorbot-images")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def picture_path(name: str, **params: Any) -> Path:
    """Where the picture ``name`` with ``params`` is (or will be) cached; it may not exist yet."""
    if name not in _DRAWERS:
        raise KeyError(f"unknown plot '{name}' (known: {', '.join(sorted(_DRAWERS))})")
    digest = hashlib.sha1(json.dumps([name, params], sort_keys=True, default=str).encode()).hexdigest()[:16]
    return cache_dir() / f"{name}-{digest}.png"


class PictureCache:
    """The pictures on disk, least recently used first, within ``max_files`` and ``max_bytes``.

    The lock guards only this bookkeeping (microseconds), never a drawing. Files another process
    wrote into the same directory are adopted when first seen; a file another process evicted is
    simply drawn again."""

    def __init__(self, max_files: int = MAX_PICTURES, max_bytes: int = MAX_BYTES) -> None:
        self.max_files, self.max_bytes = max_files, max_bytes
        self._sizes: OrderedDict[Path, int] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._scanned: set[Path] = set()

    def hit(self, path: Path) -> bool:
        """Whether ``path`` is cached; marks it as just used."""
        self._scan(path.parent)
        if not path.exists():
            self._forget(path)
            return False
        with self._lock:
            if path in self._sizes:
                self._sizes.move_to_end(path)
        return True

    def add(self, path: Path) -> None:
        """A picture just written: remember it, then delete the least recently used beyond the bounds."""
        size = _size(path)
        with self._lock:
            self._bytes += size - self._sizes.pop(path, 0)
            self._sizes[path] = size
            evicted = self._over_bounds(keep=path)
        for old in evicted:
            old.unlink(missing_ok=True)

    def __len__(self) -> int:
        return len(self._sizes)

    def _over_bounds(self, keep: Path | None) -> list[Path]:
        evicted: list[Path] = []
        while (len(self._sizes) > self.max_files or self._bytes > self.max_bytes) and len(self._sizes) > 1:
            old, size = self._sizes.popitem(last=False)
            if old == keep:      # never the picture just drawn: it is about to be sent
                self._sizes[old] = size
                continue
            self._bytes -= size
            evicted.append(old)
        return evicted

    def _forget(self, path: Path) -> None:
        with self._lock:
            self._bytes -= self._sizes.pop(path, 0)

    def _scan(self, directory: Path) -> None:
        """Adopt the pictures already in ``directory`` (oldest first), once per directory."""
        if directory in self._scanned:
            return
        found = sorted((_mtime(p), p) for p in directory.glob("*.png") if ".tmp." not in p.name)
        with self._lock:
            if directory in self._scanned:
                return
            self._scanned.add(directory)
            for _, path in found:
                if path not in self._sizes:
                    self._sizes[path] = size = _size(path)
                    self._bytes += size
            evicted = self._over_bounds(keep=None)
        for old in evicted:
            old.unlink(missing_ok=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:   # another process evicted it meanwhile
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


CACHE = PictureCache()


def draw(name: str, **params: Any) -> Path:
    """The PNG for plot ``name`` with ``params`` (see each drawer's keywords), drawn once and cached."""
    path = picture_path(name, **params)
    if CACHE.hit(path):
        return path
    figure = _new_figure()
    _DRAWERS[name](figure, **params)
    partial = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp.png")   # one per writer
    figure.savefig(partial, format="png")
    partial.replace(path)   # atomic: a concurrent reader never sees half a file
    CACHE.add(path)
    return path


def figure_texts(name: str, **params: Any) -> list[str]:
    """The texts a drawn picture holds, less the input matrices' cells and the contour levels (gid "given")."""
    figure = _new_figure()
    _DRAWERS[name](figure, **params)
    texts = list(figure.texts)
    for ax in figure.axes:   # not figure.findobj: that builds every tick, and tick labels are only a scale
        legend = ax.get_legend()
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label,
                  *(legend.get_texts() if legend else [])]
    return [t.get_text() for t in texts if t.get_text().strip() and t.get_gid() != "given"]


def _new_figure() -> "Figure":
    # matplotlib is imported on the first drawing only: loading the curriculum (which checks
    # plot names) stays fast. Each figure gets its own Agg canvas: no backend switch, no pyplot.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 4), dpi=100, layout="tight")
    FigureCanvasAgg(figure)
    return figure


# --- drawers: (figure, **params) -> None --------------------------------------------------

# The texts each picture writes, computed without drawing (labels() below): the drawers write exactly
# these, and the exercise checks read them to make sure a question's picture never shows its answer.
_SIGMOID_TEXTS = ("g(z) = 1 / (1 + e^(−z))", "threshold 0.5", "z = Wᵀx", "h = g(z)", "The sigmoid (logistic) function")
_THRESHOLD_TEXTS = ("Wᵀx < 0\nh < 0.5 → y = 0", "Wᵀx ≥ 0\nh ≥ 0.5 → y = 1", "x1", "x2",
                    "Decision boundary: −1 + x1² + x2² = 0")


def _sigmoid_point_label(z: float) -> str:
    return f"z = {z:g}\nh = {sigmoid(z):.3f} → {'YES' if z >= 0 else 'NO'}"


def _gd_labels(start: Any, step: float, steps: int) -> tuple[np.ndarray, float, list[tuple[np.ndarray, str]], str]:
    """The path, the plot's reach, the labelled points (labels must not overlap) and the title."""
    path = np.array(descend(list(start), step, steps))
    reach = max(6.0, float(np.abs(path).max()) * 1.4)
    labelled: list[tuple[np.ndarray, str]] = []
    for k, point in enumerate(path):
        if all(np.linalg.norm(point - other) > reach / 8 for other, _ in labelled):
            labelled.append((point, f"x({k}) = ({point[0]:.3g}, {point[1]:.3g})"))
    return path, reach, labelled, f"Gradient descent on y = x1² + x2², λ = {step:g}"


def _output_map(grid: Any, kernel: Any) -> np.ndarray:
    grid, kernel = np.array(grid), np.array(kernel)
    size = len(kernel)
    return np.array([[convolve_cell(grid.tolist(), kernel.tolist(), r, c)
                      for c in range(grid.shape[1] - size + 1)] for r in range(grid.shape[0] - size + 1)])


def _sigmoid_texts(z: float | None = None) -> list[str]:
    return [*_SIGMOID_TEXTS, *([] if z is None else [_sigmoid_point_label(z)])]


def _gd_texts(start: Any = (5, 5), step: float = 0.1, steps: int = 2) -> list[str]:
    _, _, labelled, title = _gd_labels(start, step, steps)
    return [text for _, text in labelled] + ["x1", "x2", title]


def _convolution_texts(grid: Any = SLIDES_IMAGE, kernel: Any = SLIDES_KERNEL, cell: Any = (0, 0),
                       show_output: bool = True) -> list[str]:
    output = _output_map(grid, kernel)
    return ["image", "kernel", *("?" if not show_output else str(v) for v in output.flatten()), "output"]


_TEXTS: dict[str, Callable[..., list[str]]] = {
    "sigmoid": _sigmoid_texts, "gd_path": _gd_texts, "convolution": _convolution_texts,
    "threshold": lambda: list(_THRESHOLD_TEXTS),
}


def labels(name: str, **params: Any) -> list[str]:
    """The texts plot ``name`` writes for ``params``, less the input matrices' cells and the contour
    levels; computed without drawing where the drawer's texts are known, else read off a drawn figure."""
    return sorted(_TEXTS[name](**params) if name in _TEXTS else figure_texts(name, **params))


def _sigmoid(figure: Figure, z: float | None = None) -> None:
    ax = figure.subplots()
    zs = np.linspace(-8, 8, 300)
    curve, threshold, xlabel, ylabel, title = _SIGMOID_TEXTS
    ax.plot(zs, 1 / (1 + np.exp(-zs)), color="tab:blue", label=curve)
    ax.axhline(0.5, color="gray", linestyle="--", linewidth=1, label=threshold)
    ax.axvline(0, color="gray", linewidth=0.5)
    if z is not None:
        h = sigmoid(z)
        ax.plot([z], [h], "o", color="tab:red")
        ax.annotate(_sigmoid_point_label(z), (z, h), textcoords="offset points", xytext=(10, -30 if h > 0.5 else 10))
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title, ylim=(-0.05, 1.05))
    ax.legend(loc="upper left", fontsize=8)


def _gd_path(figure: Figure, start: tuple[float, float] = (5, 5), step: float = 0.1, steps: int = 2) -> None:
    ax = figure.subplots()
    path, reach, labelled, title = _gd_labels(start, step, steps)
    grid = np.linspace(-reach, reach, 200)
    x1, x2 = np.meshgrid(grid, grid)
    contours = ax.contour(x1, x2, x1 ** 2 + x2 ** 2, levels=8, cmap="viridis", linewidths=0.8)
    for level in ax.clabel(contours, fontsize=7):   # the height scale, not a value asked for
        level.set_gid("given")
    ax.plot(path[:, 0], path[:, 1], "o-", color="tab:red")
    for point, text in labelled:
        ax.annotate(text, tuple(point), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.plot([0], [0], "*", color="black", markersize=10)
    ax.set(xlabel="x1", ylabel="x2", title=title, aspect="equal")


def _convolution(figure: Figure, grid: Any = SLIDES_IMAGE, kernel: Any = SLIDES_KERNEL,
                 cell: tuple[int, int] = (0, 0), show_output: bool = True) -> None:
    """The image with the kernel on it, the kernel, and the output map; ``show_output=False`` (a question's
    picture) writes "?" in the output cells instead of their values."""
    output = _output_map(grid, kernel)
    grid, kernel = np.array(grid), np.array(kernel)
    row, col = cell
    size = len(kernel)
    image_ax, kernel_ax, output_ax = figure.subplots(1, 3, gridspec_kw={"width_ratios": [5, 3, 3]})
    figure.set_size_inches(8, 3.2)
    _matrix(image_ax, grid, "image", highlight=(row, col, size))
    for i in range(size):   # the kernel weights, written small beside the covered cells (as on the slides)
        for j in range(size):
            image_ax.text(col + j + 0.35, row + i + 0.35, f"×{kernel[i][j]}", fontsize=7, color="tab:red", gid="given")
    _matrix(kernel_ax, kernel, "kernel")
    _matrix(output_ax, output, "output", highlight=(row, col, 1), hidden=not show_output)


def _matrix(ax: Axes, values: np.ndarray, title: str, highlight: tuple[int, int, int] | None = None,
            hidden: bool = False) -> None:
    """A small matrix with its values written in; ``hidden`` writes "?" (and no shading) instead."""
    from matplotlib.patches import Rectangle

    shading = np.zeros_like(values) if hidden else values
    ax.imshow(shading, cmap="Greys", alpha=0.3, vmin=min(shading.min(), 0), vmax=max(shading.max(), 1))
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, "?" if hidden else str(value), ha="center", va="center", fontsize=11,
                gid=None if title == "output" else "given")
    if highlight:
        row, col, size = highlight
        ax.add_patch(Rectangle((col - 0.5, row - 0.5), size, size, fill=False, edgecolor="tab:red", linewidth=2.5))
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


def _progress(figure: Figure, mastery: dict[int, float] | None = None) -> None:
    """A learner's mastery per day (0..1); days at or above the store's MASTERED level in green."""
    mastery = {int(day): float(value) for day, value in (mastery or {}).items()}
    days = list(range(1, max([5, *mastery]) + 1))
    values = [mastery.get(day, 0.0) for day in days]
    ax = figure.subplots()
    colours = ["tab:green" if v >= MASTERED else "tab:blue" for v in values]
    bars = ax.bar([f"Day {d}" for d in days], values, color=colours)
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in values])
    ax.axhline(MASTERED, color="gray", linestyle="--", linewidth=1, label="mastered")
    ax.set(ylim=(0, 1.1), ylabel="mastery", title="Your progress")
    ax.legend(loc="upper right", fontsize=8)


def _threshold(figure: Figure, weights: tuple[float, ...] = (-1, 0, 0, 1, 1)) -> None:
    """The slides' circle: h = g(W0 + W1 x1 + W2 x2 + W3 x1² + W4 x2²) with W = [-1, 0, 0, 1, 1]."""
    ax = figure.subplots()
    grid = np.linspace(-2, 2, 300)
    x1, x2 = np.meshgrid(grid, grid)
    w0, w1, w2, w3, w4 = weights
    z = w0 + w1 * x1 + w2 * x2 + w3 * x1 ** 2 + w4 * x2 ** 2
    ax.contourf(x1, x2, z >= 0, levels=[-0.5, 0.5, 1.5], colors=["tab:blue", "tab:orange"], alpha=0.25)
    ax.contour(x1, x2, z, levels=[0], colors="black")
    inside, outside, xlabel, ylabel, title = _THRESHOLD_TEXTS
    ax.text(0, 0, inside, ha="center", va="center", fontsize=9)
    ax.text(1.35, 1.65, outside, ha="center", fontsize=9)
    ax.set(xlabel=xlabel, ylabel=ylabel, aspect="equal", title=title)


def _overfitting(figure: Figure, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 1, 12))
    y = np.sin(2 * math.pi * x) + rng.normal(0, 0.2, x.size)
    dense = np.linspace(0, 1, 300)
    axes = figure.subplots(1, 3, sharey=True)
    figure.set_size_inches(9, 3)
    for ax, degree, title in zip(axes, (1, 3, 11), ("underfit (too simple)", "good fit", "overfit (memorises noise)")):
        coefficients = np.polynomial.polynomial.polyfit(x, y, degree)
        ax.scatter(x, y, s=15, color="black")
        ax.plot(dense, np.polynomial.polynomial.polyval(dense, coefficients), color="tab:red")
        ax.set(title=f"degree {degree}: {title}", ylim=(-2, 2), xticks=[])
        ax.title.set_fontsize(9)


def _activations(figure: Figure) -> None:
    ax = figure.subplots()
    zs = np.linspace(-4, 4, 300)
    ax.plot(zs, 1 / (1 + np.exp(-zs)), label="sigmoid")
    ax.plot(zs, np.tanh(zs), label="tanh")
    ax.plot(zs, np.maximum(0, zs), label="ReLU")
    ax.axhline(0, color="gray", linewidth=0.5)
    ax.set(ylim=(-1.5, 3), xlabel="z", title="Activation functions")
    ax.legend()


_DRAWERS: dict[str, Callable[..., None]] = {
    "sigmoid": _sigmoid,
    "gd_path": _gd_path,
    "convolution": _convolution,
    "progress": _progress,
    "threshold": _threshold,
    "overfitting": _overfitting,
    "activations": _activations,
}
PLOTS: dict[str, Callable[..., Path]] = {name: functools.partial(draw, name) for name in _DRAWERS}
