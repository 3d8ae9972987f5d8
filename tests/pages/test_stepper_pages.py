"""The step-through view on the RNN, LSTM and GRU pages (issue 15), through AppTest."""

import json

import pytest
from apphelp import open_page

from seqcore.basics import gates
from seqcore.basics import stepper as core
from seqcore.figures.stepper import HIGHLIGHT

PAGES = {"rnn": "pages/rnn.py", "lstm": "pages/lstm.py", "gru": "pages/gru.py"}
LAST = len(gates.parse(gates.EXAMPLES[0]).tokens)  # 7 tokens in the lesson's sentence


def step_charts(at) -> list[dict]:
    """The step-through's plotly figures: the ones that say which step they show."""
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [f for f in figs if isinstance(f["layout"].get("meta"), dict) and "step" in f["layout"]["meta"]]


def highlighted(fig: dict) -> set[int]:
    """Steps (0-based) boxed in the highlight colour across the time axis."""
    return {
        round((s["x0"] + s["x1"]) / 2)
        for s in fig["layout"].get("shapes", [])
        if s.get("line", {}).get("color") == HIGHLIGHT and s["x1"] - s["x0"] == 1
    }


def assert_step(at, step: int) -> None:
    figs = step_charts(at)
    assert len(figs) == 3
    assert [f["layout"]["meta"]["step"] for f in figs] == [step] * 3
    assert f"시점 {step} / {LAST}" in figs[0]["layout"]["title"]["text"]
    for fig in figs[1:]:
        assert highlighted(fig) == {step - 1}


def open_view(kind: str, query: dict | None = None):
    at = open_page(PAGES[kind], timeout=180, query=query)
    if kind == "lstm":
        at.button(key="lstm_gate_run").click().run()  # the LSTM page trains behind its button
    assert not at.exception
    return at


@pytest.fixture(scope="module", params=list(PAGES))
def page(request):
    return request.param, open_view(request.param)


def test_each_page_shows_the_view_with_the_torch_check(page):
    kind, at = page
    labels = [b.label for b in at.button]
    for label in ("⏮ 처음", "◀ 이전", "▶️ 재생", "다음 ▶", "끝 ⏭"):
        assert label in labels
    assert_step(at, 1)
    checks = [
        c.value for c in at.code if "torch.allclose(outputs, scratch_outputs, atol=1e-5)  # True" in c.value
    ]
    assert checks and ("c_n" in checks[0]) == (kind == "lstm")
    equations = [c.value for c in at.code if c.value.startswith(("h₁[", "f₁[", "r₁["))]
    assert equations and "[3] = " in equations[0]


def test_stepping_moves_the_highlight_in_every_chart_without_recomputing(page, monkeypatch):
    kind, at = page
    trained = []
    monkeypatch.setattr(core, "train_step_model", lambda *a, **k: trained.append(1))
    traces = core.TRACE_CALLS["count"]
    key = f"{kind}_step_t"
    at.button(key=f"{key}_next").click().run()
    assert_step(at, 2)
    at.button(key=f"{key}_last").click().run()
    assert_step(at, LAST)
    at.button(key=f"{key}_prev").click().run()
    assert_step(at, LAST - 1)
    at.slider(key=key).set_value(3).run()
    assert_step(at, 3)
    at.run()  # an unrelated rerun keeps the chosen step
    assert_step(at, 3)
    at.button(key=f"{key}_first").click().run()
    assert_step(at, 1)
    assert not at.exception
    assert core.TRACE_CALLS["count"] == traces and not trained


def test_the_chosen_unit_changes_the_equation(page):
    kind, at = page
    at.select_slider(key=f"{kind}_step_unit").set_value(0).run()
    equations = [c.value for c in at.code if "[0] = " in c.value]
    assert equations and not at.exception
    at.select_slider(key=f"{kind}_step_unit").set_value(3).run()


def test_rnn_unrolled_diagram_carries_the_current_steps_numbers():
    at = open_view("rnn", query={"rnn_step_t": "4"})
    assert_step(at, 4)
    dots = [g.proto.spec for g in at.get("graphviz_chart") if "(지금)" in g.proto.spec]
    assert len(dots) == 1 and "시점 4 (지금)" in dots[0]
    assert dots[0].count("BGCOLOR") >= 8 * LAST


def test_own_sentence_and_empty_input():
    at = open_view("gru")
    at.selectbox(key="gru_step_pick").set_value("직접 입력").run()
    at.text_input(key="gru_step_text").set_value("나는 강아지도 좋다 . 영화는 싫다").run()
    assert not at.exception
    figs = step_charts(at)
    assert "시점 1 / 6" in figs[0]["layout"]["title"]["text"]
    at.text_input(key="gru_step_text").set_value("   ").run()
    assert not at.exception
    assert any("비어" in w.value for w in at.warning)


def test_projector_mode_enlarges_chart_fonts_and_persists_across_pages():
    at = open_view("rnn")
    at.toggle(key="projector").set_value(True).run()
    assert all(f["layout"]["font"]["size"] == 20 for f in step_charts(at))
    at.switch_page(PAGES["gru"]).run()
    assert at.toggle(key="projector").value is True
    assert all(f["layout"]["font"]["size"] == 20 for f in step_charts(at))
    assert not at.exception
