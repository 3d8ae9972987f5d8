"""Vanishing and exploding gradients: the lesson's simulation and the real thing.

`simulate_gradient_flow` is the lesson's toy (a constant multiplier per step).
`per_step_gradient_norms` measures, on a real nn.RNN / nn.LSTM / nn.GRU, how much a loss
on the LAST step feels each earlier input: ||dL/dx_t|| for every t.
`clipping_experiment` trains a plain RNN whose recurrent weights start large, with and
without clip_grad_norm_, and records the gradient norm of every step.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import DEFAULT_SEED, seed_everything
from seqcore.core.training import History, fit

MAX_SEQ_LEN = 300
MAX_HIDDEN = 256


CLIPPING_STORE = CacheStore("clipping", max_entries=8)  # clipping experiment runs


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
    """A torch recurrent layer with its default init, the recurrent weights W_hh times `weight_scale`.

    `forget_bias` is added to the LSTM's forget-gate bias (torch's gate order is i, f, g, o);
    the other kinds have no forget gate and ignore it.
    """
    seed_everything(seed)
    module = recurrent_layer(kind)(input_size, hidden_size, batch_first=True)
    with torch.no_grad():
        module.weight_hh_l0.mul_(weight_scale)
        if kind == "lstm":
            module.bias_ih_l0[hidden_size : 2 * hidden_size] += forget_bias
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
        x @ module.weight_ih_l0[rows].T + module.bias_ih_l0[rows]
        + h_prev @ module.weight_hh_l0[rows].T + module.bias_hh_l0[rows]
    )  # fmt: skip
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
    gen = torch.Generator().manual_seed(seed)
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
    seq_len: int, hidden_size: int, weight_scale: float, seed: int = DEFAULT_SEED,
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru"), forget_bias: float = 0.0,
) -> dict[str, list[float]]:  # fmt: skip
    """per_step_gradient_norms for each kind, same sizes and inputs."""
    probes = probe_by_model(seq_len, hidden_size, weight_scale, seed, kinds, forget_bias)
    return {k: p.norms for k, p in probes.items()}


def probe_by_model(
    seq_len: int, hidden_size: int, weight_scale: float, seed: int = DEFAULT_SEED,
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru"), forget_bias: float = 0.0,
) -> dict[str, GradientProbe]:  # fmt: skip
    """probe_gradients for each kind, same sizes and inputs (forget_bias reaches the LSTM only)."""
    return {
        k: probe_gradients(k, seq_len, hidden_size, weight_scale, forget_bias=forget_bias, seed=seed)
        for k in kinds
    }


def first_to_last_ratio(norms: list[float]) -> float:
    """How much of the last step's gradient is left at the first step (nan if the last is 0)."""
    return norms[0] / norms[-1] if norms and norms[-1] > 0 else float("nan")


