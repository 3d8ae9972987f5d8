"""Word evidence: each token's share of a TF-IDF + logistic regression's logit.

The real-review model (`reviews.ReviewNet`) multiplies this evidence by a context weight its
BiGRU reads; these functions compute the evidence for given texts, and out of fold for the
training sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import torch

from seqcore.sentiment.baselines import BaselineConfig, BaselineRun, train_baseline
from seqcore.sentiment.rnn import tokenize


def token_evidence(bow: BaselineRun | None, texts: Sequence[str], max_len: int) -> torch.Tensor:
    """(N, T) each token's share of the regression's logit (0 for <PAD> and unknown words).

    A word's feature value x_j times its weight w_j, split evenly over its occurrences; the
    row sums to the logit minus the intercept (for sentences within max_len).
    """
    rows = [tokenize(t)[:max_len] or ["<UNK>"] for t in texts]
    out = torch.zeros(len(rows), max(len(r) for r in rows) if rows else 1)
    if bow is None or not rows:
        return out
    tfidf, lr = bow.pipeline.named_steps["tfidf"], bow.pipeline.named_steps["lr"]
    features, coef, index = tfidf.transform(list(texts)), lr.coef_[0], tfidf.vocabulary_
    for i, tokens in enumerate(rows):
        start, end = features.indptr[i], features.indptr[i + 1]
        value = dict(zip(features.indices[start:end], features.data[start:end]))
        counts = Counter(tokens)
        for t, tok in enumerate(tokens):
            j = index.get(tok)
            if j is not None and j in value:
                out[i, t] = float(coef[j] * value[j] / counts[tok])
    return out


def out_of_fold_evidence(config, texts: list[str], labels: list[int], folds: int = 5) -> torch.Tensor:
    """Each training sentence's word evidence from a regression that did not see it.

    A logistic regression scores its own training sentences with near-certain logits; the
    recurrent path trained on those would learn that word evidence is never wrong.
    """
    out = torch.zeros(len(texts), config.max_len)
    for k in range(folds):
        held = [i for i in range(len(texts)) if i % folds == k]
        fit_idx = [i for i in range(len(texts)) if i % folds != k]
        if len({labels[i] for i in fit_idx}) < 2:  # a tiny data set: no evidence from this fold
            continue
        fold = train_baseline(
            BaselineConfig(C=config.bow_C), [texts[i] for i in fit_idx], [labels[i] for i in fit_idx]
        )
        ev = token_evidence(fold, [texts[i] for i in held], config.max_len)
        out[held, : ev.shape[1]] = ev
    return out
