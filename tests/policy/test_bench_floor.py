"""bench/floor_app.py, the page bench.browser measures the app against: N charts, bad input ignored."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

FLOOR = str(Path(__file__).resolve().parents[2] / "bench" / "floor_app.py")


@pytest.mark.parametrize(
    ("given", "charts"), [(None, 0), ("1", 1), ("6", 6), ("many", 0), ("-3", 0), ("99", 12)]
)
def test_the_floor_page_draws_as_many_charts_as_asked(given, charts):
    at = AppTest.from_file(FLOOR, default_timeout=60)
    if given is not None:
        at.query_params["charts"] = given
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts
    assert at.title[0].value == "바닥 측정"


def test_the_floor_page_draws_vega_lite_charts_when_asked():
    at = AppTest.from_file(FLOOR, default_timeout=60)
    at.query_params["charts"] = "2"
    at.query_params["kind"] = "vega"
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2 and not at.get("plotly_chart")


@pytest.mark.parametrize("element", ["code", "slider", "graphviz", "table", "nothing_like_this"])
def test_the_floor_page_adds_one_element_when_asked(element):
    at = AppTest.from_file(FLOOR, default_timeout=60)
    at.query_params["element"] = element
    at.run()
    assert not at.exception
    drawn = {
        "code": len(at.code),
        "slider": len(at.slider),
        "graphviz": len(at.get("graphviz_chart")),
        "table": len(at.table),
    }
    assert sum(drawn.values()) == (element in drawn) and drawn.get(element, 1) == 1


def test_bench_browser_lists_the_floor_pages_elements():
    from bench.browser import _floor_elements

    assert {"code", "latex", "slider", "multiselect", "graphviz", "table"} <= set(_floor_elements())
