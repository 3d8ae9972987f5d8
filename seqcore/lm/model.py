"""The language model: Embedding -> nn.RNN/LSTM/GRU -> Linear, a distribution at every step.

Many-to-many: the same cell as the sentiment page's many-to-one classifier, but the Linear
layer reads every step's output, not only the last one. Its logits are (batch, seq, vocab):
at step t, a score for every unit that could come next.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.registry import recurrent_layer

State = torch.Tensor | tuple[torch.Tensor, torch.Tensor]  # (layers, B, H); LSTM: (h, c)


class CharLM(nn.Module):
    def __init__(self, vocab_size: int, embed_size: int, hidden_size: int, cell: str = "gru"):
        super().__init__()
        self.cell = cell
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = recurrent_layer(cell)(embed_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, vocab_size)

    def forward(self, x: torch.Tensor, state: State | None = None) -> tuple[torch.Tensor, State]:
        outputs, state = self.rnn(self.embedding(x), state)  # (B, T, H)
        return self.fc(outputs), state  # (B, T, V)


def build_model(vocab_size: int, embed_size: int, hidden_size: int, cell: str, seed: int) -> CharLM:
    """A CharLM whose every weight is drawn from a generator seeded with `seed`."""
    return rng.seeded(CharLM(vocab_size, embed_size, hidden_size, cell), seed)


def detach(state: State | None) -> State | None:
    """The same values, cut from the graph: the next backward pass stops here (truncated BPTT)."""
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


@dataclass(frozen=True)
class ShapeReport:
    """Real tensor shapes of one batch through the same cell, read two ways."""

    x: tuple[int, ...]  # (B, T) ids
    embedded: tuple[int, ...]  # (B, T, E)
    outputs: tuple[int, ...]  # (B, T, H): every step's hidden state
    many_to_many: tuple[int, ...]  # (B, T, V): this page's logits
    last_hidden: tuple[int, ...]  # (B, H): outputs[:, -1, :]
    many_to_one: tuple[int, ...]  # (B, 1): a sentiment head on the last step
    vocab: int


def two_shapes(model: CharLM, x: torch.Tensor, seed: int) -> ShapeReport:
    """`x` through the trained cell: the LM's logits and a (seeded) one-logit head on the last step."""
    head = rng.seeded(nn.Linear(model.rnn.hidden_size, 1), seed)
    with torch.no_grad():
        embedded = model.embedding(x)
        outputs, _ = model.rnn(embedded)
        logits = model.fc(outputs)
        last = outputs[:, -1, :]
        one = head(last)
    return ShapeReport(
        *(tuple(t.shape) for t in (x, embedded, outputs, logits, last, one)), vocab=model.fc.out_features
    )
