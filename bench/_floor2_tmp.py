import math
import pandas as pd
import plotly.graph_objects as go
import altair as alt
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("바닥 측정")
st.markdown("Streamlit과 plotly.js만으로 걸리는 시간을 재는 빈 페이지예요.")
q = st.query_params
def n(name):
    try: return max(0, min(int(q.get(name, "0")), 12))
    except ValueError: return 0
for i in range(n("charts")):
    ys = [math.sin(0.2 * x + i) for x in range(50)]
    fig = go.Figure(go.Scatter(y=ys, mode="lines", name=f"곡선 {i + 1}"))
    fig.update_layout(title=f"차트 {i + 1}", xaxis_title="시점 t", yaxis_title="값", height=300)
    st.plotly_chart(fig, key=f"floor_chart_{i}")
for i in range(n("code")):
    st.code(f"import torch\nrnn = torch.nn.RNN(input_size=10, hidden_size=20)  # {i}\nout, h = rnn(x)\nprint(out.shape)", language="python")
for i in range(n("plaincode")):
    st.code(f"import torch\nrnn = torch.nn.RNN(input_size=10, hidden_size=20)  # {i}\nout, h = rnn(x)", language=None)
df = pd.DataFrame({"모델": ["RNN", "LSTM", "GRU"], "파라미터": [100, 400, 300], "MAE": [0.1, 0.2, 0.3]})
for i in range(n("dataframe")):
    st.dataframe(df, hide_index=True)
for i in range(n("table")):
    st.table(df)
for i in range(n("graphviz")):
    st.graphviz_chart(f"digraph {{ rankdir=LR; x{i} -> h -> y; h -> h }}")
for i in range(n("vega")):
    d = pd.DataFrame({"t": range(50), "y": [math.sin(0.2 * x + i) for x in range(50)]})
    st.altair_chart(alt.Chart(d).mark_line().encode(x="t", y="y").properties(height=300, title=f"차트 {i+1}"), key=f"v{i}")
