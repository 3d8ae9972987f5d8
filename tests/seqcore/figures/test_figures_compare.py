from seqcore.figures import compare as fcmp


def test_learning_curves_and_time_bars():
    losses = {"RNN": [0.5, 0.1], "LSTM": [0.6, 0.2], "GRU": [0.4, 0.05]}
    fig = fcmp.learning_curves(losses)
    assert [t.name for t in fig.data] == ["RNN", "LSTM", "GRU"]
    assert list(fig.data[2].y) == [0.4, 0.05] and list(fig.data[2].x) == [1, 2]
    assert fig.layout.xaxis.title.text == "에포크" and fig.layout.yaxis.title.text == "손실 (MSE)"
    bars = fcmp.time_bars({"RNN": 0.5, "LSTM": 1.25})
    assert list(bars.data[0].y) == [0.5, 1.25]
    assert list(bars.data[0].text) == ["0.50초", "1.25초"]


def test_param_bars_show_formula_and_count():
    fig = fcmp.param_bars({"RNN": 91648, "LSTM": 366592}, {"RNN": 91648, "LSTM": 366592})
    assert [t.name for t in fig.data] == ["공식", "count_params (실제 모듈)"]
    assert list(fig.data[1].text) == ["91,648", "366,592"]
    # one colour per trace, so each legend swatch matches its bars
    assert all(isinstance(t.marker.color, str) for t in fig.data)
    assert fig.data[0].marker.color != fig.data[1].marker.color


def test_loss_axis_labels_a_narrow_range_at_1_2_5():
    axis = fcmp.loss_axis([0.09, 0.02], [0.005])
    assert axis["type"] == "log" and axis["ticktext"] == ["0.005", "0.01", "0.02", "0.05"]
    wide = fcmp.loss_axis([1.0, 1e-5])
    assert "tickvals" not in wide and wide["type"] == "log"
    fig = fcmp.learning_curves({"RNN": [0.09, 0.005]})
    assert list(fig.layout.yaxis.ticktext) == ["0.005", "0.01", "0.02", "0.05"]
