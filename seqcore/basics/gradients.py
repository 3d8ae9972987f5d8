"""Vanishing and exploding gradients: the lesson's simulation and the real thing.

`simulate_gradient_flow` is the lesson's toy (a constant multiplier per step).
`per_step_gradient_norms` measures, on a real nn.RNN / nn.LSTM / nn.GRU, how much a loss
on the LAST step feels each earlier input: ||dL/dx_t|| for every t.
The clipping experiment (seqcore.basics.clipping) builds its RNN with `build_recurrent`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob
from seqcore.core.registry import DISPLAY_NAMES, recurrent_layer
from seqcore.core.runtime import DEFAULT_SEED

MAX_SEQ_LEN = 300
MAX_HIDDEN = 256


def simulate_gradient_flow(seq_len: int, gradient_multiplier: float = 0.5) -> list[float]:
    """The lesson's simulation: the gradient shrinks (or grows) by a constant factor per step."""
    gradients = [1.0]  # the gradient at the last step = 1
    for _ in range(1, seq_len):
        # backprop: previous gradient * the weight's derivative
        gradients.append(gradients[-1] * gradient_multiplier)
    return gradients[::-1]  # back to time order


def build_recurrent(
    kind: str, input_size: int, hidden_size: int, weight_scale: float, seed: int, forget_bias: float = 0.0
) -> nn.RNNBase:
    """A torch recurrent layer with its default init drawn from `seed`, then `rescale`d."""
    module = rng.seeded(recurrent_layer(kind)(input_size, hidden_size, batch_first=True), seed)
    return rescale(module, weight_scale, forget_bias)


def rescale(module: nn.RNNBase, weight_scale: float, forget_bias: float = 0.0) -> nn.RNNBase:
    """The recurrent weights W_hh times `weight_scale`, in place; returns the module.

    `forget_bias` is added to an LSTM's forget-gate bias (torch's gate order is i, f, g, o);
    the other kinds have no forget gate and ignore it.
    """
    H = module.hidden_size
    with torch.no_grad():
        module.weight_hh_l0.mul_(weight_scale)
        if isinstance(module, nn.LSTM):
            module.bias_ih_l0[H : 2 * H] += forget_bias
    return module


def lstm_forget_gates(module: nn.LSTM, x: torch.Tensor, outputs: torch.Tensor) -> torch.Tensor:
    """f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf) of a one-layer LSTM, for every step.

    Recomputed from the module's own weights and its outputs (h_t for every t), so it is the
    forget gate that this very forward pass used. Returns (B, T, H).
    """
    H = module.hidden_size
    rows = slice(H, 2 * H)  # the forget gate's block
    h_prev = torch.cat([torch.zeros_like(outputs[:, :1]), outputs[:, :-1]], dim=1)  # (B, T, H)
    pre = (
        x @ module.weight_ih_l0[rows].T
        + module.bias_ih_l0[rows]
        + h_prev @ module.weight_hh_l0[rows].T
        + module.bias_hh_l0[rows]
    )
    return torch.sigmoid(pre)


@dataclass
class GradientProbe:
    """One backward pass: ||dL/dx_t|| per step, and the LSTM's mean forget gate (None otherwise)."""

    norms: list[float]
    forget_mean: float | None = None


def probe_gradients(
    kind: str,
    seq_len: int,
    hidden_size: int = 32,
    weight_scale: float = 1.0,
    *,
    forget_bias: float = 0.0,
    input_size: int = 8,
    batch: int = 16,
    seed: int = DEFAULT_SEED,
) -> GradientProbe:
    """||dL/dx_t|| for t = 1..seq_len (mean over a batch), L = sum of the last hidden state.

    The inputs are the same for every kind (same seed), so the curves compare the models.
    """
    if not 1 <= seq_len <= MAX_SEQ_LEN:
        raise ValueError(f"seq_len must be in 1..{MAX_SEQ_LEN}, got {seq_len}")
    if not 1 <= hidden_size <= MAX_HIDDEN:
        raise ValueError(f"hidden_size must be in 1..{MAX_HIDDEN}, got {hidden_size}")
    # float64: over 200 steps the RNN's gradient falls below float32's smallest number.
    module = build_recurrent(kind, input_size, hidden_size, weight_scale, seed, forget_bias).double()
    gen = rng.torch_gen(seed)
    x = torch.randn(batch, seq_len, input_size, generator=gen, dtype=torch.float64)
    x.requires_grad_(True)
    outputs = module(x)[0]  # (B, T, H)
    loss = outputs[:, -1, :].sum()  # a loss that only looks at the last step
    loss.backward()
    norms = x.grad.norm(dim=-1).mean(dim=0)  # (T,)
    forget = None
    if kind == "lstm":
        with torch.no_grad():
            forget = float(lstm_forget_gates(module, x, outputs).mean())
    return GradientProbe([float(v) for v in norms], forget)


