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
