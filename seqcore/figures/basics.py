"""Plotly figures for the Part 1 pages (sequence data, RNN, vanishing gradient).

Pure functions: data in, go.Figure out. No Streamlit, no training.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures import vega
from seqcore.figures.style import TEMPLATE, model_color, model_name

A_COLOR, B_COLOR = "#1a73e8", "#f29900"


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


def sequence_examples(examples: dict[str, list]) -> dict:
    """The lesson's four sequences in a 2x2 grid; a list of strings is drawn as tokens.

    Vega-Lite (seqcore.figures.vega): the sequence-data page's first chart."""
    rows = []
    for name, values in examples.items():
        tokens = all(isinstance(v, str) for v in values)
        rows += [
            {"panel": name, "t": t, "y": 0.0 if tokens else float(v), "token": v if tokens else None}
            for t, v in enumerate(values, start=1)
        ]
    x = vega.field("t", title="순서 (t)", axis={"tickMinStep": 1, "format": "d"}, scale={"zero": False})
    views = []
    for name, values in examples.items():
        view: dict = {
            "title": name,
            "width": 300,
            "height": 140,
            "transform": [{"filter": {"field": "panel", "equal": name}}],
        }
        if all(isinstance(v, str) for v in values):  # tokens: dots in order, each with its word
            point = {"x": x, "y": vega.field("y", title=None, axis=None)}
            view["layer"] = [
                {"mark": {"type": "point", "filled": True, "size": 180, "color": A_COLOR}, "encoding": point},
                {
                    "mark": {"type": "text", "dy": -18, "fontSize": 14},
                    "encoding": {**point, "text": {"field": "token"}},
                },
            ]
        else:
            view["mark"] = {"type": "line", "point": True}
            view["encoding"] = {"x": x, "y": vega.field("y", title=None, scale={"zero": False})}
        views.append(view)
    # Rows of two (Streamlit's Vega-Lite draws nothing for a wrapped "concat" with "columns").
    return vega.chart(rows, vconcat=[{"hconcat": views[i : i + 2]} for i in range(0, len(views), 2)])


def order_comparison(comp, label_a: str = "문장 A", label_b: str = "문장 B") -> dict:
    """Bag of words, mean vector and the RNN's final hidden state, side by side for A and B.

    Vega-Lite (seqcore.figures.vega): three panels, each with its own x (words, d0.., h0..)."""
    verdict = {True: "같음", False: "다름"}
    panels = [
        (f"단어 가방 (순서 무시): {verdict[comp.bow_equal]}", comp.vocab, comp.bow_a, comp.bow_b),
        (f"단어 벡터 평균 (순서 무시): {verdict[comp.mean_equal]}",
         [f"d{i}" for i in range(len(comp.mean_a))], comp.mean_a, comp.mean_b),
        (f"nn.RNN 마지막 은닉 상태: {verdict[comp.h_equal]}", [f"h{i}" for i in range(len(comp.h_a))], comp.h_a, comp.h_b),
    ]  # fmt: skip
    rows = [
        {"panel": title, "x": x, "y": float(v), "series": label}
        for title, xs, a, b in panels
        for label, values in ((label_a, a), (label_b, b))
        for x, v in zip(xs, np.asarray(values).tolist())
    ]
    views = [
        {"title": title, "width": 230, "height": 240, "mark": "bar",
         "transform": [{"filter": {"field": "panel", "equal": title}}],
         "encoding": {
             "x": vega.field("x", "nominal", None, sort=list(dict.fromkeys(xs)), axis={"labelAngle": 0}),
             "xOffset": {"field": "series", "sort": [label_a, label_b]},
             "y": vega.field("y", title=None),
             "color": vega.colors((label_a, label_b), (A_COLOR, B_COLOR)),
             "tooltip": [vega.field("series", "nominal", "문장"), vega.field("x", "nominal", "항목"),
                         vega.field("y", title="값", format=".4f")],
         }}
        for title, xs, _, _ in panels
    ]  # fmt: skip
    return vega.chart(rows, hconcat=views, resolve={"scale": {"y": "independent"}})


