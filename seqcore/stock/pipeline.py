"""Next-day price prediction (the lesson's 2.2): one run trains a model and measures it against
simple baselines on the same test days.

The pipeline is the lesson's (MinMaxScaler -> create_sequences -> StockPredictor -> MAE/RMSE)
with three honest changes the learner can switch off: the scaler is fit on the training days
only (`windows`), every model is compared with simple baselines (`baselines`), and the app's
default feeds a long window as several values per step relative to the window's mean (`config`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np
import torch
import torch.nn as nn

from seqcore.core.cache import CacheStore
from seqcore.core.training import EpochCallback, evaluate_loss, fit
from seqcore.stock.baselines import mae, mean_last, persistence, ridge_forecast, rmse
from seqcore.stock.config import DEFAULT_RECIPE, StockConfig, check_config
from seqcore.stock.estimate import estimate_peak_mb, estimate_seconds
from seqcore.stock.model import build_model
from seqcore.stock.series import PriceSeries
from seqcore.stock.windows import Prepared, prepare, to_price

KEEP_MARGIN = 0.01  # trained weights must beat the untrained start by 1% of validation MSE
STOCK_STORE = CacheStore("stock", max_entries=12)  # stock jobs (model + baselines)


@dataclass
class StockResult:
    """Everything the page shows about one trained run, in price units."""

    config: StockConfig
    days: np.ndarray  # target day of every window
    actual: np.ndarray  # the price on those days
    pred: np.ndarray  # the model's prediction for every window (train, val and test)
    train: np.ndarray  # masks
    val: np.ndarray
    test: np.ndarray
    train_loss: list[float]
    val_loss: list[float]
    seconds: float
    n_params: int
    model_repr: str
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> {"mae", "rmse"}
    baselines: dict[str, np.ndarray] = field(default_factory=dict)  # name -> test predictions
    ridge_alpha: float = 0.0
    scaler_days: int = 0
    first_test_day: int = 0
    model: nn.Module | None = None  # the trained network (CPU, eval mode), for multi-step forecasts
    prep: Prepared | None = None
    best_epoch: int = 0  # the epoch with the lowest validation loss (0: the untrained start was best)
    kept_epoch: int = 0  # the epoch whose weights the model has (0: its untrained start)
    series: PriceSeries | None = None  # what was trained on (a stale result keeps its own series)
    device: str = "cpu"


def _tensors(prep: Prepared, cfg: StockConfig, mask=None):
    """(inputs (N, T, k), targets (N, 1)) of the windows in `mask` (all when None)."""
    steps = cfg.window // cfg.step_values
    mask = slice(None) if mask is None else mask
    X = torch.tensor(prep.X[mask], dtype=torch.float32).reshape(-1, steps, cfg.step_values)
    return X, torch.tensor(prep.y[mask], dtype=torch.float32).reshape(-1, 1)


def _baselines(series: PriceSeries, prices: np.ndarray, prep: Prepared, cfg: StockConfig) -> dict:
    days, test = prep.day, prep.test
    ridge_pred, alpha = ridge_forecast(prices, days, cfg.window, ~test)
    baselines = {
        "persistence": persistence(prices, days[test]),
        f"mean{cfg.mean_k}": mean_last(prices, days[test], cfg.mean_k),
        "ridge": ridge_pred[test],
    }
    if series.clean is not None:
        baselines["noise_floor"] = np.asarray(series.clean)[days[test]]
    return baselines, alpha


def run(
    series: PriceSeries, cfg: StockConfig = DEFAULT_RECIPE, on_epoch: EpochCallback | None = None
) -> StockResult:
    """Train one model on `series` and measure it and the baselines on the test days."""
    problem = check_config(cfg, len(series))
    if problem:
        raise ValueError(problem)
    prices = np.asarray(series.values, dtype=np.float64)
    prep = prepare(prices, cfg)
    model, hist, (best_epoch, kept_epoch) = _train(prep, cfg, on_epoch)
    with torch.no_grad():
        pred = to_price(prep, model(_tensors(prep, cfg)[0])[:, 0].numpy().astype(np.float64), cfg.target)
    days, test = prep.day, prep.test
    actual = prices[days]
    baselines, alpha = _baselines(series, prices, prep, cfg)
    metrics = {"model": {"mae": mae(pred[test], actual[test]), "rmse": rmse(pred[test], actual[test])}}
    for name, b in baselines.items():
        metrics[name] = {"mae": mae(b, actual[test]), "rmse": rmse(b, actual[test])}
    return StockResult(
        config=cfg,
        days=days,
        actual=actual,
        pred=pred,
        train=prep.train,
        val=prep.val,
        test=test,
        train_loss=hist.train_loss,
        val_loss=hist.val_loss,
        seconds=hist.seconds,
        n_params=sum(p.numel() for p in model.parameters()),
        model_repr=repr(model),
        metrics=metrics,
        baselines=baselines,
        ridge_alpha=alpha,
        scaler_days=prep.scaler_days,
        first_test_day=int(days[test][0]),
        model=model,
        prep=prep,
        best_epoch=best_epoch,
        kept_epoch=kept_epoch,
        series=series,
        device=hist.device,
    )


def _train(prep: Prepared, cfg: StockConfig, on_epoch: EpochCallback | None):
    """(model, History, (best epoch, kept epoch)) of one seeded training: the weights
    from `cfg.seed` (build_model), shuffling, noise and dropout from generators `fit` seeds with
    it. Nothing reads torch's global generator, so a busy server gives the same numbers."""
    model = build_model(cfg)
    start = _start_state(model, _tensors(prep, cfg, prep.val), cfg)
    hist = fit(
        model,
        _tensors(prep, cfg, prep.train),
        nn.MSELoss(),
        epochs=cfg.epochs,
        lr=cfg.lr,
        batch_size=cfg.batch_size,
        val_data=_tensors(prep, cfg, prep.val),
        seed=cfg.seed,
        weight_decay=cfg.weight_decay,
        patience=cfg.patience or None,
        on_epoch=on_epoch,
    )
    return model, hist, _keep_start_if_better(model, hist, start)


