"""The lesson's RNN vs LSTM vs GRU comparison (2.4, "학습 곡선 및 모델 비교"), run for real.

Same data as the lesson: the synthetic stock series scaled to 0~1 with MinMaxScaler, windows
of 30 days, the first 100 training windows. Same model and training: one recurrent layer with
hidden 32, a Linear head on the last step, Adam lr 0.01, MSE, 30 full-batch epochs. The layer
and then the head are drawn from the run's own generator seeded with the seed: the same numbers
the lesson's torch.manual_seed(42) gives. Each loss is the one computed before that epoch's
optimizer step, as in the lesson's loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn
from sklearn.preprocessing import MinMaxScaler

from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import DEFAULT_SEED, count_params, warm_up_in_background
from seqcore.core.training import EpochCallback, fit
from seqcore.data.series import SeriesConfig, create_sequences, synthetic_series

KINDS = ("RNN", "LSTM", "GRU")


# Results of run_comparison, one per config, shared by every session.
COMPARE_STORE = CacheStore("gru_compare", max_entries=6)


@dataclass(frozen=True)
class CompareConfig:
    seq_length: int = 30  # days per window (the lesson's SEQ_LENGTH)
    n_train: int = 100  # the lesson trains on X_train_t[:100]
    hidden_size: int = knob(32, "hidden_size", options=(8, 16, 32, 64))  # nn.RNN/LSTM/GRU(1, 32)
    lr: float = 0.01  # Adam
    epochs: int = knob(30, "에포크", lo=10, hi=100, step=10)  # full-batch epochs
    seed: int = DEFAULT_SEED  # each model's init drawn from its own generator with this seed
    kinds: tuple[str, ...] = KINDS


@dataclass
class CompareResult:
    config: CompareConfig
    losses: dict[str, list[float]] = field(default_factory=dict)  # per epoch, per kind
    seconds: dict[str, float] = field(default_factory=dict)  # measured training time
    params: dict[str, int] = field(default_factory=dict)  # count_params of layer + head
    device: str = "cpu"  # where the models trained (History.device)

    def final(self, kind: str) -> float:
        return self.losses[kind][-1]

    def ranking(self) -> list[str]:
        """Kinds from the lowest final loss to the highest."""
        return sorted(self.losses, key=self.final)


class SequenceRegressor(nn.Module):
    """The lesson's nn.Sequential(rnn_layer) + fc, as one module: fc(out[:, -1, :])."""

    def __init__(self, kind: str, hidden_size: int = 32, input_size: int = 1):
        super().__init__()
        # Built in the lesson's order (layer, then head) so the same seed gives the same init.
        self.rnn = recurrent_layer(kind)(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.rnn(x)[0]  # (B, T, H); works for the LSTM's (out, (h, c)) too
        return self.fc(out[:, -1, :])  # (B, 1)


def result_rows(result: CompareResult) -> list[dict[str, str]]:
    """One table row per model: final and lowest loss, parameters, training time."""
    return [
        {
            "모델": k,
            "최종 손실": f"{result.final(k):.5f}",
            "최저 손실": f"{min(result.losses[k]):.5f}",
            "파라미터": f"{result.params[k]:,}",
            "학습 시간": f"{result.seconds[k]:.2f}초",
        }
        for k in result.losses
    ]


def comparison_verdict(result: CompareResult) -> str:
    """The ranking of one run and what it means, in Korean (RNN winning is said plainly)."""
    order = result.ranking()
    beaten = order[order.index("RNN") + 1 :] if "RNN" in order else []
    if beaten:
        verdict = f"이번 실행에서는 평범한 RNN이 {'·'.join(beaten)}보다 최종 손실이 낮아요."
    elif "RNN" in order:
        gap = result.final("RNN") / result.final(order[0])
        verdict = f"이번 실행에서는 RNN의 최종 손실이 가장 높아요 ({order[0]}의 {gap:.1f}배)."
    else:
        verdict = ""
    return (
        "최종 손실 순위: " + " < ".join(f"**{k}** ({result.final(k):.4f})" for k in order) + f". {verdict} "
        "시드 하나로 한 번 학습한 결과라, 사이드바에서 시드를 바꾸면 순위가 바뀌기도 해요. "
        "30일짜리 짧고 쉬운 과제에서는 게이트가 없어도 충분히 배울 수 있어서, "
        "RNN이 LSTM·GRU와 비슷하거나 더 잘하기도 합니다. 게이트 모델은 파라미터가 3~4배라 계산도 더 많아요. "
        "게이트가 진짜 힘을 발휘하는 곳은 멀리 떨어진 정보를 기억해야 하는 **긴 의존성** 과제예요."
    )


def lesson_windows(seq_length: int = 30, n_train: int = 100) -> tuple[torch.Tensor, torch.Tensor]:
    """X_train_t[:n_train], y_train_t[:n_train] exactly as the lesson builds them."""
    price, _ = synthetic_series(SeriesConfig())
    scaled = MinMaxScaler().fit_transform(price.reshape(-1, 1))  # (500, 1), 0~1
    X, y = create_sequences(scaled, seq_length)  # (N, T, 1), (N, 1)
    train_size = int(len(X) * 0.8)
    X_train, y_train = X[:train_size][:n_train], y[:train_size][:n_train]
    return torch.FloatTensor(np.asarray(X_train)), torch.FloatTensor(np.asarray(y_train))


def run_comparison(
    cfg: CompareConfig = CompareConfig(), on_epoch: EpochCallback | None = None
) -> CompareResult:
    """Train the three models one after the other; on_epoch counts over all of them."""
    X, y = lesson_windows(cfg.seq_length, cfg.n_train)
    # The first Adam step of a process imports torch._dynamo (seconds): pay it before timing.
    warm_up_in_background().join()
    result = CompareResult(cfg)
    total = cfg.epochs * len(cfg.kinds)
    for k, kind in enumerate(cfg.kinds):
        model = rng.seeded(SequenceRegressor(kind, cfg.hidden_size), cfg.seed)

        def report(epoch: int, _total: int, loss: float, offset: int = k * cfg.epochs) -> None:
            if on_epoch is not None:
                on_epoch(offset + epoch, total, loss)

        hist = fit(
            model,
            (X, y),
            nn.MSELoss(),
            epochs=cfg.epochs,
            lr=cfg.lr,
            batch_size=None,
            seed=cfg.seed,
            on_epoch=report,
        )
        result.losses[kind] = hist.train_loss
        result.seconds[kind] = hist.seconds
        result.params[kind] = count_params(model)
        result.device = hist.device
    return result


# The page's default view: (store, trainer, config).
DEFAULT_RUNS = (
    (COMPARE_STORE, run_comparison, CompareConfig()),
)  # computed at start-up (seqcore/ui/startup.py)
