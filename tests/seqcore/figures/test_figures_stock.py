import numpy as np
import pytest

from seqcore.figures import stock as figs


def test_prediction_chart_is_the_lessons_chart():
    x = list(range(10))
    fig = figs.prediction_chart(
        x, np.arange(10.0), [7, 8, 9], [7.1, 8.2, 8.9], 7, 0.13, 0.15, label="GRU 예측",
        baselines={"persistence": ("어제 값", [6.0, 7.0, 8.0])},
    )  # fmt: skip
    names = [t.name for t in fig.data]
    assert names == ["실제 주가", "GRU 예측", "어제 값"]
    assert fig.data[1].line.dash == "dash" and list(fig.data[1].x) == [7, 8, 9]
    assert fig.data[2].visible == "legendonly"
    assert fig.layout.shapes[0].x0 == 7  # the train/test line
    assert "Train/Test 분리" in fig.layout.annotations[0].text
    assert "MAE: 0.13" in fig.layout.title.text and "RMSE: 0.15" in fig.layout.title.text


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
