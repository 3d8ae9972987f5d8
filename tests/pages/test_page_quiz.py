import json
import re

import pytest
from apphelp import open_page

from seqcore.quiz import grading, session, training
from seqcore.quiz.questions import bank

QUESTIONS = bank().questions
BY_ID = {q.qid: q for q in QUESTIONS}
N = len(QUESTIONS)  # the folder's count: the page shows every file

PAGE = "pages/quiz.py"

SAME, DIFFERENT = BY_ID["q2"].field("case0").options
Q3_OPTIONS, Q3_REASONS = BY_ID["q3"].field("choice").options, BY_ID["q3"].field("reason").options
Q4_ROLES, Q5_REASONS = BY_ID["q4"].field("gate0").options, BY_ID["q5"].field("reasons").options

# Widget values that answer each question correctly (the graders compute the truth).
RIGHT = {
    "q1": {"outputs": "(16, 20, 100)", "h_n": "torch.Size([2, 16, 100])"},
    "q2": {"case0": SAME, "case1": SAME, "case2": DIFFERENT},
    "q3": {"choice": Q3_OPTIONS[2], "reason": Q3_REASONS[0]},
    "q4": {
        "gate0": Q4_ROLES[0],
        "gate1": Q4_ROLES[1],
        "gate2": Q4_ROLES[2],
        "essay": "이전 기억을 버리고, 새 정보를 저장하고, h_t로 내보내요.",
    },
    "q5": {"reasons": list(Q5_REASONS[:2]), "lstm": "2,560", "gru": "１９２０"},
    "q6": {"outputs": "8,15,128", "h_n": "[2, 8, 64]", "c_n": "(2, 8, 64)"},
    "q7": {"X": "5, 5", "y": "[110 107 112 115 113]"},
    "q8": {"out": "(4, 10, 64)"},
    "q9": {"seq_length": 20, "hidden_size": 32, "epochs": 30, "lr": 0.01, "batch_size": 64},
    "q10": {"rnn_type": "GRU", "num_layers": 2, "dropout": 0.3},
}


def widget(at, qid, name):
    kind = bank()[qid].field(name).kind  # the folder the page reads (a test may point elsewhere)
    getter = {
        "text": at.text_input,
        "textarea": at.text_area,
        "radio": at.radio,
        "select": at.selectbox,
        "multiselect": at.multiselect,
        "slider": at.slider,
        "checkbox": at.checkbox,
    }[kind]
    return getter(key=f"quiz_{qid}_{name}")


def go_to(at, qid):
    at.radio(key="quiz_nav").set_value(qid).run()
    assert not at.exception
    return at


def answer(at, qid, values, check=True):
    go_to(at, qid)
    for name, value in values.items():
        widget(at, qid, name).set_value(value)
    at.run()
    if check:
        at.button(key=f"quiz_{qid}_check").click().run()
    assert not at.exception
    return at


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_first_render_shows_score_and_question_one():
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "실습 퀴즈"
    assert metrics(at) == {"점수": f"0/{N}", "푼 문제": f"0/{N}", "오답": "0"}
    assert at.subheader[0].value == "Q1. RNN 출력 shape 계산하기"
    assert "nn.RNN(input_size=50, hidden_size=100, num_layers=2" in at.code[0].value
    assert any("미응답" in c.value for c in at.caption)
    # The score: one badge per question, as text (the first view draws no plotly chart).
    assert not at.get("plotly_chart")
    strip = next(m.value for m in at.markdown if "-badge[Q1" in m.value)
    assert strip.count(":gray-badge[") == N and "✓ 정답 · ✗ 오답 · ○ 미응답" in strip


