"""seqcore.figures.sentiment: pure figures (Vega-Lite specs and plotly), checked on their data and layout."""

from __future__ import annotations

import pytest

from seqcore.figures import sentiment as figs


@pytest.mark.parametrize(("val", "curves"), [((), ["학습 손실"]), ((0.5, 0.4), ["학습 손실", "검증 손실"])])
def test_loss_curve(val, curves):
    spec = figs.loss_curve([0.7, 0.3, 0.1], val)
    rows = spec["data"]["values"]
    assert list(dict.fromkeys(r["series"] for r in rows)) == curves
    assert [(r["x"], r["y"]) for r in rows[:3]] == [(1, 0.7), (2, 0.3), (3, 0.1)]
    assert spec["encoding"]["x"]["title"] == "에포크"


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
    assert len(fig.data) == 2 and list(fig.data[0].x) == ["시드 0", "시드 1"]
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


def test_korean_figures_are_vega_lite_with_one_row_per_piece_and_bin():
    from seqcore.figures import sentiment_ko

    spec = sentiment_ko.piece_reading_chart(
        ("▁지루", "하지는", "▁않았다"), (0.2, 0.3, 0.8), (True, True, False)
    )
    assert [r["piece"] for r in spec["data"]["values"]] == ["1. ▁지루", "2. 하지는", "3. ▁않았다 (UNK)"]
    assert [r["series"] for r in spec["data"]["values"]] == ["부정", "부정", "긍정"]
    bars = sentiment_ko.bow_pushes_chart((("지루", -1.5), ("않았", 0.4)))
    assert [r["series"] for r in bars["data"]["values"]] == ["부정 쪽", "긍정 쪽"]
    rel = sentiment_ko.reliability_chart((0.05, float("nan"), 0.95), (0.1, float("nan"), 0.9), (10, 0, 20))
    assert [r["n"] for r in rel["data"]["values"]] == [10, 20]  # empty bins are left out
