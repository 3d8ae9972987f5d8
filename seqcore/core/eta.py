"""How long a training will take: the time estimates the training queue gives those who wait.

A job's estimate is its config's own (`estimate_s()`, when the config declares one), else the
duration of the last finished run of its kind, else `DEFAULT_ESTIMATE_S`.
"""

from __future__ import annotations

import threading
import time

DEFAULT_ESTIMATE_S = 10.0  # before any job of a kind has finished


class Estimates:
    """The seconds a job is expected to take, from what the queue has seen finish."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._durations: dict[str, float] = {}  # kind -> seconds of the last run

    def finished(self, kind: str, seconds: float) -> None:
        with self._lock:
            self._durations[kind] = seconds

    def estimate(self, job) -> float:
        """The job's own estimate if its config gave one, else the last run of its kind."""
        if job.estimate_s is not None:
            return job.estimate_s
        with self._lock:
            return self._durations.get(job.kind, DEFAULT_ESTIMATE_S)

    def remaining(self, job, now: float) -> float:
        """Seconds `job` still needs: all of its estimate while queued, the rest once running."""
        if job.state != "running":
            return self.estimate(job)
        return max(self.estimate(job) - (now - job.started), 1.0)

    def until_done(self, job, running: list, queued: list, workers: int) -> float:
        """Seconds until `job` ends: the runs before it (shared by `workers`), then its own."""
        now = time.monotonic()
        work = sum(self.remaining(j, now) for j in running) + sum(self.estimate(j) for j in queued)
        return work / workers + self.remaining(job, now)

    def durations(self) -> dict[str, float]:
        """Seconds of the last finished run of each kind."""
        with self._lock:
            return dict(self._durations)
