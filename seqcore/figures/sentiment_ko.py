"""Figures of the sentiment page's Korean part (Vega-Lite: it is the page's first part): the
verdict after each piece, the bag of words' pushes, and the reliability diagram."""

from __future__ import annotations

from collections.abc import Sequence

from seqcore.figures import vega
from seqcore.figures.sentiment import NEG_COLOR, NEUTRAL, POS_COLOR


def piece_reading_chart(
    pieces: Sequence[str],
    probabilities: Sequence[float],
    known: Sequence[bool],
    title: str = "조각을 하나씩 읽을 때의 긍정 확률 (순환 모델)",
) -> dict:
    """P(긍정) after each piece of a Korean sentence (Vega-Lite): where the verdict turns."""
    rows = [
        {
            "k": i + 1,
            "piece": f"{i + 1}. {p}" + ("" if k else " (UNK)"),
            "p": round(float(q), 4),
            "series": "긍정" if q > 0.5 else "부정",
        }
        for i, (p, q, k) in enumerate(zip(pieces, probabilities, known))
    ]
    x = vega.field(
        "piece",
        "ordinal",
        "지금까지 읽은 마지막 조각",
        sort={"field": "k"},
        axis={"labelAngle": -40, "labelLimit": 0},
    )
    y = vega.field("p", title="P(긍정)", scale={"domain": [0, 1]})
    return vega.chart(
        rows,
        title=title,
        height=300,
        autosize=vega.FIT_WIDTH,  # the height is the plot's: rotated pieces and the legend come on top
        layer=[
            {"mark": {"type": "line", "color": NEUTRAL}, "encoding": {"x": x, "y": y}},
            {
                "mark": {"type": "point", "filled": True, "size": 90},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": vega.colors(["긍정", "부정"], [POS_COLOR, NEG_COLOR]),
                    "tooltip": [
                        vega.field("piece", "nominal", "조각"),
                        vega.field("p", title="P(긍정)", format=".3f"),
                    ],
                },
            },
            {
                "mark": {"type": "rule", "strokeDash": [6, 4], "color": NEUTRAL},
                "encoding": {"y": {"datum": 0.5}},
            },
        ],
    )


def bow_pushes_chart(items: Sequence[tuple[str, float]]) -> dict:
    """Which character n-grams pushed the bag of words, and which way (value x weight)."""
    rows = [
        # a space is part of the n-gram (' 지루' starts a word): shown as ␣, as the pieces are
        {"gram": g.replace(" ", "␣"), "w": round(float(w), 4), "series": "긍정 쪽" if w > 0 else "부정 쪽"}
        for g, w in items
    ]
    return vega.chart(
        rows,
        title="단어 가방을 민 글자 조각",
        height=max(120, 26 * len(rows)),
        autosize=vega.FIT_WIDTH,  # one band per n-gram, whatever the axis and legend take
        mark={"type": "bar"},
        encoding={
            "y": vega.field("gram", "nominal", None, sort="-x"),
            "x": vega.field("w", title="로짓에 더한 값 (+ 긍정, − 부정)"),
            "color": vega.colors(["긍정 쪽", "부정 쪽"], [POS_COLOR, NEG_COLOR]),
        },
    )


def reliability_chart(
    mean_prob: Sequence[float], positive_rate: Sequence[float], counts: Sequence[int]
) -> dict:
    """Reliability diagram: predicted P(긍정) against the share of truly positive reviews per bin."""
    rows = [
        {"pred": round(m, 3), "rate": round(r, 3), "n": c}
        for m, r, c in zip(mean_prob, positive_rate, counts)
        if c
    ]
    axis = {"scale": {"domain": [0, 1]}}
    return vega.chart(
        rows,
        title=[
            "믿음직함 그림 (시험 리뷰)",
            "예측 확률 vs 실제 긍정 비율",
        ],  # two lines: one is cut on a phone
        height=320,
        layer=[
            {
                "data": {"values": [{"a": 0}, {"a": 1}]},
                "mark": {"type": "line", "color": NEUTRAL, "strokeDash": [6, 4]},
                "encoding": {"x": vega.field("a", title=None), "y": vega.field("a", title=None)},
            },
            {
                "mark": {"type": "line", "point": True, "color": POS_COLOR},
                "encoding": {
                    "x": vega.field("pred", title="예측한 긍정 확률 (구간 평균)", **axis),
                    "y": vega.field("rate", title="실제로 긍정인 비율", **axis),
                    "tooltip": [
                        vega.field("pred", title="예측"),
                        vega.field("rate", title="실제"),
                        vega.field("n", title="리뷰 수"),
                    ],
                },
            },
        ],
    )
