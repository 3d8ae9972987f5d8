"""Truncated BPTT on a long stream: `detach()` every k steps, and what that cannot learn.

The task is an echo: a stream of random +-1 values, and at every step t the target is the
value seen `lag` steps earlier. A GRU reads the stream in chunks of k steps, carrying its
hidden state from chunk to chunk but detaching it, so the gradient of a loss at step t
stops at the start of t's chunk. With k <= lag the input that decides the target is never
inside the chunk of the loss: no gradient ever tells the model to store it.

The page shows `train_truncated`'s source as the code that runs: its docstring and comments are
Korean, for the learner who reads them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.basics.chance import near_chance, range_text
from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED, device_label, get_device

TBPTT_STORE = CacheStore("tbptt", max_entries=8)  # truncated-BPTT experiments
REACH_STORE = CacheStore("tbptt_reach", max_entries=16, max_mb=1)  # gradient_reach per k: a rerun asks again
CHANCE = 0.5


def echo_stream(n: int, length: int, lag: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x (n, length, 1) of random +-1, y (n, length) = 1 where x[t - lag] > 0 (0 before lag)."""
    if not 1 <= lag < length:
        raise ValueError(f"lag must be in 1..{length - 1}, got {lag}")
    gen = rng.torch_gen(seed)
    x = torch.randint(0, 2, (n, length, 1), generator=gen).float() * 2 - 1  # (n, T, 1)
    y = torch.zeros(n, length)
    y[:, lag:] = (x[:, :-lag, 0] > 0).float()
    return x, y


class EchoGRU(nn.Module):
    """GRU -> a logit per step; forward takes and returns the hidden state so it can be carried."""

    def __init__(self, hidden_size: int):
        super().__init__()
        self.rnn = nn.GRU(1, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor, h: torch.Tensor | None = None):
        outputs, h = self.rnn(x, h)  # (B, k, H), (1, B, H)
        return self.fc(outputs).squeeze(-1), h  # (B, k)


@dataclass(frozen=True)
class TBPTTConfig:
    lag: int = knob(
        6, "기억해야 할 거리 (lag)", lo=2, hi=12, step=1, help="시점 t의 정답은 lag 시점 전에 본 값이에요."
    )
    windows: tuple[int, ...] = (2, 4, 8, 16, 32)  # k: detach() every k steps
    epochs: int = knob(12, "에포크 (스트림을 읽는 횟수)", lo=4, hi=20, step=2)
    hidden_size: int = 16
    stream_len: int = 160  # steps per training stream
    n_streams: int = 32  # streams read in parallel (the batch)
    n_test: int = 256  # fresh streams the accuracy is measured on
    lr: float = 0.02
    seed: int = DEFAULT_SEED


@dataclass
class TBPTTResult:
    windows: list[int]
    accuracy: list[float]  # test accuracy per k (steps t >= lag of fresh streams)
    seconds: list[float]  # training time per k
    updates: list[int]  # optimizer steps per k
    stored_steps: list[int]  # time steps held for one backward: k (full BPTT: stream_len)
    device: str = "cpu"
    lag: int = 0
    stream_len: int = 0
    test_steps: int = 1  # answers behind each accuracy: n_test streams x (stream_len - lag) steps


def train_truncated(cfg: TBPTTConfig, k: int, on_chunk: Callable[[], None] | None = None):
    """EchoGRU 하나를 k 시점씩 잘라 학습해요. 돌려주는 값: (모델, 걸린 초, 업데이트 수)."""
    device = get_device()
    model = rng.seeded(EchoGRU(cfg.hidden_size), cfg.seed).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    x, y = (t.to(device) for t in echo_stream(cfg.n_streams, cfg.stream_len, cfg.lag, cfg.seed))
    steps = torch.arange(cfg.stream_len, device=device)
    updates, t0 = 0, time.perf_counter()
    for _ in range(cfg.epochs):
        h = None
        for start in range(0, cfg.stream_len, k):
            logits, h = model(x[:, start : start + k], h)
            h = h.detach()  # 여기서 자름: 값은 다음 조각으로 넘어가지만 그래디언트는 앞 조각으로 가지 않아요
            valid = steps[start : start + k] >= cfg.lag  # 처음 lag 시점에는 정답이 없어요
            if valid.any():
                loss = loss_fn(logits[:, valid], y[:, start : start + k][:, valid])
                opt.zero_grad()
                loss.backward()
                opt.step()
                updates += 1
        if on_chunk is not None:
            on_chunk()
    return model.to("cpu").eval(), time.perf_counter() - t0, updates


@memo(REACH_STORE)
def gradient_reach(k: int, length: int = 40, hidden_size: int = 16, seed: int = DEFAULT_SEED) -> list[float]:
    """||dL/dx_t|| for a loss on the LAST step of a stream read in chunks of k (detach between them).

    Untrained GRU; the point is where the gradient is exactly zero: every step before the
    last chunk, however much the last output depends on it in the forward pass.
    """
    if not 1 <= k <= length:
        raise ValueError(f"k must be in 1..{length}, got {k}")
    gen = rng.torch_gen(seed)
    model = rng.seeded(EchoGRU(hidden_size), gen)
    x = torch.randn(1, length, 1, generator=gen, requires_grad=True)
    h, logits = None, None
    for start in range(0, length, k):
        logits, h = model(x[:, start : start + k], h)
        h = h.detach() if start + k < length else h  # the truncation
    logits[0, -1].backward()
    return [float(v) for v in x.grad[0, :, 0].abs()]


