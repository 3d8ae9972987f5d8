"""Figures of the step-through: pure functions from a StepTrace and the chosen step to plotly.

Every figure marks the chosen step the same way (a highlighted column, `layout.meta["step"]`
is the 1-based step), so choosing a step highlights it in every chart on the page.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from seqcore.basics import gates
from seqcore.basics.stepper import GATE_ORDER, LESSON_NAMES, VECTOR_NAMES, StepTrace
from seqcore.figures.gates import step_labels
from seqcore.figures.highlight import HIGHLIGHT, click_layer
from seqcore.figures.style import TEMPLATE, readable

ANSWER_COLORS = {"없음": "#9aa0a6", "긍정": "#1a73e8", "부정": "#d93025"}


def escape(text: str) -> str:
    """Learner text inside plotly labels (which read a few HTML tags) stays plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ticks(tr: StepTrace) -> list[str]:
    return [escape(s) for s in step_labels(tr.parsed.tokens)]


def _layout(fig: go.Figure, t: int, font_size: int | None, **kw) -> go.Figure:
    fig.update_layout(template=TEMPLATE, meta={"step": t + 1}, **kw)
    return readable(fig, font_size)


def vector_label(name: str, t: int | None = None, notation: str = "pytorch") -> str:
    """VECTOR_NAMES[name] (LESSON_NAMES in the GRU's lesson notation) with plotly subscripts:
    step t (0-based) fills in t and t−1."""
    now, prev = ("t", "t−1") if t is None else (str(t + 1), str(t))
    names = {**VECTOR_NAMES, **LESSON_NAMES} if notation == "lesson" else VECTOR_NAMES
    return names[name].replace("_{t−1}", f"<sub>{prev}</sub>").replace("_{t}", f"<sub>{now}</sub>")


def strip_rows(tr: StepTrace) -> list[str]:
    """The rows of the step's strip chart, top to bottom: inputs, gates, outputs."""
    rows = ["x", "h_prev"] + (["c_prev"] if tr.kind == "lstm" else [])
    return rows + list(GATE_ORDER[tr.kind])


def _row_values(tr: StepTrace, name: str, t: int, width: int) -> list[float | None]:
    src = {"x": tr.x, "h_prev": tr.h_prev, "c_prev": tr.c_prev}.get(name)
    vec = (src if src is not None else tr.values[name])[t]
    out = [float(v) for v in vec[:width]]
    return out + [None] * (width - len(out))


