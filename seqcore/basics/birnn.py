"""Bidirectional RNNs (the lesson's 2.1): the BiLSTMClassifier and what each direction sees."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.figures.style import TEMPLATE

# The lesson's example sentence, one token per time step.
BLANK_SENTENCE = ("나는", "___를", "먹었다.", "정말", "달콤했다.")


class BiLSTMClassifier(nn.Module):
    """The lesson's model (its In [15]): concat the forward and backward final states."""

    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True, bidirectional=True)
        # Bidirectional: hidden_size * 2
        self.fc = nn.Linear(hidden_size * 2, num_classes)

    def forward(self, x):
        outputs, (h_n, c_n) = self.lstm(x)
        # h_n: (2, batch, hidden); [0] = forward, [1] = backward (one layer)
        forward_h = h_n[0]
        backward_h = h_n[1]
        hidden = torch.cat([forward_h, backward_h], dim=1)  # (B, 2H)
        return self.fc(hidden)  # (B, num_classes)


@dataclass
class ClassifierReport:
    input_shape: tuple[int, ...]
    outputs_shape: tuple[int, ...]  # the LSTM's outputs (B, T, 2H)
    h_n_shape: tuple[int, ...]
    hidden_shape: tuple[int, ...]  # the concat fed to fc: (B, 2H)
    logits_shape: tuple[int, ...]  # (B, num_classes)
    logits: np.ndarray
    hidden_matches_outputs: bool  # hidden == cat(outputs[:, -1, :H], outputs[:, 0, H:])
    last_step_matches: bool  # hidden == outputs[:, -1, :] (the common mistake; False)
    n_params: int
    module_repr: str


def run_classifier(
    batch=4, seq_len=5, input_size=10, hidden_size=20, num_classes=3, seed=42
) -> ClassifierReport:
    """Build the lesson's BiLSTMClassifier, run it once on random input, report its shapes."""
    torch.manual_seed(seed)
    model = BiLSTMClassifier(input_size, hidden_size, num_classes).eval()
    x = torch.randn(batch, seq_len, input_size)
    with torch.no_grad():
        outputs, (h_n, _) = model.lstm(x)
        hidden = torch.cat([h_n[0], h_n[1]], dim=1)
        logits = model(x)
    H = hidden_size
    from_outputs = torch.cat([outputs[:, -1, :H], outputs[:, 0, H:]], dim=1)
    return ClassifierReport(
        input_shape=tuple(x.shape),
        outputs_shape=tuple(outputs.shape),
        h_n_shape=tuple(h_n.shape),
        hidden_shape=tuple(hidden.shape),
        logits_shape=tuple(logits.shape),
        logits=logits.numpy(),
        hidden_matches_outputs=bool(torch.allclose(hidden, from_outputs, atol=1e-6)),
        last_step_matches=bool(torch.allclose(hidden, outputs[:, -1, :], atol=1e-6)),
        n_params=sum(p.numel() for p in model.parameters()),
        module_repr=repr(model),
    )


@dataclass
class Reach:
    """How much each direction's output at every step moves when one token changes."""

    tokens: tuple[str, ...]
    changed: int  # index of the token that was replaced
    forward: np.ndarray  # (T,) mean |Δ outputs[:, t, :H]|
    backward: np.ndarray  # (T,) mean |Δ outputs[:, t, H:]|


def direction_reach(tokens=BLANK_SENTENCE, changed: int = -1, hidden_size: int = 16, seed: int = 42) -> Reach:
    """Replace one token's (random) embedding and measure the change of each direction's output.

    The forward LSTM at step t has read tokens 0..t only, so a change after t cannot reach it;
    the backward LSTM has read t..T-1. Untrained weights: this shows who sees what, not meaning.
    """
    T = len(tokens)
    changed = changed % T
    torch.manual_seed(seed)
    lstm = nn.LSTM(8, hidden_size, batch_first=True, bidirectional=True)
    x = torch.randn(1, T, 8)  # one random embedding per token
    x2 = x.clone()
    x2[0, changed] = torch.randn(8)
    with torch.no_grad():
        a, _ = lstm(x)
        b, _ = lstm(x2)
    diff = (a - b).abs()[0]  # (T, 2H)
    H = hidden_size
    return Reach(tuple(tokens), changed, diff[:, :H].mean(1).numpy(), diff[:, H:].mean(1).numpy())


def reach_figure(reach: Reach):
    """Grouped bars: per token, how far each direction's output moved."""
    import plotly.graph_objects as go

    labels = [f"{i}: {t}" for i, t in enumerate(reach.tokens)]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=reach.forward.tolist(), name="순방향 (→) 출력 변화"))
    fig.add_trace(go.Bar(x=labels, y=reach.backward.tolist(), name="역방향 (←) 출력 변화"))
    fig.update_layout(
        title=f"'{reach.tokens[reach.changed]}'를 바꾸면 각 시점의 출력이 얼마나 바뀌나요?",
        barmode="group", yaxis_title="평균 |변화량|", template=TEMPLATE, height=340,
        legend=dict(orientation="h", y=-0.2),
    )  # fmt: skip
    return fig
