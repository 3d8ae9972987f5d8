"""Figures of the stock page: pure functions from numbers to plotly Figures (no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures.style import TEMPLATE

BASELINE_COLORS = {"persistence": "#7f7f7f", "ridge": "#2ca02c", "noise_floor": "#9467bd"}


def price_series(x: Sequence, price: Sequence[float], clean: Sequence[float] | None = None) -> go.Figure:
    """The lesson's '시뮬레이션 주가 데이터' line, with the noiseless series when known."""
    fig = go.Figure(go.Scatter(x=list(x), y=list(price), mode="lines", name="주가"))
    if clean is not None:
        fig.add_trace(
            go.Scatter(x=list(x), y=list(clean), mode="lines", name="노이즈 없는 값", line=dict(dash="dot"))
        )
    fig.update_layout(
        title="주가 데이터", xaxis_title="날짜", yaxis_title="주가", template=TEMPLATE, height=320
    )
    return fig


def prediction_chart(
    x: Sequence,
    price: Sequence[float],
    test_x: Sequence,
    test_pred: Sequence[float],
    split_x,
    mae: float,
    rmse: float,
    label: str = "LSTM 예측",
    baselines: dict[str, tuple[str, Sequence[float]]] | None = None,
) -> go.Figure:
    """The lesson's In [22]: all actual prices, the test prediction, the train/test line.

    `baselines` maps a key to (legend name, test predictions); they start hidden in the legend.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=list(x), y=list(price), mode="lines", name="실제 주가", line=dict(color="blue"))
    )
    fig.add_trace(
        go.Scatter(
            x=list(test_x), y=list(test_pred), mode="lines", name=label, line=dict(color="red", dash="dash")
        )
    )
    for key, (name, values) in (baselines or {}).items():
        fig.add_trace(
            go.Scatter(
                x=list(test_x), y=list(values), mode="lines", name=name, visible="legendonly",
                line=dict(color=BASELINE_COLORS.get(key, "#ff7f0e"), dash="dot"),
            )
        )  # fmt: skip
    fig.add_vline(x=split_x, line_dash="dot", line_color="green")
    fig.add_annotation(x=split_x, y=1, yref="paper", text="Train/Test 분리", showarrow=False, xanchor="left")
    fig.update_layout(
        title=f"{label} 결과 (MAE: {mae:.2f}, RMSE: {rmse:.2f})",
        xaxis_title="날짜",
        yaxis_title="주가",
        template=TEMPLATE,
        height=420,
        legend=dict(orientation="h", y=-0.2),
    )
    return fig


def learning_curve(
    train_loss: Sequence[float], val_loss: Sequence[float] = (), total_epochs: int | None = None
) -> go.Figure:
    """Loss per epoch (log scale). Called again after every epoch while training runs, so the
    x axis is fixed to `total_epochs` and does not jump."""
    fig = go.Figure()
    epochs = list(range(1, len(train_loss) + 1))
    fig.add_trace(
        go.Scatter(x=epochs, y=list(train_loss), mode="lines+markers", name="훈련 loss", marker=dict(size=4))
    )
    if len(val_loss):
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(val_loss) + 1)), y=list(val_loss), mode="lines+markers",
                name="검증 loss", marker=dict(size=4),
            )
        )  # fmt: skip
    fig.update_layout(
        title="학습 곡선 (MSE, 모델 단위)", xaxis_title="Epoch", yaxis_title="Loss (로그 축)", yaxis_type="log",
        yaxis_exponentformat="power", yaxis_dtick=1,
        template=TEMPLATE, height=320,
    )  # fmt: skip
    if total_epochs:
        fig.update_xaxes(range=[0.5, total_epochs + 0.5])
    return fig


def lag_view(
    lags: Sequence[int],
    lag_mae: dict[str, Sequence[float]],
    test_x: Sequence,
    residuals: dict[str, Sequence[float]],
) -> go.Figure:
    """Left: MAE between a forecast for day t and the actual price of day t - lag. A forecast
    that only copies yesterday fits lag 1 better than lag 0. Right: residuals on the test days."""
    fig = make_subplots(
        rows=1, cols=2, column_widths=[0.38, 0.62],
        subplot_titles=("예측 vs 며칠 전 실제값의 MAE", "테스트 구간 잔차 (예측 − 실제)"),
    )  # fmt: skip
    for name, values in lag_mae.items():
        fig.add_trace(go.Bar(x=[f"{k}일 전" for k in lags], y=list(values), name=name), row=1, col=1)
    for name, values in residuals.items():
        fig.add_trace(
            go.Scatter(x=list(test_x), y=list(values), mode="lines", name=f"{name} 잔차"), row=1, col=2
        )
    fig.add_hline(y=0, line_color="#999999", row=1, col=2)
    fig.update_layout(template=TEMPLATE, height=360, barmode="group", legend=dict(orientation="h", y=-0.25))
    fig.update_yaxes(title_text="MAE", row=1, col=1)
    fig.update_yaxes(title_text="잔차", row=1, col=2)
    return fig


def metric_bars(metrics: dict[str, float], title: str = "테스트 MAE 비교") -> go.Figure:
    """Horizontal bars of test MAE per forecaster, best at the top."""
    items = sorted(metrics.items(), key=lambda kv: kv[1], reverse=True)
    fig = go.Figure(
        go.Bar(
            x=[v for _, v in items], y=[k for k, _ in items], orientation="h",
            text=[f"{v:.2f}" for _, v in items], textposition="outside", textfont=dict(size=12),
        )
    )  # fmt: skip
    fig.update_layout(
        title=title, xaxis_title="MAE (가격 단위)", template=TEMPLATE, height=120 + 40 * len(items)
    )
    fig.update_xaxes(range=[0, 1.3 * max((v for _, v in items), default=1.0)])  # room for the labels
    return fig