def hidden_heatmap(h: np.ndarray, step_labels: Sequence[str] | None = None, title: str = "") -> go.Figure:
    """Hidden state over time: x = time step, y = hidden unit, colour = value in (-1, 1)."""
    h = np.asarray(h)  # (T, H)
    steps = list(step_labels) if step_labels is not None else [f"t={t}" for t in range(1, h.shape[0] + 1)]
    fig = go.Figure(
        go.Heatmap(
            z=h.T.tolist(), x=steps, y=[f"h{i}" for i in range(h.shape[1])],
            zmin=-1, zmax=1, colorscale="RdBu", reversescale=True, colorbar=dict(title="값"),
        )
    )  # fmt: skip
    fig.update_layout(template=TEMPLATE, title=title or "시점별 은닉 상태 h_t", xaxis_title="시점",
                      yaxis_title="은닉 유닛", height=max(260, 18 * h.shape[1] + 120))  # fmt: skip
    return fig


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
    title = ["기울기 소실 문제: 시퀀스 길이에 따른 그래디언트 크기 (시뮬레이션)"]
    if multiplier is not None:
        title.append(f"한 시점마다 곱하는 배수 {multiplier:g}")
    return vega.chart(
        rows, title=title, height=360, mark={"type": "line", "interpolate": "linear"},
        encoding={
            "x": vega.field("x", title="시점 (Time Step)"), "y": y, "color": vega.colors(list(results)),
            "tooltip": [vega.field("series", "nominal", "길이"), vega.field("x", title="시점"),
                        vega.field("y", title="그래디언트", format=".3e")],
        },
    )  # fmt: skip


def gradient_norms(norms: dict[str, list[float]], log_y: bool = True) -> go.Figure:
    """Real ||dL/dx_t|| per time step, one trace per model."""
    fig = go.Figure()
    for kind, values in norms.items():
        fig.add_trace(
            go.Scatter(x=list(range(1, len(values) + 1)), y=_finite(values, positive=True),
                       mode="lines", name=model_name(kind), line=dict(color=model_color(kind)))
        )  # fmt: skip
    fig.update_layout(template=TEMPLATE, title="마지막 시점의 손실이 각 시점 입력에 주는 그래디언트 ‖∂L/∂x_t‖",
                      xaxis_title="시점 t (오른쪽 끝이 마지막 시점)", yaxis_title="그래디언트 크기",
                      legend=dict(orientation="h", y=1.08))  # fmt: skip
    fig.update_yaxes(**log_axis(*norms.values()) if log_y else dict(type="linear"))
    return fig


def dependency_accuracy(
    lengths: Sequence[int], accuracy: dict[str, list[float]], chance: float = 0.5
) -> go.Figure:
    """Test accuracy against sequence length, one line per model, with the chance level."""
    fig = go.Figure()
    for kind, acc in accuracy.items():
        fig.add_trace(
            go.Scatter(x=list(lengths), y=list(acc), mode="lines+markers", name=model_name(kind),
                       line=dict(color=model_color(kind), width=3), marker=dict(size=9))
        )  # fmt: skip
    fig.add_hline(y=chance, line_dash="dash", line_color="gray", annotation_text=f"찍기 수준 ({chance:.0%})")
    fig.update_layout(template=TEMPLATE, title="시퀀스 길이별 테스트 정확도", xaxis_title="시퀀스 길이",
                      yaxis_title="정확도", yaxis_range=[0.3, 1.05], yaxis_tickformat=".0%",
                      legend=dict(orientation="h", y=1.1))  # fmt: skip
    return fig


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
        fig.add_trace(go.Scatter(x=steps, y=_finite(run["grad_norm"]), name=label, legendgroup=label,
                                 line=dict(color=color)), row=1, col=1)  # fmt: skip
        fig.add_trace(go.Scatter(x=steps, y=_finite(run["loss"]), name=label, legendgroup=label,
                                 line=dict(color=color), showlegend=False), row=1, col=2)  # fmt: skip
    fig.add_hline(y=max_norm, line_dash="dash", line_color="gray", row=1, col=1,
                  annotation_text=f"max_norm={max_norm:g}")  # fmt: skip
    fig.update_yaxes(**log_axis(*(r["grad_norm"] for r in runs.values()), [max_norm]), row=1, col=1)
    if baseline is not None:
        fig.add_hline(y=baseline, line_dash="dot", line_color="#188038", row=1, col=2,
                      annotation_text=f"항상 0을 예측: {baseline:.3g}")  # fmt: skip
    losses = [*(r["loss"] for r in runs.values()), [baseline] if baseline else []]
    fig.update_yaxes(**log_axis(*losses), row=1, col=2)
    fig.update_xaxes(title_text="학습 스텝")
    fig.update_layout(template=TEMPLATE, height=430, legend=dict(orientation="h", y=-0.25))
    return fig


