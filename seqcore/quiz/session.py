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

from seqcore.quiz.grading import check
from seqcore.quiz.questions import BY_ID, DIFFICULTY, QUESTION_IDS, Question

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


def new_state() -> dict:
    return {"entries": {qid: new_entry() for qid in QUESTION_IDS}, "current": QUESTION_IDS[0]}


def results_payload(entries: dict[str, dict]) -> dict:
    """The learner's results as plain JSON-able data (for the download button)."""
    statuses = [e["status"] for e in entries.values()]
    return {
        "format": FORMAT_NAME,
        "version": STATE_VERSION,
        "score": sum(s == "correct" for s in statuses),
        "attempted": sum(s != "not_attempted" for s in statuses),
        "total": len(entries),
        "questions": {
            qid: {
                "number": BY_ID[qid].number,
                "title": BY_ID[qid].title,
                "difficulty": DIFFICULTY[BY_ID[qid].difficulty],
                "status": e["status"],
                "answers": e["answers"],
                "feedback": e["feedback"],
                "hints_used": e["hints"],
                "solution_viewed": e["solution"],
            }
            for qid, e in entries.items()
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
    free text (Q4's essay) would push the URL past MAX_URL_CHARS, the URL leaves it out (the
    exported file keeps it). A quiz with nothing in it encodes as "" (no URL parameter)."""
    compact = {}
    for qid, e in entries.items():
        q = BY_ID[qid]
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


def _entry_from(qid: str, status: Any, hints: Any, solution: Any, answers: dict) -> dict:
    q = BY_ID[qid]
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
        entries = {qid: new_entry() for qid in QUESTION_IDS}
        for qid, row in compact.items():
            if qid in entries and isinstance(row, list) and len(row) == 4 and isinstance(row[0], int):
                status = STATUSES[row[0]] if 0 <= row[0] < len(STATUSES) else None
                packed = row[3] if isinstance(row[3], dict) else {}
                entries[qid] = _entry_from(qid, status, row[1], bool(row[2]), _unpack(BY_ID[qid], packed))
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
    questions = payload["questions"]
    unknown = [str(k)[:10] for k in questions if k not in BY_ID]
    if unknown or not questions:
        return None, f"이 퀴즈에 없는 문제가 들어 있어요: {', '.join(unknown) or '(문제 없음)'}"
    entries = {qid: new_entry() for qid in QUESTION_IDS}
    for qid, item in questions.items():
        if not isinstance(item, dict):
            return None, f"{qid}의 내용을 읽을 수 없어요."
        answers = clean_answers(BY_ID[qid], item.get("answers"))
        entries[qid] = _entry_from(
            qid, item.get("status"), item.get("hints_used"), item.get("solution_viewed"), answers
        )
    return entries, ""


def restored_feedback(q: Question, entry: dict) -> dict | None:
    """Feedback for an attempt restored from the URL or a file: regraded for q1-q8 (graders are
    deterministic); for a training question, a note that says how to see its charts again."""
    if entry["status"] == "not_attempted":
        return None
    if not q.trains:
        grade, _ = check(q.qid, entry["answers"])
        return grade.as_dict()
    word = "정답" if entry["status"] == "correct" else "오답"
    return {"status": entry["status"], "message": f"이전에 채점한 결과예요: {word}.",
            "reasons": ["그래프를 다시 보려면 '학습하고 채점하기'를 눌러요. 같은 설정은 저장된 결과를 바로 보여 줘요."]}  # fmt: skip


def score(entries: dict[str, dict]) -> tuple[int, int, int]:
    """(correct, attempted, total)."""
    statuses = [e["status"] for e in entries.values()]
    return sum(s == "correct" for s in statuses), sum(s != "not_attempted" for s in statuses), len(statuses)


def score_markdown(entries: dict[str, dict]) -> str:
    """One coloured badge per question (Streamlit markdown), then what the colours mean.

    Text, not a chart: the first thing the quiz page shows draws without plotly.js.
    """
    badges = []
    for qid, e in entries.items():
        colour, mark = STATUS_BADGE[e["status"]]
        badges.append(f":{colour}-badge[Q{BY_ID[qid].number} {mark}]")
    legend = " · ".join(f"{STATUS_BADGE[s][1]} {label}" for s, label in STATUS_LABEL.items())
    return " ".join(badges) + f"  \n:small[{legend}]"


def review_markdown(entries: dict[str, dict]) -> str:
    """The wrong answers' feedback, for the review panel ("" when nothing is wrong). The texts
    are the graders' own (answers to option fields only echo our options), never a typed answer."""
    lines = []
    for qid, e in entries.items():
        if e["status"] == "wrong":
            fb = e["feedback"] or {}
            lines.append(f"**Q{BY_ID[qid].number}. {BY_ID[qid].title}**: {fb.get('message', '')}")
            lines += [f"- {r}" for r in fb.get("reasons", [])]
    return "\n".join(lines)
