"""The quiz is data: every question is one file of the folder, and no code knows a question by
its id. Every field's options are exactly what its grader accepts."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from seqcore.core.config import knob_of
from seqcore.quiz import grading, questions, records, training
from seqcore.quiz.kinds import KINDS
from seqcore.quiz.questions import DATA_DIR, bank

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "pages" / "quiz.py").read_text(encoding="utf-8")
BANK = bank(DATA_DIR)
IDS = BANK.ids
QUIZ_CODE = sorted((ROOT / "seqcore" / "quiz").glob("*.py")) + [
    ROOT / "pages" / "quiz.py",
    ROOT / "seqcore" / "ui" / "quiz_panels.py",
    ROOT / "seqcore" / "figures" / "quiz.py",
]


def test_one_data_file_per_question_and_nothing_else():
    tomls = sorted(p.stem for p in DATA_DIR.glob("*.toml"))
    assert sorted(IDS) == tomls and not BANK.errors
    outputs = sorted(p.name for p in DATA_DIR.iterdir() if not p.name.endswith(".toml"))
    assert outputs == sorted(f"{qid}.output.txt" for qid in IDS)  # what the build writes, nothing else
    assert DATA_DIR.parent == Path(questions.__file__).parent  # inside the package: ships with it


def test_numbering_follows_the_folder():
    assert [q.number for q in BANK] == list(range(1, len(BANK) + 1))
    assert [int(re.sub(r"\D", "", qid)) for qid in IDS] == sorted(int(re.sub(r"\D", "", q)) for q in IDS)


@pytest.mark.parametrize("qid", IDS)
def test_every_question_loads_from_its_file(qid):
    with (DATA_DIR / f"{qid}.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    q = BANK[qid]
    assert q.title == raw["title"] and q.kind == raw["kind"] in KINDS
    assert "number" not in raw  # the folder numbers the questions
    assert q.hints and q.solution_code and q.prompt and q.fields and q.why
    text = " ".join([q.prompt, q.code, q.solution_code, q.why, *q.hints, *(f.label for f in q.fields)])
    assert "${" not in text  # every placeholder filled
    for f in q.fields:
        assert not f.correct or all(0 <= i < len(f.options) for i in f.correct)
        assert not f.notes or len(f.notes) == len(f.options)


def test_no_code_knows_a_question_by_its_id():
    """Graders are found by kind, the list and the count come from the folder: no table keyed by
    question id, no fixed count, no "Q1~Q10" in the quiz's code."""
    for path in QUIZ_CODE:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"']q\d+[\"']", source), path  # "q5" as a key or a lookup
        assert not re.search(
            r"range\(1, 1[01]\)|Q1~Q\d|\bGRADERS\b|\bSOLUTION_OUTPUT\b|\bPARAM_TYPES\b", source
        ), path
        assert "# fmt: skip" not in source, path


def test_no_quiz_module_is_over_300_lines():
    long = {p.name: n for p in QUIZ_CODE if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long


def test_records_are_frozen_and_typed():
    for cls in (records.Question, records.Field):
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen


def test_question_text_lives_in_the_data_files_not_in_python():
    source = Path(questions.__file__).read_text(encoding="utf-8")
    assert BANK["q1"].title not in source and BANK["q9"].hints[0] not in source


def test_the_page_does_not_branch_on_question_ids():
    assert not re.search(r"qid\s*==|qid\s+in\s*\(|\"q\d+\"", PAGE), "page behaviour belongs in the records"


@pytest.mark.parametrize("qid", [q.qid for q in BANK if not q.trains])
def test_every_option_is_accepted_by_the_grader(qid):
    """Each option of each option field, with the other fields right, grades as correct or wrong
    (never a format problem); a value outside the options is a format problem."""
    q = BANK[qid]
    base = grading.answer_key(q)
    assert grading.grade(qid, base).status == "correct"
    for f in q.fields:
        if not f.options:
            continue
        for option in f.options:
            value = [option] if f.kind == "multiselect" else option
            assert grading.grade(qid, {**base, f.name: value}).status in ("correct", "wrong"), (
                f.name,
                option,
            )
        if f.kind != "multiselect":
            assert grading.grade(qid, {**base, f.name: "(없는 보기)"}).status == "format"


@pytest.mark.parametrize("qid", [q.qid for q in BANK if q.trains])
def test_training_fields_match_their_config_knobs(qid):
    """The widget's options/range are the config's knob, and the settings builder accepts exactly
    those values (one source of truth for the option lists)."""
    q = BANK[qid]
    cls = training.task_of(q.params.task).config
    for f in q.fields:
        default, spec = knob_of(cls, f.name)
        assert f.default == default and f.label == spec.label
        assert f.options == (spec.options or ())
        values = (True, False) if f.kind == "checkbox" else f.options or (f.min, f.max)
        for v in values:
            cfg, problems = training.settings_of(cls, {f.name: v}, 42)
            assert not problems and getattr(cfg, f.name) == v, (f.name, v)
        bad = "nope" if f.options else f.max + 1 if f.kind == "slider" else None
        if bad is not None:
            assert training.settings_of(cls, {f.name: bad}, 42)[1]


def _unrenderable_bold(text: str) -> list[str]:
    """`**...**` pairs that CommonMark will NOT render as bold: the closing run must be
    right-flanking (not preceded by punctuation unless followed by space/punctuation/end), the
    opening one left-flanking. Korean text glued to `)**의` is the usual trap."""
    punct = r"""!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~"""
    bad = []
    for m in re.finditer(r"\*\*(.+?)\*\*", text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        inner = m.group(1)
        opens = not inner[0].isspace() and (
            inner[0] not in punct or not before or before.isspace() or before in punct
        )
        closes = not inner[-1].isspace() and (
            inner[-1] not in punct or not after or after.isspace() or after in punct
        )
        if not (opens and closes):
            bad.append(m.group(0))
    return bad


@pytest.mark.parametrize("qid", IDS)
def test_markdown_in_hints_and_prompts_renders(qid):
    q = BANK[qid]
    for text in (q.prompt, q.model_answer, *q.hints, *(f"**힌트 1.** {h}" for h in q.hints)):
        assert not _unrenderable_bold(text), (qid, text)


def test_the_bold_check_finds_the_old_q2_hint():
    assert _unrenderable_bold("h_n은 **모든 층(과 방향)**의 마지막") == ["**모든 층(과 방향)**"]
    assert not _unrenderable_bold("outputs는 **마지막 층**의 모든")