class LastStepRegressor(nn.Module):
    """nn.RNN -> the last hidden state -> one number."""

    def __init__(self, rnn: nn.RNN):
        super().__init__()
        self.rnn = rnn
        self.fc = nn.Linear(rnn.hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.rnn(x)
        return self.fc(outputs[:, -1, :]).squeeze(-1)  # (B,)


@dataclass(frozen=True)
class ClipConfig:
    seq_len: int = knob(50, "시퀀스 길이", lo=10, hi=100, step=10)
    hidden_size: int = 32
    # W_hh multiplied by this at init: large -> exploding gradients
    weight_scale: float = knob(4.0, "가중치 배율", lo=1.0, hi=6.0, step=0.5)
    steps: int = knob(60, "학습 스텝", lo=20, hi=100, step=10)  # full-batch SGD steps
    lr: float = 0.05
    max_norm: float = knob(1.0, "max_norm", options=(0.1, 0.5, 1.0, 2.0, 5.0, 10.0))  # clip_grad_norm_
    n: int = 64  # training sequences
    seed: int = DEFAULT_SEED


def _regression_data(cfg: ClipConfig) -> tuple[torch.Tensor, torch.Tensor]:
    # Target: the mean of the first five inputs, so the early steps matter.
    gen = torch.Generator().manual_seed(cfg.seed)
    x = torch.randn(cfg.n, cfg.seq_len, 1, generator=gen)  # (n, T, 1)
    y = x[:, :5, 0].mean(dim=1)  # (n,)
    return x, y


@dataclass
class ClipResult:
    config: ClipConfig  # the settings these runs were trained with
    runs: dict[str, History]  # {"no_clip": ..., "clip": ...}

    def __getitem__(self, name: str) -> History:
        return self.runs[name]


def clipping_experiment(
    cfg: ClipConfig, on_epoch: Callable[[int, int, float], None] | None = None
) -> ClipResult:
    """Train the same model twice with `fit`, without and with clip_grad_norm_.

    The runs are "no_clip" and "clip"; History.grad_norm is the norm of every step before
    clipping (full batch: one epoch = one step).
    """
    data = _regression_data(cfg)
    runs: dict[str, History] = {}
    for i, (name, clip) in enumerate((("no_clip", None), ("clip", cfg.max_norm))):

        def report(epoch: int, total: int, loss: float, base: int = i * cfg.steps) -> None:
            if on_epoch is not None and (epoch % 5 == 0 or epoch == cfg.steps):  # fewer redraws
                on_epoch(base + epoch, 2 * cfg.steps, loss if math.isfinite(loss) else float("nan"))

        rnn = build_recurrent("rnn", 1, cfg.hidden_size, cfg.weight_scale, cfg.seed)
        model = LastStepRegressor(rnn)
        runs[name] = fit(
            model, data, nn.MSELoss(), epochs=cfg.steps, lr=cfg.lr, optimizer="sgd",
            clip_grad_norm=clip, seed=cfg.seed, on_epoch=report,
        )  # fmt: skip
    return ClipResult(cfg, runs)


DEFAULT_RUNS = ((CLIPPING_STORE, clipping_experiment, ClipConfig()),)  # computed at start-up

RUN_LABELS = {"no_clip": "클리핑 없음", "clip": "clip_grad_norm_ 사용"}


def clipping_series(result: ClipResult) -> dict[str, dict[str, list[float]]]:
    """{label: {"grad_norm": [...], "loss": [...]}} for figures.basics.clipping_runs."""
    return {RUN_LABELS[k]: {"grad_norm": h.grad_norm, "loss": h.train_loss} for k, h in result.runs.items()}


def zero_baseline(cfg: ClipConfig) -> float:
    """The training loss of always predicting 0: the bar any model that learned must beat."""
    _, y = _regression_data(cfg)
    return float((y**2).mean())


def _describe(h: History) -> str:
    last = h.train_loss[-1]
    loss = plain_number(last) if math.isfinite(last) else "발산(inf/nan)"
    peak = max((v for v in h.grad_norm if math.isfinite(v)), default=float("nan"))
    return f"첫 손실 {h.train_loss[0]:.3g} → 마지막 손실 {loss}, 가장 큰 그래디언트 노름 {plain_number(peak)}"


def _exploded(h: History) -> bool:
    return not math.isfinite(h.train_loss[-1]) or h.train_loss[-1] > 10 * h.train_loss[0]


def clipping_summary(result: ClipResult) -> str:
    """What this run shows, in Korean, read off the numbers and held against predicting 0."""
    cfg = result.config
    no_clip, clip = result["no_clip"], result["clip"]
    base = zero_baseline(cfg)
    text = (
        f"- **클리핑 없음**: {_describe(no_clip)}\n"
        f"- **clip_grad_norm_(max_norm={cfg.max_norm:g})**: {_describe(clip)}\n"
        f"- **기준선: 항상 0을 예측**: 손실 {base:.3g} (아무것도 배우지 않은 모델)\n\n"
    )
    if _exploded(no_clip):
        text += "클리핑이 없으면 큰 그래디언트가 가중치를 한 번에 멀리 보내고, 손실이 발산했어요. "
    else:
        text += "이 설정에서는 클리핑이 없어도 손실이 발산하지 않았어요(가중치 배율을 올려 보세요). "
    text += (
        f"클리핑은 그래디언트 노름을 {cfg.max_norm:g} 이하로 줄여요. 그래서 SGD의 한 스텝 업데이트는 "
        f"lr × max_norm = {cfg.lr:g} × {cfg.max_norm:g} = {cfg.lr * cfg.max_norm:.3g} 이하로 묶입니다. "
    )
    last = clip.train_loss[-1]
    if math.isfinite(last) and last < 0.9 * base:
        text += (
            f"클리핑한 모델의 마지막 손실({last:.3g})은 항상 0을 예측하는 기준선({base:.3g})보다 낮아요. "
            "폭발이 막힌 뒤 실제로 배운 거예요."
        )
    else:
        verdict = "과 비슷해요" if math.isfinite(last) and last < 1.1 * base else "보다 높아요"
        text += (
            f"하지만 클리핑한 모델의 마지막 손실({last:.3g})은 항상 0을 예측하는 기준선({base:.3g}){verdict}. "
            "클리핑은 폭발을 막을 뿐, 그것만으로 모델이 배우게 만들지는 않아요. "
            "너무 큰 가중치로 시작한 RNN은 클리핑을 해도 여전히 배우기 어렵습니다."
        )
    return text


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