def _strips_base(tr: StepTrace, font_size: int | None) -> go.Figure:
    rows = strip_rows(tr)
    width = max(tr.h_prev.shape[1], tr.x.shape[1])
    fig = go.Figure(
        go.Heatmap(
            x=list(range(width)),
            zmin=-1,
            zmax=1,
            colorscale="RdBu_r",
            texttemplate="%{z:.2f}",
            # A fixed size: plotly would shrink the numbers to fit narrow cells (6 px on a phone,
            # where the chart scrolls sideways instead: seqcore.ui.projector.BASE_CSS).
            textfont={"size": (font_size or 12) - 1},
            showscale=False,  # every value is written in its cell; red +, blue − (the caption)
            hovertemplate="%{y}<br>유닛 %{x}: %{z:.4f}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.add_shape(type="rect", y0=-0.5, y1=len(rows) - 0.5, line={"color": HIGHLIGHT, "width": 4})
    return _layout(
        fig,
        0,
        font_size,
        xaxis={"title": "유닛 (hidden unit)", "dtick": 1},
        yaxis={"autorange": "reversed"},
        height=140 + 38 * len(rows),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )


def _move_strips(fig: go.Figure, tr: StepTrace, t: int, unit: int) -> go.Figure:
    rows = strip_rows(tr)
    width = max(tr.h_prev.shape[1], tr.x.shape[1])
    word = escape(tr.parsed.tokens[t])
    with fig.batch_update():
        fig.data[0].z = [_row_values(tr, r, t, width) for r in rows]
        fig.data[0].y = [vector_label(r, t, tr.notation) for r in rows]
        fig.layout.shapes[0].update(x0=unit - 0.5, x1=unit + 0.5)
        fig.layout.title.text = f"시점 {t + 1} / {tr.steps} · '{word}' · 유닛 {unit}"
        fig.layout.meta = {"step": t + 1}
    return fig


def step_strips(tr: StepTrace, t: int, unit: int = 0, font_size: int | None = None) -> go.Figure:
    """Step t's vectors as coloured strips, one row each, one column per unit, values written in."""
    return _move_strips(_strips_base(tr, font_size), tr, t, unit)


def _move_boxes(fig: go.Figure, t: int) -> go.Figure:
    """Move every step box of a time-axis figure to step t (0-based)."""
    with fig.batch_update():
        for shape in fig.layout.shapes:
            shape.update(x0=t - 0.5, x1=t + 0.5)
        fig.layout.meta = {"step": t + 1}
    return fig


def timeline(tr: StepTrace, t: int, font_size: int | None = None) -> go.Figure:
    """h_t (and C_t for the LSTM) over the whole sentence, the chosen step boxed."""
    names = ["h", "c"] if tr.kind == "lstm" else ["h"]
    x = list(range(tr.steps))
    fig = make_subplots(
        rows=len(names),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=[vector_label(n) + " (모든 시점)" for n in names],
    )
    for row, name in enumerate(names, start=1):
        vals = np.asarray(tr.values[name]).T  # (H, T)
        units = [f"유닛 {u}" for u in range(vals.shape[0])]
        fig.add_trace(
            go.Heatmap(
                z=vals,
                x=x,
                y=units,
                zmin=-1,
                zmax=1,
                colorscale="RdBu_r",
                showscale=row == 1,
                colorbar={"title": "값"},
                hoverinfo="skip",
                name=name,
            ),
            row=row,
            col=1,
        )
        hover = [[f"시점 {t + 1}<br>{units[u]}: {vals[u, t]:.3f}" for t in x] for u in range(len(units))]
        fig.add_trace(click_layer(x, units, hover), row=row, col=1)  # a click on a cell picks its step
        fig.add_vrect(x0=-0.5, x1=0.5, line={"color": HIGHLIGHT, "width": 4}, row=row, col=1)
    ticks = {"tickmode": "array", "tickvals": x, "ticktext": _ticks(tr), "tickangle": -45}
    fig.update_xaxes(**ticks)
    fig.update_yaxes(autorange="reversed")
    fig = _layout(
        fig, 0, font_size, height=260 + 170 * len(names), margin={"l": 10, "r": 10, "t": 50, "b": 90}
    )
    return _move_boxes(fig, t)


def answer_bars(tr: StepTrace, t: int, font_size: int | None = None) -> go.Figure:
    """The model's answer at every step (probability of 없음/긍정/부정), the chosen step boxed."""
    x = list(range(tr.steps))
    fig = go.Figure()
    for k, label in enumerate(gates.LABELS):
        fig.add_trace(
            go.Bar(
                x=x,
                y=tr.probs[:, k],
                name=label,
                marker_color=ANSWER_COLORS[label],
                customdata=x,
                unselected={"marker": {"opacity": 1}},
                hovertemplate="시점 %{x}: %{y:.3f}<extra>" + label + "</extra>",
            )
        )
    truth = [gates.LABELS[v] for v in tr.truth]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[1.06] * tr.steps,
            mode="text",
            text=truth,
            name="정답",
            textfont={"color": "#202124"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_vrect(x0=-0.5, x1=0.5, line={"color": HIGHLIGHT, "width": 4}, fillcolor=HIGHLIGHT, opacity=0.15)
    fig = _layout(
        fig,
        0,
        font_size,
        barmode="stack",
        title="시점마다 모델의 답 (막대: 확률, 위 글자: 정답)",
        xaxis={"tickmode": "array", "tickvals": x, "ticktext": _ticks(tr), "tickangle": -45},
        yaxis={"range": [0, 1.12], "title": "확률"},
        legend={"orientation": "h", "y": -0.45},
        height=380,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    return _move_boxes(fig, t)


class StepFigures:
    """The three figures of one trace, built once and moved from step to step in place.

    Building a plotly figure costs about 0.1 s on a busy core; moving one costs about a
    millisecond, so the step-through keeps one StepFigures per learner and sentence.
    """

    def __init__(self, tr: StepTrace, font_size: int | None = None):
        self.tr = tr
        self.strips = _strips_base(tr, font_size)
        self.timeline = timeline(tr, 0, font_size)
        self.answers = answer_bars(tr, 0, font_size)

    def at(self, t: int, unit: int) -> tuple[go.Figure, go.Figure, go.Figure]:
        _move_strips(self.strips, self.tr, t, unit)
        return self.strips, _move_boxes(self.timeline, t), _move_boxes(self.answers, t)
