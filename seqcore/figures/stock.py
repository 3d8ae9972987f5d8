"""Figures of the stock page: pure functions from numbers to plotly Figures (no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures.diagrams import flowchart
from seqcore.figures.style import TEMPLATE

BASELINE_COLORS = {"persistence": "#7f7f7f", "ridge": "#2ca02c", "noise_floor": "#9467bd"}


def price_series(
    x: Sequence, price: Sequence[float], clean: Sequence[float] | None = None, cuts: Sequence = ()
) -> go.Figure:
    """The lesson's '시뮬레이션 주가 데이터' line, the noiseless series when known, and a red
    dotted line at each jump (split) the loader found."""
    fig = go.Figure(go.Scatter(x=list(x), y=list(price), mode="lines", name="주가"))
    if clean is not None:
        fig.add_trace(
            go.Scatter(x=list(x), y=list(clean), mode="lines", name="노이즈 없는 값", line=dict(dash="dot"))
        )
    for cut in cuts:
        fig.add_vline(x=cut, line_dash="dot", line_color="red")
        fig.add_annotation(x=cut, y=1, yref="paper", text="급변(분할?)", showarrow=False, xanchor="left")
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
    """The lesson's result chart in two panels: every day with the train/test line (top), and
    the test days alone (bottom), where the prediction is readable. The prediction is drawn
    last, on top of the prices; `baselines` (key -> (name, test values)) start hidden."""
    fig = make_subplots(
        rows=2, cols=1, row_heights=[0.45, 0.55], vertical_spacing=0.12,
        subplot_titles=("전체 기간", "테스트 구간 확대"),
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(x=list(x), y=list(price), mode="lines", name="실제 주가", line=dict(color="blue"))
    )
    start = list(x).index(test_x[0]) if test_x and test_x[0] in list(x) else 0
    fig.add_trace(
        go.Scatter(x=list(x)[start:], y=list(price)[start:], mode="lines+markers", name="실제 주가 (테스트)",
                   line=dict(color="blue", width=1), marker=dict(size=3), showlegend=False),
        row=2, col=1,
    )  # fmt: skip
    for key, (name, values) in (baselines or {}).items():
        fig.add_trace(
            go.Scatter(
                x=list(test_x), y=list(values), mode="lines", name=name, visible="legendonly",
                line=dict(color=BASELINE_COLORS.get(key, "#ff7f0e"), dash="dot"),
            ), row=2, col=1,
        )  # fmt: skip
    for row in (1, 2):
        fig.add_trace(
            go.Scatter(x=list(test_x), y=list(test_pred), mode="lines", name=label, showlegend=row == 1,
                       line=dict(color="red", width=2)),
            row=row, col=1,
        )  # fmt: skip
    fig.add_vline(x=split_x, line_dash="dot", line_color="green", row=1, col=1)
    fig.add_annotation(
        x=split_x, y=1, yref="y domain", text="Train/Test 분리", showarrow=False, xanchor="left"
    )
    fig.update_layout(
        title=f"{label} 결과 (MAE: {mae:.2f}, RMSE: {rmse:.2f})", template=TEMPLATE, height=640,
        legend=dict(orientation="h", y=-0.08),
    )  # fmt: skip
    fig.update_yaxes(title_text="주가")
    return fig


def horizon_chart(horizons: Sequence[int], errors: dict[str, Sequence[float]]) -> go.Figure:
    """Recursive multi-step forecasts: test MAE against how many days ahead."""
    fig = go.Figure()
    for name, values in errors.items():
        fig.add_trace(go.Scatter(x=list(horizons), y=list(values), mode="lines+markers", name=name))
    fig.update_layout(
        title="며칠 뒤를 예측하나: 자기 예측을 다시 넣을 때의 오차", xaxis_title="예측 거리 (일)",
        yaxis_title="테스트 MAE", template=TEMPLATE, height=360, legend=dict(orientation="h", y=-0.25),
    )  # fmt: skip
    return fig


def model_diagram(cfg) -> str:
    """Graphviz source of the model the configuration builds (not the lesson's fixed 2xLSTM(50))."""
    steps = cfg.window // cfg.step_values
    cell = cfg.cell.upper()
    target = {"relative": "창 평균 대비 가격", "return": "다음 날 수익률", "price": "다음 날 가격(스케일)"}[
        cfg.target
    ]
    nodes = [("Input", f"입력 창 {cfg.window}일\n(batch, {steps}, {cfg.step_values})")]
    if cfg.input_noise > 0:
        nodes.append(("Noise", f"입력 노이즈 σ={cfg.input_noise:.2f}\n(학습 때만)"))
    drop = f", dropout={cfg.dropout:g}" if cfg.num_layers > 1 and cfg.dropout > 0 else ""
    nodes += [
        ("RNN", f"{cell}\nnum_layers={cfg.num_layers}, hidden_size={cfg.hidden_size}{drop}"),
        ("Last", f"마지막 시점만\n(batch, {cfg.hidden_size})"),
        ("FC", f"Linear\n{cfg.hidden_size} → 1"),
        ("Output", f"출력: {target}\n(batch, 1)"),
    ]
    ids = [n for n, _ in nodes]
    return flowchart(nodes, list(zip(ids, ids[1:])), rankdir="LR")


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
