"""The quiz's training questions together: Q9 (`sine_lstm`) and Q10 (`sentiment_rnn`).

`DEFAULT_RUNS` lists the runs a learner's first clicks ask for (the start-up prewarm computes
them, seqcore.ui.startup); `SOLUTIONS` names each training question's solution run.
"""

from __future__ import annotations

from dataclasses import replace

from seqcore.core.cache import CacheStore
from seqcore.quiz.sentiment_rnn import (
    SENTIMENT_SOLUTION,
    SENTIMENT_STORE,
    SentimentConfig,
    sentiment_output,
    train_sentiment,
)
from seqcore.quiz.sine_lstm import (
    SINE_SOLUTION,
    SINE_STORE,
    SineConfig,
    SineRequirements,
    sine_output,
    train_sine,
)

# The runs a learner's first clicks ask for, with the default seed: the start-up prewarm may
# compute them so that those clicks are cache hits. (store, trainer, config) each.
DEFAULT_RUNS: tuple[tuple[CacheStore, object, object], ...] = (
    (
        SINE_STORE,
        train_sine,
        SineConfig(**{f: getattr(SineRequirements(), f) for f in ("seq_length", "hidden_size", "epochs")}),
    ),
    (SINE_STORE, train_sine, SINE_SOLUTION),
    (SENTIMENT_STORE, train_sentiment, SentimentConfig()),
    (SENTIMENT_STORE, train_sentiment, SENTIMENT_SOLUTION),
)

# A training question's solution: (store, trainer, what its code prints), by the question's `config`.
SOLUTIONS = {
    "sine": (SINE_STORE, train_sine, sine_output),
    "sentiment": (SENTIMENT_STORE, train_sentiment, sentiment_output),
}


def solution_config(name: str, seed: int = 42):
    """The solution's config of training question `name` ("sine" | "sentiment") with the learner's seed."""
    return replace({"sine": SINE_SOLUTION, "sentiment": SENTIMENT_SOLUTION}[name], seed=seed)
