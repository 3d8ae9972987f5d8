"""The training queue: shared runs, one request per session, cancelling, order, memory.

Fake trainers driven by events, never by timing: a trainer blocks on a gate the test opens.
"""

import threading

import pytest

from seqcore.core.memory import MemoryBudget, MemoryRefused
from seqcore.core.queue import Cancelled, TrainingQueue

WAIT = 10  # seconds: only a safety net against a hang, never a measured duration


def make_queue(workers=1, limit_mb=2000.0, rss_mb=100.0):
    return TrainingQueue(workers=workers, budget=MemoryBudget(limit_mb, rss=lambda: rss_mb), grace_s=0)


class Gate:
    """A fake trainer: records its calls, runs `epochs` epochs, each waiting for a step event."""

    def __init__(self, result="done", epochs=3):
        self.result, self.epochs = result, epochs
        self.calls = 0
        self.started = threading.Event()
        self.open = threading.Event()  # set: every epoch passes at once
        self.step = threading.Semaphore(0)  # release(): one epoch passes
        self.epochs_done = 0

    def __call__(self, on_epoch):
        self.calls += 1
        self.started.set()
        for epoch in range(1, self.epochs + 1):
            while not self.open.is_set() and not self.step.acquire(timeout=0.01):
                pass
            self.epochs_done = epoch
            on_epoch(epoch, self.epochs, 1.0 / epoch)
        return self.result


def test_identical_requests_from_two_sessions_run_once():
    q = make_queue()
    gate = Gate("shared")
    a = q.submit("s1", "cfg", gate)
    b = q.submit("s2", "cfg", gate)
    assert a is b and a.waiters == {"s1", "s2"}
    results = []
    t = threading.Thread(target=lambda: results.append(q.wait("s2", b)))
    t.start()
    gate.open.set()
    assert q.wait("s1", a) == "shared"
    t.join(WAIT)
    assert results == ["shared"] and gate.calls == 1
    q.close()


def test_a_sessions_second_request_replaces_its_first():
    q = make_queue()
    busy, first, second = Gate("busy"), Gate("first"), Gate("second")
    q.submit("other", "busy", busy)
    assert busy.started.wait(WAIT)
    old = q.submit("s1", "cfg-1", first)
    new = q.submit("s1", "cfg-2", second)
    assert old.state == "cancelled" and old.finished.is_set()
    busy.open.set()
    second.open.set()
    assert q.wait("s1", new) == "second"
    assert first.calls == 0  # never started
    with pytest.raises(Cancelled):
        q.wait("s1", old)
    q.close()


def test_a_cancelled_waiting_run_never_starts():
    q = make_queue()
    busy, waiting = Gate("busy"), Gate("waiting")
    busy_job = q.submit("other", "busy", busy)
    assert busy.started.wait(WAIT)
    job = q.submit("s1", "cfg", waiting)
    assert q.ahead(job)[0] == 1 and q.lengths() == (1, 1)
    q.leave("s1")  # tab closed
    busy.open.set()
    assert q.wait("other", busy_job) == "busy"
    assert job.state == "cancelled" and waiting.calls == 0
    assert q.lengths() == (0, 0)
    q.close()


def test_a_running_run_stops_at_its_next_epoch_when_its_session_leaves():
    q = make_queue()
    gate = Gate(epochs=100)
    job = q.submit("s1", "cfg", gate)
    gate.step.release()  # epoch 1 passes
    assert gate.started.wait(WAIT)
    q.leave("s1")
    gate.step.release()  # epoch 2 ends, its on_epoch sees nobody waiting and stops the run
    assert job.finished.wait(WAIT)
    assert job.state == "cancelled" and gate.epochs_done <= 2
    q.close()


