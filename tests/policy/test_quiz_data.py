"""The quiz is data: every question loads from its own TOML file, and every field's options are
exactly what its grader accepts."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from seqcore.core.config import knob_of
from seqcore.quiz import grading, questions, sentiment_rnn, sine_lstm
from seqcore.quiz.questions import BY_ID, CONFIGS, DATA_DIR, QUESTION_IDS

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "pages" / "quiz.py").read_text(encoding="utf-8")


def test_one_data_file_per_question_and_nothing_else():
    assert sorted(p.stem for p in DATA_DIR.glob("*.toml")) == sorted(QUESTION_IDS)
    assert DATA_DIR.parent == Path(questions.__file__).parent  # inside the package: ships with it


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_every_question_loads_from_its_file(qid):
    with (DATA_DIR / f"{qid}.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    q = BY_ID[qid]
    assert q.title == raw["title"] and q.number == int(qid[1:])
    assert q.hints and q.solution_code and q.prompt and q.fields
    text = " ".join([q.prompt, q.code, q.solution_code, *q.hints, *(f.label for f in q.fields)])
    assert "${" not in text  # every placeholder filled
    for f in q.fields:
        assert not f.correct or all(0 <= i < len(f.options) for i in f.correct)
        assert not f.notes or len(f.notes) == len(f.options)


def test_records_are_frozen_and_typed():
    for cls in (questions.Question, questions.Field):
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen


def test_question_text_lives_in_the_data_files_not_in_python():
    source = Path(questions.__file__).read_text(encoding="utf-8")
    assert "build_questions" not in source
    assert BY_ID["q1"].title not in source and BY_ID["q9"].hints[0] not in source


def test_the_page_does_not_branch_on_question_ids():
    assert not re.search(r"qid\s*==|qid\s+in\s*\(|\"q\d+\"", PAGE), "page behaviour belongs in the records"


@pytest.mark.parametrize("qid", [q for q in QUESTION_IDS if not BY_ID[q].trains])
def test_every_option_is_accepted_by_the_grader(qid):
    """Each option of each option field, with the other fields right, grades as correct or wrong
    (never a format problem); a value outside the options is a format problem."""
    q = BY_ID[qid]
    base = _right_answers(q)
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


@pytest.mark.parametrize("qid", [q for q in QUESTION_IDS if BY_ID[q].trains])
def test_training_fields_match_their_config_knobs(qid):
    """Q9/Q10: the widget's options/range are the config's knob, and the config builder accepts
    exactly those values (one source of truth for the option lists)."""
    q = BY_ID[qid]
    cls, _ = CONFIGS[q.config]
    build = {"sine": sine_lstm.sine_config, "sentiment": sentiment_rnn.sentiment_config}[q.config]
    for f in q.fields:
        default, spec = knob_of(cls, f.name)
        assert f.default == default and f.label == spec.label
        values = f.options or (f.min, f.max) if f.kind != "checkbox" else (True, False)
        assert f.options == (spec.options or ())
        for v in values:
            assert getattr(build({f.name: v}), f.name) == v, (f.name, v)
        if f.options:
            assert getattr(build({f.name: "nope"}), f.name) == default
        elif f.kind == "slider":
            assert getattr(build({f.name: f.max + 1}), f.name) == default


def _right_answers(q) -> dict:
    """Right answers built from the data (fixed answers) or from the truths (computed ones)."""
    from seqcore.quiz import truths

    fixed = {f.name: f.options[f.correct[0]] for f in q.fields if f.correct and f.kind != "multiselect"}
    fixed |= {f.name: [f.options[i] for i in f.correct] for f in q.fields if f.kind == "multiselect"}
    p = q.params
    if q.qid in ("q1", "q6"):
        return {n: str(s) for n, s in truths.rnn_shapes(p).items()}
    if q.qid == "q2":
        options = q.field("case0").options
        return {f"case{i}": options[0 if truths.hidden_case(p, c)[0] else 1] for i, c in enumerate(p.cases)}
    if q.qid == "q5":
        counts = truths.gate_counts(p.input_size, p.hidden_size)
        return fixed | {"lstm": str(counts["lstm"]), "gru": str(counts["gru"])}
    if q.qid == "q7":
        X, y = truths.windows(p)
        return {"X": str(X.shape), "y": str(y)}
    if q.qid == "q8":
        return {"out": str(truths.embedding_shape(p))}
    return fixed


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


@pytest.mark.parametrize("qid", QUESTION_IDS)
def test_markdown_in_hints_and_prompts_renders(qid):
    q = BY_ID[qid]
    for text in (q.prompt, q.model_answer, *q.hints, *(f"**힌트 1.** {h}" for h in q.hints)):
        assert not _unrenderable_bold(text), (qid, text)


def test_the_bold_check_finds_the_old_q2_hint():
    assert _unrenderable_bold("h_n은 **모든 층(과 방향)**의 마지막") == ["**모든 층(과 방향)**"]
    assert not _unrenderable_bold("outputs는 **마지막 층**의 모든")
