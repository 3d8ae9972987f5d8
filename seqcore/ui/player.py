"""A play/pause button and a slider over 0..last that redraw one panel: `play(key, last, draw)`.

The panel lives in a fragment, so moving the slider or playing reruns only the panel. While
playing, the fragment reruns every `seconds` and moves one step; at the end it stops. The slider
is bound to the URL (`key`), as every input is; the button's state is not.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from seqcore.ui.widgets import keep


def _toggle(key: str, last: int) -> None:
    playing = not st.session_state.get(f"{key}_playing", False)
    st.session_state[f"{key}_playing"] = playing
    if playing and st.session_state.get(key, last) >= last:
        st.session_state[key] = 0  # play from the start when at the end
    st.session_state[f"{key}_clicked"] = True


def _advance(key: str, last: int) -> None:
    """Before the slider: keep the value in range, and step once per tick while playing."""
    clicked = st.session_state.pop(f"{key}_clicked", False)
    carried = st.session_state.pop(f"{key}_carry", None)
    if carried is not None:  # the app rerun that starts or stops the timer keeps the value chosen here
        st.session_state[key], clicked = carried, True
    raw = str(st.query_params.get(key, ""))
    if key not in st.session_state:  # a link's value (a bad one is ignored), else the end
        st.session_state[key] = int(raw) if raw.isdigit() and int(raw) <= last else last
    playing = st.session_state.get(f"{key}_playing", False)
    value = int(st.session_state[key]) + (1 if playing and not clicked else 0)
    st.session_state[key] = max(0, min(value, last))
    if st.session_state[key] >= last:
        st.session_state[f"{key}_playing"] = False


def play(key: str, last: int, draw: Callable[[int], None], *, label: str, seconds: float = 1.0) -> None:
    """▶️/⏸ and a slider `label` over 0..last (it starts at `last`); `draw(value)` fills the panel."""
    playing = bool(st.session_state.get(f"{key}_playing"))

    @st.fragment(run_every=seconds if playing else None)
    def panel() -> None:
        _advance(key, last)
        now = bool(st.session_state.get(f"{key}_playing"))
        st.button("⏸ 멈춤" if now else "▶️ 재생", key=f"{key}_play", on_click=_toggle, args=(key, last))
        value = st.slider(label, 0, max(last, 1), disabled=last < 1, **keep(key))
        draw(min(int(value), last))
        if now != playing:
            st.session_state[f"{key}_carry"] = st.session_state[key]
            st.rerun(scope="app")  # start or stop the timer

    panel()
