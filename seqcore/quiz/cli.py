"""The quiz's command line, for teachers and tests:

    python -m seqcore.quiz grade QID FIELD=ANSWER [FIELD=ANSWER ...]
    python -m seqcore.quiz fields
    python -m seqcore.quiz build [QID ...] [--check]

`grade` grades one question as the page does (fields not given stay empty) and prints one JSON
object: {"status": "correct" | "wrong" | "format" | "empty", "message", "reasons"}. For a field
with options, ANSWER is the option's text (any case: the reading is noted on stderr) or its number
as `fields` lists it (1, 2, ...); a multiselect field may be given several times; a checkbox takes
true/false; a slider a number inside its range. Exit status 0 for any answer; 2, still with a
JSON {"status": "error", ...} and a message, for an unknown question, a value no widget could
hold (num_layers=999, epochs=1e400, a checkbox set to "maybe") or usage.

`fields` lists every question of the folder with its fields. `build` runs each solution alone
(plain torch, where the app cannot be imported) and writes what it printed beside its question
file; with `--check` it writes nothing and exits 1 if a stored output differs.
`SEQCORE_QUIZ_DATA` names another folder of question files.
"""

from __future__ import annotations

import json
import math
import sys

from seqcore.quiz.questions import bank
from seqcore.quiz.records import Field

USAGE = (
    "usage: python -m seqcore.quiz grade QID FIELD=ANSWER [FIELD=ANSWER ...] | python -m seqcore.quiz fields"
    " | python -m seqcore.quiz build [QID ...] [--check]"
)


def _error(message: str, code: int = 2) -> tuple[int, dict]:
    return code, {"status": "error", "message": message, "reasons": []}


def fields_listing() -> dict:
    """Every question's fields: name, kind, label and options (numbered from 1)."""

    def one(f: Field) -> dict:
        item = {"name": f.name, "kind": f.kind, "label": f.label}
        if f.options:
            item["options"] = {str(i): o for i, o in enumerate(f.options, start=1)}
        if f.kind == "slider":
            item["range"] = [f.min, f.max, f.step]
        return item

    return {q.qid: {"title": q.title, "fields": [one(f) for f in q.fields]} for q in bank()}


class BadValue(ValueError):
    """A value no widget of the page could hold: the command refuses it (Korean message)."""


def _option(f: Field, text: str, notes: list[str]):
    """An option's value from its text (any case) or its 1-based number. Text that names no
    option stays as typed: the grader answers it as a format problem."""
    for o in f.options:
        if text == str(o):
            return o
    if text.isdigit() and 1 <= int(text) <= len(f.options):
        return f.options[int(text) - 1]
    for o in f.options:
        if text.strip().lower() == str(o).lower():
            notes.append(f"참고: {f.name}={text!r}를 보기 {o!r}로 읽었어요 (대소문자 무시).")
            return o
    return text


def _number(f: Field, text: str):
    """A slider's value: a finite number inside its range, else BadValue."""
    rule = f"{f.name}: {f.min:g}~{f.max:g} 사이의 수를 써요 (받은 값: {text[:20]!r})."
    try:
        v = float(text)
    except ValueError:
        raise BadValue(rule) from None
    if not math.isfinite(v) or not f.min <= v <= f.max:
        raise BadValue(rule)
    return int(v) if v.is_integer() else v


def _value(f: Field, text: str, notes: list[str]):
    if f.options:
        return _option(f, text, notes)
    if f.kind == "checkbox":
        flag = {"true": True, "false": False}.get(text.strip().lower())
        if flag is None:
            raise BadValue(f"{f.name}: true 또는 false로 써요 (받은 값: {text[:20]!r}).")
        return flag
    if f.kind == "slider":
        return _number(f, text)
    return text


def parse_pairs(q, pairs: list[str], notes: list[str] | None = None) -> tuple[dict, str]:
    """(answers, "") or ({}, an error) from FIELD=ANSWER words; `notes` collects how a value was read."""
    notes = [] if notes is None else notes
    answers: dict = {}
    names = [f.name for f in q.fields]
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or name not in names:
            return {}, f"unknown field {name[:40]!r} for {q.qid}; fields: {names}"
        f = q.field(name)
        try:
            value = _value(f, text, notes)
        except BadValue as e:
            return {}, str(e)
        if f.kind == "multiselect":
            answers.setdefault(name, []).append(value)
        else:
            answers[name] = value
    return answers, ""


def grade_command(args: list[str]) -> tuple[int, dict]:
    from seqcore.quiz.grading import check

    questions = bank()
    qid = args[0].lower()
    if qid not in questions:
        return _error(f"unknown question {args[0][:20]!r}; valid: {list(questions.ids)}")
    notes: list[str] = []
    answers, error = parse_pairs(questions[qid], args[1:], notes)
    if error:
        return _error(error)
    for note in notes:  # how a value was read: on stderr, so stdout stays one JSON object
        print(note, file=sys.stderr)
    return 0, check(qid, answers)[0].as_dict()


def build_command(args: list[str]) -> tuple[int, dict]:
    from seqcore.quiz import solutions

    questions, check_only = bank(), "--check" in args
    qids = [a.lower() for a in args if a != "--check"]
    unknown = [q for q in qids if q not in questions]
    if unknown:
        return _error(f"unknown question {unknown[0][:20]!r}; valid: {list(questions.ids)}")
    if check_only:
        drift = solutions.drifted(questions, qids or None)
        return (1 if drift else 0), {"status": "drift" if drift else "ok", "drifted": drift}
    done = solutions.build(questions, qids or None)
    return 0, {
        "status": "built",
        "written": [q for q, changed in done if changed],
        "unchanged": [q for q, c in done if not c],
    }


def run(argv: list[str]) -> tuple[int, dict]:
    if argv[:1] == ["fields"] and len(argv) == 1:
        return 0, fields_listing()
    if argv[:1] == ["build"]:
        return build_command(argv[1:])
    if len(argv) < 2 or argv[0] != "grade":
        return _error(USAGE)
    return grade_command(argv[1:])


def main(argv: list[str] | None = None) -> int:
    try:
        code, out = run(sys.argv[1:] if argv is None else argv)
    except Exception as e:  # noqa: BLE001 - the command never raises; it reports
        code, out = 1, {"status": "error", "message": f"internal error: {type(e).__name__}", "reasons": []}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return code
