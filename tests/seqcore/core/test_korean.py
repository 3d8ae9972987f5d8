"""seqcore.core.korean: the particle after a word follows its last sound."""

from __future__ import annotations

import pytest

from seqcore.core.korean import josa


@pytest.mark.parametrize(
    ("word", "pair", "particle"),
    [
        ("모델", ("이", "가"), "이"),
        ("가방", ("이", "가"), "이"),
        ("코스피", ("이", "가"), "가"),
        ("삼성", ("을", "를"), "을"),
        ("n-gram (uni+bigram)", ("이", "가"), "이"),  # the bracket is skipped: 'bigram' ends in m
        ("GRU", ("이", "가"), "가"),
        ("10", ("이", "가"), "이"),  # 십
        ("2", ("이", "가"), "가"),  # 이
    ],
)
def test_the_particle_follows_the_last_sound(word, pair, particle):
    assert josa(word, pair) == particle


def test_the_default_pair_is_the_object_particle():
    assert josa("삼성") == "을" and josa("코스피") == "를"


def test_stock_checks_re_exports_the_same_josa():
    from seqcore.stock import checks

    assert checks.josa is josa
