"""Is an accuracy more than guessing? The binomial range of a guesser on the page's own test size.

A guesser that answers each of n balanced yes/no questions at random gets K of them right, with
K ~ Binomial(n, 1/2). Its accuracy K/n falls inside `guess_range(n)` 95% of the time, so an
accuracy inside that range is one a guesser reaches easily: the pages call it 찍기 수준 (near
chance), and only an accuracy above the range counts as more than guessing. With 256 test
sequences the range is 43.8% ~ 56.2%; with 39,424 test steps it is 49.5% ~ 50.5%.

The quantiles are exact: the binomial probabilities are summed in log space (no scipy).
"""

from __future__ import annotations

import math

from seqcore.core.cache import CacheStore, memo
from seqcore.core.noise import unpaired_interval

LEVEL = 0.95  # the share of a guesser's accuracies that fall inside the range
RANGES = CacheStore("guess_ranges", max_entries=64)  # a page rerun asks for the same test size


def _log_pmf(n: int, k: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


@memo(RANGES)
def guess_range(n: int, p: float = 0.5, level: float = LEVEL) -> tuple[float, float]:
    """(lo, hi): the central `level` share of a guesser's accuracy K/n, K ~ Binomial(n, p).

    lo is the largest k/n with P(K < k) <= (1 - level) / 2, hi the smallest k/n with
    P(K > k) <= (1 - level) / 2.
    """
    if n < 1:
        raise ValueError(f"a test needs at least one answer, got n={n}")
    if not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p}")
    tail = (1 - level) / 2
    cdf, lo, hi = 0.0, 0, n
    for k in range(n + 1):
        below = cdf  # P(K < k)
        cdf += math.exp(_log_pmf(n, k, p))
        if below <= tail:
            lo = k
        if 1 - cdf <= tail:  # P(K > k)
            hi = k
            break
    return lo / n, hi / n


def near_chance(accuracy: float, n: int, p: float = 0.5) -> bool:
    """Whether a guesser on a test of n answers reaches `accuracy` easily (at or below its range)."""
    return accuracy <= guess_range(n, p)[1]


def range_text(n: int, p: float = 0.5) -> str:
    """The range in words, for the pages: '테스트 256개에서 찍기의 95% 범위는 43.8% ~ 56.2%'."""
    lo, hi = guess_range(n, p)
    return f"테스트 {n:,}개에서 찍기의 95% 범위는 {lo:.1%} ~ {hi:.1%}"


def gap_beyond_noise(a: float, b: float, n: int, z: float = 1.96) -> bool:
    """Whether accuracies a and b, each measured on n answers, differ by more than their noise:
    |a - b| above z standard errors of the difference (sqrt(a(1-a)/n + b(1-b)/n), at least 1/n)."""
    return abs(a - b) > unpaired_interval(a, b, n, z, floor=1 / n)
