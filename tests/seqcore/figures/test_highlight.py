import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from seqcore.figures import highlight as hl


def _bands(fig) -> list[tuple[float, float]]:
    return [(s.x0, s.x1) for s in fig.layout.shapes if s.name == hl.STEP_SHAPE]


def test_a_band_on_every_subplot_and_the_step_in_meta():
    fig = make_subplots(rows=3, cols=1)
    for row in (1, 2, 3):
        fig.add_trace(go.Scatter(x=[0, 1, 2], y=[0, 1, 2]), row=row, col=1)
    hl.add_step_band(fig, 1, [(1, 1), (2, 1), (3, 1)])
    assert _bands(fig) == [(0.5, 1.5)] * 3
    assert {s.yref for s in fig.layout.shapes} == {"y domain", "y2 domain", "y3 domain"}
    assert fig.layout.meta == {"step": 2}
    assert all(s.line.color == hl.HIGHLIGHT for s in fig.layout.shapes)


def test_move_step_moves_only_the_step_bands():
    fig = go.Figure(go.Bar(x=[0, 1, 2, 3], y=[1, 2, 3, 4]))
    fig.add_shape(type="line", x0=0, x1=3, y0=1, y1=1, name="other")
    hl.add_step_band(fig, 0)
    hl.move_step(fig, 3)
    assert _bands(fig) == [(2.5, 3.5)]
    assert fig.layout.shapes[0].x0 == 0 and fig.layout.shapes[0].x1 == 3
    assert fig.layout.meta == {"step": 4}


def test_fill_behind_bars_frame_over_heatmaps():
    filled = hl.add_step_band(go.Figure(), 0)
    framed = hl.add_step_band(go.Figure(), 0, fill=False)
    assert filled.layout.shapes[0].layer == "below" and filled.layout.shapes[0].fillcolor == hl.HIGHLIGHT
    assert framed.layout.shapes[0].layer == "above" and framed.layout.shapes[0].fillcolor is None


def test_click_layer_covers_every_cell_and_carries_its_step():
    layer = hl.click_layer(["1 나는", "2 좋다"], ["unit 0", "unit 1", "unit 2"], [["a", "b"]] * 3)
    assert len(layer.x) == 6 and list(layer.customdata) == [0, 1] * 3
    assert list(layer.y[:2]) == ["unit 0", "unit 0"]
    assert layer.marker.opacity == 0 and list(layer.text[:2]) == ["a", "b"]


@pytest.mark.parametrize(
    ("event", "step"),
    [
        ({"selection": {"points": [{"x": "3 좋다", "customdata": 2}]}}, 2),
        ({"selection": {"points": [{"x": 4.0}]}}, 4),
        ({"selection": {"points": [{"customdata": [5, "x"]}]}}, 5),
        ({"selection": {"points": [{"x": "3 좋다"}]}}, None),  # a category label is not a step
        ({"selection": {"points": []}}, None),
        (None, None),
        ("garbage", None),
    ],
)
def test_clicked_step_reads_customdata_then_x(event, step):
    assert hl.clicked_step(event) == step


def test_selection_signature_tells_clicks_apart():
    a = {"selection": {"points": [{"customdata": 1}]}}
    b = {"selection": {"points": [{"customdata": 2}]}}
    assert hl.selection_signature(a) == hl.selection_signature(dict(a))
    assert hl.selection_signature(a) != hl.selection_signature(b)


def test_step_table_shades_only_the_chosen_row():
    rows = [{"시점": t + 1, "단어": w, "확률": 0.9891234} for t, w in enumerate(["나는", "좋다", "."])]
    html = hl.step_table(rows, 1).to_html()
    assert "#T_" in html and "row1_col0, #T_" in html and "row0_col0," not in html  # row 2's cells only
    assert ">0.989<" in html and "0.989123" not in html  # three decimals, as the plain table showed
    styled = hl.step_table(rows, 1)
    styled._compute()
    assert {r for (r, _c), props in styled.ctx.items() if props} == {1}
