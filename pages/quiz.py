"""실습 퀴즈: the lesson's Q1-Q10, answered with structured inputs and graded by computation."""

import json
from dataclasses import replace

import streamlit as st

from seqcore import ui
from seqcore.figures import quiz as figures_quiz
from seqcore.quiz import grading
from seqcore.quiz import questions as quiz
from seqcore.quiz import training as quiz_train

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

STATE = "quiz_state"  # survives page switches (widget keys do not)
BY_ID = {q.qid: q for q in quiz.QUESTIONS}


def new_entry() -> dict:
    return {
        "answers": {},
        "status": "not_attempted",
        "feedback": None,
        "hints": 0,
        "solution": False,
        "result": None,
    }


def restore(key: str, value) -> None:
    """Give a widget its stored answer back after a page switch dropped its key."""
    if key not in st.session_state:
        st.session_state[key] = value


def field_input(q: quiz.Question, f: quiz.Field, entry: dict):
    key = f"quiz_{q.qid}_{f.name}"
    empty = {"text": "", "textarea": "", "multiselect": [], "radio": None}.get(f.kind, f.default)
    restore(key, entry["answers"].get(f.name, empty))
    kw = dict(key=key, help=f.help or None)
    if f.kind == "text":
        st.text_input(f.label, placeholder=f.placeholder, **kw)
    elif f.kind == "textarea":
        st.text_area(f.label, placeholder=f.placeholder, height=110, **kw)
    elif f.kind == "radio":
        st.radio(f.label, f.options, index=None, **kw)
    elif f.kind == "select":
        st.selectbox(f.label, f.options, index=None, placeholder="골라 주세요", **kw)
    elif f.kind == "multiselect":
        st.multiselect(f.label, f.options, placeholder="골라 주세요", **kw)
    elif f.kind == "slider":
        st.slider(f.label, int(f.min), int(f.max), step=int(f.step), **kw)
    elif f.kind == "checkbox":
        st.checkbox(f.label, **kw)
    return st.session_state[key]


def show_feedback(fb: dict | None) -> None:
    if not fb:
        return
    box = {"correct": st.success, "wrong": st.error, "format": st.warning}[fb["status"]]
    box(fb["message"] + "".join(f"\n- {r}" for r in fb["reasons"]))


def check(q: quiz.Question, answers: dict, entry: dict) -> None:
    """Grade (training first for Q9/Q10) and store the result in the quiz's own state."""
    if q.qid == "q9":
        cfg = quiz_train.sine_config(answers, ui.seed())
        res = ui.train_cached(quiz_train.SINE_STORE, quiz_train.train_sine, cfg, label="사인파 LSTM 학습 중")
        entry["result"] = quiz_train.sine_summary(res)
        g = grading.grade_requirements(quiz_train.check_sine(res))
    elif q.qid == "q10":
        cfg = quiz_train.sentiment_config(answers, ui.seed())
        res = ui.train_cached(
            quiz_train.SENTIMENT_STORE, quiz_train.train_sentiment, cfg, label="감성 분석 학습 중"
        )
        entry["result"] = quiz_train.sentiment_summary(res)
        g = grading.grade_requirements(quiz_train.check_sentiment(res))
    else:
        g = grading.grade(q.qid, answers)
    entry["feedback"] = {"status": g.status, "message": g.message, "reasons": list(g.reasons)}
    if g.counted:  # a format problem is never counted as wrong
        entry["status"] = g.status


@st.cache_data(max_entries=16, show_spinner=False)
def solution_text(qid: str) -> str:
    return grading.solution_output(qid)


def solution_output(qid: str) -> str:
    """The solution's real output; Q9/Q10 train the solution through the same cached store."""
    if qid == "q9":
        cfg = replace(quiz_train.SINE_SOLUTION, seed=ui.seed())
        res = ui.train_cached(quiz_train.SINE_STORE, quiz_train.train_sine, cfg, label="풀이 학습 중")
        return quiz_train.sine_output(res)
    if qid == "q10":
        cfg = replace(quiz_train.SENTIMENT_SOLUTION, seed=ui.seed())
        res = ui.train_cached(
            quiz_train.SENTIMENT_STORE, quiz_train.train_sentiment, cfg, label="풀이 학습 중"
        )
        return quiz_train.sentiment_output(res)
    return solution_text(qid)


