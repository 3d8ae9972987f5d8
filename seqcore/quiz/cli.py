"""The quiz's command line, for teachers and tests:

    python -m seqcore.quiz grade QID FIELD=ANSWER [FIELD=ANSWER ...]
    python -m seqcore.quiz fields

`grade` grades one question as the page does (fields not given stay empty) and prints one JSON
object: {"status": "correct" | "wrong" | "format" | "empty", "message", "reasons"}. For a field
with options, ANSWER is the option's text or its number as `fields` lists it (1, 2, ...); a
multiselect field may be given several times; a checkbox takes true/false. Exit status 0 for
any answer; 2, still with a JSON {"status": "error", ...}, for an unknown question or usage.
"""

from __future__ import annotations

import json
import sys

from seqcore.quiz.questions import BY_ID, QUESTIONS, Field

USAGE = (
    "usage: python -m seqcore.quiz grade QID FIELD=ANSWER [FIELD=ANSWER ...] | python -m seqcore.quiz fields"
)


def fields_listing() -> dict:
    """Every question's fields: name, kind, label and options (numbered from 1)."""

    def one(f: Field) -> dict:
        item = {"name": f.name, "kind": f.kind, "label": f.label}
        if f.options:
            item["options"] = {str(i): o for i, o in enumerate(f.options, start=1)}
        if f.kind == "slider":
            item["range"] = [f.min, f.max, f.step]
        return item

    return {q.qid: {"title": q.title, "fields": [one(f) for f in q.fields]} for q in QUESTIONS}


def _option(f: Field, text: str):
    """An option's value from its text or its 1-based number; unmatched text stays as typed."""
    for o in f.options:
        if text == str(o):
            return o
    if text.isdigit() and 1 <= int(text) <= len(f.options):
        return f.options[int(text) - 1]
    return text


def _value(f: Field, text: str):
    if f.options:
        return _option(f, text)
    if f.kind == "checkbox":
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    if f.kind == "slider":
        try:
            return int(text) if text.strip().lstrip("-").isdigit() else float(text)
        except ValueError:
            return text
    return text


def parse_pairs(qid: str, pairs: list[str]) -> tuple[dict, str]:
    """(answers, "") or ({}, an error) from FIELD=ANSWER words."""
    q = BY_ID[qid]
    answers: dict = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or name not in {f.name for f in q.fields}:
            return {}, f"unknown field {name[:40]!r} for {qid}; fields: {[f.name for f in q.fields]}"
        f = q.field(name)
        if f.kind == "multiselect":
            answers.setdefault(name, []).append(_value(f, text))
        else:
            answers[name] = _value(f, text)
    return answers, ""


def run(argv: list[str]) -> tuple[int, dict]:
    from seqcore.quiz.grading import check

    if argv[:1] == ["fields"] and len(argv) == 1:
        return 0, fields_listing()
    if len(argv) < 2 or argv[0] != "grade":
        return 2, {"status": "error", "message": USAGE, "reasons": []}
    qid = argv[1].lower()
    if qid not in BY_ID:
        return 2, {
            "status": "error",
            "message": f"unknown question {argv[1][:20]!r}; valid: {list(BY_ID)}",
            "reasons": [],
        }
    answers, error = parse_pairs(qid, argv[2:])
    if error:
        return 2, {"status": "error", "message": error, "reasons": []}
    return 0, check(qid, answers)[0].as_dict()


def main(argv: list[str] | None = None) -> int:
    try:
        code, out = run(sys.argv[1:] if argv is None else argv)
    except Exception as e:  # noqa: BLE001 - the command never raises; it reports
        code, out = 1, {"status": "error", "message": f"internal error: {type(e).__name__}", "reasons": []}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return code
