"""The default runs that the start-up prewarm computes are the very configs the pages ask for.

A result is put in each store under the module's DEFAULT_RUNS config; opening the page's part
that uses it must then show it without a click (a different config would leave the page waiting for its button).
"""

import json

import pytest
from apphelp import open_page, part_key

from seqcore.basics import birnn, clipping, longdep, tbptt
from seqcore.core import cache as core_cache
from seqcore.core.cache import BoundedCache, CacheStore, bounded
from seqcore.core.training import History


def _clip_result(cfg):
    hist = History(train_loss=[0.5, 0.4], grad_norm=[3.0, 2.0])
    return clipping.ClipResult(cfg, {"no_clip": hist, "clip": hist})


FAKES = {
    "clipping": (clipping, _clip_result, "pages/vanishing_gradient.py", "기울기 폭발", "스텝별 학습 손실"),
    "tbptt": (
        tbptt,
        lambda cfg: tbptt.TBPTTResult([2, 8], [0.5, 0.9], [1.0, 1.0], [9, 3], [2, 8], "CPU", cfg.lag, 160),
        "pages/vanishing_gradient.py",
        "잘린 BPTT",
        "잘린 BPTT",
    ),
    "longdep": (
        longdep,
        lambda cfg: longdep.DependencyResult(list(cfg.lengths), {"rnn": [1.0] * 4}, {"rnn": [0.1] * 4}),
        "pages/vanishing_gradient.py",
        "장기 의존성",
        "시퀀스 길이별 테스트 정확도",
    ),
    "leak": (
        birnn,
        lambda cfg: birnn.LeakResult(
            {"단방향 GRU": 0.15, "양방향 GRU": 0.05}, {"단방향 GRU": 0.14, "양방향 GRU": 0.3}, 0.09, 0.2
        ),
        "pages/birnn.py",
        "쓰면 안 되는 곳",
        "다음 값 예측",
    ),
}


def own_cache(monkeypatch, store: CacheStore) -> BoundedCache:
    """An empty cache behind `store` for this test only: the process's own one (where the start-up
    work puts the real defaults, which later tests are served from) is back afterwards, untouched."""
    cache = BoundedCache(store.max_entries)
    monkeypatch.setitem(core_cache._stores, store, cache)
    assert bounded(store) is cache
    return cache


@pytest.mark.parametrize("name", list(FAKES))
def test_page_default_is_the_prewarmed_config(name, monkeypatch):
    module, fake, page, part, title = FAKES[name]
    ((store, _, cfg),) = module.DEFAULT_RUNS
    own_cache(monkeypatch, store).put(cfg, fake(cfg))
    at = open_page(page, query={part_key(page): part})  # the part (tab) that shows it
    assert not at.exception
    titles = [
        json.dumps(json.loads(el.proto.spec)["layout"], ensure_ascii=False) for el in at.get("plotly_chart")
    ]
    assert any(title in t for t in titles), f"{name}: the page did not ask for DEFAULT_RUNS's config"
