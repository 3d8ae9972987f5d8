import json
import math

import numpy as np
import pytest
from apphelp import series_of

from seqcore.figures import stock as figs
from seqcore.figures import stock_prediction as prediction
from seqcore.figures import vega


def _layers(view: dict) -> list[dict]:
    return view.get("layer", [view])


def _kinds(view: dict) -> list[str]:
    """The 'kind' (or 'series') each layer of a view keeps, in drawing order."""
    out = []
    for layer in _layers(view):
        f = next(t["filter"] for t in layer.get("transform", []) if "filter" in t)
        out.append(f["equal"])
    return out


def _rows(spec: dict, **match) -> list[dict]:
    return [r for r in spec["data"]["values"] if all(r[k] == v for k, v in match.items())]


def _one_type_per_column(rows: list[dict]) -> bool:
    """Streamlit sends the rows as Arrow: a column may hold one type (and None)."""
    types: dict[str, set] = {}
    for r in rows:
        for k, v in r.items():
            if v is not None:
                types.setdefault(k, set()).add(type(v))
    return all(len(t) == 1 for t in types.values())


def _pred(x=None, test_x=(7, 8, 9), split=7):
    x = list(range(10)) if x is None else x
    baselines = {"persistence": ("어제 값", [6.0, 7.0, 8.0]), "ridge": ("릿지", [7.0, 8.0, 9.0])}
    args = (x, np.arange(10.0), list(test_x), [7.1, 8.2, 8.9], split, 0.13, 0.15)
    return prediction.prediction_chart(*args, label="GRU 예측", baselines=baselines)


def test_prediction_chart_has_the_prediction_on_top_in_both_panels():
    spec = _pred()
    whole, zoom = spec["vconcat"]
    assert [whole["title"], zoom["title"]] == ["전체 기간", "테스트 구간 확대"]
    assert _kinds(whole) == ["price", "split", "split", "model"]  # drawn last: on top
    assert _kinds(zoom) == ["price", "baseline", "baseline", "model"]  # lines, then their tooltips
    assert zoom["transform"] == [{"filter": {"field": "test", "equal": True}}]  # the test days only
    assert [r["x"] for r in _rows(spec, kind="price", test=True)] == [7, 8, 9]
    assert [r["y"] for r in _rows(spec, kind="model")] == [7.1, 8.2, 8.9]
    model = _layers(whole)[-1]
    assert (
        model["mark"]["strokeWidth"] == 2
        and model["encoding"]["color"]["scale"]["range"][1] == prediction.MODEL_COLOR
    )
    assert [r["x"] for r in _rows(spec, kind="split")] == [7]  # the train/test line
    assert _layers(whole)[2]["mark"]["text"] == "훈련/테스트 경계"
    assert "MAE: 0.13" in spec["title"]["text"] and "RMSE: 0.15" in spec["title"]["text"]
    assert spec["autosize"] == vega.FIT_WIDTH  # ui.chart draws it as wide as the column
    assert _one_type_per_column(spec["data"]["values"])


def test_prediction_chart_baselines_start_hidden_and_the_legend_switches_them():
    spec = _pred()
    baseline = _layers(spec["vconcat"][1])[1]
    assert {r["series"]: r["y"] for r in _rows(spec, kind="baseline", x=8)} == {"어제 값": 7.0, "릿지": 8.0}
    (param,) = baseline["params"]
    assert param["bind"] == "legend" and param["select"]["fields"] == ["baseline"]
    assert param["select"]["toggle"] == "true"  # a click switches one on or off, the others stay
    # Starts with no baseline's name in it: every baseline hidden, and faded in the legend.
    assert param["value"] == [{"baseline": prediction.NONE}] and prediction.NONE not in {"어제 값", "릿지"}
    opacity = baseline["encoding"]["opacity"]
    assert opacity["condition"]["param"] == param["name"] and opacity["value"] == 0
    stroke = baseline["encoding"]["stroke"]
    assert stroke["scale"] == {
        "domain": ["어제 값", "릿지"],
        "range": [prediction.BASELINE_COLORS["persistence"], prediction.BASELINE_COLORS["ridge"]],
    }
    assert (
        stroke["legend"]["title"] == prediction.BASELINE_LEGEND
    )  # its own legend, apart from price and model
    # A baseline's tooltip points exist only while it is switched on: a hidden line stays mute.
    points = _layers(spec["vconcat"][1])[2]
    assert points["transform"][-1] == {"filter": {"param": param["name"], "empty": False}}
    assert points["transform"][:-1] == baseline["transform"]  # the same rows and legend field
    assert [t["field"] for t in points["encoding"]["tooltip"]] == ["x", "series", "y"]


