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
from datetime import date

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


def day_axis(days: Sequence, title: str | None = None, **extra) -> dict:
    """The 'x' channel of a chart over days: ISO date strings ('2024-01-31') are temporal, on a
    UTC scale (Vega reads a bare date as UTC midnight: the day stays that day in every time
    zone); day numbers are quantitative."""
    scale = extra.pop("scale", {})
    if len(days) and isinstance(days[0], str):
        return field("x", "temporal", title, scale={"type": "utc", **scale}, axis=date_ticks(days), **extra)
    return field("x", title=title, **({"scale": scale} if scale else {}), **extra)


def date_ticks(days: Sequence[str], max_ticks: int = 8) -> dict:
    """An axis over ISO dates whose every label says which year: a tick each year or each few
    months (at most about `max_ticks`), labelled '2017' or '2017-04'. (Vega's own labels name
    the year only at a January tick, which quarterly ticks thinned to fit may all lose.)"""
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    months = (last.year - first.year) * 12 + last.month - first.month
    if months >= 36:
        step = math.ceil((last.year - first.year + 1) / max_ticks)
        return {"tickCount": {"interval": "year", "step": step}, "format": "%Y"}
    if months >= 3:
        return {
            "tickCount": {"interval": "month", "step": math.ceil(months / max_ticks)},
            "format": "%Y-%m",
        }
    return {"format": "%m-%d"}


def day_tooltip(days: Sequence, title: str | None = None) -> dict:
    """A tooltip entry for the day on `day_axis`: the date as YYYY-MM-DD (UTC), or the number."""
    if len(days) and isinstance(days[0], str):
        return field("x", "temporal", title, timeUnit="utcyearmonthdate", format="%Y-%m-%d")
    return field("x", title=title, format="d")


# Text marks' size, set once per spec (config.text) rather than on each mark: a mark's own fontSize
# would win over the larger size that projector mode merges into the config (ui.projector.VEGA_CONFIG).
TEXT_CONFIG = {"text": {"fontSize": 12}}


def rule_at(x: dict, kind: str, color: str, label: str | None = None, side: str = "right") -> list[dict]:
    """Layers of a dotted vertical rule at the rows whose 'kind' is `kind` (each row's 'x'), and its
    `label` written at the top of the plot, just to the `side` ('right' or 'left') of the rule. The
    label's size is the spec's `config.text.fontSize` (TEXT_CONFIG), which projector mode enlarges."""
    keep = [{"filter": {"field": "kind", "equal": kind}}]
    layers: list[dict] = [
        {"transform": keep, "mark": {"type": "rule", "color": color, "strokeDash": [3, 3], "strokeWidth": 1.5},
         "encoding": {"x": x}}
    ]  # fmt: skip
    if label:
        layers.append(
            {"transform": keep,
             "mark": {"type": "text", "text": label, "align": "left" if side == "right" else "right",
                      "baseline": "top", "dx": 4 if side == "right" else -4, "y": 4,
                      "color": color},
             "encoding": {"x": x}}
        )  # fmt: skip
    return layers


# A vconcat of layered views that fills its column's width (ui.chart draws a spec that says so
# with width="stretch"): Streamlit leaves such a spec's autosize alone, sets each view's width to
# the column's, and fit-x then fits the views' axes and padding into that width too.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
