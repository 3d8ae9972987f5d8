"""Rendering of live checks (shape rules, allclose results)."""

from __future__ import annotations

import streamlit as st


def check_line(check) -> str:
    """One check as markdown. A check meant to be False that is False is shown as expected (✅)."""
    expected = getattr(check, "expected", None)
    if expected is None:
        icon, note = ("✅" if check.value else "❌"), ""
    elif check.value == expected:
        icon, note = "✅", f" (예상대로 {expected})"
    else:
        icon, note = "⚠️", f" (예상은 {expected})"
    return f"{icon} `{check.expr}` → **{check.value}**{note}  \n{check.note}"


def shape_checks(report, title: str | None = "방금 계산한 비교") -> None:
    """The shape rules and the live output/state checks of a seqcore.basics.shapes.ShapeReport."""
    st.markdown("\n".join(f"- `{name}`: {rule}" for name, rule in report.rules.items()))
    if title:
        st.markdown(f"**{title}**")
    for check in report.checks:
        st.markdown(check_line(check))
