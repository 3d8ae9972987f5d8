"""Widgets that keep their value and share it: every input goes through `keep` or `knob_widget`.

- `persist_state="session"`: the value survives a switch to another page and back.
- `bind="query-params"`: the key is the URL parameter (?rnn_hidden=20), so a link carries the
  setup; values equal to the default stay out of the URL and invalid ones are dropped by
  Streamlit. Keys are therefore part of the public link format: `<page>_<name>`, short and
  stable (see CONTRIBUTING.md and docs/links.md).

A value in a link that the widget cannot take (out of range, not an option, not a number) is
ignored, never an exception, and the learner is told so: `knob_widget` checks its own
parameter and writes the note under the widget; `url_notes` (called by `shell.run_page` after
the page ran) catches the same for widgets drawn with `keep` and puts the note in the sidebar.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from seqcore.core.config import Knob, knob_of
from seqcore.core.markup import plain

NOTES_KEY = "_url_notes"  # {param: note}: the sidebar's notes for the page on screen
_INLINE_KEY = "_url_notes_inline"  # {param: note}: written under knob widgets instead
_NOTES_PAGE_KEY = "_url_notes_page"


def keep(key: str, *, url: bool = True) -> dict[str, Any]:
    """Keyword arguments that make a widget persistent (and, with `url`, bound to the URL)."""
    kwargs: dict[str, Any] = {"key": key, "persist_state": "session"}
    if url:
        kwargs["bind"] = "query-params"
    return kwargs


def dropped_note(key: str, raw: str, allowed: str | None = None) -> str:
    """The Korean note for a link value that was ignored.

    The value is the link's, not the app's: it goes through `markup.plain`, never into a code
    span (a backtick in it closed the span, and `![x](//host)` after it made every visitor's
    browser fetch an image). It is cut before escaping, so an escape is never cut in half.
    """
    shown = raw if len(raw) <= 30 else raw[:27] + "…"
    rule = f" (쓸 수 있는 값: {plain(allowed)})" if allowed else ""
    return f"링크의 `{key}` 값은 쓸 수 없어서 무시하고 기본값으로 열었어요: ‘{plain(shown)}’{rule}."


def means_default(raw: str, default: Any, fmt=str) -> bool:
    """Whether the URL text `raw` names the widget's default (Streamlit then drops it silently)."""
    if isinstance(default, bool):
        return raw.strip().lower() == str(default).lower()
    if isinstance(default, int | float):
        try:
            return float(raw) == float(default)
        except ValueError:
            return False
    return raw == fmt(default)


def allowed_text(spec: Knob, fmt=str) -> str:
    """What a learner may put in the link for this knob, in a few words."""
    if spec.options is not None:
        return ", ".join(fmt(o) for o in spec.options)
    if spec.lo is not None and spec.hi is not None:
        return f"{spec.lo:g} ~ {spec.hi:g}"
    return "true, false" if spec.widget == "toggle" else ""


def _draw(where, kind: str, label: str, default: Any, spec: Knob, fmt, kw: dict) -> Any:
    if kind == "toggle":
        return where.toggle(label, value=default, **kw)
    if kind in ("select", "radio", "select_slider"):
        options = list(spec.options)
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
    """Draw the widget of config field `cls.name`, with the default and range stated there.

    A link value for `key` that the widget cannot take is ignored with a note under it.
    """
    default, spec = knob_of(cls, name)
    where = container or st
    kw = keep(key, url=url) | {"help": spec.help} | overrides
    label = kw.pop("label", spec.label)
    fmt = (lambda v: spec.labels.get(v, str(v))) if spec.labels else str
    raw = st.query_params.get(key) if url else None
    value = _draw(where, _kind(default, spec), label, default, spec, fmt, kw)
    # Streamlit removes a bound parameter it could not use (and one equal to the default).
    if raw is not None and key not in st.query_params and not means_default(raw, default, fmt):
        st.session_state.setdefault(_INLINE_KEY, {})[key] = dropped_note(key, raw, allowed_text(spec, fmt))
    note = st.session_state.get(_INLINE_KEY, {}).get(key)
    if note:
        where.caption(note)
    return value


def start_url_check(page: str) -> dict[str, str]:
    """Before a page runs: the URL's parameters now, and last page's notes forgotten."""
    if st.session_state.get(_NOTES_PAGE_KEY) != page:
        st.session_state[_NOTES_PAGE_KEY] = page
        st.session_state[NOTES_KEY] = {}
        st.session_state[_INLINE_KEY] = {}
    return {k: st.query_params.get(k) for k in st.query_params}


def url_notes(before: dict[str, str]) -> dict[str, str]:
    """After the page ran: notes for link values that its widgets dropped, new and old.

    A bound widget's parameter that Streamlit removed, without its value being the widget's
    default (which Streamlit also leaves out), was one the widget could not take.
    """
    inline = st.session_state.get(_INLINE_KEY, {})
    notes = st.session_state.setdefault(NOTES_KEY, {})
    for key, raw in before.items():
        if key in st.query_params or key in inline or key not in st.session_state:
            continue
        if not means_default(raw, st.session_state[key]):
            notes[key] = dropped_note(key, raw)
    return notes


def shape_sliders(page: str, *, layers: bool = True) -> tuple[int, int, int, int, int]:
    """The shape sliders of the nn.RNN, nn.LSTM and nn.GRU sections, in one row:
    (batch, seq_len, input_size, hidden_size, num_layers), keys `<page>_batch`, `<page>_seq_len`,
    `<page>_input`, `<page>_hidden`, `<page>_layers` (1 and no slider without `layers`)."""
    cols = st.columns(5 if layers else 4)
    batch = cols[0].slider("batch", 1, 8, 2, **keep(f"{page}_batch"))
    seq_len = cols[1].slider("seq_len", 1, 50, 5, **keep(f"{page}_seq_len"))
    input_size = cols[2].slider("input_size", 1, 64, 10, **keep(f"{page}_input"))
    hidden = cols[3].slider("hidden_size", 1, 64, 20, **keep(f"{page}_hidden"))
    num_layers = cols[4].slider("num_layers", 1, 3, 1, **keep(f"{page}_layers")) if layers else 1
    return batch, seq_len, input_size, hidden, num_layers
