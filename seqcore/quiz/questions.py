"""The quiz is a folder of question files: one TOML file per question, read with the standard
library's `tomllib` into the records of `seqcore.quiz.records`.

A file holds everything about its question: the learner-facing text (title, prompt, code, hints,
`why`), its fields with their options, its grader (`kind`, a key of `seqcore.quiz.kinds.KINDS`)
with the parameters the truth is computed from (`[params]`), and its plain-torch solution. What
the solution prints lives beside it in `<name>.output.txt`, written by running it
(`python -m seqcore.quiz build`). Text may use `${name}` placeholders filled from the parameters.

The list, the numbering and the count come from the folder: files are ordered by the number in
their names (q1, q2, ..., q10, q11) and numbered from 1 in that order; the file's name without
`.toml` is the question's id in links and exported files. `SEQCORE_QUIZ_DATA` names another
folder (a teacher's own questions, or a test's copy).
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from string import Template

from seqcore.core.cache import CacheStore, bounded
from seqcore.core.config import knob_of
from seqcore.quiz.kinds import kind_of
from seqcore.quiz.params import params_from_table, template_context
from seqcore.quiz.records import FIELD_KINDS, Field, Question

DATA_DIR = Path(__file__).parent / "data"
DATA_ENV = "SEQCORE_QUIZ_DATA"
OUTPUT_SUFFIX = ".output.txt"
log = logging.getLogger(__name__)
# Defaults for typed-answer boxes, by the parser that reads them. Their examples answer nothing.
PARSE_DEFAULTS = {
    "shape": {
        "placeholder": "예: (2, 3, 4)",
        "max_chars": 60,
        "help": "숫자를 쉼표, 띄어쓰기나 x로 구분해요. 예: (2, 3, 4), 2 3 4, 2x3x4, torch.Size([2, 3, 4])",
    },
    "count": {
        "placeholder": "예: 1234",
        "max_chars": 30,
        "help": "정수로 입력해요. 1,234처럼 세 자리마다 쉼표를 써도 돼요.",
    },
    "number": {
        "placeholder": "예: 3.5",
        "max_chars": 30,
        "help": "숫자 하나를 입력해요. 예: 3.5, 0.25, 1e-3",
    },
    "numbers": {
        "placeholder": "예: 1, 2, 3",
        "max_chars": 400,
        "help": "숫자를 쉼표나 띄어쓰기로 구분해요. numpy 출력 [1 2 3]도 괜찮아요.",
    },
}


def _fill(text: str, context: dict) -> str:
    return Template(text).substitute(context)


def _knob_field(cls: type, raw: dict) -> dict:
    """A training question's field drawn from its config's knob: one source for range and options."""
    default, spec = knob_of(cls, raw["name"])
    kind = "checkbox" if isinstance(default, bool) else "select" if spec.options is not None else "slider"
    drawn = {"kind": kind, "label": spec.label, "options": spec.options or (), "default": default}
    return drawn | {"min": spec.lo, "max": spec.hi, "step": spec.step, "help": spec.help or ""} | raw


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
    raw["misreads"] = tuple(
        (_fill(m["answer"], context), _fill(m["note"], context)) for m in raw.get("misreads", ())
    )
    f = Field(**raw)
    if f.kind not in FIELD_KINDS:
        raise ValueError(f"field {f.name}: unknown kind {f.kind!r}")
    return f


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
            out.append(_field(base | {"name": f"{base['name']}{i}"}, context | asdict(item), config))
    return tuple(out)


def build_question(table: dict, qid: str, number: int, params=None, output: str | None = None) -> Question:
    """The record of one question file's table; `params` (typed) replaces the file's [params]."""
    table = dict(table)
    kind_name = table.pop("kind", "")
    kind = kind_of(kind_name)
    raw_params = table.pop("params", {})
    params = params_from_table(kind.params, raw_params, qid) if params is None else params
    context = template_context(params)
    config = kind.knobs(params) if kind.knobs else None
    fields = _fields(table.pop("fields", []), params, context, config)
    for key in ("prompt", "code", "solution_code", "why"):
        table[key] = _fill(table.get(key, ""), context).strip("\n")
    table["hints"] = tuple(_fill(h, context) for h in table.get("hints", ()))
    table["keywords"] = tuple(tuple(k) for k in table.get("keywords", ()))
    table["messages"] = tuple(table.get("messages", {}).items())
    return Question(
        qid=qid,
        number=number,
        kind=kind_name,
        fields=fields,
        params=params,
        trains=kind.trains,
        output=output,
        **table,
    )


def _order(path: Path) -> tuple:
    m = re.fullmatch(r"[A-Za-z_]*(\d+)", path.stem)
    return (0, int(m.group(1)), path.stem) if m else (1, 0, path.stem)


def question_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"), key=_order)


def output_path(path: Path) -> Path:
    """Where the build keeps what a question file's solution printed: q1.toml -> q1.output.txt."""
    return path.with_name(path.stem + OUTPUT_SUFFIX)


