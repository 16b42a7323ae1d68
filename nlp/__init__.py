"""tutorbot's language understanding: tokenizer, word2vec, BiLSTM classifiers, BiLSTM-CRF tagger, Pipeline.

Names are imported lazily: `from nlp.errors import DataError` (the curriculum loader, the CLI's
argument parsing) must not pay for importing torch and gensim.
"""
from __future__ import annotations

import importlib
from typing import Any

from nlp.errors import DataError, ModelsMissing, TutorbotError
from nlp.types import Analysis, AnswerContext, AnswerHit, AnswerOption, Entity, IntentScore, Sentiment

_LAZY = {
    "Pipeline": "nlp.pipeline",
    "TrainingData": "nlp.data",
    "NluExample": "nlp.data",
    "SentimentExample": "nlp.data",
    "DialoguePair": "nlp.data",
}

__all__ = [
    "Analysis", "AnswerContext", "AnswerHit", "AnswerOption", "DataError", "DialoguePair", "Entity", "IntentScore", "ModelsMissing", "NluExample", "Pipeline",
    "Sentiment", "SentimentExample", "TrainingData", "TutorbotError",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
