"""The truths the quiz grades against, computed with torch and numpy from each question's
parameters (nothing here is a typed-in answer key)."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.core import rng
from seqcore.core.runtime import count_params
from seqcore.data.series import create_sequences, synthetic_series
from seqcore.quiz.params import EmbeddingParams, HiddenCase, HiddenParams, RNNShapeParams, WindowParams


def rnn_shapes(p: RNNShapeParams, seed: int = 0) -> dict[str, tuple[int, ...]]:
    """Run the question's module on its input; the shapes torch actually returns."""
    cfg = ShapeConfig(
        p.kind, p.batch, p.seq_len, p.input_size, p.hidden_size, p.num_layers, True, p.bidirectional
    )
    rep = explore_shapes(cfg, seed=seed)
    out = {"outputs": rep.outputs_shape, "h_n": rep.h_n_shape}
    if rep.c_n_shape is not None:
        out["c_n"] = rep.c_n_shape
    return out


_RHS = {
    "h_n[0]": lambda h: h[0],
    "h_n[-1]": lambda h: h[-1],
    "h_n.squeeze(0)": lambda h: h.squeeze(0),
    "torch.cat([h_n[0], h_n[1]], dim=1)": lambda h: torch.cat([h[0], h[1]], dim=1),
    "torch.cat([h_n[-2], h_n[-1]], dim=1)": lambda h: torch.cat([h[-2], h[-1]], dim=1),
}


def hidden_case(p: HiddenParams, case: HiddenCase, seed: int = 0) -> tuple[bool, float]:
    """(equal?, max |difference|) of outputs[:, -1, :] and the case's slice of h_n, run on a real RNN."""
    gen = rng.torch_gen(seed)
    rnn = nn.RNN(
        p.input_size, p.hidden_size, case.num_layers, batch_first=True, bidirectional=case.bidirectional
    )
    rng.seeded(rnn, gen)
    x = torch.randn(p.batch, p.seq_len, p.input_size, generator=gen)
    with torch.no_grad():
        outputs, h_n = rnn(x)
    lhs, rhs = outputs[:, -1, :], _RHS[case.rhs](h_n)
    if lhs.shape != rhs.shape:
        return False, float("inf")
    return bool(torch.allclose(lhs, rhs, atol=1e-6)), float((lhs - rhs).abs().max())


def gate_counts(input_size: int, hidden_size: int) -> dict[str, int]:
    """count_params of real 1-layer modules, and how many weight blocks each stacks (built on
    the meta device: shapes only, nothing drawn)."""
    with torch.device("meta"):
        lstm, gru, rnn = (
            nn.LSTM(input_size, hidden_size),
            nn.GRU(input_size, hidden_size),
            nn.RNN(input_size, hidden_size),
        )
    return {
        "lstm": count_params(lstm),
        "gru": count_params(gru),
        "rnn": count_params(rnn),
        "lstm_blocks": lstm.weight_ih_l0.shape[0] // hidden_size,
        "gru_blocks": gru.weight_ih_l0.shape[0] // hidden_size,
    }


def windows(p: WindowParams) -> tuple[np.ndarray, np.ndarray]:
    return create_sequences(np.array(p.prices), p.seq_length)


def embedding_shape(p: EmbeddingParams, seed: int = 0) -> tuple[int, ...]:
    gen = rng.torch_gen(seed)
    emb = rng.seeded(nn.Embedding(p.vocab_size, p.embed_dim), gen)
    x = torch.randint(0, p.vocab_size, (p.batch, p.seq_len), generator=gen)
    with torch.no_grad():
        return tuple(emb(x).shape)


def order_demo(seed: int = 0) -> list[tuple[str, float, float]]:
    """The order demo: lag-1 autocorrelation of each numeric example, before and after shuffling its order."""
    gen = rng.numpy_gen(seed)
    price, _ = synthetic_series()
    t = np.arange(400) / 8000.0
    wave = np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 330 * t)  # a voiced sound at 8 kHz
    height = gen.normal(170, 8, 200)  # students in roll-call order
    data = {"일별 주가": price, "음성 파형": wave, "학생들의 키": height}

    def lag1(v):
        return float(np.corrcoef(v[:-1], v[1:])[0, 1])

    return [(name, lag1(v), lag1(gen.permutation(v))) for name, v in data.items()]
