"""Every kind of question by name: a question file's `kind` picks its grader here.

A kind grades any question written for it, whatever the file; adding a question of an existing
kind is adding a file. A new kind is a `Kind` in one of the kind modules, listed below.
"""

from __future__ import annotations

from seqcore.quiz import kind_choices, kind_code, kind_shapes, kind_training
from seqcore.quiz.verdict import Kind

KINDS: dict[str, Kind] = kind_shapes.KINDS | kind_choices.KINDS | kind_code.KINDS | kind_training.KINDS


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise ValueError(f"unknown kind of question {name!r}; valid: {sorted(KINDS)}")
    return KINDS[name]
