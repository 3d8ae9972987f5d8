"""seqcore.figures.sentiment: pure figures (Vega-Lite specs and plotly), checked on their data and layout."""

from __future__ import annotations

import pytest

from seqcore.figures import sentiment as figs


@pytest.mark.parametrize(("val", "curves"), [((), ["학습 Loss"]), ((0.5, 0.4), ["학습 Loss", "검증 Loss"])])
def test_loss_curve(val, curves):
    spec = figs.loss_curve([0.7, 0.3, 0.1], val)
    rows = spec["data"]["values"]
    assert list(dict.fromkeys(r["series"] for r in rows)) == curves
    assert [(r["x"], r["y"]) for r in rows[:3]] == [(1, 0.7), (2, 0.3), (3, 0.1)]
    assert spec["encoding"]["x"]["title"] == "Epoch"


@pytest.mark.parametrize(("p", "color"), [(0.9, figs.POS_COLOR), (0.2, figs.NEG_COLOR)])
def test_probability_gauge(p, color):
    spec = figs.probability_gauge(p)
    bar, rule, text = spec["layer"]
    assert spec["data"]["values"] == [{"p": p, "label": f"{p:.3f}", "threshold": 0.5}]
    assert bar["mark"]["color"] == color and bar["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert rule["encoding"]["x"]["field"] == "threshold" and text["encoding"]["text"]["field"] == "label"


def test_prefix_chart_marks_unknown_and_flip():
    fig = figs.prefix_chart(["not", "xyz", "good"], [0.6, 0.55, 0.1], [True, False, True])
    assert list(fig.data[0].x) == ["1. not", "2. xyz (UNK)", "3. good"]
    assert list(fig.data[0].marker.color) == [figs.POS_COLOR, figs.POS_COLOR, figs.NEG_COLOR]
    assert fig.layout.shapes[0].y0 == 0.5


def test_accuracy_bars_groups_by_split():
    fig = figs.accuracy_bars({"LSTM": {"검증": 1.0, "프로브": 0.95}, "BoW": {"검증": 0.6, "프로브": 0.5}})
    assert [t.name for t in fig.data] == ["검증", "프로브"]
    assert list(fig.data[1].y) == [0.95, 0.5] and list(fig.data[0].text) == ["100%", "60%"]
    assert fig.layout.barmode == "group"


def test_seed_study_chart():
    fig = figs.seed_study_chart({"not good at all": [0.9, 0.2], "x": [0.1, 0.1]}, (0, 1))
    assert len(fig.data) == 2 and list(fig.data[0].x) == ["seed 0", "seed 1"]
    assert list(fig.data[0].y) == [0.9, 0.2]


def test_hunger_chart_one_line_per_model():
    fig = figs.hunger_chart((0.1, 1.0), (32, 320), {"순환": [0.6, 0.9], "가방": [0.7, 0.8]}, "제목")
    assert [t.name for t in fig.data] == ["순환", "가방"] and list(fig.data[0].y) == [0.6, 0.9]
    assert list(fig.data[0].x) == ["10% (32문장)", "100% (320문장)"] and fig.layout.title.text == "제목"


def test_word_weights_chart_shows_evidence_and_what_the_context_made_of_it():
    fig = figs.word_weights_chart(["not", "good"], [-0.2, 1.0], [1.0, -0.8])
    assert list(fig.data[0].y) == [-0.2, 1.0]
    assert list(fig.data[1].y) == pytest.approx([-0.2, -0.8])
    assert list(fig.data[1].marker.color) == [figs.NEG_COLOR, figs.NEG_COLOR]
