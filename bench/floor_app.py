"""The floor under `python -m bench.browser`: a bare Streamlit page, with `?charts=N` small plotly
charts, or with `?charts=N&kind=vega` small Vega-Lite charts; `?element=NAME` adds one element of
another kind (ELEMENTS: what one widget's own code costs a new session, `bench.browser --elements`).

Not part of the app. bench.browser opens it in the same browser, on the same machine, in the same
run as the app's pages, so the app's timings read against what Streamlit and a chart library alone
cost here: a page can never draw faster than this page with as many charts of that kind.
"""

import math

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("바닥 측정")
st.markdown("Streamlit과 plotly.js만으로 걸리는 시간을 재는 빈 페이지예요.")
try:
    charts = max(0, min(int(st.query_params.get("charts", "0")), 12))
except ValueError:
    charts = 0
# One element each: what a new session pays for that kind's code (and its drawing).
ELEMENTS = {
    "code": lambda: st.code("x = 1", language=None),
    "latex": lambda: st.latex(r"\frac{\partial L}{\partial W} = \sum_t x_t"),
    "slider": lambda: st.slider("slider", 0, 10, 3),
    "multiselect": lambda: st.multiselect("multiselect", [1, 2, 3], default=[1, 2]),
    "text_input": lambda: st.text_input("text_input", "abc"),
    "radio": lambda: st.radio("radio", ["a", "b"], horizontal=True),
    "toggle": lambda: st.toggle("toggle"),
    "metric": lambda: st.metric("metric", "1.0"),
    "button": lambda: st.button("button"),
    "table": lambda: st.table({"a": [1, 2], "b": [3, 4]}),
    "dataframe": lambda: st.dataframe({"a": [1, 2], "b": [3, 4]}),
    "graphviz": lambda: st.graphviz_chart("digraph { a -> b }"),
}
if (element := st.query_params.get("element")) in ELEMENTS:
    ELEMENTS[element]()
vega = st.query_params.get("kind") == "vega"
for i in range(charts):
    ys = [math.sin(0.2 * x + i) for x in range(50)]
    if vega:
        spec = {
            "data": {"values": [{"t": x, "y": y} for x, y in enumerate(ys)]},
            "title": f"차트 {i + 1}",
            "mark": "line",
            "height": 300,
            "encoding": {
                "x": {"field": "t", "type": "quantitative", "title": "시점 t"},
                "y": {"field": "y", "type": "quantitative", "title": "값"},
            },
        }
        st.vega_lite_chart(spec, key=f"floor_chart_{i}")
        continue
    fig = go.Figure(go.Scatter(y=ys, mode="lines", name=f"곡선 {i + 1}"))
    fig.update_layout(title=f"차트 {i + 1}", xaxis_title="시점 t", yaxis_title="값", height=300)
    st.plotly_chart(fig, key=f"floor_chart_{i}")
