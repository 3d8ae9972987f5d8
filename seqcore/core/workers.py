"""The threads that run the training queue's jobs (seqcore/core/queue.py), one job each at a time.

A worker takes the first queued job that is still wanted and fits in the memory budget (learners'
jobs before start-up work), runs it with an `on_epoch` that records its progress and stops it
when nobody waits for it any more, and hands its result or error to the waiters. Start-up work
that a learner is waiting behind yields its worker at its next epoch and queues again.

`Workers` is the queue's half that runs jobs; `TrainingQueue` (the other half: sessions, sharing,
waiting, estimates) owns the state it reads: `_lock` (a Condition), `_queue`, `_running`,
`_jobs`, `_threads`, `_closed`, `workers`, `budget`, `eta`, `_clock`, and `_abandoned`/`_drop`.
"""

from __future__ import annotations

import threading

from seqcore.core.job import Cancelled, Job, Preempted
from seqcore.core.memory import release_free_memory


class Workers:
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
        """The first queued job that is still wanted and fits in memory; None when closed.

        No job starts beside one that has not ended an epoch yet: until then the budget knows
        that one's memory only by its estimate (three heavy runs started in the same instant,
        each with too small an estimate, took the server to 1,937 MB of its 2,000)."""
        with self._lock:
            while not self._closed:
                unmeasured = any(not j.epochs for j in self._running)
                for job in self._order():
                    if self._abandoned(job):
                        self._drop(job)  # cancelled before it starts
                    elif not unmeasured and self.budget.try_acquire(job.token, job.estimate_mb, job.kind):
                        self._queue.remove(job)
                        job.state, job.started = "running", self._clock()
                        self._running.append(job)
                        return job
                self._lock.wait(0.2 if self._queue else 1.0)
            return None

    def _work(self) -> None:
        while (job := self._next()) is not None:
            self._run(job)

    def _run(self, job: Job) -> None:
        def on_epoch(epoch: int, total: int, loss: float) -> None:
            with self._lock:
                job.epochs.append((epoch, total, loss))
                job.epoch_ends.append(self._clock())
                self.eta.epoch(job)
                if len(job.epochs) == 1:
                    self._lock.notify_all()  # measured now: a worker may start the next job
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
                    job.epoch_ends.clear()
                    self._queue.insert(0, job)  # first of the start-up work, after the learners'
                else:
                    self._jobs.pop(job.key, None)
                    if job.state == "done":
                        self.eta.finished(job, self._clock())
                self._lock.notify_all()
            if job.state != "queued":
                job.ended()
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
