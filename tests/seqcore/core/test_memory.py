"""The memory estimator and budget, and the caches bounded by bytes."""

import threading

import numpy as np
import pytest
import torch

from seqcore.core.cache import BoundedCache, approx_bytes
from seqcore.core.memory import BUDGET_MB, MemoryBudget, MemoryRefused, recurrent_training_mb

# The heavy stock run measured in issue 17 (LSTM 128, window 180, batch 512): +772 MB peak.
HEAVY = dict(cell="lstm", batch=512, seq_len=180, hidden=128, layers=1)


def test_the_estimate_grows_with_batch_length_hidden_and_gates():
    base = recurrent_training_mb(cell="lstm", batch=64, seq_len=30, hidden=32)
    assert recurrent_training_mb(cell="lstm", batch=128, seq_len=30, hidden=32) > base
    assert recurrent_training_mb(cell="lstm", batch=64, seq_len=60, hidden=32) > base
    assert recurrent_training_mb(cell="lstm", batch=64, seq_len=30, hidden=64) > base
    assert recurrent_training_mb(cell="rnn", batch=64, seq_len=30, hidden=32) < base
    assert recurrent_training_mb(cell="lstm", batch=64, seq_len=30, hidden=32, layers=2) > base


def test_the_estimate_of_the_measured_heavy_run_is_near_its_measured_peak():
    est = recurrent_training_mb(**HEAVY, n_params=67_000)
    assert 650 <= est <= 1000  # measured: 758 MB (torch 2.13 CPU, two Adam steps)


def test_the_budget_refuses_a_run_over_it_in_korean_and_accepts_the_defaults():
    budget = MemoryBudget(BUDGET_MB, rss=lambda: 1400.0)  # a server already holding 1.4 GB
    with pytest.raises(MemoryRefused, match="메모리가 약"):
        budget.check(recurrent_training_mb(**HEAVY))
    default = recurrent_training_mb(cell="gru", batch=64, seq_len=6, hidden=32, layers=1)
    budget.check(default)  # the page defaults are a few tens of MB


def test_active_runs_count_against_the_budget():
    budget = MemoryBudget(1000.0, rss=lambda: 300.0)
    assert budget.try_acquire(1, 500.0)
    assert not budget.try_acquire(2, 400.0)  # 300 + 500 + 400 > 1000
    budget.release(1)
    assert budget.try_acquire(2, 400.0)
    assert budget.active_mb() == 400.0


def test_approx_bytes_counts_tensors_arrays_modules_and_containers():
    t = torch.zeros(1000)  # 4000 bytes
    a = np.zeros(500)  # 4000 bytes
    assert approx_bytes(t) >= 4000 and approx_bytes(a) >= 4000
    assert approx_bytes({"t": t, "a": [a]}) >= 8000
    assert approx_bytes(torch.nn.Linear(100, 100)) >= 101 * 100 * 4
    assert approx_bytes((torch.nn.Linear, "source")) > 0  # a module's class, not an instance


def test_a_cache_bounded_by_bytes_drops_the_oldest_but_keeps_the_newest():
    cache = BoundedCache(max_entries=10, max_bytes=10_000)
    for i in range(4):
        cache.put(i, np.zeros(500))  # ~4 KB each
    assert len(cache) == 2 and 3 in cache and 2 in cache and 0 not in cache
    cache.put("huge", np.zeros(10_000))  # over the bound alone: kept, the others go
    assert list(cache._items) == ["huge"]
    assert cache.nbytes > 10_000


class Rss:
    """A settable resident memory (MB) for a budget under test."""

    def __init__(self, mb: float):
        self.mb = mb

    def __call__(self) -> float:
        return self.mb


