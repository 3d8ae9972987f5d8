"""The lesson's diagrams as Graphviz DOT strings, drawn by the pages with st.graphviz_chart.

Pure functions: no Streamlit, no network. The four flowcharts follow the lesson's mermaid
blocks node for node; the cell diagrams replace the lesson's hot-linked images.
"""

from __future__ import annotations

_HEAD = (
    'digraph G {{ rankdir={rankdir}; bgcolor="transparent"; '
    'node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#555555", '
    'fontname="Helvetica", fontsize=11]; edge [color="#555555"];'
)


def flowchart(nodes: list[tuple[str, str]], edges: list[tuple[str, str]], rankdir: str = "LR") -> str:
    """nodes: (id, label with '\\n' line breaks); edges: (from id, to id)."""
    parts = [_HEAD.format(rankdir=rankdir)]
    for node_id, label in nodes:
        parts.append(f'{node_id} [label="{label}"];')
    for a, b in edges:
        parts.append(f"{a} -> {b};")
    parts.append("}")
    return "\n".join(parts)


def rnn_classifier() -> str:
    """The lesson's 'RNN 분류 모델 아키텍처'."""
    nodes = [
        ("Input", "Input\\n(batch, seq_len, input_size)"),
        ("RNN", "RNN\\ninput_size → hidden_size"),
        ("Hidden", "Last Hidden\\n(batch, hidden_size)"),
        ("FC", "Linear\\nhidden_size → num_classes"),
        ("Output", "Output\\n(batch, num_classes)"),
    ]
    return flowchart(nodes, [("Input", "RNN"), ("RNN", "Hidden"), ("Hidden", "FC"), ("FC", "Output")])


def bilstm_classifier() -> str:
    """The lesson's '양방향 LSTM 분류 모델 아키텍처'."""
    nodes = [
        ("Input", "Input\\n(batch, seq_len, input_size)"),
        ("BiLSTM", "BiLSTM\\nbidirectional=True"),
        ("Forward", "Forward Hidden\\n(batch, hidden_size)"),
        ("Backward", "Backward Hidden\\n(batch, hidden_size)"),
        ("Concat", "Concat\\n(batch, hidden_size * 2)"),
        ("FC", "Linear\\nhidden_size * 2 → num_classes"),
        ("Output", "Output\\n(batch, num_classes)"),
    ]
    edges = [
        ("Input", "BiLSTM"), ("BiLSTM", "Forward"), ("BiLSTM", "Backward"),
        ("Forward", "Concat"), ("Backward", "Concat"), ("Concat", "FC"), ("FC", "Output"),
    ]  # fmt: skip
    return flowchart(nodes, edges)


def stock_lstm() -> str:
    """The lesson's 'LSTM 시계열 예측 모델 아키텍처'."""
    nodes = [
        ("Input", "Input\\n(batch, seq_len, input_size)"),
        ("LSTM", "LSTM\\nnum_layers=2\\nhidden_size=50"),
        ("LSTMOut", "LSTM Output\\n(batch, seq_len, hidden_size)"),
        ("Last", "Last Timestep\\n(batch, hidden_size)"),
        ("FC", "Linear\\nhidden_size → 1"),
        ("Output", "Output\\n(batch, 1)"),
    ]
    ids = [n for n, _ in nodes]
    return flowchart(nodes, list(zip(ids, ids[1:])))


def sentiment_lstm() -> str:
    """The lesson's 'LSTM 감성 분류 모델 아키텍처'."""
    nodes = [
        ("Input", "Input\\n(batch, seq_len)\\ntoken indices"),
        ("Embed", "Embedding\\nvocab_size → embed_dim"),
        ("EmbedOut", "(batch, seq_len, embed_dim)"),
        ("BiLSTM", "BiLSTM\\nbidirectional=True"),
        ("ForwardH", "Forward Hidden\\n(batch, hidden_size)"),
        ("BackwardH", "Backward Hidden\\n(batch, hidden_size)"),
        ("Concat", "Concat\\n(batch, hidden_size * 2)"),
        ("FC", "Linear\\nhidden_size * 2 → 1"),
        ("Sigmoid", "Sigmoid"),
        ("Output", "Output\\n(batch, 1)\\n0~1 probability"),
    ]
    edges = [
        ("Input", "Embed"), ("Embed", "EmbedOut"), ("EmbedOut", "BiLSTM"),
        ("BiLSTM", "ForwardH"), ("BiLSTM", "BackwardH"), ("ForwardH", "Concat"),
        ("BackwardH", "Concat"), ("Concat", "FC"), ("FC", "Sigmoid"), ("Sigmoid", "Output"),
    ]  # fmt: skip
    return flowchart(nodes, edges)


