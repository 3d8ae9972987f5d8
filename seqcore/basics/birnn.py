"""Bidirectional RNNs (the lesson's 2.1): the BiLSTMClassifier and what each direction sees."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED
from seqcore.core.training import fit

# The lesson's example sentence, one token per time step.
BLANK_SENTENCE = ("나는", "___를", "먹었다.", "정말", "달콤했다.")


class BiLSTMClassifier(nn.Module):
    """The lesson's model (section 2.1, 양방향 RNN): concat the forward and backward final states."""

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
    gen = rng.torch_gen(seed)
    model = rng.seeded(BiLSTMClassifier(input_size, hidden_size, num_classes), gen).eval()
    x = torch.randn(batch, seq_len, input_size, generator=gen)
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
    gen = rng.torch_gen(seed)
    lstm = rng.seeded(nn.LSTM(8, hidden_size, batch_first=True, bidirectional=True), gen)
    x = torch.randn(1, T, 8, generator=gen)  # one random embedding per token
    x2 = x.clone()
    x2[0, changed] = torch.randn(8, generator=gen)
    with torch.no_grad():
        a, _ = lstm(x)
        b, _ = lstm(x2)
    diff = (a - b).abs()[0]  # (T, 2H)
    H = hidden_size
    return Reach(tuple(tokens), changed, diff[:, :H].mean(1).numpy(), diff[:, H:].mean(1).numpy())


# ---------------------------------------------------------------- when NOT to use one


@dataclass(frozen=True)
class LeakConfig:
    noise: float = knob(
        0.3,
        "잡음 표준편차 σ",
        options=(0.1, 0.2, 0.3, 0.5),
        help="잡음은 예측할 수 없으니, 정직한 모델의 오차는 σ² 아래로 내려갈 수 없어요.",
    )
    window: int = 20  # steps per training window
    period: int = 25  # the sine's period in steps
    n_train: int = 500  # series points for training; the next 200 are the test part
    n_test: int = 200
    hidden_size: int = 16
    epochs: int = knob(80, "에포크", lo=20, hi=120, step=20)
    lr: float = 0.01
    seed: int = DEFAULT_SEED


def noisy_sine(cfg: LeakConfig) -> torch.Tensor:
    """sin(2πt / period) + σ·noise, seeded: the next value is predictable only up to the noise."""
    gen = rng.torch_gen(cfg.seed)
    t = torch.arange(cfg.n_train + cfg.n_test, dtype=torch.float32)
    return torch.sin(2 * math.pi * t / cfg.period) + cfg.noise * torch.randn(len(t), generator=gen)


def next_step_windows(series: torch.Tensor, window: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x (N, window, 1) and y (N, window): at every step t the target is the value at t + 1."""
    idx = torch.arange(len(series) - window)[:, None] + torch.arange(window + 1)  # (N, window+1)
    w = series[idx]
    return w[:, :window, None], w[:, 1:]


class NextStepRNN(nn.Module):
    """GRU (one or two directions) -> one prediction per step: the value of the next step."""

    def __init__(self, hidden_size: int, bidirectional: bool):
        super().__init__()
        self.rnn = nn.GRU(1, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear(hidden_size * (2 if bidirectional else 1), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.rnn(x)[0]).squeeze(-1)  # (B, T)


@dataclass
class LeakResult:
    peek_mse: dict[str, float]  # every step of a test window, the whole window given at once
    honest_mse: dict[str, float]  # only the past given: x_1..x_t in, the prediction at t
    noise_floor: float  # σ²: no honest predictor gets below it on average
    persistence_mse: float  # predict "the next value = this value"
    device: str = "cpu"


def _honest_mse(model: NextStepRNN, x: torch.Tensor, y: torch.Tensor, first: int = 5) -> float:
    # What generation, streaming and real forecasting can do: feed only x_1..x_t.
    with torch.no_grad():
        errs = [((model(x[:, :t])[:, -1] - y[:, t - 1]) ** 2).mean() for t in range(first, x.shape[1] + 1)]
    return float(torch.stack(errs).mean())


def run_leak_experiment(cfg: LeakConfig, on_epoch: Callable[[int, int, float], None] | None = None):
    """Train a one-way and a two-way GRU to predict the next value; score both ways on the test part."""
    series = noisy_sine(cfg)
    train = next_step_windows(series[: cfg.n_train], cfg.window)
    x_test, y_test = next_step_windows(series[cfg.n_train :], cfg.window)
    res = LeakResult({}, {}, cfg.noise**2, float(((x_test[:, :, 0] - y_test) ** 2).mean()))
    for i, (name, bi) in enumerate((("단방향 GRU", False), ("양방향 GRU", True))):

        def report(epoch: int, total: int, loss: float, base: int = i * cfg.epochs) -> None:
            if on_epoch is not None:
                on_epoch(base + epoch, 2 * cfg.epochs, loss)

        model = rng.seeded(NextStepRNN(cfg.hidden_size, bi), cfg.seed)
        hist = fit(model, train, nn.MSELoss(), epochs=cfg.epochs, lr=cfg.lr, seed=cfg.seed, on_epoch=report)
        with torch.no_grad():
            res.peek_mse[name] = float(((model(x_test) - y_test) ** 2).mean())
        res.honest_mse[name] = _honest_mse(model, x_test, y_test)
        res.device = hist.device
    return res


LEAK_STORE = CacheStore("birnn_leak", max_entries=8)  # next-step experiments
DEFAULT_RUNS = ((LEAK_STORE, run_leak_experiment, LeakConfig()),)  # computed at start-up


def leak_summary(res: LeakResult) -> str:
    """What this run shows, in Korean, read off the numbers."""
    bi, uni = "양방향 GRU", "단방향 GRU"
    floor = res.noise_floor
    text = (
        f"잡음 때문에 정직한 예측의 오차는 평균적으로 σ² = {floor:.3g} 아래로 내려갈 수 없어요. "
        f"양방향 GRU에 창 전체를 주면 MSE {res.peek_mse[bi]:.3g}"
    )
    if res.peek_mse[bi] < floor:
        text += (
            "로, 이 **불가능한 하한보다 낮아요**. 역방향이 t+1의 값을 이미 읽었기 때문이에요(답을 본 채점). "
        )
    else:
        text += f"로 단방향({res.peek_mse[uni]:.3g})보다 낮아요. 역방향이 t+1의 값을 이미 읽었기 때문이에요. "
    text += (
        f"과거만 주고 다음 값을 물으면(생성·스트리밍·실제 예측이 하는 일) 양방향은 MSE {res.honest_mse[bi]:.3g}, "
        f"단방향은 {res.honest_mse[uni]:.3g}"
    )
    text += (
        "로 양방향이 더 나빠요: 학습 중에 미래를 보고 맞히는 법을 배웠으니까요. "
        if res.honest_mse[bi] > res.honest_mse[uni]
        else "예요. 미래가 없으면 양방향의 장점도 사라져요. "
    )
    return text + f"'지금 값을 그대로 다음 값으로' 쓰는 기준선은 {res.persistence_mse:.3g}입니다."