@pytest.mark.slow  # trains the Q9 and Q10 models
def test_every_question_answered_right_gives_a_full_score():
    """Trains the two training questions through the page (about 20 s on a busy machine)."""
    at = open_page(PAGE)
    for q in QUESTIONS:  # the typed forms above, or the answer key the graders compute
        answer(at, q.qid, RIGHT.get(q.qid) or grading.answer_key(q))
        assert at.success, (q.qid, [e.value for e in at.error], [w.value for w in at.warning])
        assert at.success[0].value.startswith("정답"), q.qid
    assert metrics(at)["점수"] == f"{N}/{N}"
    assert metrics(at)["오답"] == "0"
    strip = next(m.value for m in at.markdown if "-badge[Q1" in m.value)
    assert strip.count(":green-badge[") == N and ":gray-badge[" not in strip
    # Q10 shows print(model) of the real module and its predictions on the lesson's test reviews.
    go_to(at, "q10")
    codes = " ".join(c.value for c in at.code)
    assert "(rnn): GRU(32, 32, num_layers=2, batch_first=True, dropout=0.3, bidirectional=True)" in codes
    table = at.dataframe[0].value
    assert list(table["리뷰"]) == [
        "this movie was great",
        "the film is terrible",
        "really loved it",
        "very bad film",
    ]
    # Q9's chart is the real prediction of the test part.
    go_to(at, "q9")
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    pred = next(f for f in figs if f["data"] and f["data"][0].get("name") == "실제값")
    assert len(pred["data"][1]["y"]) == 96
    assert "MSE" in pred["layout"]["title"]["text"]


@pytest.mark.parametrize(
    "qid, values, misconception, right",
    [
        (
            "q1",
            {"outputs": "16, 20, 100", "h_n": "16, 2, 100"},
            "batch_first=True는 h_n에는 적용되지 않아요",
            "(2, 16, 100)",
        ),
        ("q8", {"out": "1000, 64"}, "embedding.weight", "(4, 10, 64)"),
        ("q3", {"choice": Q3_OPTIONS[0], "reason": Q3_REASONS[0]}, "일별 주가는", Q3_OPTIONS[2]),
    ],
)
def test_wrong_answer_shows_feedback_and_review(qid, values, misconception, right):
    at = open_page(PAGE)
    answer(at, qid, values)
    assert at.error and misconception in at.error[0].value.replace("\\", "")
    assert metrics(at) == {"점수": f"0/{N}", "푼 문제": f"1/{N}", "오답": "1"}
    panel = at.expander[0]
    texts = [t.value for t in panel.text]
    assert len(texts) == 2 and right in texts[1]  # my answer, then the answer computed now
    assert all(v in texts[0] for v in values.values())
    assert any("💡" in m.value for m in panel.markdown)  # the rule in one line
    assert "상태: 오답" in " ".join(c.value for c in at.caption)


def test_the_review_keeps_questions_apart():
    at = open_page(PAGE)
    answer(at, "q1", RIGHT["q1"])
    answer(at, "q8", {"out": "1000, 64"})
    panel = at.expander[0]
    heads = [m.value for m in panel.markdown if m.value.startswith("**Q")]
    assert [h.split(".")[0] for h in heads] == ["**Q8", "**Q1"]  # one box each, the wrong one first
    assert len(panel.text) == 4


def test_malformed_answers_show_format_message_and_are_not_counted():
    at = open_page(PAGE)
    for bad in ["16 x 20 x", "abc", "", "(16,,20,100)", "-16, 20, 100", "16, 20, 99999999", "9" * 60]:
        answer(at, "q1", {"outputs": bad, "h_n": "2, 16, 100"})
        assert at.warning and "형식" in at.warning[0].value, bad
        assert "(2, 3, 4)" in at.warning[0].value.replace("\\", "")  # shown escaped, reads the same
        assert "16, 20, 100" not in at.warning[0].value.replace("\\", "")  # the example answers nothing
        assert not at.error
        assert metrics(at) == {"점수": f"0/{N}", "푼 문제": f"0/{N}", "오답": "0"}
        assert at.text_input(key="quiz_q1_outputs").value == bad  # nothing the learner typed is lost
    answer(at, "q5", {"reasons": list(Q5_REASONS[:2]), "lstm": "-2560", "gru": "1920"})
    assert at.warning and "음수" in at.warning[0].value
    assert metrics(at)["푼 문제"] == f"0/{N}"