@dataclass(frozen=True, eq=False)
class Bank:
    """The questions of one folder, in order."""

    folder: Path
    questions: tuple[Question, ...]
    tables: dict = field(default_factory=dict)  # qid -> the file's raw table (to re-read with other params)
    errors: tuple[tuple[str, str], ...] = ()  # (file name, why it was left out)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.qid for q in self.questions)

    def __iter__(self):
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def __contains__(self, qid) -> bool:
        return qid in self.tables

    def __getitem__(self, qid: str) -> Question:
        for q in self.questions:
            if q.qid == qid:
                return q
        raise KeyError(qid)

    def with_params(self, qid: str, params) -> Question:
        """Question `qid` written from other parameters (its text and truth follow them)."""
        q = self[qid]
        return build_question(self.tables[qid], qid, q.number, params, q.output)


def _read(path: Path) -> tuple[dict, str | None]:
    with path.open("rb") as fh:
        table = tomllib.load(fh)
    out = output_path(path)
    return table, out.read_text(encoding="utf-8") if out.is_file() else None


BANKS = CacheStore("quiz_banks", max_entries=4)  # one parsed folder per (path, file stats)
LISTINGS = CacheStore("quiz_listings", max_entries=8, max_mb=0)  # path -> (when listed, file stats)
CHECK_EVERY_S = 1.0  # a teacher's edit to a question file shows within a second


def _load(folder: Path) -> Bank:
    questions, tables, errors = [], {}, []
    for path in question_files(folder):
        try:
            table, output = _read(path)
            q = build_question(table, path.stem, len(questions) + 1, output=output)
        except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError) as e:
            log.warning("quiz: %s left out: %s", path.name, e)
            errors.append((path.name, f"{type(e).__name__}: {e}"))
            continue
        questions.append(q)
        tables[q.qid] = table
    return Bank(folder, tuple(questions), tables, tuple(errors))


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def bank(folder: Path | str | None = None, *, fresh: bool = False) -> Bank:
    """The questions of `folder` (default: `SEQCORE_QUIZ_DATA` or the package's data folder).
    Read again when a file in it is added, removed or changed, seen within CHECK_EVERY_S
    (at once with `fresh`)."""
    folder = Path(folder) if folder is not None else data_dir()
    where = os.path.abspath(folder)
    key = (where, _listing(folder, where, fresh))  # plain strings and numbers: no content walk
    return bounded(BANKS).get_or_compute(key, lambda: _load(folder.resolve()))[0]


def _listing(folder: Path, where: str, fresh: bool) -> tuple:
    """The folder's file stats, listed again when the last listing is CHECK_EVERY_S old.

    A quiz page run asks for the bank about seven times, in every session. Each stat is a
    system call that hands the interpreter to another thread, and with a class's thirty
    scripts running, getting it back can take milliseconds: listing the folder on every call
    (23 files) made the quiz the slowest page to open for a class arriving together.
    """
    listings, now = bounded(LISTINGS), time.monotonic()
    seen = listings.get(where)
    if fresh or seen is None or now - seen[0] >= CHECK_EVERY_S:
        seen = (now, _fingerprint(folder))
        listings.put(where, seen)
    return seen[1]


def _fingerprint(folder: Path) -> tuple:
    """(name, mtime, size) of the .toml files and their .output.txt, by name."""
    stats = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if fnmatch.fnmatchcase(entry.name, "*.t*"):
                st = entry.stat()
                stats.append((entry.name, st.st_mtime_ns, st.st_size))
    return tuple(sorted(stats))
