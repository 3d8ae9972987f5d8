"""Figures of the vanishing-gradient page: simulated and real gradients, the long-dependency
accuracies, truncated BPTT and gradient clipping.

Pure functions: data in, a plotly figure or a Vega-Lite spec out. No Streamlit, no training.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures import vega
from seqcore.figures.style import TEMPLATE, model_color, model_name, readable


def _finite(values: Sequence[float | None], positive: bool = False) -> list[float | None]:
    """Plotly cannot draw inf/nan (nor, with `positive`, values <= 0): they become gaps."""
    return [None if v is None else vega.finite(v, positive) for v in values]


def log_axis(*series: Sequence[float], max_labels: int = 8) -> dict:
    """A log axis labelled only at powers of ten (10⁻²⁸ … 10⁰), never with minor digits (9 8 7 …).

    The step between labels is a whole number of decades, chosen so that at most
    `max_labels` labels fit the range of the positive, finite values given.
    """
    values = [v for s in series for v in s if v is not None and math.isfinite(v) and v > 0]
    decades = math.log10(max(values) / min(values)) if values else 1.0
    if decades < 2:  # too narrow for labels at powers of ten only: a few plain labels instead
        return dict(type="log", exponentformat="power", nticks=5, minorloglabels="none")
    dtick = max(1, math.ceil(decades / max_labels))
    return dict(type="log", dtick=dtick, exponentformat="power", showexponent="all", minorloglabels="none")


def gradient_simulation(
    results: dict[str, list[float]], log_y: bool = True, multiplier: float | None = None
) -> dict:
    """The lesson's chart: simulated gradient size per time step, one line per sequence length.

    Vega-Lite (seqcore.figures.vega): the vanishing-gradient page's first chart."""
    rows = vega.series_rows(results, positive=log_y)
    y = (
        vega.log_axis((r["y"] for r in rows), "그래디언트 크기")
        if log_y
        else vega.field("y", title="그래디언트 크기")
    )
    title = ["기울기 소실 시뮬레이션:", "시퀀스 길이별 그래디언트 크기"]  # short lines: a phone's width
    if multiplier is not None:
        title.append(f"(한 시점마다 × {multiplier:g})")
    return vega.chart(
        rows,
        title=title,
        height=420,  # three title lines and a two-row legend leave the plot about 250 px
        padding={"left": 12, "right": 6, "top": 6, "bottom": 6},  # room for the rotated y-axis title
        mark={"type": "line", "interpolate": "linear"},
        encoding={
            "x": vega.field("x", title="시점 (Time Step)"),
            "y": y,
            "color": vega.colors(list(results), legend={**vega.LEGEND, "columns": 2}),
            "tooltip": [
                vega.field("series", "nominal", "길이"),
                vega.field("x", title="시점"),
                vega.field("y", title="그래디언트", format=".3e"),
            ],
        },
    )


def gradient_norms(norms: dict[str, list[float]], log_y: bool = True) -> go.Figure:
    """Real ||dL/dx_t|| per time step, one trace per model."""
    fig = go.Figure()
    for kind, values in norms.items():
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=_finite(values, positive=True),
                mode="lines",
                name=model_name(kind),
                line=dict(color=model_color(kind)),
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title="각 시점 입력이 받은 그래디언트 ‖∂L/∂x_t‖ (손실은 마지막 시점)",
        xaxis_title="시점 t (오른쪽 끝이 마지막 시점)",
        yaxis_title="그래디언트 크기",
        legend=dict(orientation="h", y=1.08),
    )
    fig.update_yaxes(**log_axis(*norms.values()) if log_y else dict(type="linear"))
    return readable(fig)


def dependency_accuracy(
    lengths: Sequence[int], accuracy: dict[str, list[float]], chance: float = 0.5
) -> go.Figure:
    """Test accuracy against sequence length, one line per model, with the chance level."""
    fig = go.Figure()
    for kind, acc in accuracy.items():
        fig.add_trace(
            go.Scatter(
                x=list(lengths),
                y=list(acc),
                mode="lines+markers",
                name=model_name(kind),
                line=dict(color=model_color(kind), width=3),
                marker=dict(size=9),
            )
        )
    fig.add_hline(y=chance, line_dash="dash", line_color="gray", annotation_text=f"찍기 수준 ({chance:.0%})")
    fig.update_layout(
        template=TEMPLATE,
        title="시퀀스 길이별 테스트 정확도",
        xaxis_title="시퀀스 길이",
        yaxis_title="정확도",
        yaxis_range=[0.3, 1.05],
        yaxis_tickformat=".0%",
        legend=dict(orientation="h", y=1.1),
    )
    return readable(fig)


