"""How much memory a training run will take, and a budget that keeps the server under 2.0 GB.

Streamlit Community Cloud stops an app that passes its memory (2.7 GB), for every learner at
once. A heavy stock run (LSTM 128, window 180, batch 512) took the server from 570 MB to
1,342 MB; three at once passed 2.7 GB. So every run is admitted against a budget first:
its estimated peak, plus the estimates of the runs already active, plus the server's resident
memory now, must stay under `BUDGET_MB`. A run that could never fit is refused with a Korean
message; one that fits once another finishes waits in the training queue.

The estimate for a recurrent model trained by backpropagation through time: autograd keeps every
time step's gate activations for the backward pass, about 4 float32 tensors of (B, T, H) per gate
block and layer (measured on torch 2.13 CPU, peak RSS growth over two Adam
steps: LSTM H=128 T=180 B=512 -> 758 MB, GRU H=32 T=120 B=256 -> 63 MB, RNN H=64 T=100 B=256 ->
53 MB), plus weights, gradients and Adam's two moments (4 copies of the parameters), plus a
fixed 30 MB for the allocator and the optimizer's first use.
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass

BUDGET_MB = 2000.0  # the process stays under this (Community Cloud: 2.7 GB for everything)
FIXED_MB = 30.0  # allocator arenas, the first optimizer step, small tensors
BYTES = 4  # float32
MB = 1024 * 1024
GATE_BLOCKS = {"rnn": 1, "gru": 3, "lstm": 4}  # weight blocks per cell (torch's layout)
ACTIVATIONS_PER_GATE = 4  # saved (B, T, H) tensors per gate block and layer, measured


class MemoryRefused(Exception):
    """A run that would take the server past its memory budget; the message is for the learner."""


def recurrent_training_mb(
    *,
    cell: str,
    batch: int,
    seq_len: int,
    hidden: int,
    layers: int = 1,
    n_params: int = 0,
    data_values: int = 0,
    bidirectional: bool = False,
) -> float:
    """Estimated peak memory (MB) of training a recurrent model on (batch, seq_len) inputs.

    `n_params`: the model's parameter count (count_params); `data_values`: floats of the
    dataset held as tensors (windows x length x features), if the trainer builds them.
    """
    blocks = GATE_BLOCKS.get(cell.lower(), 4)
    directions = 2 if bidirectional else 1
    activations = batch * seq_len * hidden * layers * directions * blocks * ACTIVATIONS_PER_GATE
    state = 4 * n_params  # weights, gradients, Adam's m and v
    return FIXED_MB + (activations + state + data_values) * BYTES / MB


def rss_mb() -> float:
    """The resident memory of this process now (MB); 0 where /proc is missing."""
    try:
        with open(f"/proc/{os.getpid()}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def release_free_memory() -> None:
    """Give freed heap pages back to the OS (glibc keeps them after a big run otherwise)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def refusal_text(estimate_mb: float, budget_mb: float, in_use_mb: float) -> str:
    return (
        f"이 설정은 학습에 메모리가 약 {estimate_mb:,.0f} MB 필요해요. 서버가 지금 {in_use_mb:,.0f} MB를 쓰고 있어서 "
        f"모두 합치면 한도({budget_mb:,.0f} MB)를 넘어요. 한 서버를 반 전체가 함께 쓰기 때문에, "
        "넘으면 모두의 앱이 멈춰요. 배치 크기, 창 길이나 은닉 크기를 줄여 보세요."
    )


@dataclass
class MemoryBudget:
    """Admits runs while RSS now + active estimates + the new estimate stays under `limit_mb`."""

    limit_mb: float = BUDGET_MB
    rss: object = rss_mb  # callable returning MB; replaced in tests

    def __post_init__(self):
        self._active: dict[int, float] = {}
        self._lock = threading.Lock()

    def active_mb(self) -> float:
        with self._lock:
            return sum(self._active.values())

    def check(self, estimate_mb: float) -> None:
        """Raises MemoryRefused when the run could not fit even with nothing else active."""
        base = self.rss()
        if base + estimate_mb > self.limit_mb:
            raise MemoryRefused(refusal_text(estimate_mb, self.limit_mb, base))

    def try_acquire(self, token: int, estimate_mb: float) -> bool:
        """Reserves `estimate_mb` for run `token` if it fits beside the active runs now."""
        with self._lock:
            if self.rss() + sum(self._active.values()) + estimate_mb > self.limit_mb and self._active:
                return False
            self._active[token] = estimate_mb
            return True

    def release(self, token: int) -> None:
        with self._lock:
            self._active.pop(token, None)
