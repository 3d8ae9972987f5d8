"""The long-term dependency experiment: only the first element decides the label.

Each sequence has two features per step: a value and a "first step" marker. The first
value is +1 (label 1) or -1 (label 0) and the marker is 1 there; every later value is
Gaussian noise with the marker 0. To answer, a model has to carry the first value through
all the noise to the last step. The marker lets a gated model learn *when* to write; the
plain RNN has no gate, so every noisy step disturbs its memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
import torch.nn as nn

from seqcore.basics.chance import near_chance, range_text
from seqcore.basics.models import MODEL_NAMES, RecurrentClassifier
from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED
from seqcore.core.training import fit

MIN_LENGTH, MAX_LENGTH = 2, 200
MAX_LENGTHS = 6  # lengths per run: keeps one click bounded in time


LONGDEP_STORE = CacheStore("longdep", max_entries=8)  # long-dependency experiments


def make_dependency_task(n: int, seq_len: int, seed: int = DEFAULT_SEED, noise: float = 3.0):
    """Returns x (n, seq_len, 2) and y (n,) with exactly half of each label.

    x[:, 0, 0] is +1 for label 1 and -1 for label 0, x[:, 1:, 0] is noise with std `noise`;
    x[:, :, 1] marks the first step. The same arguments always give the same tensors.
    """
    if n < 2 or n % 2:
        raise ValueError(f"n must be an even number >= 2, got {n}")
    if seq_len < 1:
        raise ValueError(f"seq_len must be at least 1, got {seq_len}")
    gen = rng.torch_gen(seed)
    y = torch.arange(n) % 2  # balanced by construction
    y = y[torch.randperm(n, generator=gen)]
    x = torch.zeros(n, seq_len, 2)  # (n, T, 2): value, first-step marker
    x[:, :, 0] = torch.randn(n, seq_len, generator=gen) * noise
    x[:, 0, 0] = y.float() * 2 - 1  # the one element that matters
    x[:, 0, 1] = 1.0
    return x, y


def init_gate_bias(model: RecurrentClassifier, value: float) -> None:
    """Start the gated models leaning towards keeping their memory.

    LSTM: + value on the forget gate's bias (Keras does + 1 by default). GRU (torch's
    convention, z = share of the old state kept): + value on the update gate's bias.
    The plain RNN has no gate, so nothing changes for it.
    """
    rnn, H = model.rnn, model.rnn.hidden_size
    block = {"lstm": slice(H, 2 * H), "gru": slice(H, 2 * H)}.get(model.kind)  # i,f,g,o / r,z,n
    if block is None:
        return
    with torch.no_grad():
        rnn.bias_ih_l0[block] += value


@dataclass(frozen=True)
class DependencyConfig:
    lengths: tuple[int, ...] = (5, 10, 20, 30)  # sequence lengths to try
    kinds: tuple[str, ...] = ("rnn", "lstm", "gru")
    hidden_size: int = knob(16, "은닉 크기", options=(8, 16, 32))
    n_train: int = 128  # training sequences (full batch)
    n_test: int = 256
    epochs: int = knob(80, "에포크", lo=20, hi=120, step=10)
    lr: float = 0.05
    noise: float = 3.0  # std of the noise after the first element
    # added to the LSTM forget / GRU update gate bias at init
    gate_bias: float = knob(
        2.0,
        "게이트 편향 초기화",
        options=(0.0, 1.0, 2.0),
        help="LSTM 망각 게이트와 GRU 업데이트 게이트의 편향에 더하는 값이에요. 0이면 PyTorch 기본 초기화입니다.",
    )
    seed: int = DEFAULT_SEED


@dataclass
class DependencyResult:
    lengths: list[int]
    accuracy: dict[str, list[float]]  # kind -> test accuracy per length
    final_loss: dict[str, list[float]]  # kind -> last training loss per length
    seconds: float = 0.0
    per_run_seconds: dict[str, list[float]] = field(default_factory=dict)
    n_test: int = 256  # test sequences behind each accuracy


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def run_dependency_experiment(
    cfg: DependencyConfig, on_epoch: Callable[[int, int, float], None] | None = None
) -> DependencyResult:
    """Train every kind on every length with `fit`; report test accuracy per length.

    `on_epoch(done, total, loss)` counts epochs over the whole experiment, so one progress
    bar can follow all the runs; it is called about ten times per run.
    """
    total = cfg.epochs * len(cfg.kinds) * len(cfg.lengths)
    done = 0
    every = max(1, cfg.epochs // 10)
    result = DependencyResult(list(cfg.lengths), {}, {}, per_run_seconds={}, n_test=cfg.n_test)
    t0 = time.perf_counter()
    for li, seq_len in enumerate(cfg.lengths):
        train = make_dependency_task(cfg.n_train, seq_len, cfg.seed + li, cfg.noise)
        test = make_dependency_task(cfg.n_test, seq_len, cfg.seed + 1000 + li, cfg.noise)
        for kind in cfg.kinds:
            model = rng.seeded(RecurrentClassifier(kind, 2, cfg.hidden_size, 2), cfg.seed)
            init_gate_bias(model, cfg.gate_bias)

            def report(epoch: int, _total: int, loss: float, base: int = done) -> None:
                # About ten reports per run: a progress bar redrawn every epoch costs real time.
                if on_epoch is not None and (epoch % every == 0 or epoch == cfg.epochs):
                    on_epoch(base + epoch, total, loss)

            hist = fit(
                model,
                train,
                nn.CrossEntropyLoss(),
                epochs=cfg.epochs,
                lr=cfg.lr,
                seed=cfg.seed,
                on_epoch=report,
            )
            done += cfg.epochs
            result.accuracy.setdefault(kind, []).append(accuracy(model, *test))
            result.final_loss.setdefault(kind, []).append(hist.train_loss[-1])
            result.per_run_seconds.setdefault(kind, []).append(hist.seconds)
    result.seconds = time.perf_counter() - t0
    return result


DEFAULT_RUNS = ((LONGDEP_STORE, run_dependency_experiment, DependencyConfig()),)  # computed at start-up


def model_label(kind: str) -> str:
    return MODEL_NAMES[kind]


HOLDS = 0.9


def result_rows(res: DependencyResult) -> list[dict[str, object]]:
    """One table row per length: accuracy of each model, as percentages."""
    rows = []
    for i, seq_len in enumerate(res.lengths):
        row: dict[str, object] = {"시퀀스 길이": seq_len}
        for kind, acc in res.accuracy.items():
            row[f"{model_label(kind)} 정확도"] = f"{acc[i]:.1%}"
        rows.append(row)
    return rows


def summary(res: DependencyResult) -> str:
    """What this run shows, in Korean, read off the numbers."""
    lines = []
    for kind, acc in res.accuracy.items():
        name = model_label(kind)
        fallen = [n for n, a in zip(res.lengths, acc) if near_chance(a, res.n_test)]
        if not fallen and min(acc) >= 0.995:
            lines.append(f"- **{name}**: 모든 길이에서 (거의) 100%를 맞혔어요.")
        elif not fallen and min(acc) >= HOLDS:
            lines.append(f"- **{name}**: 모든 길이에서 {min(acc):.0%} 이상을 유지했어요.")
        elif fallen:
            lines.append(
                f"- **{name}**: 길이 {fallen[0]}에서 찍기와 구별되지 않았어요 "
                f"({acc[res.lengths.index(fallen[0])]:.1%}; {range_text(res.n_test)}). "
                f"가장 긴 길이 {res.lengths[-1]}에서는 {acc[-1]:.1%}."
            )
        else:
            lines.append(f"- **{name}**: 가장 낮은 정확도 {min(acc):.0%}, 가장 긴 길이에서 {acc[-1]:.0%}.")
    return "\n".join(lines)
