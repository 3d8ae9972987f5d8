"""The quiz's training task "sine": a sine-wave LSTM trained with the learner's settings.

It trains through `seqcore.core.training.fit`, takes a frozen config and reports through
`on_epoch`, so `ui.train_cached` can cache it and draw a progress bar. The checks read the
requirements from the trained module itself, never from the config the learner typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params
from seqcore.core.training import evaluate_loss, fit
from seqcore.data.series import create_sequences
from seqcore.quiz.requirements import Requirement

SINE_STORE = CacheStore("quiz_sine", max_entries=6)  # the task's runs


@dataclass(frozen=True)
class SineRequirements:
    """What the question asks for (its file's [params.require]). The test MSE must also beat the
    linear extrapolation."""

    seq_length: int
    hidden_size: int
    epochs: int


@dataclass(frozen=True)
class SineConfig:
    """The learner's choices; each knob is the page's widget (range and options stated once)."""

    seq_length: int = knob(10, "시퀀스 길이", lo=5, hi=30, step=1)  # window length fed to the LSTM
    hidden_size: int = knob(16, "LSTM hidden_size", lo=8, hi=64, step=8)
    num_layers: int = 1  # stacked LSTM layers
    epochs: int = knob(10, "에포크 수", lo=5, hi=50, step=5)
    lr: float = knob(0.01, "학습률 (Adam)", options=(0.001, 0.003, 0.01, 0.03))
    batch_size: int = knob(32, "배치 크기", options=(32, 64, 128))
    test_ratio: float = 0.2  # the last part of the series is the test set
    seed: int = 42


def sine_wave(points: int = 500, periods_pi: float = 20.0) -> tuple[np.ndarray, np.ndarray]:
    """The lesson's data: x = linspace(0, 20*pi, 500), y = sin(x)."""
    x = np.linspace(0, periods_pi * np.pi, points)
    return x, np.sin(x)


class SineLSTM(nn.Module):
    """LSTM -> last step -> Linear, like the lesson's StockPredictor."""

    def __init__(self, hidden_size: int = 32, num_layers: int = 1):
        super().__init__()
        self.lstm = recurrent_layer("lstm")(1, hidden_size, num_layers=num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.lstm(x)  # (B, T, H)
        return self.fc(out[:, -1, :])  # (B, 1)


def linear_extrapolation_mse(seq_length: int, test_ratio: float = 0.2) -> float:
    """Test MSE of predicting 2*x[t-1] - x[t-2]: a line through the last two values, no training.
    The question's bar: on a smooth sine this is already very good, so the LSTM must beat it."""
    _, _, X_te, y_te = sine_windows(seq_length, test_ratio)
    pred = 2 * X_te[:, -1, 0] - X_te[:, -2, 0]  # (N,)
    return float(((pred - y_te[:, 0]) ** 2).mean())


def sine_windows(seq_length: int, test_ratio: float = 0.2):
    """(X_train, y_train, X_test, y_test) as float tensors, X of shape (N, seq_length, 1)."""
    _, y = sine_wave()
    X, t = create_sequences(y, seq_length)
    X = torch.tensor(X, dtype=torch.float32).unsqueeze(-1)  # (N, T, 1)
    t = torch.tensor(t, dtype=torch.float32).unsqueeze(-1)  # (N, 1)
    split = int(len(X) * (1 - test_ratio))
    return X[:split], t[:split], X[split:], t[split:]


@dataclass(frozen=True)
class SineResult:
    """A trained model summarised in plain numbers (safe to keep in session state)."""

    config: SineConfig
    seq_length: int  # read from the data tensor the model was trained on
    hidden_size: int  # read from model.lstm
    epochs_run: int  # read from the History
    train_loss: tuple[float, ...]
    test_mse: float
    baseline_mse: float  # linear extrapolation on the same test windows
    test_true: tuple[float, ...]
    test_pred: tuple[float, ...]
    params: int
    seconds: float
    model_repr: str
    device: str  # where it trained (History.device)


def train_sine(cfg: SineConfig, on_epoch=None) -> SineResult:
    X_tr, y_tr, X_te, y_te = sine_windows(cfg.seq_length, cfg.test_ratio)
    model = rng.seeded(SineLSTM(cfg.hidden_size, cfg.num_layers), cfg.seed)  # the run's own draw
    loss_fn = nn.MSELoss()
    hist = fit(
        model,
        (X_tr, y_tr),
        loss_fn,
        epochs=cfg.epochs,
        lr=cfg.lr,
        batch_size=cfg.batch_size,
        seed=cfg.seed,
        on_epoch=on_epoch,
    )
    test_mse = evaluate_loss(model, (X_te, y_te), loss_fn)
    with torch.no_grad():
        device = next(model.parameters()).device
        pred = model(X_te.to(device)).squeeze(-1).cpu()
    return SineResult(
        config=cfg,
        seq_length=int(X_tr.shape[1]),
        hidden_size=int(model.lstm.hidden_size),
        epochs_run=hist.epochs_run,
        train_loss=tuple(hist.train_loss),
        test_mse=float(test_mse),
        baseline_mse=linear_extrapolation_mse(cfg.seq_length, cfg.test_ratio),
        test_true=tuple(float(v) for v in y_te.squeeze(-1)),
        test_pred=tuple(float(v) for v in pred),
        params=count_params(model),
        seconds=hist.seconds,
        model_repr=str(model),
        device=hist.device,
    )


def check_sine(res: SineResult, req: SineRequirements) -> list[Requirement]:
    return settings_checks(res, req) + [
        Requirement(
            f"테스트 MSE < 선형 외삽 {res.baseline_mse:.2e}",
            res.test_mse < res.baseline_mse,
            f"{res.test_mse:.2e}",
            "학습 없이 직전 두 값을 잇는 직선이 더 정확해요. 학습률이 너무 작거나 배치가 너무 크면 "
            "업데이트가 부족해요. 학습률 0.01, 배치 64를 시도해 보세요.",
        ),
    ]


def settings_checks(res, req: SineRequirements) -> list[Requirement]:
    """The requirements on the settings, read from the trained model and its data (`res`), or,
    for an attempt restored from a link, from the config itself (same field names)."""
    notes = {
        "seq_length": f"create_sequences(y, {req.seq_length})로 창을 만들어야 X가 (N, {req.seq_length}, 1)이 돼요.",
        "hidden_size": f"nn.LSTM(1, {req.hidden_size}, batch_first=True)처럼 hidden_size를 정해요.",
        "epochs": "요구사항은 에포크 수 자체예요. 더 많이 학습해도 요구사항과는 달라요.",
    }
    labels = {
        "seq_length": "시퀀스 길이 {}",
        "hidden_size": "LSTM hidden_size {}",
        "epochs": "{} 에포크 학습",
    }
    got = {"seq_length": res.seq_length, "hidden_size": res.hidden_size, "epochs": _epochs(res)}
    return [
        Requirement(labels[k].format(getattr(req, k)), got[k] == getattr(req, k), str(got[k]), notes[k])
        for k in labels
    ]


def _epochs(res) -> int:
    return res.epochs_run if isinstance(res, SineResult) else res.epochs


def sine_summary(res: SineResult) -> dict:
    """Plain data for the page's session state (the prediction and loss charts)."""
    return {
        "true": list(res.test_true),
        "pred": list(res.test_pred),
        "mse": res.test_mse,
        "baseline_mse": res.baseline_mse,
        "loss": list(res.train_loss),
        "seconds": res.seconds,
        "device": res.device,
        "model": res.model_repr,
    }