def test_a_running_run_goes_on_while_another_session_waits_for_it():
    q = make_queue()
    gate = Gate("kept", epochs=5)
    job = q.submit("s1", "cfg", gate)
    q.submit("s2", "cfg", gate)
    assert gate.started.wait(WAIT)
    q.leave("s1")
    gate.open.set()
    assert q.wait("s2", job) == "kept" and gate.epochs_done == 5


def test_a_waiting_session_whose_script_is_stopped_leaves_its_job():
    q = make_queue()
    busy, mine = Gate("busy"), Gate("mine")
    q.submit("other", "busy", busy)
    assert busy.started.wait(WAIT)
    job = q.submit("s1", "cfg", mine)

    class ScriptStopped(BaseException):  # what Streamlit raises in a stopped script
        pass

    def tick(_job):
        raise ScriptStopped

    with pytest.raises(ScriptStopped):
        q.wait("s1", job, tick=tick, every=0.001)
    assert job.state == "cancelled" and mine.calls == 0
    busy.open.set()
    q.close()


def test_learners_requests_go_before_start_up_work_and_share_it():
    q = make_queue()
    busy = Gate("busy")
    q.submit("other", "busy", busy)
    assert busy.started.wait(WAIT)
    order = []

    def trainer(name):
        def run(on_epoch):
            order.append(name)
            return name

        return run

    warm = q.submit("prewarm", "default", trainer("default"), background=True)
    mine = q.submit("s1", "custom", trainer("custom"))
    assert q.ahead(mine)[0] == 1 and q.ahead(warm)[0] == 2  # busy, then custom, then default
    busy.open.set()
    assert q.wait("s1", mine) == "custom" and q.wait("prewarm", warm) == "default"
    assert order == ["custom", "default"]
    q.close()


def test_the_estimate_counts_the_jobs_ahead():
    q = make_queue()
    q.eta.record("k", 8.0)
    busy = Gate()
    q.submit("a", "busy", busy, kind="k")
    assert busy.started.wait(WAIT)
    j2 = q.submit("b", "two", Gate(), kind="k")
    j3 = q.submit("c", "three", Gate(), kind="k")
    ahead, seconds = q.ahead(j3)
    assert ahead == 2 and seconds > q.ahead(j2)[1] > 0
    busy.open.set()  # close() stops the running job at its next epoch
    q.close()
    assert j2.state == j3.state == "cancelled"


def test_the_budget_refuses_a_run_that_cannot_fit_and_queues_one_that_can_later():
    q = make_queue(limit_mb=1000.0, rss_mb=400.0)
    with pytest.raises(MemoryRefused, match="메모리"):
        q.submit("s1", "huge", Gate(), estimate_mb=700.0)
    big = Gate("big")
    first = q.submit("s1", "big-1", big, estimate_mb=500.0)
    assert big.started.wait(WAIT)
    second_gate = Gate("big-2")
    second = q.submit("s2", "big-2", second_gate, estimate_mb=500.0)
    second_gate.open.set()
    assert second.state == "queued" and second_gate.calls == 0  # 400 + 500 + 500 > 1000: waits
    big.open.set()
    assert q.wait("s1", first) == "big" and q.wait("s2", second) == "big-2"
    q.close()


def test_a_failing_trainer_hands_its_error_to_every_waiter():
    q = make_queue()

    def broken(on_epoch):
        raise ValueError("bad config")

    job = q.submit("s1", "cfg", broken)
    q.submit("s2", "cfg", broken)
    for s in ("s1", "s2"):
        with pytest.raises(ValueError, match="bad config"):
            q.wait(s, job)
    q.close()


def test_start_up_work_gives_its_worker_to_a_learner_and_starts_again_after():
    q = make_queue()
    warm_gate, mine_gate = Gate("default", epochs=3), Gate("custom", epochs=1)
    warm = q.submit("prewarm", "default", warm_gate, background=True)
    assert warm_gate.started.wait(WAIT)
    mine = q.submit("s1", "custom", mine_gate)
    warm_gate.step.release()  # the start-up job reaches its next epoch and yields there
    mine_gate.open.set()
    assert q.wait("s1", mine) == "custom"
    assert not warm.finished.is_set() or warm.state == "done"
    warm_gate.open.set()
    assert q.wait("prewarm", warm) == "default"
    assert warm_gate.calls == 2 and mine_gate.calls == 1  # started again from the beginning
    q.close()


