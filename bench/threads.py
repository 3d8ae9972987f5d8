"""1 vs 2 torch threads on the app's typical small models: `python -m bench.threads`.

Each model trains in a fresh subprocess per thread count, twice: alone, and with a second
training process running beside it (as when two visitors share a 2-core machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

CHILD = r"""
import sys, time, torch, torch.nn as nn
torch.set_num_threads(int(sys.argv[1]))
from seqcore.core import rng
from seqcore.core.registry import recurrent_layer
from seqcore.core.training import fit
gen = rng.torch_gen(0)
kind = sys.argv[2]
if kind == "lstm-stock":
    x, y = torch.randn(376, 30, 1, generator=gen), torch.randn(376, 1, generator=gen)
    class M(nn.Module):
        def __init__(s):
            super().__init__(); s.l = recurrent_layer("LSTM")(1, 50, 2, batch_first=True, dropout=0.2); s.f = nn.Linear(50, 1)
        def forward(s, x): return s.f(s.l(x)[0][:, -1])
    model, epochs, bs = M(), 15, 32
else:
    x, y = torch.randn(512, 40, 8, generator=gen), torch.randn(512, 1, generator=gen)
    class M(nn.Module):
        def __init__(s):
            super().__init__(); s.l = nn.GRU(8, 64, batch_first=True); s.f = nn.Linear(64, 1)
        def forward(s, x): return s.f(s.l(x)[0][:, -1])
    model, epochs, bs = M(), 8, 64
model = rng.seeded(model, gen)
fit(model, (x, y), nn.MSELoss(), epochs=1, batch_size=bs, device=torch.device("cpu"))
t = time.perf_counter()
fit(model, (x, y), nn.MSELoss(), epochs=epochs, batch_size=bs, device=torch.device("cpu"))
print(time.perf_counter() - t)
"""


def _run(threads: int, kind: str, busy: bool) -> float:
    cmd = [sys.executable, "-c", CHILD, str(threads), kind]
    other = subprocess.Popen(cmd, stdout=subprocess.DEVNULL) if busy else None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        if other:
            other.wait()
    return float(out.strip().splitlines()[-1])


def measure(quick: bool = False) -> dict[str, float]:
    """`threads.<model>.<alone|shared>.threads<n>_s` (there is no quick version: `quick` is ignored)."""
    results = {}
    for kind in ("lstm-stock", "gru-text"):
        for busy in (False, True):
            for threads in (1, 2):
                key = f"{kind}.{'shared' if busy else 'alone'}.threads{threads}_s"
                results[f"threads.{key}"] = round(_run(threads, kind, busy), 3)
    return results


if __name__ == "__main__":
    t0 = time.time()
    res = measure()
    for k, v in res.items():
        print(f"{k:40s} {v:8.3f}")
    print(json.dumps(res))
    print(f"({time.time() - t0:.0f} s)")
