"""The lesson's diagrams as Graphviz DOT strings, drawn by the pages with st.graphviz_chart.

Pure functions: no Streamlit, no network. The four flowcharts follow the lesson's mermaid
blocks node for node; the cell diagrams replace the lesson's hot-linked images.

Readable in a classroom: labels are Graphviz HTML-like labels, so h_{t−1} is typeset as
h<SUB>t−1</SUB>; text is 16 pt, and long chains run top to bottom, because Streamlit shrinks
a diagram wider than the column (a 1400 px window leaves the main column about 940 px) and
the text with it. tests/browser/test_stepper_browser.py measures the rendered text (>= 14 px).

A plain chain of boxes that a page draws before the learner does anything (the stock page's
model) is HTML instead (`chain_html`): Graphviz's code is 0.77 MB that a new browser session
loads and runs before the page is drawn (the stock page's new session: 2.11 -> 1.98 s in
bench.browser_ab), and HTML boxes wrap onto a second line on a phone instead of shrinking.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Sequence

FONT = "Noto Sans CJK KR, Noto Sans KR, Apple SD Gothic Neo, Malgun Gothic, Helvetica, sans-serif"
FONT_SIZE = 16  # pt in the SVG; 1 pt = 4/3 px before Streamlit scales a wide diagram down
MAX_UNROLLED = 8  # steps an unrolled diagram draws (a window around the current one)

_HEAD = (
    'digraph G {{ rankdir={rankdir}; bgcolor="transparent"; nodesep=0.3; ranksep=0.35; '
    'node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#555555", '
    'fontname="{font}", fontsize={size}, margin="0.3,0.08"]; '
    'edge [color="#555555", fontname="{font}", fontsize={size}];'
)


def head(rankdir: str = "TB", size: int = FONT_SIZE) -> str:
    return _HEAD.format(rankdir=rankdir, font=FONT, size=size)


_SUBSCRIPTS = str.maketrans("0123456789+−-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


def subscript(text: str) -> str | None:
    """'t−1' -> 'ₜ₋₁' when every character has a Unicode subscript form, else None."""
    out = text.translate(_SUBSCRIPTS)
    return None if any(c == o and not c.isspace() for c, o in zip(text, out)) else out


def _sub(match: re.Match) -> str:
    # One text run reads best: Graphviz places a <SUB> run by its own width estimate, which
    # leaves gaps in the browser's font ("h  0"). Unicode subscripts when possible.
    inner = match.group(1)
    return subscript(inner) or f'<SUB><FONT POINT-SIZE="{FONT_SIZE - 2}">{inner}</FONT></SUB>'


def html(text: str) -> str:
    """Plain label text -> the inside of a Graphviz HTML-like label.

    Escapes &, <, >; `_{...}` becomes a subscript (plain underscores, as in seq_len, stay);
    newlines become line breaks.
    """
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = re.sub(r"_\{([^}]*)\}", _sub, out)
    return out.replace("\n", "<BR/>")


def _node(node_id: str, label: str, **attrs: str) -> str:
    extra = "".join(f', {k}="{v}"' for k, v in attrs.items())
    return f"{node_id} [label=<{html(label)}>{extra}];"


def flowchart(nodes: list[tuple[str, str]], edges: list[tuple[str, str]], rankdir: str = "TB") -> str:
    """nodes: (id, label; '\\n' breaks lines, '_{..}' subscripts); edges: (from id, to id)."""
    parts = [head(rankdir)]
    parts += [_node(node_id, label) for node_id, label in nodes]
    parts += [f"{a} -> {b};" for a, b in edges]
    parts.append("}")
    return "\n".join(parts)


CHAIN_CLASS = "seq-chain"  # ui/projector.py enlarges its text in projector mode
_CHAIN = (
    "display:flex;flex-wrap:wrap;align-items:center;gap:0.4rem 0.5rem;margin:0.25rem 0 0.75rem;font-size:1rem"
)
_STEP = "display:flex;align-items:center;gap:0.5rem"  # an arrow and the box it leads to: never apart
_BOX = (
    "border:1.5px solid #555555;border-radius:0.6rem;background:#ffffff;padding:0.35rem 0.8rem;"
    "text-align:center;line-height:1.35"
)
_ARROW = '<span style="color:#555555;font-size:1.25em" aria-hidden="true">→</span>'


def chain_html(labels: Sequence[str], name: str) -> str:
    """A left-to-right chain of boxes as HTML (one box per label; '\\n' breaks a line, the first
    line bold), each after the first led by its arrow; a narrow column wraps the chain, so a
    line starts with an arrow instead of ending with one. `name` says what it shows: read out,
    with the boxes in order, by a screen reader."""
    steps = []
    for i, label in enumerate(labels):
        first, *rest = html_text.escape(label).split("\n")
        box = f'<div style="{_BOX}"><b>{first}</b>' + "".join(f"<br>{line}" for line in rest) + "</div>"
        steps.append(f'<div style="{_STEP}">{_ARROW if i else ""}{box}</div>')
    spoken = html_text.escape(
        f"{name}: " + " → ".join(label.replace("\n", " ") for label in labels), quote=True
    )
    return (
        f'<div class="{CHAIN_CLASS}" role="img" aria-label="{spoken}" style="{_CHAIN}">{"".join(steps)}</div>'
    )


def rnn_classifier() -> str:
    """The lesson's 'RNN 분류 모델 아키텍처'."""
    nodes = [
        ("Input", "입력\n(batch, seq_len, input_size)"),
        ("RNN", "RNN\ninput_size → hidden_size"),
        ("Hidden", "마지막 은닉 상태 h_{n}\n(batch, hidden_size)"),
        ("FC", "Linear (완전연결층)\nhidden_size → num_classes"),
        ("Output", "출력: 클래스 점수\n(batch, num_classes)"),
    ]
    return flowchart(nodes, [("Input", "RNN"), ("RNN", "Hidden"), ("Hidden", "FC"), ("FC", "Output")])


