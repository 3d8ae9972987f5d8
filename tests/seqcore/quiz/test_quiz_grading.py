from dataclasses import replace

import pytest

from seqcore.quiz import grading as g
from seqcore.quiz import questions as quiz
from seqcore.quiz.questions import DIFFERENT, SAME, QuizParams

P = QuizParams()

# ---------------------------------------------------------------- parsers


@pytest.mark.parametrize(
    "text",
    [
        "(16, 20, 100)",
        "16,20,100",
        "[16, 20, 100]",
        "torch.Size([16, 20, 100])",
        "  ( 16 ,20,  100 )  ",
        "１６，２０，１００",
        "（16, 20, 100）",
        "Size([16, 20, 100])",
    ],
)
def test_parse_shape_accepts_variants(text):
    assert g.parse_shape(text) == (16, 20, 100)


@pytest.mark.parametrize(
    "text, words",
    [
        ("16 20", "쉼표"),
        ("abc", "정수가 아니에요"),
        ("", "비어 있어요"),
        (None, "비어 있어요"),
        ("(16,20,100,)", "빈 칸"),
        ("(-16, 20, 100)", "음수"),
        ("(16, 0, 100)", "1 이상"),
        ("(16, 20, 99999999)", "너무 커요"),
        ("16.5, 20", "정수가 아니에요"),
        ("1,2,3,4,5,6,7", "차원이 너무 많아요"),
    ],
)
def test_parse_shape_rejects_malformed_with_format_message(text, words):
    with pytest.raises(g.AnswerFormatError) as e:
        g.parse_shape(text, "outputs")
    assert words in str(e.value)
    assert "(16, 20, 100)" in str(e.value)  # always shows the expected format


@pytest.mark.parametrize(
    "text, value", [("2560", 2560), ("2,560", 2560), ("２５６０", 2560), (" 1_920 ", 1920)]
)
def test_parse_count_accepts(text, value):
    assert g.parse_count(text) == value


@pytest.mark.parametrize("text", ["", "-5", "12.5", "abc", "99999999999"])
def test_parse_count_rejects(text):
    with pytest.raises(g.AnswerFormatError):
        g.parse_count(text)


@pytest.mark.parametrize("text", ["110, 107", "[110, 107]", "１１０，１０７", "110.0,107"])
def test_parse_numbers_accepts(text):
    assert g.parse_numbers(text) == (110.0, 107.0)


@pytest.mark.parametrize("text", ["", "110 107", "110,,107", "a, b", "1e99"])
def test_parse_numbers_rejects(text):
    with pytest.raises(g.AnswerFormatError):
        g.parse_numbers(text)


# ---------------------------------------------------------------- every question: right, wrong, format

Q2_RIGHT = {"case0": SAME, "case1": SAME, "case2": DIFFERENT}
Q3_RIGHT = {"choice": quiz.Q3_OPTIONS[2], "reason": quiz.Q3_REASONS[0]}
Q4_RIGHT = {f"gate{i}": quiz.Q4_ROLES[i] for i in range(3)}
Q5_RIGHT = {"reasons": list(quiz.Q5_REASONS[:2]), "lstm": "2560", "gru": "1920"}

RIGHT = {
    "q1": {"outputs": "(16, 20, 100)", "h_n": "torch.Size([2, 16, 100])"},
    "q2": Q2_RIGHT,
    "q3": Q3_RIGHT,
    "q4": Q4_RIGHT,
    "q5": Q5_RIGHT,
    "q6": {"outputs": "8,15,128", "h_n": "[2, 8, 64]", "c_n": "(2, 8, 64)"},
    "q7": {"X": "(5, 5)", "y": "110, 107, 112, 115, 113"},
    "q8": {"out": "4, 10, 64"},
}


@pytest.mark.parametrize("qid", sorted(RIGHT))
def test_right_answers_are_correct(qid):
    grade = g.grade(qid, RIGHT[qid])
    assert grade.status == "correct", grade
    assert grade.message.startswith("정답")