def _start_state(model: nn.Module, val_data, cfg: StockConfig):
    """(validation loss, weights) before training, when early stopping may return to them."""
    if not cfg.patience:
        return None
    loss = evaluate_loss(model, val_data, nn.MSELoss(), torch.device("cpu"))
    return loss, copy.deepcopy(model.state_dict())


def _keep_start_if_better(model: nn.Module, hist, start) -> tuple[int, int]:
    """(the best epoch on the validation part, the epoch whose weights the model has).

    Without early stopping the model keeps its last epoch's weights, whichever epoch was best;
    with it, `fit` restores the best epoch's. Early stopping also counts the untrained model as
    epoch 0: if no epoch beat it on the validation part by KEEP_MARGIN, its weights come back
    (for a return model: persistence)."""
    if start is None:
        return hist.best_epoch, hist.epochs_run
    if hist.val_loss and min(hist.val_loss) < start[0] * (1 - KEEP_MARGIN):
        return hist.best_epoch, hist.best_epoch
    model.load_state_dict(start[1])
    model.eval()
    return 0, 0


def run_seeds(series: PriceSeries, cfg: StockConfig, seeds=range(5)) -> list[StockResult]:
    """The same run under several torch seeds (for the benchmark)."""
    return [run(series, replace(cfg, seed=s)) for s in seeds]


@dataclass(frozen=True)
class StockJob:
    """Series + config: the hashable key under which the page caches a trained result."""

    series: PriceSeries
    cfg: StockConfig

    def estimate_mb(self) -> float:
        """The training queue admits a run on its memory estimate."""
        return estimate_peak_mb(self)

    def estimate_s(self) -> float:
        """And tells those waiting behind it how long it takes."""
        return estimate_seconds(self.cfg, len(self.series))


def run_job(job: StockJob, on_epoch: EpochCallback | None = None) -> StockResult:
    return run(job.series, job.cfg, on_epoch=on_epoch)
