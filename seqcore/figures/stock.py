"""Figures of the stock page: pure functions from numbers to figures (no Streamlit).

The charts of the page's first part (the data, the prediction (in `stock_prediction`), the learning
curve and the MAE bars) are Vega-Lite specs (seqcore.figures.vega: a new session draws them without loading
plotly.js); the later tabs' charts (horizon_chart, lag_view) stay plotly."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.figures import vega
from seqcore.figures.diagrams import chain_html
from seqcore.figures.stock_prediction import PRICE_COLOR, day_values
from seqcore.figures.style import TEMPLATE, readable

CLEAN_COLOR = "#ff7f0e"  # the noiseless series


def price_series(
    x: Sequence, price: Sequence[float], clean: Sequence[float] | None = None, cuts: Sequence = ()
) -> dict:
    """The lesson's '시뮬레이션 주가 데이터' line, the noiseless series when known (dotted), and
    a red dotted line at each jump (split) the loader found.

    Vega-Lite (seqcore.figures.vega): `x` holds dates ('YYYY-MM-DD', a learner's CSV: a time
    axis) or day numbers (the simulated series)."""
    days = day_values(x)
    series = {"주가": price} if clean is None else {"주가": price, "노이즈 없는 값": clean}
    rows = [r | {"kind": "line"} for r in vega.series_rows(series, x=days)]
    rows += [{"x": d, "y": None, "series": "급변(분할?)", "kind": "cut"} for d in day_values(cuts)]
    x_channel = vega.day_axis(days, "날짜")
    names = list(series)
    legend = vega.LEGEND if len(names) > 1 else None
    color = vega.colors(names, [PRICE_COLOR, CLEAN_COLOR][: len(names)], legend)
    dash = {
        "field": "series",
        "type": "nominal",
        "legend": legend,
        "scale": {"domain": names, "range": [[1, 0], [3, 3]][: len(names)]},
    }
    tooltip = [
        vega.day_tooltip(days, "날짜"),
        vega.field("series", "nominal", "계열"),
        vega.field("y", title="값", format=",.2f"),
    ]
    lines = [  # one layer per line: the noiseless one on top of the noisy prices
        {
            "transform": [{"filter": {"field": "series", "equal": name}}],
            "mark": {"type": "line", "strokeWidth": 1.2 if name == "주가" else 2},
            "encoding": {
                "x": x_channel,
                "y": vega.field("y", title="주가", scale={"zero": False}),
                "color": color,
                "strokeDash": dash,
                "tooltip": tooltip,
            },
        }
        for name in names
    ]
    cut_rules = vega.rule_at(x_channel, "cut", "red", "급변(분할?)")
    return vega.chart(rows, title="주가 데이터", layer=[*lines, *cut_rules], config=vega.TEXT_CONFIG)


def horizon_chart(horizons: Sequence[int], errors: dict[str, Sequence[float]]) -> go.Figure:
    """Recursive multi-step forecasts: test MAE against how many days ahead."""
    fig = go.Figure()
    for name, values in errors.items():
        fig.add_trace(go.Scatter(x=list(horizons), y=list(values), mode="lines+markers", name=name))
    fig.update_layout(
        title="며칠 뒤를 예측하나: 자기 예측을 다시 넣을 때의 오차",
        xaxis_title="예측 거리 (일)",
        yaxis_title="테스트 MAE",
        template=TEMPLATE,
        height=360,
    )
    return readable(fig)


def model_diagram(cfg) -> str:
    """The model the configuration builds (not the lesson's fixed 2xLSTM(50)), as a chain of boxes
    in HTML (diagrams.chain_html: drawn in the page's first view, without Graphviz's code)."""
    steps = cfg.window // cfg.step_values
    cell = cfg.cell.upper()
    target = {"relative": "창 평균 대비 가격", "return": "다음 날 수익률", "price": "다음 날 가격(스케일)"}[
        cfg.target
    ]
    boxes = [f"입력 창 {cfg.window}일\n(batch, {steps}, {cfg.step_values})"]
    if cfg.input_noise > 0:
        boxes.append(f"입력 노이즈 σ={cfg.input_noise:.2f}\n(학습 때만)")
    drop = f", dropout={cfg.dropout:g}" if cfg.num_layers > 1 and cfg.dropout > 0 else ""
    boxes += [
        f"{cell}\nnum_layers={cfg.num_layers}, hidden_size={cfg.hidden_size}{drop}",
        f"마지막 시점만\n(batch, {cfg.hidden_size})",
        f"Linear\n{cfg.hidden_size} → 1",
        f"출력: {target}\n(batch, 1)",
    ]
    return chain_html(boxes, "지금 폼의 모델 구조")


KEPT_COLOR = "#2ca02c"


def learning_curve(
    train_loss: Sequence[float],
    val_loss: Sequence[float] = (),
    total_epochs: int | None = None,
    kept_epoch: int | None = None,
) -> dict:
    """Loss per epoch (log scale). Called again after every epoch while training runs, so the
    x axis is fixed to 1..`total_epochs` and does not jump. `kept_epoch`: a dotted rule at the
    epoch whose weights the model on screen has (none for 0, the untrained start).

    Vega-Lite (seqcore.figures.vega): a log y labelled at powers of ten (vega.log_axis)."""
    series = {"훈련 손실": train_loss}
    if len(val_loss):
        series["검증 손실"] = val_loss
    rows = [r | {"kind": "curve"} for r in vega.series_rows(series, positive=True, start=1)]
    last = total_epochs or max(len(train_loss), len(val_loss), 1)
    x = vega.field(
        "x",
        title="에포크",
        scale={"domain": [1, max(last, 2)], "nice": False},
        axis={"tickMinStep": 1, "format": "d"},
    )
    y = vega.log_axis((r["y"] for r in rows), "손실 (로그 축)")
    y["scale"] = {**y["scale"], "nice": False}  # a nice log domain would widen to whole decades
    tooltip = [
        vega.field("series", "nominal", "계열"),
        vega.field("x", title="에포크"),
        vega.field("y", title="손실", format=".3e"),
    ]
    lines = {
        "transform": [{"filter": {"field": "kind", "equal": "curve"}}],
        "mark": {"type": "line", "point": {"filled": True, "size": 16}},
        "encoding": {"x": x, "y": y, "color": vega.colors(list(series)), "tooltip": tooltip},
    }
    kept = []
    if kept_epoch:
        rows.append({"x": kept_epoch, "y": None, "series": "화면의 가중치", "kind": "kept"})
        kept = vega.rule_at(x, "kept", KEPT_COLOR, f"화면의 가중치 ({kept_epoch})", side="left")
    return vega.chart(
        rows, title="학습 곡선 (손실 = MSE, 모델 단위)", layer=[lines, *kept], config=vega.TEXT_CONFIG
    )


def lag_view(
    lags: Sequence[int],
    lag_mae: dict[str, Sequence[float]],
    test_x: Sequence,
    residuals: dict[str, Sequence[float]],
) -> go.Figure:
    """Top: MAE between a forecast for day t and the actual price of day t - lag. A forecast
    that only copies yesterday fits lag 1 better than lag 0. Bottom: residuals on the test days.
    Stacked, not side by side: each panel and its title keep the column's width on a phone."""
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.5, 0.5],
        vertical_spacing=0.2,
        subplot_titles=("예측 vs 며칠 전 실제값의 MAE", "테스트 구간 잔차 (예측 − 실제)"),
    )
    for name, values in lag_mae.items():
        fig.add_trace(go.Bar(x=[f"{k}일 전" for k in lags], y=list(values), name=name), row=1, col=1)
    for name, values in residuals.items():
        fig.add_trace(
            go.Scatter(x=list(test_x), y=list(values), mode="lines", name=f"{name} 잔차"), row=2, col=1
        )
    fig.add_hline(y=0, line_color="#999999", row=2, col=1)
    fig.update_layout(template=TEMPLATE, height=620, barmode="group")
    fig.update_yaxes(title_text="MAE", row=1, col=1)
    fig.update_yaxes(title_text="잔차", row=2, col=1)
    return readable(fig)


