"""The step-through's figures, shared by every learner on the same sentence.

The panel's own three figures are moved in place from step to step and kept per (t, unit) as
frozen snapshots; the page's linked charts are built once per sentence and banded per step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from seqcore.basics import stepper as core
from seqcore.core.cache import CacheStore, bounded, memoized
from seqcore.figures import highlight as hl
from seqcore.figures import stepper as fs
from seqcore.figures.frozen import freeze, snapshot
from seqcore.figures.style import readable
from seqcore.ui.projector import chart_font_size


@dataclass(frozen=True)
class Linked:
    """A chart elsewhere on the page, over the same sentence, that follows the chosen step."""

    key: str  # the chart's widget key: a click on it picks that step
    slot: Any  # an st.container() placed where the chart belongs
    build: Callable[[int], go.Figure]  # the figure with step t banded (called once per sentence)
    caption: str = ""


@dataclass(frozen=True)
class LinkedTable:
    """A table elsewhere on the page with one row per step: the chosen step's row is shaded."""

    slot: Any  # an st.container() placed where the table belongs
    rows: Sequence[dict]  # one dict per step


# The linked charts with one step banded, shared by every learner on the same sentence: a step
# move draws a frozen figure (built once per sentence, chart and step) instead of copying one.
LINKED_STORE = CacheStore("stepper_linked", max_entries=160, max_mb=48)


class PanelFigures:
    """The step-through's own three figures at (t, unit), shared by every learner.

    One StepFigures per sentence for the whole server (built once: about 0.1 s), moved in place
    under a lock, and each (t, unit) kept as a frozen snapshot: a class that opens the page
    together pays for one build, and a step move costs a move and a copy (milliseconds).
    """

    _lock = threading.Lock()

    def __init__(self, tr: core.StepTrace, sig: Hashable):
        self.tr, self.sig = tr, sig

    def _mover(self) -> fs.StepFigures:
        def build(_sig):
            return fs.StepFigures(self.tr, chart_font_size())

        return memoized(bounded(LINKED_STORE), "mover", build, (self.sig,), {})

    def at(self, t: int, unit: int) -> tuple:
        def build(_sig, t_, unit_):
            with self._lock:
                return tuple(snapshot(f) for f in self._mover().at(t_, unit_))

        return memoized(bounded(LINKED_STORE), "panel", build, (self.sig, t, unit), {})


def panel_and_linked(tr: core.StepTrace, sig: Hashable, linked: Sequence[Linked | LinkedTable]):
    """The step-through's own figures and the linked charts' base figures (dicts), shared by
    every learner on the same sentence."""
    bases = {lk.key: _linked_base(sig, lk) for lk in linked if isinstance(lk, Linked)}
    return PanelFigures(tr, sig), {k: (sig, k, base) for k, base in bases.items()}


def _linked_base(sig: Hashable, lk: Linked) -> dict:
    def build(_sig, _key) -> dict:
        fig = lk.build(0)
        if chart_font_size():  # projector mode: the linked charts' text as large as the panel's
            fig = readable(go.Figure(fig.to_dict()), chart_font_size())
        return fig.to_dict()

    return memoized(bounded(LINKED_STORE), "base", build, (sig, lk.key), {})


def linked_at(sig: Hashable, key: str, base: dict, t: int) -> go.Figure:
    def build(_sig, _key, t_) -> go.Figure:
        return freeze(hl.move_step(go.Figure(base), t_))

    return memoized(bounded(LINKED_STORE), "moved", build, (sig, key, t), {})
