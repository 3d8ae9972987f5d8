"""What a learner sees of their session: the score, one badge per question, and the review of
every attempted question (their answer, the right one computed now, the rule in one line)."""

from __future__ import annotations

from typing import Any

from seqcore.quiz.grading import answer_lines
from seqcore.quiz.questions import bank
from seqcore.quiz.session import STATUS_BADGE, STATUS_LABEL


def score(entries: dict[str, dict]) -> tuple[int, int, int]:
    """(correct, attempted, total)."""
    statuses = [e["status"] for e in entries.values()]
    return sum(s == "correct" for s in statuses), sum(s != "not_attempted" for s in statuses), len(statuses)


def score_markdown(entries: dict[str, dict]) -> str:
    """One coloured badge per question (Streamlit markdown), then what the colours mean.

    Text, not a chart: the first thing the quiz page shows draws without plotly.js.
    """
    badges, questions = [], bank()
    for qid, e in entries.items():
        colour, mark = STATUS_BADGE[e["status"]]
        badges.append(f":{colour}-badge[Q{questions[qid].number} {mark}]")
    legend = " · ".join(f"{STATUS_BADGE[s][1]} {label}" for s, label in STATUS_LABEL.items())
    return " ".join(badges) + f"  \n:small[{legend}]"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "켬" if value else "끔"
    if isinstance(value, list):
        return " · ".join(str(v) for v in value)
    return str(value)


def review_items(entries: dict[str, dict]) -> list[dict]:
    """One item per attempted question, in order, for the review panel: its headline, the
    learner's answers (their text, as typed: the page shows it as plain text), the right answer
    computed now, and the rule in one line. Wrong ones first."""
    questions, items = bank(), []
    for qid, e in entries.items():
        if e["status"] == "not_attempted" or qid not in questions:
            continue
        q = questions[qid]
        labels = {f.name: f.label for f in q.fields}
        mine = [(labels[k], _shown(v)) for k, v in e["answers"].items() if k in labels]
        message = (e["feedback"] or {}).get("message", "")
        head = {"qid": qid, "number": q.number, "title": q.title, "status": e["status"], "message": message}
        items.append(head | {"answers": mine, "key": answer_lines(q), "why": q.why})
    return sorted(items, key=lambda it: it["status"] != "wrong")
