"""How much memory a training run will take, and a budget that keeps the server under 2.0 GB.

Streamlit Community Cloud stops an app that passes its memory (2.7 GB), for every learner at
once. A heavy stock run (LSTM 128, window 180, batch 512) took the server from 570 MB to
1,342 MB; three at once passed 2.7 GB. So every run is admitted against one budget first
(`server_budget()`): its estimated peak, plus what the runs in progress may still add (each its
estimate, or its measured peak when that was larger), plus the server's resident memory now,
must stay under `BUDGET_MB`. A run that could never fit is refused with a Korean message; one
that fits once another finishes waits in the training queue. Parsing an uploaded file holds its
estimate in the same budget (`budget.reserve(mb, label)`), so a training and a file read see
each other.

The estimate for a recurrent model trained by backpropagation through time: autograd keeps every
time step's gate activations for the backward pass, about 4 float32 tensors of (B, T, H) per gate
block and layer (measured on torch 2.13 CPU, peak RSS growth over two Adam
steps: LSTM H=128 T=180 B=512 -> 758 MB, GRU H=32 T=120 B=256 -> 63 MB, RNN H=64 T=100 B=256 ->
53 MB), plus weights, gradients and Adam's two moments (4 copies of the parameters), plus a
fixed 30 MB for the allocator and the optimizer's first use.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import threading
import time
from collections.abc import Hashable
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


def file_refusal_text(estimate_mb: float, budget_mb: float, in_use_mb: float, busy: bool) -> str:
    """Why a file is not read: too big for the server, or too big beside the runs in progress."""
    now = (
        f"서버가 지금 학습과 다른 파일에 약 {in_use_mb:,.0f} MB를 쓰고 있어서 한도({budget_mb:,.0f} MB)를 넘어요. "
        "반 전체가 한 서버를 함께 쓰니, 잠시 뒤에 다시 올려 주세요."
        if busy
        else f"서버의 한도({budget_mb:,.0f} MB)를 넘어요. 행이나 열을 줄인 더 작은 파일로 올려 주세요."
    )
    return f"이 파일을 읽으려면 메모리가 약 {estimate_mb:,.0f} MB 필요한데, {now}"


SAMPLE_S = 0.05  # how often the resident memory of runs in progress is read (their peaks)
RESERVE_WAIT_S = 10.0  # how long a file waits for room beside the runs in progress


@dataclass
class _Claim:
    """One run (or file read) in progress: what it said it needs and what it was seen to take."""

    label: str
    estimate_mb: float
    start_rss: float  # the process's resident memory when it began
    own_mb: float = 0.0  # its growth now (see MemoryBudget._attribute)
    peak_mb: float = 0.0  # the largest growth seen so far

    def outstanding(self) -> float:
        """What it may still add: its estimate, or its measured peak if larger, less what it holds."""
        return max(0.0, max(self.estimate_mb, self.peak_mb) - self.own_mb)


_reservations = itertools.count(1)


@dataclass
class MemoryBudget:
    """Admits runs while what is resident now, plus what the runs in progress may still add, plus
    the new run's estimate stays under `limit_mb`.

    A run in progress counts for its estimate or, when it was seen to take more, for its measured
    peak: the budget reads the process's resident memory every `sample_s` seconds while a run or a
    file read is in progress, and gives each one the growth since it began, up to the moment the
    next one began (the last one gets the rest). Overlapping runs are so counted at least once.
    A new run's estimate is raised as far as runs with the same label (its trainer) were measured
    to outgrow theirs; the queue starts no run beside one not yet measured (core/workers.py). An
    estimate that was too small no longer lets three heavy runs in at once.
    """

    limit_mb: float = BUDGET_MB
    rss: object = rss_mb  # callable returning MB; replaced in tests
    sample_s: float | None = SAMPLE_S  # None: no sampler thread (tests call observe())

    def __post_init__(self):
        self._claims: dict[Hashable, _Claim] = {}
        self._outgrown: dict[str, tuple[float, float]] = {}  # label -> (peak / estimate, peak MB), last run
        self._lock = threading.Condition()
        self._sampling = False  # a sampler thread runs (it clears this, under the lock, as it ends)

    # --- what is in use -------------------------------------------------------------------------

    def observe(self) -> float:
        """Read the resident memory now and update each run's growth and peak; returns it (MB)."""
        with self._lock:
            return self._observe()

    def _observe(self) -> float:
        now = self.rss()
        claims = sorted(self._claims.values(), key=lambda c: c.start_rss)
        for claim, after in zip(claims, claims[1:] + [None]):
            top = now if after is None else min(now, after.start_rss)
            claim.own_mb = max(0.0, top - claim.start_rss)
            claim.peak_mb = max(claim.peak_mb, claim.own_mb)
        return now

    def active_mb(self) -> float:
        """What the runs in progress may still add to the resident memory (MB)."""
        with self._lock:
            self._observe()
            return sum(c.outstanding() for c in self._claims.values())

    def in_use_mb(self) -> float:
        """Resident memory now plus what the runs in progress may still add (MB)."""
        with self._lock:
            return self._observe() + sum(c.outstanding() for c in self._claims.values())

    def claims(self) -> list[tuple[str, float, float]]:
        """(label, estimate MB, measured peak MB) of each run in progress."""
        with self._lock:
            self._observe()
            return [(c.label, c.estimate_mb, c.peak_mb) for c in self._claims.values()]

    def _fits(self, estimate_mb: float) -> bool:
        now = self._observe()
        return now + sum(c.outstanding() for c in self._claims.values()) + estimate_mb <= self.limit_mb

    def _idle_rss(self) -> float:
        """The resident memory without the runs in progress (their growth taken off)."""
        now = self._observe()
        return now - sum(c.own_mb for c in self._claims.values())

    # --- admitting ------------------------------------------------------------------------------

    def check(self, estimate_mb: float) -> None:
        """Raises MemoryRefused when the run could not fit even with nothing else in progress."""
        with self._lock:
            base = self._idle_rss()
        if base + estimate_mb > self.limit_mb:
            raise MemoryRefused(refusal_text(estimate_mb, self.limit_mb, base))

    def try_acquire(self, token: Hashable, estimate_mb: float, label: str = "") -> bool:
        """Reserves `estimate_mb` for run `token` if it fits beside the runs in progress now
        (always, when none is: `check` has vetted it alone)."""
        with self._lock:
            estimate_mb = self._corrected(estimate_mb, label)
            if self._claims and not self._fits(estimate_mb):
                return False
            self._add(token, estimate_mb, label)
            return True

    def _corrected(self, estimate_mb: float, label: str) -> float:
        """The estimate, raised as far as runs of the same label (the same trainer) were measured
        to outgrow theirs: in progress now, or the last one that ended."""
        same = [c for c in self._claims.values() if c.label == label]
        if estimate_mb <= 0:  # no estimate: what the last of them took
            return max([c.peak_mb for c in same] + [self._outgrown.get(label, (1.0, 0.0))[1]])
        ratios = [c.peak_mb / c.estimate_mb for c in same if c.estimate_mb > 0]
        return estimate_mb * max([1.0, self._outgrown.get(label, (1.0, 0.0))[0], *ratios])

    def _add(self, token: Hashable, estimate_mb: float, label: str) -> None:
        self._claims[token] = _Claim(label or str(token), estimate_mb, self.rss())
        self._start_sampler()

    def release(self, token: Hashable) -> None:
        with self._lock:
            claim = self._claims.pop(token, None)
            if claim is not None:  # remembered for the next run of the same label
                ratio = claim.peak_mb / claim.estimate_mb if claim.estimate_mb > 0 else 1.0
                self._outgrown[claim.label] = (max(ratio, 1.0), claim.peak_mb)
            self._lock.notify_all()

    @contextlib.contextmanager
    def reserve(self, estimate_mb: float, label: str, wait_s: float = RESERVE_WAIT_S):
        """Hold `estimate_mb` for work outside the training queue (parsing an uploaded file) in the
        same budget as the runs: `with budget.reserve(mb, "xlsx"):`. Waits up to `wait_s` for room
        beside the runs in progress; raises MemoryRefused, with a Korean message that gives the
        limit, when there is none (or could never be). Its measured growth counts like a run's."""
        with self._lock:
            base = self._idle_rss()
            if base + estimate_mb > self.limit_mb:
                raise MemoryRefused(file_refusal_text(estimate_mb, self.limit_mb, base, busy=False))
            estimate_mb = self._corrected(estimate_mb, label)
            deadline = time.monotonic() + wait_s
            while self._claims and not self._fits(estimate_mb):
                left = deadline - time.monotonic()
                if left <= 0:
                    in_use = self._observe() + sum(c.outstanding() for c in self._claims.values())
                    raise MemoryRefused(file_refusal_text(estimate_mb, self.limit_mb, in_use, busy=True))
                self._lock.wait(left)
            token = ("reserve", next(_reservations))
            self._add(token, estimate_mb, label)
        try:
            yield
        finally:
            self.release(token)

    # --- the sampler ----------------------------------------------------------------------------

    def _start_sampler(self) -> None:  # called under the lock
        if self.sample_s is None or self._sampling:
            return
        self._sampling = True
        threading.Thread(target=self._sample, name="seqcore-memory", daemon=True).start()

    def _sample(self) -> None:
        with self._lock:
            while self._claims:
                self._observe()
                self._lock.notify_all()  # a file waiting for room looks again
                self._lock.wait(self.sample_s)
            self._sampling = False


_server_budget: MemoryBudget | None = None
_server_lock = threading.Lock()


def server_budget() -> MemoryBudget:
    """The one process-wide budget: the training queue admits its runs by it, and a file reader
    holds its parse in it (`with server_budget().reserve(mb, "xlsx"):`)."""
    global _server_budget
    with _server_lock:
        if _server_budget is None:
            _server_budget = MemoryBudget()
        return _server_budget
