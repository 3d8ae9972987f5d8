"""실습 퀴즈: Q1-Q10 as data records (seqcore/quiz/data), graded by computation. What a question
needs beyond its fields (a preview, a panel after an attempt, charts) is named in its record."""

import json

import streamlit as st

from seqcore import ui
from seqcore.figures import quiz as figures_quiz
from seqcore.quiz import grading, sentiment_rnn, session
from seqcore.quiz.kind_choices import essay_keywords
from seqcore.quiz.parsing import plain
from seqcore.quiz.questions import BY_ID, DIFFICULTY, QUESTION_IDS, Question

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

STATE, URL_KEY = "quiz_state", "quiz"  # the session's entries; the URL parameter that restores them


def field_input(q: Question, f, entry: dict):
    key = f"quiz_{q.qid}_{f.name}"
    if key not in st.session_state and f.name in entry["answers"]:  # restored from the URL or a file
        st.session_state[key] = entry["answers"][f.name]
    kw = ui.keep(key, url=False) | {"help": f.help or None}  # the whole quiz rides in ?quiz=
    if f.kind in ("text", "textarea"):
        draw = st.text_input if f.kind == "text" else st.text_area
        return draw(f.label, placeholder=f.placeholder, max_chars=f.max_chars, **kw)
    if f.kind == "radio":
        return st.radio(f.label, f.options, index=None, **kw)
    if f.kind == "select":
        return st.selectbox(f.label, f.options, index=f.options.index(f.default) if f.default in f.options else None,
                            placeholder="골라 주세요", **kw)  # fmt: skip
    if f.kind == "multiselect":
        return st.multiselect(f.label, f.options, placeholder="골라 주세요", **kw)
    if f.kind == "slider":
        return st.slider(f.label, int(f.min), int(f.max), int(f.default), step=int(f.step), **kw)
    return st.checkbox(f.label, value=bool(f.default), **kw)


def show_feedback(fb: dict | None) -> None:
    if not fb:
        return
    box = {"correct": st.success, "wrong": st.error, "format": st.warning, "empty": st.info}[fb["status"]]
    # A format message may echo the learner's text: never markdown (links, images, HTML stay text).
    reasons = [plain(r) if fb["status"] == "format" else r for r in fb["reasons"]]
    box(fb["message"] + "".join(f"\n- {r}" for r in reasons))


def train(store, fn, config):
    return ui.train_cached(store, fn, config, label="학습하고 채점하는 중")


def check(q: Question, answers: dict, entry: dict) -> None:
    """Grade (training first for a training question); a format problem or no answer is not counted."""
    grade, result = grading.check(q.qid, answers, train=train, seed=ui.seed())
    entry["feedback"] = grade.as_dict()
    if result is not None:
        entry["result"] = result
    if grade.counted:
        entry["status"] = grade.status


def go_to(qid: str) -> None:
    """on_click of the next-question button: runs before the script, so it may set the radio."""
    st.session_state["quiz_nav"] = qid


def preview_model(q: Question, answers: dict, entry: dict) -> None:
    st.markdown("**지금 설정으로 만든 실제 모듈의 `print(model)`**")
    st.code(sentiment_rnn.model_repr(sentiment_rnn.sentiment_config(answers, ui.seed())), language="text")


def order_chart(q: Question, answers: dict, entry: dict) -> None:
    st.markdown("**직접 확인: 순서를 섞으면 무엇이 사라질까요?**")
    ui.chart(figures_quiz.order_bars, grading.truths.order_demo(), key="quiz_q3_order")
    st.caption("주가와 음성은 이웃한 값이 닮아서(상관 ≈ 1) 순서를 섞으면 그 관계가 사라져요. "
               "학생들의 키는 처음부터 이웃끼리 관계가 없어요. 순서에 정보가 없다는 뜻입니다.")  # fmt: skip


def essay_compare(q: Question, answers: dict, entry: dict) -> None:
    left, right = st.columns(2)
    left.markdown("**내 설명**")
    left.text(answers.get("essay") or "(쓰지 않았어요)")  # the learner's text: plain, never markdown
    for gate, hits in essay_keywords(q, answers.get("essay", "")):
        left.caption(f"{gate}: {'핵심 단어 ' + ', '.join(hits) if hits else '핵심 단어가 보이지 않아요'}")
    right.markdown("**모범 답안**")
    right.markdown(q.model_answer)


def sine_results(res: dict) -> None:
    left, right = st.columns([3, 2])
    args = (res["true"], res["pred"], res["mse"], res.get("baseline_mse"))
    ui.chart(figures_quiz.sine_predictions, *args, key="quiz_sine_pred", container=left)
    ui.chart(figures_quiz.loss_curve, res["loss"], "학습 손실 (MSE)", key="quiz_sine_loss", container=right)


def sentiment_results(res: dict) -> None:
    left, right = st.columns([3, 2])
    left.dataframe(sentiment_rnn.prediction_table(res), hide_index=True)
    ui.chart(figures_quiz.loss_curve, res["loss"], "학습 손실 (BCE)", key="quiz_sentiment_loss", container=right)  # fmt: skip


PREVIEWS = {"model_print": preview_model}
AFTER_ATTEMPT = {"order_chart": order_chart, "essay_compare": essay_compare}
RESULTS = {"sine": sine_results, "sentiment": sentiment_results}


