"""The quiz page's panels (pages/quiz.py): a question's input widget, its feedback, the review of
every attempted question, and the results file (download, import, reset).

Everything a learner typed, a link carried or a file held is shown as plain text (`st.text`, or
through `plain`), never as markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from seqcore.quiz import session
from seqcore.quiz.parsing import plain
from seqcore.quiz.records import Question
from seqcore.quiz.review import review_items
from seqcore.ui.widgets import keep

BOX = {"correct": st.success, "wrong": st.error, "format": st.warning, "empty": st.info}


def field_input(q: Question, f, entry: dict):
    key = f"quiz_{q.qid}_{f.name}"
    if key not in st.session_state and f.name in entry["answers"]:  # restored from the URL or a file
        st.session_state[key] = entry["answers"][f.name]
    kw = keep(key, url=False) | {"help": f.help or None}  # the whole quiz rides in ?quiz=
    if f.kind in ("text", "textarea"):
        draw = st.text_input if f.kind == "text" else st.text_area
        return draw(f.label, placeholder=f.placeholder, max_chars=f.max_chars, **kw)
    if f.kind == "radio":
        return st.radio(f.label, f.options, index=None, **kw)
    if f.kind == "select":
        index = f.options.index(f.default) if f.default in f.options else None
        return st.selectbox(f.label, f.options, index=index, placeholder="골라 주세요", **kw)
    if f.kind == "multiselect":
        return st.multiselect(f.label, f.options, placeholder="골라 주세요", select_all=False, **kw)
    if f.kind == "slider":
        return st.slider(f.label, int(f.min), int(f.max), int(f.default), step=int(f.step), **kw)
    return st.checkbox(f.label, value=bool(f.default), **kw)


def show_feedback(fb: dict | None) -> None:
    """A grade's headline and reasons. A reason may echo the learner's text: all of it is plain
    text (links, images, HTML and math stay as typed)."""
    if fb:
        BOX[fb["status"]](plain(fb["message"]) + "".join(f"\n- {plain(r)}" for r in fb["reasons"]))


def review_item(item: dict) -> None:
    """One attempted question in its own box: my answer (plain text), the right one, the rule."""
    with st.container(border=True):
        word = session.STATUS_LABEL[item["status"]]
        st.markdown(f"**Q{item['number']}. {plain(item['title'])}** · {word}")
        mine = "\n".join(f"{label}: {value}" for label, value in item["answers"]) or "(답 없음)"
        st.caption("내 답")
        st.text(mine)  # the learner's text, never markdown
        st.caption("정답 (지금 계산한 값)")
        st.text("\n".join(f"{label}: {value}" for label, value in item["key"]))
        if item["why"]:
            st.markdown(f"💡 {plain(item['why'])}")


def review_panel(entries: dict[str, dict]) -> None:
    st.header("돌아보기")
    items = review_items(entries)
    wrong = sum(it["status"] == "wrong" for it in items)
    with st.expander(f"푼 문제 돌아보기 ({len(items)}개, 오답 {wrong}개)", expanded=bool(wrong)):
        if not items:
            st.write("아직 채점한 문제가 없어요.")
        for item in items:
            review_item(item)


def files(entries: dict[str, dict], load_entries: Callable[[dict], None], url_key: str) -> None:
    """Download the results, continue from a downloaded file (`load_entries`), or start over."""
    left, mid, right = st.columns(3)
    payload = json.dumps(session.results_payload(entries), ensure_ascii=False, indent=2, default=str)
    left.download_button(
        "결과 내려받기 (JSON)",
        data=payload,
        file_name="quiz_results.json",
        mime="application/json",
        key="quiz_download",
    )
    upload = mid.file_uploader("결과 파일로 이어 풀기", type=["json"], key="quiz_import")
    mid.caption(
        "내려받은 JSON 파일을 위 상자에 끌어다 놓거나 'Upload'(올리기)를 눌러 골라요. "
        "'per file'은 파일 하나의 최대 크기예요."
    )
    if upload is not None and st.session_state.get("quiz_imported") != upload.file_id:
        imported, error = session.import_results(upload.getvalue())
        st.session_state["quiz_imported"], st.session_state["quiz_import_error"] = upload.file_id, error
        if imported is not None:
            load_entries(imported)
            st.rerun()
    if upload is not None and st.session_state.get("quiz_import_error"):
        mid.error(
            f"불러오지 않았어요. {plain(st.session_state['quiz_import_error'])} 지금까지의 답은 그대로예요."
        )
    if right.button("처음부터 다시 풀기 (초기화)", key="quiz_reset"):
        for key in [k for k in st.session_state if str(k).startswith("quiz_")]:
            del st.session_state[key]
        st.query_params.pop(url_key, None)
        st.rerun()
