"""실습 퀴즈: every question file of seqcore/quiz/data, in its order, graded by computation. What a
question needs beyond its fields (a preview, a panel after an attempt, charts) is named in its
record; the page never branches on a question."""

import streamlit as st

from seqcore import ui
from seqcore.figures import quiz as figures_quiz
from seqcore.quiz import grading, review, session, training, truths
from seqcore.quiz.kind_choices import essay_keywords
from seqcore.quiz.questions import bank
from seqcore.quiz.records import DIFFICULTY, Question
from seqcore.quiz.sentiment_rnn import SentimentConfig, model_repr, prediction_table
from seqcore.quiz.solutions import program
from seqcore.ui.quiz_panels import field_input, files, review_panel, show_feedback

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

STATE, URL_KEY = "quiz_state", "quiz"  # the session's entries; the URL parameter that restores them


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
    st.code(model_repr(training.settings_of(SentimentConfig, answers, ui.seed())[0]), language="text")


def order_chart(q: Question, answers: dict, entry: dict) -> None:
    st.markdown("**직접 확인: 순서를 섞으면 무엇이 사라질까요?**")
    ui.chart(figures_quiz.order_bars, truths.order_demo(), key="quiz_q3_order")
    st.caption(
        "주가와 음성은 이웃한 값이 닮아서(상관 ≈ 1) 순서를 섞으면 그 관계가 사라져요. "
        "학생들의 키는 처음부터 이웃끼리 관계가 없어요. 순서에 정보가 없다는 뜻입니다."
    )


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
    left.dataframe(prediction_table(res), hide_index=True)
    ui.chart(
        figures_quiz.loss_curve, res["loss"], "학습 손실 (BCE)", key="quiz_sentiment_loss", container=right
    )


PREVIEWS = {"model_print": preview_model}
AFTER_ATTEMPT = {"order_chart": order_chart, "essay_compare": essay_compare}
RESULTS = {"sine": sine_results, "sentiment": sentiment_results}


def solution(q: Question) -> None:
    st.markdown("**풀이 코드** (그대로 실행할 수 있는 PyTorch 코드예요)")
    st.code(program(q), language="python")
    st.markdown("**이 코드를 그대로 실행한 실제 출력**")
    if q.output is None:
        st.info("이 문제의 실행 결과는 아직 저장되지 않았어요.")
        return
    st.code(q.output.rstrip("\n"), language="text")
    if q.trains:
        st.caption("학습하는 코드라 컴퓨터와 PyTorch 버전에 따라 마지막 자리 숫자가 조금 다를 수 있어요.")


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
        solution(q)


def after_check(q: Question, answers: dict, entry: dict) -> None:
    show_feedback(entry["feedback"])
    if q.results and entry["result"]:
        RESULTS[q.results](entry["result"])
        res = entry["result"]
        st.caption(
            f"학습 시간 {res['seconds']:.1f}초 · {res.get('device', 'cpu')} · "
            "설정이 같으면 다시 학습하지 않고 저장된 결과를 보여 줘요."
        )
    if q.after_attempt and entry["status"] != "not_attempted":
        AFTER_ATTEMPT[q.after_attempt](q, answers, entry)


def render_question(q: Question, entry: dict, ids: tuple[str, ...]) -> None:
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
    status_line.caption(f"난이도: {DIFFICULTY[q.difficulty]} · 상태: {session.STATUS_LABEL[entry['status']]}")
    after_check(q, answers, entry)
    hints_and_solution(q, entry)
    nxt = ids.index(q.qid) + 1
    if nxt < len(ids):
        label = f"다음 문제 (Q{nxt + 1}) →"
        st.button(label, key=f"quiz_{q.qid}_next", on_click=go_to, args=(ids[nxt],))


def load_entries(entries: dict[str, dict]) -> None:
    """Replace the session's answers (reload or import): widgets take the restored values."""
    for key in [k for k in st.session_state if str(k).startswith("quiz_q")]:
        del st.session_state[key]
    st.session_state[STATE] = session.new_state() | {"entries": session.restore(entries)}


def score(box, entries: dict[str, dict]) -> None:
    correct, attempted, total = review.score(entries)
    metrics = (
        ("점수", f"{correct}/{total}"),
        ("푼 문제", f"{attempted}/{total}"),
        ("오답", attempted - correct),
    )
    for col, (label, value) in zip(box.columns(3), metrics):
        col.metric(label, value)
    box.progress(attempted / total, text=f"진행률 {attempted}/{total}")
    box.markdown(review.score_markdown(entries))


def keep_in_url(entries: dict[str, dict]) -> None:
    encoded = session.encode_state(entries)
    if not encoded:  # an untouched quiz keeps the link clean
        st.query_params.pop(URL_KEY, None)
    elif st.query_params.get(URL_KEY) != encoded:  # answers and attempts, never training results
        st.query_params[URL_KEY] = encoded


# ---------------------------------------------------------------- page

if STATE not in st.session_state:  # a new session: a reload or a shared link restores from ?quiz=
    restored = session.decode_state(st.query_params.get(URL_KEY, ""))
    if restored:
        load_entries(restored)
    else:
        st.session_state[STATE] = session.new_state()
questions = bank()
entries = session.aligned(st.session_state[STATE]["entries"])

st.title("실습 퀴즈")
st.markdown(
    f"Q1~Q{len(questions)}을 직접 풀어 봐요. 정답은 미리 적어 둔 값이 아니라, 문제의 설정대로 PyTorch "
    "모듈을 **지금 만들어 실행한 결과**와 비교해 채점해요. 형식이 틀린 답은 오답으로 세지 않아요. "
    "답과 채점 결과는 주소(URL)에 저장돼서 새로고침해도 남아요."
)
st.caption("답을 쓰고 Enter를 누르면 반영돼요 (입력 칸의 'Press Enter to apply'가 그 뜻이에요).")
score_box = st.container()  # filled after the question, so a check shows at once
labels = {q.qid: f"Q{q.number}" for q in questions}
current = st.radio("문제 선택", questions.ids, horizontal=True, format_func=labels.get, **ui.keep("quiz_nav"))
with st.container(border=True):
    render_question(questions[current], entries[current], questions.ids)
score(score_box, entries)
review_panel(entries)
files(entries, load_entries, URL_KEY)
keep_in_url(entries)
