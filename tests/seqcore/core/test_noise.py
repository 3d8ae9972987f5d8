"""seqcore.core.noise: the one home of "how noisy is a gap", checked against numbers worked by hand,
and the topic functions that call it (ko_eval, lm.metrics, basics.chance) against their formulas."""

import math

import pytest

from seqcore.basics.chance import gap_beyond_noise
from seqcore.core import noise
from seqcore.lm.metrics import paired_gap
from seqcore.sentiment import ko_eval


def test_equal_weights_give_the_mean_difference_and_its_sd_over_root_n():
    # d = 1, 0, 0, -1, 1: mean 1/5 = 0.2; squared deviations 0.64 + 0.04 + 0.04 + 1.44 + 0.64 = 2.8;
    # sample variance 2.8 / 4 = 0.7; standard error sqrt(0.7 / 5) = sqrt(0.14) = 0.374165...
    gap, se = noise.paired_se([1, 0, 0, -1, 1])
    assert gap == pytest.approx(0.2, rel=1e-12)
    assert se == pytest.approx(0.3741657386773941, rel=1e-12)
    gap, lo, hi = noise.paired_interval([1, 0, 0, -1, 1], z=1.96)
    # 1.96 * 0.374165... = 0.733364...
    assert (lo, hi) == pytest.approx((0.2 - 0.7333648478076925, 0.2 + 0.7333648478076925), rel=1e-12)


def test_paired_gap_weights_each_document_by_its_characters_and_newline():
    # weights len + 1 = 3, 2, 5 (sum 10); the fourth bits of a have no partner and are left out.
    # diff 3, 0, 5: gap 8 / 10 = 0.8; residuals d - 0.8 w = 0.6, -1.6, 1.0, squares sum 3.92;
    # se = sqrt(3.92) / 10 * sqrt(3 / 2) = sqrt(5.88) / 10; 1.96 se = 0.475274...
    gap, lo, hi = paired_gap([6.0, 3.0, 9.0, 7.0], [3.0, 3.0, 4.0], ["ab", "c", "defg", "xyz"])
    assert gap == pytest.approx(0.8, rel=1e-12)
    assert lo == pytest.approx(0.8 - 0.4752747415968999, rel=1e-12)
    assert hi == pytest.approx(0.8 + 0.4752747415968999, rel=1e-12)
    _, lo1, hi1 = paired_gap([6.0, 3.0, 9.0], [3.0, 3.0, 4.0], ["ab", "c", "defg"], z=1.0)
    assert (lo1, hi1) == pytest.approx((0.8 - 0.24248711305964282, 0.8 + 0.24248711305964282), rel=1e-12)


def test_paired_gap_noise_is_the_95_interval_of_the_per_example_difference():
    a = [True, True, False, True, False, True]
    b = [True, False, False, False, True, True]
    # d = 0, 1, 0, 1, -1, 0: mean 1/6; sum (d - mean)^2 = 3 - 6/36 = 17/6; variance 17/30;
    # half-width 1.96 * sqrt(17/30 / 6) = 1.96 * sqrt(17/180) = 0.602343...
    assert ko_eval.paired_gap_noise(a, b) == pytest.approx(0.602343571209802, rel=1e-12)
    assert ko_eval.paired_gap_noise(a, a) == 0.0
    gap, lo, hi = noise.paired_interval([0, 1, 0, 1, -1, 0])
    assert hi - gap == pytest.approx(ko_eval.paired_gap_noise(a, b), rel=1e-12)


def test_nan_with_fewer_than_two_examples_or_unequal_lengths():
    assert math.isnan(ko_eval.paired_gap_noise([True], [False]))
    assert math.isnan(ko_eval.paired_gap_noise([], []))
    assert math.isnan(ko_eval.paired_gap_noise([True, False, True], [True, False]))
    assert all(math.isnan(x) for x in noise.paired_interval([]))
    assert all(math.isnan(x) for x in paired_gap([], [], []))
    assert math.isnan(ko_eval.interval95(0.5, 0))
    # One item has no spread to read: a zero width, which is why ko_eval asks for two.
    assert noise.paired_interval([2.0], [4.0]) == (0.5, 0.5, 0.5)
    with pytest.raises(ValueError):
        noise.paired_se([1.0, 2.0], [1.0])


def test_the_unpaired_interval_adds_the_two_intervals_in_quadrature():
    # 1.96 * sqrt(0.9 * 0.1 / 100 + 0.85 * 0.15 / 100) = 1.96 * sqrt(0.002175) = 0.091408...
    assert ko_eval.gap_noise(0.90, 0.85, 100) == pytest.approx(0.09140831472027039, rel=1e-12)
    assert ko_eval.gap_noise(0.90, 0.85, 100, spread=0.2) == 0.2
    assert ko_eval.interval95(0.8, 400) == pytest.approx(1.96 * 0.02, rel=1e-12)  # sqrt(0.16/400)
    assert ko_eval.interval95 is noise.interval95


def test_gap_beyond_noise_never_calls_a_gap_under_one_answer_real():
    # a = 0, b = 0.005 on n = 100: se = sqrt(0.005 * 0.995 / 100) = 0.007053 < 1/n = 0.01.
    # With z = 0.6 the gap 0.005 is above z * se = 0.00423 but below the floor z / n = 0.006.
    assert not gap_beyond_noise(0.0, 0.005, 100, z=0.6)
    assert noise.unpaired_interval(0.0, 0.005, 100, z=0.6) == pytest.approx(0.6 * 0.007053367989832943)
    assert noise.unpaired_interval(0.0, 0.005, 100, z=0.6, floor=1 / 100) == pytest.approx(0.006)
    assert gap_beyond_noise(0.0, 0.007, 100, z=0.6)  # above the floor 0.006 and z * se = 0.00502
    assert not gap_beyond_noise(0.825, 0.818, 400)
    assert gap_beyond_noise(0.95, 0.70, 256)
