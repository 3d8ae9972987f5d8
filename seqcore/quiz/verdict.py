"""A grade (what every grader returns, with the page's fixed headlines) and a kind of question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from seqcore.quiz.parsing import AnswerFormatError

FORMAT_MESSAGE = "입력 형식을 확인해 주세요. 이번 답은 채점하지 않았어요 (오답으로 세지 않아요)."
EMPTY_MESSAGE = "아직 답하지 않았어요. 답을 입력하거나 고른 뒤 채점해요."


@dataclass(frozen=True)
class Grade:
    status: str  # "correct" | "wrong" | "format" | "empty"
    message: str  # one-line headline (Korean)
    reasons: tuple[str, ...] = ()  # why: the rule with real numbers, or the likely misconception

    @property
    def counted(self) -> bool:
        return self.status in ("correct", "wrong")

    def as_dict(self) -> dict:
        return {"status": self.status, "message": self.message, "reasons": list(self.reasons)}


def pick_index(f, answer) -> int:
    """Index of a chosen option; a value that is not one of them is a format problem."""
    if answer not in f.options:
        raise AnswerFormatError(f"{f.label}: 보기 중 하나를 골라 주세요.")
    return f.options.index(answer)


@dataclass(frozen=True)
class Kind:
    """A kind of question (a question file's `kind`): how its answers are graded and its truth
    computed. Every question of a kind is graded by the same code, whatever its file."""

    # grade(q, answers) -> Grade; a training kind: grade(q, answers, train, seed) -> (Grade, result)
    grade: Callable[..., Any]
    key: Callable[[Any], dict]  # key(q) -> {field name: the right widget value}, computed now
    params: type | None = None  # the dataclass of the file's [params] (None: the kind takes none)
    trains: bool = False
    knobs: Callable[[Any], type] | None = None  # knobs(params) -> the config whose knobs are the fields
    restore: Callable[..., Grade] | None = (
        None  # restore(q, answers, status) -> the grade of a reopened attempt
    )
