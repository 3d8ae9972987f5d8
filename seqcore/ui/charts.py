"""Figures built once per input: `ui.chart(fig_fn, *args, key=...)` draws a cached figure.

Building a plotly figure is most of a warm page rerun's server time (py-spy of warm opens: the
stock page spent about half of its time in plotly's constructors, update_layout and the copies
behind them). A figure function is pure (seqcore/figures), so the same inputs give the same
figure: the figure is built once per distinct input (core.cache.content_key), kept process-wide
in the bounded FIGURES store and shared by every session, and frozen (figures.frozen.freeze), so
that drawing it again does not even copy it. A Vega-Lite spec (a dict: seqcore.figures.vega) is
cached the same way, its inline rows turned into Arrow once (`arrow_rows`), which
st.vega_lite_chart would otherwise redo on every draw; it copies the spec before it changes
anything. Only `ui.chart` ever holds a cached figure, and it only draws it: nothing can modify a
shared figure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st
from streamlit import dataframe_util

from seqcore.core.cache import CacheStore, bounded, memoized
from seqcore.figures import vega
from seqcore.figures.frozen import freeze
from seqcore.ui import projector

# Every chart of every page for the configurations learners use: a figure is tens of KB.
FIGURES = CacheStore("figures", max_entries=256, max_mb=96)


def cached_figure(fn: Callable, *args, **kwargs):
    """`fn(*args, **kwargs)`, built once per distinct input and shared; never modify the result."""

    def build(*a, **k):
        figure = fn(*a, **k)
        return arrow_rows(figure) if isinstance(figure, dict) else freeze(figure)

    return memoized(bounded(FIGURES), f"{fn.__module__}.{fn.__qualname__}", build, args, kwargs)


def arrow_rows(spec: dict) -> dict:
    """`spec` with its top-level inline rows (`data.values`) sent as a named Arrow dataset.

    st.vega_lite_chart moves inline rows into Arrow on every draw (about 4 ms for the stock
    page's 1000 rows, each rerun); a named dataset given as bytes it passes on as they are. The
    name is the bytes' hash, as Streamlit names Altair's datasets. Rows inside layers stay inline.
    """
    values = spec.get("data", {}).get("values")
    if not isinstance(values, list):
        return spec
    data = dataframe_util.convert_anything_to_arrow_bytes(values)
    name = "rows-" + hashlib.sha1(data).hexdigest()[:16]
    return spec | {"data": {"name": name}, "datasets": {**spec.get("datasets", {}), name: data}}


def chart(fn: Callable, *args, key: str, container=None, draw: dict | None = None, **kwargs):
    """Draws `fn(*args, **kwargs)` (a pure figure function), built once: a plotly figure with
    st.plotly_chart, a Vega-Lite spec (a dict, seqcore.figures.vega) with st.vega_lite_chart.

    `draw` holds the Streamlit call's own arguments (on_select, selection_mode, config); the
    return value is that call's (the selection state when on_select is set).
    """
    figure = cached_figure(fn, *args, **kwargs)
    where = container or st
    if isinstance(figure, dict):
        if projector.is_on():  # a shallow copy: the cached spec stays as built
            figure = projector.vega_spec(figure)
        # Facets and concatenations size themselves; a single view fills the column, and so
        # does a vconcat that fits itself to the width (vega.FIT_WIDTH).
        fits = not vega.COMPOSED & figure.keys() or figure.get("autosize") == vega.FIT_WIDTH
        width = "stretch" if fits else "content"
        return where.vega_lite_chart(figure, key=key, width=width, **(draw or {}))
    if projector.is_on():  # a copy laid out with larger text, built once per figure
        figure = projector.plotly_figure(figure)
    return where.plotly_chart(figure, key=key, **(draw or {}))


def diagram(html: str, container=None) -> None:
    """Draws a diagram built as HTML (seqcore.figures.diagrams.chain_html); Graphviz DOT diagrams
    are drawn with st.graphviz_chart."""
    (container or st).html(html)
