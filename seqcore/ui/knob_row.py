"""Several knobs of one config side by side: one column each, the config's defaults and ranges."""

from __future__ import annotations

from typing import Any

import streamlit as st

from seqcore.ui.widgets import knob_widget


def knob_row(cls: type, prefix: str, names: dict[str, str]) -> dict[str, Any]:
    """{field: value} for each `cls` field in `names`, drawn in one row of columns.

    `names` maps a field to its widget key's last part: the key is f"{prefix}_{name}".
    """
    cols = st.columns(len(names))
    return {
        field: knob_widget(cls, field, f"{prefix}_{name}", container=col)
        for (field, name), col in zip(names.items(), cols)
    }