def test_the_notations_a_learner_writes_are_accepted():
    at = open_page(PAGE)
    h_n = ["2x16x100", "2×16×100", "2 16 100", "[2, 16, 100]", "torch.Size([2, 16, 100])", "(2, 16, 100)"]
    for outputs, state in zip(
        [
            "16x20x100",
            "16×20×100",
            "16 20 100",
            "[16, 20, 100]",
            "torch.Size([16, 20, 100])",
            "(16, 20, 100)",
        ],
        h_n,
    ):
        answer(at, "q1", {"outputs": outputs, "h_n": state})
        assert at.success, (outputs, [w.value for w in at.warning])


def test_answers_survive_a_page_switch():
    at = open_page(PAGE)
    answer(at, "q1", RIGHT["q1"])
    answer(at, "q6", {"outputs": "8, 15, 128"}, check=False)  # typed, not checked yet
    answer(at, "q9", {"seq_length": 20}, check=False)
    at.switch_page("home.py").run()  # the home page
    assert at.title[0].value.startswith("Day17_1")
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert metrics(at)["점수"] == f"1/{N}"
    assert at.radio(key="quiz_nav").value == "q9"  # back on the question we left
    assert at.slider(key="quiz_q9_seq_length").value == 20
    go_to(at, "q6")
    assert at.text_input(key="quiz_q6_outputs").value == "8, 15, 128"
    go_to(at, "q1")
    assert at.text_input(key="quiz_q1_h_n").value == "torch.Size([2, 16, 100])"
    assert at.success and at.success[0].value.startswith("정답")


def test_hints_then_solution_with_real_output():
    at = open_page(PAGE)
    go_to(at, "q5")
    for i in range(1, len(BY_ID["q5"].hints) + 1):
        at.button(key="quiz_q5_hint").click().run()
        assert len(at.info) == i
    assert not at.button(key="quiz_q5_solution").value
    at.button(key="quiz_q5_solution").click().run()
    assert not at.exception
    outputs = [c.value for c in at.code]
    assert any(o.startswith("LSTM: 2560") for o in outputs)
    assert metrics(at)["푼 문제"] == f"0/{N}"  # looking at the solution is not an attempt


def test_q10_solution_is_plain_torch_with_its_captured_output():
    at = open_page(PAGE)
    go_to(at, "q10")
    for _ in BY_ID["q10"].hints:
        at.button(key="quiz_q10_hint").click().run()
    at.button(key="quiz_q10_solution").click().run()
    assert not at.exception
    code = next(c.value for c in at.code if "class SentimentGRU" in c.value)
    assert (
        code.startswith("import numpy as np\nimport torch\nimport torch.nn as nn") and "seqcore" not in code
    )
    out = next(c.value for c in at.code if c.value.startswith("SentimentGRU("))
    assert out == BY_ID["q10"].output.rstrip("\n")  # what running that very code printed
    assert "(rnn): GRU(32, 32, num_layers=2, batch_first=True, dropout=0.3, bidirectional=True)" in out


def test_next_button_moves_to_the_next_question():
    at = open_page(PAGE)
    at.button(key="quiz_q1_next").click().run()
    assert not at.exception
    assert at.radio(key="quiz_nav").value == "q2"
    assert at.subheader[0].value.startswith("Q2.")


def test_q3_shows_the_computed_order_chart_after_an_attempt():
    at = open_page(PAGE)
    go_to(at, "q3")
    assert not at.get("plotly_chart")  # the order chart comes with an attempt
    answer(at, "q3", RIGHT["q3"])
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    order = next(f for f in figs if f["data"][0].get("name") == "원래 순서")
    assert list(order["data"][0]["x"]) == ["일별 주가", "음성 파형", "학생들의 키"]
    assert order["data"][0]["y"][0] > 0.8 > abs(order["data"][1]["y"][0])


