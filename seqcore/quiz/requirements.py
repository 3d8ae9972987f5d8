"""A requirement of a training question, read from the trained (or built) model."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    label: str  # Korean, shown with ✅/❌
    ok: bool
    got: str  # what the trained model actually has
    note: str = ""  # the likely misconception, shown when the requirement fails
