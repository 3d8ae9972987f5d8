"""Vega-Lite specs for the charts a page draws before the learner does anything.

A new browser session loads a chart library's code when the page sends its first chart of that
kind: plotly.js costs about 1 s there, Vega-Lite (part of Streamlit) about 0.4 s (bench.browser's
floor, and an A/B of the BiRNN page: its first part drew in a median 1.82 s instead of 3.09 s).
So the charts of a page's first part (and above its parts) are Vega-Lite specs: plain dicts,
data inline, that `ui.chart` draws with st.vega_lite_chart. Charts further in stay plotly, whose
code then loads only when a learner opens that part.

Every function here is pure (numbers in, dict out) and builds on `chart`, so the look (height,
title, legend at the bottom) is set once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

HEIGHT = 320
LEGEND = {"orient": "bottom", "title": None}
COMPOSED = {"facet", "concat", "hconcat", "vconcat", "repeat"}  # views that size themselves


def chart(
    rows: list[dict], *, title: str | Sequence[str] | None = None, height: int = HEIGHT, **spec
) -> dict:
    """One spec: `rows` inline as its data, `spec` the rest (mark/encoding, layer, facet...)."""
    out: dict = {"data": {"values": rows}}
    if title:
        out["title"] = {"text": title, "anchor": "start"}
    if not COMPOSED & spec.keys():
        out["height"] = height
    out.update(spec)
    return out


def field(name: str, kind: str = "quantitative", title: str | None = None, **extra) -> dict:
    """An encoding channel: `kind` is 'quantitative', 'nominal', 'ordinal' or 'temporal'."""
    return {"field": name, "type": kind, "title": title, **extra}


def colors(domain: Sequence[str], palette: Sequence[str] | None = None, legend: dict | None = LEGEND) -> dict:
    """A nominal colour channel on the field 'series', in the order given (and these colours)."""
    scale: dict = {"domain": list(domain)}
    if palette:
        scale["range"] = list(palette)
    return {"field": "series", "type": "nominal", "scale": scale, "legend": legend, "sort": list(domain)}


def finite(value: float, positive: bool = False) -> float | None:
    """`value` as a float for JSON, or None (not drawn) when it is not finite (or not > 0 on a
    log axis, `positive`)."""
    v = float(value)
    if not math.isfinite(v) or (positive and v <= 0):
        return None
    return v


def series_rows(
    series: dict[str, Iterable[float]], x: Sequence | None = None, positive: bool = False, start: int = 0
) -> list[dict]:
    """Long rows {'x', 'y', 'series'} of several named series; x defaults to start, start + 1, ..."""
    rows = []
    for name, values in series.items():
        values = list(values)
        xs = list(x) if x is not None else range(start, start + len(values))
        rows += [{"x": xv, "y": finite(v, positive), "series": name} for xv, v in zip(xs, values)]
    return rows


# Vega's expression for a power of ten as '10⁻¹⁶': the exponent's digits made superscript.
_SUPERSCRIPT = "format(round(log(datum.value) / LN10), 'd')"
for _plain, _sup in zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"):
    _SUPERSCRIPT = f"replace({_SUPERSCRIPT}, regexp('{_plain}', 'g'), '{_sup}')"
POWER_LABEL = f"'10' + {_SUPERSCRIPT}"


def log_axis(values: Iterable[float | None], title: str | None = None, max_labels: int = 8) -> dict:
    """A log-scale y channel labelled only at powers of ten (10⁻²⁸ … 10⁰), a whole number of decades
    apart so that at most `max_labels` labels fit the positive, finite `values`; a range under
    two decades gets Vega's own few plain labels."""
    values = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    axis: dict = {}
    if values and math.log10(max(values) / min(values)) >= 2:
        lo, hi = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
        step = max(1, math.ceil((hi - lo) / (max_labels - 1)))  # labels: hi, hi - step, ... >= lo
        axis = {"values": [10.0**k for k in range(hi, lo - 1, -step)], "labelExpr": POWER_LABEL}
    return field("y", title=title, scale={"type": "log"}, axis=axis)
