"""The kind `code`: the question's own code is run, and each field's `truth` expression, read in
what the code left behind, is the answer. A new question of this kind is a data file only.

The code runs with `torch`, `nn`, `F` (torch.nn.functional) and `np` imported, under
`torch.no_grad()`; it is the app's own shipped text, never a learner's. A random draw in it
names a generator (`torch.Generator().manual_seed(0)`), as everywhere in the app.

A field says how its answer is read (`parse`: "shape", "count" or "number"), and may list
`misreads`: a wrong answer (text with ${params}) and the misconception behind it.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from seqcore.core.cache import CacheStore, memo
from seqcore.quiz.params import ValueParams
from seqcore.quiz.parsing import fmt_shape, parse_count, parse_number, parse_shape
from seqcore.quiz.records import Field, Question
from seqcore.quiz.verdict import Grade, Kind

PARSERS = {"shape": parse_shape, "count": parse_count, "number": parse_number}


def _plain_value(v):
    if isinstance(v, torch.Size | tuple | list):
        return tuple(int(d) for d in v)
    if isinstance(v, torch.Tensor):
        return float(v.item())
    return v


@memo(CacheStore("quiz_code_runs", max_entries=32))
def run_code(code: str, exprs: tuple[str, ...]) -> tuple:
    """Run `code` once and evaluate each expression in what it left behind (cached per text)."""
    names = {"torch": torch, "nn": nn, "F": F, "np": np}
    with torch.no_grad():
        exec(compile(code, "<question code>", "exec"), names)  # the app's own data file
        return tuple(_plain_value(eval(e, names)) for e in exprs)


def truths(q: Question) -> dict:
    fields = [f for f in q.fields if f.truth]
    return dict(zip([f.name for f in fields], run_code(q.code, tuple(f.truth for f in fields))))


def _same(f: Field, got, truth) -> bool:
    if f.parse == "number":
        return math.isclose(float(got), float(truth), rel_tol=f.tolerance, abs_tol=1e-12)
    return got == truth


def _show(f: Field, value) -> str:
    if f.parse == "shape":
        return fmt_shape(value)
    if f.parse == "count":
        return f"{int(value):,}"
    return f"{float(value):.4g}"


def _wrong_note(f: Field, got) -> str:
    for answer, note in f.misreads:
        if _same(f, PARSERS[f.parse](answer, f.label), got):
            return f"{f.label}: {note}"
    return f"{f.label}: {_show(f, got)}는 아니에요. 코드를 한 줄씩 따라가며 다시 계산해 보세요."


def grade_code(q: Question, answers: dict) -> Grade:
    truth = truths(q)
    got = {n: PARSERS[q.field(n).parse](answers.get(n), q.field(n).label) for n in truth}
    wrong = [n for n in truth if not _same(q.field(n), got[n], truth[n])]
    if not wrong:
        reasons = tuple(f"{q.field(n).label}: {_show(q.field(n), truth[n])}" for n in truth)
        return Grade(
            "correct", q.message("correct", "정답이에요! 코드를 실제로 실행한 결과와 같아요."), reasons
        )
    notes = [_wrong_note(q.field(n), got[n]) for n in wrong]
    notes += [f"{q.field(n).label}: 맞았어요." for n in truth if n not in wrong]
    return Grade("wrong", q.message("wrong", "코드를 실행한 결과와 다른 답이 있어요."), tuple(notes))


def key_code(q: Question) -> dict:
    return {n: _show(q.field(n), v) for n, v in truths(q).items()}


KINDS = {"code": Kind(grade_code, key_code, ValueParams)}
