"""The stock page's models on the lesson's default series: `python -m bench.stock [--quick]`.

Both recipes (the lesson's and the app's default) train under torch seeds 0-4 on the default
synthetic series; the test targets are the last 94 days whatever the window. Training time is
History.seconds of `fit` (wall clock, one thread), measured after a first training in the
process (the optimizer's one-off import is not part of a learner's click); `run_cpu_s` is the
thread's CPU time for a whole run (training, ridge, metrics), steadier than wall time on a busy
machine. The baselines and the noise floor are deterministic. A quick run trains the lesson's
recipe on seeds 0-1 only and skips its leaking-scaler variant.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import replace

import torch

from seqcore.stock.pipeline import DEFAULT_RECIPE, LESSON_RECIPE, run, synthetic

SEEDS = range(5)


def _recipe(series, cfg, seeds) -> tuple[float, float, float, dict]:
    """Mean test MAE, median training wall time, median CPU time of a whole run, last metrics."""
    results, cpu = [], []
    for s in seeds:
        t0 = time.thread_time()  # CPU of this thread: less sensitive to a busy machine than wall time
        results.append(run(series, replace(cfg, seed=s)))
        cpu.append(time.thread_time() - t0)
    mae = statistics.mean(r.metrics["model"]["mae"] for r in results)
    secs = statistics.median(r.seconds for r in results)
    return mae, secs, statistics.median(cpu), results[-1].metrics


def measure(quick: bool = False) -> dict[str, float]:
    torch.set_num_threads(1)
    series = synthetic()
    run(series, replace(DEFAULT_RECIPE, epochs=2))  # pays the first-Adam import once
    out: dict[str, float] = {}
    mae, secs, cpu, metrics = _recipe(series, DEFAULT_RECIPE, SEEDS)
    out["stock.default.mae_mean"] = round(mae, 4)
    out["stock.default.train_s_median"] = round(secs, 3)
    out["stock.default.run_cpu_s_median"] = round(cpu, 3)
    out["stock.baselines.persistence"] = round(metrics["persistence"]["mae"], 4)
    out["stock.baselines.mean_k"] = round(metrics[f"mean{DEFAULT_RECIPE.mean_k}"]["mae"], 4)
    out["stock.baselines.linear"] = round(metrics["ridge"]["mae"], 4)  # ridge, same window as the default
    out["stock.baselines.noise_floor"] = round(metrics["noise_floor"]["mae"], 4)
    mae, secs, cpu, metrics = _recipe(series, LESSON_RECIPE, range(2) if quick else SEEDS)
    out["stock.lesson.mae_mean"] = round(mae, 4)
    out["stock.lesson.train_s_median"] = round(secs, 3)
    out["stock.lesson.run_cpu_s_median"] = round(cpu, 3)
    out["stock.lesson.ridge30"] = round(metrics["ridge"]["mae"], 4)  # ridge on the lesson's 30-day window
    if not quick:  # the lesson's scaler, fit on all 500 days (the leak)
        mae, _, _, _ = _recipe(series, replace(LESSON_RECIPE, scaler_on_all=True), SEEDS)
        out["stock.lesson_leak.mae_mean"] = round(mae, 4)
    return out


if __name__ == "__main__":
    t0 = time.time()
    res = measure(quick="--quick" in sys.argv)
    for k, v in res.items():
        print(f"{k:34s} {v:8.4f}")
    print(json.dumps(res))
    print(f"({time.time() - t0:.0f} s)")