def bilstm_classifier() -> str:
    """The lesson's '양방향 LSTM 분류 모델 아키텍처'."""
    nodes = [
        ("Input", "입력\n(batch, seq_len, input_size)"),
        ("BiLSTM", "양방향 LSTM\nbidirectional=True"),
        ("Forward", "정방향 마지막 은닉\n(batch, hidden_size)"),
        ("Backward", "역방향 마지막 은닉\n(batch, hidden_size)"),
        ("Concat", "이어 붙이기 (concat)\n(batch, hidden_size × 2)"),
        ("FC", "Linear\nhidden_size × 2 → num_classes"),
        ("Output", "출력\n(batch, num_classes)"),
    ]
    edges = [
        ("Input", "BiLSTM"), ("BiLSTM", "Forward"), ("BiLSTM", "Backward"),
        ("Forward", "Concat"), ("Backward", "Concat"), ("Concat", "FC"), ("FC", "Output"),
    ]  # fmt: skip
    return flowchart(nodes, edges)


def stock_lstm() -> str:
    """The lesson's 'LSTM 시계열 예측 모델 아키텍처'."""
    nodes = [
        ("Input", "입력\n(batch, seq_len, input_size)"),
        ("LSTM", "LSTM\nnum_layers=2, hidden_size=50"),
        ("LSTMOut", "LSTM 출력 (모든 시점)\n(batch, seq_len, hidden_size)"),
        ("Last", "마지막 시점만\n(batch, hidden_size)"),
        ("FC", "Linear\nhidden_size → 1"),
        ("Output", "출력: 다음 날 값\n(batch, 1)"),
    ]
    ids = [n for n, _ in nodes]
    return flowchart(nodes, list(zip(ids, ids[1:])))


def sentiment_lstm() -> str:
    """The lesson's 'LSTM 감성 분류 모델 아키텍처', labelled in Korean."""
    nodes = [
        ("Input", "입력: 토큰 인덱스\n(batch, seq_len)"),
        ("Embed", "임베딩 (nn.Embedding)\n단어 수 → embed_dim"),
        ("EmbedOut", "단어 벡터\n(batch, seq_len, embed_dim)"),
        ("BiLSTM", "양방향 LSTM\nbidirectional=True"),
        ("ForwardH", "정방향 은닉 상태\n(batch, hidden_size)"),
        ("BackwardH", "역방향 은닉 상태\n(batch, hidden_size)"),
        ("Concat", "이어 붙이기 (concat)\n(batch, hidden_size × 2)"),
        ("FC", "선형층 (Linear)\nhidden_size × 2 → 1"),
        ("Sigmoid", "시그모이드 (Sigmoid)"),
        ("Output", "출력: 긍정 확률 0~1\n(batch, 1)"),
    ]
    edges = [
        ("Input", "Embed"), ("Embed", "EmbedOut"), ("EmbedOut", "BiLSTM"),
        ("BiLSTM", "ForwardH"), ("BiLSTM", "BackwardH"), ("ForwardH", "Concat"),
        ("BackwardH", "Concat"), ("Concat", "FC"), ("FC", "Sigmoid"), ("Sigmoid", "Output"),
    ]  # fmt: skip
    return flowchart(nodes, edges)


