"""The responder component: tutorbot's own generative chit-chat (``Pipeline.respond``).

Trained on every ``dialogues/**/*.tsv`` pair of the training data: the tutor's persona files
(``data/dialogues/persona*.tsv``) and, when ``benchmarks.dialogue_corpora`` fetched them, real
conversations under ``dialogues/fetched/``. The persona is oversampled to a fixed share of every
batch and wins outright where a fetched message says the same thing, so "who made you?" gets the
tutor's answer, not a stranger's. It has its own sentencepiece tokenizer, trained on the dialogue
text and saved beside the weights; the model is :class:`nlp.seq2seq.Seq2Seq` (why an LSTM:
see that module and ``docs/responder.md``); replies come from :mod:`nlp.decoding`'s seeded nucleus
sampling (or beam search) and safety net, with a persona line that steers back to learning when the model is unsure.

As nanoGPT splits model, training and sampling:

    component.py   Responder: train / evaluate / save / load, respond, calibration
    presets.py     Preset (by keyword) and PRESETS by name; steps and threads for a data size
    data.py        pairs split and selected, the tokenizer, examples and batches
    train.py       the seq2seq's and the reply selector's training
    sample.py      decoding candidates, their order, the written reply, the choice and fallback lines

A saved model:

    directory/tokenizer.model      sentencepiece (unigram)
    directory/model.safetensors    weights
    directory/config.json          model + decoding config, fallback threshold, preset, seed, metrics
    directory/words.txt            the training text's word forms (the safety net rejects invented words)
    directory/relevance.safetensors    the reply selector's dual encoder (nlp.relevance), when the preset trains one
    directory/persona_replies.txt      the persona lines it checks recitals against, one a line
"""
from nlp.responder.component import Responder
from nlp.responder.data import Pair, is_heldout, select_training_pairs, split_pairs
from nlp.responder.presets import PRESETS, Preset, preset_named

__all__ = ["PRESETS", "Pair", "Preset", "Responder", "is_heldout", "preset_named", "select_training_pairs", "split_pairs"]