def clipping_runs(
    runs: dict[str, dict[str, list[float]]], max_norm: float, baseline: float | None = None
) -> go.Figure:
    """Gradient norm (before clipping) and loss per step, with and without clipping.

    runs: {label: {"grad_norm": [...], "loss": [...]}}; `baseline`: the loss of predicting 0.
    """
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("스텝별 그래디언트 노름 (클리핑 전)", "스텝별 학습 손실")
    )
    palette = ["#d93025", "#1a73e8"]
    for (label, run), color in zip(runs.items(), palette):
        steps = list(range(1, len(run["grad_norm"]) + 1))
        fig.add_trace(
            go.Scatter(
                x=steps, y=_finite(run["grad_norm"]), name=label, legendgroup=label, line=dict(color=color)
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=_finite(run["loss"]),
                name=label,
                legendgroup=label,
                line=dict(color=color),
                showlegend=False,
            ),
            row=1,
            col=2,
        )
    fig.add_hline(
        y=max_norm,
        line_dash="dash",
        line_color="gray",
        row=1,
        col=1,
        annotation_text=f"max_norm={max_norm:g}",
    )
    fig.update_yaxes(**log_axis(*(r["grad_norm"] for r in runs.values()), [max_norm]), row=1, col=1)
    if baseline is not None:
        fig.add_hline(
            y=baseline,
            line_dash="dot",
            line_color="#188038",
            row=1,
            col=2,
            annotation_text=f"항상 0을 예측: {baseline:.3g}",
        )
    losses = [*(r["loss"] for r in runs.values()), [baseline] if baseline else []]
    fig.update_yaxes(**log_axis(*losses), row=1, col=2)
    fig.update_xaxes(title_text="학습 스텝")
    fig.update_layout(template=TEMPLATE, height=430, legend=dict(orientation="h", y=-0.25))
    return readable(fig)


def tbptt_accuracy(windows: Sequence[int], accuracy: Sequence[float], lag: int) -> go.Figure:
    """Test accuracy of the echo task per truncation window k, with the lag and chance marked."""
    colors = ["#9aa0a6" if k <= lag else "#1a73e8" for k in windows]
    fig = go.Figure(
        go.Bar(
            x=[f"k = {k}" for k in windows],
            y=list(accuracy),
            marker_color=colors,
            text=[f"{a:.0%}" for a in accuracy],
            textposition="outside",
        )
    )
    fig.add_hline(
        y=0.5,
        line_dash="dash",
        line_color="gray",
        annotation_text="찍기 수준 (50%)",
        annotation_position="bottom right",
    )
    fig.update_layout(
        template=TEMPLATE,
        title=f"잘린 BPTT: k마다 lag = {lag} 전의 값을 기억했나요? (회색: k ≤ lag)",
        xaxis_title="detach() 간격 k",
        yaxis_title="테스트 정확도",
        yaxis_range=[0, 1.1],
        yaxis_tickformat=".0%",
        height=360,
    )
    return readable(fig)


def truncated_reach(reach: Sequence[float], k: int) -> go.Figure:
    """|dL/dx_t| of a loss on the last step under truncated BPTT: zero outside the last chunk."""
    steps = list(range(1, len(reach) + 1))
    colors = ["#1a73e8" if v > 0 else "#d93025" for v in reach]
    fig = go.Figure(go.Bar(x=steps, y=list(reach), marker_color=colors, name="그래디언트 크기"))
    zeros = [t for t, v in zip(steps, reach) if v == 0]
    fig.add_trace(
        go.Scatter(
            x=zeros,
            y=[0] * len(zeros),
            mode="markers",
            name="정확히 0 (detach 이전 조각)",
            marker=dict(symbol="x", size=8, color="#d93025"),
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=f"k = {k}: 각 입력이 받은 그래디언트 (빨강 × = 정확히 0)",
        xaxis_title="시점 t",
        yaxis_title="|∂L/∂x_t|",
        height=320,
        legend=dict(orientation="h", y=1.12),
    )
    return readable(fig)
