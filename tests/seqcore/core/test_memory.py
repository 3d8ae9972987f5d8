"""The memory estimator and budget, and the caches bounded by bytes."""

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


def test_a_cache_bounded_by_bytes_drops_the_oldest_but_keeps_the_newest():
    cache = BoundedCache(max_entries=10, max_bytes=10_000)
    for i in range(4):
        cache.put(i, np.zeros(500))  # ~4 KB each
    assert len(cache) == 2 and 3 in cache and 2 in cache and 0 not in cache
    cache.put("huge", np.zeros(10_000))  # over the bound alone: kept, the others go
    assert list(cache._items) == ["huge"]
    assert cache.nbytes > 10_000
