"""Pages draw plotly figures and Vega-Lite specs through ui.chart (built once per input and shared
by every session), never by building one on every rerun with st.plotly_chart(figs.fn(...))."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pages_draw_their_charts_through_ui_chart():
    offenders = []
    for path in [ROOT / "home.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.(plotly_chart|vega_lite_chart|altair_chart)\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "draw with ui.chart(figs.fn, *args, key=...):\n" + "\n".join(offenders)
