"""ui.cached_figure: one figure per distinct input, shared; a new input builds a new one."""

import streamlit as st

from seqcore.figures import gates as fg
from seqcore.ui.charts import cached_figure


def test_the_same_inputs_share_one_figure_and_new_inputs_build_another():
    st.cache_resource.clear()
    a = cached_figure(fg.param_bars, {"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40})
    b = cached_figure(fg.param_bars, {"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40})
    c = cached_figure(fg.param_bars, {"RNN": 11, "LSTM": 44}, {"RNN": 11, "LSTM": 44})
    assert a is b
    assert c is not a and list(c.data[0].y) != list(a.data[0].y)
    assert a.to_dict() == fg.param_bars({"RNN": 10, "LSTM": 40}, {"RNN": 10, "LSTM": 40}).to_dict()
