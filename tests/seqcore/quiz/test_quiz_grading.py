import re
from dataclasses import replace

import pytest

from seqcore.quiz import grading as g
from seqcore.quiz import kind_choices, kind_training, parsing, training, truths
from seqcore.quiz.params import CountParams, HiddenCase
from seqcore.quiz.questions import bank

BY_ID = {q.qid: q for q in bank()}

SAME, DIFFERENT = BY_ID["q2"].field("case0").options
Q3, Q4, Q5 = BY_ID["q3"], BY_ID["q4"], BY_ID["q5"]
REASONS = Q5.field("reasons").options
ROLES = Q4.field("gate0").options

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
        "16 20 100",  # space-separated
        "(16, 20, 100,)",  # trailing comma, as Python writes a tuple
        "[16 20 100]",  # numpy's printout
        "16, 20 100",
        "16x20x100",  # the notations a learner writes
        "16×20×100",
        "16 x 20 x 100",
        "16 × 20 × 100",
        "16X20X100",
    ],
)
def test_parse_shape_accepts_variants(text):
    assert parsing.parse_shape(text) == (16, 20, 100)


@pytest.mark.parametrize(
    "text, words",
    [
        ("abc", "정수가 아니에요"),
        ("", "비어 있어요"),
        (None, "비어 있어요"),
        ("(16,,20,100)", "빈 칸"),
        ("(-16, 20, 100)", "음수"),
        ("(16, 0, 100)", "1 이상"),
        ("(16, 20, 99999999)", "너무 커요"),
        ("16.5, 20", "정수가 아니에요"),
        ("1,2,3,4,5,6,7", "차원이 너무 많아요"),
        ("9" * 5000, "너무 커요"),  # int() of 4,301+ digits raises in Python: never reached
        ("1" * 100_000 + ", 2", "너무 커요"),
    ],
)
def test_parse_shape_rejects_malformed_with_format_message(text, words):
    with pytest.raises(parsing.AnswerFormatError) as e:
        parsing.parse_shape(text, "outputs")
    assert words in str(e.value)
    assert "(2, 3, 4)" in str(
        e.value
    )  # always shows the expected format, with an example that answers nothing
    assert len(str(e.value)) < 300  # the echo is shortened


@pytest.mark.parametrize(
    "text, value",
    [
        ("2560", 2560),
        ("2,560", 2560),
        ("1,234,567", 1_234_567),
        ("２５６０", 2560),
        (" 1_920 ", 1920),
        ("2 560", 2560),
        ("1e9", 10**9),
        ("2.56e3", 2560),
        ("99999999999", 99_999_999_999),
    ],
)
def test_parse_count_accepts(text, value):
    """Separators only as thousands grouping: 2,560 and 1,234,567 yes; 2,5,6,0 and 25,60 no."""
    assert parsing.parse_count(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-5",
        "12.5",
        "abc",
        "9" * 5000,
        "1e999",
        "nan",
        "inf",
        "1e-3",
        "2,5,6,0",
        "25,60",
        "2,56,0",
        "12,3456",
        "2 5 6 0",
        "1,234 567",
    ],
)
def test_parse_count_rejects(text):
    with pytest.raises(parsing.AnswerFormatError):
        parsing.parse_count(text)


@pytest.mark.parametrize(
    "text",
    [
        "110, 107",
        "[110, 107]",
        "１１０，１０７",
        "110.0,107",
        "[110 107]",
        "110 107",
        "[110. 107.]",
        "110, 107,",
    ],
)
def test_parse_numbers_accepts(text):
    assert parsing.parse_numbers(text) == (110.0, 107.0)


@pytest.mark.parametrize("text", ["", "110,,107", "a, b", "1e99", "9" * 5000])
def test_parse_numbers_rejects(text):
    with pytest.raises(parsing.AnswerFormatError):
        parsing.parse_numbers(text)


@pytest.mark.parametrize("parse", [parsing.parse_shape, parsing.parse_count, parsing.parse_numbers])
@pytest.mark.parametrize("text", [object(), b"\xff\xfe", 3.5, ["16"], {"a": 1}, "\x00" * 10, "٣, ٤", "𝟙𝟚"])
def test_every_parser_turns_any_input_into_a_value_or_a_format_error(parse, text):
    try:
        parse(text, "라벨")
    except parsing.AnswerFormatError as e:
        assert str(e).startswith("라벨")


