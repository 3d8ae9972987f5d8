"""The entry point prewarms the 감성 분석 page's default lesson model in the background."""

import time

from conftest import open_page

from seqcore import sentiment, ui
from seqcore.runtime import DEFAULT_SEED


def test_entry_point_prewarms_the_default_lesson_model_and_the_page_uses_it():
    at = open_page()
    assert not at.exception
    store = ui._store(sentiment.LESSON_STORE, sentiment.LESSON_STORE_SIZE)
    cfg = sentiment.LessonConfig(seed=DEFAULT_SEED)
    deadline = time.time() + 120
    while cfg not in store and time.time() < deadline:
        time.sleep(0.2)
    assert cfg in store
    prewarmed = store.get(cfg)
    at.switch_page("pages/sentiment.py").run()
    assert not at.exception
    assert store.get(cfg) is prewarmed  # served, not trained again
    # A second prewarm of the same config starts nothing.
    assert (
        ui.prewarm(
            sentiment.LESSON_STORE, sentiment.train_lesson, cfg, max_entries=sentiment.LESSON_STORE_SIZE
        )
        is False
    )