@st.cache_data(max_entries=1, show_spinner=False)
def order_rows() -> list[tuple[str, float, float]]:
    return grading.order_demo()


def go_to(qid: str) -> None:
    """on_click of the next-question button: runs before the script, so it may set the radio."""
    st.session_state["quiz_nav"] = qid
    st.session_state[STATE]["current"] = qid


@st.cache_data(max_entries=32, show_spinner=False)
def model_print(cfg: quiz_train.SentimentConfig) -> str:
    return quiz_train.model_repr(cfg)


def training_results(q: quiz.Question, entry: dict) -> None:
    res = entry["result"]
    if not res:
        return
    if q.qid == "q9":
        left, right = st.columns([3, 2])
        left.plotly_chart(
            figures_quiz.sine_predictions(res["true"], res["pred"], res["mse"]), key="quiz_q9_pred"
        )
        right.plotly_chart(figures_quiz.loss_curve(res["loss"], "학습 손실 (MSE)"), key="quiz_q9_loss")
    else:
        left, right = st.columns([3, 2])
        names = {"review": "리뷰", "prob": "긍정 확률", "label": "예측", "expected": "정답"}
        table = [{names[k]: v for k, v in row.items()} for row in res["predictions"]]
        left.dataframe(table, hide_index=True, width="stretch")
        right.plotly_chart(figures_quiz.loss_curve(res["loss"], "학습 손실 (BCE)"), key="quiz_q10_loss")
    st.caption(
        f"학습 시간 {res['seconds']:.1f}초 · 설정이 같으면 다시 학습하지 않고 저장된 결과를 보여 줘요."
    )


def render_question(q: quiz.Question, entry: dict) -> None:
    st.subheader(f"Q{q.number}. {q.title}")
    status_line = st.empty()  # filled after the check button, so it shows the new status
    st.markdown(q.prompt)
    if q.code:
        st.code(q.code, language="python")
    answers = {f.name: field_input(q, f, entry) for f in q.fields}
    entry["answers"] = answers  # kept even without a check, so a page switch loses nothing
    if q.qid == "q10":
        st.markdown("**지금 설정으로 만든 실제 모듈의 `print(model)`**")
        st.code(model_print(quiz_train.sentiment_config(answers, ui.seed())), language="text")
    label = "학습하고 채점하기" if q.trains else "채점하기"
    if st.button(label, key=f"quiz_{q.qid}_check", type="primary"):
        check(q, answers, entry)
    status = figures_quiz.STATUS_LABEL[entry["status"]]
    status_line.caption(f"난이도: {quiz.DIFFICULTY[q.difficulty]} · 상태: {status}")
    show_feedback(entry["feedback"])
    if q.trains:
        training_results(q, entry)
    if q.qid == "q3" and entry["status"] != "not_attempted":
        st.markdown("**직접 확인: 순서를 섞으면 무엇이 사라질까요?**")
        st.plotly_chart(figures_quiz.order_bars(order_rows()), key="quiz_q3_order")
        st.caption("주가와 음성은 이웃한 값이 닮아서(상관 ≈ 1) 순서를 섞으면 그 관계가 사라져요. "
                   "학생들의 키는 처음부터 이웃끼리 관계가 없어요. 순서에 정보가 없다는 뜻입니다.")  # fmt: skip
    if q.qid == "q4" and entry["status"] != "not_attempted":
        left, right = st.columns(2)
        left.markdown("**내 설명**")
        left.write(answers.get("essay") or "(쓰지 않았어요)")
        for gate, hits in grading.essay_keywords(answers.get("essay", "")):
            left.caption(f"{gate}: {'핵심 단어 ' + ', '.join(hits) if hits else '핵심 단어가 보이지 않아요'}")
        right.markdown("**모범 답안**")
        right.markdown(quiz.Q4_MODEL_ANSWER)

    shown = entry["hints"]
    for i, hint in enumerate(q.hints[:shown], start=1):
        st.info(f"힌트 {i}. {hint}")
    if shown < len(q.hints):
        if st.button(f"힌트 보기 ({shown + 1}/{len(q.hints)})", key=f"quiz_{q.qid}_hint"):
            entry["hints"] += 1
            st.rerun()
    elif not entry["solution"]:
        if st.button("정답과 풀이 보기", key=f"quiz_{q.qid}_solution"):
            entry["solution"] = True
            st.rerun()
    if entry["solution"]:
        st.markdown("**풀이 코드**")
        st.code(q.solution_code, language="python")
        st.markdown("**이 코드를 지금 실행한 실제 출력**")
        st.code(solution_output(q.qid), language="text")
    ids = quiz.QUESTION_IDS
    if q.qid != ids[-1]:
        nxt = ids[ids.index(q.qid) + 1]
        st.button(
            f"다음 문제 (Q{BY_ID[nxt].number}) →", key=f"quiz_{q.qid}_next", on_click=go_to, args=(nxt,)
        )


