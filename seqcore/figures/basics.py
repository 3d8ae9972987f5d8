"""Plotly figures for the Part 1 pages (sequence data, RNN, vanishing gradient).

Pure functions: data in, go.Figure out. No Streamlit, no training.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures.style import TEMPLATE, model_color, model_name

A_COLOR, B_COLOR = "#1a73e8", "#f29900"


def _finite(values: Sequence[float]) -> list[float | None]:
    """Plotly cannot draw inf/nan: they become gaps."""
    return [float(v) if v is not None and math.isfinite(v) else None for v in values]


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


def sequence_examples(examples: dict[str, list]) -> go.Figure:
    """The lesson's four sequences in a 2x2 grid; a list of strings is drawn as tokens."""
    names = list(examples)
    fig = make_subplots(rows=2, cols=2, subplot_titles=names, vertical_spacing=0.3)
    for i, name in enumerate(names):
        row, col = i // 2 + 1, i % 2 + 1
        values = examples[name]
        steps = list(range(1, len(values) + 1))
        if all(isinstance(v, str) for v in values):
            fig.add_trace(
                go.Scatter(x=steps, y=[0] * len(values), mode="markers+text", text=values,
                           textposition="top center", marker=dict(size=14, color=A_COLOR),
                           name=name, showlegend=False),
                row=row, col=col,
            )  # fmt: skip
            fig.update_yaxes(visible=False, range=[-1, 1.5], row=row, col=col)
        else:
            fig.add_trace(
                go.Scatter(x=steps, y=values, mode="lines+markers", name=name, showlegend=False),
                row=row, col=col,
            )  # fmt: skip
        fig.update_xaxes(title_text="순서 (t)", dtick=1, row=row, col=col)
    fig.update_layout(template=TEMPLATE, height=520, margin=dict(t=50, b=40))
    return fig


def order_comparison(comp, label_a: str = "문장 A", label_b: str = "문장 B") -> go.Figure:
    """Bag of words, mean vector and the RNN's final hidden state, side by side for A and B."""
    verdict = {True: "같음", False: "다름"}
    titles = (
        f"단어 가방 (순서 무시): {verdict[comp.bow_equal]}",
        f"단어 벡터 평균 (순서 무시): {verdict[comp.mean_equal]}",
        f"nn.RNN 마지막 은닉 상태: {verdict[comp.h_equal]}",
    )
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.07)
    parts = [
        (comp.vocab, comp.bow_a, comp.bow_b),
        ([f"d{i}" for i in range(len(comp.mean_a))], comp.mean_a, comp.mean_b),
        ([f"h{i}" for i in range(len(comp.h_a))], comp.h_a, comp.h_b),
    ]
    for col, (x, a, b) in enumerate(parts, start=1):
        for label, values, color in ((label_a, a, A_COLOR), (label_b, b, B_COLOR)):
            fig.add_trace(
                go.Bar(x=x, y=np.asarray(values).tolist(), name=label, marker_color=color,
                       legendgroup=label, showlegend=col == 1),
                row=1, col=col,
            )  # fmt: skip
    fig.update_layout(template=TEMPLATE, barmode="group", height=380, margin=dict(t=60, b=40),
                      legend=dict(orientation="h", y=-0.15))  # fmt: skip
    return fig


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
) -> go.Figure:
    """The lesson's chart: simulated gradient size per time step, one line per sequence length."""
    fig = go.Figure()
    for name, grads in results.items():
        fig.add_trace(go.Scatter(x=list(range(len(grads))), y=_finite(grads), mode="lines", name=name))
    title = "기울기 소실 문제: 시퀀스 길이에 따른 그래디언트 크기 (시뮬레이션)"
    if multiplier is not None:
        title += f" · 배수 {multiplier:g}"
    fig.update_layout(template=TEMPLATE, title=title, xaxis_title="시점 (Time Step)",
                      yaxis_title="그래디언트 크기")  # fmt: skip
    fig.update_yaxes(**log_axis(*results.values()) if log_y else dict(type="linear"))
    return fig


def gradient_norms(norms: dict[str, list[float]], log_y: bool = True) -> go.Figure:
    """Real ||dL/dx_t|| per time step, one trace per model."""
    fig = go.Figure()
    for kind, values in norms.items():
        fig.add_trace(
            go.Scatter(x=list(range(1, len(values) + 1)), y=_finite([v if v > 0 else None for v in values]),
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


def direction_reach(reach) -> go.Figure:
    """Grouped bars: per token, how far each direction's output moved (seqcore.basics.birnn.Reach)."""
    labels = [f"{i}: {t}" for i, t in enumerate(reach.tokens)]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=np.asarray(reach.forward).tolist(), name="순방향 (→) 출력 변화"))
    fig.add_trace(go.Bar(x=labels, y=np.asarray(reach.backward).tolist(), name="역방향 (←) 출력 변화"))
    fig.update_layout(
        title=f"'{reach.tokens[reach.changed]}'를 바꾸면 각 시점의 출력이 얼마나 바뀌나요?",
        barmode="group", yaxis_title="평균 |변화량|", template=TEMPLATE, height=340,
        legend=dict(orientation="h", y=-0.2),
    )  # fmt: skip
    return fig


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
