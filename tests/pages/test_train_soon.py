"""ui.train_soon: a default still training does not hold up the page; its result appears later."""

from streamlit.testing.v1 import AppTest

from seqcore.core.queue import training_queue


def _page():
    import threading

    import streamlit as st

    from seqcore import ui
    from seqcore.core.cache import CacheStore

    gate = st.session_state.setdefault("gate", threading.Event())

    def slow(config, on_epoch=None):
        gate.wait(30)
        on_epoch(1, 1, 0.5)
        return f"result for {config}"

    st.title("위")
    value = ui.train_soon(CacheStore("test_train_soon", 2), slow, "cfg", label="테스트 모델 학습 중")
    st.text(f"value: {value}")
    st.title("아래")


def test_the_page_draws_around_a_default_that_is_still_training_and_shows_it_when_ready():
    at = AppTest.from_function(_page, default_timeout=30)
    at.run()
    assert [t.value for t in at.title] == ["위", "아래"]  # the page below was not held up
    assert at.text[-1].value == "value: None"
    assert any("준비 중" in c.value for c in at.caption)
    job = training_queue().job(("test_train_soon", "cfg"))
    at.session_state["gate"].set()
    assert job is not None and job.finished.wait(30)  # the queue's own event, not a sleep
    at.run()
    assert at.text[-1].value == "value: result for cfg"
