"""Projector mode and the app-wide CSS: big text for a classroom, code that wraps on a phone.

`toggle()` is called once from the shared sidebar. The toggle keeps its value across pages
(`keep("projector")`, also ?projector=true in a link). Figures that take a `font_size` read
`chart_font_size()`; ui.chart draws plotly figures through `plotly_figure` and merges VEGA_CONFIG
into Vega-Lite specs; everything else is enlarged by CSS. tests/browser/test_layout.py opens every
page at 390 px and in projector mode at 1280 x 720 and checks what a learner would see.
"""

from __future__ import annotations

import streamlit as st

from seqcore.core.cache import CacheStore, bounded, memoized
from seqcore.figures.diagrams import CHAIN_CLASS
from seqcore.ui.widgets import keep

PROJECTOR_KEY = "projector"
CHART_FONT_PX = 20  # plotly font size in projector mode (the figures' own default is 12)
# Vega-Lite text sizes in projector mode (merged into a spec's config by ui.chart): Vega lays the
# chart out with them, so axes and legends make room instead of overlapping as CSS would make them.
VEGA_CONFIG = {
    "axis": {"labelFontSize": 17, "titleFontSize": 19},
    "legend": {"labelFontSize": 17, "titleFontSize": 19},
    "header": {"labelFontSize": 19, "titleFontSize": 19},
    "title": {"fontSize": 22, "subtitleFontSize": 18, "lineHeight": 28},
    "text": {"fontSize": 18},
}

# Always on: nothing may run past the column on a 390 px phone. Code wraps; display math breaks
# between its terms (and a single term wider than the column scrolls in its own box); a diagram, a
# Vega-Lite grid of fixed-width panels, or a heatmap with a number in every cell scrolls sideways
# at a readable size instead of shrinking to dots or being cut.
DENSE = ('[class*="_step_strips"]', '[class*="_step_timeline"]')  # the step-through's numbered heatmaps
BASE_CSS = """
/* Streamlit draws every graphviz text at 0.6rem (about 9.6 px) whatever the DOT says; use the
   diagrams' own size (seqcore.figures.diagrams.FONT_SIZE, in the SVG's units) instead. */
[data-testid="stGraphVizChart"] svg text { font-size: 16px !important; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding-bottom: 2px; }
[data-testid="stVegaLiteChart"] { overflow-x: auto !important; max-width: 100% !important; }
.katex-display > .katex, .katex-display > .katex > .katex-html { white-space: normal !important; }
.katex-display > .katex > .katex-html > .base { margin: 0.15em 0; }
@media (max-width: 640px) {
  [data-testid="stCode"] pre, [data-testid="stCode"] code {
    white-space: pre-wrap !important; overflow-wrap: anywhere !important;
  }
  [data-testid="stMarkdownContainer"] table { display: block; overflow-x: auto; }
  [data-testid="stGraphVizChart"] { overflow-x: auto !important; }
  [data-testid="stGraphVizChart"] svg { max-width: none !important; width: auto !important; height: auto !important; }
  DENSE { overflow-x: auto !important; max-width: 100% !important; }
  DENSE_CHART { min-width: 560px !important; }
}
""".replace("DENSE_CHART", ", ".join(f'{d} [data-testid="stPlotlyChart"]' for d in DENSE)).replace(
    "DENSE", ", ".join(DENSE)
)

# Projector: every size Streamlit writes in rem grows with the root font (22 px instead of 16:
# 1.375x text, widgets, tabs, metrics, math and spacing alike, laid out by the browser, so nothing
# overlaps); columns stack; diagrams are as wide as the page. Charts get their own sizes: plotly
# figures are laid out again with CHART_FONT_PX (`plotly_figure`), Vega-Lite specs with VEGA_CONFIG.
PROJECTOR_CSS = """
html { font-size: 22px !important; }
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem !important; padding-right: 1.5rem !important; max-width: none !important; }
[data-testid="stMain"] [data-testid="stCode"] code { white-space: pre-wrap !important; overflow-wrap: anywhere !important; }
[data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]) { flex-direction: column !important; }
[data-testid="stMain"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
  width: 100% !important; flex: 1 1 100% !important; min-width: 100% !important;
}
[data-testid="stMain"] [data-testid="stGraphVizChart"] svg { width: 100% !important; height: auto !important; max-height: 85vh; }
[data-testid="stMain"] .CHAIN { font-size: 1.3rem !important; }
""".replace("CHAIN", CHAIN_CLASS)

PROJECTOR_FIGURES = CacheStore("projector_figures", max_entries=128, max_mb=64)  # plotly, laid out again


def is_on() -> bool:
    return bool(st.session_state.get(PROJECTOR_KEY, False))


def chart_font_size() -> int | None:
    """The plotly font size a figure should use now (None: the figure's default)."""
    return CHART_FONT_PX if is_on() else None


def _enlarged(figure):
    import plotly.graph_objects as go

    from seqcore.figures.frozen import freeze
    from seqcore.figures.style import readable

    return freeze(readable(go.Figure(figure.to_dict()), CHART_FONT_PX))


def plotly_figure(figure):
    """A shared (cached, frozen) plotly figure laid out again for projector mode: every text at
    CHART_FONT_PX, the title and legend re-placed so they make room, the figure taller. Built once
    per figure and shared; never modify it."""
    return memoized(bounded(PROJECTOR_FIGURES), "projector", _enlarged, (figure,), {})


def vega_spec(spec: dict) -> dict:
    """A Vega-Lite spec for projector mode: VEGA_CONFIG merged in and every view 1.35x taller, so
    the larger text does not squeeze the plot (a view's height holds its title, axes and legend).
    A shallow copy: the shared cached spec stays as built."""

    def taller(view: dict) -> dict:
        out = view | ({"height": round(view["height"] * 1.35)} if isinstance(view.get("height"), int) else {})
        for stack in ("hconcat", "vconcat"):
            if stack in out:
                out[stack] = [taller(v) for v in out[stack]]
        return out

    return taller(spec) | {"config": spec.get("config", {}) | VEGA_CONFIG}


def css(projector: bool) -> str:
    return BASE_CSS + (PROJECTOR_CSS if projector else "")


def toggle() -> None:
    """The sidebar toggle, and the CSS for the current mode (style only: takes no space)."""
    st.toggle(
        "📽️ 프로젝터 모드 (큰 글씨)",
        value=False,
        help="교실 화면용: 글씨, 그래프, 그림을 크게 하고 나란한 열을 세로로 쌓아요. 다른 페이지로 가도 유지돼요.",
        **keep(PROJECTOR_KEY),
    )
    st.html(f"<style>{css(is_on())}</style>")
