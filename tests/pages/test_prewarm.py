"""The entry point computes the 감성 분석 page's default lesson model in the background."""

import time

from apphelp import open_page

from seqcore.core.cache import bounded
from seqcore.core.runtime import DEFAULT_SEED
from seqcore.sentiment import models as sentiment
from seqcore.ui.training import prewarm_job


def test_entry_point_prewarms_the_default_lesson_model_and_the_page_uses_it():
    at = open_page()
    assert not at.exception
    store = bounded(sentiment.LESSON_STORE)
    cfg = sentiment.LessonConfig(seed=DEFAULT_SEED)
    deadline = time.time() + 120
    while cfg not in store and time.time() < deadline:
        time.sleep(0.2)
    assert cfg in store
    prewarmed = store.get(cfg)
    at.switch_page("pages/sentiment.py").run(timeout=300)  # part 1, the lesson model
    assert not at.exception
    assert store.get(cfg) is prewarmed  # served, not trained again
    # Asking the start-up work for the same config again starts nothing.
    assert prewarm_job(sentiment.LESSON_STORE, sentiment.train_lesson, cfg) is None
