"""The lesson's quiz as data: one TOML file per question (`seqcore/quiz/data/q1.toml` ...), read
with the standard library's `tomllib` into the typed records below.

A file holds the learner-facing text (title, prompt, code, hints, solution, static feedback),
the question's fields with their options, its `[params]` (the inputs of the truth) and the
page behaviour it needs (`check`, `preview`, `after_attempt`, `results`). Text may use
`${name}` placeholders filled from the parameters, so changing a parameter changes the text.
The expected answers of computed questions are NOT stored: `seqcore.quiz.grading` computes
them with torch from the parameters.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob_of
from seqcore.quiz.params import params_from_table, template_context
from seqcore.quiz.training import SENTIMENT_SOLUTION, SINE_SOLUTION, SentimentConfig, SineConfig

DATA_DIR = Path(__file__).parent / "data"
QUESTION_IDS = tuple(f"q{i}" for i in range(1, 11))
DIFFICULTY = {1: "쉬움", 2: "보통", 3: "어려움"}
FIELD_KINDS = ("text", "textarea", "radio", "select", "multiselect", "slider", "checkbox")
# The training questions' configs and the solutions their text may quote as ${solution_<field>}.
CONFIGS: dict[str, tuple[type, Any]] = {
    "sine": (SineConfig, SINE_SOLUTION),
    "sentiment": (SentimentConfig, SENTIMENT_SOLUTION),
}
# Defaults for typed-answer boxes, by the parser that reads them.
PARSE_DEFAULTS = {
    "shape": {"placeholder": "예: (2, 3, 4)", "max_chars": 60,
              "help": "숫자를 쉼표나 띄어쓰기로 구분해요. 예: (16, 20, 100), 16 20 100, torch.Size([16, 20, 100])"},
    "count": {"placeholder": "예: 1234", "max_chars": 30, "help": "정수로 입력해요. 1,234처럼 쉼표도 괜찮아요."},
    "numbers": {"placeholder": "예: 1, 2, 3", "max_chars": 400,
                "help": "숫자를 쉼표나 띄어쓰기로 구분해요. numpy 출력 [1 2 3]도 괜찮아요."},
}  # fmt: skip


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
    parse: str = ""  # "shape" | "count" | "numbers": the parser that reads a typed answer
    correct: tuple[int, ...] = ()  # indices of the right options (questions with a fixed answer)
    notes: tuple[str, ...] = ()  # per option: what choosing it means ("" = no note)


@dataclass(frozen=True)
class Question:
    qid: str  # "q1" ... "q10"
    number: int
    title: str
    difficulty: int  # key of DIFFICULTY
    prompt: str  # Korean, markdown
    code: str  # the lesson's code for this question ("" when none)
    fields: tuple[Field, ...]
    hints: tuple[str, ...]  # from gentle to nearly the answer; markdown
    solution_code: str
    params: Any = None  # typed parameters (seqcore.quiz.params), None when the question has none
    check: str = "grade"  # "grade": graded at once; "train": a config is trained, then checked
    config: str = ""  # key of CONFIGS for training questions
    preview: str = ""  # shown under the fields before checking: "" | "model_print"
    after_attempt: str = ""  # shown once attempted: "" | "order_chart" | "essay_compare"
    results: str = ""  # charts of a training result: "" | "sine" | "sentiment"
    model_answer: str = ""  # markdown, shown after an attempt (Q4)
    keywords: tuple[tuple[str, ...], ...] = ()  # per field: words a good free answer uses (Q4)

    @property
    def trains(self) -> bool:
        return self.check == "train"

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.qid} has no field {name!r}")


def _fill(text: str, context: dict) -> str:
    return Template(text).substitute(context)


def _knob_field(cls: type, raw: dict) -> dict:
    """A training question's field drawn from its config's knob: one source for range and options."""
    default, spec = knob_of(cls, raw["name"])
    if isinstance(default, bool):
        kind = "checkbox"
    elif spec.options is not None:
        kind = "select"
    else:
        kind = "slider"
    return {"kind": kind, "label": spec.label, "options": spec.options or (), "default": default,
            "min": spec.lo, "max": spec.hi, "step": spec.step, "help": spec.help or ""} | raw  # fmt: skip


def _field(raw: dict, context: dict, config: type | None) -> Field:
    raw = dict(raw)
    if config is not None and "kind" not in raw:
        raw = _knob_field(config, raw)
    raw = PARSE_DEFAULTS.get(raw.get("parse", ""), {}) | raw
    for key in ("label", "help", "placeholder"):
        if key in raw:
            raw[key] = _fill(raw[key], context)
    for key in ("options", "correct", "notes"):
        if key in raw:
            raw[key] = tuple(raw[key])
    field = Field(**raw)
    if field.kind not in FIELD_KINDS:
        raise ValueError(f"field {field.name}: unknown kind {field.kind!r}")
    return field


def _fields(raws: list[dict], params, context: dict, config: type | None) -> tuple[Field, ...]:
    """The fields; one with `each = "cases"` is repeated per parameter case (name0, name1 ...)."""
    out = []
    for raw in raws:
        each = raw.get("each")
        if not each:
            out.append(_field(raw, context, config))
            continue
        base = {k: v for k, v in raw.items() if k != "each"}
        for i, item in enumerate(getattr(params, each)):
            item_context = context | dataclasses.asdict(item)
            out.append(_field(base | {"name": f"{base['name']}{i}"}, item_context, config))
    return tuple(out)


def _context(params, config: str) -> dict:
    context = template_context(params)
    if config:
        _, solution = CONFIGS[config]
        context |= {f"solution_{f.name}": getattr(solution, f.name) for f in dataclasses.fields(solution)}
    return context


@memo(CacheStore("quiz_tables", max_entries=64))
def read_table(qid: str) -> dict:
    """The raw TOML table of one question (read once per process)."""
    with (DATA_DIR / f"{qid}.toml").open("rb") as fh:
        return tomllib.load(fh)


def default_params(qid: str):
    return params_from_table(qid, read_table(qid).get("params", {}))


def load_question(qid: str, params=None) -> Question:
    """Question `qid` from its data file; `params` (typed) replaces the file's [params]."""
    table = dict(read_table(qid))
    params = default_params(qid) if params is None else params
    table.pop("params", None)
    config = table.get("config", "")
    context = _context(params, config)
    fields = _fields(table.pop("fields", []), params, context, CONFIGS[config][0] if config else None)
    for key in ("prompt", "code", "solution_code"):
        table[key] = _fill(table.get(key, ""), context)
    table["hints"] = tuple(_fill(h, context) for h in table.get("hints", ()))
    table["keywords"] = tuple(tuple(k) for k in table.get("keywords", ()))
    return Question(qid=qid, fields=fields, params=params, **table)


def load_questions(overrides: dict | None = None) -> tuple[Question, ...]:
    """All ten questions; `overrides` maps a qid to parameters replacing its file's."""
    overrides = overrides or {}
    return tuple(load_question(qid, overrides.get(qid)) for qid in QUESTION_IDS)


QUESTIONS = load_questions()
BY_ID = {q.qid: q for q in QUESTIONS}
