"""A daily close-price series: the lesson's simulated one or a learner's file."""

from __future__ import annotations

from dataclasses import dataclass

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