def test_shorten_cuts_long_echoes():
    assert parsing.shorten("x" * 1_000_000) == "x" * 23 + "…"
    assert parsing.shorten("a\nb") == "a b"


@pytest.mark.parametrize(
    "payload",
    [
        "![img](http://127.0.0.1:9/x.png)",
        "[link](http://evil.example)",
        "<img src=x onerror=alert(1)>",
        "**bold**",
        "# heading",
        "http://127.0.0.1:9/a",
        "www.example.com",
        "`code`",
        "<script>alert(1)</script>",
    ],
)
def test_plain_escapes_every_markdown_and_html_character(payload):
    out = parsing.plain(payload)
    for c in "![]()<>*#`:.":
        assert f"\\{c}" in out or c not in payload
    assert out.replace("\\", "").replace("\u200b", "") == payload
    assert "://" not in out and "www\\." not in out  # bare URLs cannot become links


# ---------------------------------------------------------------- every question: right, wrong, format

RIGHT = {
    "q1": {"outputs": "(16, 20, 100)", "h_n": "torch.Size([2, 16, 100])"},
    "q2": {"case0": SAME, "case1": SAME, "case2": DIFFERENT},
    "q3": {"choice": Q3.field("choice").options[2], "reason": Q3.field("reason").options[0]},
    "q4": {f"gate{i}": ROLES[i] for i in range(3)},
    "q5": {"reasons": list(REASONS[:3]), "lstm": "2560", "gru": "1920"},
    "q6": {"outputs": "8,15,128", "h_n": "[2, 8, 64]", "c_n": "(2, 8, 64)"},
    "q7": {"X": "(5, 5)", "y": "110, 107, 112, 115, 113"},
    "q8": {"out": "4, 10, 64"},
}


@pytest.mark.parametrize("qid", sorted(RIGHT))
def test_right_answers_are_correct(qid):
    grade = g.grade(qid, RIGHT[qid])
    assert grade.status == "correct", grade
    assert grade.message.startswith("정답")


# Every accepted way of writing the right answer, per question (the formats table).
FORMATS = [
    ("q1", {"outputs": "16 20 100", "h_n": "2 16 100"}),
    ("q1", {"outputs": "(16, 20, 100,)", "h_n": "[2, 16, 100]"}),
    ("q1", {"outputs": "１６，２０，１００", "h_n": "torch.Size([2, 16, 100])"}),
    ("q5", {"reasons": [REASONS[0]], "lstm": "2 560", "gru": "1,920"}),  # one true reason is enough
    ("q5", {"reasons": [REASONS[2]], "lstm": "2.56e3", "gru": "１９２０"}),
    ("q6", {"outputs": "8 15 128", "h_n": "2 8 64", "c_n": "(2, 8, 64,)"}),
    ("q7", {"X": "(5, 5,)", "y": "[110 107 112 115 113]"}),  # numpy's printout, as the solution shows
    ("q7", {"X": "5 5", "y": "110 107 112 115 113"}),
    ("q7", {"X": "[5, 5]", "y": "[110. 107. 112. 115. 113.]"}),
    ("q8", {"out": "torch.Size([4, 10, 64])"}),
    ("q8", {"out": "4 10 64"}),
    ("q8", {"out": "4x10x64"}),
    ("q8", {"out": "4 × 10 × 64"}),
]


@pytest.mark.parametrize("qid, answers", FORMATS)
def test_every_accepted_format_is_graded_correct(qid, answers):
    grade = g.grade(qid, answers)
    assert grade.status == "correct", grade


