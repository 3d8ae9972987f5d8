"""Figures built once per input: `ui.chart(fig_fn, *args, key=...)` draws a cached figure.

Building a plotly figure was the largest cost of a warm rerun once Streamlit's post-run garbage
collection was off (38.6% of the server's time at 20 learners, half of it copying the template).
A figure function is pure (seqcore/figures), so the same inputs give the same figure: the Figure
object is kept process-wide (st.cache_resource, bounded) and shared by every session, and only
the drawing happens on each rerun. Arguments must be hashable or picklable (Streamlit's rule).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

MAX_FIGURES = 256  # cached figures across all pages (a figure is tens of KB)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _figure(module: str, name: str, args: tuple, kwargs: tuple):
    import importlib

    fn = importlib.import_module(module)
    for part in name.split("."):
        fn = getattr(fn, part)
    return fn(*args, **dict(kwargs))


def cached_figure(fn: Callable, *args, **kwargs):
    """`fn(*args, **kwargs)`, built once per distinct input and shared; never modify the result."""
    return _figure(fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))


def chart(fn: Callable, *args, key: str, container=None, **kwargs) -> None:
    """Draws `fn(*args, **kwargs)` (a pure figure function) with st.plotly_chart, built once."""
    (container or st).plotly_chart(cached_figure(fn, *args, **kwargs), key=key)
