"""The only package of seqcore that imports Streamlit: the glue between pages and the core.

Pages use it as `from seqcore import ui`: `ui.require_entry_point()`, `ui.seed()`,
`ui.train_cached(STORE, trainer, config)`, `ui.knob_widget(Config, "field", key=...)`.
"""

from seqcore.ui.charts import cached_figure, chart, diagram
from seqcore.ui.checks import shape_checks
from seqcore.ui.shell import (
    folded,
    page_link,
    require_entry_point,
    run_page,
    sections,
    seed,
    sidebar,
    source,
    stop,
)
from seqcore.ui.widgets import keep, knob_widget, shape_sliders

# seqcore.ui.training imports torch (through the training loop): loaded on first use, so that
# the entry point, the sidebar and the home page draw without paying torch's import (seconds).
_LAZY = {
    name: "seqcore.ui.training"
    for name in ("ProgressReporter", "is_cached", "train_cached", "train_or_last", "train_soon")
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'seqcore.ui' has no attribute {name!r}")


__all__ = [
    "cached_figure",
    "chart",
    "diagram",
    "folded",
    "ProgressReporter",
    "is_cached",
    "keep",
    "knob_widget",
    "page_link",
    "require_entry_point",
    "sections",
    "shape_sliders",
    "run_page",
    "seed",
    "shape_checks",
    "sidebar",
    "source",
    "stop",
    "train_cached",
    "train_or_last",
    "train_soon",
]
