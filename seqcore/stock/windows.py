"""Split by time, scale, and cut windows (the lesson's MinMaxScaler -> create_sequences).

One honest change the learner can switch off: the scaler is fit on the training days only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import MinMaxScaler

from seqcore.data.series import create_sequences
from seqcore.stock.config import VAL_FRAC, StockConfig, n_test_days


@dataclass
class Prepared:
    """Windows and targets in the model's units, with the days they predict."""

    X: np.ndarray  # (M, W) scaled inputs, as the model sees them before reshaping
    y: np.ndarray  # (M,) the model's target
    day: np.ndarray  # (M,) index of the day each target predicts
    base: np.ndarray  # (M,) what `to_price` adds back: 0, the window mean, or the last price
    scale: float  # price units per scaled unit
    offset: float  # the scaler's data_min (0 for returns): price = offset + scaled * scale
    train: np.ndarray  # boolean masks over M
    val: np.ndarray
    test: np.ndarray
    scaler_days: int  # how many days the scaler saw


def _return_windows(prices: np.ndarray, cfg: StockConfig, first_test: int):
    rets = prices[1:] / prices[:-1] - 1.0  # rets[j]: the move into day j + 1
    fit_rets = rets if cfg.scaler_on_all else rets[: first_test - 1]
    scale = float(np.std(fit_rets)) or 1.0
    X, y = create_sequences(rets / scale, cfg.window)
    day = np.arange(cfg.window, len(rets)) + 1
    return X, y, day, prices[day - 1], scale, 0.0  # price = yesterday * (1 + return)


def _scaled_windows(prices: np.ndarray, cfg: StockConfig, fit_days: np.ndarray):
    scaler = MinMaxScaler().fit(fit_days.reshape(-1, 1))
    scaled = scaler.transform(prices.reshape(-1, 1))[:, 0]
    scale = float(1.0 / scaler.scale_[0])
    offset = float(scaler.data_min_[0])
    X, y = create_sequences(scaled, cfg.window)
    day = np.arange(cfg.window, len(prices))
    if cfg.target == "relative":
        m = X.mean(axis=1)
        X, y = X - m[:, None], y - m
        return X, y, day, m * scale + offset, scale, offset
    return X, y, day, np.full(len(y), offset), scale, offset


def prepare(prices: np.ndarray, cfg: StockConfig) -> Prepared:
    """Split by time, fit the scaler, build windows with the lesson's create_sequences."""
    n = len(prices)
    first_test = n - n_test_days(n, cfg.test_frac)
    fit_days = prices if cfg.scaler_on_all else prices[:first_test]  # never a test day unless leaking
    if cfg.target == "return":
        X, y, day, base, scale, offset = _return_windows(prices, cfg, first_test)
    else:
        X, y, day, base, scale, offset = _scaled_windows(prices, cfg, fit_days)
    test = day >= first_test
    train_idx = np.flatnonzero(~test)
    n_val = max(1, int(round(len(train_idx) * VAL_FRAC)))
    val = np.zeros(len(day), dtype=bool)
    val[train_idx[-n_val:]] = True
    return Prepared(X, y, day, base, scale, offset, ~test & ~val, val, test, len(fit_days))


def to_price(prep: Prepared, pred: np.ndarray, target: str) -> np.ndarray:
    """Model units back to prices (the lesson's inverse_transform)."""
    if target == "return":
        return prep.base * (1.0 + pred * prep.scale)
    return prep.base + pred * prep.scale
