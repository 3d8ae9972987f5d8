"""One recurrent cell drawn as Graphviz DOT: the LSTM and GRU cells (which replace the lesson's
hot-linked images) and an RNN unrolled in time, optionally carrying each step's real h_t.

Built with seqcore.figures.diagrams' helpers: the same font, size and HTML-like labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from seqcore.figures.diagrams import FONT, FONT_SIZE, head, html, node

MAX_UNROLLED = 8  # steps an unrolled diagram draws (a window around the current one)


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
    parts = [
        head("TB"),
        # Narrow enough for a 390 px phone: small side padding, close neighbours in a row.
        'nodesep=0.15; node [margin="0.12,0.06", width=0.3];',
        node("h0", "h_{0} = 0" if shown.start == 0 else f"h_{{{shown.start}}}", fillcolor="#eeeeee"),
    ]
    for t in shown:
        s = t + 1
        word = f"x_{{{s}}}" + (f"\n{tokens[t]}" if tokens is not None else "")
        narrow = {"margin": "0.24,0.06"} if states is not None else {}  # a phone's width
        parts.append(node(f"x{s}", word, shape="box", fillcolor="#fff4e5", **narrow))
        if states is not None:
            now = t == current
            title = f"h_{{{s}}} · 시점 {s}" + (" (지금)" if now else "")  # names the strip: no edge label
            strip, cols = _strip(states[t], now)
            table = (
                f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">'
                f'<TR><TD COLSPAN="{cols}">{html(title)}</TD></TR>{strip}</TABLE>'
            )
            style = ', penwidth=4, color="#f9ab00"' if now else ""
            parts.append(f'c{s} [label=<{table}>, shape=plain, fillcolor="#e8f0fe"{style}];')
        else:
            parts.append(node(f"c{s}", f"{cell}\n같은 W", fillcolor="#e8f0fe"))  # narrow: fits a phone
        if states is None:
            parts.append(node(f"y{s}", f"y_{{{s}}}", fillcolor="#e6f4ea"))
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
        node("cprev", "C_{t−1}", shape="circle", fillcolor="#fde7e9"),
        node("hprev", "h_{t−1}", shape="circle", fillcolor="#e8f0fe"),
        node("x", "x_{t}", shape="circle", fillcolor="#fff4e5"),
        node("f", "망각 게이트 f_{t}\nσ", fillcolor="#fce8e6"),
        node("i", "입력 게이트 i_{t}\nσ", fillcolor="#e6f4ea"),
        node("g", "후보 C̃_{t}\ntanh", fillcolor="#f1f3f4"),
        node("o", "출력 게이트 o_{t}\nσ", fillcolor="#e8f0fe"),
        'mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];',
        'tanhc [label="tanh"]; mulo [label="×", shape=circle];',
        node("c", "C_{t}", shape="circle", fillcolor="#fde7e9"),
        node("h", "h_{t}", shape="circle", fillcolor="#e8f0fe"),
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
        node("hprev", "h_{t−1}", shape="circle", fillcolor="#e8f0fe"),
        node("x", "x_{t}", shape="circle", fillcolor="#fff4e5"),
        node("r", "리셋 게이트 r_{t}\nσ", fillcolor="#fce8e6"),
        node("z", f"업데이트 게이트 z_{{t}}\nσ\n{z_meaning}", fillcolor="#e6f4ea"),
        node("n", f"후보 {cand}\n{cand_formula}", fillcolor="#f1f3f4"),
        node("mix", f"섞기\n{mix}", fillcolor="#f8f9fa"),
        node("h", "h_{t}", shape="circle", fillcolor="#e8f0fe"),
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
