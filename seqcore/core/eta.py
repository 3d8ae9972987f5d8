"""How long a training will take, at the pace the server trains now (issue 28).

A config's own estimate (`estimate_s()`) is measured on a quiet machine; with a class on the
server the same run took about 230 s where it said 26. So the queue measures:

- a running job's pace: the seconds its epochs so far took; what is left is that pace times the
  epochs left, updated at every epoch;
- the load: how much slower than their own estimates the runs go now (measured seconds over
  declared seconds, from the latest epoch of a run that declares one); a queued job's estimate,
  or a page's "약 N초" before the click (`under_load`), is scaled by it;
- for a kind that declares no estimate, the duration of its last finished run (measured under
  the load of its time), else `DEFAULT_ESTIMATE_S`.
"""

from __future__ import annotations

import threading

DEFAULT_ESTIMATE_S = 10.0  # before any job of a kind has finished
MIN_LEFT_S = 1.0  # a running job is never said to need less (it has not ended yet)


class Estimates:
    """The seconds a job is expected to take, from the runs the queue has seen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._durations: dict[str, float] = {}  # kind -> seconds of the last run
        self._load = 1.0  # measured / declared seconds of the latest run that declares an estimate

    def epoch(self, job) -> None:
        """A job ended an epoch (job.epochs and job.epoch_ends have it): the load, measured."""
        if job.estimate_s and job.estimate_s > 0 and job.epochs:
            epoch, total, _ = job.epochs[-1]
            declared = job.estimate_s * epoch / max(total, 1)
            with self._lock:
                self._load = max((job.epoch_ends[-1] - job.started) / declared, 0.05)

    def finished(self, job, now: float) -> None:
        self.record(job.kind, now - job.started)
        if job.estimate_s and job.estimate_s > 0:
            with self._lock:
                self._load = max((now - job.started) / job.estimate_s, 0.05)

    def record(self, kind: str, seconds: float) -> None:
        """A run of `kind` took `seconds`."""
        with self._lock:
            self._durations[kind] = seconds

    def load(self) -> float:
        with self._lock:
            return self._load

    def under_load(self, seconds: float) -> float:
        return seconds * self.load()

    def estimate(self, job) -> float:
        """All the seconds `job` takes: its own estimate at today's pace, else its kind's last run."""
        if job.estimate_s is not None:
            return self.under_load(job.estimate_s)
        with self._lock:
            return self._durations.get(job.kind, DEFAULT_ESTIMATE_S)

    def remaining(self, job, now: float) -> float:
        """Seconds `job` still needs: all of its estimate while queued; once running, the epochs
        left at the pace of those done (before the first one: its estimate less the time spent)."""
        if job.state != "running":
            return self.estimate(job)
        if not job.epochs:
            return max(self.estimate(job) - (now - job.started), MIN_LEFT_S)
        epoch, total, _ = job.epochs[-1]
        last = job.epoch_ends[-1]
        pace = (last - job.started) / max(epoch, 1)
        return max(pace * (total - epoch) - (now - last), MIN_LEFT_S)

    def until_done(self, job, running: list, queued: list, workers: int, now: float) -> float:
        """Seconds until `job` ends: the runs before it (shared by `workers`), then its own."""
        work = sum(self.remaining(j, now) for j in running) + sum(self.estimate(j) for j in queued)
        return work / workers + self.remaining(job, now)

    def durations(self) -> dict[str, float]:
        """Seconds of the last finished run of each kind."""
        with self._lock:
            return dict(self._durations)
