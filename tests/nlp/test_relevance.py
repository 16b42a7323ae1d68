"""The reply selector's dual encoder: the loss, training on a handful of pairs, the persona recital check."""
from __future__ import annotations

import math

import torch

from nlp.relevance import (
    DualEncoder, RelevanceConfig, RelevanceTraining, ReplySelector, SelectionSettings, contrastive_loss, recall_at_1,
    train_dual_encoder,
)

# piece ids 2.. stand for words; each message shares no piece with another pair's reply
PAIRS = [([2, 3], [10, 11]), ([4, 5], [12, 13]), ([6, 7], [14, 15]), ([8, 9], [16, 17])]


def trained() -> DualEncoder:
    messages, replies = [m for m, _ in PAIRS], [r for _, r in PAIRS]
    config = RelevanceConfig(vocab_size=20, embed_dim=16, hidden_dim=16, temperature=0.1)
    training = RelevanceTraining(steps=150, batch_size=4, learning_rate=1e-2, piece_dropout=0.0)
    return train_dual_encoder(messages, replies, torch.ones(len(PAIRS)), config, training, seed=0)


def test_a_reply_drawn_twice_in_a_batch_is_no_negative_of_itself():
    vectors = torch.nn.functional.normalize(torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), dim=-1)
    same_text = torch.tensor([[True, True, False], [True, True, False], [False, False, True]])
    as_negatives = contrastive_loss(vectors, vectors, torch.eye(3, dtype=torch.bool), temperature=0.1)
    as_positives = contrastive_loss(vectors, vectors, same_text, temperature=0.1)
    assert as_negatives.item() > math.log(2) * 2 / 3 - 1e-3  # rows 0 and 1 cannot tell their twin apart
    assert as_positives.item() < 0.01


def test_the_dual_encoder_learns_which_reply_answers_which_message():
    model = trained()
    assert recall_at_1(model, [m for m, _ in PAIRS], [r for _, r in PAIRS], pool=len(PAIRS)) == 1.0
    scores = model.relevance(PAIRS[0][0], [r for _, r in PAIRS])
    assert max(range(len(scores)), key=scores.__getitem__) == 0
    assert all(-1.0 - 1e-6 <= s <= 1.0 + 1e-6 for s in scores) and model.relevance([2], []) == []


def test_training_is_deterministic_for_a_seed():
    assert trained().relevance([2, 3], [[10, 11], [12, 13]]) == trained().relevance([2, 3], [[10, 11], [12, 13]])


def test_the_selector_refuses_only_persona_lines_that_answer_the_message_badly():
    words = {"hello": [2, 3], "bye": [4, 5], "joke": [6, 7], "tired": [8, 9],
             "hi there": [10, 11], "see you": [12, 13], "gradients vanish": [14, 15], "take a break": [16, 17],
             "something new": [18, 19]}
    selector = ReplySelector(trained(), ["hi there", "see you", "gradients vanish", "take a break"], words.__getitem__,
                             words.__getitem__, SelectionSettings(recital_rank=1))
    assert selector.persona_rank("hello", "hi there") == 1 and not selector.recited_elsewhere("hello", "hi there")
    for other in ("see you", "gradients vanish", "take a break"):  # learnt for other messages
        assert selector.persona_rank("hello", other) > 1 and selector.recited_elsewhere("hello", other)
    assert selector.persona_rank("hello", "something new") is None and not selector.recited_elsewhere("hello", "something new")
