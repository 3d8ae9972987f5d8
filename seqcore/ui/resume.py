"""A run the server never finished is announced on the next load, with one click to start it again.

A run started from a page's button (ui.train_or_last) is written in the server's journal
(seqcore/core/journal.py) and its id put in the page's link (`?run=<id>`) while it runs. If the
server is killed meanwhile, the browser shows Streamlit's own "Connection error" (its English
text is the browser's, not the app's) and reconnects when the server is back, with the same link:
the page then says "학습이 중단됐어요" and offers to start the run again. The settings are the
link's, the ones the run was started with; the button's panel sees the click as its own.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

import streamlit as st

from seqcore.core.journal import Entry, journal
from seqcore.core.markup import plain
from seqcore.core.queue import Job

RUN_KEY = "run"  # the URL parameter of the run in progress
_NOTICE_KEY = "_interrupted_run"  # the session's interrupted run, until it is started again
_AGAIN_PREFIX = "_start_again_"  # + a button's key: the next run of that panel is a click


def started(page: str, button: str, label: str, config: Hashable, job: Job) -> str:
    """Write down a run that a button started; the journal forgets it when the job ends."""
    book = journal()
    rid = book.begin(page, button, label, config)
    job.when_over(lambda _job: book.end(rid))
    st.query_params[RUN_KEY] = rid
    return rid


def finished(rid: str) -> None:
    """The page saw its run end: the link no longer names it."""
    if st.query_params.get(RUN_KEY) == rid:
        del st.query_params[RUN_KEY]


def clicked_again(button: str) -> bool:
    """Whether the learner asked to start this button's interrupted run again (once)."""
    return bool(st.session_state.pop(_AGAIN_PREFIX + button, False))


def _start_again(entry: Entry) -> None:
    journal().forget(entry.run_id)
    st.session_state.pop(_NOTICE_KEY, None)
    st.session_state[_AGAIN_PREFIX + entry.button] = True


def arrived(page: str):
    """Before the page runs: take the run named in the link, if its server died before it ended.

    Returns a placeholder at the top of the page for the notice, used by `after` only when no
    panel on the page drew it (the notice belongs beside its button: a reconnecting browser keeps
    its scroll position, so the learner is looking there)."""
    _drawn.page = None
    rid = st.query_params.get(RUN_KEY)
    if rid is not None:
        entry = journal().interrupted(rid, page)
        if entry is not None:
            st.session_state[_NOTICE_KEY] = entry
        running = journal().get(rid)
        if entry is not None or running is None or running.page != page:
            del st.query_params[RUN_KEY]  # a reload mid-run keeps it: the page rejoins that run
    return st.empty() if _pending(page) is not None else None


def _pending(page: str) -> Entry | None:
    entry = st.session_state.get(_NOTICE_KEY)
    return entry if entry is not None and entry.page == page else None


def beside(page: str, button: str) -> None:
    """In a button's panel, above the button: the notice, if the interrupted run was this one's."""
    slot = st.empty()  # drawn on every run: the run after the click clears the notice at once
    entry = _pending(page)
    if entry is not None and entry.button == button:
        with slot.container():
            _notice(entry)
        _drawn.page = page


def after(page: str, placeholder) -> None:
    """After the page ran: the notice at the top, if no panel drew it (its part is closed, say)."""
    entry = _pending(page)
    if entry is not None and placeholder is not None and _drawn.page != page:
        with placeholder.container():
            _notice(entry)


def _notice(entry: Entry) -> None:
    st.warning(
        f"**학습이 중단됐어요.** 서버가 다시 시작되면서 ‘{plain(entry.label)}’ 버튼으로 시작한 학습이 "
        "끝나지 못했어요. 설정은 링크에 그대로 있어요. 같은 설정으로 다시 시작할 수 있어요.",
        icon="⏹️",
    )
    st.button("같은 설정으로 다시 학습하기", key="run_again", on_click=_start_again, args=(entry,))


_drawn = threading.local()  # .page: the page whose panel drew the notice in this script run
