"""The step-through view on the RNN, LSTM and GRU pages (issue 15), through AppTest.

Every chart over the stepped sentence says which step it shows (`layout.meta["step"]`) and
bands it in the highlight colour: the step-through's own three charts, and on the LSTM page
the sentence's gate charts (bars, heatmaps, C_t/h_t lines) higher up. Clicks on the charts are
exercised in the browser (tests/browser/test_stepper_browser.py); here the time control.
"""

import json
import re

import pytest
from apphelp import open_page, open_part

from seqcore.basics import gates, step_models
from seqcore.basics import stepper as core
from seqcore.figures import gates as fg
from seqcore.figures.stepper import HIGHLIGHT
from seqcore.ui import stepper as step_ui

PAGES = {"rnn": "pages/rnn.py", "lstm": "pages/lstm.py", "gru": "pages/gru.py"}
LAST = len(gates.parse(gates.EXAMPLES[0]).tokens)  # 7 tokens in the lesson's sentence
# Charts that follow the step: the step-through's strips, timeline and answers, plus the LSTM
# page's gate bars, gate heatmaps and state lines (the same sentence, drawn above the panel).
FOLLOWING = {"rnn": 3, "lstm": 6, "gru": 3}


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


def assert_step(at, step: int, kind: str = "rnn") -> None:
    """Every chart that follows the step shows `step` (1-based) and bands that step alone."""
    figs = step_charts(at)
    assert len(figs) == FOLLOWING[kind]
    assert [f["layout"]["meta"]["step"] for f in figs] == [step] * len(figs)
    strips = [f for f in figs if f["layout"].get("title", {}).get("text", "").startswith("시점 ")]
    assert len(strips) == 1 and f"시점 {step} / {LAST}" in strips[0]["layout"]["title"]["text"]
    for fig in figs:
        if fig is not strips[0]:
            assert highlighted(fig) == {step - 1}, fig["layout"].get("title")
    if kind == "lstm":  # the sentence's table above the panel shades the step's row
        styles = at.dataframe[-1].proto.arrow_data.styler.styles
        assert set(re.findall(r"_row(\d+)_col", styles)) == {str(step - 1)}


STEP_PART = "한 시점씩 읽기"  # the RNN and GRU pages' part with the step-through


def open_view(kind: str, query: dict | None = None):
    if kind in ("rnn", "gru"):  # a link to the page's step-through part
        query = {f"{kind}_part": STEP_PART} | (query or {})
    at = open_page(PAGES[kind], timeout=180, query=query)
    if kind == "lstm":
        open_part(at, "lstm_part", "실제 게이트")  # the gates and the step-through are in its last part
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
    assert_step(at, 1, kind)
    checks = [
        c.value for c in at.code if "torch.allclose(outputs, scratch_outputs, atol=1e-5)  # True" in c.value
    ]
    assert checks and ("c_n" in checks[0]) == (kind == "lstm")
    equations = [c.value for c in at.code if c.value.startswith(("h₁[", "f₁[", "r₁["))]
    assert equations and "[3] = " in equations[0]


def test_stepping_moves_the_highlight_in_every_chart_without_recomputing(page, monkeypatch):
    kind, at = page
    trained, built = [], []
    monkeypatch.setattr(step_models, "train_step_model", lambda *a, **k: trained.append(1))
    monkeypatch.setattr(gates, "trace", lambda *a, **k: trained.append("gate trace"))
    for name in ("gate_mean_bars", "gate_heatmaps", "state_lines"):  # the LSTM page's sentence charts
        monkeypatch.setattr(fg, name, lambda *a, _n=name, **k: built.append(_n))
    monkeypatch.setattr(step_ui.step_figures.fs, "StepFigures", lambda *a, **k: built.append("StepFigures"))
    traces = core.TRACE_CALLS["count"]
    key = f"{kind}_step_t"
    at.button(key=f"{key}_next").click().run()
    assert_step(at, 2, kind)
    at.button(key=f"{key}_last").click().run()
    assert_step(at, LAST, kind)
    at.button(key=f"{key}_prev").click().run()
    assert_step(at, LAST - 1, kind)
    at.slider(key=key).set_value(3).run()
    assert_step(at, 3, kind)
    at.run()  # an unrelated rerun keeps the chosen step
    assert_step(at, 3, kind)
    at.button(key=f"{key}_first").click().run()
    assert_step(at, 1, kind)
    assert not at.exception
    # no training, no new trace, and no chart rebuilt: each was only moved to the step
    assert core.TRACE_CALLS["count"] == traces and not trained and not built


