import plotly.graph_objects as go
import pytest

from seqcore.figures.style import TITLE_CHARS, readable, wrap


@pytest.mark.parametrize(
    "title",
    [
        "짧은 제목",
        "마지막 시점의 손실이 각 시점 입력에 주는 그래디언트 ‖∂L/∂x_t‖",
        "한<br>줄바꿈이 있는 제목은 그대로",
    ],
)
def test_wrap_breaks_long_titles_at_spaces_only(title):
    out = wrap(title)
    assert out.replace("<br>", " ") == title.replace("<br>", " ") or out == title
    if "<br>" not in title:
        assert all(len(line) <= TITLE_CHARS for line in out.split("<br>") if " " in line)


def test_readable_keeps_the_legend_and_title_apart():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="a"), layout={"title": "제목", "legend": {"y": 1.1}})
    readable(fig)
    assert fig.layout.title.automargin and fig.layout.title.yref == "paper"
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == (
        "container",
        0,
        "bottom",
    )
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin
    assert fig.layout.uniformtext.minsize == 11  # bar labels never shrink below 11 px
    assert fig.layout.font.size is None  # the figure's own size outside projector mode


def test_readable_in_projector_mode_enlarges_every_text_and_the_figure():
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": "제목", "height": 400})
    fig.add_hline(y=0.5, annotation_text="기준선")
    readable(fig, 20)
    assert fig.layout.font.size == 20 and fig.layout.uniformtext.minsize == 18
    assert fig.layout.height == 500 and all(a.font.size == 18 for a in fig.layout.annotations)
