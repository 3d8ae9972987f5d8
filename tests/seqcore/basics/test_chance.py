import math

import pytest

from seqcore.basics.chance import gap_beyond_noise, guess_range, near_chance, range_text


@pytest.mark.parametrize(
    ("n", "lo", "hi"),
    [(10, 2, 8), (256, 112, 144), (39_424, 19_517, 19_907)],  # scipy.stats.binom.ppf(0.025/0.975)
)
def test_guess_range_is_the_binomial_central_95(n, lo, hi):
    assert guess_range(n) == (lo / n, hi / n)


@pytest.mark.parametrize("n", [10, 256, 1000])
def test_a_guesser_lands_inside_the_range_95_percent_of_the_time(n):
    lo, hi = guess_range(n)
    inside = sum(math.comb(n, k) for k in range(round(lo * n), round(hi * n) + 1)) / 2**n
    assert inside >= 0.95


def test_near_chance_depends_on_the_test_size():
    assert near_chance(0.56, 256) and not near_chance(0.57, 256)
    assert not near_chance(0.51, 39_424) and near_chance(0.5, 39_424)
    assert "43.8% ~ 56.2%" in range_text(256)


def test_gap_beyond_noise():
    assert not gap_beyond_noise(0.825, 0.818, 400)  # 82.5 vs 81.8 on 400: inside the noise
    assert gap_beyond_noise(0.95, 0.70, 256)


@pytest.mark.parametrize(("n", "p"), [(0, 0.5), (10, 0.0), (10, 1.0)])
def test_bad_arguments(n, p):
    with pytest.raises(ValueError):
        guess_range(n, p)
