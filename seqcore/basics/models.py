"""The Part 1 models: the lesson's RNNClassifier, a gated twin, and the scratch-RNN check."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics.cells import ScratchRNN
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params, seed_everything

MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


class RNNClassifier(nn.Module):
    """The lesson's classifier: the last hidden state -> Linear -> class scores."""

    def __init__(self, input_size: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (batch, seq_len, input_size)
        outputs, h_n = self.rnn(x)
        # h_n: (1, batch, hidden_size) -> (batch, hidden_size)
        return self.fc(h_n.squeeze(0))  # (batch, num_classes)


class RecurrentClassifier(nn.Module):
    """RNNClassifier with the recurrent layer picked by `kind` ("rnn", "lstm" or "gru")."""

    def __init__(self, kind: str, input_size: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.kind = kind
        self.rnn = recurrent_layer(kind)(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, state = self.rnn(x)
        h_n = state[0] if self.kind == "lstm" else state  # LSTM returns (h_n, c_n)
        return self.fc(h_n[-1])  # (batch, num_classes)


@dataclass
class ScratchRNNCheck:
    weight_shapes: dict[str, tuple[int, ...]]  # W_xh, W_hh, b_h
    outputs_close: bool  # torch.allclose(nn.RNN outputs, scratch outputs)
    h_close: bool  # torch.allclose(h_n[0], scratch h_T)
    max_abs_diff: float
    hidden: np.ndarray  # (T, H): the scratch RNN's h_t for the first sequence of the batch


def scratch_rnn_check(
    batch: int, seq_len: int, input_size: int, hidden_size: int, seed: int
) -> ScratchRNNCheck:
    """Load an nn.RNN's weights into ScratchRNN, run both on the same input, compare."""
    seed_everything(seed)
    rnn = nn.RNN(input_size, hidden_size, batch_first=True)
    scratch = ScratchRNN.from_torch(rnn)
    x = torch.randn(batch, seq_len, input_size)  # (B, T, I)
    with torch.no_grad():
        out, h_n = rnn(x)
        s_out, s_h = scratch(x)
    return ScratchRNNCheck(
        weight_shapes={n: tuple(p.shape) for n, p in scratch.named_parameters()},
        outputs_close=bool(torch.allclose(out, s_out, atol=1e-6)),
        h_close=bool(torch.allclose(h_n[0], s_h, atol=1e-6)),
        max_abs_diff=float((out - s_out).abs().max()),
        hidden=s_out[0].numpy(),
    )


def classifier_demo(batch: int, seq_len: int, input_size: int, hidden_size: int, num_classes: int, seed: int):
    """The lesson's RNNClassifier on random input: (output shape, parameter count)."""
    seed_everything(seed)
    classifier = RNNClassifier(input_size, hidden_size, num_classes)
    with torch.no_grad():
        output = classifier(torch.randn(batch, seq_len, input_size))
    return tuple(output.shape), count_params(classifier)