def value_color(v: float) -> str:
    """A value in [-1, 1] as a blue (negative) - white - red (positive) hex colour."""
    v = max(-1.0, min(1.0, float(v)))
    top = (214, 39, 40) if v >= 0 else (33, 102, 172)
    r, g, b = (round(255 + (c - 255) * abs(v)) for c in top)
    return f"#{r:02x}{g:02x}{b:02x}"


NUMBERS_PER_ROW = 3  # the current step's numbers wrap, so the diagram fits a 390 px phone


def _strip(values: Sequence[float], numbers: bool) -> tuple[str, int]:
    """Table rows of coloured cells (numbers written in, NUMBERS_PER_ROW to a row, when asked),
    and how many columns they take."""
    cells = []
    for v in values:
        ink = "#ffffff" if abs(v) > 0.6 else "#202124"
        text = f'<FONT COLOR="{ink}">{v:.2f}</FONT>'.replace("-", "−") if numbers else " "
        cells.append(f'<TD BGCOLOR="{value_color(v)}" WIDTH="{44 if numbers else 16}">{text}</TD>')
    per_row = NUMBERS_PER_ROW if numbers else max(1, len(cells))
    rows = ["<TR>" + "".join(cells[i : i + per_row]) + "</TR>" for i in range(0, len(cells), per_row)]
    return "".join(rows), min(per_row, len(cells))


def _window(n: int, current: int, size: int = MAX_UNROLLED) -> range:
    """`size` steps that end at `current` when they can: the history that made h_t."""
    start = max(0, min(current - size + 1, n - size))
    return range(start, min(n, start + size))


def unrolled_rnn(
    steps: int | None = None,
    cell: str = "RNN",
    tokens: Sequence[str] | None = None,
    states: Sequence[Sequence[float]] | None = None,
    current: int | None = None,
) -> str:
    """An RNN unrolled in time, top to bottom: x_t enters, h_t goes on to the next step.

    With `tokens` and `states` ((T, H) real h_t values), each step's node carries its h_t as
    a colour strip, and the `current` step (0-based) has the numbers written in and a bold
    frame; `steps` (default MAX_UNROLLED) steps are drawn, ending at the current one where the
    sentence allows. Time runs downwards so that the diagram stays narrow enough for a phone.
    """
    size = max(1, min(steps or (MAX_UNROLLED if states is not None else 3), MAX_UNROLLED))
    if tokens is not None and states is not None:
        current = 0 if current is None else max(0, min(current, len(tokens) - 1))
        shown = _window(len(tokens), current, size)
    else:
        shown = range(size)
    parts = [head("TB"), _node("h0", "h_{0} = 0" if shown.start == 0 else f"h_{{{shown.start}}}",
                               fillcolor="#eeeeee")]  # fmt: skip
    for t in shown:
        s = t + 1
        word = f"x_{{{s}}}" + (f"\n{tokens[t]}" if tokens is not None else "")
        narrow = {"margin": "0.1,0.06"} if states is not None else {}  # a phone's width
        parts.append(_node(f"x{s}", word, shape="box", fillcolor="#fff4e5", **narrow))
        if states is not None:
            now = t == current
            title = f"h_{{{s}}} · 시점 {s}" + (" (지금)" if now else "")  # names the strip: no edge label
            strip, cols = _strip(states[t], now)
            table = (f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">'
                     f'<TR><TD COLSPAN="{cols}">{html(title)}</TD></TR>{strip}</TABLE>')  # fmt: skip
            style = ', penwidth=4, color="#f9ab00"' if now else ""
            parts.append(f'c{s} [label=<{table}>, shape=plain, fillcolor="#e8f0fe"{style}];')
        else:
            parts.append(_node(f"c{s}", f"{cell}\n(같은 가중치)", fillcolor="#e8f0fe"))
        if states is None:
            parts.append(_node(f"y{s}", f"h_{{{s}}} → y_{{{s}}}", fillcolor="#e6f4ea"))
            parts.append(f"{{ rank=same; x{s}; c{s}; y{s}; }} c{s} -> y{s};")
        parts.append(f"{{ rank=same; x{s}; c{s}; }} x{s} -> c{s};")
        prev = "h0" if t == shown.start else f"c{s - 1}"
        label = "" if states is not None else f"label=<{html(f'h_{{{s - 1}}}')}>, "  # the strip says h_t
        parts.append(f'{prev} -> c{s} [{label}color="#1a73e8", penwidth=2];')
    parts.append("}")
    return "\n".join(parts)


