"""The responder's network: an LSTM encoder-decoder with Luong ("general") attention.

    source ids -> Embedding -> BiLSTM ---------------------------> memory (B, S, H)
                                   \\-> final states -> decoder initial state
    reply ids  -> Embedding -> LSTM -> attention over memory -> tanh(W [h; context]) -> logits
                                                                 (output layer tied to the embedding)

Why an LSTM and not a small ``transformers`` encoder-decoder (BartConfig built from a config):
measured on this machine (2 shared, heavily loaded CPU cores, one thread; same 20k chit-chat pairs,
same sentencepiece vocabulary, 300 steps of batch 64; see ``docs/responder.md``):

    model                                   params  300 steps  held-out ppl  20-token beam-4 reply p50 / p95
    LSTM + Luong attention (128/256)        1.2 M     70 s        163           35 ms /  72 ms
    BART 2+2 layers, d=256, generate()      4.5 M    476 s        130          251 ms / 275 ms

Per step BART learns a little more, but it is ~7x slower to train and to decode: in the same
10-minute budget the LSTM takes ~7x more steps, and only the LSTM can meet the 40 ms reply target.

The decoder is incremental: :class:`Decoder` takes any number of target positions, so
training runs the whole reply at once (teacher forcing) and :class:`IncrementalDecoder` feeds
one token per step to the search in :mod:`nlp.decoding`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

LstmState = tuple[Tensor, Tensor]


@dataclass(frozen=True)
class Seq2SeqConfig:
    vocab_size: int
    embed_dim: int = 128
    hidden_dim: int = 256  # decoder size; each encoder direction has half
    dropout: float = 0.1
    pad_id: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


class Encoder(nn.Module):
    def __init__(self, config: Seq2SeqConfig, embedding: nn.Embedding) -> None:
        super().__init__()
        self.embedding = embedding
        self.dropout = nn.Dropout(config.dropout)
        self.rnn = nn.LSTM(config.embed_dim, config.hidden_dim // 2, batch_first=True, bidirectional=True)

    def forward(self, source: Tensor, lengths: Tensor) -> tuple[Tensor, LstmState]:
        embedded = self.dropout(self.embedding(source))
        packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
        outputs, (h, c) = self.rnn(packed)
        memory, _ = pad_packed_sequence(outputs, batch_first=True, total_length=source.size(1))
        # (2, B, H/2) forward+backward final states -> (1, B, H): the decoder starts from both.
        join = lambda s: torch.cat([s[0], s[1]], dim=-1).unsqueeze(0)  # noqa: E731
        return memory, (join(h), join(c))


class Attention(nn.Module):
    """Luong "general" attention: score(h_t, m_s) = h_t^T W m_s, padding masked out."""

    def __init__(self, hidden_dim: int) -> None:
        super().__init__()
        self.project = nn.Linear(hidden_dim, hidden_dim, bias=False)

    def forward(self, queries: Tensor, memory: Tensor, source_mask: Tensor) -> Tensor:
        scores = torch.bmm(self.project(queries), memory.transpose(1, 2))  # (B, T, S)
        scores = scores.masked_fill(~source_mask.unsqueeze(1), float("-inf"))
        return torch.bmm(scores.softmax(dim=-1), memory)  # (B, T, H)


class Decoder(nn.Module):
    def __init__(self, config: Seq2SeqConfig, embedding: nn.Embedding) -> None:
        super().__init__()
        self.embedding = embedding
        self.dropout = nn.Dropout(config.dropout)
        self.rnn = nn.LSTM(config.embed_dim, config.hidden_dim, batch_first=True)
        self.attention = Attention(config.hidden_dim)
        self.combine = nn.Linear(2 * config.hidden_dim, config.embed_dim)
        self.output = nn.Linear(config.embed_dim, config.vocab_size)
        self.output.weight = embedding.weight  # tied: fewer parameters, better on small data

    def forward(
        self, targets: Tensor, state: LstmState, memory: Tensor, source_mask: Tensor
    ) -> tuple[Tensor, LstmState]:
        """Logits (B, T, V) for every target position at once (training, scoring)."""
        outputs, state = self.rnn(self.dropout(self.embedding(targets)), state)
        return self.read_out(outputs, memory, source_mask), state

    def step(self, tokens: Tensor, state: LstmState, memory: Tensor, source_mask: Tensor) -> tuple[Tensor, LstmState]:
        """Logits (B, V) of the position after ``tokens`` (B,), from and to a state of (B, H) tensors.
        ``torch.lstm_cell`` on the LSTM's own weights: the same arithmetic as a one-position call of
        ``self.rnn``, which costs ~3x more for a handful of rows (0.46 vs 0.16 ms, measured)."""
        rnn = self.rnn
        h, c = torch.lstm_cell(self.dropout(self.embedding(tokens)), state,
                               rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
        return self.read_out(h.unsqueeze(1), memory, source_mask).squeeze(1), (h, c)

    def read_out(self, outputs: Tensor, memory: Tensor, source_mask: Tensor) -> Tensor:
        """Attention over the memory and the tied output layer: LSTM outputs (B, T, H) -> logits (B, T, V)."""
        context = self.attention(outputs, memory, source_mask)
        combined = torch.tanh(self.combine(torch.cat([outputs, context], dim=-1)))
        return self.output(self.dropout(combined))


class Seq2Seq(nn.Module):
    def __init__(self, config: Seq2SeqConfig) -> None:
        super().__init__()
        self.config = config
        self.embedding = nn.Embedding(config.vocab_size, config.embed_dim, padding_idx=config.pad_id)
        self.encoder = Encoder(config, self.embedding)
        self.decoder = Decoder(config, self.embedding)

    def forward(self, source: Tensor, source_lengths: Tensor, targets_in: Tensor) -> Tensor:
        """Teacher forcing: logits (B, T, V) for every position of ``targets_in`` (BOS + reply)."""
        memory, state = self.encoder(source, source_lengths)
        logits, _ = self.decoder(targets_in, state, memory, source != self.config.pad_id)
        return logits


class IncrementalDecoder:
    """One source sentence, decoded one token per step for a beam of hypotheses (see nlp.decoding)."""

    def __init__(self, model: Seq2Seq, source_ids: list[int]) -> None:
        self.model = model
        source = torch.tensor([source_ids], dtype=torch.long)
        self.memory, (h, c) = model.encoder(source, torch.tensor([len(source_ids)]))
        self.state = (h[0], c[0])  # (beam, H): Decoder.step's shape
        self.mask = torch.ones(1, len(source_ids), dtype=torch.bool)

    def step(self, last_tokens: Tensor) -> Tensor:
        """Log-probabilities (beam, V) of the next token after each hypothesis's ``last_tokens``."""
        beam = last_tokens.size(0)
        memory, mask = self.memory.expand(beam, -1, -1), self.mask.expand(beam, -1)
        logits, self.state = self.model.decoder.step(last_tokens, self.state, memory, mask)
        return logits.log_softmax(dim=-1)

    def select(self, beam_indices: Tensor) -> None:
        """Keep the decoder states of the surviving hypotheses (in the given order)."""
        h, c = self.state
        self.state = (h[beam_indices], c[beam_indices])
