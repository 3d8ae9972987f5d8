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
    kind: str, input_size: int, hidden_size: int, weight_scale: float, seed: int
) -> nn.RNNBase:
    """A torch recurrent layer with its default init, the recurrent weights W_hh times `weight_scale`."""
    seed_everything(seed)
    module = recurrent_layer(kind)(input_size, hidden_size, batch_first=True)
    with torch.no_grad():
        module.weight_hh_l0.mul_(weight_scale)
    return module


def per_step_gradient_norms(
    kind: str,
    seq_len: int,
    hidden_size: int = 32,
    weight_scale: float = 1.0,
    *,
    input_size: int = 8,
    batch: int = 16,
    seed: int = DEFAULT_SEED,
) -> list[float]:
    """||dL/dx_t|| for t = 1..seq_len (mean over a batch), L = sum of the last hidden state.

    The inputs are the same for every kind (same seed), so the curves compare the models.
    """
    if not 1 <= seq_len <= MAX_SEQ_LEN:
        raise ValueError(f"seq_len must be in 1..{MAX_SEQ_LEN}, got {seq_len}")
    if not 1 <= hidden_size <= MAX_HIDDEN:
        raise ValueError(f"hidden_size must be in 1..{MAX_HIDDEN}, got {hidden_size}")
    # float64: over 200 steps the RNN's gradient falls below float32's smallest number.
    module = build_recurrent(kind, input_size, hidden_size, weight_scale, seed).double()
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, seq_len, input_size, generator=gen, dtype=torch.float64)
    x.requires_grad_(True)
    outputs = module(x)[0]  # (B, T, H)
    loss = outputs[:, -1, :].sum()  # a loss that only looks at the last step
    loss.backward()
    norms = x.grad.norm(dim=-1).mean(dim=0)  # (T,)
    return [float(v) for v in norms]


def gradient_norms_by_model(
    seq_len: int, hidden_size: int, weight_scale: float, seed: int = DEFAULT_SEED,
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru"),
) -> dict[str, list[float]]:  # fmt: skip
    """per_step_gradient_norms for each kind, same sizes and inputs."""
    return {k: per_step_gradient_norms(k, seq_len, hidden_size, weight_scale, seed=seed) for k in kinds}


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
    seq_len: int = 50
    hidden_size: int = 32
    weight_scale: float = 4.0  # W_hh multiplied by this at init: large -> exploding gradients
    steps: int = 60  # full-batch SGD steps
    lr: float = 0.05
    max_norm: float = 1.0  # the clip_grad_norm_ threshold
    n: int = 64  # training sequences
    seed: int = DEFAULT_SEED


def _regression_data(cfg: ClipConfig) -> tuple[torch.Tensor, torch.Tensor]:
    # Target: the mean of the first five inputs, so the early steps matter.
    gen = torch.Generator().manual_seed(cfg.seed)
    x = torch.randn(cfg.n, cfg.seq_len, 1, generator=gen)  # (n, T, 1)
    y = x[:, :5, 0].mean(dim=1)  # (n,)
    return x, y


def clipping_experiment(
    cfg: ClipConfig, on_epoch: Callable[[int, int, float], None] | None = None
) -> dict[str, History]:
    """Train the same model twice with `fit`, without and with clip_grad_norm_.

    Returns {"no_clip": History, "clip": History}; History.grad_norm is the norm of every
    step before clipping (full batch: one epoch = one step).
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
    return runs


RUN_LABELS = {"no_clip": "클리핑 없음", "clip": "clip_grad_norm_ 사용"}


def clipping_series(runs: dict[str, History]) -> dict[str, dict[str, list[float]]]:
    """{label: {"grad_norm": [...], "loss": [...]}} for figures_basics.clipping_runs."""
    return {RUN_LABELS[k]: {"grad_norm": h.grad_norm, "loss": h.train_loss} for k, h in runs.items()}


def clipping_summary(runs: dict[str, History], max_norm: float) -> str:
    """What this run shows, in Korean, read off the numbers."""

    def describe(h: History) -> str:
        last = h.train_loss[-1]
        loss = f"{last:.3g}" if math.isfinite(last) else "발산(inf/nan)"
        peak = max((v for v in h.grad_norm if math.isfinite(v)), default=float("nan"))
        return f"첫 손실 {h.train_loss[0]:.3g} → 마지막 손실 {loss}, 가장 큰 그래디언트 노름 {peak:.2e}"

    no_clip, clip = runs["no_clip"], runs["clip"]
    text = (
        f"- **클리핑 없음**: {describe(no_clip)}\n"
        f"- **clip_grad_norm_(max_norm={max_norm:g})**: {describe(clip)}\n\n"
    )
    exploded = (
        not math.isfinite(no_clip.train_loss[-1]) or no_clip.train_loss[-1] > 10 * no_clip.train_loss[0]
    )
    if exploded:
        text += (
            "클리핑이 없으면 큰 그래디언트가 가중치를 한 번에 멀리 보내고, 그 뒤로 손실이 계속 커졌어요. "
            f"클리핑하면 그래디언트 자체는 여전히 크지만(왼쪽 그래프) 실제 업데이트 크기가 {max_norm:g}로 묶여 "
            "학습이 안정적으로 진행됩니다."
        )
    else:
        text += "이 설정에서는 클리핑이 없어도 손실이 발산하지 않았어요. 가중치 배율을 올려 보세요."
    return text
