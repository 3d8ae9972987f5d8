import numpy as np
import pytest

from seqcore.figures import stock as figs


def test_prediction_chart_has_the_prediction_on_top_in_both_panels():
    x = list(range(10))
    fig = figs.prediction_chart(
        x, np.arange(10.0), [7, 8, 9], [7.1, 8.2, 8.9], 7, 0.13, 0.15, label="GRU 예측",
        baselines={"persistence": ("어제 값", [6.0, 7.0, 8.0])},
    )  # fmt: skip
    names = [t.name for t in fig.data]
    assert names[0] == "실제 주가" and names[-2:] == ["GRU 예측", "GRU 예측"]  # drawn last: on top
    assert list(fig.data[-1].x) == [7, 8, 9] and fig.data[-1].yaxis == "y2"  # the zoomed test panel
    assert list(fig.data[1].x) == [7, 8, 9]  # the zoom panel shows the test days only
    base = next(t for t in fig.data if t.name == "어제 값")
    assert base.visible == "legendonly"
    assert fig.layout.shapes[0].x0 == 7  # the train/test line
    assert any("Train/Test 분리" in a.text for a in fig.layout.annotations)
    assert "MAE: 0.13" in fig.layout.title.text and "RMSE: 0.15" in fig.layout.title.text


def test_horizon_chart_and_model_diagram_follow_their_inputs():
    fig = figs.horizon_chart([1, 2, 3], {"모델": [1, 2, 3], "어제 값": [1, 1.5, 2]})
    assert [t.name for t in fig.data] == ["모델", "어제 값"] and list(fig.data[0].x) == [1, 2, 3]
    from seqcore.stock.pipeline import DEFAULT_RECIPE, LESSON_RECIPE

    assert "GRU" in figs.model_diagram(DEFAULT_RECIPE) and "(batch, 6, 20)" in figs.model_diagram(
        DEFAULT_RECIPE
    )
    lesson = figs.model_diagram(LESSON_RECIPE)
    assert "num_layers=2, hidden_size=50" in lesson and "(batch, 30, 1)" in lesson


def test_price_series_marks_each_jump():
    fig = figs.price_series([0, 1, 2], [1.0, 50.0, 51.0], cuts=[1])
    assert fig.layout.shapes[0].x0 == 1 and "급변" in fig.layout.annotations[0].text


@pytest.mark.parametrize("val, n_traces", [((), 1), ([0.5, 0.4], 2)])
def test_learning_curve_live_and_final(val, n_traces):
    fig = figs.learning_curve([1.0, 0.5], val, total_epochs=40)
    assert len(fig.data) == n_traces
    assert list(fig.data[0].x) == [1, 2]
    assert tuple(fig.layout.xaxis.range) == (0.5, 40.5)  # fixed while training runs
    assert fig.layout.yaxis.type == "log"


def test_lag_view_has_bars_per_forecast_and_residuals():
    fig = figs.lag_view([0, 1, 2], {"모델": [1, 2, 3], "어제 값": [2, 0, 2]}, [5, 6], {"모델": [0.1, -0.2]})
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.name for b in bars] == ["모델", "어제 값"]
    assert list(bars[0].x) == ["0일 전", "1일 전", "2일 전"]
    lines = [t for t in fig.data if t.type == "scatter"]
    assert list(lines[0].y) == [0.1, -0.2]


def test_price_series_shows_the_clean_line_only_when_known():
    assert len(figs.price_series([0, 1], [1.0, 2.0]).data) == 1
    assert len(figs.price_series([0, 1], [1.0, 2.0], [1.0, 1.5]).data) == 2


def test_metric_bars_sorted_best_on_top():
    fig = figs.metric_bars({"a": 3.0, "b": 2.0, "c": 2.5})
    assert list(fig.data[0].y) == ["a", "c", "b"]  # plotly draws the last bar on top


def test_metric_bars_leave_room_for_their_labels():
    fig = figs.metric_bars({"a": 3.0, "b": 2.0})
    assert fig.layout.xaxis.range[1] == pytest.approx(3.9)
    assert list(fig.data[0].text) == ["3.00", "2.00"]
