"""Figures of the sentiment page: pure functions (data in, figure out). The charts of the first
two parts (the Korean reviews; the lesson's loss curve and gauge) are Vega-Lite specs
(seqcore.figures.vega), the rest plotly, laid out by style.readable (titles wrap on a phone)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from seqcore.figures import vega
from seqcore.figures.style import TEMPLATE, readable

POS_COLOR, NEG_COLOR, NEUTRAL = "#2e7d32", "#c62828", "#9e9e9e"


def loss_curve(
    losses: Sequence[float], val_losses: Sequence[float] = (), title: str = "감성 분류 LSTM 학습 곡선"
) -> dict:
    """The lesson's 2.4 learning curve (the sentiment half): loss per epoch.

    Vega-Lite (seqcore.figures.vega): the sentiment page's first chart."""
    curves = {"학습 손실": losses} | ({"검증 손실": val_losses} if len(val_losses) else {})
    return vega.chart(
        vega.series_rows(curves, start=1),
        title=title,
        height=300,
        mark={"type": "line", "point": True},
        encoding={
            "x": vega.field("x", title="에포크", axis={"tickMinStep": 1, "format": "d"}),
            "y": vega.field("y", title="손실"),
            "color": vega.colors(list(curves)),
            "tooltip": [
                vega.field("series", "nominal", "곡선"),
                vega.field("x", title="에포크"),
                vega.field("y", title="손실", format=".4f"),
            ],
        },
    )


def probability_gauge(probability: float, title: str = "긍정 확률") -> dict:
    """One horizontal bar from 0 to 1 with the 0.5 threshold (Vega-Lite: drawn in the first part)."""
    p = float(probability)
    x = vega.field("p", title="P(긍정)", scale={"domain": [0, 1]}, axis={"values": [0, 0.25, 0.5, 0.75, 1]})
    return vega.chart(
        [{"p": p, "label": f"{p:.3f}", "threshold": 0.5}],
        title=title,
        height=110,
        layer=[
            {
                "mark": {"type": "bar", "color": POS_COLOR if p > 0.5 else NEG_COLOR, "height": 24},
                "encoding": {"x": x},
            },
            {
                "mark": {"type": "rule", "strokeDash": [6, 4], "color": NEUTRAL, "strokeWidth": 2},
                "encoding": {"x": vega.field("threshold")},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 14},
                "encoding": {"x": vega.field("p"), "text": {"field": "label"}},
            },
        ],
    )


def prefix_chart(tokens: Sequence[str], probabilities: Sequence[float], known: Sequence[bool] = ()):
    """P(positive) after each prefix: where the prediction flips ("not" before "good")."""
    known = list(known) or [True] * len(tokens)
    labels = [f"{i + 1}. {t}" + ("" if k else " (UNK)") for i, (t, k) in enumerate(zip(tokens, known))]
    colors = [POS_COLOR if p > 0.5 else NEG_COLOR for p in probabilities]
    fig = go.Figure(
        go.Scatter(
            x=labels,
            y=list(probabilities),
            mode="lines+markers+text",
            marker=dict(size=11, color=colors),
            line=dict(color=NEUTRAL),
            text=[f"{p:.2f}" for p in probabilities],
            textposition="top center",
            name="P(긍정)",
        )
    )
    fig.add_hline(y=0.5, line_dash="dash", line_color=NEUTRAL)
    fig.update_layout(
        title="단어를 하나씩 더 읽을 때마다 바뀌는 긍정 확률",
        xaxis_title="지금까지 읽은 마지막 단어",
        yaxis=dict(range=[-0.05, 1.1], title="P(긍정)"),
        template=TEMPLATE,
        height=360,
    )
    return readable(fig)


def accuracy_bars(results: dict[str, dict[str, float]], title: str = "모델별 정확도"):
    """Grouped bars: results[model][split] = accuracy in [0, 1]."""
    splits: list[str] = []
    for scores in results.values():
        splits += [s for s in scores if s not in splits]
    fig = go.Figure()
    for split in splits:
        models = list(results)
        values = [results[m].get(split) for m in models]
        fig.add_trace(
            go.Bar(
                name=split,
                x=models,
                y=values,
                text=[("" if v is None else f"{v:.0%}") for v in values],
                textposition="auto",
            )
        )
    fig.add_hline(
        y=0.5,
        line_dash="dot",
        line_color=NEUTRAL,
        annotation_text="찍기 (50%)",
        annotation_position="bottom left",
    )
    fig.update_layout(
        title=title,
        barmode="group",
        yaxis=dict(range=[0, 1.05], title="정확도", tickformat=".0%"),
        template=TEMPLATE,
        height=360,
    )
    return readable(fig)


def seed_study_chart(results: dict[str, list[float]], seeds: Sequence[int]):
    """The lesson model's probability per seed for each sentence, with the 0.5 line."""
    fig = go.Figure()
    for sentence, probs in results.items():
        fig.add_trace(
            go.Bar(
                name=f'"{sentence}"',
                x=[f"시드 {s}" for s in seeds],
                y=list(probs),
                text=[f"{p:.2f}" for p in probs],
                textposition="auto",
            )
        )
    fig.add_hline(y=0.5, line_dash="dash", line_color=NEUTRAL)
    fig.update_layout(
        title="시드마다 다시 학습한 수업 모델의 긍정 확률",
        barmode="group",
        yaxis=dict(range=[0, 1.05], title="P(긍정)"),
        template=TEMPLATE,
        height=340,
    )
    return readable(fig)


def hunger_chart(
    fractions: Sequence[float], sizes: Sequence[int], accuracy: dict[str, list[float]], title: str
):
    """Accuracy against training-set size, one line per model."""
    x = [f"{f:.0%} ({n:,}문장)" for f, n in zip(fractions, sizes)]
    fig = go.Figure()
    for name, values in accuracy.items():
        fig.add_trace(
            go.Scatter(
                x=x,
                y=list(values),
                mode="lines+markers+text",
                name=name,
                text=[f"{v:.0%}" for v in values],
                textposition="top center",
            )
        )
    fig.update_layout(
        title=title,
        xaxis_title="학습 데이터 크기",
        yaxis=dict(range=[0.4, 1.05], title="정확도", tickformat=".0%"),
        template=TEMPLATE,
        height=340,
    )
    return readable(fig)


def word_weights_chart(tokens: Sequence[str], evidence: Sequence[float], weights: Sequence[float]):
    """Each word's evidence (bag of words) and what the BiGRU made of it (evidence x weight)."""
    labels = [f"{i + 1}. {t}" for i, t in enumerate(tokens)]
    used = [e * w for e, w in zip(evidence, weights)]
    fig = go.Figure()
    fig.add_trace(go.Bar(name="단어 증거 (단어 가방)", x=labels, y=list(evidence), marker_color=NEUTRAL))
    fig.add_trace(
        go.Bar(
            name="문맥을 읽은 뒤 (× BiGRU 가중치)",
            x=labels,
            y=used,
            marker_color=[POS_COLOR if u > 0 else NEG_COLOR for u in used],
        )
    )
    fig.update_layout(
        title="단어마다: 단어 가방의 증거와, 순환 모델이 문맥을 보고 바꾼 값",
        barmode="group",
        yaxis_title="로짓에 더하는 값 (+ 긍정, − 부정)",
        template=TEMPLATE,
        height=340,
    )
    return readable(fig)
