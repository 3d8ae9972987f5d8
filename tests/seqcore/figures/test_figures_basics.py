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


def test_direction_reach_and_next_step_leak_figures():
    from seqcore.basics.birnn import LeakResult, direction_reach

    r = direction_reach(changed=1)
    spec = fb.direction_reach(r)
    assert len({row["series"] for row in spec["data"]["values"]}) == 2 and "___를" in spec["title"]["text"][0]
    leak = LeakResult(
        {"단방향 GRU": 0.15, "양방향 GRU": 0.05}, {"단방향 GRU": 0.14, "양방향 GRU": 0.3}, 0.09, 0.2
    )
    fig = fb.next_step_leak(leak)
    assert [t.name for t in fig.data] == ["창 전체를 줌 (미래 포함)", "과거만 줌 (정직한 예측)"]
    assert any(s.y0 == 0.09 for s in fig.layout.shapes)
