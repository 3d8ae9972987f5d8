"""Measuring the Korean models honestly: accuracy with its 95% interval, the character n-gram
baseline, the tokenizer comparison and the reliability of the probabilities."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from seqcore.core.cache import CacheStore
from seqcore.core.korean import josa
from seqcore.core.noise import (
    Z95,
    interval95,  # noqa: F401  (re-exported)
    paired_se,
    unpaired_interval,
)
from seqcore.sentiment.ko_model import KoConfig
from seqcore.sentiment.ko_tokens import normalize
from seqcore.sentiment.rnn import accuracy

Data = tuple[list[str], list[int]]


def gap_noise(a: float, b: float, n: int, spread: float = 0.0) -> float:
    """The noise of a gap between accuracies a and b on the same n examples: the 95% interval of
    their difference (two independent intervals, a conservative bound for paired scores) or the
    seed spread, whichever is larger."""
    return max(unpaired_interval(a, b, n), spread)


def paired_gap_noise(a_right: Sequence[bool], b_right: Sequence[bool]) -> float:
    """The 95% interval of the gap between two models read on the same examples, from their
    per-example difference (1, 0 or -1): narrower than `gap_noise`, which ignores that both
    models find the same reviews easy. nan for fewer than two examples or unequal lengths."""
    n = len(a_right)
    if n < 2 or len(b_right) != n:
        return float("nan")
    _, se = paired_se([int(x) - int(y) for x, y in zip(a_right, b_right, strict=True)])
    return Z95 * se


def gap_is_real(a: float, b: float, n: int, spread: float = 0.0) -> bool:
    """Whether accuracies a and b on the same n examples differ by more than `gap_noise`."""
    return abs(a - b) > gap_noise(a, b, n, spread)


def gap_verdict(name_a: str, a: float, name_b: str, b: float, n: int) -> str:
    """The gap between two accuracies on the same n sentences, a winner only beyond the 95%
    interval of the gap: "차이 X%p는 잡음(...) 안이라 ..." or "... {winner}이/가 나았어요."."""
    gap, noise = abs(a - b) * 100, gap_noise(a, b, n) * 100
    if not gap_is_real(a, b, n):
        return f"차이 {gap:.1f}%p는 잡음(95% 구간 ±{noise:.1f}%p) 안이라 누가 낫다고 할 수 없어요."
    better = name_a if a > b else name_b
    return f"차이 {gap:.1f}%p가 잡음(±{noise:.1f}%p)보다 커서 {better}{josa(better, ('이', '가'))} 나았어요."


@dataclass
class CharBaseline:
    """Character n-gram TF-IDF + logistic regression: the bag of words for Korean."""

    pipeline: Pipeline
    seconds: float

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return self.pipeline.predict_proba([normalize(t) for t in texts])[:, 1].tolist()

    def contributions(self, text: str, k: int = 8) -> list[tuple[str, float]]:
        """The n-grams of `text` that pushed the logit most, with their share (value x weight)."""
        tfidf, lr = self.pipeline.named_steps["tfidf"], self.pipeline.named_steps["lr"]
        row = tfidf.transform([normalize(text)])
        names = self.feature_names
        parts = [(str(names[j]), float(v * lr.coef_[0][j])) for j, v in zip(row.indices, row.data)]
        return sorted(parts, key=lambda kv: -abs(kv[1]))[:k]

    @cached_property
    def feature_names(self):
        """The n-gram of each column, built once (sklearn rebuilds and sorts them on every call)."""
        return self.pipeline.named_steps["tfidf"].get_feature_names_out()

    def logit(self, text: str) -> float:
        return float(self.pipeline.decision_function([normalize(text)])[0])


def train_char_baseline(texts: Sequence[str], labels: Sequence[int], C: float = 2.0) -> CharBaseline:
    """char_wb 1-3 grams, sublinear TF, min_df 2; C chosen on the validation part."""
    t0 = time.perf_counter()
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2),
            ),
            ("lr", LogisticRegression(C=C, max_iter=1000, solver="liblinear")),
        ]
    )
    pipeline.fit([normalize(t) for t in texts], list(labels))
    return CharBaseline(pipeline, time.perf_counter() - t0)


@dataclass
class Reliability:
    """Predictions grouped by confidence: does 0.9 mean right 9 times in 10?"""

    edges: list[float]  # bin edges over P(긍정), 0..1
    mean_prob: list[float]  # mean predicted P(긍정) per bin (nan when empty)
    positive_rate: list[float]  # share of truly positive reviews per bin
    counts: list[int]
    ece: float  # expected calibration error: count-weighted |mean_prob - positive_rate|


def reliability(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> Reliability:
    edges = [i / bins for i in range(bins + 1)]
    sums, pos, counts = [0.0] * bins, [0] * bins, [0] * bins
    for p, y in zip(probs, labels):
        b = min(int(p * bins), bins - 1)
        sums[b], pos[b], counts[b] = sums[b] + p, pos[b] + int(y), counts[b] + 1
    mean = [s / c if c else float("nan") for s, c in zip(sums, counts)]
    rate = [q / c if c else float("nan") for q, c in zip(pos, counts)]
    n = max(sum(counts), 1)
    ece = sum(c * abs(m - r) for m, r, c in zip(mean, rate, counts) if c) / n
    return Reliability(edges, mean, rate, counts, ece)


def tokenizer_configs(base: KoConfig, kinds: Sequence[str]) -> dict[str, KoConfig]:
    """The same model for every tokenizer; jamo sequences are about twice as long."""
    return {k: replace(base, tokenizer=k, max_len=base.max_len * (2 if k == "jamo" else 1)) for k in kinds}


def compare_tokenizers(
    parts, base: KoConfig, kinds: Sequence[str], limit: int, log=print
) -> dict[str, dict[str, float]]:
    """Each tokenizer with the same model, trained on the first `limit` training reviews:
    validation and test accuracy, vocabulary size, mean pieces per review, training seconds."""
    from seqcore.sentiment.ko_train import train_korean

    rows: dict[str, dict[str, float]] = {}
    for kind, cfg in tokenizer_configs(replace(base, train_limit=limit), kinds).items():
        run = train_korean(cfg, parts.train, parts.val)
        val_p, test_p = run.probabilities(parts.val[0]), run.probabilities(parts.test[0])
        sample = parts.val[0][:2000]
        rows[kind] = {
            "val_acc": round(accuracy(val_p, parts.val[1]), 4),
            "test_acc": round(accuracy(test_p, parts.test[1]), 4),
            "vocab": len(run.vocab),
            "pieces_per_review": round(sum(len(run.tokenizer.pieces(t)) for t in sample) / len(sample), 1),
            "epochs": run.history.epochs_run,
            "train_s": round(run.seconds, 1),
            "n_train": run.n_train,
        }
        log(kind, rows[kind])
    return rows


KO_BOW_STORE = CacheStore("sentiment_ko_bow", max_entries=2)


@dataclass(frozen=True)
class KoBowConfig:
    """The page's bag of words beside the shipped model, trained live on part of the training
    reviews (the full 120,000 take about 1.5 minutes; this many, about 15 seconds)."""

    n_train: int = 30000
    C: float = 3.0

    def estimate_mb(self) -> float:
        """Peak memory of one fit (the n-gram matrix of 30,000 reviews and the solver's copies)."""
        return 400.0


@dataclass
class KoBow:
    model: CharBaseline
    test_acc: float
    test_n: int
    n_train: int


def train_ko_bow(config: KoBowConfig, on_epoch=None) -> KoBow:
    """Fit on the first n_train training reviews of the shipped NSMC file; score on the test part."""
    from seqcore.data import nsmc
    from seqcore.sentiment.ko_train import split_parts

    parts = split_parts(nsmc.load())
    x, y = parts.train[0][: config.n_train], parts.train[1][: config.n_train]
    model = train_char_baseline(x, y, C=config.C)
    if on_epoch is not None:
        on_epoch(1, 1, 0.0)
    return KoBow(
        model, accuracy(model.probabilities(parts.test[0]), parts.test[1]), len(parts.test[1]), len(x)
    )


KO_BOW_RUN = (KO_BOW_STORE, train_ko_bow, KoBowConfig())  # the page's (store, trainer, config)


def study(parts, variants: dict[str, KoConfig], log=print) -> dict[str, dict[str, float]]:
    """Each variant trained on the same training reviews: validation accuracy (NSMC, by text
    hash), accuracy on the held-out negation templates, vocabulary, pieces per review, seconds."""
    from seqcore.sentiment import ko_templates
    from seqcore.sentiment.ko_train import train_korean

    nx, ny = ko_templates.generate(1000, seed=1, held_out=True)
    rows: dict[str, dict[str, float]] = {}
    for name, cfg in variants.items():
        run = train_korean(cfg, parts.train, parts.val)
        sample = parts.val[0][:2000]
        rows[name] = {
            "val_acc": round(accuracy(run.probabilities(parts.val[0]), parts.val[1]), 4),
            "negation_val_acc": round(accuracy(run.probabilities(nx), ny), 4),
            "vocab": len(run.vocab),
            "pieces_per_review": round(sum(len(run.tokenizer.pieces(t)) for t in sample) / len(sample), 1),
            "epochs": run.history.epochs_run,
            "train_s": round(run.seconds, 1),
        }
        log(name, rows[name])
    return rows


def why_chosen(rows: dict[str, dict[str, float]], chosen: str, val_n: int) -> str:
    """Why the page's tokenizer, from the study's own numbers (validation only), or that the
    study does not back the choice."""
    from seqcore.sentiment.ko_tokens import TOKENIZER_NAMES

    best = max(rows, key=lambda k: rows[k]["val_acc"])
    a, b = rows[chosen]["val_acc"], rows[best]["val_acc"]
    if best == chosen:
        return "검증 정확도가 가장 높았어요"
    speed = rows[best]["train_s"] / max(rows[chosen]["train_s"], 1e-9)
    gap, name = abs(b - a) * 100, TOKENIZER_NAMES.get(best, best)
    if not gap_is_real(a, b, val_n) and speed > 1.2:
        return f"가장 높은 것과의 차이 {gap:.1f}%p가 잡음 안이고, 학습이 {speed:.1f}배 빨라요"
    if speed > 1.2:
        return f"가장 높은 것보다 {gap:.1f}%p 낮지만 학습이 {speed:.1f}배 빨라요"
    noise = "잡음 안" if not gap_is_real(a, b, val_n) else "잡음보다 큰 차이"
    return (
        f"이 측정(작은 학습)에서는 {name}{josa(name, ('이', '가'))} {gap:.1f}%p 높았어요({noise}). "
        "앱의 모델은 이 측정이 끝나기 전에 전체 데이터로 학습해 둔 것이라 이 토큰화를 써요. 다시 만들 때 바꿔 볼 "
        "후보예요"
    )
