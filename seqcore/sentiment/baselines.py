"""Order-blind baselines: TF-IDF + logistic regression on unigrams, or on unigrams + bigrams.

A bag of words sees "good but boring" and "boring but good" as the same input. Bigrams see
"not good", but not "not at all good" or "i did not think the plot was clever".
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from seqcore.sentiment.rnn import WORD, RNNConfig, RNNRun, accuracy, rnn_probabilities, train_rnn

# name -> ngram_range; the names are the page's labels.
BASELINES: dict[str, tuple[int, int]] = {
    "BoW (unigram)": (1, 1),
    "n-gram (uni+bigram)": (1, 2),
}


@dataclass(frozen=True)
class BaselineConfig:
    ngram_max: int = 1  # 1: unigrams, 2: unigrams + bigrams
    C: float = 10.0  # inverse regularisation strength of the logistic regression


@dataclass
class BaselineRun:
    pipeline: Pipeline
    config: BaselineConfig
    seconds: float

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """P(positive) for each text."""
        if not texts:
            return []
        return self.pipeline.predict_proba(list(texts))[:, 1].tolist()

    def logits(self, texts: Sequence[str]) -> list[float]:
        """The logistic regression's logit (log-odds of positive) for each text."""
        if not texts:
            return []
        return self.pipeline.decision_function(list(texts)).tolist()

    def top_features(self, k: int = 8) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """The k most positive and k most negative features with their weights."""
        names = self.pipeline.named_steps["tfidf"].get_feature_names_out()
        weights = self.pipeline.named_steps["lr"].coef_[0]
        order = weights.argsort()
        pos = [(str(names[i]), float(weights[i])) for i in order[::-1][:k]]
        neg = [(str(names[i]), float(weights[i])) for i in order[:k]]
        return pos, neg


def train_baseline(config: BaselineConfig, texts: Sequence[str], labels: Sequence[int]) -> BaselineRun:
    """Fit TF-IDF (same tokens as the recurrent model) + logistic regression."""
    t0 = time.perf_counter()
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    lowercase=True,
                    token_pattern=WORD.pattern,
                    ngram_range=(1, config.ngram_max),
                    sublinear_tf=True,
                ),
            ),
            ("lr", LogisticRegression(C=config.C, solver="liblinear")),
        ]
    )
    pipeline.fit(list(texts), list(labels))
    return BaselineRun(pipeline, config, time.perf_counter() - t0)


# ---------------------------------------------------------------- side by side with the RNN


@dataclass
class Comparison:
    """The recurrent model and both baselines trained on the same data, scored on the same tests."""

    rnn: RNNRun
    baselines: dict[str, BaselineRun]
    accuracy: dict[str, dict[str, float]]  # model name -> test name -> accuracy
    seconds: dict[str, float]  # model name -> training seconds
    probabilities: dict[str, dict[str, list[float]]]  # model name -> test name -> P(positive)

    def models(self) -> list[str]:
        return list(self.accuracy)

    def predict(self, text: str) -> dict[str, float]:
        """Every model's P(positive) for one text."""
        out = {rnn_name(self.rnn.config): rnn_probabilities(self.rnn, [text])[0]}
        out.update({name: run.probabilities([text])[0] for name, run in self.baselines.items()})
        return out


def rnn_name(config: RNNConfig) -> str:
    name = ("양방향 " if config.bidirectional else "") + config.cell.upper()
    return name + (f" {config.num_layers}층" if config.num_layers > 1 else "")


def compare(
    config: RNNConfig,
    train: tuple[Sequence[str], Sequence[int]],
    tests: dict[str, tuple[Sequence[str], Sequence[int]]],
    on_epoch=None,
) -> Comparison:
    """Train the RNN (with progress) and the two baselines on `train`; score all on `tests`."""
    rnn = train_rnn(config, train[0], train[1], on_epoch=on_epoch)
    baselines = {
        name: train_baseline(BaselineConfig(ngram_max=ng[1]), *train) for name, ng in BASELINES.items()
    }
    scorers = {rnn_name(config): lambda texts: rnn_probabilities(rnn, texts)}
    scorers.update({name: run.probabilities for name, run in baselines.items()})
    probs = {m: {t: f(list(x)) for t, (x, _) in tests.items()} for m, f in scorers.items()}
    acc = {m: {t: accuracy(probs[m][t], tests[t][1]) for t in tests} for m in scorers}
    seconds = {rnn_name(config): rnn.seconds, **{n: b.seconds for n, b in baselines.items()}}
    return Comparison(rnn, baselines, acc, seconds, probs)
