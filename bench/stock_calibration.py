"""Calibrates the stock page's time and memory estimates: `python -m bench.stock_calibration`.

Trains configurations spread over the page's widget grid (cell, layers, hidden size, window,
step size, batch size; 2000 days, a few epochs each, one thread), measures the seconds per epoch
(thread CPU time, steadier than wall time on a shared machine, and wall time) and fits
SEC_PER_MAC and SEC_PER_STEP_CALL of seqcore/stock/estimate.py by least squares on the
relative error. Memory: VmHWM (the peak resident memory of this program; ru_maxrss would also
count the parent's pages at the fork) of a fresh process that trains one configuration, minus
its resident size (VmRSS) just before that run (after the imports and a tiny warm-up run). Writes bench/stock_calibration.json with every measured point
and the ratio measured / estimate under the constants in estimate.py.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from scipy.optimize import minimize

from seqcore.stock import estimate
from seqcore.stock.config import DEFAULT_RECIPE
from seqcore.stock.pipeline import run
from seqcore.stock.series import PriceSeries

OUT = Path(__file__).resolve().parent / "stock_calibration.json"
DAYS = 2000
FIELDS = ("cell", "num_layers", "hidden_size", "window", "step_values", "batch_size", "epochs")
MEM_CHILD = r"""
import json, sys
from dataclasses import replace
import numpy as np, torch
torch.set_num_threads(1)
from seqcore.stock.config import DEFAULT_RECIPE, StockConfig
from seqcore.stock.pipeline import run
from seqcore.stock.series import PriceSeries
from seqcore.stock.estimate import estimate_peak_mb
cfg = StockConfig(**json.loads(sys.argv[1]))
s = PriceSeries("w", tuple(100 + np.cumsum(np.random.RandomState(0).randn(2000))))
run(s, replace(DEFAULT_RECIPE, cell="rnn", hidden_size=4, window=20, step_values=10, epochs=1))  # kernels, Adam
base = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024  # now, in MiB
run(s, cfg)
peak = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"measured_mb": peak - base, "estimate_mb": estimate_peak_mb((cfg, 2000))}))
"""


def grid(n: int, seed: int = 0) -> list:
    rng = random.Random(seed)
    cells, layers, hidden = ("rnn", "lstm", "gru"), (1, 2, 3), (4, 16, 32, 64, 128)
    windows, steps, batches = (10, 30, 60, 120, 180), (1, 2, 5, 10, 20, 30), (16, 64, 128, 512)
    out = []
    for c, L, H, w, k, b in itertools.product(cells, layers, hidden, windows, steps, batches):
        if w % k == 0:
            out.append(
                replace(
                    DEFAULT_RECIPE, cell=c, num_layers=L, hidden_size=H, window=w, step_values=k, batch_size=b
                )
            )
    return rng.sample(out, n)


def measure_time(cfgs, series, target_s: float = 1.5) -> list[dict]:
    """Each config trained for about `target_s` seconds by the current estimate (1-20 epochs)."""
    rows = []
    for cfg in cfgs:
        one = estimate.estimate_seconds(replace(cfg, epochs=1), DAYS)
        c = replace(cfg, epochs=max(1, min(20, round(target_s / one))), input_noise=0.0)
        t0, w0 = time.thread_time(), time.perf_counter()
        run(series, c)
        cpu, wall = time.thread_time() - t0, time.perf_counter() - w0
        rows.append(
            {
                "config": {k: getattr(c, k) for k in FIELDS},
                "cpu_s": cpu,
                "wall_s": wall,
                "estimate_s": estimate.estimate_seconds(c, DAYS),
            }
        )
        print(
            f"{rows[-1]['config']} cpu {cpu:.2f}s wall {wall:.2f}s est {rows[-1]['estimate_s']:.2f}s",
            flush=True,
        )
    return rows


def _design(rows) -> tuple[np.ndarray, list[str]]:
    names = ["fixed", "macs", "calls_rnn", "calls_gru", "calls_lstm", "batches", "values"]
    out = []
    for r in rows:
        c = replace(DEFAULT_RECIPE, **r["config"])
        f = estimate.epoch_features(c, DAYS)
        calls = {f"calls_{cell}": c.epochs * f["calls"] * (c.cell == cell) for cell in ("rnn", "gru", "lstm")}
        out.append(
            [1.0, c.epochs * f["macs"], *calls.values(), c.epochs * f["batches"], c.epochs * f["values"]]
        )
    return np.array(out), names


def fit(rows) -> dict:
    """Positive constants minimising the squared log of measured CPU time / estimate."""
    A, names = _design(rows)
    y = np.array([r["cpu_s"] for r in rows])
    start = np.log([0.02, 2e-11, 5e-5, 1e-4, 1e-4, 2e-3, 2e-7])
    res = minimize(
        lambda lc: np.sum(np.log(y / (A @ np.exp(lc))) ** 2),
        start,
        method="Nelder-Mead",
        options={"maxiter": 40000, "xatol": 1e-7, "fatol": 1e-10},
    )
    return dict(zip(names, map(float, np.exp(res.x))))


def measure_memory(cfgs) -> list[dict]:
    out = []
    for cfg in cfgs:
        arg = json.dumps(
            {
                k: getattr(cfg, k)
                for k in ("cell", "num_layers", "hidden_size", "window", "step_values", "batch_size")
            }
            | {"epochs": 1}
        )
        proc = subprocess.run(
            [sys.executable, "-c", MEM_CHILD, arg],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        row = (
            json.loads(proc.stdout.strip().splitlines()[-1])
            if proc.returncode == 0
            else {"error": proc.stderr[-300:]}
        )
        out.append({"config": json.loads(arg)} | row)
        print(out[-1], flush=True)
    return out


def ratios(rows) -> list[float]:
    """Measured CPU seconds / the estimate under the constants now in estimate.py."""
    return [
        r["cpu_s"] / estimate.estimate_seconds(replace(DEFAULT_RECIPE, **r["config"]), DAYS) for r in rows
    ]


def memory_configs() -> list:
    big = replace(
        DEFAULT_RECIPE, cell="lstm", num_layers=3, hidden_size=128, window=180, step_values=1, batch_size=512
    )
    return grid(4, seed=1) + [big]


def memory_only() -> None:
    """`--memory`: measure the memory points again and store them."""
    data = json.loads(OUT.read_text())
    data["memory"] = measure_memory(memory_configs())
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def recheck() -> None:
    """`--recheck`: the ratios of the recorded points under the constants now in estimate.py."""
    data = json.loads(OUT.read_text())
    for name in ("points", "held_out"):
        r = ratios(data[name])
        data[f"{name}_ratio_cpu_now"] = [min(r), max(r)]
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in data.items() if k.endswith("_now")}))


def main() -> None:
    if "--recheck" in sys.argv:
        return recheck()
    if "--memory" in sys.argv:
        return memory_only()
    torch.set_num_threads(1)
    series = PriceSeries("walk", tuple(100 + np.cumsum(np.random.RandomState(0).randn(DAYS))))
    run(series, replace(DEFAULT_RECIPE, epochs=1))  # imports and first-call costs
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    fitted = measure_time(grid(n), series)
    held_out = measure_time(grid(n // 2, seed=2), series)  # checks the constants now in estimate.py
    ratios = [r["cpu_s"] / r["estimate_s"] for r in held_out]
    wall = [r["wall_s"] / r["estimate_s"] for r in held_out]
    mem = measure_memory(memory_configs())
    result = {
        "fit_on_points": fit(fitted),
        "held_out_ratio_cpu": [min(ratios), max(ratios)],
        "held_out_ratio_wall": [min(wall), max(wall)],
        "points": fitted,
        "held_out": held_out,
        "memory": mem,
        "load_avg": os.getloadavg(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    OUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(
        json.dumps(
            {k: result[k] for k in ("fit_on_points", "held_out_ratio_cpu", "held_out_ratio_wall", "load_avg")}
        )
    )


if __name__ == "__main__":
    main()
