"""What every page shares: the sidebar, the seed, the entry-point guard and page links."""

from __future__ import annotations

import streamlit as st
import torch

from seqcore.core.runtime import DEFAULT_SEED, device_label, get_device
from seqcore.ui.catalog import page

SEED_KEY = "seed"  # also the URL parameter: ?seed=7


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
            persist_state="session",
            bind="query-params",
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


def page_link(path: str, label: str | None = None) -> None:
    """st.page_link to one of the catalog's pages, with its title and icon."""
    info = page(path)
    st.page_link(path, label=label or info.title, icon=info.icon)
