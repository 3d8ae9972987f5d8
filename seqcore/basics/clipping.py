"""Exploding gradients and clip_grad_norm_: a plain RNN whose recurrent weights start large,
trained with and without clipping, the gradient norm of every step recorded."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.basics.gradients import plain_number, rescale
from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED
from seqcore.core.training import History, fit

CLIPPING_STORE = CacheStore("clipping", max_entries=8)  # clipping experiment runs


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
    gen = rng.torch_gen(cfg.seed)
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

        model = rng.seeded(LastStepRegressor(nn.RNN(1, cfg.hidden_size, batch_first=True)), cfg.seed)
        rescale(model.rnn, cfg.weight_scale)  # both runs start from the same large W_hh
        runs[name] = fit(
            model,
            data,
            nn.MSELoss(),
            epochs=cfg.steps,
            lr=cfg.lr,
            optimizer="sgd",
            clip_grad_norm=clip,
            seed=cfg.seed,
            on_epoch=report,
        )
    return ClipResult(cfg, runs)


DEFAULT_RUNS = (
    (CLIPPING_STORE, clipping_experiment, ClipConfig()),
)  # computed at start-up (seqcore/ui/startup.py)

RUN_LABELS = {"no_clip": "클리핑 없음", "clip": "clip_grad_norm_ 사용"}


def clipping_series(result: ClipResult) -> dict[str, dict[str, list[float]]]:
    """{label: {"grad_norm": [...], "loss": [...]}} for figures.basics.clipping_runs."""
    return {RUN_LABELS[k]: {"grad_norm": h.grad_norm, "loss": h.train_loss} for k, h in result.runs.items()}


def zero_baseline(cfg: ClipConfig) -> float:
    """The training loss of always predicting 0: the bar any model that learned must beat."""
    _, y = _regression_data(cfg)
    return float((y**2).mean())


def _peak(h: History) -> float:
    """The largest finite gradient norm of a run, measured before clipping."""
    return max((v for v in h.grad_norm if math.isfinite(v)), default=float("nan"))


def _describe(h: History) -> str:
    last = h.train_loss[-1]
    loss = plain_number(last) if math.isfinite(last) else "발산(inf/nan)"
    return (
        f"첫 손실 {h.train_loss[0]:.3g} → 마지막 손실 {loss}, "
        f"가장 큰 그래디언트 노름(클리핑 전) {plain_number(_peak(h))}"
    )


def _exploded(h: History) -> bool:
    return not math.isfinite(h.train_loss[-1]) or h.train_loss[-1] > 10 * h.train_loss[0]


def _what_clipping_does(result: ClipResult) -> str:
    """Clipping rescales the step, not the computed gradient: said with this run's own numbers."""
    cfg, peak = result.config, _peak(result["clip"])
    bound = f"lr × max_norm = {cfg.lr:g} × {cfg.max_norm:g} = {cfg.lr * cfg.max_norm:.3g}"
    if not peak > cfg.max_norm:
        return (
            f"이번 실행에서는 그래디언트 노름이 한 번도 max_norm({cfg.max_norm:g})을 넘지 않아서 "
            "클리핑이 한 번도 작동하지 않았어요. "
        )
    return (
        "clip_grad_norm_은 그래디언트를 **계산한 뒤**, 노름이 max_norm을 넘으면 그 방향 그대로 길이만 "
        f"max_norm으로 줄여서 씁니다. 그래서 클리핑한 실행에서도 계산된 그래디언트의 노름은 "
        f"{plain_number(peak)}까지 커졌지만(표와 그래프는 클리핑 **전** 값), 가중치를 바꾸는 SGD 한 스텝의 "
        f"크기는 {bound} 이하로 묶였어요. "
    )


def _outcome(result: ClipResult, base: float) -> str:
    """Whether the clipped run learned, held against always predicting 0."""
    clip = result["clip"]
    last = clip.train_loss[-1]
    if not _peak(clip) > result.config.max_norm:
        return f"그래서 두 실행은 똑같이 학습했어요 (마지막 손실 {last:.3g}, 항상 0을 예측하는 기준선 {base:.3g})."
    if _exploded(clip):
        return "그래도 클리핑한 모델의 손실이 발산했어요: max_norm이나 학습률을 줄여 보세요."
    if last < 0.9 * base:
        return (
            f"클리핑한 모델의 마지막 손실({last:.3g})은 항상 0을 예측하는 기준선({base:.3g})보다 낮아요. "
            "스텝이 묶인 채로 실제로 배웠어요."
        )
    verdict = "과 비슷해요" if last < 1.1 * base else "보다 높아요"
    text = (
        f"클리핑한 모델은 발산하지 않았지만, 마지막 손실({last:.3g})은 항상 0을 예측하는 기준선"
        f"({base:.3g}){verdict}. 클리핑은 한 스텝의 크기를 묶어 발산을 막을 뿐, 그것만으로 모델이 "
        "배우게 만들지는 않아요."
    )
    if _exploded(result["no_clip"]):
        text += " 너무 큰 가중치로 시작한 RNN은 클리핑을 해도 여전히 배우기 어렵습니다."
    return text


def clipping_summary(result: ClipResult) -> str:
    """What this run shows, in Korean, read off the numbers and held against predicting 0."""
    cfg = result.config
    no_clip = result["no_clip"]
    base = zero_baseline(cfg)
    text = (
        f"- **클리핑 없음**: {_describe(no_clip)}\n"
        f"- **clip_grad_norm_(max_norm={cfg.max_norm:g})**: {_describe(result['clip'])}\n"
        f"- **기준선: 항상 0을 예측**: 손실 {base:.3g} (아무것도 배우지 않은 모델)\n\n"
    )
    if _exploded(no_clip):
        text += "클리핑이 없으면 큰 그래디언트가 가중치를 한 번에 멀리 보내고, 손실이 발산했어요. "
    else:
        text += "이 설정에서는 클리핑이 없어도 손실이 발산하지 않았어요(가중치 배율을 올려 보세요). "
    return text + _what_clipping_does(result) + _outcome(result, base)
