"""The stock page's upload: a learner's price file, read inside the memory budget, with what the
loader found (notes), what may make it read wrong (warnings: splits, gaps) and the learner's
choice for its jumps. Text from the file reaches markdown only through `plain`."""

from __future__ import annotations

import streamlit as st

from seqcore.stock import checks, recipe, texts
from seqcore.stock.limits import ACCEPTED_TYPES, MAX_DAYS, MAX_UPLOAD_MB
from seqcore.stock.upload import load_upload
from seqcore.ui.shell import stop
from seqcore.ui.widgets import keep

LOADED = "stock_loaded"  # session key: (file name, LoadResult) of the last upload


def _loaded_file(recipe_for: str):
    """(file name, LoadResult) of this upload or the last one; stops at an empty uploader."""
    st.markdown(texts.upload_help(ACCEPTED_TYPES, MAX_UPLOAD_MB, MAX_DAYS))
    upload = st.file_uploader("CSV 또는 엑셀 파일", type=list(ACCEPTED_TYPES), key="stock_upload")
    if upload is not None:
        st.session_state[LOADED] = (upload.name, load_upload(upload.getvalue(), upload.name))
    if LOADED not in st.session_state:
        st.session_state.setdefault(recipe_for, None)  # the form is set for no data: a file is new data
        st.info(texts.UPLOAD_IDLE)
        stop()
    if upload is None:
        st.caption(texts.previous_file(st.session_state[LOADED][0]))
    return st.session_state[LOADED]


def uploaded_series(recipe_for: str):
    """(series, the dates of the jumps repaired) of the learner's file; stops with a Korean
    message when it cannot be used. `recipe_for`: the page's session key of the data its form
    was set for (None here: any file is new data)."""
    name, loaded = _loaded_file(recipe_for)
    short = recipe.too_short(loaded.series) if not loaded.error else None
    if loaded.error or short:
        st.error(checks.plain(loaded.error or short))  # a file's column names: plain
        stop()
    st.success(texts.loaded_line(name, loaded))
    for note in loaded.notes:
        st.caption("ℹ️ " + checks.plain(note))
    for warning in loaded.warnings:  # a split or a gap: what would make the lesson read wrong
        st.warning(checks.plain(warning), icon="⚠️")
    if not loaded.jumps:
        return loaded.series, ()
    choice = st.radio(
        "급변 처리", list(checks.JUMP_CHOICES), format_func=checks.JUMP_CHOICES.get, **keep("stock_jump")
    )
    series, note = checks.apply_jump_choice(loaded.series, loaded.jumps, choice)
    if series is None:
        st.error(note)
        stop()
    st.caption("✂️ " + note)
    dates = loaded.series.dates
    cuts = [dates[j.index] if dates else j.index for j in loaded.jumps] if choice == "adjust" else ()
    return series, cuts
