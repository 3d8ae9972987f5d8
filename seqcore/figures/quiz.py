"""Pure plotly figures for the quiz page: the order demo, the sine-wave predictions and the training curves."""

from __future__ import annotations

import plotly.graph_objects as go

from seqcore.figures.style import TEMPLATE


def sine_predictions(
    true: list[float], pred: list[float], mse: float, baseline_mse: float | None = None
) -> go.Figure:
    """The sine-wave task: the test part of the sine wave and the LSTM's one-step predictions."""
    steps = list(range(len(true)))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=steps, y=list(true), mode="lines", name="실제값", line=dict(color="#1f77b4")))
    fig.add_trace(
        go.Scatter(
            x=steps, y=list(pred), mode="lines", name="예측값", line=dict(color="#d62728", dash="dash")
        )
    )
    fig.update_layout(
        title=f"테스트 구간 예측 (MSE {mse:.2e}"
        + (f" · 선형 외삽 {baseline_mse:.2e})" if baseline_mse is not None else ")"),
        xaxis_title="테스트 시점",
        yaxis_title="sin(x)",
        template=TEMPLATE,
        height=320,
        margin=dict(t=50, b=40, l=50, r=20),
    )
    return fig


def loss_curve(losses: list[float], title: str = "학습 손실") -> go.Figure:
    """Mean training loss per epoch on a log axis."""
    fig = go.Figure(
        go.Scatter(x=list(range(1, len(losses) + 1)), y=list(losses), mode="lines+markers", name="학습 손실")
    )
    fig.update_layout(
        title=title,
        xaxis_title="에포크",
        yaxis_title="손실 (로그 눈금)",
        yaxis_type="log",
        template=TEMPLATE,
        height=280,
        margin=dict(t=50, b=40, l=50, r=20),
    )
    return fig


def order_bars(rows: list[tuple[str, float, float]]) -> go.Figure:
    """The order demo: lag-1 autocorrelation of each example before and after shuffling its order."""
    names = [r[0] for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=names, y=[r[1] for r in rows], name="원래 순서", marker_color="#1f77b4"))
    fig.add_trace(go.Bar(x=names, y=[r[2] for r in rows], name="순서를 섞은 뒤", marker_color="#ff7f0e"))
    fig.update_layout(
        title="이웃한 값끼리의 상관 (lag-1 자기상관)",
        yaxis_title="상관계수",
        yaxis_range=[-0.2, 1.05],
        barmode="group",
        template=TEMPLATE,
        height=300,
        margin=dict(t=50, b=40, l=50, r=20),
    )
    return fig
