"""What every page shares: the sidebar, the share link, the seed, the entry-point guard and page links."""

from __future__ import annotations

import contextlib
import inspect
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from urllib.parse import urlencode

import streamlit as st

from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import DEFAULT_SEED
from seqcore.ui import projector, resume
from seqcore.ui.catalog import page
from seqcore.ui.widgets import start_url_check, url_notes

SOURCE_STORE = CacheStore("source_code", max_entries=64)
SEED_KEY = "seed"  # also the URL parameter: ?seed=7
SEED_MAX = 9999
_URL_BEFORE_KEY = "_url_before_page"
SHARE_KEY = "share_open"  # the sidebar's share box, open or closed (not in the URL)
SHARE_NOTE = "이 링크를 열면 이 페이지가 지금 설정으로 열려요. 설정만 담기고, 학습 결과는 담기지 않아요."


@memo(SOURCE_STORE)  # the app's own code: the same text for the whole process
def source(obj) -> str:
    """The source code of a class or function the page runs (shown as the lesson's code)."""
    return inspect.getsource(obj)


def _runtime_caption() -> str:
    """Device, torch version and threads; torch is not imported here just to print them.

    The home page does not need torch: until a page has imported it, the version is read
    from the installed package's metadata (instant) and the device is named later.
    """
    torch = sys.modules.get("torch")
    if torch is None:
        return f"PyTorch {metadata.version('torch')} · 디바이스는 첫 계산 페이지에서 확인해요"
    from seqcore.core.runtime import device_label, get_device

    return f"디바이스: **{device_label(get_device())}** · PyTorch {torch.__version__} · 스레드 {torch.get_num_threads()}개"


def _seed_input() -> None:
    st.number_input(
        "랜덤 시드 (모든 데모 공통)",
        min_value=0,
        max_value=SEED_MAX,
        value=DEFAULT_SEED,
        step=1,
        key=SEED_KEY,
        persist_state="session",
        bind="query-params",
        help="가중치 초기화, 데이터 셔플, 드롭아웃이 모두 이 시드에서 시작해요. "
        "같은 시드면 같은 결과가 나옵니다.",
    )


def sidebar() -> None:
    """The sidebar every page shares: device, torch version and the demos' seed."""
    # The URL as it came, before any widget (the seed below is the first) drops a bad value.
    st.session_state[_URL_BEFORE_KEY] = start_url_check(page_path())
    with st.sidebar:
        st.markdown("**실행 환경**")
        st.caption(_runtime_caption())
        _seed_input()
        projector.toggle()  # 프로젝터 모드 + the app-wide CSS (seqcore/ui/projector.py)


def share_link() -> str:
    """The current page's URL with its settings: the path and every bound, non-default widget value.

    Bound widgets put their non-default values in the URL (Streamlit drops defaults), so the
    link is the page's address plus those parameters; parameters that no widget of this
    session owns (a stray or foreign key) are left out, and results never are in it.
    """
    base = st.context.url or "/" + page_path()
    part = part_key(page_path())  # a page in parts that stopped before its tabs keeps it
    params = {k: st.query_params.get(k) for k in st.query_params if k in st.session_state or k == part}
    return base + ("?" + urlencode(params) if params else "")


def page_path() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return ""
    current = ctx.pages_manager.get_pages().get(ctx.pages_manager.current_page_script_hash, {})
    return current.get("url_pathname", "")


def run_page(nav) -> None:
    """Run the page `st.navigation` chose, then the sidebar's share link and link notes.

    Both come after the page because its widgets are what put values in (or drop them from)
    the URL. They run even when the page stops early with `ui.stop()` (not st.stop(), after
    which Streamlit draws nothing).
    """
    before = st.session_state.pop(_URL_BEFORE_KEY, None)
    if before is None:  # sidebar() was not called first
        before = start_url_check(nav.url_path)
    notes_box = st.sidebar.container()
    interrupted = resume.arrived(page_path())  # a run the server never finished: said, offered again
    _in_page.active = True
    try:
        # Shown only when the page takes over half a second (st.spinner's delay), from then on.
        with st.spinner(_waiting_text(), show_time=True):
            nav.run()
        stopped = False
    except PageStopped:
        stopped = True
    finally:
        _in_page.active = False
    resume.after(page_path(), interrupted)
    _after_page(before, notes_box)
    if stopped:
        st.stop()


