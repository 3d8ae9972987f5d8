"""The quiz's training runs that the start-up work computes (seqcore.ui.startup), read from the
question files: a learner's first clicks on a training question are then served from memory.

`DEFAULT_RUNS` holds, per training question of the folder, its answer key's run, the run of its
requirements with every other setting at its default, and the all-defaults run, each where it
would train (a config that misses a stated requirement is never trained: the page says what to
change instead).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seqcore.core.cache import CacheStore
from seqcore.core.config import DEFAULT_SEED
from seqcore.quiz.questions import bank
from seqcore.quiz.training import gaps, requirements, settings_of, task_of


def default_runs() -> tuple[tuple[CacheStore, Callable, Any], ...]:
    """(store, trainer, config) of every run a training question of the folder would train first."""
    runs = []
    for q in bank():
        if not q.trains:
            continue
        task, req = task_of(q.params.task), requirements(q.params)
        require, suggest = dict(q.params.require), dict(q.params.suggest)
        for answers in (require | suggest, require, {}):
            cfg, problems = settings_of(task.config, answers, DEFAULT_SEED)
            if not problems and not (task.precheck and gaps(task, cfg, req)):
                runs.append((task.store, task.train, cfg))
    return tuple(dict.fromkeys(runs))


DEFAULT_RUNS = default_runs()