@pytest.mark.parametrize(
    "qid, change, misconception",
    [
        ("q1", {"outputs": "16, 20, 50"}, "input_size(50)가 아니라 hidden_size"),
        ("q1", {"h_n": "16, 2, 100"}, "batch_first=True는 h_n에는 적용되지 않아요"),
        ("q1", {"h_n": "1, 16, 100"}, "첫 차원은 num_layers × 방향 수 = 2"),
        ("q1", {"outputs": "2, 16, 100"}, "그건 h_n의 shape"),
        ("q2", {"case1": DIFFERENT}, "마지막 층"),
        ("q2", {"case2": SAME}, "역방향은 t=0에서 끝나요"),
        ("q3", {"choice": quiz.Q3_OPTIONS[0]}, "일별 주가는"),
        ("q3", {"reason": quiz.Q3_REASONS[1]}, "주가와 음성 파형도 숫자"),
        ("q4", {"gate0": quiz.Q4_ROLES[3]}, "GRU의 리셋 게이트"),
        ("q4", {"gate1": quiz.Q4_ROLES[2]}, "Output Gate (출력)의 역할"),
        ("q5", {"lstm": "2400"}, "bias를 빠뜨렸어요"),
        ("q5", {"lstm": "1920", "gru": "2560"}, "바꿔 쓴 것 같아요"),
        ("q5", {"gru": "640"}, "기본 RNN"),
        ("q5", {"reasons": [quiz.Q5_REASONS[0], quiz.Q5_REASONS[3]]}, "b_ih, b_hh"),
        ("q6", {"outputs": "8, 15, 64"}, "hidden × 2 = 128"),
        ("q6", {"h_n": "1, 8, 64"}, "num_layers × 2 = 2"),
        ("q6", {"c_n": "8, 2, 64"}, "batch_first=True는 c_n에는"),
        ("q7", {"X": "6, 5"}, "마지막 창은 다음 날 값이 없어서"),
        ("q7", {"X": "5, 5, 1"}, "reshape"),
        ("q7", {"y": "108, 110, 107, 112, 115"}, "창의 마지막 값이 아니라"),
        ("q8", {"out": "4, 10, 1000"}, "어휘 크기가 아니라 embedding_dim"),
        ("q8", {"out": "1000, 64"}, "embedding.weight"),
        ("q8", {"out": "4, 10"}, "차원이 하나 늘어요"),
    ],
)
def test_wrong_answers_name_the_misconception(qid, change, misconception):
    grade = g.grade(qid, {**RIGHT[qid], **change})
    assert grade.status == "wrong"
    assert grade.counted
    assert any(misconception in r for r in grade.reasons), grade.reasons


@pytest.mark.parametrize(
    "qid, change",
    [
        ("q1", {"outputs": "16 20"}),
        ("q1", {"h_n": "abc"}),
        ("q1", {"h_n": ""}),
        ("q1", {"outputs": "(16,20,100,)"}),
        ("q1", {"outputs": "-16, 20, 100"}),
        ("q1", {"outputs": "16, 20, 10000000"}),
        ("q2", {"case0": None}),
        ("q3", {"reason": None}),
        ("q4", {"gate2": None}),
        ("q5", {"lstm": "-2560"}),
        ("q5", {"gru": "많음"}),
        ("q5", {"reasons": []}),
        ("q6", {"c_n": ""}),
        ("q7", {"y": "110 107"}),
        ("q8", {"out": "4x10x64"}),
    ],
)
def test_malformed_answers_get_a_format_message_not_a_wrong(qid, change):
    grade = g.grade(qid, {**RIGHT[qid], **change})
    assert grade.status == "format"
    assert not grade.counted
    assert "형식" in grade.message and "오답으로 세지 않아요" in grade.message
    assert grade.reasons and grade.reasons[0]


# ---------------------------------------------------------------- changed parameters change the truth


