"""Projector mode lays plotly figures out again (larger text, room for title and legend) on a copy."""

import json

from streamlit.testing.v1 import AppTest

from seqcore.ui.projector import CHART_FONT_PX, PROJECTOR_KEY, css


def _drawn(projector: bool) -> dict:
    def app():
        from seqcore import ui
        from seqcore.figures import compare as fcmp

        ui.chart(fcmp.param_bars, {"RNN": 10, "GRU": 30}, {"RNN": 10, "GRU": 30}, key="bars")

    at = AppTest.from_function(app)
    at.session_state[PROJECTOR_KEY] = projector
    at.run()
    assert not at.exception
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_projector_mode_draws_plotly_text_larger_on_a_copy():
    big = _drawn(True)
    assert big["layout"]["font"]["size"] == CHART_FONT_PX
    assert big["layout"]["legend"]["yref"] == "container"  # below everything: never over the title
    plain = _drawn(False)  # the shared cached figure was not touched
    assert "size" not in plain["layout"].get("font", {})
    assert big["layout"]["height"] > plain["layout"].get("height", 450) - 1


def test_projector_css_scales_the_root_font_and_the_phone_css_keeps_things_in_the_column():
    assert "html { font-size: 22px" in css(True) and "html { font-size" not in css(False)
    phone = css(False)
    assert ".katex-display" in phone and "white-space: normal" in phone
    assert "_step_strips" in phone and "min-width: 560px" in phone
