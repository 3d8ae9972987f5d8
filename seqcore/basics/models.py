"""The Part 1 models: the lesson's RNNClassifier and a gated twin.

The RNN page shows RNNClassifier's source as the code that runs: its docstring and comments are
Korean, for the learner who reads them (tests/seqcore/basics/test_shown_code.py).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params

MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


class RNNClassifier(nn.Module):
    """강의의 분류 모델: 마지막 은닉 상태 -> Linear -> 클래스 점수."""

    def __init__(self, input_size: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x 모양: (batch, seq_len, input_size)
        outputs, h_n = self.rnn(x)
        # h_n 모양: (1, batch, hidden_size) -> (batch, hidden_size)
        return self.fc(h_n.squeeze(0))  # 모양: (batch, num_classes)


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


def classifier_demo(batch: int, seq_len: int, input_size: int, hidden_size: int, num_classes: int, seed: int):
    """The lesson's RNNClassifier on random input: (output shape, parameter count)."""
    gen = rng.torch_gen(seed)
    classifier = rng.seeded(RNNClassifier(input_size, hidden_size, num_classes), gen)
    with torch.no_grad():
        output = classifier(torch.randn(batch, seq_len, input_size, generator=gen))
    return tuple(output.shape), count_params(classifier)
