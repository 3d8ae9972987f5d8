"""Cached training through the server's one training queue: the only way a page trains.

A page passes a `CacheStore` (declared once beside its trainer), the trainer and a frozen
config. A cached result is returned at once, shared by every session. Otherwise the run goes
through the process-wide `TrainingQueue` (seqcore/core/queue.py): identical requests run once,
a session has one request at a time, and the learner sees their place in the queue
("앞에 3개의 학습이 대기 중이에요 (약 20초)"), then the epochs with the time left at the pace
measured now ("남은 시간 약 4분", seqcore/core/eta.py). A run that would take the server past its
memory budget is refused with a Korean message (seqcore/core/memory.py). A run a button started
is kept in the server's journal while it runs: if the server is killed meanwhile, the next load
says so and offers it again (seqcore/ui/resume.py).

A config may say how much memory its run needs: a method `estimate_mb()` on the config
(stock's heavy ones do); without it the run counts for the memory it is measured to take.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from seqcore.core.cache import CacheStore, bounded
from seqcore.core.memory import MemoryRefused
from seqcore.core.queue import Cancelled, Job, training_queue
from seqcore.ui import resume
from seqcore.ui.shell import page_path, stop

EpochCallback = Callable[[int, int, float], None]  # (epoch, total, loss), as core.training
STALE_NOTE = "이전 설정의 결과예요. 설정이 바뀌었으니 버튼을 눌러 다시 학습하면 새 결과로 바뀝니다."
_MISSING = object()


class ProgressReporter:
    """An `on_epoch(epoch, total, loss)` callback that drives an st.progress bar."""

    def __init__(self, label: str, container=None):
        self.label = label
        self.bar = (container or st).progress(0.0, text=label)
        self.left_s: float | None = None  # seconds left at the pace measured now, when known

    def __call__(self, epoch: int, total: int, loss: float) -> None:
        text = f"{self.label} · {epoch}/{total} 에포크 · 손실 {loss:.4g}{self.left_text()}"
        self.bar.progress(min(epoch / max(total, 1), 1.0), text=text)

    def left_text(self) -> str:
        return "" if self.left_s is None else f" · 남은 시간 {about(self.left_s)}"

    def wait_text(self, ahead: int, seconds: float) -> None:
        text = f"{self.label} · 앞에 {ahead}개의 학습이 대기 중이에요 ({about(seconds)})"
        self.bar.progress(0.0, text=text)

    def done(self) -> None:
        self.bar.empty()


def about(seconds: float) -> str:
    """A wait as a learner reads it: "약 40초", "약 4분"."""
    if seconds < 100:
        return f"약 {max(seconds, 1):.0f}초"
    return f"약 {seconds / 60:.0f}분"


def _declared(config: Hashable, name: str) -> float | None:
    """What the config's own method `name` says (an estimate), None when it declares none."""
    method = getattr(config, name, None)
    return float(method()) if callable(method) else None


def estimate_mb(config: Hashable) -> float:
    """The config's own peak-memory estimate (MB), 0 when it declares none."""
    return _declared(config, "estimate_mb") or 0.0


def estimate_s(config: Hashable) -> float | None:
    """The config's own training-time estimate (s), None when it declares none."""
    return _declared(config, "estimate_s")


def submit(
    store: CacheStore, fn: Callable[..., Any], config: Hashable, session: Hashable, background=False
) -> Job:
    """Queues `fn(config)` for `session`; the worker puts the result into `store`'s cache."""
    cache = bounded(store)

    def compute(on_epoch: EpochCallback) -> Any:
        value = fn(config, on_epoch=on_epoch)
        cache.put(config, value)
        return value

    return training_queue().submit(
        session,
        (store.name, config),
        compute,
        kind=store.name,
        estimate_mb=estimate_mb(config),
        background=background,
        estimate_s=estimate_s(config),
    )


def _session_id() -> Hashable:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else f"thread-{threading.get_ident()}"


class _Watcher:
    """Called by the queue while the session waits: queue place first, then the epochs."""

    def __init__(self, reporter: ProgressReporter, on_epoch: EpochCallback | None, seen: int = 0):
        self.reporter, self.on_epoch, self.seen = reporter, on_epoch, seen  # seen: epochs already drawn

    def __call__(self, job: Job) -> None:
        if job.state == "queued":
            # Redrawn on every tick even when unchanged: Streamlit stops a script whose tab has
            # closed at its next element update, and the queue then drops the job.
            self.reporter.wait_text(*training_queue().ahead(job))
            return
        self.replay(job)

    def replay(self, job: Job) -> None:
        self.reporter.left_s = training_queue().remaining(job) if not job.over else None
        for epoch, total, loss in job.epochs[self.seen :]:
            self.reporter(epoch, total, loss)
            if self.on_epoch is not None:
                self.on_epoch(epoch, total, loss)
        if len(job.epochs) == self.seen:  # nothing new: redraw, so that a closed tab is noticed
            last = job.epochs[-1] if job.epochs else None
            text = (
                f"{self.reporter.label} · {last[0]}/{last[1]} 에포크{self.reporter.left_text()}"
                if last
                else f"{self.reporter.label} · 시작했어요{self.reporter.left_text()}"
            )
            self.reporter.bar.progress(min(last[0] / max(last[1], 1), 1.0) if last else 0.0, text=text)
        self.seen = len(job.epochs)


