"""ui.cached_figure: one figure per distinct input, shared and frozen; a new input builds another."""

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from seqcore.core.cache import approx_bytes, bounded
from seqcore.figures import compare as fcmp
from seqcore.figures.frozen import freeze
from seqcore.ui.charts import FIGURES, arrow_rows, cached_figure


def test_the_same_inputs_share_one_figure_and_new_inputs_build_another():
    bounded(FIGURES).clear()
    a = cached_figure(fcmp.param_bars, {"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40})
    b = cached_figure(fcmp.param_bars, {"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40})
    c = cached_figure(fcmp.param_bars, {"RNN": 11, "LSTM": 44}, {"RNN": 11, "LSTM": 44})
    assert a is b
    assert c is not a and list(c.data[0].y) != list(a.data[0].y)
    assert a.to_dict() == fcmp.param_bars({"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40}).to_dict()


def test_arrays_with_the_same_content_hit_and_a_changed_array_misses():
    bounded(FIGURES).clear()
    calls = []

    def bars(values, title="t"):
        calls.append(1)
        return go.Figure(go.Bar(y=values), layout={"title": title})

    cached_figure(bars, np.arange(5.0))
    cached_figure(bars, np.arange(5.0))  # a new array object, same content
    cached_figure(bars, np.arange(5.0), title="t")  # keyword given: a different call signature
    cached_figure(bars, np.arange(5.0) + 1)
    assert len(calls) == 3


def test_a_frozen_figure_draws_the_same_json_as_the_original():
    def build():
        return go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"title": "제목", "template": "plotly_white"})

    expected = pio.to_json(build(), validate=False)
    frozen = freeze(build())
    assert frozen.to_dict() is frozen.to_dict()  # taken once
    assert pio.to_json(frozen, validate=False) == expected
    assert pio.to_json(frozen, validate=False) == expected  # drawing twice changes nothing


def test_a_snapshot_keeps_the_figure_as_it_was_when_taken():
    import plotly.io as pio

    from seqcore.figures.frozen import snapshot

    fig = go.Figure(go.Bar(y=[1, 2, 3]), layout={"template": "plotly_white", "meta": {"step": 1}})
    before = pio.to_json(fig, validate=False)
    snap = snapshot(fig)
    fig.update_layout(meta={"step": 2})  # the original moves on
    assert pio.to_json(snap, validate=False) == before
    assert snap.to_dict()["layout"]["meta"] == {"step": 1}


def test_a_vega_lite_spec_is_drawn_with_vega_lite_and_the_shared_spec_is_left_as_built():
    from apphelp import vega_specs
    from streamlit.testing.v1 import AppTest

    from seqcore.figures import sentiment as figs

    def app():
        from seqcore import ui
        from seqcore.figures import sentiment as figs

        ui.chart(figs.loss_curve, [0.5, 0.25], key="a")
        ui.chart(figs.loss_curve, [0.5, 0.25], key="b")  # the same cached spec, drawn again

    bounded(FIGURES).clear()
    at = AppTest.from_function(app).run()
    assert not at.exception and not at.get("plotly_chart")
    drawn = vega_specs(at)
    assert len(drawn) == 2 and drawn[0] == drawn[1]
    assert [(r["x"], r["y"]) for r in drawn[0]["data"]["values"]] == [(1, 0.5), (2, 0.25)]
    built = figs.loss_curve([0.5, 0.25])
    assert {k: v for k, v in drawn[0].items() if k in built} == built  # as built, rows and all
    assert cached_figure(figs.loss_curve, [0.5, 0.25]) == arrow_rows(built)  # drawing changed nothing


def test_a_cached_spec_s_rows_become_arrow_once_not_on_every_draw(monkeypatch):
    from apphelp import vega_specs
    from streamlit import dataframe_util
    from streamlit.testing.v1 import AppTest

    from seqcore.figures import stock as figs

    days = list(range(300))
    prices = [float(i % 17) for i in range(300)]

    def app():
        from seqcore import ui
        from seqcore.figures import stock as figs

        ui.chart(figs.price_series, list(range(300)), [float(i % 17) for i in range(300)], key="p")

    bounded(FIGURES).clear()
    at = AppTest.from_function(app).run()
    calls = []
    real = dataframe_util.convert_anything_to_arrow_bytes
    monkeypatch.setattr(
        dataframe_util, "convert_anything_to_arrow_bytes", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    at.run()  # a rerun draws the cached spec again
    assert not at.exception and calls == []
    (spec,) = vega_specs(at)
    assert len(spec["data"]["values"]) == 300  # the rows arrive all the same
    cached = cached_figure(figs.price_series, days, prices)  # the one drawn
    (arrow,) = cached["datasets"].values()
    assert approx_bytes(cached) > len(arrow)  # the store's size bound counts the Arrow bytes
    assert arrow_rows({"mark": "bar"}) == {"mark": "bar"}  # no inline rows: nothing to move


def test_projector_mode_draws_vega_lite_text_larger_without_touching_the_shared_spec():
    from apphelp import vega_specs
    from streamlit.testing.v1 import AppTest

    from seqcore.figures import sentiment as figs
    from seqcore.ui.projector import PROJECTOR_KEY, VEGA_CONFIG

    def app():
        from seqcore import ui
        from seqcore.figures import sentiment as figs

        ui.chart(figs.probability_gauge, 0.8, key="g")

    at = AppTest.from_function(app)
    at.session_state[PROJECTOR_KEY] = True
    (drawn,) = vega_specs(at.run())
    assert drawn["config"]["axis"] == VEGA_CONFIG["axis"]
    assert "config" not in cached_figure(figs.probability_gauge, 0.8)
