"""ui.sections: a page's parts as lazy tabs, the open one in the URL, a button to the next."""

from apphelp import open_part
from streamlit.testing.v1 import AppTest

SCRIPT = """
import streamlit as st
from seqcore import ui

def first():
    st.markdown("첫 부분")
    st.slider("a", 1, 10, 3, **ui.keep("t_a"))

def second():
    st.markdown("둘째 부분")
    st.slider("b", 1, 10, 5, **ui.keep("t_b"))

def third():
    st.markdown("셋째 부분")

st.caption(ui.sections("t_part", {"개념": first, "실험": second, "정리": third}))
"""


def drawn(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.endswith("부분")]


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def test_only_the_first_part_runs_at_first_and_its_button_opens_the_next():
    at = run()
    assert not at.exception
    assert drawn(at) == ["첫 부분"] and at.caption[0].value == "개념"
    assert [s.key for s in at.slider] == ["t_a"]
    at.button(key="t_part_next").click().run()
    assert drawn(at) == ["둘째 부분"] and at.caption[0].value == "실험"
    assert at.query_params["t_part"] == "실험"
    at.button(key="t_part_next").click().run()
    assert drawn(at) == ["셋째 부분"]
    assert not at.button  # the last part has no next


def test_a_link_opens_its_part_with_the_parts_settings():
    at = run({"t_part": "실험", "t_b": "9"})
    assert drawn(at) == ["둘째 부분"]
    assert at.slider(key="t_b").value == 9


def test_a_part_the_page_does_not_have_opens_the_first_part():
    at = run({"t_part": "없는 탭"})
    assert not at.exception
    assert drawn(at) == ["첫 부분"]
    assert "t_part" not in at.query_params


def test_a_closed_parts_setting_is_kept_for_when_it_opens_again():
    at = run()
    at.slider(key="t_a").set_value(8).run()
    at.button(key="t_part_next").click().run()
    open_part(at, "t_part", "개념")
    assert drawn(at) == ["첫 부분"]
    assert at.slider(key="t_a").value == 8
