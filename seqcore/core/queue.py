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
from seqcore.core.job import Cancelled, Job, Preempted
from seqcore.core.memory import MemoryBudget, release_free_memory

# One worker. On the 2-core machine (python -m bench.queue_workers, four GRU comparisons):
# one worker 10.3 s, two workers 10.0 s, while a pure-Python probe standing in for a page
# rerun went from p95 5.4 ms to 8.4 ms. A second worker bought no throughput and slowed every
# page open (measured with other work loading the machine; noisy). SEQCORE_TRAIN_WORKERS overrides it.
DEFAULT_WORKERS = 1
GRACE_S = 0.4  # a session re-running its script re-attaches within this; then the job is dropped


class TrainingQueue:
    def __init__(self, workers: int | None = None, budget: MemoryBudget | None = None, grace_s=GRACE_S):
        self.workers = max(1, workers or int(os.environ.get("SEQCORE_TRAIN_WORKERS", DEFAULT_WORKERS)))
        self.budget = budget or MemoryBudget()
        self.grace_s = grace_s
        self._lock = threading.Condition()
        self._queue: list[Job] = []  # queued, in arrival order
        self._running: list[Job] = []
        self._jobs: dict[Hashable, Job] = {}  # queued or running, by key
        self._by_session: dict[Hashable, Job] = {}
        self._threads: list[threading.Thread] = []
        self.eta = Estimates()  # time estimates (core/eta.py)
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
                job = Job(key, kind, compute, estimate_mb, token=next(self._tokens), background=background,
                          estimate_s=estimate_s)  # fmt: skip
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
            job.orphan_since = time.monotonic()
            if job.state == "queued" and self.grace_s <= 0:
                self._drop(job)

    def _drop(self, job: Job) -> None:
        if job in self._queue:
            self._queue.remove(job)
        self._jobs.pop(job.key, None)
        job.state = "cancelled"
        job.finished.set()

    def _abandoned(self, job: Job) -> bool:
        if job.waiters or job.orphan_since is None:
            return False
        return time.monotonic() - job.orphan_since >= self.grace_s

    # --- waiting ----------------------------------------------------------------------------

    def ahead(self, job: Job) -> tuple[int, float]:
        """(jobs ahead of `job`, estimated seconds until it finishes)."""
        with self._lock:
            if job.over:
                return 0, 0.0
            queued = [j for j in self._order() if not self._abandoned(j)]
            queued = queued[: queued.index(job)] if job in queued else []
            running = [j for j in self._running if j is not job]
            return len(running) + len(queued), self.eta.until_done(job, running, queued, self.workers)

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
        with self._lock:
            return key in self._jobs

    def durations(self) -> dict[str, float]:
        """Seconds of the last finished run of each kind (the estimates' basis)."""
        return self.eta.durations()

    def lengths(self) -> tuple[int, int]:
        """(queued, running) now."""
        with self._lock:
            return len(self._queue), len(self._running)

    # --- workers ----------------------------------------------------------------------------

    def _preempt_background(self) -> None:
        """Every worker busy and one of them on start-up work: that work yields at its next epoch.

        Start-up work never makes a learner wait: it starts again later from the beginning (the
        lesson's defaults take seconds; a learner's click is what the class is waiting for).
        """
        if len(self._running) < self.workers:
            return
        for job in self._running:
            if job.background and not job.preempt:
                job.preempt = True
                return

    def _order(self) -> list[Job]:
        """Queued jobs in the order they will start: learners' first, then start-up work."""
        return [j for j in self._queue if not j.background] + [j for j in self._queue if j.background]

    def _start_workers(self) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        while len(self._threads) < self.workers and not self._closed:
            t = threading.Thread(target=self._work, name=f"seqcore-train-{len(self._threads)}", daemon=True)
            self._threads.append(t)
            t.start()

    def _next(self) -> Job | None:
        """The first queued job that is still wanted and fits in memory; None when closed."""
        with self._lock:
            while not self._closed:
                for job in self._order():
                    if self._abandoned(job):
                        self._drop(job)  # cancelled before it starts
                    elif self.budget.try_acquire(job.token, job.estimate_mb):
                        self._queue.remove(job)
                        job.state, job.started = "running", time.monotonic()
                        self._running.append(job)
                        return job
                self._lock.wait(0.2 if self._queue else 1.0)
            return None

    def _work(self) -> None:
        while (job := self._next()) is not None:
            self._run(job)

    def _run(self, job: Job) -> None:
        def on_epoch(epoch: int, total: int, loss: float) -> None:
            job.epochs.append((epoch, total, loss))
            with self._lock:
                stop = self._closed or self._abandoned(job)
                preempted = job.preempt and job.background
            if stop:
                raise Cancelled
            if preempted:
                raise Preempted

        try:
            job.result = job.compute(on_epoch)
            job.state = "done"
        except Cancelled:
            job.state = "cancelled"
        except Preempted:
            job.state = "preempted"
        except Exception as exc:  # noqa: BLE001  (handed to every waiter)
            job.error, job.state = exc, "failed"
        finally:
            with self._lock:
                self._running.remove(job)
                self.budget.release(job.token)
                if job.state == "preempted" and not self._closed:
                    job.state, job.preempt = "queued", False
                    job.epochs.clear()
                    self._queue.insert(0, job)  # first of the start-up work, after the learners'
                else:
                    self._jobs.pop(job.key, None)
                    if job.state == "done":
                        self.eta.finished(job.kind, time.monotonic() - job.started)
                self._lock.notify_all()
            if job.state != "queued":
                job.finished.set()
            release_free_memory()

    def close(self, timeout: float = 10.0) -> None:
        """Stops the workers: running jobs stop at their next epoch; for interpreter exit."""
        with self._lock:
            self._closed = True
            for job in list(self._queue):
                self._drop(job)
            self._lock.notify_all()
        for t in self._threads:
            t.join(timeout)


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
