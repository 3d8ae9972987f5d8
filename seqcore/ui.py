"""The one module of seqcore that imports Streamlit: sidebar, seed, progress, cached training.

Pages call `train_cached(...)` for anything that trains: the result is kept in a bounded,
process-wide store (shared by every visitor, like st.cache_resource), and a progress bar
shows the epochs while a new configuration trains.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st
import torch

from seqcore.cache import BoundedCache
from seqcore.catalog import built_pages, page
from seqcore.runtime import DEFAULT_SEED, device_label, get_device

SEED_KEY = "sidebar_seed"


def sidebar() -> None:
    """The sidebar every page shares: device, torch version and the demos' seed."""
    with st.sidebar:
        st.markdown("**실행 환경**")
        st.caption(f"디바이스: **{device_label(get_device())}**")
        st.caption(f"PyTorch {torch.__version__} · 스레드 {torch.get_num_threads()}개")
        st.number_input(
            "랜덤 시드 (모든 데모 공통)",
            min_value=0,
            max_value=9999,
            value=DEFAULT_SEED,
            step=1,
            key=SEED_KEY,
            help="가중치 초기화, 데이터 셔플, 드롭아웃이 모두 이 시드에서 시작해요. "
            "같은 시드면 같은 결과가 나옵니다.",
        )


def require_entry_point() -> None:
    """Make sure the page runs under streamlit_app.py's navigation; call it first on every page.

    Streamlit 1.67 sees the pages/ folder beside the entry point and, until some session has
    run st.navigation, serves a deep link (/rnn) in the old "pages directory" mode: the page
    file alone, without set_page_config, the sidebar or the thread settings. This leaves that
    mode and reruns, so the entry point runs and its navigation opens the page asked for.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def seed() -> int:
    """The seed that all demos use (the sidebar's value)."""
    return int(st.session_state.get(SEED_KEY, DEFAULT_SEED))


def page_link(path: str, label: str | None = None, icon: str | None = None) -> None:
    """st.page_link to a built page; plain text for a page that is not in the navigation."""
    info = next((p for p in built_pages() if p.path == path), None)
    if info is None:
        st.markdown(f"- {label or page(path).title}")
        return
    st.page_link(path, label=label or info.title, icon=icon or info.icon)


@st.cache_resource(max_entries=32, show_spinner=False)
def _store(name: str, max_entries: int) -> BoundedCache:
    return BoundedCache(max_entries)


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
    name: str,
    fn: Callable[..., Any],
    config: Hashable,
    *,
    label: str = "학습 중",
    max_entries: int = 8,
    container=None,
    on_epoch: Callable[[int, int, float], None] | None = None,
) -> Any:
    """Return `fn(config, on_epoch=...)`, computed once per config and kept in a bounded store.

    `name` separates the stores of different pages; `config` must be hashable (a frozen
    dataclass). On a miss a progress bar follows the epochs; `on_epoch`, if given, is called
    too (for a live loss chart, say).
    """
    store = _store(name, max_entries)

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

    if store.in_flight(config):
        # Another session (or the start-up prewarm) is training this very config: wait for it.
        with st.spinner(f"{label}: 같은 설정의 학습이 이미 진행 중이라 끝나기를 기다리는 중이에요…"):
            value, _ = store.get_or_compute(config, compute)
    else:
        value, _ = store.get_or_compute(config, compute)
    return value


_prewarm_lock = threading.Lock()
_prewarmed: set[tuple[str, Hashable]] = set()
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


def prewarm(name: str, fn: Callable[..., Any], config: Hashable, *, max_entries: int = 8) -> bool:
    """Start computing `train_cached(name, fn, config)` in a background thread, once per process.

    For a page whose default view needs a training run: started by the entry point when the
    server starts, it is ready (or nearly) by the time the first learner opens that page.
    Returns whether this call started the thread.
    """
    store = _store(name, max_entries)  # fetched here, in the script thread
    with _prewarm_lock:
        if (name, config) in _prewarmed or config in store:
            return False
        _prewarmed.add((name, config))

    def stop_when_asked(epoch: int, total: int, loss: float) -> None:
        if _prewarm_stop.is_set():
            raise _PrewarmCancelled

    def run() -> None:
        try:
            store.get_or_compute(config, lambda: fn(config, on_epoch=stop_when_asked))
        except Exception:  # cancelled, or failed: the page trains it itself and shows any error
            pass

    thread = threading.Thread(target=run, name=f"prewarm-{name}", daemon=True)
    _prewarm_threads.append(thread)
    thread.start()
    return True


def is_cached(name: str, config: Hashable, max_entries: int = 8) -> bool:
    """Whether `train_cached(name, ..., config)` would be served without training."""
    return config in _store(name, max_entries)


def shape_checks(report, title: str | None = "방금 계산한 비교") -> None:
    """The shape rules and the live output/state checks of a seqcore.shapes.ShapeReport."""
    st.markdown("\n".join(f"- `{name}`: {rule}" for name, rule in report.rules.items()))
    if title:
        st.markdown(f"**{title}**")
    for check in report.checks:
        icon = "✅" if check.value else "❌"
        st.markdown(f"{icon} `{check.expr}` → **{check.value}**  \n{check.note}")