def train_cached(
    store: CacheStore,
    fn: Callable[..., Any],
    config: Hashable,
    *,
    label: str = "학습 중",
    container=None,
    on_epoch: EpochCallback | None = None,
    started_by: tuple[str, str] | None = None,
) -> Any:
    """Return `fn(config, on_epoch=...)`, computed once per config and kept in `store`.

    `config` must be hashable (a frozen dataclass). On a miss the run waits its turn in the
    server's training queue, showing its place, then a progress bar follows the epochs;
    `on_epoch`, if given, is called too (for a live loss chart, say), on this session's thread.
    `started_by`: (button key, button text) of the click that asked for it; the run is then kept
    in the server's journal while it runs, so that a server killed meanwhile says so on the next
    load and offers it again (seqcore/ui/resume.py).
    """
    value = bounded(store).get(config, _MISSING)
    if value is not _MISSING:
        return value
    session = _session_id()
    try:
        job = submit(store, fn, config, session)
    except MemoryRefused as exc:
        st.error(str(exc), icon="🧮")
        stop()
    rid = resume.started(page_path(), *started_by, (store.name, config), job) if started_by else None
    reporter = ProgressReporter(label, container)
    watcher = _Watcher(reporter, on_epoch)
    try:
        value = training_queue().wait(session, job, tick=watcher)
        watcher.replay(job)  # epochs that ended between the last tick and the end
        return value
    except Cancelled:
        st.warning("학습이 취소됐어요. 버튼을 다시 눌러 주세요.", icon="⏹️")
        stop()
    finally:
        reporter.done()
        if rid is not None:
            resume.finished(rid)


def train_soon(store: CacheStore, fn: Callable[..., Any], config: Hashable, *, label: str = "학습 중") -> Any:
    """`fn(config)` if it is cached; otherwise None, without holding up the rest of the page.

    For a long default (the sentiment page's real-review model) that a learner who opens the
    page right after the server started would otherwise wait for before seeing anything below
    it. The run is queued (or joined: the start-up work is usually computing it already) for
    this session, a box shows its place in the queue and its epochs, refreshing itself every
    second, and the whole page reruns once the result is in the cache.
    """
    value = bounded(store).get(config, _MISSING)
    if value is not _MISSING:
        return value
    try:
        job = submit(store, fn, config, _session_id())
    except MemoryRefused as exc:
        st.error(str(exc), icon="🧮")
        return None
    _progress_box(job, label)
    return None


SOON_NOTE = "이 부분만 준비 중이에요. 위아래 내용은 먼저 볼 수 있어요. 끝나면 이 자리에 결과가 나와요."  # ui.train_soon


@st.fragment(run_every=1.0)
def _progress_box(job: Job, label: str) -> None:
    if job.error is not None:
        st.error(
            f"{label}: 학습하다가 문제가 생겼어요 ({type(job.error).__name__}). 페이지를 새로 고쳐 주세요."
        )
        return
    if job.finished.is_set():
        st.rerun()  # the result is in the cache now: the page draws it in this place
    # Its place in the queue, or the latest epoch (the box is drawn afresh every second).
    _Watcher(ProgressReporter(label), None, seen=max(len(job.epochs) - 1, 0))(job)
    st.caption(SOON_NOTE)


def is_cached(store: CacheStore, config: Hashable) -> bool:
    """Whether `train_cached(store, ..., config)` would be served without training."""
    return config in bounded(store)


def in_progress(store: CacheStore, config: Hashable) -> bool:
    """Whether a run of `config` is queued or running now (the start-up work, say)."""
    return training_queue().has((store.name, config))


def train_or_last(
    store: CacheStore,
    fn: Callable[..., Any],
    config: Hashable,
    *,
    key: str,
    button: str,
    label: str = "학습 중",
    idle: str = "버튼을 누르면 이 앱에서 바로 학습해요. 한 번 학습한 설정은 저장돼요.",
    on_epoch: EpochCallback | None = None,
) -> tuple[Any, bool]:
    """A train button over a cached trainer. Returns (result, stale) or (None, False).

    The result for the current config is shown when it is cached, being computed already (the
    start-up work on a default: the page waits on that run) or the button is pressed.
    Otherwise the learner's last result on this panel stays on screen, labelled as from the
    previous settings (stale=True), so that moving a slider never hides what they trained.
    """
    resume.beside(page_path(), key)  # "학습이 중단됐어요" above the button whose run the server lost
    clicked = st.button(button, type="primary", key=key) or resume.clicked_again(key)
    last_key = f"_last_result_{key}"
    if clicked or is_cached(store, config) or in_progress(store, config):
        started_by = (key, button) if clicked else None
        result = train_cached(store, fn, config, label=label, on_epoch=on_epoch, started_by=started_by)
        st.session_state[last_key] = result
        return result, False
    if last_key in st.session_state:
        st.warning(STALE_NOTE, icon="⏸️")
        return st.session_state[last_key], True
    st.info(idle)
    return None, False


_prewarm_lock = threading.Lock()
_prewarmed: set[tuple[str, Hashable]] = set()


def prewarm_job(store: CacheStore, fn: Callable[..., Any], config: Hashable) -> Job | None:
    """Queue `fn(config)` as start-up work, once per process; None if cached or already asked.

    Start-up work runs on the queue's worker after any learner's request; a learner who asks
    for the same config waits on this very run (and it becomes theirs). seqcore/ui/startup.py
    queues every page's default this way when the server starts.
    """
    with _prewarm_lock:
        if (store.name, config) in _prewarmed or is_cached(store, config):
            return None
        _prewarmed.add((store.name, config))
    return submit(store, fn, config, session=("prewarm", store.name, config), background=True)
