"""A lightweight Streamlit learner: speaks the app's own websocket protocol, no browser.

It connects to `/_stcore/stream` with the subprotocol "streamlit", sends `BackMsg(rerun_script=
ClientState(...))` and reads `ForwardMsg`s until `script_finished` says FINISHED_SUCCESSFULLY
(a run ended early by `st.rerun()` is skipped). It keeps every element of the last run, so that
a step can find a widget's id by its key, and it keeps reading while it waits (the server drops a
session with 500 unread messages). It costs the client almost no CPU: 30 of them are a few
hundred protobuf parses per page open.

Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
MAX_FRAME = 64 * 1024 * 1024  # figures and tables exceed websockets' default of 1 MiB
QUEUE_TEXT = re.compile(r"앞에 (\d+)개의 학습")
AFFINITY_COOKIE = "seqlab_backend"  # set by scripts/serve_class.sh's nginx: the app process chosen

# Text-bearing fields of the elements a page draws: (element type, field).
TEXT_FIELDS = {
    "markdown": "body",
    "alert": "body",
    "text": "body",
    "code": "code_text",
    "progress": "text",
    "spinner": "text",
    "heading": "body",
}


@dataclass
class RunResult:
    seconds: float
    elements: list = field(default_factory=list)  # Element protos of this run, in order
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    queue_positions: list[int] = field(default_factory=list)  # "앞에 N개의 학습" seen


class Learner:
    """One session. `await open(...)`, then `await run(...)` per interaction, then `close()`.

    Behind a proxy with cookie affinity (scripts/serve_class.sh), `await load_page()` first, as a
    browser loads the page before it opens the websocket: the cookies it gets are sent with every
    later request, so the proxy keeps this learner on one app process.
    """

    def __init__(self, port: int, name: str = "learner"):
        self.port = port
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.name = name
        self.ws = None
        self.cookies: dict[str, str] = {}  # name -> value, from the page load's Set-Cookie
        self.session_id = ""  # the server's id for this session (its new_session message)
        self.pages: dict[str, str] = {}  # url path ("" for home) -> page_script_hash
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, WidgetState] = {}  # values set by this learner, by widget id

    async def load_page(self, path: str = "") -> str:
        """GET the page as a browser does before its websocket; returns the affinity cookie ("" if none)."""
        self.cookies.update(await asyncio.to_thread(_get_cookies, f"http://127.0.0.1:{self.port}/{path}"))
        return self.cookies.get(AFFINITY_COOKIE, "")

    async def open(self, resume: bool = False) -> None:
        """Opens the websocket; `resume`: as the browser reconnects, asking for the same session."""
        protocols = ["streamlit", "resume", self.session_id] if resume and self.session_id else ["streamlit"]
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        self.ws = await websockets.connect(
            self.url,
            subprotocols=protocols,
            additional_headers=headers,
            max_size=MAX_FRAME,
            open_timeout=30,
            ping_interval=None,
            proxy=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def goto(self, path: str, timeout: float = 300, query: dict[str, str] | None = None) -> RunResult:
        """Opens a page by its URL path (the first load names it by path, later ones by hash).

        Like a link, with `query` as its URL parameters (e.g. the part of a page in parts); a
        page opened from the navigation has none.
        """
        self.query_string = urlencode(query or {})
        if path in self.pages:
            self.widgets.clear()
            return await self.run(page_hash=self.pages[path], timeout=timeout)
        return await self.run(page_name=path, timeout=timeout)

    async def run(
        self,
        *,
        page_name: str | None = None,
        page_hash: str | None = None,
        triggers: tuple[str, ...] = (),
        timeout: float = 300,
    ) -> RunResult:
        """Sends one rerun request and reads until that run finishes."""
        state = BackMsg()
        cs = state.rerun_script
        cs.query_string = self.query_string
        if page_name is not None:
            cs.page_name = page_name
        else:
            cs.page_script_hash = page_hash or self.page_hash
        for ws in self.widgets.values():
            cs.widget_states.widgets.append(ws)
        for wid in triggers:
            cs.widget_states.widgets.add(id=wid, trigger_value=True)
        t0 = time.perf_counter()
        await self.ws.send(state.SerializeToString())
        result = await asyncio.wait_for(self._read_run(), timeout)
        result.seconds = time.perf_counter() - t0
        return result

    async def _read_run(self) -> RunResult:
        result = RunResult(0.0)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, result)
            elif kind == "navigation":
                for page in msg.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                result.elements.clear()
                result.exceptions.clear()
                result.texts.clear()
            elif kind == "script_finished":
                if msg.script_finished == COMPILE_ERROR:
                    result.exceptions.append("compile error")
                    return result
                if msg.script_finished == FINISHED:
                    return result

    @staticmethod
    def _element(el, result: RunResult) -> None:
        result.elements.append(el)
        kind = el.WhichOneof("type")
        if kind == "exception":
            result.exceptions.append(f"{el.exception.type}: {el.exception.message}"[:300])
            return
        attr = TEXT_FIELDS.get(kind)
        if attr:
            text = getattr(getattr(el, kind), attr)
            result.texts.append(text)
            result.queue_positions += [int(n) for n in QUEUE_TEXT.findall(text)]

    # --- widgets ---------------------------------------------------------------------------

    @staticmethod
    def find(result: RunResult, key: str, kind: str | None = None):
        """The (element type, widget proto) whose id ends with `-<key>`; None when absent."""
        for el in result.elements:
            t = el.WhichOneof("type")
            if kind and t != kind:
                continue
            w = getattr(el, t)
            wid = getattr(w, "id", "")
            if isinstance(wid, str) and wid.endswith(f"-{key}"):
                return t, w
        return None

    def set_number(self, widget_id: str, value: float, slider: bool = True) -> None:
        ws = WidgetState(id=widget_id)
        if slider:
            ws.double_array_value.data.append(float(value))
        else:
            ws.double_value = float(value)
        self.widgets[widget_id] = ws

    def set_text(self, widget_id: str, value: str) -> None:
        """A text input, or a selectbox (its value is the option as format_func shows it)."""
        self.widgets[widget_id] = WidgetState(id=widget_id, string_value=value)

    def set_choices(self, widget_id: str, values: list[str]) -> None:
        """A select_slider or multiselect: the options as format_func shows them."""
        ws = WidgetState(id=widget_id)
        ws.string_array_value.data.extend(values)
        self.widgets[widget_id] = ws


def _get_cookies(url: str) -> dict[str, str]:
    """The cookies a GET of `url` sets (its body is read and dropped, as a page load)."""
    from http.cookies import SimpleCookie

    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        jar = SimpleCookie()
        for header in r.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}
