"""Data hunger: accuracy against training-set size, a recurrent model vs a bag of words.

On the generated corpus (where order decides the label) and on the UCI reviews (where words
mostly do), each model is trained on 10 %, 25 %, 50 % and 100 % of the same training
sentences and scored on the same held-out part.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from seqcore.core.cache import CacheStore
from seqcore.sentiment import corpus, uci
from seqcore.sentiment.baselines import BaselineConfig, train_baseline
from seqcore.sentiment.reviews import ReviewConfig, train_reviews
from seqcore.sentiment.rnn import RNNConfig, accuracy, rnn_probabilities, train_rnn

HUNGER_STORE = CacheStore("sentiment_hunger", max_entries=2)
RECURRENT, BOW = "순환 모델", "단어 가방 (TF-IDF)"


@dataclass(frozen=True)
class HungerConfig:
    fractions: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0)
    seed: int = 42
    data_id: str = ""  # the UCI sentences' fingerprint (uci.fingerprint)


@dataclass
class HungerResult:
    fractions: tuple[float, ...]
    sizes: dict[str, list[int]]  # data set -> training sentences at each fraction
    accuracy: dict[str, dict[str, list[float]]]  # data set -> model -> accuracy per fraction
    n_test: dict[str, int]  # data set -> sentences in its test part (the noise of each accuracy)


def _subset(x: Sequence[str], y: Sequence[int], fraction: float, seed: int) -> tuple[list, list]:
    order = list(range(len(x)))
    random.Random(seed).shuffle(order)
    keep = order[: max(10, round(len(x) * fraction))]
    return [x[i] for i in keep], [y[i] for i in keep]


def _corpus_curve(config: HungerConfig, tick) -> tuple[list[int], dict[str, list[float]]]:
    data = corpus.generate()
    (x, y), (tx, ty) = corpus.Corpus.xy(data.train), corpus.Corpus.xy(data.held_out)
    sizes, acc = [], {RECURRENT: [], BOW: []}
    for f in config.fractions:
        sx, sy = _subset(x, y, f, config.seed)
        run = train_rnn(RNNConfig(seed=config.seed), sx, sy)
        acc[RECURRENT].append(accuracy(rnn_probabilities(run, tx), ty))
        acc[BOW].append(accuracy(train_baseline(BaselineConfig(), sx, sy).probabilities(tx), ty))
        sizes.append(len(sx))
        tick()
    return sizes, acc


def _uci_curve(config: HungerConfig, tick) -> tuple[list[int], dict[str, list[float]]]:
    data = uci.load_available()
    split = uci.make_split(data, "random", seed=0)
    x, y = [r.text for r in split.train], [r.label for r in split.train]
    tx, ty = [r.text for r in split.test], [r.label for r in split.test]
    sizes, acc = [], {RECURRENT: [], BOW: []}
    for f in config.fractions:
        sx, sy = _subset(x, y, f, config.seed)
        plain = ReviewConfig(bow=False, with_corpus=False, seed=config.seed)  # BiGRU, max+mean pooling
        acc[RECURRENT].append(accuracy(train_reviews(plain, sx, sy).probabilities(tx), ty))
        acc[BOW].append(accuracy(train_baseline(BaselineConfig(), sx, sy).probabilities(tx), ty))
        sizes.append(len(sx))
        tick()
    return sizes, acc


def train_hunger(config: HungerConfig, on_epoch=None) -> HungerResult:
    """Both curves; on_epoch(step, total, 0.0) after each training size."""
    total, done = 2 * len(config.fractions), [0]

    def tick():
        done[0] += 1
        if on_epoch is not None:
            on_epoch(done[0], total, 0.0)

    c_sizes, c_acc = _corpus_curve(config, tick)
    u_sizes, u_acc = _uci_curve(config, tick)
    n_test = {
        "corpus": len(corpus.generate().held_out),
        "uci": len(uci.make_split(uci.load_available(), "random").test),
    }
    return HungerResult(
        config.fractions, {"corpus": c_sizes, "uci": u_sizes}, {"corpus": c_acc, "uci": u_acc}, n_test
    )
