"""The Korean part's live demo: a small version of the shipped model's recipe, trained in the app's
queue on a few thousand reviews in well under a minute, so a learner sees the recipe run.

Same tokenizer, same kind of model (bidirectional GRU, max+mean pooling, the bag path when the
recipe has one), same rule-made negations; smaller in every size: 3,000 training reviews instead
of all of them, a GRU of 32 instead of the recipe's, 2 epochs. It is scored on the first 2,000
test reviews, so its accuracy sits beside the shipped model's on the same kind of reviews.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from seqcore.core.cache import CacheStore
from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_build import DEFAULT, Shipped
from seqcore.sentiment.ko_model import KoConfig

KO_DEMO_STORE = CacheStore("sentiment_ko_demo", max_entries=3)
VAL_ROWS, TEST_ROWS = 1000, 2000


@dataclass(frozen=True)
class KoDemoConfig:
    """The small run: training reviews, GRU size, epochs, seed."""

    n_train: int = 3000
    hidden_size: int = 32
    embed_dim: int = 32
    epochs: int = 2
    seed: int = 0

    def recipe(self) -> KoConfig:
        """The shipped recipe (ko_build.DEFAULT), made small."""
        return replace(
            DEFAULT,
            train_limit=self.n_train,
            hidden_size=self.hidden_size,
            embed_dim=self.embed_dim,
            epochs=self.epochs,
            templates=min(DEFAULT.templates, self.n_train // 10),
            bow_buckets=2**16,
            seed=self.seed,
        )

    def estimate_mb(self) -> float:
        """Peak memory: the reviews (the file is cached), a tiny model and its batches."""
        return 200.0


@dataclass
class KoDemo:
    model: Shipped  # what ko_read.read takes: the small model, its tokenizer and vocabulary
    test_acc: float
    test_n: int
    n_train: int
    seconds: float
    train_loss: list[float]


def train_demo(config: KoDemoConfig, on_epoch=None) -> KoDemo:
    """Train the small model on the first n_train training reviews of the shipped NSMC file."""
    from seqcore.data import nsmc
    from seqcore.sentiment.ko_train import split_parts, train_korean

    t0 = time.perf_counter()
    parts = split_parts(nsmc.load())
    cfg = config.recipe()
    val = (parts.val[0][:VAL_ROWS], parts.val[1][:VAL_ROWS])
    run = train_korean(cfg, parts.train, val, on_epoch=on_epoch)
    x, y = parts.test[0][:TEST_ROWS], parts.test[1][:TEST_ROWS]
    acc = ko_eval.accuracy(run.probabilities(x), y)
    small = Shipped(run.model.eval(), run.tokenizer, run.vocab, cfg, {})
    return KoDemo(small, acc, len(y), run.n_train, time.perf_counter() - t0, run.history.train_loss)