def test_prediction_chart_without_baselines_has_no_legend_switch():
    spec = prediction.prediction_chart([0, 1, 2], [1.0, 2.0, 3.0], [2], [2.5], 2, 0.5, 0.5)
    assert _kinds(spec["vconcat"][1]) == ["price", "model"] and "params" not in json.dumps(spec)


def test_prediction_chart_on_dates_has_a_time_axis():
    dates = [f"2024-01-{d:02d}" for d in range(1, 11)]
    spec = _pred(dates, dates[7:], dates[7])
    x = _layers(spec["vconcat"][0])[0]["encoding"]["x"]
    assert x["type"] == "temporal" and x["scale"]["type"] == "utc"
    assert [r["x"] for r in _rows(spec, kind="split")] == ["2024-01-08"]
    assert _one_type_per_column(spec["data"]["values"])


def test_horizon_chart_and_model_diagram_follow_their_inputs():
    fig = figs.horizon_chart([1, 2, 3], {"모델": [1, 2, 3], "어제 값": [1, 1.5, 2]})
    assert [t.name for t in fig.data] == ["모델", "어제 값"] and list(fig.data[0].x) == [1, 2, 3]
    from seqcore.stock.config import DEFAULT_RECIPE, LESSON_RECIPE

    assert "GRU" in figs.model_diagram(DEFAULT_RECIPE) and "(batch, 6, 20)" in figs.model_diagram(
        DEFAULT_RECIPE
    )
    lesson = figs.model_diagram(LESSON_RECIPE)
    assert "num_layers=2, hidden_size=50" in lesson and "(batch, 30, 1)" in lesson


def test_price_series_marks_each_jump():
    spec = figs.price_series([0, 1, 2], [1.0, 50.0, 51.0], cuts=[1])
    assert [r["x"] for r in _rows(spec, kind="cut")] == [1]
    rule, label = spec["layer"][-2:]
    assert rule["mark"]["type"] == "rule" and rule["mark"]["color"] == "red"
    assert label["mark"]["text"] == "급변(분할?)"


def test_price_series_of_a_csv_has_dates_on_a_time_axis():
    dates = ["2024-01-02", "2024-01-03", "2024-01-04"]
    spec = figs.price_series(dates, [1.0, 50.0, 51.0], cuts=["2024-01-03"])
    x = spec["layer"][0]["encoding"]["x"]
    assert x["type"] == "temporal" and x["scale"]["type"] == "utc"
    assert [r["x"] for r in _rows(spec, kind="cut")] == ["2024-01-03"]
    assert _one_type_per_column(spec["data"]["values"])


@pytest.mark.parametrize("val, names", [((), ["훈련 손실"]), ([0.5, 0.4], ["훈련 손실", "검증 손실"])])
def test_learning_curve_live_and_final(val, names):
    spec = figs.learning_curve([1.0, 0.5], val, total_epochs=40)
    assert list(series_of(spec)) == names and len(spec["layer"]) == 1  # no weights kept yet: no rule
    assert [r["x"] for r in spec["data"]["values"] if r["series"] == "훈련 손실"] == [1, 2]
    x, y = spec["layer"][0]["encoding"]["x"], spec["layer"][0]["encoding"]["y"]
    assert x["scale"]["domain"] == [1, 40]  # fixed while training runs
    assert y["scale"]["type"] == "log"