def per_step_gradient_norms(
    kind: str, seq_len: int, hidden_size: int = 32, weight_scale: float = 1.0, **kwargs
) -> list[float]:
    """Only the norms of `probe_gradients`."""
    return probe_gradients(kind, seq_len, hidden_size, weight_scale, **kwargs).norms


def gradient_norms_by_model(
    seq_len: int,
    hidden_size: int,
    weight_scale: float,
    seed: int = DEFAULT_SEED,
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru"),
    forget_bias: float = 0.0,
) -> dict[str, list[float]]:
    """per_step_gradient_norms for each kind, same sizes and inputs."""
    probes = probe_by_model(seq_len, hidden_size, weight_scale, seed, kinds, forget_bias)
    return {k: p.norms for k, p in probes.items()}


def probe_by_model(
    seq_len: int,
    hidden_size: int,
    weight_scale: float,
    seed: int = DEFAULT_SEED,
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru"),
    forget_bias: float = 0.0,
) -> dict[str, GradientProbe]:
    """probe_gradients for each kind, same sizes and inputs (forget_bias reaches the LSTM only)."""
    return {
        k: probe_gradients(k, seq_len, hidden_size, weight_scale, forget_bias=forget_bias, seed=seed)
        for k in kinds
    }


PROBE_STORE = CacheStore("gradient_probes", max_entries=32, max_mb=8)  # a page rerun asks again


@dataclass(frozen=True)
class ProbeConfig:
    """The real-gradient chart's settings (the 기울기 소실 page's '실제 그래디언트' part)."""

    seq_len: int = knob(100, "시퀀스 길이", lo=10, hi=MAX_SEQ_LEN, step=10)
    hidden_size: int = knob(32, "은닉 크기", options=(4, 8, 16, 32, 64, 128))
    weight_scale: float = knob(1.0, "가중치 배율 (W_hh × 배율)", lo=0.25, hi=5.0, step=0.25)
    forget_bias: float = knob(
        0.0,
        "LSTM 망각 게이트 편향 +",
        options=(0.0, 1.0, 2.0, 3.0, 4.0),
        help="LSTM 망각 게이트의 편향에 더하는 값이에요. 0이면 PyTorch 기본 초기화입니다.",
    )
    seed: int = DEFAULT_SEED


@memo(PROBE_STORE)
def probe_models(cfg: ProbeConfig) -> dict[str, GradientProbe]:
    """probe_by_model for the page's settings, computed once per settings."""
    return probe_by_model(
        cfg.seq_len, cfg.hidden_size, cfg.weight_scale, cfg.seed, forget_bias=cfg.forget_bias
    )


def most_vanished(probes: dict[str, GradientProbe]) -> str:
    """The kind whose first-step gradient is the smallest share of its last-step gradient."""
    return min(probes, key=lambda k: _ratio_or_inf(probes[k].norms))


def ratio_line(probes: dict[str, GradientProbe]) -> str:
    """'첫 시점 / 마지막 시점 그래디언트: RNN 2.4 × 10⁻⁸, LSTM …': every model's share, in Korean."""
    shares = (f"{DISPLAY_NAMES[k]} {plain_number(first_to_last_ratio(p.norms))}" for k, p in probes.items())
    return "첫 시점 / 마지막 시점 그래디언트: " + ", ".join(shares)


def _ratio_or_inf(norms: list[float]) -> float:
    r = first_to_last_ratio(norms)
    return r if math.isfinite(r) else math.inf


def first_to_last_ratio(norms: list[float]) -> float:
    """How much of the last step's gradient is left at the first step (nan if the last is 0)."""
    return norms[0] / norms[-1] if norms and norms[-1] > 0 else float("nan")


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def plain_number(x: float) -> str:
    """A number a learner reads at a glance: 0.016, 2.4, 1,234, or 2.7 × 10⁻²⁸ (no 'e' notation)."""
    if not math.isfinite(x):
        return "∞" if x == math.inf else "계산 불가"
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
