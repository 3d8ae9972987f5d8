"""Projector mode and the app-wide CSS: big text for a classroom, code that wraps on a phone.

`toggle()` is called once from the shared sidebar. The toggle keeps its value across pages
(`keep("projector")`, also ?projector=true in a link). Figures that take a `font_size` read
`chart_font_size()`; everything else is enlarged by CSS.
"""

from __future__ import annotations

import streamlit as st

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
    "title": {"fontSize": 22, "subtitleFontSize": 18},
    "text": {"fontSize": 18},
}

# Always on: code a question depends on must not be cut on a 390 px phone, and a diagram (or a
# Vega-Lite grid of fixed-width panels) wider than the phone scrolls sideways at a readable size
# instead of shrinking to dots or being cut.
BASE_CSS = """
/* Streamlit draws every graphviz text at 0.6rem (about 9.6 px) whatever the DOT says; use the
   diagrams' own size (seqcore.figures.diagrams.FONT_SIZE, in the SVG's units) instead. */
[data-testid="stGraphVizChart"] svg text { font-size: 16px !important; }
@media (max-width: 640px) {
  [data-testid="stCode"] pre, [data-testid="stCode"] code {
    white-space: pre-wrap !important; overflow-wrap: anywhere !important;
  }
  [data-testid="stGraphVizChart"] { overflow-x: auto !important; }
  [data-testid="stVegaLiteChart"] { overflow-x: auto !important; max-width: 100% !important; }
  [data-testid="stGraphVizChart"] svg { max-width: none !important; width: auto !important; height: auto !important; }
}
"""

# Projector: about 1.35x text, stacked columns, diagrams as wide as the page.
PROJECTOR_CSS = """
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li, td, th) { font-size: 1.45rem !important; line-height: 1.5; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.2rem !important; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 1.25rem !important; }
[data-testid="stMain"] h1 { font-size: 3.2rem !important; }
[data-testid="stMain"] h2 { font-size: 2.4rem !important; }
[data-testid="stMain"] h3 { font-size: 1.9rem !important; }
[data-testid="stMain"] .katex { font-size: 1.6em !important; }
[data-testid="stMain"] [data-testid="stCode"] code {
  font-size: 1.2rem !important; white-space: pre-wrap !important; overflow-wrap: anywhere !important;
}
[data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]) { flex-direction: column !important; }
[data-testid="stMain"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
  width: 100% !important; flex: 1 1 100% !important; min-width: 100% !important;
}
[data-testid="stMain"] [data-testid="stGraphVizChart"] svg { width: 100% !important; height: auto !important; max-height: 85vh; }
[data-testid="stMain"] .js-plotly-plot :is(.xtick, .ytick, .legendtext, .gtitle, .annotation-text, .g-xtitle, .g-ytitle) text,
[data-testid="stMain"] .js-plotly-plot text.legendtext, [data-testid="stMain"] .js-plotly-plot text.gtitle { font-size: 18px !important; }
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 3rem !important; }
[data-testid="stMain"] .CHAIN { font-size: 1.45rem !important; }
""".replace("CHAIN", CHAIN_CLASS)


def is_on() -> bool:
    return bool(st.session_state.get(PROJECTOR_KEY, False))


def chart_font_size() -> int | None:
    """The plotly font size a figure should use now (None: the figure's default)."""
    return CHART_FONT_PX if is_on() else None


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
