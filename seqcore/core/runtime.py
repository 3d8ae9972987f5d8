"""Where and how the app computes: device, threads, parameter counts (seeds: core/rng.py)."""

from __future__ import annotations

import atexit

# Imported on the importing thread: both register a threading exit hook on first import, which
# fails ("can't register atexit after shutdown") if that first import happens on the warm-up
# thread (inside scikit-learn's) while the interpreter exits.
import concurrent.futures.process  # noqa: F401
import concurrent.futures.thread  # noqa: F401
import importlib
import os
import threading

# Imported before the warm-up thread starts: plotly looks pandas up in sys.modules without
# importing it, so a pandas half-imported by that thread (through scikit-learn) broke a
# figure built at the same moment ("partially initialized module 'pandas'", browser test).
import pandas  # noqa: F401
import torch
import torch.nn as nn

# Every demo in the app starts from DEFAULT_SEED unless the learner changes it; it lives in
# the torch-free config module so that the sidebar can show it without importing torch.
from seqcore.core.config import DEFAULT_SEED  # noqa: E402, F401  (re-exported)

# Small recurrent models on a 2-core machine: one intra-op thread trains faster than two
# as soon as anything else runs (another learner's session, the Streamlit server itself).
# Measured with `python -m bench.threads` (docs/performance.md, "threads"). SEQCORE_THREADS overrides it.
DEFAULT_THREADS = 1


def get_device() -> torch.device:
    """The one device policy for every trainer: CUDA when present, else CPU.

    SEQCORE_DEVICE overrides it: "cpu" forces the CPU, "cuda" asks for CUDA (and falls back to
    the CPU when none is present). Whether the lesson's small models (hidden 16-64, batches of a
    few hundred) would be faster on the CPU even beside a GPU has not been measured here: the
    machines this app was built and benchmarked on had no GPU. Measure before changing this.
    """
    wanted = os.environ.get("SEQCORE_DEVICE", "").strip().lower()
    if wanted == "cpu":
        return torch.device("cpu")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def device_label(device: torch.device | None = None) -> str:
    """A short human-readable name for the device, e.g. 'CUDA (NVIDIA H100)' or 'CPU'."""
    device = device or get_device()
    if device.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(device)})"
    return "CPU"


def configure_threads(n: int | None = None) -> int:
    """Set torch's intra-op thread count once per process; returns the count in use."""
    if n is None:
        n = int(os.environ.get("SEQCORE_THREADS", DEFAULT_THREADS))
    n = max(1, n)
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return torch.get_num_threads()


def count_params(model: nn.Module) -> int:
    """The lesson's function: the number of parameters of a module."""
    return sum(p.numel() for p in model.parameters())


_warm_lock = threading.Lock()
_warm_thread: threading.Thread | None = None


# Modules that cost a second or more on a first import and that pages need on first render
# (the stock, GRU and sentiment pages): imported once in the background at start.
WARM_IMPORTS = (
    "sklearn.preprocessing",
    "sklearn.linear_model",
    "sklearn.feature_extraction.text",
    "sklearn.pipeline",
)


def warm_up() -> None:
    """Pay the first-use costs (the optimizer's import, scikit-learn's) now, on this thread."""
    _warm_up()


def _warm_up() -> None:
    # The first torch.optim.Adam in a process imports torch._dynamo (about 2 s on these
    # machines). Doing it once in the background hides that from the first training click.
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.Adam([p], lr=1e-3)
    p.grad = torch.zeros(1)
    opt.step()
    for name in WARM_IMPORTS:
        importlib.import_module(name)


@atexit.register
def _join_warm_up() -> None:
    # A daemon thread caught inside torch or an import when the interpreter finalizes can
    # abort the process; the warm-up is short, so let it finish.
    if _warm_thread is not None:
        _warm_thread.join(timeout=30)


def warm_up_in_background() -> threading.Thread:
    """Start (once per process) a daemon thread that pays the optimizer's import cost."""
    global _warm_thread
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(target=_warm_up, name="seqcore-warmup", daemon=True)
            _warm_thread.start()
        return _warm_thread
