"""Charts of the 문자 생성 page: Vega-Lite specs (seqcore.figures.vega), pure functions.

Perplexity per epoch against the unigram baseline, the two batchings on one chart, the gradient
norm of every update, the vocabulary's most frequent units and the top-5 next units at a step.
"""

from __future__ import annotations

from collections.abc import Sequence

from seqcore.figures import vega

TRAIN, HELD, BASE = "학습 글", "검증 글", "유니그램 기준선"  # short: a phone shows the legend in one row
PALETTE = ["#1a73e8", "#d93025", "#7f7f7f", "#f29900", "#188038"]


def _epoch_axis(last: int) -> dict:
    return vega.field(
        "x", title="에포크", scale={"domain": [0, max(last, 1)]}, axis={"tickMinStep": 1, "format": "d"}
    )


def _dashes(names: list[str], dashed: Sequence[str]) -> dict:
    """A strokeDash channel on 'series': the `dashed` names dashed, the others solid, no legend."""
    return {
        "field": "series",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": names, "range": [[4, 3] if n in dashed else [1, 0] for n in names]},
    }


def _lines(rows: list[dict], names: list[str], x: dict, y: dict, dashed: Sequence[str] = ()) -> dict:
    dash = _dashes(names, dashed)
    tooltip = [
        vega.field("series", "nominal", "곡선"),
        vega.field("x", title="에포크"),
        vega.field("y", title="퍼플렉서티", format=",.1f"),
    ]
    return {
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": x,
            "y": y,
            "color": vega.colors(names, PALETTE[: len(names)]),
            "strokeDash": dash,
            "tooltip": tooltip,
        },
    }


def perplexity_curves(
    train: Sequence[float], held: Sequence[float], unigram: float, upto: int | None = None
) -> dict:
    """Perplexity of epochs 0..n on training and held-out text (log axis), the unigram baseline as a
    dashed line; with `upto`, only epochs 0..upto are drawn on the full run's axes."""
    last = len(held) - 1
    shown = last if upto is None else upto
    series = {TRAIN: list(train)[: shown + 1], HELD: list(held)[: shown + 1]}
    rows = vega.series_rows(series)
    rows += [{"x": x, "y": unigram, "series": BASE} for x in (0, last)]
    names = [TRAIN, HELD, BASE]
    y = vega.log_axis([*train, *held, unigram], "퍼플렉서티 (로그)")
    y["scale"] |= {"domain": [min([*train, *held, unigram]) * 0.9, max([*train, *held, unigram]) * 1.1]}
    return vega.chart(
        rows, title="에포크마다 잰 퍼플렉서티", layer=[_lines(rows, names, _epoch_axis(last), y, [BASE])]
    )


def batching_curves(held: dict[str, Sequence[float]], unigram: float) -> dict:
    """Held-out perplexity per epoch of each batching (one line each) and the unigram baseline."""
    last = max(len(v) for v in held.values()) - 1
    rows = vega.series_rows(held) + [{"x": x, "y": unigram, "series": BASE} for x in (0, last)]
    names = [*held, BASE]
    values = [v for s in held.values() for v in s] + [unigram]
    y = vega.log_axis(values, "검증 퍼플렉서티 (로그)")
    y["scale"] |= {"domain": [min(values) * 0.9, max(values) * 1.1]}
    return vega.chart(
        rows,
        title="미니배치 두 가지: 검증 글 퍼플렉서티",
        layer=[
            _lines(rows, names, _epoch_axis(last), y, [BASE, *list(held)[1:]])
        ],  # the second dashed: both show
    )


