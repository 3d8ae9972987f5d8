"""One fair training queue for the whole server: a class of 30 shares 2 cores.

Every training that is not a cache hit becomes a `Job` here. A small number of worker threads
(`DEFAULT_WORKERS`, measured with `python -m bench.classroom`) run the jobs in arrival order, so
thirty different requests do not all crawl along together. The rules:

- identical requests (same key) from several sessions run once, and every waiter gets the result;
- a session has at most one job queued or running: a new request replaces its old one;
- a job nobody waits for any more is cancelled before it starts, and a running one stops at its
  next epoch (within a second for the lesson's models), unless another session waits for it;
- a waiting session can ask how many jobs are ahead of its own and for a time estimate.

The queue knows nothing about Streamlit: sessions are plain ids, progress leaves through the
trainer's `on_epoch`, and seqcore.ui.training draws it. Memory is admitted per job against a
`MemoryBudget` (core/memory.py).
"""

from __future__ import annotations

import atexit
import itertools
import os
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from seqcore.core.eta import Estimates
from seqcore.core.job import Cancelled, Job
from seqcore.core.memory import MemoryBudget, server_budget
from seqcore.core.workers import Workers

# One worker. On the 2-core machine (python -m bench.queue_workers, four GRU comparisons):
# one worker 10.3 s, two workers 10.0 s, while a pure-Python probe standing in for a page
# rerun went from p95 5.4 ms to 8.4 ms. A second worker bought no throughput and slowed every
# page open (measured with other work loading the machine; noisy). SEQCORE_TRAIN_WORKERS overrides it.
DEFAULT_WORKERS = 1
GRACE_S = 0.4  # a session re-running its script re-attaches within this; then the job is dropped