def echo_accuracy(model: EchoGRU, lag: int, seed: int, length: int = 160, n: int = 256) -> float:
    """Accuracy on fresh streams read in one go (no truncation is needed to predict)."""
    x, y = echo_stream(n, length, lag, seed)
    with torch.no_grad():
        logits, _ = model(x)
    return float(((logits[:, lag:] > 0).float() == y[:, lag:]).float().mean())


def run_tbptt_experiment(cfg: TBPTTConfig, on_epoch: Callable[[int, int, float], None] | None = None):
    """Train one model per window k on the same stream; report test accuracy and cost."""
    test_steps = cfg.n_test * (cfg.stream_len - cfg.lag)
    res = TBPTTResult([], [], [], [], [], device_label(get_device()), cfg.lag, cfg.stream_len, test_steps)
    total, done = cfg.epochs * len(cfg.windows), [0]

    def tick() -> None:
        done[0] += 1
        if on_epoch is not None:
            on_epoch(done[0], total, float("nan"))

    for k in cfg.windows:
        model, seconds, updates = train_truncated(cfg, k, tick)
        res.windows.append(k)
        res.accuracy.append(echo_accuracy(model, cfg.lag, cfg.seed + 1000, cfg.stream_len, cfg.n_test))
        res.seconds.append(seconds)
        res.updates.append(updates)
        res.stored_steps.append(min(k, cfg.stream_len))
    return res


DEFAULT_RUNS = ((TBPTT_STORE, run_tbptt_experiment, TBPTTConfig()),)  # computed at start-up


def result_rows(res: TBPTTResult) -> list[dict[str, object]]:
    """One table row per window k: accuracy and what it cost."""
    return [
        {
            "k": k,
            "정확도": f"{a:.1%}",
            "backward 한 번에 저장하는 시점": s,
            "업데이트 수": u,
            "학습 시간": f"{sec:.1f}초",
        }
        for k, a, s, u, sec in zip(res.windows, res.accuracy, res.stored_steps, res.updates, res.seconds)
    ]


LEARNED = 0.75  # at or above: the echo was learned


def tbptt_summary(res: TBPTTResult) -> str:
    """What this run shows, in Korean, read off the numbers."""
    short = [(k, a) for k, a in zip(res.windows, res.accuracy) if k <= res.lag]
    long = [(k, a) for k, a in zip(res.windows, res.accuracy) if k > res.lag]
    lines = []
    if short:
        best = max(a for _, a in short)
        ks = ", ".join(str(k) for k, _ in short)
        lines.append(
            f"- k ≤ lag({res.lag})인 k = {ks}: 가장 높은 정확도 {best:.1%}. 정답을 정하는 입력이 손실과 같은 "
            "조각 안에 한 번도 들어오지 않아서, 그 값을 **저장하라는 그래디언트가 0**이에요. "
            + _against_chance(best, res.test_steps)
        )
    if long:
        learned = [k for k, a in long if a >= LEARNED]
        best_k, best = max(long, key=lambda p: p[1])
        lines.append(
            f"- k > lag인 k = {', '.join(str(k) for k, _ in long)}: 가장 높은 정확도 {best:.0%} (k = {best_k})."
            + (
                f" k = {', '.join(map(str, learned))}에서 배웠어요."
                if learned
                else " 이번 에포크 안에서는 충분히 배우지 못했어요. 에포크를 늘려 보세요."
            )
        )
    lines.append(
        f"- 비용: 한 번의 backward가 저장하는 시점은 k개뿐이에요(전체 BPTT라면 스트림 전체 {res.stream_len}개, "
        "실제 스트림은 끝이 없을 수도 있어요). 대신 k가 작을수록 같은 스트림에서 업데이트가 많아지고"
        f"(k = {res.windows[0]}: {res.updates[0]}번, k = {res.windows[-1]}: {res.updates[-1]}번), "
        "k 시점 이상 떨어진 의존성은 배울 수 없어요."
    )
    return "\n".join(lines)


def _against_chance(best: float, n: int) -> str:
    """The best truncated window held against a guesser on the same number of test steps."""
    if near_chance(best, n):
        return f"찍기와 구별되지 않아요({range_text(n)})."
    return (
        f"찍기의 범위({range_text(n)})보다는 높지만 배운 수준({LEARNED:.0%})에는 못 미쳐요: "
        "그래디언트 없이 우연히 남은 기억을 조금 쓴 정도예요."
        if best < LEARNED
        else f"그래도 {best:.1%}까지 맞혔어요: 그래디언트 없이 남은 기억이 정답을 꽤 담고 있었어요."
    )