def grad_norms(norms: dict[str, Sequence[float]], clip_norm: float, steps_per_epoch: int) -> dict:
    """Every update's gradient norm (before clipping) for each run, x in epochs, and the clip line."""
    rows = []
    for name, values in norms.items():
        rows += [
            {"x": (i + 1) / steps_per_epoch, "y": vega.finite(v, True), "series": name}
            for i, v in enumerate(values)
        ]
    names = list(norms)
    y = vega.log_axis([r["y"] for r in rows], "노름, 자르기 전 (로그)")
    x = vega.field("x", title="에포크", axis={"tickMinStep": 1, "format": "d"})
    lines = {
        "mark": {"type": "line", "strokeWidth": 1, "opacity": 0.8},
        "encoding": {
            "x": x,
            "y": y,
            "color": vega.colors(names, PALETTE[: len(names)]),
            "strokeDash": _dashes(names, names[1:]),  # the second dashed: where both agree, both show
            "tooltip": [vega.field("series", "nominal", "실행"), vega.field("y", title="노름", format=".3f")],
        },
    }
    rule = {
        "data": {"values": [{"y": clip_norm}]},
        "mark": {"type": "rule", "color": "black", "strokeDash": [3, 3]},
        "encoding": {"y": {"field": "y", "type": "quantitative"}},
    }
    label = {
        "data": {"values": [{"y": clip_norm}]},
        "mark": {"type": "text", "text": f"클리핑 기준 {clip_norm:g}", "align": "left", "x": 4, "dy": -6},
        "encoding": {"y": {"field": "y", "type": "quantitative"}},
    }
    return vega.chart(rows, title="업데이트마다 잰 기울기 노름", layer=[lines, rule, label])


def unit_bars(units: Sequence[str], counts: Sequence[int], title: str) -> dict:
    """The most frequent units of the vocabulary and how often each occurs."""
    rows = [{"unit": u, "count": int(c), "rank": i} for i, (u, c) in enumerate(zip(units, counts))]
    x = vega.field("unit", "nominal", None, sort=list(units), axis={"labelAngle": 0, "labelFontSize": 13})
    return vega.chart(
        rows,
        title=title,
        height=220,
        mark={"type": "bar", "color": PALETTE[0]},
        encoding={
            "x": x,
            "y": vega.field("count", title="나온 횟수"),
            "tooltip": [vega.field("unit", "nominal", "단위"), vega.field("count", title="횟수")],
        },
    )


def next_bars(units: Sequence[str], probs: Sequence[float], actual: str | None) -> dict:
    """The top-k next units as horizontal bars, the one that really came next in red."""
    rows = [
        {"unit": u, "p": float(p), "rank": i, "hit": u == actual}
        for i, (u, p) in enumerate(zip(units, probs))
    ]
    color = {
        "field": "hit",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": [False, True], "range": [PALETTE[0], PALETTE[1]]},
    }
    y = vega.field("unit", "nominal", "다음 단위 후보", sort=list(units), axis={"labelFontSize": 14})
    x = vega.field("p", title="확률", scale={"domain": [0, 1]}, axis={"format": ".0%", "tickCount": 5})
    text = {
        "mark": {"type": "text", "align": "left", "dx": 4},
        "encoding": {"y": y, "x": x, "text": vega.field("p", format=".1%")},
    }
    bars = {"mark": "bar", "encoding": {"y": y, "x": x, "color": color}}
    return vega.chart(rows, title="다음에 올 단위: 모델의 상위 5개", height=200, layer=[bars, text])


def bpc_curves(curves: dict[str, tuple[Sequence[float], Sequence[float]]]) -> dict:
    """Held-out bits per character against training CPU seconds, one line per run (its epochs)."""
    rows = [
        {"x": float(x), "y": vega.finite(y), "series": name}
        for name, (xs, ys) in curves.items()
        for x, y in zip(xs, ys)
    ]
    names = list(curves)
    x = vega.field("x", title="학습 CPU 시간 (초)")
    y = vega.field("y", title="검증 글자당 비트", scale={"zero": False})
    tooltip = [
        vega.field("series", "nominal", "단위"),
        vega.field("x", title="CPU 초", format=".1f"),
        vega.field("y", title="글자당 비트", format=".3f"),
    ]
    line = {
        "mark": {"type": "line", "point": True},
        "encoding": {"x": x, "y": y, "color": vega.colors(names, PALETTE[: len(names)]), "tooltip": tooltip},
    }
    return vega.chart(rows, title="같은 CPU 시간에 누가 더 잘 맞힐까", layer=[line])