def direction_reach(reach) -> dict:
    """Grouped bars: per token, how far each direction's output moved (seqcore.basics.birnn.Reach).

    Vega-Lite (seqcore.figures.vega): the BiRNN page's first chart."""
    labels = [f"{i}: {t}" for i, t in enumerate(reach.tokens)]
    directions = ("순방향 (→) 출력 변화", "역방향 (←) 출력 변화")
    rows = vega.series_rows(dict(zip(directions, (reach.forward, reach.backward))), x=labels)
    return vega.chart(
        rows, title=f"'{reach.tokens[reach.changed]}'를 바꾸면 각 시점의 출력이 얼마나 바뀌나요?", height=300,
        mark="bar",
        encoding={
            "x": vega.field("x", "nominal", None, sort=labels, axis={"labelAngle": 0}),
            "xOffset": {"field": "series", "sort": list(directions)},
            "y": vega.field("y", title="평균 |변화량|"),
            "color": vega.colors(directions, (A_COLOR, B_COLOR)),
            "tooltip": [vega.field("x", "nominal", "시점"), vega.field("series", "nominal", "방향"),
                        vega.field("y", title="평균 |변화량|", format=".4f")],
        },
    )  # fmt: skip


def next_step_leak(res) -> go.Figure:
    """Test MSE of next-step prediction, whole window given vs past only, with the noise floor σ²."""
    fig = go.Figure()
    ways = (
        ("창 전체를 줌 (미래 포함)", res.peek_mse, "#d93025"),
        ("과거만 줌 (정직한 예측)", res.honest_mse, "#1a73e8"),
    )
    for label, mse, color in ways:
        fig.add_trace(go.Bar(x=list(mse), y=list(mse.values()), name=label, marker_color=color,
                             text=[f"{v:.3f}" for v in mse.values()], textposition="outside"))  # fmt: skip
    fig.add_hline(y=res.noise_floor, line_dash="dash", line_color="gray",
                  annotation_text=f"잡음 하한 σ² = {res.noise_floor:.3g}", annotation_position="top left")  # fmt: skip
    fig.update_layout(template=TEMPLATE, barmode="group", title="다음 값 예측의 테스트 MSE (낮을수록 좋음)",
                      yaxis_title="MSE", height=380, legend=dict(orientation="h", y=-0.15))  # fmt: skip
    return fig


def tbptt_accuracy(windows: Sequence[int], accuracy: Sequence[float], lag: int) -> go.Figure:
    """Test accuracy of the echo task per truncation window k, with the lag and chance marked."""
    colors = ["#9aa0a6" if k <= lag else "#1a73e8" for k in windows]
    fig = go.Figure(
        go.Bar(x=[f"k = {k}" for k in windows], y=list(accuracy), marker_color=colors,
               text=[f"{a:.0%}" for a in accuracy], textposition="outside")
    )  # fmt: skip
    fig.add_hline(y=0.5, line_dash="dash", line_color="gray", annotation_text="찍기 수준 (50%)",
                  annotation_position="bottom right")  # fmt: skip
    fig.update_layout(template=TEMPLATE, title=f"잘린 BPTT: k마다 lag = {lag} 전의 값을 기억했나요? (회색: k ≤ lag)",
                      xaxis_title="detach() 간격 k", yaxis_title="테스트 정확도", yaxis_range=[0, 1.1],
                      yaxis_tickformat=".0%", height=360)  # fmt: skip
    return fig


def truncated_reach(reach: Sequence[float], k: int) -> go.Figure:
    """|dL/dx_t| of a loss on the last step under truncated BPTT: zero outside the last chunk."""
    steps = list(range(1, len(reach) + 1))
    colors = ["#1a73e8" if v > 0 else "#d93025" for v in reach]
    fig = go.Figure(go.Bar(x=steps, y=list(reach), marker_color=colors, name="그래디언트 크기"))
    zeros = [t for t, v in zip(steps, reach) if v == 0]
    fig.add_trace(go.Scatter(x=zeros, y=[0] * len(zeros), mode="markers", name="정확히 0 (detach 이전 조각)",
                             marker=dict(symbol="x", size=8, color="#d93025")))  # fmt: skip
    fig.update_layout(template=TEMPLATE, title=f"k = {k}: 마지막 시점의 손실이 각 입력에 주는 그래디언트 (빨강 × = 정확히 0)",
                      xaxis_title="시점 t", yaxis_title="|∂L/∂x_t|", height=320,
                      legend=dict(orientation="h", y=1.12))  # fmt: skip
    return fig
