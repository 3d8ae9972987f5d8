"""Cached training with progress: the only way a page trains.

A page passes a `CacheStore` (declared once beside its trainer), the trainer and a frozen
config. The result is kept in that bounded, process-wide store, shared by every visitor; on a
miss a progress bar follows the epochs.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from seqcore.core.cache import CacheStore, bounded
from seqcore.core.training import EpochCallback

STALE_NOTE = "이전 설정의 결과예요. 설정이 바뀌었으니 버튼을 눌러 다시 학습하면 새 결과로 바뀝니다."


class ProgressReporter:
    """An `on_epoch(epoch, total, loss)` callback that drives an st.progress bar."""

    def __init__(self, label: str, container=None):
        self.label = label
        self.bar = (container or st).progress(0.0, text=label)

    def __call__(self, epoch: int, total: int, loss: float) -> None:
        text = f"{self.label} · {epoch}/{total} 에포크 · loss {loss:.4g}"
        self.bar.progress(min(epoch / max(total, 1), 1.0), text=text)

    def done(self) -> None:
        self.bar.empty()


def train_cached(
    store: CacheStore,
    fn: Callable[..., Any],
    config: Hashable,
    *,
    label: str = "학습 중",
    container=None,
    on_epoch: EpochCallback | None = None,
) -> Any:
    """Return `fn(config, on_epoch=...)`, computed once per config and kept in `store`.

    `config` must be hashable (a frozen dataclass). On a miss a progress bar follows the
    epochs; `on_epoch`, if given, is called too (for a live loss chart, say).
    """
    cache = bounded(store)

    def compute():
        reporter = ProgressReporter(label, container)

        def report(epoch: int, total: int, loss: float) -> None:
            reporter(epoch, total, loss)
            if on_epoch is not None:
                on_epoch(epoch, total, loss)

        try:
            return fn(config, on_epoch=report)
        finally:
            reporter.done()

    if cache.in_flight(config):
        # Another session (or the start-up prewarm) is training this very config: wait for it.
        with st.spinner(f"{label}: 같은 설정의 학습이 이미 진행 중이라 끝나기를 기다리는 중이에요…"):
            value, _ = cache.get_or_compute(config, compute)
    else:
        value, _ = cache.get_or_compute(config, compute)
    return value


def is_cached(store: CacheStore, config: Hashable) -> bool:
    """Whether `train_cached(store, ..., config)` would be served without training."""
    return config in bounded(store)


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

    The result for the current config is shown when it is cached or the button is pressed.
    Otherwise the learner's last result on this panel stays on screen, labelled as from the
    previous settings (stale=True), so that moving a slider never hides what they trained.
    """
    clicked = st.button(button, type="primary", key=key)
    last_key = f"_last_result_{key}"
    if clicked or is_cached(store, config):
        result = train_cached(store, fn, config, label=label, on_epoch=on_epoch)
        st.session_state[last_key] = result
        return result, False
    if last_key in st.session_state:
        st.warning(STALE_NOTE, icon="⏸️")
        return st.session_state[last_key], True
    st.info(idle)
    return None, False


_prewarm_lock = threading.Lock()
_prewarmed: set[tuple[CacheStore, Hashable]] = set()
_prewarm_threads: list[threading.Thread] = []
_prewarm_stop = threading.Event()


class _PrewarmCancelled(Exception):
    pass


@atexit.register
def _stop_prewarm() -> None:
    # A daemon thread still inside torch when the interpreter finalizes aborts the process
    # ("terminate called without an active exception"): stop at the next epoch and wait.
    _prewarm_stop.set()
    for t in _prewarm_threads:
        t.join(timeout=10)


def prewarm(store: CacheStore, fn: Callable[..., Any], config: Hashable) -> bool:
    """Start computing `train_cached(store, fn, config)` in a background thread, once per process.

    For a page whose default view needs a training run: started when the server starts, it
    is ready (or nearly) by the time the first learner opens that page. Returns whether this
    call started the thread.
    """
    cache = bounded(store)
    with _prewarm_lock:
        if (store, config) in _prewarmed or config in cache:
            return False
        _prewarmed.add((store, config))

    def stop_when_asked(epoch: int, total: int, loss: float) -> None:
        if _prewarm_stop.is_set():
            raise _PrewarmCancelled

    def run() -> None:
        try:
            cache.get_or_compute(config, lambda: fn(config, on_epoch=stop_when_asked))
        except Exception:  # cancelled, or failed: the page trains it itself and shows any error
            pass

    thread = threading.Thread(target=run, name=f"prewarm-{store.name}", daemon=True)
    _prewarm_threads.append(thread)
    thread.start()
    return True
