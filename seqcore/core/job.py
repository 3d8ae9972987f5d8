"""A training the queue runs (seqcore/core/queue.py): its state, its waiters, its epochs so far."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


class Cancelled(Exception):
    """The job was dropped: nobody waits for it any more (or it was replaced)."""


class Preempted(Exception):
    """Start-up work gave its worker to a learner: it goes back in the queue and starts again."""


@dataclass
class Job:
    key: Hashable  # identical keys share one run
    kind: str  # for time estimates (a store name)
    compute: Callable[[Callable[[int, int, float], None]], Any]  # compute(on_epoch) -> result
    estimate_mb: float = 0.0
    token: int = 0
    state: str = "queued"  # queued | running | done | failed | cancelled
    waiters: set = field(default_factory=set)
    orphan_since: float | None = None
    epochs: list[tuple[int, int, float]] = field(default_factory=list)  # (epoch, total, loss) so far
    epoch_ends: list[float] = field(default_factory=list)  # the queue's clock as each of them ended
    background: bool = False  # only start-up work waits for it: any learner's job goes first
    estimate_s: float | None = None  # the run's own time estimate, if its config gives one
    preempt: bool = False  # a learner's job is waiting for this (background) job's worker
    started: float = 0.0
    result: Any = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)
    _listeners: list = field(default_factory=list)
    _listeners_lock: threading.Lock = field(default_factory=threading.Lock)
    _ended: bool = False  # its listeners have run (just before `finished` is set)

    @property
    def over(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    def when_over(self, fn: Callable[[Job], None]) -> None:
        """Call `fn(job)` once the job has ended (done, failed or cancelled): now, if it has."""
        with self._listeners_lock:
            if not self._ended:
                self._listeners.append(fn)
                return
        fn(self)

    def ended(self) -> None:
        """The queue calls this once the job has ended, before setting `finished` (so a waiter
        that wakes sees what the listeners did): they run, a failing one skipped."""
        with self._listeners_lock:
            self._ended = True
            listeners, self._listeners = self._listeners, []
        for fn in listeners:
            try:
                fn(self)
            except Exception:  # noqa: BLE001  (a listener's failure is not the run's)
                pass
