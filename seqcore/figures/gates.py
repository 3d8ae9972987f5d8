"""Figures of the LSTM gates: the lesson's simulation beside a trained model's real gates.

Pure functions from data to a plotly Figure."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from seqcore.figures.highlight import add_step_band, click_layer
from seqcore.figures.style import TEMPLATE, readable

GATE_NAMES = {"f": "망각 게이트 f", "i": "입력 게이트 i", "o": "출력 게이트 o"}
GATE_COLORS = {"f": "red", "i": "green", "o": "blue"}  # the lesson's colours
UNIT_COLORS = qualitative.Plotly + qualitative.Dark2  # 18 distinct colours, one per hidden unit

# The lesson's 1.4 gate chart ('LSTM 게이트 시각화'): made-up values, shown only as an illustration.
SIMULATED_STEPS = ["나는", "고양이를", "좋아한다", ".", "강아지도", "좋다", "."]
SIMULATED_GATES = {
    "f": [0.9, 0.8, 0.7, 0.3, 0.9, 0.8, 0.3],
    "i": [0.9, 0.9, 0.8, 0.1, 0.9, 0.8, 0.1],
    "o": [0.5, 0.8, 0.9, 0.2, 0.8, 0.9, 0.2],
}


_BAR_LAYOUT = {
    "xaxis_title": "단어 (시점)",
    "yaxis_title": "게이트 값 (0~1)",
    "yaxis_range": [0, 1],
    "barmode": "group",
    "xaxis_tickangle": -40,  # step labels ("3 좋아한다") would run into each other
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    "margin": {"t": 90},
    "template": TEMPLATE,
    "hovermode": "x",  # a click anywhere in a step's column picks that step, not only on a bar
}


def step_labels(tokens: Sequence[str]) -> list[str]:
    """Unique x labels: '1 나는', '2 고양이를', ... (repeated words would merge otherwise)."""
    return [f"{t + 1} {tok}" for t, tok in enumerate(tokens)]


def gate_heatmaps(states: dict[str, np.ndarray], tokens: Sequence[str], step: int | None = None) -> go.Figure:
    """f, i, o as heatmaps: hidden units (rows) x steps (columns), 0~1.

    With `step` (0-based) that column is banded in every row and a click on any cell picks
    its step (seqcore.figures.highlight)."""
    x = step_labels(tokens)
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[GATE_NAMES[g] for g in GATE_NAMES],
    )
    for row, g in enumerate(GATE_NAMES, start=1):
        values = np.asarray(states[g]).T  # (H, T)
        units = [f"유닛 {u}" for u in range(values.shape[0])]
        fig.add_trace(
            go.Heatmap(
                z=values,
                x=x,
                y=units,
                zmin=0,
                zmax=1,
                colorscale="Viridis",
                showscale=row == 1,
                colorbar={"title": "값"},
                name=GATE_NAMES[g],
                hovertemplate="%{x}<br>%{y}<br>값 %{z:.3f}<extra>" + GATE_NAMES[g] + "</extra>",
                hoverinfo="skip" if step is not None else None,
            ),
            row=row,
            col=1,
        )
        if step is not None:
            hover = [
                [f"{x[t]}<br>{units[u]}<br>{GATE_NAMES[g]} {values[u, t]:.3f}" for t in range(len(x))]
                for u in range(len(units))
            ]
            fig.add_trace(click_layer(x, units, hover), row=row, col=1)
    fig.update_xaxes(tickangle=-40)
    fig.update_layout(title="실제 게이트 값 (은닉 유닛 × 시점)", height=620, template=TEMPLATE)
    if step is not None:
        add_step_band(fig, step, [(row, 1) for row in range(1, 4)], fill=False)
    return readable(fig)


def gate_mean_bars(
    states: dict[str, np.ndarray], tokens: Sequence[str], step: int | None = None
) -> go.Figure:
    """Mean over hidden units of each gate, per step: the real counterpart of the lesson's chart.

    With `step` (0-based) that step is banded; every bar carries its step for a click."""
    x = step_labels(tokens)
    fig = go.Figure()
    for g in GATE_NAMES:
        mean = np.asarray(states[g]).mean(axis=1)  # (T,)
        fig.add_trace(
            go.Bar(
                name=GATE_NAMES[g],
                x=x,
                y=mean,
                marker_color=GATE_COLORS[g],
                customdata=list(range(len(x))),
                unselected={"marker": {"opacity": 1}},
            )
        )
    fig.update_layout(title="실제 게이트 평균 (학습된 LSTM, 유닛 평균)", **_BAR_LAYOUT)
    if step is not None:
        add_step_band(fig, step)
    return readable(fig)


def simulation_vs_real(states: dict[str, np.ndarray]) -> go.Figure:
    """The lesson's made-up gates above the trained model's real ones, on the lesson's sentence.

    `states` must be the trace of the lesson's own sentence (SIMULATED_STEPS), so that both
    rows show the same words; a learner's sentence gets its own chart (gate_mean_bars).
    """
    if len(np.asarray(states["f"])) != len(SIMULATED_STEPS):
        raise ValueError(f"states must cover the lesson's {len(SIMULATED_STEPS)} steps")
    x = step_labels(SIMULATED_STEPS)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=["강의의 시뮬레이션 (지어낸 값)", "학습된 LSTM의 실제 값 (유닛 평균)"],
    )
    for g in GATE_NAMES:
        real = np.asarray(states[g]).mean(axis=1)  # (T,)
        for row, values, opacity in ((1, SIMULATED_GATES[g], 0.55), (2, real, 1.0)):
            fig.add_trace(
                go.Bar(
                    name=GATE_NAMES[g],
                    x=x,
                    y=values,
                    marker_color=GATE_COLORS[g],
                    opacity=opacity,
                    legendgroup=g,
                    showlegend=row == 1,
                ),
                row=row,
                col=1,
            )
    fig.update_yaxes(range=[0, 1], title_text="게이트 값")
    fig.update_xaxes(tickangle=-40)
    fig.update_layout(
        title="같은 문장, 강의의 시뮬레이션 vs 실제 게이트",
        barmode="group",
        height=520,
        # below the chart: above it, a phone wraps the legend into the title
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
        margin={"t": 80, "b": 40},
        template=TEMPLATE,
    )
    return readable(fig)


def state_lines(states: dict[str, np.ndarray], tokens: Sequence[str], step: int | None = None) -> go.Figure:
    """Cell state C_t and hidden state h_t of every unit over the steps (`step`: banded, 0-based)."""
    x = step_labels(tokens)
    # Stacked, not side by side: at half width the step labels ran into each other.
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=[
            "셀 상태 C<sub>t</sub>",
            "은닉 상태 h<sub>t</sub> = o<sub>t</sub> · tanh(C<sub>t</sub>)",
        ],
    )
    for row, key in enumerate(("c", "h"), start=1):
        values = np.asarray(states[key])  # (T, H)
        for u in range(values.shape[1]):
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=values[:, u],
                    mode="lines+markers",
                    name=f"유닛 {u}",
                    line={"color": UNIT_COLORS[u % len(UNIT_COLORS)]},  # a unit keeps its colour in both rows
                    legendgroup=f"u{u}",
                    showlegend=row == 1,
                    customdata=list(range(len(x))),
                    unselected={"marker": {"opacity": 1}},
                ),
                row=row,
                col=1,
            )
    fig.update_xaxes(tickangle=-40)
    # hovermode "x": a click anywhere in a step's column picks that step, not only on a marker
    fig.update_layout(title="시점별 셀 상태와 은닉 상태", height=560, template=TEMPLATE, hovermode="x")
    if step is not None:
        add_step_band(fig, step, [(1, 1), (2, 1)])
    return readable(fig)


def gate_profile_bars(profile: dict[str, dict[str, float]]) -> go.Figure:
    """Mean f, i, o per kind of token over many held-out sentences."""
    cats = list(profile)
    fig = go.Figure()
    for g in GATE_NAMES:
        fig.add_trace(
            go.Bar(name=GATE_NAMES[g], x=cats, y=[profile[c][g] for c in cats], marker_color=GATE_COLORS[g])
        )
    fig.update_layout(
        title="단어 종류별 게이트 평균 (검증 문장 전체)",
        yaxis_title="게이트 값 (0~1)",
        yaxis_range=[0, 1],
        barmode="group",
        template=TEMPLATE,
    )
    return readable(fig)