def test_q4_shows_model_answer_after_an_attempt():
    at = open_page(PAGE)
    answer(at, "q4", RIGHT["q4"])
    text = " ".join(m.value for m in at.markdown)
    assert "모범 답안" in text and "Forget Gate" in text
    assert any("핵심 단어" in c.value for c in at.caption)


@pytest.mark.parametrize("edge", ["min", "max"])
def test_training_controls_at_their_bounds(edge):
    at = open_page(PAGE)
    go_to(at, "q9")
    for name in ("seq_length", "hidden_size", "epochs"):
        s = at.slider(key=f"quiz_q9_{name}")
        s.set_value(s.min if edge == "min" else s.max)
    at.run()
    assert not at.exception
    go_to(at, "q10")
    for name in ("num_layers", "epochs"):
        s = at.slider(key=f"quiz_q10_{name}")
        s.set_value(s.min if edge == "min" else s.max)
    at.checkbox(key="quiz_q10_bidirectional").set_value(edge == "max")
    at.run()
    assert not at.exception
    printed = next(c.value for c in at.code if "SentimentRNN(" in c.value)
    assert "GRU" not in printed or edge == "max"
    if edge == "min":  # a tiny training run at the lower bounds: checked, wrong, no exception
        at.button(key="quiz_q10_check").click().run()
        assert not at.exception
        assert at.error and "2층 구조" in at.error[0].value
        go_to(at, "q9")  # settings that miss the stated requirements: what to change, not an attempt
        attempted = metrics(at)["푼 문제"]
        at.button(key="quiz_q9_check").click().run()
        assert not at.exception
        gap = training.GAP.format(
            label="시퀀스 길이", now=5, need=20
        )  # the slider's minimum against the question's
        assert at.warning and gap in at.warning[0].value.replace("\\", "")
        assert metrics(at)["푼 문제"] == attempted


def test_reset_clears_everything():
    at = open_page(PAGE)
    answer(at, "q8", {"out": "4, 10, 64"})
    assert metrics(at)["점수"] == f"1/{N}"
    at.button(key="quiz_reset").click().run()
    assert not at.exception
    assert metrics(at)["점수"] == f"0/{N}"
    go_to(at, "q8")
    assert at.text_input(key="quiz_q8_out").value == ""


def test_results_payload_for_download():
    entries = {
        q.qid: {"answers": {}, "status": "not_attempted", "feedback": None, "hints": 0, "solution": False}
        for q in QUESTIONS
    }
    entries["q1"].update(status="correct", answers=RIGHT["q1"], hints=2)
    entries["q2"].update(status="wrong")
    data = json.loads(json.dumps(session.results_payload(entries), ensure_ascii=False))
    assert (data["score"], data["attempted"], data["total"]) == (1, 2, N)
    assert data["questions"]["q1"]["answers"]["outputs"] == "(16, 20, 100)"
    assert data["questions"]["q1"]["hints_used"] == 2
    assert data["questions"]["q10"]["status"] == "not_attempted"


# ---------------------------------------------------------------- reloads, files, plain text (issues 16, 17)


def reopen(at):
    """A reload: a new session on the same URL (AppTest does not share session state)."""
    return open_page(
        PAGE,
        query={
            "quiz": at.query_params["quiz"][0]
            if isinstance(at.query_params["quiz"], list)
            else at.query_params["quiz"]
        },
    )


def test_answers_and_attempts_survive_a_reload():
    at = open_page(PAGE)
    answer(at, "q1", RIGHT["q1"])
    answer(at, "q8", {"out": "1000, 64"})  # wrong
    answer(at, "q6", {"outputs": "8, 15, 128"}, check=False)  # typed only
    go_to(at, "q5")
    at.button(key="quiz_q5_hint").click().run()
    again = reopen(at)
    assert not again.exception
    assert metrics(again) == {"점수": f"1/{N}", "푼 문제": f"2/{N}", "오답": "1"}
    go_to(again, "q1")
    assert again.text_input(key="quiz_q1_h_n").value == "torch.Size([2, 16, 100])"
    assert again.success and again.success[0].value.startswith("정답")  # feedback regraded
    go_to(again, "q6")
    assert again.text_input(key="quiz_q6_outputs").value == "8, 15, 128"
    go_to(again, "q5")
    assert len(again.info) == 1  # the hint already opened


