"""The floor under `python -m bench.browser`: a bare Streamlit page, with `?charts=N` small plotly
charts, or with `?charts=N&kind=vega` small Vega-Lite charts.

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
vega = st.query_params.get("kind") == "vega"
for i in range(charts):
    ys = [math.sin(0.2 * x + i) for x in range(50)]
    if vega:
        spec = {
            "data": {"values": [{"t": x, "y": y} for x, y in enumerate(ys)]}, "title": f"차트 {i + 1}",
            "mark": "line", "height": 300,
            "encoding": {"x": {"field": "t", "type": "quantitative", "title": "시점 t"},
                         "y": {"field": "y", "type": "quantitative", "title": "값"}},
        }  # fmt: skip
        st.vega_lite_chart(spec, key=f"floor_chart_{i}")
        continue
    fig = go.Figure(go.Scatter(y=ys, mode="lines", name=f"곡선 {i + 1}"))
    fig.update_layout(title=f"차트 {i + 1}", xaxis_title="시점 t", yaxis_title="값", height=300)
    st.plotly_chart(fig, key=f"floor_chart_{i}")
