"""Graders for the quiz: read the learner's answers and compare them with the truth that torch
computes from each question's parameters (`seqcore.quiz.truths`), or, for the questions with a
fixed answer, with the options marked `correct` in the question's data file.

`check` grades any question and never raises on an answer: a malformed one becomes status
"format" (a hint, never counted as wrong), no answer at all becomes "empty".
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from seqcore.quiz import training as qt
from seqcore.quiz import truths
from seqcore.quiz.kind_choices import grade_counts, grade_gates, grade_hidden, grade_sequence_kind
from seqcore.quiz.kind_shapes import grade_embedding, grade_rnn_shapes, grade_windows
from seqcore.quiz.kind_training import direct_train, grade_sentiment, grade_sine
from seqcore.quiz.parsing import AnswerFormatError
from seqcore.quiz.questions import BY_ID, Question, load_question
from seqcore.quiz.verdict import EMPTY_MESSAGE, FORMAT_MESSAGE, Grade

log = logging.getLogger(__name__)


GRADERS: dict[str, Callable[[Question, dict], Grade]] = {
    "q1": grade_rnn_shapes,
    "q2": grade_hidden,
    "q3": grade_sequence_kind,
    "q4": grade_gates,
    "q5": grade_counts,
    "q6": grade_rnn_shapes,
    "q7": grade_windows,
    "q8": grade_embedding,
}
TRAINERS = {"sine": grade_sine, "sentiment": grade_sentiment}


def _answered(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def check(
    qid: str, answers: dict, params=None, *, train: Callable = direct_train, seed: int = 42
) -> tuple[Grade, dict | None]:
    """Grade one question as the page does: (grade, training summary or None). Never raises on an
    answer; an unknown qid is a KeyError. Answers for fields the question lacks are ignored."""
    q = BY_ID[qid] if params is None else load_question(qid, params)
    answers = {f.name: answers.get(f.name) for f in q.fields if f.name in answers}
    if not any(_answered(v) for v in answers.values()):
        return Grade("empty", EMPTY_MESSAGE), None
    try:
        if q.trains:
            return TRAINERS[q.config](q, answers, train, seed)
        return GRADERS[qid](q, answers), None
    except AnswerFormatError as e:
        return Grade("format", FORMAT_MESSAGE, (str(e),)), None
    except (TypeError, ValueError, OverflowError, KeyError, IndexError) as e:  # a value no widget gives
        log.warning("quiz %s: unreadable answer (%s)", qid, type(e).__name__)
        return Grade(
            "format", FORMAT_MESSAGE, ("답을 읽지 못했어요. 입력 칸의 안내대로 다시 입력해 주세요.",)
        ), None


def grade(qid: str, answers: dict, params=None) -> Grade:
    """The grade alone (q1-q10; q9/q10 train without a cache)."""
    return check(qid, answers, params)[0]


@functools.lru_cache(maxsize=32)
def solution_output(qid: str, params=None) -> str:
    """What the solution of q1-q8 prints, computed now."""
    return truths.solution_output(qid, BY_ID[qid].params if params is None else params)


def solution(qid: str, *, train: Callable = direct_train, seed: int = 42) -> str:
    """What a question's solution code prints; a training question trains its solution (through
    `train`, so the page's cache serves it)."""
    q = BY_ID[qid]
    if not q.trains:
        return solution_output(qid)
    store, fn, show = qt.SOLUTIONS[q.config]
    return show(train(store, fn, qt.solution_config(q.config, seed)))
