"""The generated exercise kinds: ``GENERATORS[kind](rng, params) -> Question`` with fresh numbers.

Every kind is drawn again (up to :data:`REDRAWS` times) until its question passes
:func:`tutor.exercise_audit.question_problems`: no answer in the text, none that rounds to 0 or
sits on a rounding tie, none that reuses the slides' worked example. Pinned ``params`` give the
same question every time, so a degenerate pinned question comes back as it is.
"""
from __future__ import annotations

import random
from typing import Callable

from tutor.exercise_audit import question_problems
from tutor.generators import layers, slides_kinds
from tutor.question import Question

Generator = Callable[[random.Random, dict], Question]
REDRAWS = 60

_KINDS: dict[str, Generator] = {
    "gradient_step": slides_kinds.gradient_step,
    "sigmoid": slides_kinds.sigmoid_question,
    "mse": slides_kinds.mse_question,
    "convolution": slides_kinds.convolution_question,
    "chain_rule": slides_kinds.chain_rule_question,
    "analogy": slides_kinds.analogy_question,
    "neuron": slides_kinds.neuron_question,
    "max_pool": slides_kinds.max_pool_question,
    "rnn_state": slides_kinds.rnn_state_question,
    "circle": slides_kinds.circle_question,
    "softmax": layers.softmax_question,
    "cross_entropy": layers.cross_entropy_question,
    "conv_output_size": layers.conv_output_size_question,
    "param_count": layers.param_count_question,
    "cosine": layers.cosine_question,
    "dropout": layers.dropout_question,
    "sigmoid_derivative": layers.sigmoid_derivative_question,
}


def _redrawn(kind: str, generate: Generator) -> Generator:
    def fresh(rng: random.Random, params: dict) -> Question:
        question = generate(rng, params)
        for _ in range(REDRAWS):
            if not question_problems(question, kind):
                break
            question = generate(rng, params)
        return question
    fresh.__doc__ = generate.__doc__
    fresh.__name__ = generate.__name__
    return fresh


GENERATORS: dict[str, Generator] = {kind: _redrawn(kind, generate) for kind, generate in _KINDS.items()}
