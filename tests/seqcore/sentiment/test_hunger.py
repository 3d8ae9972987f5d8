"""seqcore.sentiment.hunger: accuracy against training-set size, on both data sets."""

from __future__ import annotations

from seqcore.sentiment import hunger


def test_hunger_curve_at_one_small_size():
    ticks = []
    res = hunger.train_hunger(
        hunger.HungerConfig(fractions=(0.1,)), on_epoch=lambda e, t, _: ticks.append((e, t))
    )
    assert ticks == [(1, 2), (2, 2)]
    assert res.sizes == {"corpus": [318], "uci": [160]}
    for data in ("corpus", "uci"):
        assert set(res.accuracy[data]) == {hunger.RECURRENT, hunger.BOW}
        assert all(0.3 <= a[0] <= 1 for a in res.accuracy[data].values())


def test_subset_is_seeded_and_nested_in_size():
    x, y = [f"s{i}" for i in range(100)], [i % 2 for i in range(100)]
    small, _ = hunger._subset(x, y, 0.1, 3)
    big, _ = hunger._subset(x, y, 0.5, 3)
    assert small == hunger._subset(x, y, 0.1, 3)[0] and set(small) <= set(big) and len(small) == 10
