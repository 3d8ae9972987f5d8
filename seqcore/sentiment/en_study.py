"""The English recipe study: each variant of the real-review model on the validation parts only.

Trained on the training part of the shipped UCI files (IMDb + Amazon, split by a hash of the
text: `en_valid.hash_split`), scored on the validation part's sentences (`short`), on long
reviews made from the validation part (`long`, a proxy: see `en_valid.long_reviews`), on the
template generator's held-out negation sentences (`neg_templates`), on the older hand-written
probes (`neg_old`) and on the validation sentences that hold a negator (`neg_real`: real
reviewers' negations). The bags of words are scored on the same parts. The fresh probes are not
read here: they report, they never choose.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from seqcore.sentiment import en_valid, uci
from seqcore.sentiment.baselines import BASELINES, BaselineConfig, train_baseline
from seqcore.sentiment.reviews import ReviewConfig, train_reviews
from seqcore.sentiment.rnn import accuracy

Data = tuple[list[str], list[int]]


@dataclass(frozen=True)
class Parts:
    train: Data
    checks: dict[str, Data]  # check name -> sentences, labels


def parts(n_long: int = 300) -> Parts:
    data = uci.read_folder(uci.SHIPPED_DIR)
    train, val = en_valid.hash_split([r for s in ("imdb", "amazon") for r in data[s]])
    checks = {"short": en_valid.xy(val), "long": en_valid.long_reviews(val, n=n_long)}
    checks["neg_real"] = en_valid.negated(checks["short"])  # real reviewers' negations
    negation = en_valid.negation_val()
    checks["neg_templates"], checks["neg_old"] = negation["templates_held_out"], negation["old_probes"]
    checks["neg_idioms"] = negation["idioms_held_out"]
    return Parts(en_valid.xy(train), checks)


def scores(predict: Callable[[list[str]], list[float]], checks: dict[str, Data]) -> dict[str, float]:
    return {name: accuracy(predict(x), y) for name, (x, y) in checks.items()}


def sentence_vote(predict_logits: Callable[[list[str]], list[float]], texts: Sequence[str], piece_len: int):
    """P(positive) of each text as the mean logit of its pieces (long_read's `vote`, for a bag of words)."""
    import math

    from seqcore.sentiment.long_read import pieces
    from seqcore.sentiment.rnn import tokenize

    out = []
    for text in texts:
        words = tokenize(text)
        parts = [" ".join(words[s:e]) for s, e in pieces(text, piece_len, "vote", cut=100)]
        z = statistics.fmean(predict_logits(parts))
        out.append(1 / (1 + math.exp(-z)))
    return out


def baselines(p: Parts, piece_len: int = 25) -> dict[str, dict[str, float]]:
    """The bags of words (TF-IDF unigrams, uni+bigrams) on the same checks; `long_vote`: the
    same regression reading a long review as the mean logit of its pieces, as the model does."""
    out = {}
    for name, ngram in BASELINES.items():
        run = train_baseline(BaselineConfig(ngram_max=ngram[1]), *p.train)
        out[name] = scores(run.probabilities, p.checks)
        x, y = p.checks["long"]
        out[name]["long_vote"] = accuracy(sentence_vote(run.logits, x, piece_len), y)
    return out


READS = ("truncate", "chunks", "vote")  # ways of reading the long check, scored on one training


def variant(p: Parts, config: ReviewConfig, seeds: Sequence[int], log=None, reads=()) -> dict[str, float]:
    """Mean, min and max over seeds of each check (and of the long check read each way in
    `reads`), and the slowest training's CPU seconds."""
    per_seed: dict[str, list[float]] = {name: [] for name in p.checks}
    per_seed.update({f"long_{mode}": [] for mode in reads})
    seconds = []
    for seed in seeds:
        t0 = time.process_time()
        run = train_reviews(dataclasses.replace(config, seed=seed), *p.train)
        seconds.append(time.process_time() - t0)
        for name, acc in scores(run.probabilities, p.checks).items():
            per_seed[name].append(acc)
        for mode in reads:
            other = dataclasses.replace(run, config=dataclasses.replace(run.config, long_read=mode))
            per_seed[f"long_{mode}"].append(
                accuracy(other.probabilities(p.checks["long"][0]), p.checks["long"][1])
            )
        if log:
            log(seed, {k: round(v[-1], 4) for k, v in per_seed.items() if v}, round(seconds[-1], 1))
    out: dict[str, float] = {}
    for name, values in per_seed.items():
        out[f"{name}_acc"] = round(statistics.fmean(values), 4)
        out[f"{name}_min"], out[f"{name}_max"] = round(min(values), 4), round(max(values), 4)
    out["train_cpu_s_max"] = round(max(seconds), 2)
    return out


def full_training() -> Data:
    """Every shipped UCI sentence (IMDb + Amazon): what the teacher's command trains on."""
    data = uci.read_folder(uci.SHIPPED_DIR)
    return en_valid.xy([r for s in ("imdb", "amazon") for r in data[s]])


def fresh(configs: dict[str, ReviewConfig], seeds: Sequence[int]) -> dict[str, dict[str, dict]]:
    """Each round of fresh probes (en_valid.FRESH_ROUNDS), read after training on every shipped
    sentence: round -> model -> the accuracy of each seed and the sentences it got wrong (bags of
    words: one training). Only the read round's wrong sentences are kept: the clean round's
    stay unread."""
    train = full_training()
    rounds = {key: en_valid.fresh_probes(key) for key in en_valid.FRESH_ROUNDS}
    out: dict[str, dict[str, dict]] = {key: {} for key in rounds}
    runs = {
        (name, seed): train_reviews(dataclasses.replace(c, seed=seed), *train)
        for name, c in configs.items()
        for seed in seeds
    }
    bags = {name: train_baseline(BaselineConfig(ngram_max=ng[1]), *train) for name, ng in BASELINES.items()}
    for key, (x, y) in rounds.items():
        for name in configs:
            probs = [runs[name, seed].probabilities(x) for seed in seeds]
            wrong = [[t for t, p, label in zip(x, ps, y) if (p > 0.5) != bool(label)] for ps in probs]
            unknown = [en_valid.unknown_words(runs[name, seed], x) for seed in seeds]
            out[key][name] = {
                "per_seed": [accuracy(ps, y) for ps in probs],
                "wrong": wrong if key == "fresh" else [],
                "unknown_words": statistics.fmean(u for u, _ in unknown),
                "sentences_with_unknown": statistics.fmean(s for _, s in unknown),
            }
        for name, bag in bags.items():
            out[key][name] = {"per_seed": [accuracy(bag.probabilities(x), y)], "wrong": []}
    return out
