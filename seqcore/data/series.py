"""The lesson's time-series data: the synthetic stock series and its windows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SeriesConfig:
    """The lesson's synthetic price: trend + seasonality + noise (lesson 2.2 "시계열 예측 실습", 주가 데이터 생성)."""

    days: int = 500  # length of the series
    trend_start: float = 100.0  # price on day 0 without season and noise
    trend_end: float = 150.0  # price on the last day without season and noise
    amplitude: float = 10.0  # seasonal term: amplitude * sin(linspace(0, cycles*pi, days))
    cycles_pi: float = 8.0  # the seasonal phase runs from 0 to cycles_pi * pi
    noise: float = 3.0  # standard deviation of the daily noise
    seed: int = 42  # NumPy seed of the noise


def synthetic_series(cfg: SeriesConfig = SeriesConfig()) -> tuple[np.ndarray, np.ndarray]:
    """Returns (price, clean): the noisy series and the same series without its noise.

    With the defaults the price equals the lesson's `stock_price` value for value:
    np.random.seed(42); randn(500) * 3 is what RandomState(42).randn(500) * 3 draws.
    """
    trend = np.linspace(cfg.trend_start, cfg.trend_end, cfg.days)
    seasonal = cfg.amplitude * np.sin(np.linspace(0, cfg.cycles_pi * np.pi, cfg.days))
    noise = np.random.RandomState(cfg.seed).randn(cfg.days) * cfg.noise
    clean = trend + seasonal
    return clean + noise, clean


def create_sequences(data, seq_length: int) -> tuple[np.ndarray, np.ndarray]:
    """The lesson's function: windows of `seq_length` values and the value after each."""
    X, y = [], []
    for i in range(len(data) - seq_length):
        X.append(data[i : i + seq_length])
        y.append(data[i + seq_length])
    return np.array(X), np.array(y)
