"""Rendering of live checks (shape rules, allclose results)."""

from __future__ import annotations

import streamlit as st


def shape_checks(report, title: str | None = "방금 계산한 비교") -> None:
    """The shape rules and the live output/state checks of a seqcore.basics.shapes.ShapeReport."""
    st.markdown("\n".join(f"- `{name}`: {rule}" for name, rule in report.rules.items()))
    if title:
        st.markdown(f"**{title}**")
    for check in report.checks:
        icon = "✅" if check.value else "❌"
        st.markdown(f"{icon} `{check.expr}` → **{check.value}**  \n{check.note}")
