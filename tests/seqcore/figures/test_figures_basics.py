import math

import numpy as np
import pytest

from seqcore.basics.order import SEQUENCE_EXAMPLES, compare_orders
from seqcore.figures import basics as fb


def test_sequence_examples_has_one_panel_per_example():
    spec = fb.sequence_examples(SEQUENCE_EXAMPLES)
    assert [[v["title"] for v in row["hconcat"]] for row in spec["vconcat"]] == [
        list(SEQUENCE_EXAMPLES)[:2],
        list(SEQUENCE_EXAMPLES)[2:],
    ]  # a 2x2 grid
    rows = spec["data"]["values"]
    tokens = [r["token"] for r in rows if r["token"] is not None]
    assert tokens == ["오늘", "날씨가", "정말", "좋다"]
    assert all(isinstance(r["y"], float) for r in rows)  # one type per column (Streamlit sends Arrow)


def test_order_comparison_groups_a_and_b():
    comp = compare_orders(["a", "b", "c"], ["c", "b", "a"], dim=4, hidden=5)
    spec = fb.order_comparison(comp)
    panels = [v["title"] for v in spec["hconcat"]]
    assert "같음" in panels[1] and "다름" in panels[2]
    rows = spec["data"]["values"]
    assert len([r for r in rows if r["panel"] == panels[2] and r["series"] == "문장 A"]) == 5  # hidden units
    assert all(v["encoding"]["xOffset"]["field"] == "series" for v in spec["hconcat"])  # A and B side by side


@pytest.mark.parametrize(("T", "H"), [(1, 1), (5, 20), (50, 64)])
def test_hidden_heatmap_is_units_by_steps(T, H):
    fig = fb.hidden_heatmap(np.zeros((T, H)))
    assert np.asarray(fig.data[0].z).shape == (H, T)
    assert fig.data[0].zmin == -1 and fig.data[0].zmax == 1


@pytest.mark.parametrize("log_y", [True, False])
def test_gradient_simulation_axis(log_y):
    spec = fb.gradient_simulation({"seq=10": [0.1, 1.0], "seq=3": [0.2, 0.5, 1.0]}, log_y, 0.7)
    assert {r["series"] for r in spec["data"]["values"]} == {"seq=10", "seq=3"} and len(
        spec["data"]["values"]
    ) == 5
    assert spec["encoding"]["y"].get("scale", {}).get("type") == ("log" if log_y else None)
    assert "시뮬레이션" in spec["title"]["text"][0] and "0.7" in spec["title"]["text"][1]


def test_gradient_simulation_log_axis_is_labelled_at_powers_of_ten():
    spec = fb.gradient_simulation({"seq=100": [0.7**k for k in range(100, -1, -1)]}, True)
    values = spec["encoding"]["y"]["axis"]["values"]
    assert len(values) <= 8 and all(math.log10(v) == round(math.log10(v)) for v in values)
    assert values[0] == 1.0 and values[-1] <= 1e-12  # down to the smallest decades (0.7¹⁰⁰ = 3.2e-16)
    zero = fb.gradient_simulation({"seq=3": [0.0, float("nan"), 1.0]}, True)
    assert [r["y"] for r in zero["data"]["values"]] == [None, None, 1.0]  # no zero or nan on a log axis


def test_gradient_norms_one_trace_per_model_log_axis_and_gaps():
    fig = fb.gradient_norms(
        {"rnn": [0.0, 1e-30, 1.0], "lstm": [float("inf"), 0.1, 1.0], "gru": [0.2, 0.3, 1.0]}
    )
    assert [t.name for t in fig.data] == ["RNN", "LSTM", "GRU"]
    assert fig.layout.yaxis.type == "log"
    assert fig.data[0].y[0] is None and fig.data[1].y[0] is None  # zero and inf are gaps


def test_dependency_accuracy():
    fig = fb.dependency_accuracy([5, 30], {"rnn": [1.0, 0.5], "gru": [1.0, 1.0]})
    assert [t.name for t in fig.data] == ["RNN", "GRU"] and list(fig.data[0].x) == [5, 30]
    assert any(s.y0 == 0.5 for s in fig.layout.shapes)


def test_clipping_runs_handles_divergence():
    runs = {
        "클리핑 없음": {"grad_norm": [1.0, 1e20, float("nan")], "loss": [0.5, float("inf"), float("nan")]},
        "clip": {"grad_norm": [1.0, 2.0, 3.0], "loss": [0.5, 0.4, 0.3]},
    }
    fig = fb.clipping_runs(runs, 1.0)
    assert len(fig.data) == 4
    assert fig.data[1].y[1] is None and not any(
        isinstance(v, float) and math.isnan(v) for v in fig.data[0].y if v
    )
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"


@pytest.mark.parametrize(
    ("values", "dtick"), [([1e-28, 1.0], 4), ([1e-3, 1.0], 1), ([1e-16, 1.0], 2), ([1e-40, 10.0], 6)]
)
def test_log_axis_labels_only_powers_of_ten(values, dtick):
    axis = fb.log_axis(values)
    assert axis["type"] == "log" and axis["dtick"] == dtick and axis["minorloglabels"] == "none"
    assert axis["exponentformat"] == "power"


def test_narrow_log_axis_gets_a_few_plain_labels():
    axis = fb.log_axis([0.3, 0.6], [float("nan"), 0.0, 0.4])  # nan and 0 are ignored
    assert "dtick" not in axis and axis["nticks"] == 5 and axis["minorloglabels"] == "none"


def test_gradient_norms_axis_has_no_minor_labels():
    fig = fb.gradient_norms({"rnn": [1e-28, 1.0], "lstm": [1e-19, 1.0]})
    assert fig.layout.yaxis.dtick == 4 and fig.layout.yaxis.minorloglabels == "none"


def test_direction_reach_and_next_step_leak_figures():
    from seqcore.basics.birnn import LeakResult, direction_reach

    r = direction_reach(changed=1)
    spec = fb.direction_reach(r)
    assert len({row["series"] for row in spec["data"]["values"]}) == 2 and "___를" in spec["title"]["text"]
    leak = LeakResult(
        {"단방향 GRU": 0.15, "양방향 GRU": 0.05}, {"단방향 GRU": 0.14, "양방향 GRU": 0.3}, 0.09, 0.2
    )
    fig = fb.next_step_leak(leak)
    assert [t.name for t in fig.data] == ["창 전체를 줌 (미래 포함)", "과거만 줌 (정직한 예측)"]
    assert any(s.y0 == 0.09 for s in fig.layout.shapes)


def test_tbptt_accuracy_marks_windows_within_the_lag():
    fig = fb.tbptt_accuracy([2, 4, 8], [0.5, 0.5, 0.9], lag=4)
    assert list(fig.data[0].x) == ["k = 2", "k = 4", "k = 8"]
    assert fig.data[0].marker.color[1] != fig.data[0].marker.color[2]


def test_clipping_runs_draws_the_predict_zero_baseline():
    runs = {"a": {"grad_norm": [1.0, 2.0], "loss": [0.5, 0.4]}}
    fig = fb.clipping_runs(runs, 1.0, baseline=0.237)
    assert any(s.y0 == 0.237 for s in fig.layout.shapes)


def test_truncated_reach_colours_the_zeros():
    fig = fb.truncated_reach([0.0, 0.0, 0.3, 1.0], k=2)
    assert fig.data[0].marker.color[0] != fig.data[0].marker.color[-1] and "k = 2" in fig.layout.title.text
    assert list(fig.data[1].x) == [1, 2]  # the exact zeros are marked, not invisible
