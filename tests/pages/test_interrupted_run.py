"""A run the server never finished: "학습이 중단됐어요" on the next load, and one click starts it
again with the same settings (seqcore/ui/resume.py). The killed server is an entry in the journal
written by a process that has ended; the real kill -9 is tests/browser/test_queue_browser.py."""

import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from seqcore.core.journal import journal


def _page():
    import streamlit as st

    from seqcore import ui
    from seqcore.core.cache import CacheStore
    from seqcore.ui import resume
    from seqcore.ui.shell import page_path

    def trainer(config, on_epoch=None):
        on_epoch(1, 1, 0.5)
        return f"trained {config}"

    top = resume.arrived(page_path())  # what ui.run_page does before every page
    hidden = st.slider("hidden", 1, 64, 16, **ui.keep("t_hidden"))  # bound to the link
    result, _ = ui.train_or_last(
        CacheStore("test_interrupted", 4), trainer, hidden, key="t_train", button="학습하기"
    )
    st.text(f"result: {result}")
    resume.after(page_path(), top)  # and after it


@pytest.fixture
def journal_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SEQCORE_JOURNAL_DIR", str(tmp_path))
    return tmp_path


def killed_server_entry(hidden: int) -> str:
    """The journal as a server killed while training `hidden` left it; returns the run's id."""
    book = journal()
    rid = book.begin("", "t_train", "학습하기", ("test_interrupted", hidden))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    path = book.folder / f"{rid}.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | {"pid": child.pid, "proc_start": ""}))
    return rid


def test_the_next_load_says_the_run_was_interrupted_and_starts_it_again(journal_dir):
    rid = killed_server_entry(hidden=24)
    at = AppTest.from_function(_page, default_timeout=30)
    at.query_params["run"] = rid
    at.query_params["t_hidden"] = "24"  # the link keeps the run's settings
    at.run()
    assert not at.exception
    assert sum("중단" in w.value for w in at.warning) == 1  # beside its button, not at the top too
    assert at.text[-1].value == "result: None"  # nothing trained yet
    at.button(key="run_again").click().run()
    assert not at.exception
    assert at.text[-1].value == "result: trained 24"  # the same settings
    assert not any("중단" in w.value for w in at.warning)
    assert not list(journal_dir.glob("*.json"))  # the new run ended and was forgotten
    assert "run" not in at.query_params


def test_a_click_writes_the_run_down_while_it_runs_and_forgets_it_after(journal_dir):
    at = AppTest.from_function(_page, default_timeout=30)
    at.run()
    at.button(key="t_train").click().run()
    assert at.text[-1].value == "result: trained 16"
    assert not list(journal_dir.glob("*.json")) and "run" not in at.query_params


@pytest.mark.parametrize("value", ["0123456789abcdef", "`![x](//x.invalid)`"])
def test_a_run_link_that_names_no_interrupted_run_is_dropped_quietly(journal_dir, value):
    at = AppTest.from_function(_page, default_timeout=30)
    at.query_params["run"] = value
    at.run()
    assert not at.exception and not at.warning
    assert "run" not in at.query_params


def _page_in_another_part():
    import streamlit as st

    from seqcore.ui import resume
    from seqcore.ui.shell import page_path

    top = resume.arrived(page_path())
    st.text("the part with the button is closed")
    resume.after(page_path(), top)


def test_the_notice_is_at_the_top_when_its_panel_is_not_on_screen(journal_dir):
    rid = killed_server_entry(hidden=24)
    at = AppTest.from_function(_page_in_another_part, default_timeout=30)
    at.query_params["run"] = rid
    at.run()
    assert not at.exception
    assert sum("중단" in w.value for w in at.warning) == 1
    assert at.button(key="run_again") is not None
