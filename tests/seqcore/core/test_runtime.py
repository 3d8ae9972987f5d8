import pytest
import torch
import torch.nn as nn

from seqcore.core import runtime


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        (nn.RNN(100, 256, batch_first=True), 91_648),
        (nn.LSTM(100, 256, batch_first=True), 366_592),
        (nn.GRU(100, 256, batch_first=True), 274_944),
        (nn.Linear(3, 2), 8),
    ],
)
def test_count_params_matches_the_lesson(module, expected):
    assert runtime.count_params(module) == expected


def test_device_falls_back_to_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.delenv("SEQCORE_DEVICE", raising=False)
    assert runtime.get_device() == torch.device("cpu")
    assert runtime.device_label(runtime.get_device()) == "CPU"


def test_device_prefers_cuda_when_present(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.delenv("SEQCORE_DEVICE", raising=False)
    assert runtime.get_device().type == "cuda"


def test_device_env_forces_cpu(monkeypatch):
    # CUDA "present", so only the override can give the CPU.
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setenv("SEQCORE_DEVICE", "cpu")
    assert runtime.get_device().type == "cpu"


def test_configure_threads(monkeypatch):
    before = torch.get_num_threads()
    try:
        assert runtime.configure_threads(1) == 1
        monkeypatch.setenv("SEQCORE_THREADS", "2")
        assert runtime.configure_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_warm_up_runs_once():
    t1 = runtime.warm_up_in_background()
    t2 = runtime.warm_up_in_background()
    assert t1 is t2
    t1.join(timeout=60)
    assert not t1.is_alive()
    import sys

    assert all(name in sys.modules for name in runtime.WARM_IMPORTS)
