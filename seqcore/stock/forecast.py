"""Recursive k-day forecasts: each forecaster feeds its own predictions back as history.

From every test day t (the forecast is made with the prices up to day t - 1), the model
predicts day t, appends that prediction to the history, predicts day t + 1 from it, and so on
for `horizon` days. The error at horizon h is the MAE over every origin whose day t + h - 1 is
still in the series. At h = 1 this is exactly the one-step forecast from true history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from seqcore.core.cache import CacheStore, memo
from seqcore.stock.baselines import mae, ridge_fit
from seqcore.stock.pipeline import StockResult

MAX_HORIZON = 30
# A page rerun asks again for the same result and horizon: computed once (a forecast pins its
# StockResult; the byte bound counts it).
FORECAST_STORE = CacheStore("stock_forecast", max_entries=16, max_mb=24)


@dataclass
class MultiStep:
    horizons: list[int]
    mae: dict[str, list[float]]  # forecaster -> MAE at each horizon
    origins: list[int]  # how many origins each horizon averages over


def _features(paths: np.ndarray, result: StockResult) -> np.ndarray:
    """The model's inputs for the next day from each path of prices (as `pipeline.prepare`)."""
    cfg, prep = result.config, result.prep
    if cfg.target == "return":
        last = paths[:, -(cfg.window + 1) :]
        return (last[:, 1:] / last[:, :-1] - 1.0) / prep.scale
    scaled = (paths[:, -cfg.window :] - prep.offset) / prep.scale
    if cfg.target == "relative":
        scaled = scaled - scaled.mean(axis=1, keepdims=True)
    return scaled


def _model_step(paths: np.ndarray, result: StockResult) -> np.ndarray:
    cfg, prep = result.config, result.prep
    X = _features(paths, result)
    steps = cfg.window // cfg.step_values
    with torch.no_grad():
        x = torch.tensor(X, dtype=torch.float32).reshape(-1, steps, cfg.step_values)
        out = result.model(x)[:, 0].numpy().astype(np.float64)
    if cfg.target == "return":
        return paths[:, -1] * (1.0 + out * prep.scale)
    if cfg.target == "relative":
        m = ((paths[:, -cfg.window :] - prep.offset) / prep.scale).mean(axis=1)
        return (out + m) * prep.scale + prep.offset
    return prep.offset + out * prep.scale


def recursive(prices: np.ndarray, origins: np.ndarray, horizon: int, step, history: int) -> np.ndarray:
    """(len(origins), horizon) forecasts; step(paths) -> next price for each path."""
    paths = np.stack([prices[t - history : t] for t in origins]).astype(np.float64)
    out = np.empty((len(origins), horizon))
    for h in range(horizon):
        nxt = step(paths)
        out[:, h] = nxt
        paths = np.concatenate([paths[:, 1:], nxt[:, None]], axis=1)
    return out


@memo(FORECAST_STORE)
def multi_step(prices, result: StockResult, horizon: int = 10) -> MultiStep:
    """MAE against horizon 1..`horizon` for the model, persistence, the k-day mean and ridge."""
    prices = np.asarray(prices, dtype=np.float64)
    horizon = int(min(max(horizon, 1), MAX_HORIZON))
    cfg = result.config
    origins = result.days[result.test]
    w, b, _ = ridge_fit(prices, result.days, cfg.window, ~result.test)
    history = max(cfg.window + 1, cfg.mean_k)

    def ridge_step(paths):
        x = paths[:, -cfg.window :]
        m = x.mean(axis=1)
        return (x - m[:, None]) @ w + b + m

    steps = {
        "model": lambda p: _model_step(p, result),
        "persistence": lambda p: p[:, -1].copy(),
        f"mean{cfg.mean_k}": lambda p: p[:, -cfg.mean_k :].mean(axis=1),
        "ridge": ridge_step,
    }
    n = len(prices)
    errors: dict[str, list[float]] = {}
    counts = [int(np.sum(origins + h < n)) for h in range(horizon)]
    for name, step in steps.items():
        fc = recursive(prices, origins, horizon, step, history)
        errors[name] = [
            mae(fc[origins + h < n, h], prices[origins[origins + h < n] + h]) for h in range(horizon)
        ]
    return MultiStep(list(range(1, horizon + 1)), errors, counts)


def summary(ms: MultiStep, name: str = "model") -> str:
    """One Korean sentence on how the error grows with the horizon."""
    e = ms.mae[name]
    p = ms.mae["persistence"]
    k = ms.horizons[-1]
    return (
        f"1일 뒤 예측의 MAE는 {e[0]:,.4g}, {k}일 뒤는 {e[-1]:,.4g}예요 ('어제 값 그대로'는 {p[0]:,.4g} → {p[-1]:,.4g}). "
        "자기 예측을 다시 입력으로 쓰면 오차가 쌓여서, 멀리 볼수록 틀리는 폭이 커져요."
    )
