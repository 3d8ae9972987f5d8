"""The truths the quiz grades against, computed with torch and numpy from each question's
parameters, and the real output of each solution (nothing here is a typed-in answer key)."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics.shapes import ShapeConfig, explore_shapes
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
    torch.manual_seed(seed)
    rnn = nn.RNN(
        p.input_size, p.hidden_size, case.num_layers, batch_first=True, bidirectional=case.bidirectional
    )
    x = torch.randn(p.batch, p.seq_len, p.input_size)
    with torch.no_grad():
        outputs, h_n = rnn(x)
    lhs, rhs = outputs[:, -1, :], _RHS[case.rhs](h_n)
    if lhs.shape != rhs.shape:
        return False, float("inf")
    return bool(torch.allclose(lhs, rhs, atol=1e-6)), float((lhs - rhs).abs().max())


def gate_counts(input_size: int, hidden_size: int) -> dict[str, int]:
    """count_params of real 1-layer modules, and how many weight blocks each stacks."""
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
    torch.manual_seed(seed)
    emb = nn.Embedding(p.vocab_size, p.embed_dim)
    x = torch.randint(0, p.vocab_size, (p.batch, p.seq_len))
    with torch.no_grad():
        return tuple(emb(x).shape)


def order_demo(seed: int = 0) -> list[tuple[str, float, float]]:
    """Q3: lag-1 autocorrelation of each numeric example, before and after shuffling its order."""
    rng = np.random.default_rng(seed)
    price, _ = synthetic_series()
    t = np.arange(400) / 8000.0
    wave = np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 330 * t)  # a voiced sound at 8 kHz
    height = rng.normal(170, 8, 200)  # students in roll-call order
    data = {"일별 주가": price, "음성 파형": wave, "학생들의 키": height}

    def lag1(v):
        return float(np.corrcoef(v[:-1], v[1:])[0, 1])

    return [(name, lag1(v), lag1(rng.permutation(v))) for name, v in data.items()]


def gate_demo(seed: int = 0) -> list[str]:
    """Q4: force each gate of a real LSTMCell to 0 (or 1) with its bias and watch what it controls."""
    torch.manual_seed(seed)
    cell = nn.LSTMCell(3, 4)
    x, h0 = torch.randn(1, 3), torch.randn(1, 4)
    c0, c0_other = torch.randn(1, 4), torch.randn(1, 4) * 5

    def step(gates: dict[int, float], c):
        # bias_ih stacks the gates as (i, f, g, o); +-50 saturates the sigmoid to 1 or 0.
        with torch.no_grad():
            saved = cell.bias_ih.clone()
            for k, v in gates.items():
                cell.bias_ih[k * 4 : (k + 1) * 4] = v
            h, c_new = cell(x, (h0, c))
            cell.bias_ih.copy_(saved)
        return h, c_new

    _, c_a = step({1: -50.0}, c0)
    _, c_b = step({1: -50.0}, c0_other)
    _, c_keep = step({0: -50.0, 1: 50.0}, c0)
    h_closed, _ = step({3: -50.0}, c0)
    return [
        f"망각 게이트 f=0: C_(t-1)을 바꿔도 C_t의 변화 = {float((c_a - c_b).abs().max()):.4f}  (이전 기억을 모두 버림)",
        f"입력 게이트 i=0, 망각 게이트 f=1: C_t == C_(t-1) -> {bool(torch.allclose(c_keep, c0, atol=1e-4))}  (새 정보 저장 안 함)",
        f"출력 게이트 o=0: |h_t|의 최댓값 = {float(h_closed.abs().max()):.4f}  (셀 상태를 내보내지 않음)",
    ]


# ---------------------------------------------------------------- solutions' real output


def _q2_output(p: HiddenParams) -> str:
    cases = (
        HiddenCase("", 2, False, "h_n[-1]"),
        HiddenCase("", 2, False, "h_n[0]"),
        HiddenCase("", 1, True, "torch.cat([h_n[0], h_n[1]], dim=1)"),
    )
    lines = [str(hidden_case(p, c)[0]) for c in cases]
    torch.manual_seed(0)
    birnn = nn.RNN(p.input_size, p.hidden_size, batch_first=True, bidirectional=True)
    x = torch.randn(p.batch, p.seq_len, p.input_size)
    with torch.no_grad():
        out, h_n = birnn(x)
    H = p.hidden_size
    lines.append(str(bool(torch.allclose(out[:, -1, :H], h_n[0], atol=1e-6))))
    lines.append(str(bool(torch.allclose(out[:, 0, H:], h_n[1], atol=1e-6))))
    return "\n".join(lines)


def _q4_output(_p) -> str:
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 4)
    chunk = lstm.weight_ih_l0.chunk(4, dim=0)[1]
    return "\n".join([f"{tuple(lstm.weight_ih_l0.shape)} {tuple(chunk.shape)}"] + gate_demo())


def _q5_output(p) -> str:
    t = gate_counts(p.input_size, p.hidden_size)
    return (
        f"LSTM: {t['lstm']} torch.Size([{t['lstm_blocks'] * p.hidden_size}, {p.input_size}])\n"
        f"GRU:  {t['gru']} torch.Size([{t['gru_blocks'] * p.hidden_size}, {p.input_size}])"
    )


def _q7_output(p: WindowParams) -> str:
    X, y = windows(p)
    return f"{X.shape}\n{X}\n{y}"


def _q8_output(p: EmbeddingParams) -> str:
    emb = nn.Embedding(p.vocab_size, p.embed_dim)
    shape = embedding_shape(p)
    return (
        f"torch.Size([{', '.join(map(str, shape))}])\ntorch.Size([{', '.join(map(str, emb.weight.shape))}])"
    )


def _shapes_output(p: RNNShapeParams) -> str:
    return "\n".join(f"{n}: torch.Size([{', '.join(map(str, s))}])" for n, s in rnn_shapes(p).items())


SOLUTION_OUTPUT = {
    "q1": _shapes_output,
    "q2": _q2_output,
    "q3": lambda _p: "\n".join(f"{name} {a:.3f} -> {b:.3f}" for name, a, b in order_demo()),
    "q4": _q4_output,
    "q5": _q5_output,
    "q6": _shapes_output,
    "q7": _q7_output,
    "q8": _q8_output,
}


def solution_output(qid: str, params) -> str:
    """What the solution code of q1-q8 prints, computed now from the question's parameters."""
    return SOLUTION_OUTPUT[qid](params)
