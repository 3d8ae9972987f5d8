"""The only package of seqcore that imports Streamlit: the glue between pages and the core.

Pages use it as `from seqcore import ui`: `ui.require_entry_point()`, `ui.seed()`,
`ui.train_cached(STORE, trainer, config)`, `ui.knob_widget(Config, "field", key=...)`.
"""

from seqcore.ui.checks import shape_checks
from seqcore.ui.shell import page_link, require_entry_point, run_page, seed, sidebar
from seqcore.ui.training import ProgressReporter, is_cached, prewarm, train_cached, train_or_last
from seqcore.ui.widgets import keep, knob_widget

__all__ = [
    "ProgressReporter",
    "is_cached",
    "keep",
    "knob_widget",
    "page_link",
    "prewarm",
    "require_entry_point",
    "run_page",
    "seed",
    "shape_checks",
    "sidebar",
    "train_cached",
    "train_or_last",
]
