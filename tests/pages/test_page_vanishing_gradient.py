import json
import re

import pytest
from apphelp import open_page, open_part, series_of, vega_specs
from predictkit import reveal, revealed_answer

from seqcore.basics.gradients import plain_number

PAGE = "pages/vanishing_gradient.py"
PART = "vanishing_gradient_part"
SIM, REAL, DEP, TBPTT, CLIP = (
    "BPTT와 시뮬레이션",
    "실제 그래디언트",
    "장기 의존성",
    "잘린 BPTT",
    "기울기 폭발",
)
GUESS = "vanishing_gradient_guess"


@pytest.fixture
def page():
    return open_page(PAGE)


def _chart(at, key):
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if key in json.dumps(spec.get("layout", {}).get("title", ""), ensure_ascii=False):
            return spec
    raise AssertionError(f"no chart titled {key!r}")


def test_default_render(page):
    at = open_part(page, PART, SIM)
    assert not at.exception
    assert at.title[0].value.startswith("1.3")
    assert (
        not at.get("plotly_chart") and not at.code
    )  # the first part loads neither plotly.js nor a highlighter
    (sim,) = vega_specs(at)
    assert "시뮬레이션" in sim["title"]["text"][0]
    assert list(series_of(sim)) == ["길이 10", "길이 30", "길이 50", "길이 100"]
    assert sim["encoding"]["y"]["scale"]["type"] == "log"
    # The first step's gradient per length is the default multiplier 0.7 to the power n - 1.
    shown = dict(re.findall(r"길이 (\d+): .*?\*\*(.+?)\*\*", "\n".join(m.value for m in at.markdown)))
    assert shown == {str(n): plain_number(0.7 ** (n - 1)) for n in (10, 30, 50, 100)}
    assert shown["10"] == "0.0404" and shown["100"] == "4.6 × 10⁻¹⁶"
    drawn = len(vega_specs(at))
    at = open_part(page, PART, REAL)
    assert not at.exception
    assert not at.get("plotly_chart") and not at.metric  # the gradients wait for the learner's guess
    reveal(at, GUESS, "LSTM")
    assert revealed_answer(at) == "RNN" and any("RNN 2.7 × 10⁻²⁸" in w.value for w in at.warning)
    real = _chart(at, "∂L/∂x_t")
    assert [t["name"] for t in real["data"]] == ["RNN", "LSTM", "GRU"]
    assert real["layout"]["yaxis"]["type"] == "log"
    assert all(len(t["y"]) == 100 for t in real["data"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["RNN: 첫 시점 / 마지막 시점"] == "2.7 × 10⁻²⁸"
    assert metrics["LSTM 평균 망각 게이트 f"] == "0.51"
    assert real["layout"]["yaxis"]["dtick"] >= 1  # labels at powers of ten only
    drawn += len(at.get("plotly_chart"))
    at = open_part(page, PART, TBPTT)
    assert not at.exception
    drawn += len(at.get("plotly_chart"))
    # The experiments wait for their buttons, unless the start-up prewarm already has their defaults.
    assert drawn >= 3  # the simulation, the real gradients and the truncated BPTT's reach, each in its part
    reach = _chart(at, "빨강 × = 정확히 0")
    assert reach["data"][0]["y"][:32] == [0] * 32 and all(v > 0 for v in reach["data"][0]["y"][32:])
    codes = " ".join(c.value for c in at.code)
    assert "detach()" in codes  # the truncated-BPTT loop that runs


def test_forget_bias_keeps_the_lstm_gradient():
    at = open_page(PAGE, query={PART: REAL})
    at.select_slider(key="vanishing_gradient_fbias").set_value(4.0).run()
    reveal(at, GUESS, "RNN")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["LSTM 평균 망각 게이트 f"] == "0.98"
    assert metrics["LSTM: 첫 시점 / 마지막 시점"] == "2.37"
    assert metrics["RNN: 첫 시점 / 마지막 시점"] == "2.7 × 10⁻²⁸"  # no gate, no change


def test_settings_come_from_the_url():
    at = open_page(
        PAGE, query={PART: REAL, "vanishing_gradient_fbias": "2.0", "vanishing_gradient_len": "50"}
    )
    assert not at.exception
    assert at.select_slider(key="vanishing_gradient_fbias").value == 2.0
    assert at.slider(key="vanishing_gradient_len").value == 50


@pytest.mark.slow  # trains the dependency experiment
def test_small_dependency_experiment_and_clipping(page):
    at = open_part(page, PART, DEP)
    at.multiselect(key="vanishing_gradient_dep_lengths").set_value([2, 5])
    at.slider(key="vanishing_gradient_dep_epochs").set_value(20)
    at.select_slider(key="vanishing_gradient_dep_hidden").set_value(8)
    at.run()
    at.button(key="vanishing_gradient_dep_run").click().run()
    assert not at.exception
    acc = _chart(at, "정확도")
    assert [t["name"] for t in acc["data"]] == ["RNN", "LSTM", "GRU"] and acc["data"][0]["x"] == [2, 5]
    assert any("이번 실행 결과" in m.value for m in at.markdown)
    at.run()  # a rerun is served from the cache, without the button
    assert _chart(at, "정확도")

    at.slider(key="vanishing_gradient_dep_epochs").set_value(
        30
    ).run()  # another setting: the last result stays
    assert not at.exception and _chart(at, "정확도")
    assert any("이전 설정의 결과" in w.value for w in at.warning)

    open_part(at, PART, CLIP)
    at.slider(key="vanishing_gradient_clip_steps").set_value(20)
    at.run()
    at.button(key="vanishing_gradient_clip_run").click().run()
    assert not at.exception
    assert any("클리핑 없음" in m.value and "항상 0을 예측" in m.value for m in at.markdown)


@pytest.mark.slow  # trains the truncated-BPTT experiment
def test_truncated_bptt_experiment_runs_on_the_page(page):
    at = open_part(page, PART, TBPTT)
    at.slider(key="vanishing_gradient_tb_epochs").set_value(4).run()
    at.button(key="vanishing_gradient_tb_run").click().run()
    assert not at.exception
    chart = _chart(at, "잘린 BPTT")
    assert chart["data"][0]["x"] == ["k = 2", "k = 4", "k = 8", "k = 16", "k = 32"]
    assert any("k ≤ lag(6)" in m.value for m in at.markdown)


def test_empty_length_selections_show_a_message(page):
    shown = 0
    for part, key in ((SIM, "vanishing_gradient_sim_lengths"), (DEP, "vanishing_gradient_dep_lengths")):
        at = open_part(page, PART, part)
        at.multiselect(key=key).set_value([]).run()
        assert not at.exception
        shown += len([i for i in at.info if "하나 이상" in i.value])
    assert shown == 2


# Each part's sliders and select sliders, set to their bounds one part at a time (only the open part is drawn).
BOUNDED = {
    SIM: (("vanishing_gradient_mult",), ()),
    REAL: (
        ("vanishing_gradient_len", "vanishing_gradient_scale"),
        ("vanishing_gradient_hidden", "vanishing_gradient_fbias"),
    ),
    DEP: (
        ("vanishing_gradient_dep_epochs",),
        ("vanishing_gradient_dep_hidden", "vanishing_gradient_dep_bias"),
    ),
    TBPTT: (("vanishing_gradient_tb_lag", "vanishing_gradient_tb_epochs"), ("vanishing_gradient_tb_k",)),
    CLIP: (
        ("vanishing_gradient_clip_scale", "vanishing_gradient_clip_steps", "vanishing_gradient_clip_len"),
        ("vanishing_gradient_clip_norm",),
    ),
}


@pytest.mark.parametrize("value", ["min", "max"])
def test_controls_at_bounds(page, value):
    for part, (sliders, select_sliders) in BOUNDED.items():
        at = open_part(page, PART, part)
        for key in sliders:
            s = at.slider(key=key)
            s.set_value(s.min if value == "min" else s.max)
        for key in select_sliders:
            s = at.select_slider(key=key)
            s.set_value(s.options[0 if value == "min" else -1])
        if part == SIM:
            sim = at.multiselect(key="vanishing_gradient_sim_lengths")
            sim.set_value([int(sim.options[0 if value == "min" else -1])])
            at.toggle(key="vanishing_gradient_log").set_value(value == "min")
        at.run()
        assert not at.exception, part
    at = open_part(page, PART, REAL)
    reveal(at, GUESS)
    real = _chart(at, "∂L/∂x_t")
    assert all(len(t["y"]) == (10 if value == "min" else 300) for t in real["data"])


def test_only_the_first_part_is_drawn_at_first_and_next_opens_the_second():
    at = open_page(PAGE)
    assert not at.exception
    assert [h.value for h in at.header] == [
        "왜 발생하는가? 시간을 거슬러 가는 역전파 (BPTT)",
        "기울기 소실 시뮬레이션",
    ]
    assert (
        len(vega_specs(at)) == 1 and not at.get("plotly_chart") and not at.metric
    )  # the simulation only: no real gradients yet
    at.button(key=f"{PART}_next").click().run()
    assert not at.exception
    assert at.query_params[PART] == REAL
    assert [h.value for h in at.header] == ["실제 모델의 그래디언트"]
    reveal(at, GUESS)
    assert _chart(at, "∂L/∂x_t") and not at.multiselect  # part 1's length picker is gone


def test_a_link_to_a_later_part_opens_it():
    at = open_page(PAGE, query={PART: CLIP})
    assert not at.exception
    assert [h.value for h in at.header] == ["기울기 폭발과 Gradient Clipping"]
    assert at.button(key="vanishing_gradient_clip_run").label == "클리핑 비교 실행"
    assert f"{PART}_next" not in [b.key for b in at.button]  # the last part has no next
    assert len(at.get("plotly_chart")) <= 1  # no earlier part's chart: at most the clipping one, if prewarmed