@pytest.mark.parametrize(
    "qid, change, misconception",
    [
        ("q1", {"outputs": "16, 20, 50"}, "input_size(50)가 아니라 hidden_size"),
        ("q1", {"h_n": "16, 2, 100"}, "batch_first=True는 h_n에는 적용되지 않아요"),
        ("q1", {"h_n": "1, 16, 100"}, "첫 차원은 num_layers × 방향 수 = 2"),
        ("q1", {"outputs": "2, 16, 100"}, "그건 h_n의 shape"),
        ("q1", {"h_n": "2, 16, 200"}, "두 배로 늘지 않아요"),
        ("q2", {"case1": DIFFERENT}, "마지막 층"),
        ("q2", {"case2": SAME}, "역방향은 t=0에서 끝나요"),
        ("q3", {"choice": Q3.field("choice").options[0]}, "일별 주가는"),
        ("q3", {"reason": Q3.field("reason").options[1]}, "주가와 음성 파형도 숫자"),
        ("q4", {"gate0": ROLES[3]}, "GRU의 리셋 게이트"),
        ("q4", {"gate1": ROLES[2]}, "Output Gate (출력)의 역할"),
        ("q5", {"lstm": "2400"}, "bias를 빠뜨렸어요"),
        ("q5", {"lstm": "1920", "gru": "2560"}, "바꿔 쓴 것 같아요"),
        ("q5", {"gru": "640"}, "기본 RNN"),
        ("q5", {"lstm": "1600", "gru": "1200"}, "강의 표의 4·H²는 W_hh만 센 값"),
        ("q5", {"lstm": "1e9"}, "1,000,000,000는 아니에요"),  # a number, only wrong
        ("q5", {"reasons": [REASONS[0], REASONS[4]]}, "b_ih, b_hh"),
        ("q6", {"outputs": "8, 15, 64"}, "hidden × 2 = 128"),
        ("q6", {"h_n": "1, 8, 64"}, "num_layers × 2 = 2"),
        ("q6", {"h_n": "1, 8, 128"}, "두 방향을 이어 붙이지 않고 첫 차원에 쌓아요"),
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


def test_q1_unidirectional_never_mentions_directions():
    grade = g.grade("q1", {**RIGHT["q1"], "h_n": "2, 16, 200"})
    assert not any("방향" in r and "이어 붙이지" in r for r in grade.reasons), grade.reasons


def test_q5_only_true_reasons_are_correct_and_missing_ones_are_mentioned():
    grade = g.grade("q5", {**RIGHT["q5"], "reasons": [REASONS[0]]})
    assert grade.status == "correct"
    assert any("함께 알아 두세요" in r and REASONS[2] in r for r in grade.reasons)


@pytest.mark.parametrize(
    "qid, change",
    [
        ("q1", {"outputs": "16 x 20 x"}),
        ("q1", {"outputs": "16 x, 20"}),
        ("q1", {"h_n": "abc"}),
        ("q1", {"h_n": ""}),
        ("q1", {"outputs": "(16,,20,100)"}),
        ("q1", {"outputs": "-16, 20, 100"}),
        ("q1", {"outputs": "16, 20, 10000000"}),
        ("q1", {"outputs": "9" * 4301}),
        ("q1", {"outputs": "1" * 1_000_000}),
        ("q2", {"case0": None}),
        ("q2", {"case0": "같다"}),
        ("q3", {"reason": None}),
        ("q4", {"gate2": None}),
        ("q5", {"lstm": "-2560"}),
        ("q5", {"gru": "많음"}),
        ("q5", {"reasons": []}),
        ("q5", {"lstm": "9" * 4301}),
        ("q6", {"c_n": ""}),
        ("q6", {"h_n": "9" * 4301}),
        ("q7", {"y": "110; 107"}),
        ("q7", {"X": "9" * 4301}),
        ("q7", {"y": "9" * 4301}),
        ("q8", {"out": "4xx10"}),
        ("q8", {"out": "9" * 4301}),
    ],
)
def test_malformed_answers_get_a_format_message_not_a_wrong(qid, change):
    grade = g.grade(qid, {**RIGHT[qid], **change})
    assert grade.status == "format"
    assert not grade.counted
    assert "형식" in grade.message and "오답으로 세지 않아요" in grade.message
    assert grade.reasons and grade.reasons[0]
    assert sum(map(len, grade.reasons)) < 400  # never the whole answer echoed back


@pytest.mark.parametrize("qid", list(BY_ID))
def test_no_answer_is_empty(qid):
    assert g.grade(qid, {}).status == "empty"
    assert (
        g.grade(qid, {f.name: "" for f in BY_ID[qid].fields if f.kind in ("text", "textarea")}).status
        == "empty"
    )


@pytest.mark.parametrize("qid", sorted(RIGHT))
@pytest.mark.parametrize("junk", [None, 0, -1, 1e308, float("nan"), [], {}, ["x"], "x" * 10_000, object()])
def test_no_answer_value_crashes_grading(qid, junk):
    for f in BY_ID[qid].fields:
        grade = g.grade(qid, {**RIGHT[qid], f.name: junk})
        assert grade.status in ("correct", "wrong", "format", "empty")


def test_q9_settings_that_miss_the_requirements_are_not_an_attempt():
    grade = g.grade("q9", {"seq_length": 10, "hidden_size": 32, "epochs": 30})
    assert grade.status == "format" and not grade.counted
    assert grade.reasons == (
        training.GAP.format(label="시퀀스 길이", now=10, need=20),
    )  # only the window misses


# ---------------------------------------------------------------- changed parameters change the truth

P = {qid: BY_ID[qid].params for qid in BY_ID}


@pytest.mark.parametrize(
    "qid, params, answers",
    [
        ("q1", replace(P["q1"], hidden_size=64), {"outputs": "16, 20, 64", "h_n": "2, 16, 64"}),
        ("q1", replace(P["q1"], num_layers=3), {"outputs": "16, 20, 100", "h_n": "3, 16, 100"}),
        (
            "q6",
            replace(P["q6"], bidirectional=False),
            {"outputs": "8, 15, 64", "h_n": "1, 8, 64", "c_n": "1, 8, 64"},
        ),
        ("q5", CountParams(100, 256), {**RIGHT["q5"], "lstm": "366,592", "gru": "274,944"}),
        ("q7", replace(P["q7"], seq_length=3), {"X": "7, 3", "y": "103, 108, 110, 107, 112, 115, 113"}),
        ("q8", replace(P["q8"], embed_dim=32, batch=2), {"out": "2, 10, 32"}),
        ("q2", replace(P["q2"], cases=(HiddenCase("2층 RNN", 2, False, "h_n[0]"),)), {"case0": DIFFERENT}),
    ],
)
def test_changed_parameter_changes_the_expected_answer(qid, params, answers):
    assert g.grade(qid, answers, params).status == "correct"
    assert g.grade(qid, RIGHT[qid], params).status == "wrong"


# ---------------------------------------------------------------- the lesson's demos


def test_q7_stored_solution_printout_is_itself_an_accepted_answer():
    printed_y = BY_ID["q7"].output.splitlines()[-1]  # numpy's [110 107 112 115 113]
    assert g.grade("q7", {"X": "5, 5", "y": printed_y}).status == "correct"


@pytest.mark.parametrize("qid", sorted(RIGHT))
def test_the_computed_answer_key_is_graded_correct(qid):
    q = BY_ID[qid]
    assert g.grade(qid, g.answer_key(q)).status == "correct"
    assert {label for label, _ in g.answer_lines(q)} <= {f.label for f in q.fields}


def test_order_demo_separates_sequences_from_independent_samples():
    rows = {name: (before, after) for name, before, after in truths.order_demo()}
    assert rows["일별 주가"][0] > 0.8 and abs(rows["일별 주가"][1]) < 0.3
    assert rows["음성 파형"][0] > 0.8
    assert abs(rows["학생들의 키"][0]) < 0.3  # no order to destroy


def test_essay_keywords_self_check():
    hits = dict(kind_choices.essay_keywords(Q4, "이전 기억을 버리고, 새 정보를 저장하고, h_t로 내보내요"))
    assert len(hits) == 3 and all(hits.values())
    assert not any(dict(kind_choices.essay_keywords(Q4, "")).values())


def test_unknown_question_raises():
    with pytest.raises(KeyError):
        g.grade("q42", {})


def test_grade_requirements_names_the_failing_ones_with_a_note():
    from seqcore.quiz.requirements import Requirement

    q = BY_ID["q9"]
    ok = kind_training.grade_requirements(q, [Requirement("A", True, "1", "note A")])
    assert ok.status == "correct" and ok.reasons == ("✅ A (실제: 1)",)
    bad = kind_training.grade_requirements(
        q, [Requirement("A", True, "1"), Requirement("B", False, "2", "B의 이유")]
    )
    assert bad.status == "wrong"
    assert bad.reasons[1] == "❌ B (실제: 2) → B의 이유"


# ---------------------------------------------------------------- format hints answer nothing


def _answer_patterns(value) -> list[str]:
    """Regexes that find an answer written out: its numbers in order (a count with or without its
    thousands comma; a list by its first three values)."""
    text = str(value)
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", text):  # a count
        digits = text.replace(",", "")
        return [rf"(?<![\d,]){digits[:-3]},?{digits[-3:]}(?![\d,])" if len(digits) > 3 else rf"\b{digits}\b"]
    nums = re.findall(r"\d+(?:\.\d+)?", text)
    if len(nums) < 2:
        return []
    return [r"(?<![\d.])" + r"\D{1,4}".join(re.escape(n) for n in nums[:3])]


def _format_texts(q) -> list[str]:
    """Everything that explains a typed answer's format: the boxes' help and placeholder, and the
    format message of a malformed answer in each box."""
    key = g.answer_key(q)
    texts = []
    for f in q.fields:
        if f.kind not in ("text", "textarea") or f.name not in key:
            continue
        texts += [f.help, f.placeholder]
        for bad in ("?", "", "1,,2", "-5"):
            grade = g.grade(q.qid, {**key, f.name: bad})
            texts += list(grade.reasons) if grade.status == "format" else []
    return texts


@pytest.mark.parametrize("qid", [q.qid for q in bank() if not q.trains])
def test_format_hints_never_give_the_answer_away(qid):
    q = BY_ID[qid]
    texts = " | ".join(_format_texts(q))
    for name, value in g.answer_key(q).items():
        for pattern in _answer_patterns(value):
            assert not re.search(pattern, texts), (qid, name, value, re.search(pattern, texts))


def test_the_hint_check_finds_the_old_giveaways():
    old = "예: (16, 20, 100), 16 20 100 | 정수로 입력해요. 예: 2560 또는 2,560 | 예: 110, 107, 112"
    assert re.search(_answer_patterns("(16, 20, 100)")[0], old)
    assert re.search(_answer_patterns("2,560")[0], old)
    assert re.search(_answer_patterns("110, 107, 112, 115, 113")[0], old)


# ---------------------------------------------------------------- the char language model (issue 27)


def _char_lm():
    return next(q for q in bank() if q.kind == "code" and "logits" in {f.name for f in q.fields})


def test_the_char_lm_question_is_graded_by_running_its_code():
    q = _char_lm()
    p = dict(q.params.values)
    B, T, V, H = p["batch"], p["seq_len"], p["vocab_size"], p["hidden_size"]
    assert g.grade(q.qid, {"logits": f"{B}x{T}x{V}", "perplexity": str(V)}).status == "correct"
    wrong = g.grade(q.qid, {"logits": f"{B}, {T}, {H}", "perplexity": "1"})
    assert (
        wrong.status == "wrong"
        and any("fc" in r for r in wrong.reasons)
        and any("완벽한" in r for r in wrong.reasons)
    )
    assert any(
        "many-to-one" in r for r in g.grade(q.qid, {"logits": f"{B}, {V}", "perplexity": str(V)}).reasons
    )
    assert g.grade(q.qid, {"logits": f"{B}, {T}, {V}", "perplexity": "예순"}).status == "format"


@pytest.mark.parametrize("vocab", [7, 60, 1560])
def test_the_uniform_model_perplexity_is_the_vocabulary_size(vocab):
    """The truth follows the parameters: torch computes (batch, seq_len, vocab) and exp(log vocab)."""
    from seqcore.quiz import kind_code
    from seqcore.quiz.params import ValueParams

    q = _char_lm()
    params = ValueParams(tuple({**dict(q.params.values), "vocab_size": vocab}.items()))
    truth = kind_code.truths(bank().with_params(q.qid, params))
    assert truth["logits"][-1] == vocab
    assert truth["perplexity"] == pytest.approx(vocab, rel=1e-5)
    right = {"logits": str(truth["logits"]), "perplexity": str(vocab)}
    assert g.grade(q.qid, right, params).status == "correct"
    assert g.grade(q.qid, right).status == (
        "correct" if vocab == dict(q.params.values)["vocab_size"] else "wrong"
    )
