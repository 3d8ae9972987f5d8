"""core.cache: content keys and the memo decorator for work a page rerun would repeat."""


def test_content_key_follows_content_and_pins_identity_values():
    import datetime

    import numpy as np
    import torch

    from seqcore.core.cache import Unkeyable, content_key

    assert content_key(np.arange(4)) == content_key(np.arange(4))
    assert content_key(np.arange(4)) != content_key(np.arange(4).astype(float))
    assert content_key(torch.ones(3)) == content_key(np.ones(3, dtype=np.float32))
    assert content_key([1, (2, "a")]) != content_key((1, (2, "a")))
    assert content_key({"a": 1, "b": 2}) != content_key({"b": 2, "a": 1})  # legend order counts
    assert content_key(datetime.date(2024, 1, 2)) == ("date", "2024-01-02")
    model = torch.nn.Linear(2, 2)
    try:
        content_key(model)
        raise AssertionError("a module has no content key without pins")
    except Unkeyable:
        pass
    pins: list = []
    assert content_key(model, pins) == ("id", id(model)) and pins == [model]


def test_memo_computes_once_per_input_and_stays_bounded():
    from seqcore.core.cache import CacheStore, bounded, memo

    store = CacheStore("test_memo_store", max_entries=2)
    calls = []

    @memo(store)
    def square(x):
        calls.append(x)
        return x * x

    assert [square(3), square(3), square(4), square(5), square(3)] == [9, 9, 16, 25, 9]
    assert calls == [3, 4, 5, 3]  # 3 was evicted by 4 and 5 (two entries at most)
    assert len(bounded(store)) == 2


def test_one_caching_style_memo_on_a_named_store():
    """Work a rerun repeats is cached with core.cache's memo (concurrent callers of one input
    share one computation; bounded, named stores), never lru_cache or st.cache_* beside it."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    files = [
        *root.glob("seqcore/**/*.py"),
        *root.glob("pages/*.py"),
        root / "home.py",
        root / "streamlit_app.py",
    ]
    banned = re.compile(r"^\s*@(functools\.)?(lru_cache|cache)\b|^\s*@st\.cache_(data|resource)\b", re.M)
    offenders = [str(f.relative_to(root)) for f in files if banned.search(f.read_text(encoding="utf-8"))]
    assert not offenders


def test_paths_count_by_their_name():
    from pathlib import Path

    from seqcore.core.cache import content_key

    assert content_key(Path("/a/b.tsv")) == content_key(Path("/a/b.tsv")) != content_key(Path("/a/c.tsv"))


def test_a_store_of_max_mb_zero_is_bounded_by_entries_only():
    from seqcore.core.cache import CacheStore, bounded

    cache = bounded(CacheStore("test_entries_only", max_entries=2, max_mb=0))
    assert cache.max_bytes is None and cache.max_entries == 2


def test_a_bundle_that_asks_to_be_keyed_by_identity_is_not_walked():
    import dataclasses
    from typing import ClassVar

    from seqcore.core.cache import content_key

    @dataclasses.dataclass(frozen=True)
    class Bundle:
        KEY_BY_IDENTITY: ClassVar[bool] = True
        vocab: tuple

    @dataclasses.dataclass(frozen=True)
    class Plain:
        vocab: tuple

    a, b = Bundle(tuple(range(5))), Bundle(tuple(range(5)))
    pins: list = []
    assert content_key(a, pins) == ("id", id(a)) and pins == [a]
    assert content_key(a, []) != content_key(b, [])  # same content, two loads: two keys
    assert content_key(Plain((1, 2))) == content_key(Plain((1, 2)))  # other dataclasses by content