@pytest.mark.parametrize(
    "qid, params, answers",
    [
        ("q1", replace(P, q1=replace(P.q1, hidden_size=64)), {"outputs": "16, 20, 64", "h_n": "2, 16, 64"}),
        ("q1", replace(P, q1=replace(P.q1, num_layers=3)), {"outputs": "16, 20, 100", "h_n": "3, 16, 100"}),
        (
            "q6",
            replace(P, q6=replace(P.q6, bidirectional=False)),
            {"outputs": "8, 15, 64", "h_n": "1, 8, 64", "c_n": "1, 8, 64"},
        ),
        ("q5", replace(P, q5=quiz.CountParams(100, 256)), {**Q5_RIGHT, "lstm": "366,592", "gru": "274,944"}),
        (
            "q7",
            replace(P, q7=replace(P.q7, seq_length=3)),
            {"X": "7, 3", "y": "103, 108, 110, 107, 112, 115, 113"},
        ),
        ("q8", replace(P, q8=replace(P.q8, embed_dim=32, batch=2)), {"out": "2, 10, 32"}),
        (
            "q2",
            replace(P, q2=replace(P.q2, cases=(quiz.HiddenCase("2층 RNN", 2, False, "h_n[0]"),))),
            {"case0": DIFFERENT},
        ),
    ],
)
def test_changed_parameter_changes_the_expected_answer(qid, params, answers):
    assert g.grade(qid, answers, params).status == "correct"
    # ...and the answer for the default parameters is now wrong (or vice versa).
    assert g.grade(qid, RIGHT[qid], params).status == "wrong"


@pytest.mark.parametrize(
    "qid, snippet",
    [
        ("q1", "hidden_size=77"),
        ("q5", "hidden_size=77`"),
        ("q6", "hidden_size=77"),
        ("q7", "시퀀스 길이 7인"),
        ("q8", "임베딩 차원 77인"),
    ],
)
def test_question_text_follows_its_parameters(qid, snippet):
    params = replace(
        P,
        q1=replace(P.q1, hidden_size=77),
        q5=quiz.CountParams(11, 77),
        q6=replace(P.q6, hidden_size=77),
        q7=replace(P.q7, seq_length=7),
        q8=replace(P.q8, embed_dim=77),
    )
    q = {x.qid: x for x in quiz.build_questions(params)}[qid]
    assert snippet in q.prompt + q.code
    assert snippet not in {x.qid: x for x in quiz.QUESTIONS}[qid].prompt


# ---------------------------------------------------------------- solutions print real output


@pytest.mark.parametrize(
    "qid, expected",
    [
        ("q1", "outputs: torch.Size([16, 20, 100])\nh_n: torch.Size([2, 16, 100])"),
        ("q2", "True\nFalse\nFalse\nTrue\nTrue"),
        ("q5", "LSTM: 2560"),
        ("q6", "c_n: torch.Size([2, 8, 64])"),
        ("q7", "[110 107 112 115 113]"),
        ("q8", "torch.Size([4, 10, 64])\ntorch.Size([1000, 64])"),
        ("q4", "C_t == C_(t-1) -> True"),
    ],
)
def test_solution_output_is_computed(qid, expected):
    assert expected in g.solution_output(qid)


def test_solution_output_follows_parameters():
    params = replace(P, q8=replace(P.q8, embed_dim=16))
    assert "torch.Size([4, 10, 16])" in g.solution_output("q8", params)


def test_order_demo_separates_sequences_from_independent_samples():
    rows = {name: (before, after) for name, before, after in g.order_demo()}
    assert rows["일별 주가"][0] > 0.8 and abs(rows["일별 주가"][1]) < 0.3
    assert rows["음성 파형"][0] > 0.8
    assert abs(rows["학생들의 키"][0]) < 0.3  # no order to destroy


def test_gate_demo_shows_each_gate_role():
    forget, keep, output = g.gate_demo()
    assert "변화 = 0.0000" in forget
    assert keep.endswith("True  (새 정보 저장 안 함)")
    assert "최댓값 = 0.0000" in output


def test_essay_keywords_self_check():
    hits = dict(g.essay_keywords("이전 기억을 버리고, 새 정보를 저장하고, h_t로 내보내요"))
    assert all(hits.values())
    assert not any(dict(g.essay_keywords("")).values())


def test_unknown_question_raises():
    with pytest.raises(KeyError):
        g.grade("q42", {})


def test_grade_requirements_names_the_failing_ones_with_a_note():
    from seqcore.quiz.training import Requirement

    ok = g.grade_requirements([Requirement("A", True, "1", "note A")])
    assert ok.status == "correct" and ok.reasons == ("✅ A (실제: 1)",)
    bad = g.grade_requirements([Requirement("A", True, "1"), Requirement("B", False, "2", "B의 이유")])
    assert bad.status == "wrong"
    assert bad.reasons[1] == "❌ B (실제: 2) → B의 이유"
