"""The noise of a measurement, and of the gap between two: normal intervals in plain float math.

An accuracy read on n examples moves by about sqrt(acc(1 - acc) / n) from one sample of examples
to the next. A gap between two accuracies is noisier than either. Read as independent, the two
noises add (`unpaired_interval`); when both runs were read on the same items, the spread of the
per-item difference gives a narrower interval (`paired_interval`), since both runs find the same
items easy or hard.

Every topic (sentiment, lm, basics) asks these questions; this module answers them once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Z95 = 1.96  # the normal quantile of a two-sided 95% interval


def accuracy_interval(acc: float, n: int, z: float = Z95) -> float:
    """Half-width of the normal interval of an accuracy measured on n examples: z standard errors
    sqrt(acc(1 - acc) / n). The variance is kept above 1e-12, so that 0% and 100% still get a
    width. nan when n is 0."""
    return z * math.sqrt(max(acc * (1 - acc), 1e-12) / n) if n else float("nan")


def interval95(acc: float, n: int) -> float:
    """Half-width of the 95% normal interval of an accuracy measured on n examples."""
    return accuracy_interval(acc, n)


def unpaired_interval(a: float, b: float, n: int, z: float = Z95, floor: float = 0.0) -> float:
    """Half-width of the interval of the gap a - b between two accuracies on n examples each, read
    as independent: the two intervals added in quadrature, and at least z * floor (floor=1/n says
    a gap of one answer is never beyond noise).

    On the same examples this is a conservative bound; `paired_interval` is the narrower one.
    """
    return max(math.hypot(accuracy_interval(a, n, z), accuracy_interval(b, n, z)), z * floor)


def paired_se(diff: Sequence[float], weights: Sequence[float] | None = None) -> tuple[float, float]:
    """(gap, standard error) of the ratio estimate gap = sum(diff) / sum(weights), for two runs
    read on the same items.

    diff holds each item's score of run a minus run b (1, 0 or -1 for right/wrong; bits for a
    document), weights each item's size (its characters; all 1 by default). The standard error is
    sqrt(sum((d - gap * w)^2)) / sum(w) * sqrt(n / (n - 1)); with equal weights the gap is the
    mean difference and the error is its sd / sqrt(n). A single item has no spread to read: its
    error is 0, so a caller that needs a verdict asks for at least two. nan when there are none.
    """
    w = [1.0] * len(diff) if weights is None else [float(x) for x in weights]
    if len(w) != len(diff):
        raise ValueError(f"{len(diff)} differences but {len(w)} weights")
    n, total = len(diff), math.fsum(w)
    if not total:
        return float("nan"), float("nan")
    gap = math.fsum(diff) / total
    spread = math.sqrt(math.fsum((d - gap * x) ** 2 for d, x in zip(diff, w, strict=True)))
    return gap, spread / total * math.sqrt(n / max(n - 1, 1))


def paired_interval(
    diff: Sequence[float], weights: Sequence[float] | None = None, z: float = Z95
) -> tuple[float, float, float]:
    """(gap, lo, hi): the paired gap of `paired_se` with its interval of z standard errors."""
    gap, se = paired_se(diff, weights)
    return gap, gap - z * se, gap + z * se
