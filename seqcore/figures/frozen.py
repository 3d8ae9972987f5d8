"""Figures made read-only for drawing: their dict form taken once, so drawing never copies them.

Apart from `style` (which needs the layer registry, and with it torch), so that the UI glue can
import this before any page has loaded torch.
"""

from __future__ import annotations

from seqcore.core.cache import CacheStore, memo


def freeze(fig):
    """`fig`, made read-only for drawing: its dict form is computed once and reused.

    st.plotly_chart calls `figure.to_dict()` (a deep copy of every trace and the template) on
    each draw; a figure that is cached and drawn again and again (ui.chart) pays for that once.
    Only for figures nobody changes after this call; other objects are returned unchanged.
    """
    import plotly.graph_objects as go

    if type(fig) is go.Figure:
        fig._frozen_dict = fig.to_dict()
        fig.__class__ = frozen_figure_class()
    return fig


def snapshot(fig):
    """A frozen copy of `fig` as it is now, for drawing only: its dict, without plotly's checks.

    For a figure that is moved in place from step to step (the step-through): the copy stays as
    it was when taken. It has no traces or layout of its own; only `to_dict()` works on it.
    """
    cls = frozen_figure_class()
    copy = cls.__new__(cls)
    copy._frozen_dict = fig.to_dict()
    return copy


@memo(CacheStore("frozen_figure_class", max_entries=1))  # built on first use: importing plotly takes a while
def frozen_figure_class() -> type:
    import plotly.graph_objects as go

    class FrozenFigure(go.Figure):
        """A go.Figure whose dict form was taken once, by `freeze`."""

        def to_dict(self):
            return self._frozen_dict

    return FrozenFigure
