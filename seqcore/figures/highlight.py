"""The chosen step, marked the same way in every chart over a sentence's time steps.

A chart over time steps gets a band named STEP_SHAPE over the chosen step (0-based, drawn on
every subplot) and `layout.meta["step"]` (1-based). `move_step` moves the band in place, so a
page builds a figure once per sentence and moves it as the learner steps. Clickable traces
carry the step in `customdata`; `clicked_step` reads it back from a Streamlit selection event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import plotly.graph_objects as go

HIGHLIGHT = "#f9ab00"  # the chosen step / unit, in every chart
STEP_SHAPE = "step"  # the name of the band shapes that follow the chosen step


def add_step_band(
    fig: go.Figure, t: int, subplots: Sequence[tuple[int, int]] = (), fill: bool = True
) -> go.Figure:
    """A highlighted column over step t (0-based) on each (row, col) subplot, or the only plot.

    `fill`: a pale band behind bars and lines; without it a frame drawn over the data, so a
    heatmap's colours stay readable."""
    style = {"line": {"color": HIGHLIGHT, "width": 4}, "name": STEP_SHAPE}
    style |= {"fillcolor": HIGHLIGHT, "opacity": 0.3, "layer": "below"} if fill else {"layer": "above"}
    for row, col in subplots or [(None, None)]:
        fig.add_vrect(x0=t - 0.5, x1=t + 0.5, row=row, col=col, **style)
    fig.update_layout(meta={"step": t + 1})
    return fig


def move_step(fig: go.Figure, t: int) -> go.Figure:
    """Move every step band of `fig` to step t (0-based), in place."""
    with fig.batch_update():
        for shape in fig.layout.shapes:
            if shape.name == STEP_SHAPE:
                shape.update(x0=t - 0.5, x1=t + 0.5)
        fig.layout.meta = {"step": t + 1}
    return fig


def click_layer(x: Sequence, rows: Sequence[str], hover: Sequence[Sequence[str]] | None = None) -> go.Scatter:
    """Invisible markers on every (step, row) cell of a heatmap whose columns are `x`: a heatmap
    cannot be selected by a click, markers can. `hover[row][step]` is each cell's hover text
    (give the heatmap hoverinfo="skip" so that the two do not compete)."""
    steps = len(x)
    return go.Scatter(
        x=[x[t] for _ in rows for t in range(steps)],
        y=[r for r in rows for _ in range(steps)],
        mode="markers",
        marker={"size": 18, "opacity": 0, "symbol": "square"},
        customdata=[t for _ in rows for t in range(steps)],
        text=[h for row in hover for h in row] if hover else None,
        hovertemplate="%{text}<extra></extra>" if hover else "%{x}<extra></extra>",
        showlegend=False,
        unselected={"marker": {"opacity": 0}},
        selected={"marker": {"opacity": 0}},
        name="시점 고르기",
    )


def clicked_step(event) -> int | None:
    """The step (0-based) a Streamlit chart selection points at: customdata, else the x value."""
    points = (event or {}).get("selection", {}).get("points") if isinstance(event, dict) else None
    if not points:
        return None
    point = points[0]
    value = point.get("customdata")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if value is None:
        value = point.get("x")
    try:
        return int(round(float(value)))
    except (TypeError, ValueError):
        return None


def step_table(rows: Sequence[dict], t: int):
    """A table with one row per step (pandas Styler): row t (0-based) shaded like the bands."""
    import pandas as pd  # only the table needs it

    shade = f"background-color: {HIGHLIGHT}55; font-weight: 600"
    styler = pd.DataFrame(list(rows)).style.format(precision=3)  # a Styler's default is 6 decimals
    return styler.apply(lambda r: [shade if r.name == t else "" for _ in r], axis=1)


def selection_signature(event) -> str:
    """A stable text for a selection event, to tell a new click from one already applied."""
    return json.dumps(event, sort_keys=True, default=str)