def _waiting_text() -> str:
    """What a slow page is doing: the first one in a fresh server also loads PyTorch."""
    if "torch" not in sys.modules:
        return "계산 라이브러리(PyTorch)를 처음 불러오며 페이지를 준비하는 중이에요. 서버가 막 시작돼서 몇 초 걸려요…"
    return "페이지를 준비하는 중이에요…"


class PageStopped(Exception):
    """Raised by `stop()` inside a page: the page ends here, the sidebar's link still draws."""


_in_page = threading.local()


def stop() -> None:
    """End the page here, like st.stop(), but let the share link and link notes draw.

    After st.stop() Streamlit draws nothing more in this run, so pages call ui.stop().
    """
    if getattr(_in_page, "active", False):
        raise PageStopped
    st.stop()


def _after_page(before: dict[str, str], box) -> None:
    notes = url_notes(before)
    with box:
        for note in notes.values():
            st.caption(note)
        with folded("🔗 이 설정 공유", key=SHARE_KEY) as shown:
            if shown:
                st.caption(SHARE_NOTE)
                st.code(share_link(), language=None, wrap_lines=True)


@contextlib.contextmanager
def folded(label: str, *, key: str):
    """A closed expander whose body is drawn only while it is open: yields whether it is.

    Opening it reruns the script (Streamlit's `on_change="rerun"`), which costs the server a
    warm page run. A closed st.expander still sends its body, and the browser draws it: one
    code block there made every page, the torch-free home page too, load and run the 1.5 MB
    code highlighter (home in a new browser session: median 2.28 s before, 1.46-1.75 s after).
    """
    box = st.expander(label, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


PART_MEMORY_KEY = "_open_parts"  # page's part key -> the part open when the learner left


def part_key(page: str) -> str:
    """The URL key of a page's parts (ui.sections): `rnn` -> `rnn_part`. Part of the link format."""
    return f"{page}_part"


def _open_part(key: str, label: str) -> None:
    st.session_state[key] = label


def sections(
    key: str, parts: dict[str, Callable[[], None]], *, next_page: tuple[str, str] | None = None
) -> str:
    """The page's parts as tabs, of which only the open one runs and is drawn: returns its label.

    A lesson page of 5-10 screens drew every chart, code block and diagram at once: a new
    browser session took 3.6-6.0 s to draw a page, and 1.7-3.5 s once only the first part is
    drawn (`python -m bench.browser`, medians of 3). The open part is in the URL
    (`?<key>=<label>`, so a link opens that part, with the part's own settings); a label the
    page does not have is ignored with a note. The part open when the learner leaves the page
    is open again on return, and each part ends with a button to the next one; the last, with
    the link `next_page` (the page path and the link's label), if given. A part reads only its
    own widgets: the widgets of a closed part are not drawn, so their link values would be lost.
    """
    labels = list(parts)
    memory = st.session_state.setdefault(PART_MEMORY_KEY, {})
    if key not in st.session_state and key not in st.query_params and memory.get(key) in labels:
        st.session_state[key] = memory[key]
    tabs = st.tabs(labels, key=key, bind="query-params", on_change="rerun")
    shown = labels[0]
    for after, (label, tab) in enumerate(zip(labels, tabs, strict=True), start=1):
        if tab.open:
            shown = label
            with tab:
                parts[label]()
                if after < len(labels):
                    nxt = labels[after]
                    st.button(f"다음: {nxt} →", key=f"{key}_next", on_click=_open_part, args=(key, nxt))
                elif next_page is not None:
                    page_link(*next_page)
    memory[key] = shown
    return shown


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


def page_link(path: str, label: str | None = None) -> None:
    """st.page_link to one of the catalog's pages, with its title and icon."""
    info = page(path)
    st.page_link(path, label=label or info.title, icon=info.icon)
