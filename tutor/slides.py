"""The slides' worked examples and their maths: sigmoid, gradient descent on x1² + x2², convolution.

The exercises, the pictures and the playground commands all compute with these, so a quiz, its
picture and the slides always agree.
"""
from __future__ import annotations

import math

# The slides' convolution example ("Image representation"): the 5x5 image, the 3x3 kernel
# (the small x1/x0 marks), whose top-left output cell is 4.
SLIDES_IMAGE: tuple[tuple[int, ...], ...] = (
    (1, 1, 1, 0, 0),
    (0, 1, 1, 1, 0),
    (0, 0, 1, 1, 1),
    (0, 0, 1, 1, 0),
    (0, 1, 1, 0, 0),
)
SLIDES_KERNEL: tuple[tuple[int, ...], ...] = ((1, 0, 1), (0, 1, 0), (1, 0, 1))
SLIDES_CONV_CELL = (0, 0)             # the output cell the slides work out
SLIDES_GD_START, SLIDES_GD_STEP = (5.0, 5.0), 0.1   # (5, 5) -> (4, 4) -> (3.2, 3.2)

# The slides' word analogies, as (a, b, c, expected): a - b + c ~ expected.
SLIDES_ANALOGIES: tuple[tuple[str, str, str, str], ...] = (
    ("king", "man", "woman", "queen"),
    ("madrid", "spain", "italy", "rome"),
    ("rome", "italy", "germany", "berlin"),
    ("berlin", "germany", "japan", "tokyo"),
    ("tokyo", "japan", "russia", "moscow"),
    ("moscow", "russia", "turkey", "ankara"),
)


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def descend(start: list[float], step: float, steps: int) -> list[list[float]]:
    """The gradient-descent path on y = x1^2 + x2^2 (gradient 2x): start plus ``steps`` points."""
    path = [[float(c) for c in start]]
    for _ in range(steps):
        path.append([c - step * 2 * c for c in path[-1]])
    return path


def convolve_cell(grid: list[list[int]], kernel: list[list[int]], row: int, col: int) -> int:
    """One output cell of a valid, stride-1 'convolution' (cross-correlation, as in CNNs)."""
    size = len(kernel)
    return sum(grid[row + i][col + j] * kernel[i][j] for i in range(size) for j in range(size))
