"""The typed records a question file is read into (`seqcore.quiz.questions` reads them).

A question is one TOML file in the data folder; these records are what the page draws, the
graders read and the command line lists. Nothing here knows any particular question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DIFFICULTY = {1: "쉬움", 2: "보통", 3: "어려움"}
FIELD_KINDS = ("text", "textarea", "radio", "select", "multiselect", "slider", "checkbox")


@dataclass(frozen=True)
class Field:
    """One input of a question; the page draws it, the grader reads answers[name]."""

    name: str
    kind: str  # one of FIELD_KINDS
    label: str
    options: tuple[Any, ...] = ()
    default: Any = None
    min: float | None = None  # sliders only
    max: float | None = None
    step: float | None = None
    placeholder: str = ""
    help: str = ""
    max_chars: int | None = None  # text boxes
    parse: str = ""  # "shape" | "count" | "number" | "numbers": the parser that reads a typed answer
    correct: tuple[int, ...] = ()  # indices of the right options (questions with a fixed answer)
    notes: tuple[str, ...] = ()  # per option: what choosing it means ("" = no note)
    truth: str = ""  # "code" questions: a Python expression, evaluated after the question's code ran
    misreads: tuple[tuple[str, str], ...] = ()  # "code" questions: (a wrong answer, its misconception)
    tolerance: float = 1e-3  # "code" questions, parse = "number": the relative error still counted right


@dataclass(frozen=True)
class Question:
    qid: str  # the file's name without .toml (q1, ...): the key of answers in links and files
    number: int  # its place in the folder, from 1 (files are ordered by the number in their names)
    title: str
    difficulty: int  # key of DIFFICULTY
    kind: str  # the grader, a key of seqcore.quiz.kinds.KINDS
    prompt: str  # Korean, markdown
    code: str  # the lesson's code for this question ("" when none)
    fields: tuple[Field, ...]
    hints: tuple[str, ...]  # from gentle to nearly the answer; markdown
    solution_code: str  # plain torch; runs as shown after `import numpy as np, torch, torch.nn as nn`
    why: str = ""  # the rule behind the answer in one line (the review shows it after an attempt)
    params: Any = None  # typed parameters (seqcore.quiz.params), None when the kind has none
    trains: bool = False  # a config is trained, then checked (the kind says so)
    messages: tuple[tuple[str, str], ...] = ()  # ("correct" | "wrong", headline) overriding the kind's
    preview: str = ""  # shown under the fields before checking: "" | "model_print"
    after_attempt: str = ""  # shown once attempted: "" | "order_chart" | "essay_compare"
    results: str = ""  # charts of a training result: "" | "sine" | "sentiment"
    model_answer: str = ""  # markdown, shown after an attempt
    keywords: tuple[tuple[str, ...], ...] = ()  # per field: words a good free answer uses
    output: str | None = None  # what solution_code printed when run (the build writes it); None: not built

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.qid} has no field {name!r}")

    def message(self, status: str, default: str) -> str:
        """The headline for `status` ("correct" | "wrong"): the file's own, else `default`."""
        return dict(self.messages).get(status, default)
