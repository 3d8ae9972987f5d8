"""A class opening the stock page: every session draws the figures built once for the default
run (seqcore.ui.charts.FIGURES), keyed by content: a second new session builds none."""

from collections import Counter

from apphelp import open_page, vega_specs

from seqcore.core.cache import bounded
from seqcore.figures import stock as figs
from seqcore.figures import stock_prediction
from seqcore.ui.charts import FIGURES

PAGE = "pages/stock.py"


def counting(fn, calls: Counter):
    def wrapper(*args, **kwargs):
        calls[fn.__name__] += 1
        return fn(*args, **kwargs)

    # the figure cache names an entry by the function's module and name: keep them
    wrapper.__module__, wrapper.__qualname__, wrapper.__name__ = fn.__module__, fn.__qualname__, fn.__name__
    return wrapper


def test_two_new_sessions_share_the_stock_page_s_figures(monkeypatch):
    open_page(PAGE)  # the default run trained (or waited for), as at start-up
    calls = Counter()
    for module, name in ((figs, "price_series"), (figs, "learning_curve"), (figs, "metric_bars")):
        monkeypatch.setattr(module, name, counting(getattr(module, name), calls))
    monkeypatch.setattr(
        stock_prediction, "prediction_chart", counting(stock_prediction.prediction_chart, calls)
    )
    bounded(FIGURES).clear()
    first, second = open_page(PAGE), open_page(PAGE)
    assert not first.exception and not second.exception
    assert calls == Counter(price_series=1, learning_curve=1, metric_bars=1, prediction_chart=1)
    assert len(vega_specs(first)) == 4
    assert sent(first) == sent(second)  # the same specs and the same Arrow bytes


def sent(at) -> list:
    """What each Vega-Lite chart sent: its spec's text and its datasets' bytes."""
    return [
        (el.proto.spec, [(d.name, d.data.data) for d in el.proto.datasets])
        for el in at.get("vega_lite_chart")
    ]
