"""The lesson's diagrams as Graphviz DOT strings, drawn by the pages with st.graphviz_chart.

Pure functions: no Streamlit, no network. The four flowcharts follow the lesson's mermaid
blocks node for node. The cell diagrams (LSTM, GRU, an unrolled RNN) are in
seqcore.figures.cell_diagrams, built with the helpers here.

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


def node(node_id: str, label: str, **attrs: str) -> str:
    extra = "".join(f', {k}="{v}"' for k, v in attrs.items())
    return f"{node_id} [label=<{html(label)}>{extra}];"


def flowchart(nodes: list[tuple[str, str]], edges: list[tuple[str, str]], rankdir: str = "TB") -> str:
    """nodes: (id, label; '\\n' breaks lines, '_{..}' subscripts); edges: (from id, to id)."""
    parts = [head(rankdir)]
    parts += [node(node_id, label) for node_id, label in nodes]
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
        ("Input", "BiLSTM"),
        ("BiLSTM", "Forward"),
        ("BiLSTM", "Backward"),
        ("Forward", "Concat"),
        ("Backward", "Concat"),
        ("Concat", "FC"),
        ("FC", "Output"),
    ]
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
        ("Input", "Embed"),
        ("Embed", "EmbedOut"),
        ("EmbedOut", "BiLSTM"),
        ("BiLSTM", "ForwardH"),
        ("BiLSTM", "BackwardH"),
        ("ForwardH", "Concat"),
        ("BackwardH", "Concat"),
        ("Concat", "FC"),
        ("FC", "Sigmoid"),
        ("Sigmoid", "Output"),
    ]
    return flowchart(nodes, edges)
