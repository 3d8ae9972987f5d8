"""Start-up: everything a class would otherwise wait for, done once per process before it arrives.

The one entry point is `start()` (the server's start-up hook `lifespan` calls it; so does the
entry point's script, for AppTest). On one background thread it:

1. pays the first-use costs (the optimizer's import, scikit-learn's);
2. computes every page's default result. Each topic module that trains declares its page's
   default runs beside its trainer, as `DEFAULT_RUNS`: a tuple of `(store, trainer, config)`.
   They run one at a time as start-up work on the one training queue (seqcore/core/queue.py),
   after any learner's own request; a learner who opens a page whose default is still computing
   waits on that very run. With a shared cache directory (`SEQCORE_CACHE_DIR`,
   seqcore/core/diskcache.py) the processes of one server split the defaults between them: each
   trains the ones whose file lock it takes first, writes them, and loads the others' files;
3. opens every part of every page once in a headless session of its own (seqcore/ui/selftour.py),
   so that the default views (figures, memoized computations, Streamlit's own lazy imports) are
   in memory before the first learner: a class arriving together never computes a cold cache;
4. moves the long-lived heap out of the garbage collector's way (`gc.freeze()`).

GET /_app/startup tells how far it is (`frozen`: all done).
"""

from __future__ import annotations

import asyncio

# Imported here, on the importing (main) thread: both register a threading exit hook when
# first imported, which raises "can't register atexit after shutdown" if that first import
# happens on the start-up thread (inside scikit-learn's) while the interpreter is exiting.
import concurrent.futures.process  # noqa: F401
import concurrent.futures.thread  # noqa: F401
import contextlib
import gc
import importlib
import logging
import os
import threading

from seqcore.core import diskcache, queue
from seqcore.core.cache import CacheStore, bounded

# The topic modules whose pages train, in the order a lesson visits them; the sentiment page's
# real-review model (the longest default) last. tests/seqcore/core/test_startup.py checks that
# every module of seqcore that declares DEFAULT_RUNS is listed here.
MODULES = (
    "seqcore.basics.compare",
    "seqcore.basics.gru_table",
    "seqcore.basics.gates",
    "seqcore.basics.longdep",
    "seqcore.basics.clipping",
    "seqcore.basics.tbptt",
    "seqcore.basics.birnn",
    "seqcore.basics.step_models",
    "seqcore.stock.recipe",
    "seqcore.quiz.startup_runs",
    "seqcore.lm.trainer",
    "seqcore.sentiment.report",
)
NAME = "DEFAULT_RUNS"  # in each module: a tuple of (store, trainer, config)

_log = logging.getLogger(__name__)
_state: dict = {"queued": 0, "done": 0, "loaded": 0, "tour": {}, "frozen": False, "pid": os.getpid()}
_thread: threading.Thread | None = None
_lock = threading.Lock()
_stopping = threading.Event()
_loop: list[asyncio.AbstractEventLoop] = []  # the server's event loop (set by lifespan)


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
            _log.warning("start-up: cannot import %s", name)
            continue
        runs += list(getattr(module, NAME, ()))
    seen, unique = set(), []
    for store, fn, config in runs:
        if (store.name, config) not in seen:
            seen.add((store.name, config))
            unique.append((store, fn, config))
    return unique


def _load_into(store: CacheStore, config, path) -> bool:
    """Puts the result saved at `path` into the store; whether there was one."""
    value = diskcache.load(path)
    if value is None:
        return False
    bounded(store).put(config, value)
    _state["loaded"] += 1
    return True


def _saving(fn, path):
    """`fn`, whose result is also written to `path` for the server's other processes."""

    def train(config, on_epoch=None):
        value = fn(config, on_epoch=on_epoch)
        diskcache.save(path, value)
        return value

    return train


def _wait(job) -> None:
    if job is not None:
        _state["queued"] += 1
        job.finished.wait()
        _state["done"] += 1


def _shared_default(run: tuple, root) -> bool:
    """One default through the shared directory: loaded, or trained under its file lock.

    False when another process holds the lock (it is training that default right now).
    """
    from seqcore.ui.training import is_cached, prewarm_job

    store, fn, config = run
    path = diskcache.file_for(store.name, config, root)
    if is_cached(store, config):  # computed on the way to another default (the GRU table's)
        if path is not None and not path.exists():
            diskcache.save(path, bounded(store).get(config))
        return True
    if path is None:  # not nameable on disk: this process computes it itself
        _wait(prewarm_job(store, fn, config))
        return True
    if _load_into(store, config, path):
        return True
    lock = diskcache.FileLock(path)
    if not lock.acquire(blocking=False):
        return False
    try:
        if not _load_into(store, config, path):  # written while we looked
            _wait(prewarm_job(store, _saving(fn, path), config))
        return True
    finally:
        lock.release()


def _compute_defaults(runs: list[tuple]) -> None:
    from seqcore.ui.training import prewarm_job

    root = diskcache.directory()
    if root is None:  # this process alone: queue them all, so each page waits on its own
        for job in [prewarm_job(*run) for run in runs]:
            _wait(job)
        return
    todo = list(runs)
    while todo and not _stopping.is_set():
        left = [run for run in todo if not _shared_default(run, root)]
        if len(left) == len(todo):  # every one left is being trained by another process
            _stopping.wait(0.5)
        todo = left


def _run() -> None:
    from seqcore.core.runtime import configure_threads, warm_up

    configure_threads()
    warm_up()  # the optimizer's and scikit-learn's first imports
    if _stopping.is_set():
        return
    _compute_defaults(default_runs())
    if _stopping.is_set():
        return
    if _loop:  # a real server: open every page once, before the first learner does
        from seqcore.ui import selftour

        future = asyncio.run_coroutine_threadsafe(selftour.tour(_stopping), _loop[0])
        try:
            _state["tour"] = future.result(timeout=600)
        except Exception as exc:  # noqa: BLE001  (the pages then warm on the first learner)
            _log.warning("start-up: the page tour failed: %s", exc)
    if _stopping.is_set():
        return
    gc.collect()
    gc.freeze()  # imports, warm-up, defaults and tour: long-lived, never collected again
    _state["frozen"] = True


def start() -> threading.Thread:
    """Starts (once per process) the thread that does all of the start-up work."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_run, name="seqcore-startup", daemon=True)
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
    diskcache.code_fingerprint()
    return time.perf_counter() - t0


@contextlib.asynccontextmanager
async def lifespan(_app):
    """st.App's start-up and shutdown hook: the server answers once every module is imported
    (preload), and the start-up work begins as it does."""
    _loop[:] = [asyncio.get_running_loop()]
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
    """GET /_app/startup: status() as JSON (bench.classroom waits on it)."""
    from starlette.responses import JSONResponse

    return JSONResponse(status())


async def session_endpoint(request):
    """GET /_app/session/<id>: 200 when this process holds that session, else 404.

    How a test behind the proxy checks that a learner's requests reach the process that holds
    their session (an id is a secret the learner already has; nothing else is told).
    """
    from starlette.responses import Response
    from streamlit.runtime import Runtime

    held = Runtime.exists() and Runtime.instance().is_active_session(request.path_params["sid"])
    return Response(status_code=200 if held else 404)


def routes() -> list:
    from starlette.routing import Route

    return [Route("/_app/startup", status_endpoint), Route("/_app/session/{sid}", session_endpoint)]


def middleware() -> list:
    """Streamlit's own JS/CSS answered from memory, before its middleware stack (ui/statics.py)."""
    from starlette.middleware import Middleware

    from seqcore.ui.statics import StaticFromMemory

    return [Middleware(StaticFromMemory)]