_CELL_HEAD = (
    'digraph {name} {{ rankdir=LR; bgcolor="transparent"; nodesep=0.25; ranksep=0.3; '
    f'node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="{FONT}", fontsize={FONT_SIZE}, margin="0.22,0.06"]; '
    f'edge [fontname="{FONT}", fontsize={FONT_SIZE}];\n'
)


def lstm_cell() -> str:
    """One LSTM step: three gates, the candidate, and the cell-state highway."""
    nodes = [
        _node("cprev", "C_{t−1}", shape="circle", fillcolor="#fde7e9"),
        _node("hprev", "h_{t−1}", shape="circle", fillcolor="#e8f0fe"),
        _node("x", "x_{t}", shape="circle", fillcolor="#fff4e5"),
        _node("f", "망각 게이트 f_{t}\nσ", fillcolor="#fce8e6"),
        _node("i", "입력 게이트 i_{t}\nσ", fillcolor="#e6f4ea"),
        _node("g", "후보 C̃_{t}\ntanh", fillcolor="#f1f3f4"),
        _node("o", "출력 게이트 o_{t}\nσ", fillcolor="#e8f0fe"),
        'mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];',
        'tanhc [label="tanh"]; mulo [label="×", shape=circle];',
        _node("c", "C_{t}", shape="circle", fillcolor="#fde7e9"),
        _node("h", "h_{t}", shape="circle", fillcolor="#e8f0fe"),
    ]
    edges = """cprev -> mulf [color="#d93025", penwidth=3]; mulf -> add [color="#d93025", penwidth=3];
add -> c [color="#d93025", penwidth=3, label="셀 상태 고속도로"];
hprev -> f; hprev -> i; hprev -> g; hprev -> o; x -> f; x -> i; x -> g; x -> o;
f -> mulf; i -> muli; g -> muli; muli -> add; c -> tanhc; tanhc -> mulo; o -> mulo; mulo -> h;
}"""
    return _CELL_HEAD.format(name="LSTM") + "\n".join(nodes) + "\n" + edges


def gru_cell() -> str:
    """One GRU step as torch computes it (same as gru_cell_pytorch)."""
    return gru_cell_pytorch()


def _gru(z_meaning: str, cand: str, cand_formula: str, mix: str, r_label: str) -> str:
    """GRU in one notation at a time (the GRU page's 강의 표기 / PyTorch 표기 choice)."""
    nodes = [
        _node("hprev", "h_{t−1}", shape="circle", fillcolor="#e8f0fe"),
        _node("x", "x_{t}", shape="circle", fillcolor="#fff4e5"),
        _node("r", "리셋 게이트 r_{t}\nσ", fillcolor="#fce8e6"),
        _node("z", f"업데이트 게이트 z_{{t}}\nσ\n{z_meaning}", fillcolor="#e6f4ea"),
        _node("n", f"후보 {cand}\n{cand_formula}", fillcolor="#f1f3f4"),
        _node("mix", f"섞기\n{mix}", fillcolor="#f8f9fa"),
        _node("h", "h_{t}", shape="circle", fillcolor="#e8f0fe"),
    ]
    edges = f"""hprev -> r; hprev -> z; x -> r; x -> z; x -> n; hprev -> n; r -> n [label=<{html(r_label)}>];
n -> mix; z -> mix; hprev -> mix [color="#1a73e8", penwidth=2]; mix -> h;
}}"""
    return _CELL_HEAD.format(name="GRU") + "\n".join(nodes) + "\n" + edges


def gru_cell_lesson() -> str:
    """The lesson's GRU: r resets h before the product, z is the share of the new candidate."""
    return _gru(
        z_meaning="z = 새 정보의 비율",
        cand="h̃_{t}",
        cand_formula="tanh(W·[r ⊙ h_{t−1}, x_{t}] + b)",
        mix="(1−z)⊙h_{t−1} + z⊙h̃_{t}",
        r_label="행렬곱 전에 h에 곱함",
    )


def gru_cell_pytorch() -> str:
    """nn.GRU: r resets after the product (W_hn h + b_hn), z is the share of the old state."""
    return _gru(
        z_meaning="z = 이전 상태의 비율",
        cand="n_{t}",
        cand_formula="tanh(W_{in} x_{t} + b_{in}\n+ r ⊙ (W_{hn} h_{t−1} + b_{hn}))",
        mix="(1−z)⊙n_{t} + z⊙h_{t−1}",
        r_label="행렬곱 뒤에 곱함",
    )
