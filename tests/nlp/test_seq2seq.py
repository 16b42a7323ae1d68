"""The seq2seq network: the one-token decoder step the searches use agrees with teacher forcing."""
from __future__ import annotations

import torch

from nlp.seq2seq import IncrementalDecoder, Seq2Seq, Seq2SeqConfig


def test_decoding_token_by_token_gives_the_logits_of_the_whole_reply_at_once():
    torch.manual_seed(0)
    model = Seq2Seq(Seq2SeqConfig(vocab_size=50, embed_dim=8, hidden_dim=16)).eval()
    source, reply = [5, 9, 14, 3], [1, 7, 22, 30, 4]
    with torch.no_grad():
        at_once = model(torch.tensor([source]), torch.tensor([len(source)]), torch.tensor([reply]))[0].log_softmax(-1)
        decoder = IncrementalDecoder(model, source)
        stepped = torch.stack([decoder.step(torch.tensor([token]))[0] for token in reply])
    assert torch.allclose(stepped, at_once, atol=1e-5)


def test_select_keeps_and_reorders_the_states_of_the_surviving_hypotheses():
    torch.manual_seed(0)
    model = Seq2Seq(Seq2SeqConfig(vocab_size=50, embed_dim=8, hidden_dim=16)).eval()
    with torch.no_grad():
        decoder = IncrementalDecoder(model, [5, 9, 14])
        decoder.select(torch.zeros(3, dtype=torch.long))
        first = decoder.step(torch.tensor([7, 8, 9]))
        decoder.select(torch.tensor([2, 0]))
        after = decoder.step(torch.tensor([11, 11]))
        alone = IncrementalDecoder(model, [5, 9, 14])
        alone.step(torch.tensor([9]))
        expected = alone.step(torch.tensor([11]))
    assert first.shape == (3, 50) and after.shape == (2, 50)
    assert torch.allclose(after[0], expected[0], atol=1e-6)