@pytest.mark.parametrize("junk", ["garbage", "1.!!!", "2.eNqrVgo", "1." + "A" * 9000, ""])
def test_a_broken_url_state_starts_a_fresh_quiz(junk):
    at = open_page(PAGE, query={"quiz": junk})
    assert not at.exception
    assert metrics(at) == {"점수": f"0/{N}", "푼 문제": f"0/{N}", "오답": "0"}


def test_importing_the_exported_file_restores_the_session():
    at = open_page(PAGE)
    answer(at, "q1", RIGHT["q1"])
    answer(at, "q3", RIGHT["q3"])
    exported = json.dumps(
        session.results_payload(at.session_state["quiz_state"]["entries"]), ensure_ascii=False
    )
    fresh = open_page(PAGE)
    fresh.file_uploader(key="quiz_import").upload(
        "quiz_results.json", exported.encode(), "application/json"
    ).run()
    assert not fresh.exception
    assert metrics(fresh)["점수"] == f"2/{N}"
    go_to(fresh, "q1")
    assert fresh.text_input(key="quiz_q1_outputs").value == "(16, 20, 100)"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"not json", "JSON"),
        (b'{"questions": {"q99": {}}}', "없는 문제"),
        (b'{"format": "other", "questions": {}}', "다른"),
        (b"[1, 2]", "형식"),
        (b"\xff\xfe", "JSON"),
        (b'{"questions": {"![i](http://127.0.0.1:9/x.png)": {}}}', "없는 문제"),
    ],
)
def test_a_malformed_or_foreign_file_changes_nothing(content, words):
    at = open_page(PAGE)
    answer(at, "q8", {"out": "4, 10, 64"})
    at.file_uploader(key="quiz_import").upload("x.json", content, "application/json").run()
    assert not at.exception
    assert at.error and words in at.error[0].value.replace("\\", "") and "그대로" in at.error[0].value
    assert "](" not in at.error[0].value  # a file's text is never markdown
    assert metrics(at)["점수"] == f"1/{N}"
    assert at.text_input(key="quiz_q8_out").value == "4, 10, 64"


