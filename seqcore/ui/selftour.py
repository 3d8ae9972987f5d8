"""The server opens every part of every page once, in a headless session of its own, at start-up.

What a page computes for its default view (its figures, memoized results, the data it reads,
Streamlit's own modules imported on first use) is then in memory, shared by every session,
before the first learner: thirty learners who open the LSTM page together are served from it,
instead of computing it while they wait. The session is an in-process client of Streamlit's
runtime (no socket, no browser); it is closed when the tour ends.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from urllib.parse import urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from seqcore.ui.catalog import PAGES
from seqcore.ui.shell import part_key

RUN_TIMEOUT_S = 120.0  # one page part, at most (a start-up training it waits on included)
_log = logging.getLogger(__name__)


class _Client:
    """A SessionClient that keeps what one script run sends: the page hashes and tab labels."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.done = asyncio.Event()
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.tabs: list[str] = []
        self.exceptions = 0

    @property
    def client_context(self):
        return None

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages.update({p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages})
        elif kind == "delta":
            which = msg.delta.WhichOneof("type")
            if which == "add_block" and msg.delta.add_block.WhichOneof("type") == "tab":
                self.tabs.append(msg.delta.add_block.tab.label)
            elif which == "new_element" and msg.delta.new_element.WhichOneof("type") == "exception":
                self.exceptions += 1
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY:
                self.loop.call_soon_threadsafe(self.done.set)


async def _open(runtime, sid: str, client: _Client, stem: str, query: dict[str, str]) -> list[str]:
    """Runs one page (its part in `query`) and returns the tab labels it drew."""
    msg = BackMsg()
    msg.rerun_script.query_string = urlencode(query)
    if stem in client.pages:
        msg.rerun_script.page_script_hash = client.pages[stem]
    else:
        msg.rerun_script.page_name = stem
    client.done.clear()
    client.tabs = []
    runtime.handle_backmsg(sid, msg)
    await asyncio.wait_for(client.done.wait(), RUN_TIMEOUT_S)
    return list(client.tabs)


async def tour(stopping: threading.Event | None = None) -> dict:
    """Opens home, then every page's every part: {"runs", "exceptions", "seconds"}."""
    import time

    t0 = time.perf_counter()
    from streamlit.runtime import Runtime

    runtime = Runtime.instance()
    client = _Client(asyncio.get_running_loop())
    sid = runtime.connect_session(client=client, user_info={})
    runs = 0
    try:
        for stem in ["", *(p.stem for p in PAGES)]:
            labels = await _open(runtime, sid, client, stem, {})
            runs += 1
            for label in labels[1:]:  # the first part was the page's own first run
                if stopping is not None and stopping.is_set():
                    break
                await _open(runtime, sid, client, stem, {part_key(stem): label})
                runs += 1
    finally:
        runtime.close_session(sid)
    if client.exceptions:
        _log.warning("start-up tour: %d pages showed an exception", client.exceptions)
    return {"runs": runs, "exceptions": client.exceptions, "seconds": round(time.perf_counter() - t0, 1)}
