"""tutorbot's language understanding: tokenizer, word2vec, BiLSTM classifiers, BiLSTM-CRF tagger, Pipeline."""
from nlp.data import DialoguePair, NluExample, SentimentExample, TrainingData
from nlp.errors import DataError, ModelsMissing, TutorbotError
from nlp.pipeline import Pipeline
from nlp.types import Analysis, Entity, IntentScore, Sentiment

__all__ = [
    "Analysis", "DataError", "DialoguePair", "Entity", "IntentScore", "ModelsMissing", "NluExample", "Pipeline",
    "Sentiment", "SentimentExample", "TrainingData", "TutorbotError",
]
