"""The entry point computes the 감성 분석 page's default lesson model in the background.

The start-up work is one thread per process: another test may have started it (and finished it)
before this one. The test waits on the lesson model's own training job, never by sleeping.
"""

from apphelp import open_page

from seqcore.core.cache import bounded
from seqcore.core.queue import training_queue
from seqcore.core.runtime import DEFAULT_SEED
from seqcore.sentiment import models as sentiment
from seqcore.ui import startup
from seqcore.ui.training import prewarm_job, submit

WAIT_S = 300  # the lesson model behind the start-up's imports, on a loaded 2-core machine


def start_up_result(store, fn, config):
    """The start-up work's result for `config`, waited for on its run's own job.

    If the start-up work has not queued the run yet, it is queued here as start-up work (it jumps
    no queue), and the start-up work then joins this very run.
    """
    cache, queue = bounded(store), training_queue()
    if config in cache:
        return cache.get(config)
    session, job = None, queue.job((store.name, config))
    if job is None:
        session = ("test_prewarm", store.name)
        job = submit(store, fn, config, session, background=True)
        if config in cache:  # its run ended between the looks: the job queued here is not needed
            queue.leave(session)
            return cache.get(config)
    assert job.finished.wait(WAIT_S), f"{store.name}: the run did not end within {WAIT_S} s"
    value = queue.wait(session, job) if session else job.result
    assert job.state == "done" and cache.get(config) is value
    return value


def test_entry_point_prewarms_the_default_lesson_model_and_the_page_uses_it(monkeypatch):
    asked, start = [], startup.start
    monkeypatch.setattr(startup, "start", lambda: asked.append(True) or start())
    at = open_page()
    assert not at.exception
    assert asked, "the entry point did not start the start-up work"
    store, fn, cfg = startup.default_runs()[0]
    assert (store, fn, cfg) == (
        sentiment.LESSON_STORE,
        sentiment.train_lesson,
        sentiment.LessonConfig(seed=DEFAULT_SEED),
    )
    prewarmed = start_up_result(store, fn, cfg)
    assert bounded(store).get(cfg) is prewarmed
    at.switch_page("pages/sentiment.py").run(timeout=300)  # part 1, the lesson model
    assert not at.exception
    assert bounded(store).get(cfg) is prewarmed  # served, not trained again
    # Asking the start-up work for the same config again starts nothing.
    assert prewarm_job(store, fn, cfg) is None
