"""What a lab is, what it takes and what it gives back: plain data that crosses process borders.

A lab's ``run`` executes in a worker process (``labs.pool``), so its parameters and its
:class:`LabResult` are plain, picklable values, and ``run`` is named by its module path rather
than held as a function.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Called by a running lab, e.g. progress("epoch 3/10 - loss 0.41", 0.3); the pool forwards it
# to the learner's chat (an edited message, Telegram's typing action).
Progress = Callable[[str, float], None]


class LabError(Exception):
    """A lab cannot run as asked; the message is for the learner (names the allowed range)."""


@dataclass(frozen=True)
class Param:
    """One knob of a lab: ``name=value`` in ``/lab NAME name=value``."""

    name: str
    default: int | float | str
    help: str                                   # one line, for /lab NAME and errors
    low: float | None = None                    # numbers: the allowed range, inclusive
    high: float | None = None
    choices: tuple[str, ...] = ()               # words: the allowed values
    aliases: tuple[str, ...] = ()               # what learners write ("learning rate", "lr")


@dataclass(frozen=True)
class LabSpec:
    name: str                                   # "cnn"
    day: int                                    # the seminar day it belongs to
    title: str                                  # "A CNN on handwritten digits"
    concepts: tuple[str, ...]                   # glossary keys it practises (mastery)
    lesson: str | None                          # the lesson that offers it
    params: tuple[Param, ...]
    run: str                                    # "labs.cnn:run", imported in the worker
    cpu_seconds: float = 60.0                   # budget; the pool stops a lab past it
    memory_mb: int = 1500                       # budget: the memory the lab holds of its own (private pages,
                                                # watched), and how much its address space may grow (RLIMIT_AS)
    aliases: tuple[str, ...] = ()               # "convolutional network", "digits cnn"


@dataclass(frozen=True)
class LabQuestion:
    """A question about what the run just showed, graded like any exercise."""

    prompt: str
    options: tuple[str, ...]                    # () for a typed answer
    answer: str                                 # the right option's text, or a number as text
    explanation: str                            # said after the answer
    hint: str = ""                              # the second rung of help; never the answer ("" : a general one)
    accept: tuple[str, ...] = ()                # other answers as right (epochs the plot cannot tell apart)


@dataclass
class LabResult:
    lab: str
    params: dict[str, Any]                      # the settings it ran with, seed included
    figures: dict[str, float]                   # {"test_accuracy": 0.97, "seconds": 8.2, ...}
    summary: str                                # two sentences on what the learner's setting did
    code: str                                   # the code of this run (Keras; gensim or PyTorch where a lab needs them)
    pictures: list[bytes] = field(default_factory=list)   # PNGs: curves, boundary, kernels...
    question: LabQuestion | None = None
    table: list[list[str]] = field(default_factory=list)  # optional small table (e.g. scored sentences)
