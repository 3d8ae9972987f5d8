import math

import pytest

from seqcore.figures import gradients as fgr


@pytest.mark.parametrize("log_y", [True, False])
def test_gradient_simulation_axis(log_y):
    spec = fgr.gradient_simulation({"seq=10": [0.1, 1.0], "seq=3": [0.2, 0.5, 1.0]}, log_y, 0.7)
    assert {r["series"] for r in spec["data"]["values"]} == {"seq=10", "seq=3"} and len(
        spec["data"]["values"]
    ) == 5
    assert spec["encoding"]["y"].get("scale", {}).get("type") == ("log" if log_y else None)
    title = spec["title"]["text"]
    assert "시뮬레이션" in title[0] and "0.7" in title[-1] and max(map(len, title)) <= 24  # a phone's width


def test_gradient_simulation_log_axis_is_labelled_at_powers_of_ten():
    spec = fgr.gradient_simulation({"seq=100": [0.7**k for k in range(100, -1, -1)]}, True)
    values = spec["encoding"]["y"]["axis"]["values"]
    assert len(values) <= 8 and all(math.log10(v) == round(math.log10(v)) for v in values)
    assert values[0] == 1.0 and values[-1] <= 1e-12  # down to the smallest decades (0.7¹⁰⁰ = 3.2e-16)
    zero = fgr.gradient_simulation({"seq=3": [0.0, float("nan"), 1.0]}, True)
    assert [r["y"] for r in zero["data"]["values"]] == [None, None, 1.0]  # no zero or nan on a log axis


def test_gradient_norms_one_trace_per_model_log_axis_and_gaps():
    fig = fgr.gradient_norms(
        {"rnn": [0.0, 1e-30, 1.0], "lstm": [float("inf"), 0.1, 1.0], "gru": [0.2, 0.3, 1.0]}
    )
    assert [t.name for t in fig.data] == ["RNN", "LSTM", "GRU"]
    assert fig.layout.yaxis.type == "log"
    assert fig.data[0].y[0] is None and fig.data[1].y[0] is None  # zero and inf are gaps


def test_dependency_accuracy():
    fig = fgr.dependency_accuracy([5, 30], {"rnn": [1.0, 0.5], "gru": [1.0, 1.0]})
    assert [t.name for t in fig.data] == ["RNN", "GRU"] and list(fig.data[0].x) == [5, 30]
    assert any(s.y0 == 0.5 for s in fig.layout.shapes)


def test_clipping_runs_handles_divergence():
    runs = {
        "클리핑 없음": {"grad_norm": [1.0, 1e20, float("nan")], "loss": [0.5, float("inf"), float("nan")]},
        "clip": {"grad_norm": [1.0, 2.0, 3.0], "loss": [0.5, 0.4, 0.3]},
    }
    fig = fgr.clipping_runs(runs, 1.0)
    assert len(fig.data) == 4
    assert fig.data[1].y[1] is None and not any(
        isinstance(v, float) and math.isnan(v) for v in fig.data[0].y if v
    )
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"


@pytest.mark.parametrize(
    ("values", "dtick"), [([1e-28, 1.0], 4), ([1e-3, 1.0], 1), ([1e-16, 1.0], 2), ([1e-40, 10.0], 6)]
)
def test_log_axis_labels_only_powers_of_ten(values, dtick):
    axis = fgr.log_axis(values)
    assert axis["type"] == "log" and axis["dtick"] == dtick and axis["minorloglabels"] == "none"
    assert axis["exponentformat"] == "power"


def test_narrow_log_axis_gets_a_few_plain_labels():
    axis = fgr.log_axis([0.3, 0.6], [float("nan"), 0.0, 0.4])  # nan and 0 are ignored
    assert "dtick" not in axis and axis["nticks"] == 5 and axis["minorloglabels"] == "none"


def test_gradient_norms_axis_has_no_minor_labels():
    fig = fgr.gradient_norms({"rnn": [1e-28, 1.0], "lstm": [1e-19, 1.0]})
    assert fig.layout.yaxis.dtick == 4 and fig.layout.yaxis.minorloglabels == "none"


def test_tbptt_accuracy_marks_windows_within_the_lag():
    fig = fgr.tbptt_accuracy([2, 4, 8], [0.5, 0.5, 0.9], lag=4)
    assert list(fig.data[0].x) == ["k = 2", "k = 4", "k = 8"]
    assert fig.data[0].marker.color[1] != fig.data[0].marker.color[2]


def test_clipping_runs_draws_the_predict_zero_baseline():
    runs = {"a": {"grad_norm": [1.0, 2.0], "loss": [0.5, 0.4]}}
    fig = fgr.clipping_runs(runs, 1.0, baseline=0.237)
    assert any(s.y0 == 0.237 for s in fig.layout.shapes)


def test_truncated_reach_colours_the_zeros():
    fig = fgr.truncated_reach([0.0, 0.0, 0.3, 1.0], k=2)
    assert fig.data[0].marker.color[0] != fig.data[0].marker.color[-1] and "k = 2" in fig.layout.title.text
    assert list(fig.data[1].x) == [1, 2]  # the exact zeros are marked, not invisible


def test_gradient_simulation_legend_wraps_into_two_columns():
    spec = fgr.gradient_simulation({f"길이 {n}": [0.5, 1.0] for n in (10, 30, 50, 100)}, True, 0.7)
    assert spec["encoding"]["color"]["legend"]["columns"] == 2  # four lengths never run off a phone
