"""Widgets that keep their value and share it: every input goes through `keep` or `knob_widget`.

- `persist_state="session"`: the value survives a switch to another page and back.
- `bind="query-params"`: the key is the URL parameter (?rnn_hidden=20), so a link carries the
  setup; values equal to the default stay out of the URL and invalid ones are dropped by
  Streamlit. Keys are therefore part of the public link format: `<page>_<name>`, short and
  stable (see CONTRIBUTING.md).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from seqcore.core.config import knob_of


def keep(key: str, *, url: bool = True) -> dict[str, Any]:
    """Keyword arguments that make a widget persistent (and, with `url`, bound to the URL)."""
    kwargs: dict[str, Any] = {"key": key, "persist_state": "session"}
    if url:
        kwargs["bind"] = "query-params"
    return kwargs


def _kind(default: Any, spec) -> str:
    if spec.widget:
        return spec.widget
    if isinstance(default, bool):
        return "toggle"
    if spec.options is not None:
        numeric = all(isinstance(o, int | float) and not isinstance(o, bool) for o in spec.options)
        return "select_slider" if numeric else "select"
    return "slider"


def knob_widget(cls: type, name: str, key: str, *, container=None, url: bool = True, **overrides) -> Any:
    """Draw the widget of config field `cls.name`, with the default and range stated there."""
    default, spec = knob_of(cls, name)
    where = container or st
    kw = keep(key, url=url) | {"help": spec.help} | overrides
    label = kw.pop("label", spec.label)
    kind = _kind(default, spec)
    if kind == "toggle":
        return where.toggle(label, value=default, **kw)
    if kind in ("select", "radio", "select_slider"):
        options = list(spec.options)
        fmt = (lambda v: spec.labels.get(v, str(v))) if spec.labels else str
        if kind == "select_slider":
            return where.select_slider(label, options=options, value=default, format_func=fmt, **kw)
        draw = where.radio if kind == "radio" else where.selectbox
        return draw(label, options, index=options.index(default), format_func=fmt, **kw)
    lo, hi = spec.lo, spec.hi
    step = spec.step
    if isinstance(default, int):
        lo, hi = (int(v) if v is not None else None for v in (lo, hi))
        step = int(step) if step is not None else 1
    if kind == "number":
        return where.number_input(label, min_value=lo, max_value=hi, value=default, step=step, **kw)
    return where.slider(label, min_value=lo, max_value=hi, value=default, step=step, **kw)
