"""A learner's quiz session as plain data: what the page keeps, exports, restores and imports.

- `results_payload` is the JSON file the page offers for download; `import_results` reads it
  back (on another machine too) and rejects anything malformed or foreign without changing state.
- `encode_state` / `decode_state` give the compact, versioned text the page keeps in the URL
  (`?quiz=1.<base64>`), so a reload restores answers and attempts. Answers to option fields are
  stored as option indices; every restored value is checked against the question's fields.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from seqcore.quiz.grading import restored
from seqcore.quiz.questions import bank
from seqcore.quiz.records import DIFFICULTY, Question

STATE_VERSION = 1
FORMAT_NAME = "seqlab-quiz"  # marks our export files
STATUSES = ("not_attempted", "correct", "wrong")  # the order of the URL encoding: never reorder
STATUS_LABEL = {"correct": "정답", "wrong": "오답", "not_attempted": "미응답"}  # in the order shown
STATUS_BADGE = {"correct": ("green", "✓"), "wrong": ("red", "✗"), "not_attempted": ("gray", "○")}
MAX_IMPORT_BYTES = 200_000
MAX_URL_CHARS = 6_000


def new_entry() -> dict:
    return {
        "answers": {},
        "status": "not_attempted",
        "feedback": None,
        "hints": 0,
        "solution": False,
        "result": None,
    }


def new_entries() -> dict[str, dict]:
    """One empty entry per question of the folder, in its order."""
    return {qid: new_entry() for qid in bank().ids}


def new_state() -> dict:
    return {"entries": new_entries()}


def aligned(entries: dict[str, dict]) -> dict[str, dict]:
    """`entries` with one entry per question of the folder now, in its order (a question file
    added or removed while a session was open): the dict itself, updated in place."""
    ids = bank().ids
    if list(entries) != list(ids):
        kept = {qid: entries.get(qid) or new_entry() for qid in ids}
        entries.clear()
        entries.update(kept)
    return entries


def results_payload(entries: dict[str, dict]) -> dict:
    """The learner's results as plain JSON-able data (for the download button)."""
    statuses = [e["status"] for e in entries.values()]
    questions = bank()
    return {
        "format": FORMAT_NAME,
        "version": STATE_VERSION,
        "score": sum(s == "correct" for s in statuses),
        "attempted": sum(s != "not_attempted" for s in statuses),
        "total": len(entries),
        "questions": {
            qid: {
                "number": questions[qid].number,
                "title": questions[qid].title,
                "difficulty": DIFFICULTY[questions[qid].difficulty],
                "status": e["status"],
                "answers": e["answers"],
                "feedback": e["feedback"],
                "hints_used": e["hints"],
                "solution_viewed": e["solution"],
            }
            for qid, e in entries.items()
            if qid in questions
        },
    }


# ---------------------------------------------------------------- answers: checked against the fields


def _valid(f, value: Any) -> bool:
    if f.kind in ("radio", "select"):
        return value in f.options
    if f.kind == "multiselect":
        return isinstance(value, list) and all(v in f.options for v in value)
    if f.kind == "checkbox":
        return isinstance(value, bool)
    if f.kind == "slider":
        ok_type = isinstance(value, int | float) and not isinstance(value, bool)
        return ok_type and f.min <= value <= f.max
    return isinstance(value, str) and len(value) <= (f.max_chars or 2_000)


def clean_answers(q: Question, answers: Any) -> dict:
    """Only answers that the question's widgets could hold; anything else is dropped."""
    if not isinstance(answers, dict):
        return {}
    fields = {f.name: f for f in q.fields}
    return {
        k: v for k, v in answers.items() if k in fields and v not in (None, "", []) and _valid(fields[k], v)
    }


def _pack(q: Question, answers: dict) -> dict:
    """Option answers as indices: the URL stays short and independent of the option wording."""
    out = {}
    for f in q.fields:
        if f.name not in answers:
            continue
        v = answers[f.name]
        if f.kind in ("radio", "select"):
            v = f.options.index(v)
        elif f.kind == "multiselect":
            v = [f.options.index(x) for x in v]
        out[f.name] = v
    return out


def _unpack(q: Question, packed: dict) -> dict:
    out = {}
    for f in q.fields:
        v = packed.get(f.name)
        if f.kind in ("radio", "select") and isinstance(v, int) and 0 <= v < len(f.options):
            v = f.options[v]
        elif f.kind == "multiselect" and isinstance(v, list):
            v = [f.options[i] for i in v if isinstance(i, int) and 0 <= i < len(f.options)]
        out[f.name] = v
    return clean_answers(q, out)


# ---------------------------------------------------------------- the URL form