def test_the_chosen_unit_changes_the_equation(page):
    kind, at = page
    at.select_slider(key=f"{kind}_step_unit").set_value(0).run()
    equations = [c.value for c in at.code if "[0] = " in c.value]
    assert equations and not at.exception
    at.select_slider(key=f"{kind}_step_unit").set_value(3).run()


def _unrolled(at) -> list[str]:
    """The unrolled diagrams with real values (the step-through's, one)."""
    return [g.proto.spec for g in at.get("graphviz_chart") if "(지금)" in g.proto.spec]


def test_rnn_unrolled_diagram_carries_the_current_steps_numbers():
    at = open_view("rnn", query={"rnn_step_t": "4"})
    assert_step(at, 4)
    (panel,) = _unrolled(at)
    assert "시점 4 (지금)" in panel
    assert panel.count("BGCOLOR") >= 8 * LAST  # every step's h_t, a colour strip
    h = core.trace_model(
        "rnn", step_models.train_step_model(step_models.StepTaskConfig(kind="rnn")).model, gates.EXAMPLES[0]
    )
    numbers = [f"{v:.2f}".replace("-", "−") for v in h.values["h"][3]]
    assert all(n in panel for n in numbers)  # step 4's real h_t, written in


def test_rnn_unrolled_diagram_follows_the_step_buttons():
    at = open_view("rnn")
    assert "시점 1 (지금)" in _unrolled(at)[0]
    at.button(key="rnn_step_t_next").click().run()
    assert_step(at, 2)
    assert "시점 2 (지금)" in _unrolled(at)[0]
    at.button(key="rnn_step_t_prev").click().run()
    assert_step(at, 1)
    assert "시점 1 (지금)" in _unrolled(at)[0]
    assert not at.exception


def test_gru_lesson_notation_shows_the_same_h_t_with_z_as_one_minus_z():
    at = open_view("gru", query={"gru_step_t": "3"})
    at.toggle(key="gru_step_lesson").set_value(True).run()
    checks = "\n".join(c.value for c in at.code if "allclose" in c.value)
    assert "z_lesson * h_tilde, outputs, atol=1e-5)  # True" in checks
    lesson = [c.value for c in at.code if c.value.startswith("r₃[")][0]
    assert "z₃[3] = 1 − σ(" in lesson and "h₃[3] = (1 − z)·h₂ + z·h̃ = " in lesson
    at.toggle(key="gru_step_lesson").set_value(False).run()
    torch_form = [c.value for c in at.code if c.value.startswith("r₃[")][0]
    assert "h₃[3] = (1 − z)·n + z·h₂ = " in torch_form and "1 − σ(" not in torch_form
    # both forms end on the same h_t, to the printed digits
    assert lesson.rsplit("= ", 1)[1] == torch_form.rsplit("= ", 1)[1]
    assert_step(at, 3, "gru")
    assert not at.exception


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


def test_projector_mode_enlarges_the_lstm_pages_linked_charts_too():
    at = open_view("lstm")
    at.toggle(key="projector").set_value(True).run()
    figs = step_charts(at)
    assert len(figs) == FOLLOWING["lstm"] and all(f["layout"]["font"]["size"] == 20 for f in figs)
    at.toggle(key="projector").set_value(False).run()
    assert all("size" not in f["layout"].get("font", {}) for f in step_charts(at))
    assert not at.exception


def test_projector_mode_enlarges_chart_fonts_and_persists_across_pages():
    at = open_view("rnn")
    at.toggle(key="projector").set_value(True).run()
    figs = step_charts(at)
    assert len(figs) == FOLLOWING["rnn"] and all(f["layout"]["font"]["size"] == 20 for f in figs)
    at.switch_page(PAGES["gru"]).run()
    assert at.toggle(key="projector").value is True
    open_part(at, "gru_part", STEP_PART)
    figs = step_charts(at)
    assert len(figs) == FOLLOWING["gru"] and all(f["layout"]["font"]["size"] == 20 for f in figs)
    assert not at.exception