def test_a_learner_asking_for_the_running_start_up_job_keeps_it_running():
    q = make_queue()
    gate = Gate("default", epochs=2)
    warm = q.submit("prewarm", "default", gate, background=True)
    assert gate.started.wait(WAIT)
    same = q.submit("s1", "default", gate)  # the same key: the learner joins it, no preemption
    assert same is warm and not warm.background and not warm.preempt
    gate.open.set()
    assert q.wait("s1", same) == "default" and gate.calls == 1
    q.close()


def test_a_job_with_its_own_time_estimate_is_counted_by_it():
    q = make_queue()
    q.eta.record("k", 2.0)  # the last run of this kind was short
    busy = Gate()
    q.submit("a", "big", busy, kind="k", estimate_s=30.0)  # but this one says it takes 30 s
    assert busy.started.wait(WAIT)
    waiting = q.submit("b", "small", Gate(), kind="k")
    ahead, seconds = q.ahead(waiting)
    assert ahead == 1 and seconds > 25.0  # about 30 s ahead, plus its own 2 s
    busy.open.set()
    q.close()


class Clock:
    """A clock the test moves by hand (the queue's `clock`)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Epochs:
    """A fake trainer whose epochs end one by one when the test says so, each at the clock's time."""

    def __init__(self, epochs: int):
        self.epochs = epochs
        self.started = threading.Event()
        self.go = threading.Semaphore(0)
        self.ended = threading.Semaphore(0)  # released after each epoch's on_epoch has returned

    def __call__(self, on_epoch):
        self.started.set()
        for epoch in range(1, self.epochs + 1):
            assert self.go.acquire(timeout=WAIT)
            on_epoch(epoch, self.epochs, 1.0)
            self.ended.release()
        return "done"

    def one_epoch(self) -> None:
        self.go.release()
        assert self.ended.acquire(timeout=WAIT)


def test_the_estimate_follows_the_pace_the_run_measures_under_load():
    """Issue 28: "약 26초" for a run that took about 230 s on a loaded server."""
    clock = Clock()
    q = TrainingQueue(
        workers=1, budget=MemoryBudget(2000.0, rss=lambda: 100.0, sample_s=None), grace_s=0, clock=clock
    )
    run = Epochs(10)
    job = q.submit("a", "heavy", run, kind="stock", estimate_s=26.0)
    behind = q.submit("b", "next", Epochs(10), kind="stock", estimate_s=26.0)
    assert run.started.wait(WAIT)
    assert q.remaining(job) == pytest.approx(26.0)  # nothing measured yet: its own estimate
    clock.now = 23.0
    run.one_epoch()  # the first epoch took 23 s, where the estimate said 2.6
    assert q.remaining(job) == pytest.approx(9 * 23.0)
    assert q.under_load(26.0) == pytest.approx(230.0)  # a page's estimate, at today's pace
    ahead, seconds = q.ahead(behind)
    assert ahead == 1 and seconds == pytest.approx(9 * 23.0 + 230.0)
    clock.now = 30.0  # the second epoch goes faster (the other learners left)
    run.one_epoch()
    assert q.remaining(job) == pytest.approx(8 * 15.0)  # updated at every epoch
    clock.now = 40.0  # no epoch ended since: what is left shrinks with the time spent
    assert q.remaining(job) == pytest.approx(8 * 15.0 - 10.0)
    q.leave("b")  # the one behind is not wanted any more: it never starts
    for _ in range(8):
        run.one_epoch()
    assert q.wait("a", job) == "done" and q.remaining(job) == 0.0
    q.close()


