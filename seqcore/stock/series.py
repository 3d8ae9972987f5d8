"""A daily close-price series: the lesson's simulated one or a learner's file."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seqcore.data.series import SeriesConfig, synthetic_series


@dataclass(frozen=True)
class PriceSeries:
    """A daily close-price series; `clean` is the noiseless truth (synthetic data only)."""

    name: str
    values: tuple[float, ...]
    clean: tuple[float, ...] | None = None
    dates: tuple[str, ...] | None = None  # ISO dates of an uploaded series

    def __len__(self) -> int:
        return len(self.values)


def synthetic(cfg: SeriesConfig = SeriesConfig()) -> PriceSeries:
    """The lesson's simulated price (2.2 시계열 예측 실습, 주가 데이터 생성) as a PriceSeries."""
    price, clean = synthetic_series(cfg)
    return PriceSeries("시뮬레이션 주가", tuple(map(float, price)), tuple(map(float, clean)))


def chart_arrays(series: PriceSeries) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(x, values, clean) of `series` as arrays, for the page's charts: x holds the ISO dates of
    an uploaded series or the day numbers 0, 1, ... The figure cache keys an array by one hash
    of its bytes (core.cache.content_key), where a tuple of 500 prices was walked value by
    value on every page run of every session; the figures are the same (figures.stock_prediction
    .day_values turns both back into JSON values)."""
    x = np.asarray(series.dates) if series.dates else np.arange(len(series))
    clean = None if series.clean is None else np.asarray(series.clean, dtype=float)
    return x, np.asarray(series.values, dtype=float), clean