def metric_bars(metrics: dict[str, float], title: str = "테스트 MAE 비교") -> dict:
    """Horizontal bars of test MAE per forecaster, best at the top, each with its value.

    Vega-Lite (seqcore.figures.vega)."""
    items = sorted(metrics.items(), key=lambda kv: kv[1])  # best (lowest) first: at the top
    rows = [{"name": k, "mae": vega.finite(v), "label": f"{v:.2f}"} for k, v in items]
    top = max((v for _, v in items if vega.finite(v) is not None), default=1.0)
    encoding = {
        "y": vega.field("name", "nominal", None, sort=[k for k, _ in items], axis={"labelLimit": 200}),
        "x": vega.field("mae", title="MAE (가격 단위)", scale={"domain": [0, 1.3 * top], "nice": False}),
    }  # room for the labels
    return vega.chart(
        rows,
        title=title,
        height=80 + 30 * len(items),
        layer=[
            {
                "mark": {"type": "bar", "color": PRICE_COLOR},
                "encoding": {
                    **encoding,
                    "tooltip": [
                        vega.field("name", "nominal", "예측"),
                        vega.field("mae", title="MAE", format=".4f"),
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4},
                "encoding": {**encoding, "text": {"field": "label"}},
            },
        ],
        config=vega.TEXT_CONFIG,
    )