def test_a_job_tells_its_listeners_when_it_ends_however_it_ends():
    q = make_queue()
    busy, never = Gate("busy"), Gate("never")
    ended = []
    job = q.submit("a", "busy", busy)
    job.when_over(lambda j: ended.append((j.key, j.state)))
    assert busy.started.wait(WAIT)
    dropped = q.submit("b", "never", never)
    dropped.when_over(lambda j: ended.append((j.key, j.state)))
    q.leave("b")  # dropped before it starts
    busy.open.set()
    assert q.wait("a", job) == "busy"
    assert job.finished.wait(WAIT)
    job.when_over(lambda j: ended.append(("late", j.state)))  # already over: called at once
    assert sorted(ended) == [("busy", "done"), ("late", "done"), ("never", "cancelled")]
    q.close()


class WatchedBudget(MemoryBudget):
    """A budget that says when the queue's worker was told a job does not fit yet."""

    def __post_init__(self):
        super().__post_init__()
        self.refused = threading.Event()

    def try_acquire(self, token, estimate_mb, label=""):
        ok = super().try_acquire(token, estimate_mb, label)
        if not ok:
            self.refused.set()
        return ok


def test_a_training_waits_while_a_file_is_read_in_the_same_budget():
    budget = WatchedBudget(1000.0, rss=lambda: 100.0, sample_s=None)
    q = TrainingQueue(workers=1, budget=budget, grace_s=0)
    gate = Gate("trained")
    gate.open.set()
    with budget.reserve(700.0, "xlsx"):  # the stock page parses an upload
        job = q.submit("s1", "cfg", gate, estimate_mb=500.0)  # 100 + 700 + 500 > 1000
        assert budget.refused.wait(WAIT)
        assert job.state == "queued" and gate.calls == 0
    assert q.wait("s1", job) == "trained"  # the file is read: the training starts
    q.close()


class Heavy:
    """A fake heavy trainer: its first batch takes `peak` MB (seen by the budget, as the sampler
    would see it), then it holds `kept` MB until it ends, which the test decides."""

    def __init__(self, rss, budget, peak=700.0, kept=100.0):
        self.rss, self.budget, self.peak, self.kept = rss, budget, peak, kept
        self.started, self.release = threading.Event(), threading.Event()

    def __call__(self, on_epoch):
        self.started.set()
        self.rss.mb += self.peak
        self.budget.observe()  # the sampler reads the batch's peak
        self.rss.mb -= self.peak - self.kept
        on_epoch(1, 2, 1.0)
        assert self.release.wait(WAIT)
        self.rss.mb -= self.kept
        return "done"


class Rss:
    def __init__(self, mb: float):
        self.mb = mb

    def __call__(self) -> float:
        return self.mb


def test_three_heavy_runs_asked_at_once_are_not_all_admitted():
    """Issue 28: each says 100 MB and takes 700 at its peak; the server holds 300; 2,000 is the limit."""
    rss = Rss(300.0)
    budget = WatchedBudget(2000.0, rss=rss, sample_s=None)
    q = TrainingQueue(workers=3, budget=budget, grace_s=0)
    runs = [Heavy(rss, budget) for _ in range(3)]
    jobs = [
        q.submit(f"s{i}", f"heavy-{i}", run, kind="stock", estimate_mb=100.0) for i, run in enumerate(runs)
    ]
    assert runs[0].started.wait(WAIT) and runs[1].started.wait(WAIT)  # 300 + 700 + 700 fits
    assert budget.refused.wait(WAIT)  # the third would take the server to 2,400 MB: it waits
    assert jobs[2].state == "queued"
    runs[0].release.set()
    assert q.wait("s0", jobs[0]) == "done"
    assert runs[2].started.wait(WAIT)  # room again: it starts
    for run in runs[1:]:
        run.release.set()
    assert q.wait("s1", jobs[1]) == q.wait("s2", jobs[2]) == "done"
    q.close()
