"""The stock page hands its charts arrays (one hash each for the figure cache's key) instead of
tuples walked value by value: the figures a learner sees are the same."""

import numpy as np
import pytest

from seqcore.core.cache import content_key
from seqcore.figures import stock as figs
from seqcore.figures.stock_prediction import prediction_chart
from seqcore.stock import recipe
from seqcore.stock.series import PriceSeries, chart_arrays

LESSON = recipe.LESSON_SERIES
DATED = PriceSeries(
    "업로드",
    tuple(100.0 + 0.5 * i for i in range(40)),
    dates=tuple(f"2024-01-{d:02d}" for d in range(1, 32)) + tuple(f"2024-02-{d:02d}" for d in range(1, 10)),
)


def as_before(series):
    """The page's arguments before: lists and tuples."""
    return (list(series.dates) if series.dates else list(range(len(series)))), series.values, series.clean


@pytest.mark.parametrize("series", [LESSON, DATED], ids=["lesson", "dated"])
def test_the_charts_are_the_same_from_arrays(series):
    x, prices, clean = chart_arrays(series)
    assert figs.price_series(x, prices, clean) == figs.price_series(*as_before(series))
    old_x = as_before(series)[0]
    test_days = np.arange(len(series) - 8, len(series))
    pred = np.asarray(series.values[-8:]) + 1.0
    old = prediction_chart(old_x, series.values, [old_x[d] for d in test_days], pred, old_x[-8], 1.5, 2.0)
    new = prediction_chart(x, prices, x[test_days], pred, x[len(series) - 8], 1.5, 2.0)
    assert new == old


def test_the_cache_key_of_an_array_is_one_hash_not_a_walk():
    x, prices, clean = chart_arrays(LESSON)
    for arr in (x, prices, clean):
        key = content_key(arr)
        assert key[0] == "ndarray" and len(key) == 4
    assert content_key(chart_arrays(LESSON)) == content_key((x, prices, clean))  # same content, same key
    assert chart_arrays(LESSON)[1].tolist() == list(LESSON.values)