def test_a_run_that_takes_more_than_it_said_counts_for_what_it_was_seen_to_take():
    rss = Rss(300.0)
    budget = MemoryBudget(1000.0, rss=rss, sample_s=None)
    assert budget.try_acquire(1, 100.0, "stock")  # says 100 MB
    rss.mb = 900.0  # but its batches take 600 MB
    budget.observe()
    rss.mb = 400.0  # between batches it gives most of it back
    # Estimates only: 400 + 100 + 500 = 1000 fits. Measured: it will reach 900 again.
    assert not budget.try_acquire(2, 500.0)
    assert budget.claims() == [("stock", 100.0, 600.0)]
    assert budget.in_use_mb() == 900.0  # 400 resident + 500 it will take again
    budget.release(1)
    assert budget.try_acquire(2, 500.0)


def test_three_heavy_runs_are_not_admitted_together_when_they_outgrow_their_estimates():
    """Issue 28: three runs admitted at once took the server to 1,937 MB of 2,000. Each takes
    700 MB at its batches' peak but says 400, and gives most of it back between batches."""
    rss = Rss(200.0)
    budget = MemoryBudget(2000.0, rss=rss, sample_s=None)
    assert budget.try_acquire(1, 400.0)
    rss.mb = 900.0  # the first at its peak
    budget.observe()
    rss.mb = 500.0  # and between two batches
    assert budget.try_acquire(2, 400.0)  # 500 + 400 (the first's way back up) + 400 fits
    rss.mb = 1600.0  # both at their peaks
    budget.observe()
    rss.mb = 600.0  # both between batches: estimates only would say 600 + 400 + 400 + 400 fits
    assert not budget.try_acquire(3, 400.0)
    assert budget.in_use_mb() > 2000.0 - 400.0
    budget.release(1)
    budget.release(2)
    assert budget.try_acquire(3, 400.0)


def test_a_file_read_holds_its_estimate_beside_the_runs_and_waits_for_room():
    rss = Rss(300.0)
    budget = MemoryBudget(1000.0, rss=rss, sample_s=None)
    assert budget.try_acquire("job", 500.0)
    entered, done = threading.Event(), threading.Event()

    def read_file():
        with budget.reserve(300.0, "xlsx", wait_s=10):  # 300 + 500 + 300 > 1000: waits
            entered.set()
        done.set()

    reader = threading.Thread(target=read_file)
    reader.start()
    assert not entered.is_set()
    budget.release("job")  # the training ends: the file is read
    assert done.wait(10) and entered.is_set()
    reader.join(10)


def test_a_training_waits_while_a_file_is_read():
    budget = MemoryBudget(1000.0, rss=Rss(300.0), sample_s=None)
    with budget.reserve(500.0, "xlsx"):
        assert not budget.try_acquire(1, 400.0)  # 300 + 500 + 400 > 1000
    assert budget.try_acquire(1, 400.0)


def test_a_file_is_refused_in_korean_with_the_limit_when_it_cannot_fit():
    budget = MemoryBudget(1000.0, rss=Rss(300.0), sample_s=None)
    with pytest.raises(MemoryRefused, match="1,000 MB") as never:
        with budget.reserve(800.0, "xlsx"):
            pass
    assert "파일" in str(never.value)
    assert budget.try_acquire("job", 500.0)
    with pytest.raises(MemoryRefused, match="잠시 뒤에"):  # room later, not within wait_s
        with budget.reserve(300.0, "xlsx", wait_s=0):
            pass
    assert budget.claims() == [("job", 500.0, 0.0)]  # the refused read holds nothing


def test_the_sampler_reads_a_peak_that_no_admission_saw():
    """Between two admissions a run peaks and falls back: the sampler thread catches the peak."""
    peak_read = threading.Event()

    class Batch:  # 300 MB idle; the first read while a run is in progress is its batch's peak
        def __call__(self) -> float:
            if budget._claims and not peak_read.is_set():
                peak_read.set()
                return 900.0
            return 300.0

    budget = MemoryBudget(1000.0, rss=Batch(), sample_s=0.001)
    assert budget.try_acquire(1, 100.0, "stock")
    assert peak_read.wait(10)
    assert budget.claims() == [("stock", 100.0, 600.0)]
    budget.release(1)
