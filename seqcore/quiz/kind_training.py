"""The kind `training`: the learner's settings are trained (through `train`, which the page backs
with its cache), then every requirement is read from the trained model.

The question's `[params]` name the task (`seqcore.quiz.training.TASKS`), the requirements
(`[params.require]`) and settings that pass with them (`[params.suggest]`); its fields are the
task config's knobs.
"""

from __future__ import annotations

from collections.abc import Callable

from seqcore.quiz import training
from seqcore.quiz.params import TrainingParams
from seqcore.quiz.records import Question
from seqcore.quiz.requirements import Requirement
from seqcore.quiz.verdict import FORMAT_MESSAGE, Grade, Kind

GAPS_MESSAGE = "요구사항과 다른 설정이 있어요. 아래처럼 바꾼 뒤 다시 눌러 주세요 (오답으로 세지 않아요)."
RESTORED_NOTE = "그래프를 다시 보려면 '학습하고 채점하기'를 눌러요. 같은 설정은 저장된 결과를 바로 보여 줘요."


def requirement_lines(reqs: list[Requirement]) -> tuple[str, ...]:
    """One line per requirement: ✅/❌, what the model has, and the likely misconception if it fails."""
    out = []
    for r in reqs:
        line = f"{'✅' if r.ok else '❌'} {r.label} (실제: {r.got})"
        out.append(line + (f" → {r.note}" if not r.ok and r.note else ""))
    return tuple(out)


def grade_requirements(q: Question, reqs: list[Requirement]) -> Grade:
    """Every requirement read from the trained model must hold."""
    if all(r.ok for r in reqs):
        head = q.message("correct", "정답이에요! 모든 요구사항을 학습된 모델에서 확인했어요.")
        return Grade("correct", head, requirement_lines(reqs))
    head = q.message("wrong", "요구사항 중 일부가 맞지 않아요. ❌ 표시를 확인해 보세요.")
    return Grade("wrong", head, requirement_lines(reqs))


def direct_train(store, fn, config):
    """Train without any cache (the command line); the page passes ui.train_cached instead."""
    return fn(config)


def grade_training(q: Question, answers: dict, train: Callable, seed: int) -> tuple[Grade, dict | None]:
    task, req = training.task_of(q.params.task), training.requirements(q.params)
    cfg, problems = training.settings_of(task.config, answers, seed)
    if problems:  # a value no widget gives: said, never replaced by a default in silence
        return Grade("format", FORMAT_MESSAGE, tuple(problems)), None
    gaps = training.gaps(task, cfg, req) if task.precheck else []
    if gaps:  # not a wrong attempt: say what to change, train nothing
        return Grade("format", GAPS_MESSAGE, tuple(gaps)), None
    res = train(task.store, task.train, cfg)
    return grade_requirements(q, task.check(res, req)), task.summary(res)


def key_training(q: Question) -> dict:
    return dict(q.params.require) | dict(q.params.suggest)


def restore_training(q: Question, answers: dict, status: str) -> Grade:
    """A reopened attempt (from a link or a file) without training again: what the settings
    themselves say about the requirements, and how to see the charts again."""
    task, req = training.task_of(q.params.task), training.requirements(q.params)
    cfg, _ = training.settings_of(task.config, answers, 0)
    word = "정답" if status == "correct" else "오답"
    reasons = requirement_lines(task.untrained(cfg, req)) + (RESTORED_NOTE,)
    return Grade(status, f"이전에 채점한 결과예요: {word}.", reasons)


KINDS = {
    "training": Kind(
        grade_training,
        key_training,
        TrainingParams,
        trains=True,
        knobs=lambda p: training.task_of(p.task).config,
        restore=restore_training,
    ),
}
