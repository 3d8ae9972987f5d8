"""Figures of the sequence-data, RNN and bidirectional-RNN pages.

Pure functions: data in, go.Figure out. No Streamlit, no training.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from seqcore.figures import vega
from seqcore.figures.style import TEMPLATE, readable

A_COLOR, B_COLOR = "#1a73e8", "#f29900"
PADDING = {"left": 12, "right": 6, "top": 6, "bottom": 6}  # room for the rotated y-axis title's glyphs


def sequence_examples(examples: dict[str, list]) -> dict:
    """The lesson's four sequences in a 2x2 grid; a list of strings is drawn as tokens.

    Vega-Lite (seqcore.figures.vega): the sequence-data page's first chart."""
    rows = []
    for name, values in examples.items():
        tokens = all(isinstance(v, str) for v in values)
        rows += [
            {"panel": name, "t": t, "y": 0.0 if tokens else float(v), "token": v if tokens else None}
            for t, v in enumerate(values, start=1)
        ]
    x = vega.field("t", title="순서 (t)", axis={"tickMinStep": 1, "format": "d"}, scale={"zero": False})
    views = []
    for name, values in examples.items():
        view: dict = {
            "title": name,
            "width": 300,
            "height": 140,
            "transform": [{"filter": {"field": "panel", "equal": name}}],
        }
        if all(isinstance(v, str) for v in values):  # tokens: dots in order, each with its word
            point = {"x": x, "y": vega.field("y", title=None, axis=None)}
            view["layer"] = [
                {"mark": {"type": "point", "filled": True, "size": 180, "color": A_COLOR}, "encoding": point},
                {
                    "mark": {"type": "text", "dy": -18, "fontSize": 14},
                    "encoding": {**point, "text": {"field": "token"}},
                },
            ]
        else:
            view["mark"] = {"type": "line", "point": True}
            view["encoding"] = {"x": x, "y": vega.field("y", title=None, scale={"zero": False})}
        views.append(view)
    # Rows of two (Streamlit's Vega-Lite draws nothing for a wrapped "concat" with "columns").
    return vega.chart(rows, vconcat=[{"hconcat": views[i : i + 2]} for i in range(0, len(views), 2)])


def order_comparison(comp, label_a: str = "문장 A", label_b: str = "문장 B") -> dict:
    """Bag of words, mean vector and the RNN's final hidden state, side by side for A and B.

    Vega-Lite (seqcore.figures.vega): three panels, each with its own x (words, d0.., h0..)."""
    verdict = {True: "같음", False: "다름"}
    panels = [
        (f"단어 가방 (순서 무시): {verdict[comp.bow_equal]}", comp.vocab, comp.bow_a, comp.bow_b),
        (
            f"단어 벡터 평균 (순서 무시): {verdict[comp.mean_equal]}",
            [f"d{i}" for i in range(len(comp.mean_a))],
            comp.mean_a,
            comp.mean_b,
        ),
        (
            f"nn.RNN 마지막 은닉 상태: {verdict[comp.h_equal]}",
            [f"h{i}" for i in range(len(comp.h_a))],
            comp.h_a,
            comp.h_b,
        ),
    ]
    rows = [
        {"panel": title, "x": x, "y": float(v), "series": label}
        for title, xs, a, b in panels
        for label, values in ((label_a, a), (label_b, b))
        for x, v in zip(xs, np.asarray(values).tolist())
    ]
    views = [
        {
            "title": title,
            "width": 230,
            "height": 240,
            "mark": "bar",
            "transform": [{"filter": {"field": "panel", "equal": title}}],
            "encoding": {
                "x": vega.field("x", "nominal", None, sort=list(dict.fromkeys(xs)), axis={"labelAngle": 0}),
                "xOffset": {"field": "series", "sort": [label_a, label_b]},
                "y": vega.field("y", title=None),
                "color": vega.colors((label_a, label_b), (A_COLOR, B_COLOR)),
                "tooltip": [
                    vega.field("series", "nominal", "문장"),
                    vega.field("x", "nominal", "항목"),
                    vega.field("y", title="값", format=".4f"),
                ],
            },
        }
        for title, xs, _, _ in panels
    ]
    return vega.chart(rows, hconcat=views, resolve={"scale": {"y": "independent"}})


def hidden_heatmap(h: np.ndarray, step_labels: Sequence[str] | None = None, title: str = "") -> go.Figure:
    """Hidden state over time: x = time step, y = hidden unit, colour = value in (-1, 1)."""
    h = np.asarray(h)  # (T, H)
    steps = list(step_labels) if step_labels is not None else [f"t={t}" for t in range(1, h.shape[0] + 1)]
    fig = go.Figure(
        go.Heatmap(
            z=h.T.tolist(),
            x=steps,
            y=[f"h{i}" for i in range(h.shape[1])],
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            reversescale=True,
            colorbar=dict(title="값"),
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title or "시점별 은닉 상태 h_t",
        xaxis_title="시점",
        yaxis_title="은닉 유닛",
        height=max(260, 18 * h.shape[1] + 120),
    )
    return readable(fig)


def direction_reach(reach) -> dict:
    """Grouped bars: per token, how far each direction's output moved (seqcore.basics.birnn.Reach).

    Vega-Lite (seqcore.figures.vega): the BiRNN page's first chart."""
    labels = [f"{i}: {t}" for i, t in enumerate(reach.tokens)]
    directions = ("순방향 (→) 출력 변화", "역방향 (←) 출력 변화")
    rows = vega.series_rows(dict(zip(directions, (reach.forward, reach.backward))), x=labels)
    return vega.chart(
        rows,
        title=[f"'{reach.tokens[reach.changed]}' 자리를 바꾸면", "각 시점의 출력이 얼마나 바뀌나요?"],
        height=300,
        padding=PADDING,
        mark="bar",
        encoding={
            "x": vega.field("x", "nominal", None, sort=labels, axis={"labelAngle": 0}),
            "xOffset": {"field": "series", "sort": list(directions)},
            "y": vega.field("y", title="평균 |변화량|"),
            "color": vega.colors(directions, (A_COLOR, B_COLOR), {**vega.LEGEND, "columns": 1}),  # a phone
            "tooltip": [
                vega.field("x", "nominal", "시점"),
                vega.field("series", "nominal", "방향"),
                vega.field("y", title="평균 |변화량|", format=".4f"),
            ],
        },
    )


def next_step_leak(res) -> go.Figure:
    """Test MSE of next-step prediction, whole window given vs past only, with the noise floor σ²."""
    fig = go.Figure()
    ways = (
        ("창 전체를 줌 (미래 포함)", res.peek_mse, "#d93025"),
        ("과거만 줌 (정직한 예측)", res.honest_mse, "#1a73e8"),
    )
    for label, mse, color in ways:
        fig.add_trace(
            go.Bar(
                x=list(mse),
                y=list(mse.values()),
                name=label,
                marker_color=color,
                text=[f"{v:.3f}" for v in mse.values()],
                textposition="outside",
            )
        )
    fig.add_hline(
        y=res.noise_floor,
        line_dash="dash",
        line_color="gray",
        annotation_text=f"잡음 하한 σ² = {res.noise_floor:.3g}",
        annotation_position="top left",
    )
    fig.update_layout(
        template=TEMPLATE,
        barmode="group",
        title="다음 값 예측의 테스트 MSE (낮을수록 좋음)",
        yaxis_title="MSE",
        height=380,
        legend=dict(orientation="h", y=-0.15),
    )
    return readable(fig)
