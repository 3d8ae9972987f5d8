"""The shared AppTest harness: the app through its entry point, as the server runs it.

Imported by the page tests as `from apphelp import open_page` (tests/ is on pytest's path).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")

# AppTest resets PagesManager.uses_pages_directory before every run, and since pages/ sits
# beside streamlit_app.py each rerun would then execute the page file alone, in Streamlit's
# old "pages directory" mode. A real server leaves that mode for good once the entry point
# has called st.navigation (and ui.require_entry_point makes sure it does), so every rerun
# runs streamlit_app.py first. Make AppTest do what the server does.
_pages_manager_init = PagesManager.__init__


def _v2_pages_manager_init(self, *args, **kwargs):
    _pages_manager_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


PagesManager.__init__ = _v2_pages_manager_init


def open_page(path: str | None = None, timeout: float = 60, query: dict[str, str] | None = None) -> AppTest:
    """Run the entry point, then switch to `path` (e.g. "pages/rnn.py") and run it.

    With `query`, the page is opened as a deep link with those URL parameters.
    """
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    if query is not None:
        for k, v in query.items():
            at.query_params[k] = v
        if path is not None:
            at.switch_page(path)
        return at.run()
    at.run()
    if path is not None:
        at.switch_page(path).run()
    return at


def open_part(at: AppTest, key: str, label: str) -> AppTest:
    """Open the part `label` of a page's ui.sections(key, ...) as a learner's click on its tab.

    AppTest cannot click a tab: the part is set in session state, and the URL's value, which
    a bound widget prefers, is taken out first.
    """
    if key in at.query_params:
        del at.query_params[key]
    at.session_state[key] = label
    return at.run()


def part_key(path: str | None) -> str:
    """The URL key of a page's parts: `pages/rnn.py` -> `rnn_part` (seqcore.ui.shell.part_key)."""
    from seqcore.ui.shell import part_key as page_part_key

    return page_part_key(Path(path).stem) if path else ""


def part_labels(at: AppTest) -> list[str]:
    """The labels of the page's parts, in order (the page's only tabs are its parts)."""
    return [t.label for t in at.tabs]


def vega_specs(at: AppTest) -> list[dict]:
    """Every Vega-Lite chart drawn (seqcore.figures.vega), in order: its spec, with the rows that
    were sent apart as Arrow (inline, or as the named dataset of ui.charts.arrow_rows) put back
    in `data.values`."""
    import json

    from streamlit import dataframe_util

    def rows(arrow: bytes) -> dict:
        return {"values": dataframe_util.convert_arrow_bytes_to_pandas_df(arrow).to_dict("records")}

    specs = []
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        named = {d.name: d.data.data for d in el.proto.datasets}
        if el.proto.data.data:
            spec["data"] = rows(el.proto.data.data)
        elif (name := spec.get("data", {}).get("name")) in named:
            spec["data"] = rows(named[name])
        specs.append(spec)
    return specs


def series_of(spec: dict) -> dict[str, list]:
    """A vega.series_rows chart's rows back as {series: [y, ...]}, in row order."""
    out: dict[str, list] = {}
    for row in spec["data"]["values"]:
        out.setdefault(row["series"], []).append(row["y"])
    return out
