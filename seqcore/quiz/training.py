"""The tasks a "training" question trains, by name: `sine` (`sine_lstm`) and `sentiment`
(`sentiment_rnn`). A question file names its task and its requirements in `[params]`; the
task says how to build, train and check it.

The runs a learner's first clicks ask for are read from the question files by
`seqcore.quiz.startup_runs`, which the start-up work computes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from seqcore.core.cache import CacheStore
from seqcore.core.config import knob_of, knobs
from seqcore.quiz import sentiment_rnn as sentiment
from seqcore.quiz import sine_lstm as sine
from seqcore.quiz.requirements import Requirement


@dataclass(frozen=True)
class TrainingTask:
    config: type  # the learner's settings: a frozen dataclass whose knobs are the question's fields
    requirements: type  # what [params.require] holds
    store: CacheStore  # where the page keeps this task's runs
    train: Callable  # train(config, on_epoch=None) -> result
    check: Callable[[Any, Any], list[Requirement]]  # check(result, requirements), read from the model
    summary: Callable[[Any], dict]  # plain data of a result for the page's state
    untrained: Callable[[Any, Any], list[Requirement]]  # the checks a config answers without training
    precheck: bool = False  # settings that miss a requirement are not trained: say what to change


TASKS: dict[str, TrainingTask] = {
    "sine": TrainingTask(
        sine.SineConfig,
        sine.SineRequirements,
        sine.SINE_STORE,
        sine.train_sine,
        sine.check_sine,
        sine.sine_summary,
        sine.settings_checks,
        precheck=True,
    ),
    "sentiment": TrainingTask(
        sentiment.SentimentConfig,
        sentiment.SentimentRequirements,
        sentiment.SENTIMENT_STORE,
        sentiment.train_sentiment,
        sentiment.check_sentiment,
        sentiment.sentiment_summary,
        lambda cfg, req: sentiment.structure_checks(sentiment.structure(cfg), req),
    ),
}


def task_of(name: str) -> TrainingTask:
    if name not in TASKS:
        raise ValueError(f"unknown training task {name!r}; valid: {sorted(TASKS)}")
    return TASKS[name]


def requirements(params) -> Any:
    """The typed requirements of a training question (its [params.require])."""
    return task_of(params.task).requirements(**dict(params.require))


def settings_of(cls: type, answers: dict, seed: int) -> tuple[Any, list[str]]:
    """(config, problems): each answer must be a value its knob allows; an unanswered field takes
    its default. A value no widget gives (a string for a number, 999 for 1~3, inf) is never
    replaced by the default in silence: it is named in `problems` (Korean)."""
    values, problems = {}, []
    for name, spec in knobs(cls).items():
        v, default = answers.get(name), knob_of(cls, name)[0]
        if v is None:
            continue
        if isinstance(v, float) and v.is_integer() and type(default) is int:
            v = int(v)  # 64.0 from JSON is the option 64
        if type(v) is type(default) and spec.allows(v):
            values[name] = v
        else:
            problems.append(f"{spec.label}: {_allowed_text(spec)} 중에서 골라요.")
    return cls(**values, seed=seed), problems


def _allowed_text(spec) -> str:
    if spec.options is not None:
        return ", ".join(str(o) for o in spec.options)
    if spec.widget == "toggle":
        return "켬(true), 끔(false)"
    return f"{spec.lo:g}~{spec.hi:g} 사이의 값"


# One setting that misses its requirement, as the learner reads it (tests format it the same way).
GAP = "{label}: 지금 {now} → 요구사항은 {need}이에요."


def gaps(task: TrainingTask, cfg, req) -> list[str]:
    """What to change before training, when the chosen settings miss a stated requirement."""
    out = []
    for f in dataclasses.fields(req):
        if f.name in knobs(task.config) and getattr(cfg, f.name) != getattr(req, f.name):
            label = knob_of(task.config, f.name)[1].label
            out.append(GAP.format(label=label, now=getattr(cfg, f.name), need=getattr(req, f.name)))
    return out