PAYLOADS = [
    "![img](http://127.0.0.1:9/x.png)",
    "[link](http://127.0.0.1:9/)",
    "<img src=http://127.0.0.1:9/y.png>",
    "**bold** http://127.0.0.1:9/z",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_echoed_answers_are_plain_text(payload):
    at = open_page(PAGE)
    answer(at, "q8", {"out": payload})
    shown = at.warning[0].value
    assert "형식" in shown
    for token in ("![", "](", "**", "http://"):
        assert token not in shown  # every markdown character is escaped
    assert not re.search(r"(?<!\\)<", shown)  # and every tag opener


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_q4_essay_is_plain_text(payload):
    at = open_page(PAGE)
    answer(at, "q4", {**RIGHT["q4"], "essay": payload})
    assert payload in [t.value for t in at.text]  # st.text, never markdown
    assert not any(payload in m.value for m in at.markdown)


def rendered(at) -> str:
    """Every markdown body of the page (alerts, captions, markdown), as CommonMark renders it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    bodies = [
        e.value for kind in (at.markdown, at.caption, at.warning, at.error, at.success, at.info) for e in kind
    ]
    return "\n".join(md.render(b) for b in bodies)


def assert_inert(at, payload: str) -> None:
    html = rendered(at)
    assert "<img" not in html and "<a " not in html and "<strong>bold" not in html, html[:500]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_review_shows_an_answer_as_plain_text(payload):
    at = open_page(PAGE)
    answer(at, "q4", {**RIGHT["q4"], "gate0": Q4_ROLES[1], "essay": payload})  # wrong: in the review
    mine = at.expander[0].text[0].value
    assert payload in mine  # as typed, with st.text
    assert_inert(at, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_answer_restored_from_a_link_is_plain_text(payload):
    """A shared link that claims a wrong attempt with markdown in the answer: graded again (a
    format problem, so not an attempt), and shown as typed."""
    entries = session.new_entries()
    entries["q8"].update(status="wrong", answers={"out": payload[:60]})
    at = open_page(PAGE, query={"quiz": session.encode_state(entries), "quiz_nav": "Q8"})
    assert not at.exception
    assert at.text_input(key="quiz_q8_out").value == payload[:60]
    assert at.warning and "형식" in at.warning[0].value
    assert metrics(at)["푼 문제"] == f"0/{N}"  # the link cannot claim an attempt the grader does not see
    assert_inert(at, payload)


def test_a_link_cannot_claim_a_wrong_answer_right():
    entries = session.new_entries()
    entries["q8"].update(status="correct", answers={"out": "1000, 64"})
    at = open_page(PAGE, query={"quiz": session.encode_state(entries)})
    assert metrics(at) == {"점수": f"0/{N}", "푼 문제": f"1/{N}", "오답": "1"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_answer_imported_from_a_file_is_plain_text(payload):
    entries = session.new_entries()
    entries["q4"].update(status="wrong", answers={**RIGHT["q4"], "gate0": Q4_ROLES[1], "essay": payload})
    data = json.dumps(session.results_payload(entries), ensure_ascii=False).encode()
    at = open_page(PAGE)
    at.file_uploader(key="quiz_import").upload("quiz_results.json", data, "application/json").run()
    assert not at.exception and metrics(at)["오답"] == "1"
    assert any(payload in t.value for t in at.expander[0].text)
    assert_inert(at, payload)


def test_checking_with_nothing_answered_is_not_an_attempt():
    at = open_page(PAGE)
    at.button(key="quiz_q1_check").click().run()
    assert at.info and "아직 답하지 않았어요" in at.info[0].value
    assert metrics(at)["푼 문제"] == f"0/{N}"


# ---------------------------------------------------------------- one question, one file (issue 30)


def test_one_more_question_is_one_more_file(tmp_path, monkeypatch):
    """Copy a question file as one more question in a copy of the folder: the page, the grading
    command and the review show it, with no other edit."""
    import shutil

    from seqcore.quiz import cli
    from seqcore.quiz.questions import DATA_DIR, DATA_ENV

    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    new = f"q{N + 1}"
    shutil.copy(DATA_DIR / "q1.toml", tmp_path / f"{new}.toml")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))

    at = open_page(PAGE)
    assert (
        len(at.radio(key="quiz_nav").options) == N + 1 and at.radio(key="quiz_nav").options[-1] == f"Q{N + 1}"
    )
    assert metrics(at)["점수"] == f"0/{N + 1}"
    assert f"Q1~Q{N + 1}" in at.markdown[0].value
    go_to(at, f"q{N}")
    at.button(key=f"quiz_q{N}_next").click().run()  # the last question leads to the new one
    assert at.subheader[0].value.startswith(f"Q{N + 1}. ")
    answer(at, new, RIGHT["q1"])
    assert at.success and metrics(at)["점수"] == f"1/{N + 1}"
    heads = [m.value for m in at.expander[0].markdown if m.value.startswith("**Q")]
    assert heads[0].startswith(f"**Q{N + 1}. ")  # the review shows it

    code, out = cli.run(["fields"])
    assert code == 0 and len(out) == N + 1 and new in out
    code, out = cli.run(["grade", new, "outputs=16 20 100", "h_n=(2, 16, 100)"])
    assert code == 0 and out["status"] == "correct"
    payload = session.results_payload(session.new_entries())
    assert payload["total"] == N + 1 and new in payload["questions"]