def test_learning_curve_log_axis_is_labelled_at_powers_of_ten_and_drops_zero():
    spec = figs.learning_curve([1.0, 1e-3, 1e-5, 0.0], total_epochs=4)
    ticks = spec["layer"][0]["encoding"]["y"]["axis"]["values"]
    assert ticks[0] == 1.0 and all(math.log10(v) == round(math.log10(v)) for v in ticks)
    assert series_of(spec)["훈련 손실"][-1] is None  # zero: not drawn on a log axis


def test_learning_curve_marks_the_epoch_whose_weights_are_shown_in_korean():
    spec = figs.learning_curve([1.0, 0.5, 0.4], [0.6, 0.3, 0.35], total_epochs=3, kept_epoch=2)
    assert [r["x"] for r in spec["data"]["values"] if r["kind"] == "kept"] == [2]
    assert "(2)" in spec["layer"][-1]["mark"]["text"]
    axes = [spec["layer"][0]["encoding"][k]["title"] for k in ("x", "y")]
    assert not any(word in " ".join(axes) for word in ("Epoch", "Loss"))  # the lesson's words: 에포크, 손실


def test_lag_view_has_bars_per_forecast_and_residuals():
    fig = figs.lag_view([0, 1, 2], {"모델": [1, 2, 3], "어제 값": [2, 0, 2]}, [5, 6], {"모델": [0.1, -0.2]})
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.name for b in bars] == ["모델", "어제 값"]
    assert list(bars[0].x) == ["0일 전", "1일 전", "2일 전"]
    lines = [t for t in fig.data if t.type == "scatter"]
    assert list(lines[0].y) == [0.1, -0.2]


def test_price_series_shows_the_clean_line_only_when_known():
    assert list(series_of(figs.price_series([0, 1], [1.0, 2.0]))) == ["주가"]
    spec = figs.price_series([0, 1], [1.0, 2.0], [1.0, 1.5])
    assert series_of(spec) == {"주가": [1.0, 2.0], "노이즈 없는 값": [1.0, 1.5]}
    lines = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"]
    assert [layer["transform"][0]["filter"]["equal"] for layer in lines] == [
        "주가",
        "노이즈 없는 값",
    ]  # clean on top
    assert lines[0]["encoding"]["strokeDash"]["scale"]["range"][1] != [1, 0]  # the clean line is dotted


def test_metric_bars_sorted_best_on_top():
    spec = figs.metric_bars({"a": 3.0, "b": 2.0, "c": 2.5})
    bars, labels = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == ["b", "c", "a"]  # the lowest MAE at the top
    assert [r["name"] for r in spec["data"]["values"]] == ["b", "c", "a"]


def test_metric_bars_leave_room_for_their_labels():
    spec = figs.metric_bars({"a": 3.0, "b": 2.0})
    bars, labels = spec["layer"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, pytest.approx(3.9)]
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "label"
    assert [r["label"] for r in spec["data"]["values"]] == ["2.00", "3.00"]


def test_date_axes_name_the_year_on_every_label():
    years = [str(d) for d in np.arange(np.datetime64("2010-02-10"), np.datetime64("2018-01-20"))]
    spec = figs.price_series(years, np.ones(len(years)))
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis == {"tickCount": {"interval": "year", "step": 2}, "format": "%Y"}  # 2010 .. 2018: 9 years
    test_days = years[-300:]
    pred = prediction.prediction_chart(
        years, np.ones(len(years)), test_days, np.ones(300), test_days[0], 1.0, 1.0
    )
    whole, zoom = (view["layer"][0]["encoding"]["x"]["axis"] for view in pred["vconcat"])
    assert whole["format"] == "%Y" and zoom["format"] == "%Y-%m"  # the zoom: ten months, its own ticks
    assert zoom["tickCount"] == {"interval": "month", "step": 2}
    assert vega.date_ticks(["2024-01-02", "2024-02-20"]) == {"format": "%m-%d"}


def test_learning_curve_keeps_a_narrow_log_range_narrow():
    spec = figs.learning_curve([1.02, 0.99, 0.98], [1.31, 1.3, 1.29], total_epochs=40)
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"] == {"type": "log", "nice": False}  # not widened to the decade 1 .. 10
    assert "values" not in y["axis"]  # under two decades: Vega's own labels
