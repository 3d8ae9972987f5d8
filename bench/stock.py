"""The stock page's models on the lesson's default series: `python -m bench.stock [--quick]`.

Both recipes (the lesson's and the app's default) train under torch seeds 0-4 on the default
synthetic series; the test targets are the last 94 days whatever the window. Training time is
History.seconds of `fit` (wall clock, one thread), measured after a first training in the
process (the optimizer's one-off import is not part of a learner's click); `run_cpu_s` is the
thread's CPU time for a whole run (training, ridge, metrics), steadier than wall time on a busy
machine. The baselines and the noise floor are deterministic. A quick run trains the lesson's
recipe on seeds 0-1 only and skips its leaking-scaler variant. `bombs()` (part of every run,
also callable alone: `python -m bench.stock --bombs`) loads each file bomb of
bench/stock_bombs.py in a fresh process and records its refusal time and peak memory.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from seqcore.stock.config import DEFAULT_RECIPE, LESSON_RECIPE
from seqcore.stock.forecast import multi_step
from seqcore.stock.pipeline import run
from seqcore.stock.recipe import choose_recipe
from seqcore.stock.series import synthetic

SEEDS = range(5)
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "stocks"
HORIZONS = (1, 5, 10, 30)


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
    chosen = choose_recipe(series)
    out["stock.default.recipe_is_app_default"] = float(chosen.config == DEFAULT_RECIPE)
    out["stock.default.search_s"] = round(chosen.seconds, 3)
    mae, secs, cpu, metrics = _recipe(series, chosen.config, SEEDS)
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
    out |= default_spread()
    out |= multi_step_errors(series, chosen.config)
    out |= real_files(range(2) if quick else SEEDS)
    out |= bombs()
    return out


def bombs() -> dict[str, float]:
    """Every file bomb of bench/stock_bombs.py, each loaded in its own fresh process (the
    loader's imports only): whether it was refused, the refusal's seconds, and the process's
    peak resident memory (imports included; the target is under 700 MB)."""
    from bench.stock_bombs import BOMBS, measure

    out: dict[str, float] = {}
    for name in BOMBS:
        res = measure([name], root=str(Path(__file__).resolve().parent.parent))[name]
        out[f"stock.bombs.{name}.refused"] = float(res["refused"])
        out[f"stock.bombs.{name}.refusal_s"] = round(res["seconds"], 4)
        out[f"stock.bombs.{name}.peak_rss_mb"] = round(res["peak_rss_mb"], 1)
    return out


def default_spread() -> dict[str, float]:
    """The page's "우연일까?" on its default: model/persistence MAE ratio over five seeds (the
    page's seed 42 on) with its 95% interval over seeds and test days (seqcore.stock.noise)."""
    from seqcore.stock import noise, recipe

    r = noise.run_spread(recipe.DEFAULT_SPREAD).ratio
    return {
        "stock.default.spread.ratio": round(r.value, 4),
        "stock.default.spread.ratio_lo": round(r.lo, 4),
        "stock.default.spread.ratio_hi": round(r.hi, 4),
        "stock.default.spread.beats_persistence": float(r.verdict == "better"),
    }


def multi_step_errors(series, cfg) -> dict[str, float]:
    """Recursive k-day forecasts of the default on the lesson's series, mean over seeds 0-4."""
    runs = [multi_step(series.values, run(series, replace(cfg, seed=s)), max(HORIZONS)).mae for s in SEEDS]
    return {
        f"stock.default.multistep.{name}.h{h}": round(float(np.mean([r[name][h - 1] for r in runs])), 4)
        for name in ("model", "persistence", "ridge")
        for h in HORIZONS
    }


def real_files(seeds) -> dict[str, float]:
    """`python -m bench.stock_csv` on every file of ../shared/datasets/stocks (when present)."""
    from seqcore.cli.stock_csv import evaluate

    if not SHARED.is_dir():
        print(f"{SHARED} is absent: no real-price files measured", file=sys.stderr)
        return {"stock.real.shared_absent": 1.0}
    out: dict[str, float] = {}
    for path in sorted(SHARED.glob("*.csv")):
        key = "stock.real." + path.stem.replace(".", "_")
        try:
            res = evaluate(str(path), list(seeds), horizon=None)
        except SystemExit:  # the loader or the recipe refused it (e.g. 20 days): say so
            out[f"{key}.usable"] = 0.0
            continue
        out[f"{key}.usable"] = 1.0
        out[f"{key}.days"] = float(res["days"])
        if res["ratio_to_persistence"] is not None:  # None: persistence never erred (a flat test part)
            out[f"{key}.ratio_to_persistence"] = round(res["ratio_to_persistence"], 4)
        if res["ratio_interval"] is not None:  # over the seeds and the test days (seqcore.stock.noise)
            out[f"{key}.ratio_lo"], out[f"{key}.ratio_hi"] = res["ratio_interval"]
        out[f"{key}.train_s_max"] = round(res["train_s"]["max"], 3)
        out[f"{key}.run_cpu_s_max"] = round(res["train_s"]["run_cpu_max"], 3)
        out[f"{key}.recipe_is_return"] = float(res["recipe"]["config"]["target"] == "return")
    return out


if __name__ == "__main__":
    t0 = time.time()
    res = bombs() if "--bombs" in sys.argv else measure(quick="--quick" in sys.argv)
    for k, v in res.items():
        print(f"{k:34s} {v:8.4f}")
    print(json.dumps(res))
    print(f"({time.time() - t0:.0f} s)")
    if "--bombs" in sys.argv and "--save" in sys.argv:  # the bombs beside the suite's other figures
        import bench

        bench.record(
            "stock", res, "python -m bench.stock --bombs --save", part="bombs", seconds=time.time() - t0
        )