class TrainingQueue(Workers):
    def __init__(
        self,
        workers: int | None = None,
        budget: MemoryBudget | None = None,
        grace_s=GRACE_S,
        clock=time.monotonic,
    ):
        self.workers = max(1, workers or int(os.environ.get("SEQCORE_TRAIN_WORKERS", DEFAULT_WORKERS)))
        self.budget = budget or server_budget()  # the one a file reader reserves in too
        self.grace_s = grace_s
        self._lock = threading.Condition()
        self._queue: list[Job] = []  # queued, in arrival order
        self._running: list[Job] = []
        self._jobs: dict[Hashable, Job] = {}  # queued or running, by key
        self._by_session: dict[Hashable, Job] = {}
        self._threads: list[threading.Thread] = []
        self.eta = Estimates()  # time estimates from the pace measured now (core/eta.py)
        self._clock = clock  # time.monotonic; a test's own clock
        self._tokens = itertools.count(1)
        self._closed = False

    # --- sessions ---------------------------------------------------------------------------

    def submit(
        self,
        session: Hashable,
        key: Hashable,
        compute,
        *,
        kind="",
        estimate_mb=0.0,
        background=False,
        estimate_s: float | None = None,
    ) -> Job:
        """Queues `compute` for `key` (or joins the identical job) on behalf of `session`.

        `background`: start-up work (the prewarm); a learner's request goes before it, and a
        learner who asks for the same key makes it a learner's job. Raises MemoryRefused
        (before queueing) when the run could never fit in the budget.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                self.budget.check(estimate_mb)
                token = next(self._tokens)
                job = Job(
                    key, kind, compute, estimate_mb, token, background=background, estimate_s=estimate_s
                )
                self._jobs[key] = job
                self._queue.append(job)
            elif not background:
                job.background, job.preempt = False, False
            if not job.background and job.state == "queued":
                self._preempt_background()
            self._attach(session, job)
            self._start_workers()
            self._lock.notify_all()
            return job

    def leave(self, session: Hashable) -> None:
        """`session` no longer waits (its tab closed, or it reran): its job may be dropped."""
        with self._lock:
            self._detach(session)
            self._lock.notify_all()

    def _attach(self, session: Hashable, job: Job) -> None:
        old = self._by_session.get(session)
        if old is not None and old is not job:
            self._detach(session)  # one job per session: the new request replaces the old one
        self._by_session[session] = job
        job.waiters.add(session)
        job.orphan_since = None

    def _detach(self, session: Hashable) -> None:
        job = self._by_session.pop(session, None)
        if job is None:
            return
        job.waiters.discard(session)
        if not job.waiters and not job.over:
            job.orphan_since = self._clock()
            if job.state == "queued" and self.grace_s <= 0:
                self._drop(job)

    def _drop(self, job: Job) -> None:
        if job in self._queue:
            self._queue.remove(job)
        self._jobs.pop(job.key, None)
        job.state = "cancelled"
        job.ended()
        job.finished.set()

    def _abandoned(self, job: Job) -> bool:
        if job.waiters or job.orphan_since is None:
            return False
        return self._clock() - job.orphan_since >= self.grace_s

    # --- waiting ----------------------------------------------------------------------------

    def ahead(self, job: Job) -> tuple[int, float]:
        """(jobs ahead of `job`, estimated seconds until it finishes)."""
        with self._lock:
            if job.over:
                return 0, 0.0
            queued = [j for j in self._order() if not self._abandoned(j)]
            queued = queued[: queued.index(job)] if job in queued else []
            running = [j for j in self._running if j is not job]
            return len(running) + len(queued), self.eta.until_done(
                job, running, queued, self.workers, self._clock()
            )

    def remaining(self, job: Job) -> float:
        """Seconds `job` still needs, at the pace its epochs so far took (its estimate before)."""
        with self._lock:
            return 0.0 if job.over else self.eta.remaining(job, self._clock())

    def under_load(self, seconds: float) -> float:
        """An estimate made on a quiet machine, at the pace runs measure now (the server's load)."""
        return self.eta.under_load(seconds)

    def wait(self, session: Hashable, job: Job, tick: Callable[[Job], None] | None = None, every=0.3) -> Any:
        """Blocks until `job` ends; calls `tick(job)` every `every` s (a UI update).

        If `tick` raises (Streamlit stops a script this way when its tab closes or it reruns),
        the session leaves the job, which is then dropped unless someone else waits for it.
        """
        try:
            while not job.finished.wait(every):
                if tick is not None:
                    tick(job)
        except BaseException:
            self.leave(session)
            raise
        with self._lock:
            if self._by_session.get(session) is job:
                del self._by_session[session]
            job.waiters.discard(session)
        if job.state in ("cancelled", "preempted"):  # preempted and then closed: never finished
            raise Cancelled
        if job.error is not None:
            raise job.error
        return job.result

    def has(self, key: Hashable) -> bool:
        """Whether a job for `key` is queued or running now."""
        return self.job(key) is not None

    def job(self, key: Hashable) -> Job | None:
        """The job for `key` queued or running now, if any (to wait on its `finished`)."""
        with self._lock:
            return self._jobs.get(key)

    def durations(self) -> dict[str, float]:
        """Seconds of the last finished run of each kind (the estimates' basis)."""
        return self.eta.durations()

    def lengths(self) -> tuple[int, int]:
        """(queued, running) now."""
        with self._lock:
            return len(self._queue), len(self._running)


_queue: TrainingQueue | None = None
_queue_lock = threading.Lock()


def training_queue() -> TrainingQueue:
    """The one process-wide queue (created on first use)."""
    global _queue
    with _queue_lock:
        if _queue is None:
            _queue = TrainingQueue()
        return _queue


def close_queue() -> None:
    """Stops the process-wide queue's workers (interpreter exit, server shutdown)."""
    with _queue_lock:
        q = _queue
    if q is not None:
        q.close()


def before_exit(fn: Callable[[], None]) -> None:
    """Runs `fn` at interpreter exit before finalizing begins (unlike atexit): background
    threads can still import and use torch while `fn` stops and joins them."""
    register = getattr(threading, "_register_atexit", None)
    try:
        (register or atexit.register)(fn)
    except RuntimeError:  # already shutting down
        pass


before_exit(close_queue)  # at import, on the importing thread: before any shutdown
