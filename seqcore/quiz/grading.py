"""Grading any question: its file's `kind` picks the grader (seqcore.quiz.kinds), which compares
the learner's answers with the truth torch computes from the question's parameters, or with the
options its file marks `correct`.

`check` never raises on an answer: a malformed one becomes status "format" (a hint, never counted
as wrong), no answer at all becomes "empty".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from seqcore.quiz.kind_training import direct_train
from seqcore.quiz.kinds import kind_of
from seqcore.quiz.parsing import AnswerFormatError
from seqcore.quiz.questions import Bank, bank
from seqcore.quiz.records import Question
from seqcore.quiz.verdict import EMPTY_MESSAGE, FORMAT_MESSAGE, Grade

log = logging.getLogger(__name__)
UNREADABLE = "답을 읽지 못했어요. 입력 칸의 안내대로 다시 입력해 주세요."


def _answered(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def question(qid: str, params=None, questions: Bank | None = None) -> Question:
    """Question `qid` of the folder (KeyError if it has none), written from `params` if given."""
    questions = questions or bank()
    return questions[qid] if params is None else questions.with_params(qid, params)


def check(
    qid: str,
    answers: dict,
    params=None,
    *,
    train: Callable = direct_train,
    seed: int = 42,
    questions: Bank | None = None,
) -> tuple[Grade, dict | None]:
    """Grade one question as the page does: (grade, training summary or None). Never raises on an
    answer; an unknown qid is a KeyError. Answers for fields the question lacks are ignored."""
    q = question(qid, params, questions)
    answers = {f.name: answers.get(f.name) for f in q.fields if f.name in answers}
    if not any(_answered(v) for v in answers.values()):
        return Grade("empty", EMPTY_MESSAGE), None
    kind = kind_of(q.kind)
    try:
        if kind.trains:
            return kind.grade(q, answers, train, seed)
        return kind.grade(q, answers), None
    except AnswerFormatError as e:
        return Grade("format", FORMAT_MESSAGE, (str(e),)), None
    except (TypeError, ValueError, OverflowError, KeyError, IndexError) as e:  # a value no widget gives
        log.warning("quiz %s: unreadable answer (%s)", qid, type(e).__name__)
        return Grade("format", FORMAT_MESSAGE, (UNREADABLE,)), None


def grade(qid: str, answers: dict, params=None) -> Grade:
    """The grade alone (a training question trains without a cache)."""
    return check(qid, answers, params)[0]


def answer_key(q: Question) -> dict:
    """{field name: the right widget value}, computed now by the question's kind."""
    return kind_of(q.kind).key(q)


def _show(value) -> str:
    if isinstance(value, bool):
        return "켬" if value else "끔"
    if isinstance(value, list | tuple):
        return " · ".join(str(v) for v in value)
    return str(value)


def answer_lines(q: Question) -> list[tuple[str, str]]:
    """(field label, the right answer as text) for every graded field, computed now."""
    key = answer_key(q)
    labels = {f.name: f.label for f in q.fields}
    return [(labels.get(name, name), _show(value)) for name, value in key.items()]


def restored(q: Question, answers: dict, status: str) -> Grade:
    """The grade of an attempt restored from a link or a file: graded again (graders are
    deterministic), or, for a training question, what its settings say without training."""
    kind = kind_of(q.kind)
    if kind.restore is not None:
        return kind.restore(q, answers, status)
    return check(q.qid, answers)[0]