def encode_state(entries: dict[str, dict], *, free_text: bool = True) -> str:
    """'1.<urlsafe base64 of deflated JSON>'; only questions with something in them. When long
    free text (an essay) would push the URL past MAX_URL_CHARS, the URL leaves it out (the
    exported file keeps it). A quiz with nothing in it encodes as "" (no URL parameter)."""
    compact, questions = {}, bank()
    for qid, e in entries.items():
        if qid not in questions:
            continue
        q = questions[qid]
        long_text = {f.name for f in q.fields if f.kind == "textarea"}
        answers = {k: v for k, v in e["answers"].items() if free_text or k not in long_text}
        packed = _pack(q, clean_answers(q, answers))
        row = [STATUSES.index(e["status"]), e["hints"], int(e["solution"]), packed]
        if row != [0, 0, 0, {}]:
            compact[qid] = row
    if not compact:
        return ""
    raw = json.dumps(compact, ensure_ascii=False, separators=(",", ":")).encode()
    text = f"{STATE_VERSION}." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")
    return encode_state(entries, free_text=False) if free_text and len(text) > MAX_URL_CHARS else text


def _entry_from(q: Question, status: Any, hints: Any, solution: Any, answers: dict) -> dict:
    entry = new_entry()
    entry["status"] = status if status in STATUSES else "not_attempted"
    entry["hints"] = hints if isinstance(hints, int) and 0 <= hints <= len(q.hints) else 0
    entry["solution"] = solution is True
    entry["answers"] = answers
    return entry


def decode_state(text: Any) -> dict[str, dict] | None:
    """Entries from `encode_state`'s text; None for anything unreadable, foreign or from another version."""
    try:
        version, _, body = str(text).partition(".")
        if version != str(STATE_VERSION) or len(body) > MAX_URL_CHARS:
            return None
        raw = zlib.decompressobj().decompress(
            base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), 100_000
        )
        compact = json.loads(raw)
        questions, entries = bank(), new_entries()
        for qid, row in compact.items():
            if qid in entries and isinstance(row, list) and len(row) == 4 and isinstance(row[0], int):
                status = STATUSES[row[0]] if 0 <= row[0] < len(STATUSES) else None
                packed = row[3] if isinstance(row[3], dict) else {}
                q = questions[qid]
                entries[qid] = _entry_from(q, status, row[1], bool(row[2]), _unpack(q, packed))
        return entries
    except (ValueError, TypeError, KeyError, IndexError, zlib.error, binascii.Error, RecursionError):
        return None


# ---------------------------------------------------------------- the exported file


def import_results(data: bytes) -> tuple[dict[str, dict] | None, str]:
    """(entries, "") from an exported results file, or (None, a Korean reason) and nothing else."""
    if len(data) > MAX_IMPORT_BYTES:
        return (
            None,
            f"파일이 너무 커요 ({len(data):,}바이트). 이 페이지에서 내려받은 결과 파일을 골라 주세요.",
        )
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "JSON 파일이 아니에요. 이 페이지의 '결과 내려받기'로 받은 파일을 골라 주세요."
    if not isinstance(payload, dict) or not isinstance(payload.get("questions"), dict):
        return None, "퀴즈 결과 파일의 형식이 아니에요 ('questions' 항목이 없어요)."
    if payload.get("format", FORMAT_NAME) != FORMAT_NAME:
        return None, "다른 프로그램의 파일이에요. 이 퀴즈에서 내려받은 결과 파일을 골라 주세요."
    items, questions = payload["questions"], bank()
    unknown = [str(k)[:10] for k in items if k not in questions]
    if unknown or not items:
        return None, f"이 퀴즈에 없는 문제가 들어 있어요: {', '.join(unknown) or '(문제 없음)'}"
    entries = new_entries()
    for qid, item in items.items():
        if not isinstance(item, dict):
            return None, f"{qid}의 내용을 읽을 수 없어요."
        q = questions[qid]
        answers = clean_answers(q, item.get("answers"))
        entries[qid] = _entry_from(
            q, item.get("status"), item.get("hints_used"), item.get("solution_viewed"), answers
        )
    return entries, ""


def restored_feedback(q: Question, entry: dict) -> dict | None:
    """Feedback for an attempt restored from the URL or a file, computed again (never read from
    the link): graded again, or for a training question, what its settings say without training."""
    if entry["status"] == "not_attempted":
        return None
    return restored(q, entry["answers"], entry["status"]).as_dict()


def restore(entries: dict[str, dict]) -> dict[str, dict]:
    """Entries from a link or a file made whole: each attempt's feedback computed again. A
    question graded again takes the status of that grade (a link cannot claim a wrong answer
    right); a training question keeps its status (its grade needs the training)."""
    questions = bank()
    for qid, entry in entries.items():
        fb = restored_feedback(questions[qid], entry)
        entry["feedback"] = fb
        if fb and not questions[qid].trains:
            entry["status"] = fb["status"] if fb["status"] in ("correct", "wrong") else "not_attempted"
    return entries
