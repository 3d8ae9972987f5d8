"""Projector mode enlarges a Vega-Lite chart's text through its config (ui.projector.VEGA_CONFIG):
a size written on a mark or an axis would win over it and stay small on the classroom screen.
So the stock and 문자 생성 charts keep every text size in their config, and in projector mode
none is under the layout test's 14 px floor (tests/browser/test_layout.py)."""

import pytest

from seqcore.figures import lm
from seqcore.figures import stock as stock_figs
from seqcore.figures.stock_prediction import prediction_chart
from seqcore.ui import projector

PROJECTOR_CHART_MIN = 14  # px, as tests/browser/test_layout.py's PROJECTOR mode

SPECS = {
    "price_series": lambda: stock_figs.price_series([0, 1, 2], [1.0, 50.0, 51.0], cuts=[1]),
    "learning_curve": lambda: stock_figs.learning_curve([1.0, 0.5, 0.4], [0.6, 0.3, 0.35], 3, kept_epoch=2),
    "metric_bars": lambda: stock_figs.metric_bars({"GRU": 2.6, "어제 값 그대로": 3.4}),
    "prediction_chart": lambda: prediction_chart(
        list(range(10)),
        [float(v) for v in range(10)],
        [7, 8, 9],
        [7.1, 8.2, 8.9],
        7,
        0.1,
        0.2,
        baselines={"persistence": ("어제 값 그대로", [6.0, 7.0, 8.0])},
    ),
    "unit_bars": lambda: lm.unit_bars(["이", "영", "화"], [30, 20, 10], "단위"),
    "next_bars": lambda: lm.next_bars(["런", "건"], [0.25, 0.08], "건"),
    "grad_norms": lambda: lm.grad_norms({"클리핑 켬": [0.5, 2.0]}, 1.0, steps_per_epoch=2),
}


def sizes_outside_config(node, path="") -> list[str]:
    """Every font size set anywhere in the spec but its top-level config."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if path == "" and key == "config":
                continue
            if key.lower().endswith("fontsize"):
                found.append(f"{path}/{key}={value}")
            found += sizes_outside_config(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += sizes_outside_config(value, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("name", SPECS)
def test_text_sizes_live_in_the_config_that_projector_mode_replaces(name):
    spec = SPECS[name]()
    assert sizes_outside_config(spec) == []
    config = projector.vega_spec(spec)["config"]
    sizes = [size for part in config.values() for key, size in part.items() if key.endswith("ontSize")]
    assert min(sizes) >= PROJECTOR_CHART_MIN


def test_the_baseline_legend_title_is_not_cut_at_projector_size():
    spec = SPECS["prediction_chart"]()
    legend = spec["vconcat"][1]["layer"][1]["encoding"]["stroke"]["legend"]
    # Vega cuts a legend title at titleLimit px (180 by default); at projector size it is ~290 px.
    title_px = len(legend["title"]) * projector.VEGA_CONFIG["legend"]["titleFontSize"]
    assert legend["titleLimit"] >= title_px