def hints_and_solution(q: Question, entry: dict) -> None:
    shown = entry["hints"]
    for i, hint in enumerate(q.hints[:shown], start=1):
        st.info(f"**힌트 {i}.** {hint}")  # our own markdown
    if shown < len(q.hints):
        if st.button(f"힌트 보기 ({shown + 1}/{len(q.hints)})", key=f"quiz_{q.qid}_hint"):
            entry["hints"] += 1
            st.rerun()
    elif not entry["solution"] and st.button("정답과 풀이 보기", key=f"quiz_{q.qid}_solution"):
        entry["solution"] = True
        st.rerun()
    if entry["solution"]:
        st.markdown("**풀이 코드**")
        st.code(q.solution_code, language="python")
        st.markdown("**이 코드를 지금 실행한 실제 출력**")
        st.code(grading.solution(q.qid, train=train, seed=ui.seed()), language="text")


def render_question(q: Question, entry: dict) -> None:
    st.subheader(f"Q{q.number}. {q.title}")
    status_line = st.empty()  # filled after the check button, so it shows the new status
    st.markdown(q.prompt)
    if q.code:
        st.code(q.code, language="python")
    answers = {f.name: field_input(q, f, entry) for f in q.fields}
    entry["answers"] = session.clean_answers(q, answers)  # kept even without a check
    if q.preview:
        PREVIEWS[q.preview](q, answers, entry)
    if st.button("학습하고 채점하기" if q.trains else "채점하기", key=f"quiz_{q.qid}_check", type="primary"):
        check(q, answers, entry)
    status_line.caption(f"난이도: {DIFFICULTY[q.difficulty]} · 상태: {session.STATUS_LABEL[entry['status']]}")  # fmt: skip
    show_feedback(entry["feedback"])
    if q.results and entry["result"]:
        RESULTS[q.results](entry["result"])
        st.caption(f"학습 시간 {entry['result']['seconds']:.1f}초 · {entry['result'].get('device', 'cpu')} · "
                   "설정이 같으면 다시 학습하지 않고 저장된 결과를 보여 줘요.")  # fmt: skip
    if q.after_attempt and entry["status"] != "not_attempted":
        AFTER_ATTEMPT[q.after_attempt](q, answers, entry)
    hints_and_solution(q, entry)
    nxt = QUESTION_IDS.index(q.qid) + 1
    if nxt < len(QUESTION_IDS):
        st.button(f"다음 문제 (Q{nxt + 1}) →", key=f"quiz_{q.qid}_next", on_click=go_to, args=(QUESTION_IDS[nxt],))  # fmt: skip


def load_entries(entries: dict[str, dict]) -> None:
    """Replace the session's answers (reload or import): widgets take the restored values."""
    for key in [k for k in st.session_state if str(k).startswith("quiz_q")]:
        del st.session_state[key]
    for qid, entry in entries.items():
        entry["feedback"] = session.restored_feedback(BY_ID[qid], entry)
    st.session_state[STATE] = session.new_state() | {"entries": entries}


# ---------------------------------------------------------------- page

if STATE not in st.session_state:  # a new session: a reload or a shared link restores from ?quiz=
    restored = session.decode_state(st.query_params.get(URL_KEY, ""))
    if restored:
        load_entries(restored)
    else:
        st.session_state[STATE] = session.new_state()
entries = st.session_state[STATE]["entries"]

st.title("실습 퀴즈")
st.markdown(
    "강의의 Q1~Q10을 직접 풀어 봐요. 정답은 미리 적어 둔 값이 아니라, 문제의 설정대로 PyTorch 모듈을 "
    "**지금 만들어 실행한 결과**와 비교해 채점해요. 형식이 틀린 답은 오답으로 세지 않아요. "
    "답과 채점 결과는 주소(URL)에 저장돼서 새로고침해도 남아요."
)
score_box = st.container()  # filled after the question, so a check shows at once
current = st.radio("문제 선택", QUESTION_IDS, horizontal=True, format_func=lambda qid: f"Q{BY_ID[qid].number}",
                   **ui.keep("quiz_nav"))  # fmt: skip
with st.container(border=True):
    render_question(BY_ID[current], entries[current])

correct, attempted, total = session.score(entries)
for col, (label, value) in zip(score_box.columns(3), (("점수", f"{correct}/{total}"),
                               ("푼 문제", f"{attempted}/{total}"), ("오답", attempted - correct))):  # fmt: skip
    col.metric(label, value)
score_box.progress(attempted / total, text=f"진행률 {attempted}/{total}")
score_box.markdown(session.score_markdown(entries))

st.header("돌아보기")
wrong = [qid for qid, e in entries.items() if e["status"] == "wrong"]
with st.expander(f"틀린 문제 다시 보기 ({len(wrong)}개)", expanded=bool(wrong)):
    st.markdown(session.review_markdown(entries) or "아직 틀린 문제가 없어요.")

left, mid, right = st.columns(3)
left.download_button("결과 내려받기 (JSON)", data=json.dumps(session.results_payload(entries), ensure_ascii=False,
                     indent=2, default=str), file_name="quiz_results.json", mime="application/json", key="quiz_download")  # fmt: skip
upload = mid.file_uploader("결과 파일로 이어 풀기", type=["json"], key="quiz_import")
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
    st.query_params.pop(URL_KEY, None)
    st.rerun()

encoded = session.encode_state(entries)
if not encoded:  # an untouched quiz keeps the link clean
    st.query_params.pop(URL_KEY, None)
elif st.query_params.get(URL_KEY) != encoded:  # the URL carries answers and attempts, never training results
    st.query_params[URL_KEY] = encoded