def unrolled_rnn(steps: int = 3, cell: str = "RNN") -> str:
    """An RNN unrolled in time: x_t enters, h_t goes up (y_t) and on to the next step."""
    steps = max(1, min(steps, 8))
    parts = [_HEAD.format(rankdir="LR")]
    parts.append('node [fontsize=10]; h0 [label="h₀", shape=circle, fillcolor="#eeeeee"];')
    for t in range(1, steps + 1):
        parts.append(f'c{t} [label="{cell}\\n(같은 가중치)", fillcolor="#e8f0fe"];')
        parts.append(f'x{t} [label="x{t}", shape=circle, fillcolor="#fff4e5"];')
        parts.append(f'y{t} [label="h{t} (+y{t})", shape=ellipse, fillcolor="#e6f4ea"];')
        parts.append(f"x{t} -> c{t}; c{t} -> y{t};")
        prev = "h0" if t == 1 else f"c{t - 1}"
        label = "h₀" if t == 1 else f"h{t - 1}"
        parts.append(f'{prev} -> c{t} [label="{label}", color="#1a73e8", penwidth=2];')
    parts.append("}")
    return "\n".join(parts)


def lstm_cell() -> str:
    """One LSTM step: three gates, the candidate, and the cell-state highway."""
    return """digraph LSTM { rankdir=LR; bgcolor="transparent";
node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];
cprev [label="C_{t-1}", shape=circle, fillcolor="#fde7e9"];
hprev [label="h_{t-1}", shape=circle, fillcolor="#e8f0fe"];
x [label="x_t", shape=circle, fillcolor="#fff4e5"];
f [label="망각 게이트 f_t\\nσ", fillcolor="#fce8e6"];
i [label="입력 게이트 i_t\\nσ", fillcolor="#e6f4ea"];
g [label="후보 C̃_t\\ntanh", fillcolor="#f1f3f4"];
o [label="출력 게이트 o_t\\nσ", fillcolor="#e8f0fe"];
mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];
tanhc [label="tanh"]; mulo [label="×", shape=circle];
c [label="C_t", shape=circle, fillcolor="#fde7e9"]; h [label="h_t", shape=circle, fillcolor="#e8f0fe"];
cprev -> mulf [color="#d93025", penwidth=3]; mulf -> add [color="#d93025", penwidth=3];
add -> c [color="#d93025", penwidth=3, label="셀 상태 고속도로"];
hprev -> f; hprev -> i; hprev -> g; hprev -> o; x -> f; x -> i; x -> g; x -> o;
f -> mulf; i -> muli; g -> muli; muli -> add; c -> tanhc; tanhc -> mulo; o -> mulo; mulo -> h;
}"""


def gru_cell() -> str:
    """One GRU step as torch computes it: reset, update, candidate, and the blend."""
    return """digraph GRU { rankdir=LR; bgcolor="transparent";
node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];
hprev [label="h_{t-1}", shape=circle, fillcolor="#e8f0fe"];
x [label="x_t", shape=circle, fillcolor="#fff4e5"];
r [label="리셋 게이트 r_t\\nσ", fillcolor="#fce8e6"];
z [label="업데이트 게이트 z_t\\nσ", fillcolor="#e6f4ea"];
n [label="후보 h̃_t\\ntanh(W x + r ⊙ (U h))", fillcolor="#f1f3f4"];
mix [label="섞기\\n(1−z)⊙h̃ + z⊙h_{t-1}", shape=ellipse];
h [label="h_t", shape=circle, fillcolor="#e8f0fe"];
hprev -> r; hprev -> z; x -> r; x -> z; x -> n; hprev -> n; r -> n [label="r로 과거를 거름"];
n -> mix; z -> mix; hprev -> mix [color="#1a73e8", penwidth=2]; mix -> h;
}"""