# ---------------------------------------------------------------- page

state = st.session_state.setdefault(
    STATE, {"entries": {qid: new_entry() for qid in quiz.QUESTION_IDS}, "current": quiz.QUESTION_IDS[0]}
)
entries = state["entries"]

st.title("실습 퀴즈")
st.markdown(
    "강의의 Q1~Q10을 직접 풀어 봐요. 정답은 미리 적어 둔 값이 아니라, 문제의 설정대로 PyTorch 모듈을 "
    "**지금 만들어 실행한 결과**와 비교해 채점해요. 형식이 틀린 답은 오답으로 세지 않아요."
)

score_box = st.container()  # filled after the question, so a check shows at once

restore("quiz_nav", state["current"])
current = st.radio(
    "문제 선택",
    quiz.QUESTION_IDS,
    key="quiz_nav",
    horizontal=True,
    format_func=lambda qid: f"Q{BY_ID[qid].number}",
)
state["current"] = current
with st.container(border=True):
    render_question(BY_ID[current], entries[current])

statuses = {qid: e["status"] for qid, e in entries.items()}
correct = sum(s == "correct" for s in statuses.values())
attempted = sum(s != "not_attempted" for s in statuses.values())
c1, c2, c3 = score_box.columns(3)
c1.metric("점수", f"{correct}/{len(entries)}")
c2.metric("푼 문제", f"{attempted}/{len(entries)}")
c3.metric("오답", attempted - correct)
score_box.progress(attempted / len(entries), text=f"진행률 {attempted}/{len(entries)}")
score_box.plotly_chart(
    figures_quiz.score_strip(statuses), key="quiz_score_strip", config={"displayModeBar": False}
)

st.header("돌아보기")
wrong = [qid for qid, s in statuses.items() if s == "wrong"]
with st.expander(f"틀린 문제 다시 보기 ({len(wrong)}개)", expanded=bool(wrong)):
    if not wrong:
        st.write("아직 틀린 문제가 없어요.")
    for qid in wrong:
        fb = entries[qid]["feedback"] or {}
        st.markdown(f"**Q{BY_ID[qid].number}. {BY_ID[qid].title}**: {fb.get('message', '')}")
        for r in fb.get("reasons", []):
            st.markdown(f"- {r}")

results = quiz.results_payload(entries)
left, right = st.columns(2)
left.download_button(
    "결과 내려받기 (JSON)",
    data=json.dumps(results, ensure_ascii=False, indent=2, default=str),
    file_name="quiz_results.json",
    mime="application/json",
    key="quiz_download",
)
if right.button("처음부터 다시 풀기 (초기화)", key="quiz_reset"):
    for key in [k for k in st.session_state if str(k).startswith("quiz_")]:
        del st.session_state[key]
    st.rerun()
