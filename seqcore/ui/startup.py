"""Every page's default result, computed when the server starts, before the first learner.

Each topic module that trains exposes its page's default runs beside its trainer, as
`(store, trainer, config)` triples, under one of the names in `NAMES` (`DEFAULT_RUNS`: a tuple of
triples; `DEFAULT_RUN` or `PREWARM`: one triple or a tuple of them). `start()` queues them all as
start-up work on the one training queue (seqcore/core/queue.py): they run one at a time on its
worker thread, after any learner's own request, and a learner who opens a page whose default is
still computing waits on that very run with its progress shown (ui.train_or_last).

When every default has been computed, the long-lived heap (imports, warm-up, defaults) is moved
out of the garbage collector's way with `gc.freeze()`: full collections then walk only what
sessions create afterwards.
"""

from __future__ import annotations

# Imported here, on the importing (main) thread: both register a threading exit hook when
# first imported, which raises "can't register atexit after shutdown" if that first import
# happens on the start-up thread (inside scikit-learn's) while the interpreter is exiting.
import concurrent.futures.process  # noqa: F401
import concurrent.futures.thread  # noqa: F401
import contextlib
import gc
import importlib
import logging
import threading

from seqcore.core import queue
from seqcore.core.cache import CacheStore

# The topic modules whose pages train, in the order a lesson visits them; the sentiment page's
# real-review model (the longest default) last. tests/seqcore/core/test_startup.py checks that
# every module of seqcore that declares one of NAMES is listed here.
MODULES = (
    "seqcore.basics.compare",
    "seqcore.basics.gates",
    "seqcore.basics.longdep",
    "seqcore.basics.gradients",
    "seqcore.basics.tbptt",
    "seqcore.basics.birnn",
    "seqcore.basics.stepper",
    "seqcore.stock.recipe",
    "seqcore.quiz.training",
    "seqcore.lm.trainer",
    "seqcore.sentiment.report",
)
NAMES = ("DEFAULT_RUNS", "DEFAULT_RUN", "PREWARM")

_log = logging.getLogger(__name__)
_state = {"queued": 0, "done": 0, "frozen": False}
_thread: threading.Thread | None = None
_lock = threading.Lock()
_stopping = threading.Event()


def _triples(value) -> list[tuple]:
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], CacheStore):
        return [value]
    return [t for v in value for t in _triples(v)]


def default_runs() -> list[tuple]:
    """(store, trainer, config) of every page's default view, the lesson's model first."""
    from seqcore.core.config import DEFAULT_SEED
    from seqcore.sentiment import models as sentiment

    runs = [(sentiment.LESSON_STORE, sentiment.train_lesson, sentiment.LessonConfig(seed=DEFAULT_SEED))]
    for name in MODULES:
        if _stopping.is_set():  # the process is exiting: no more imports
            break
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module renamed by its owner: its page trains on first click
            _log.warning("prewarm: cannot import %s", name)
            continue
        for attr in NAMES:
            runs += _triples(getattr(module, attr, ()))
    seen, unique = set(), []
    for store, fn, config in runs:
        if (store.name, config) not in seen:
            seen.add((store.name, config))
            unique.append((store, fn, config))
    return unique


def _run() -> None:
    from seqcore.core.runtime import configure_threads, warm_up
    from seqcore.ui.training import prewarm_job

    configure_threads()
    warm_up()  # the optimizer's and scikit-learn's first imports
    if _stopping.is_set():
        return
    jobs = [j for run in default_runs() if (j := prewarm_job(*run)) is not None]
    _state["queued"] = len(jobs)
    for job in jobs:
        job.finished.wait()
        _state["done"] += 1
    if _stopping.is_set():
        return
    gc.collect()
    gc.freeze()  # imports, warm-up and defaults: long-lived, never collected again
    _state["frozen"] = True


def start() -> threading.Thread:
    """Starts (once per process) the thread that queues every default and freezes the heap."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_run, name="seqcore-prewarm", daemon=True)
            _thread.start()
        return _thread


def stop(timeout: float = 30.0) -> None:
    """Ends the start-up work: running runs stop at their next epoch, queued ones never start."""
    _stopping.set()
    queue.close_queue()
    if _thread is not None and _thread is not threading.current_thread():
        _thread.join(timeout)


# At interpreter exit, a daemon thread still importing scikit-learn printed "can't register
# atexit after shutdown", and one inside torch aborted the process: atexit handlers run too
# late, once finalizing has begun. threading's own exit hook runs before that, while the
# interpreter is whole (concurrent.futures stops its workers there too).
queue.before_exit(stop)


def preload() -> float:
    """Imports every seqcore module (torch, scikit-learn, plotly with them) and warms torch up.

    Run by the server's start-up hook before it answers: a first learner's page would otherwise
    wait on these imports, contending for the GIL with the start-up trainings. Returns seconds.
    """
    import pkgutil
    import time

    import seqcore
    from seqcore.core.runtime import configure_threads, warm_up

    t0 = time.perf_counter()
    configure_threads()
    for info in pkgutil.walk_packages(seqcore.__path__, "seqcore."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    import plotly.graph_objects  # noqa: F401  (every page's charts)

    warm_up()
    return time.perf_counter() - t0


@contextlib.asynccontextmanager
async def lifespan(_app):
    """st.App's start-up and shutdown hook: the server answers once every module is imported
    (preload), and the defaults start computing as it does."""
    _state["preload_s"] = round(preload(), 2)
    start()
    yield
    stop()


def status() -> dict:
    """How far the start-up work has come, and the training queue now."""
    q = queue.training_queue()
    waiting, running = q.lengths()
    seconds = {kind: round(s, 1) for kind, s in q.durations().items()}
    return {**_state, "queue_waiting": waiting, "queue_running": running, "last_run_s": seconds}


async def status_endpoint(_request):
    """GET /_app/startup: status() as JSON (bench.classroom waits on it; 127.0.0.1 only in tests)."""
    from starlette.responses import JSONResponse

    return JSONResponse(status())


def routes() -> list:
    from starlette.routing import Route

    return [Route("/_app/startup", status_endpoint)]
