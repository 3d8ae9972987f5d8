import json

import pytest
from apphelp import open_page

PAGE = "pages/vanishing_gradient.py"


@pytest.fixture(scope="module")
def page():
    return open_page(PAGE)


def _chart(at, key):
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if key in json.dumps(spec.get("layout", {}).get("title", ""), ensure_ascii=False):
            return spec
    raise AssertionError(f"no chart titled {key!r}")


def test_default_render(page):
    at = page
    assert not at.exception
    assert at.title[0].value.startswith("1.3")
    sim = _chart(at, "시뮬레이션")
    assert len(sim["data"]) == 4 and sim["layout"]["yaxis"]["type"] == "log"
    codes = " ".join(c.value for c in at.code)
    assert "시퀀스 길이  10: 첫 시점 그래디언트 = 0.0404" in codes
    assert "시퀀스 길이 100: 첫 시점 그래디언트 = 4.6 × 10⁻¹⁶" in codes and "e-" not in codes.split("def ")[0]
    real = _chart(at, "∂L/∂x_t")
    assert [t["name"] for t in real["data"]] == ["RNN", "LSTM", "GRU"]
    assert real["layout"]["yaxis"]["type"] == "log"
    assert all(len(t["y"]) == 100 for t in real["data"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["RNN: 첫 시점 / 마지막 시점"] == "2.7 × 10⁻²⁸"
    assert metrics["LSTM 평균 망각 게이트 f"] == "0.51"
    assert real["layout"]["yaxis"]["dtick"] >= 1  # labels at powers of ten only
    # The experiments wait for their buttons, unless the start-up prewarm already has their defaults.
    assert len(at.get("plotly_chart")) >= 3
    reach = _chart(at, "빨강 × = 정확히 0")
    assert reach["data"][0]["y"][:32] == [0] * 32 and all(v > 0 for v in reach["data"][0]["y"][32:])
    assert "detach()" in codes  # the truncated-BPTT loop that runs


def test_forget_bias_keeps_the_lstm_gradient():
    at = open_page(PAGE)
    at.select_slider(key="vanishing_gradient_fbias").set_value(4.0).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["LSTM 평균 망각 게이트 f"] == "0.98"
    assert metrics["LSTM: 첫 시점 / 마지막 시점"] == "2.37"
    assert metrics["RNN: 첫 시점 / 마지막 시점"] == "2.7 × 10⁻²⁸"  # no gate, no change


def test_settings_come_from_the_url():
    at = open_page(PAGE, query={"vanishing_gradient_fbias": "2.0", "vanishing_gradient_len": "50"})
    assert not at.exception
    assert at.select_slider(key="vanishing_gradient_fbias").value == 2.0
    assert at.slider(key="vanishing_gradient_len").value == 50


def test_small_dependency_experiment_and_clipping(page):
    at = page
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

    at.slider(key="vanishing_gradient_clip_steps").set_value(20)
    at.run()
    at.button(key="vanishing_gradient_clip_run").click().run()
    assert not at.exception
    assert any("클리핑 없음" in m.value and "항상 0을 예측" in m.value for m in at.markdown)


def test_truncated_bptt_experiment_runs_on_the_page(page):
    at = page
    at.slider(key="vanishing_gradient_tb_epochs").set_value(4).run()
    at.button(key="vanishing_gradient_tb_run").click().run()
    assert not at.exception
    chart = _chart(at, "잘린 BPTT")
    assert chart["data"][0]["x"] == ["k = 2", "k = 4", "k = 8", "k = 16", "k = 32"]
    assert any("k ≤ lag(6)" in m.value for m in at.markdown)


def test_empty_length_selections_show_a_message(page):
    at = page
    at.multiselect(key="vanishing_gradient_sim_lengths").set_value([])
    at.multiselect(key="vanishing_gradient_dep_lengths").set_value([])
    at.run()
    assert not at.exception
    assert len([i for i in at.info if "하나 이상" in i.value]) == 2


@pytest.mark.parametrize("value", ["min", "max"])
def test_controls_at_bounds(page, value):
    at = page
    for key in ("vanishing_gradient_mult", "vanishing_gradient_len", "vanishing_gradient_scale",
                "vanishing_gradient_dep_epochs", "vanishing_gradient_clip_scale", "vanishing_gradient_clip_steps",
                "vanishing_gradient_clip_len", "vanishing_gradient_tb_lag", "vanishing_gradient_tb_epochs"):  # fmt: skip
        s = at.slider(key=key)
        s.set_value(s.min if value == "min" else s.max)
    for key in ("vanishing_gradient_hidden", "vanishing_gradient_dep_hidden", "vanishing_gradient_dep_bias",
                "vanishing_gradient_clip_norm", "vanishing_gradient_fbias", "vanishing_gradient_tb_k"):  # fmt: skip
        s = at.select_slider(key=key)
        s.set_value(s.options[0 if value == "min" else -1])
    sim = at.multiselect(key="vanishing_gradient_sim_lengths")
    sim.set_value([int(sim.options[0 if value == "min" else -1])])
    at.toggle(key="vanishing_gradient_log").set_value(value == "min")
    at.run()
    assert not at.exception
    real = _chart(at, "∂L/∂x_t")
    assert all(len(t["y"]) == (10 if value == "min" else 300) for t in real["data"])
