"""The stock page's result chart: every day with the train/test line, and the test days alone.

Vega-Lite (seqcore.figures.vega), a pure function from numbers to a spec (no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

from seqcore.figures import vega

BASELINE_COLORS = {"persistence": "#7f7f7f", "ridge": "#2ca02c", "noise_floor": "#9467bd"}
OTHER_BASELINE = "#ff7f0e"
PRICE_COLOR, MODEL_COLOR = "#1f77b4", "#d62728"
SHOWN = "shown"  # the prediction chart's legend-bound selection: the baselines switched on
BASELINE_LEGEND = "베이스라인 (눌러서 켜기/끄기)"
# The selection starts with this value, no baseline's name, and keeps it (no click removes it):
# an empty selection would count as 'every baseline on' in the legend's fading.
NONE = "(없음)"


def day_values(x: Sequence) -> list:
    """Days as JSON values: ISO date strings as they are, day numbers as ints."""
    return [v if isinstance(v, str) else int(v) for v in x]


def _only(kind: str) -> list[dict]:
    """A layer's transform keeping the rows of one 'kind'."""
    return [{"filter": {"field": "kind", "equal": kind}}]


def _prediction_rows(days, price, test_days, test_pred, split_day, label, baselines) -> list[dict]:
    """prediction_chart's table: {x, y, series, kind: price | baseline | model | split, test}."""
    test_set = set(test_days)
    rows = [
        {"x": d, "y": vega.finite(v), "series": "실제 주가", "kind": "price", "test": d in test_set}
        for d, v in zip(days, price)
    ]
    lines = [
        *(("baseline", name, values) for name, values in baselines.values()),
        ("model", label, test_pred),
    ]
    for kind, name, values in lines:
        rows += [
            {"x": d, "y": vega.finite(v), "series": name, "kind": kind, "test": True}
            for d, v in zip(test_days, values)
        ]
    return rows + [{"x": split_day, "y": None, "series": "훈련/테스트 경계", "kind": "split", "test": False}]


def _baseline_layers(
    baselines: dict[str, tuple[str, Sequence[float]]], x: dict, y: dict, tooltip: list[dict]
) -> list[dict]:
    """The baselines' dotted lines, hidden until switched on in their own legend: a click on a
    name there adds it to (or takes it out of) the SHOWN selection, which starts as [NONE]. A
    baseline that is shown also carries a tooltip on its days (invisible points, as the model's),
    and only then: a hidden line must not answer the mouse."""
    names = [name for name, _ in baselines.values()]
    palette = [BASELINE_COLORS.get(key, OTHER_BASELINE) for key in baselines]
    rows = [*_only("baseline"), {"calculate": "datum.series", "as": "baseline"}]  # its own legend
    lines = {
        "transform": rows,
        "params": [
            {
                "name": SHOWN,
                "bind": "legend",
                "select": {"type": "point", "fields": ["baseline"], "toggle": "true", "clear": False},
                "value": [{"baseline": NONE}],
            }
        ],
        "mark": {"type": "line", "strokeWidth": 1.5, "strokeDash": [4, 3]},
        "encoding": {
            "x": x,
            "y": y,
            "stroke": {
                "field": "baseline",
                "type": "nominal",
                "sort": names,
                "scale": {"domain": names, "range": palette},
                "legend": {
                    "orient": "bottom",
                    "title": BASELINE_LEGEND,
                    "symbolOpacity": 1,
                    "columns": 2,
                    "labelLimit": 200,
                    "titleLimit": 400,  # Vega's default (180 px) cuts it at projector size
                },
            },  # two by two: fits a phone
            "opacity": {"condition": {"param": SHOWN, "empty": False, "value": 1}, "value": 0},
        },
    }
    points = {
        "transform": [*rows, {"filter": {"param": SHOWN, "empty": False}}],
        "mark": {"type": "point", "filled": True, "size": 30, "opacity": 0},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }
    return [lines, points]


def _model_layer(x: dict, y: dict, color: dict, tooltip: list[dict]) -> dict:
    """The prediction's line, drawn last in each panel (on top); its points carry the tooltip."""
    return {
        "transform": _only("model"),
        "mark": {"type": "line", "strokeWidth": 2, "point": {"filled": True, "size": 30, "opacity": 0}},
        "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip},
    }


def _whole_panel(x: dict, y: dict, color: dict, tooltip: list[dict]) -> dict:
    price = {
        "transform": _only("price"),
        "mark": {"type": "line", "strokeWidth": 1.2},
        "encoding": {"x": x, "y": y, "color": color},
    }
    split = vega.rule_at(x, "split", "green", "훈련/테스트 경계", side="left")  # in the train days
    return {"title": "전체 기간", "height": 220, "layer": [price, *split, _model_layer(x, y, color, tooltip)]}


def _zoom_panel(x: dict, y: dict, color: dict, tooltip: list[dict], baselines: dict) -> dict:
    price = {
        "transform": _only("price"),
        "mark": {"type": "line", "strokeWidth": 1, "point": {"filled": True, "size": 12}},
        "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip},
    }
    lines = _baseline_layers(baselines, x, y, tooltip) if baselines else []
    return {
        "title": "테스트 구간 확대",
        "height": 260,
        "transform": [{"filter": {"field": "test", "equal": True}}],
        "layer": [price, *lines, _model_layer(x, y, color, tooltip)],
    }


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
) -> dict:
    """The lesson's result chart in two panels: every day with the train/test line (top), and
    the test days alone (bottom), where the prediction is readable. The prediction is drawn
    last, on top of the prices; `baselines` (key -> (name, test values)) start hidden, and a
    click on one in the legend switches it on or off (the SHOWN selection, bound to the legend).

    Vega-Lite (seqcore.figures.vega): two views stacked (vconcat) over one table of rows
    (_prediction_rows), as wide as the column (vega.FIT_WIDTH)."""
    days, baselines = day_values(x), baselines or {}
    rows = _prediction_rows(
        days, price, day_values(test_x), test_pred, day_values([split_x])[0], label, baselines
    )
    whole_x = vega.day_axis(days, None, scale={"nice": False})
    zoom_x = vega.day_axis(day_values(test_x) or days, None, scale={"nice": False})  # its own ticks (dates)
    y = vega.field("y", title="주가", scale={"zero": False})
    tooltip = [
        vega.day_tooltip(days, "날짜"),
        vega.field("series", "nominal", "계열"),
        vega.field("y", title="값", format=",.2f"),
    ]
    color = vega.colors(["실제 주가", label], [PRICE_COLOR, MODEL_COLOR], {"orient": "top", "title": None})

    whole = _whole_panel(whole_x, y, color, tooltip)
    zoom = _zoom_panel(zoom_x, y, color, tooltip, baselines)
    return vega.chart(
        rows,
        title=f"{label} 결과 (MAE: {mae:.2f}, RMSE: {rmse:.2f})",
        vconcat=[whole, zoom],
        resolve={"scale": {"x": "independent", "y": "independent"}},
        autosize=vega.FIT_WIDTH,
        config=vega.TEXT_CONFIG,
    )
