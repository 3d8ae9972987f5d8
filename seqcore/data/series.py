"""The lesson's time-series data: the synthetic stock series and its windows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seqcore.core.config import knob


@dataclass(frozen=True)
class SeriesConfig:
    """The lesson's synthetic price: trend + seasonality + noise (lesson 2.2 "시계열 예측 실습", 주가 데이터 생성)."""

    days: int = knob(500, "일 수", lo=200, hi=2000, step=50)  # length of the series
    # price on day 0 and on the last day, without season and noise
    trend_start: float = knob(100.0, "추세 시작 가격", lo=10.0, hi=300.0, step=1.0)
    trend_end: float = knob(150.0, "추세 끝 가격", lo=10.0, hi=300.0, step=1.0)
    # seasonal term: amplitude * sin(linspace(0, cycles*pi, days))
    amplitude: float = knob(10.0, "계절성 진폭", lo=0.0, hi=50.0, step=0.5)
    cycles_pi: float = 8.0  # the seasonal phase runs from 0 to cycles_pi * pi
    noise: float = knob(3.0, "노이즈 표준편차", lo=0.0, hi=10.0, step=0.5)  # std of the daily noise
    seed: int = knob(42, "노이즈 시드", lo=0, hi=9999, widget="number")  # NumPy seed of the noise


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
