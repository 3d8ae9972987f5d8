"""How much of a model's edge over persistence is noise: the MAE ratio with a 95% interval.

One run's ratio (model MAE / "tomorrow = today" MAE) moves with the seed and with the few test
days it was measured on (94 on the lesson's series). The interval here takes both into account:
a bootstrap that redraws the seeds (with replacement) and the test days in blocks of 5
consecutive days (a moving-block bootstrap: neighbouring days' errors are alike, so days are not
drawn one by one). "The model learned nothing beyond persistence" is said only when the interval
holds 1; "it beats persistence" only when the whole interval is below 1.

`run_spread` trains the same config under SPREAD_SEEDS seeds (the page's seed and the next ones).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from seqcore.core.cache import CacheStore, memo
from seqcore.core.rng import numpy_gen
from seqcore.core.training import EpochCallback
from seqcore.stock.config import StockConfig
from seqcore.stock.estimate import estimate_peak_mb, estimate_seconds
from seqcore.stock.pipeline import StockResult, run
from seqcore.stock.series import PriceSeries

SPREAD_SEEDS = 5
BLOCK_DAYS = 5  # test days drawn together: a week of trading
N_BOOT = 2000
LEVEL = 0.95
SPREAD_STORE = CacheStore("stock_spread", max_entries=12, max_mb=8)  # small summaries, no models
INTERVAL_STORE = CacheStore("stock_interval", max_entries=32, max_mb=4)


@dataclass(frozen=True)
class Ratio:
    """Model MAE / persistence MAE on the test days, and its bootstrap interval."""

    value: float
    lo: float
    hi: float
    n_days: int
    n_seeds: int
    seed_values: tuple[float, ...] = ()  # the ratio of each seed alone

    @property
    def verdict(self) -> str:
        """'better' (the whole interval below 1), 'worse' (above 1) or 'same' (it holds 1)."""
        return "better" if self.hi < 1 else "worse" if self.lo > 1 else "same"


def _block_starts(n: int, gen: np.random.Generator, size: int) -> np.ndarray:
    """(size, n) day indices: blocks of BLOCK_DAYS consecutive days, wrapped around the end."""
    block = min(BLOCK_DAYS, n)
    n_blocks = -(-n // block)
    starts = gen.integers(0, n, size=(size, n_blocks))
    days = (starts[:, :, None] + np.arange(block)[None, None, :]) % n
    return days.reshape(size, -1)[:, :n]


def ratio_interval(
    actual: np.ndarray, preds: np.ndarray, persistence: np.ndarray, n_boot: int = N_BOOT, seed: int = 0
) -> Ratio:
    """The ratio of the seeds' mean model MAE to persistence's MAE, with a 95% interval.

    `preds`: (S, N) the model's predictions of S seeds on the N test days; `persistence`: (N,).
    Each bootstrap draw redraws S seeds with replacement and N days in blocks (its own numpy
    generator: the same inputs give the same interval)."""
    actual = np.asarray(actual, dtype=np.float64)
    errors = np.abs(np.atleast_2d(preds) - actual)  # (S, N)
    base = np.abs(np.asarray(persistence, dtype=np.float64) - actual)  # (N,)
    n_seeds, n_days = errors.shape
    gen = numpy_gen(seed)
    days = _block_starts(n_days, gen, n_boot)  # (B, N)
    seeds = gen.integers(0, n_seeds, size=(n_boot, n_seeds))  # (B, S)
    by_seed = np.stack([e[days].mean(axis=1) for e in errors], axis=1)  # (B, S): each seed on each draw
    model = np.take_along_axis(by_seed, seeds, axis=1).mean(axis=1)  # (B,)
    pers = base[days].mean(axis=1)
    ratios = model[pers > 0] / pers[pers > 0]
    lo, hi = np.quantile(ratios, [(1 - LEVEL) / 2, (1 + LEVEL) / 2]) if len(ratios) else (np.nan, np.nan)
    denom = base.mean()
    value = errors.mean() / denom if denom > 0 else float("nan")
    per_seed = tuple(float(e.mean() / denom) if denom > 0 else float("nan") for e in errors)
    return Ratio(float(value), float(lo), float(hi), n_days, n_seeds, per_seed)


@memo(INTERVAL_STORE)
def single_run(result: StockResult) -> Ratio:
    """One run's ratio with the interval of its test days alone (a single seed)."""
    test = result.test
    return ratio_interval(result.actual[test], result.pred[test][None, :], result.baselines["persistence"])


@dataclass(frozen=True)
class SpreadJob:
    """A series and a config, trained under SPREAD_SEEDS seeds from `cfg.seed` on."""

    series: PriceSeries
    cfg: StockConfig

    def estimate_mb(self) -> float:
        return estimate_peak_mb((self.cfg, len(self.series)))  # one run at a time

    def estimate_s(self) -> float:
        return SPREAD_SEEDS * estimate_seconds(self.cfg, len(self.series))


@dataclass(frozen=True)
class Spread:
    """What several seeds measured: the ratio with its interval, and each seed's model MAE."""

    ratio: Ratio
    model_mae: tuple[float, ...]
    persistence_mae: float
    seeds: tuple[int, ...]
    all_start: bool  # every seed kept its untrained start (a return model: exactly persistence)


def run_spread(job: SpreadJob, on_epoch: EpochCallback | None = None) -> Spread:
    """Train `job.cfg` under SPREAD_SEEDS seeds; progress counts the epochs of all of them."""
    seeds = tuple(job.cfg.seed + k for k in range(SPREAD_SEEDS))
    results = []
    for k, s in enumerate(seeds):
        offset, total = k * job.cfg.epochs, SPREAD_SEEDS * job.cfg.epochs

        def progress(epoch, _total, loss, offset=offset, total=total):
            if on_epoch is not None:
                on_epoch(offset + epoch, total, loss)

        results.append(run(job.series, replace(job.cfg, seed=s), on_epoch=progress))
    first = results[0]
    test = first.test
    preds = np.stack([r.pred[test] for r in results])
    ratio = ratio_interval(first.actual[test], preds, first.baselines["persistence"])
    maes = tuple(r.metrics["model"]["mae"] for r in results)
    kept_start = all(r.kept_epoch == 0 for r in results)
    return Spread(ratio, maes, first.metrics["persistence"]["mae"], seeds, kept_start)
