"""Figures of the GRU page's comparisons: learning curves, training times and parameter counts
of RNN, LSTM and GRU."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from seqcore.figures.gradients import log_axis
from seqcore.figures.style import TEMPLATE, model_color, readable


def loss_axis(*series: Sequence[float]) -> dict:
    """A log axis for losses: labels at 1, 2, 5 × 10^k when the range is under two decades
    (powers of ten alone would leave one label), else figures.gradients.log_axis."""
    values = [v for s in series for v in s if v > 0 and math.isfinite(v)]
    if not values or math.log10(max(values) / min(values)) >= 2:
        return log_axis(*series)
    lo, hi = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    ticks = [
        m * 10.0**k for k in range(lo, hi + 1) for m in (1, 2, 5) if min(values) <= m * 10.0**k <= max(values)
    ]
    return {"type": "log", "tickvals": ticks, "ticktext": [f"{t:g}" for t in ticks], "minorloglabels": "none"}


def learning_curves(
    losses: dict[str, Sequence[float]], title: str = "RNN vs LSTM vs GRU 학습 곡선 비교"
) -> go.Figure:
    """The lesson's comparison chart: one loss line per model."""
    fig = go.Figure()
    for kind, values in losses.items():
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=list(values),
                mode="lines",
                name=kind,
                line={"color": model_color(kind)},
            )
        )
    fig.update_layout(title=title, xaxis_title="에포크", yaxis_title="손실 (MSE)", template=TEMPLATE)
    fig.update_yaxes(**loss_axis(*losses.values()))

    return readable(fig)


def time_bars(seconds: dict[str, float]) -> go.Figure:
    """Measured training time per model."""
    kinds = list(seconds)
    fig = go.Figure(
        go.Bar(
            x=kinds,
            y=[seconds[k] for k in kinds],
            text=[f"{seconds[k]:.2f}초" for k in kinds],
            textposition="outside",
            marker_color=[model_color(k) for k in kinds],
        )
    )
    fig.update_layout(title="측정한 학습 시간", yaxis_title="초", template=TEMPLATE)
    return readable(fig)


def param_bars(formula: dict[str, int], counted: dict[str, int]) -> go.Figure:
    """Parameters per model: the formula and count_params of the real module, side by side."""
    kinds = list(counted)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name="공식",
            x=kinds,
            y=[formula[k] for k in kinds],
            marker_color="#b0bec5",
            text=[f"{formula[k]:,}" for k in kinds],
            textposition="outside",
        )
    )
    # One colour per trace: a legend shows one swatch per trace, so per-bar colours would mislead.
    fig.add_trace(
        go.Bar(
            name="count_params (실제 모듈)",
            x=kinds,
            y=[counted[k] for k in kinds],
            marker_color="#1a73e8",
            text=[f"{counted[k]:,}" for k in kinds],
            textposition="outside",
        )
    )
    fig.update_layout(title="파라미터 수 비교", yaxis_title="파라미터 수", barmode="group", template=TEMPLATE)
    return readable(fig)
