import json

import pytest

from seqcore.quiz import review, session
from seqcore.quiz.questions import bank

BY_ID = {q.qid: q for q in bank()}
QUESTION_IDS = bank().ids


def answered_entries() -> dict:
    entries = session.new_state()["entries"]
    entries["q1"].update(status="correct", answers={"outputs": "(16, 20, 100)", "h_n": "2 16 100"}, hints=2)
    entries["q3"].update(status="wrong", answers={"choice": BY_ID["q3"].field("choice").options[0]})
    entries["q5"].update(answers={"reasons": list(BY_ID["q5"].field("reasons").options[:2]), "lstm": "2560"})
    entries["q9"].update(status="correct", answers={"seq_length": 20, "lr": 0.003}, solution=True)
    entries["q10"].update(answers={"rnn_type": "GRU", "bidirectional": False})
    return entries


def test_url_state_round_trips_and_is_short():
    entries = answered_entries()
    text = session.encode_state(entries)
    assert text.startswith("1.")
    assert len(text) < 400  # measured: a typical session fits a URL with room to spare
    back = session.decode_state(text)
    for qid in QUESTION_IDS:
        for k in ("status", "hints", "solution", "answers"):
            assert back[qid][k] == entries[qid][k], (qid, k)


def test_an_untouched_quiz_puts_nothing_in_the_url():
    assert session.encode_state(session.new_state()["entries"]) == ""
    assert session.decode_state("") is None  # and an empty parameter restores nothing


@pytest.mark.parametrize(
    "text",
    ["", "junk", "1.", "1.!!!", "2." + session.encode_state(answered_entries())[2:], "1.AAAA", None, 5],
)
def test_broken_or_foreign_url_state_is_none(text):
    assert session.decode_state(text) is None


def test_decode_drops_values_no_widget_could_hold():
    import base64
    import zlib

    bad = {
        "q1": [1, 99, 1, {"outputs": "x" * 5000}],
        "q3": [2, 0, 0, {"choice": 42}],
        "q99": [1, 0, 0, {}],
        "q9": [9, 0, 0, {"seq_length": 999, "lr": "0.01; rm"}],
    }
    text = "1." + base64.urlsafe_b64encode(zlib.compress(json.dumps(bad).encode())).decode()
    back = session.decode_state(text)
    assert back["q1"]["status"] == "correct" and back["q1"]["hints"] == 0 and back["q1"]["answers"] == {}
    assert back["q3"]["answers"] == {}
    assert back["q9"]["status"] == "not_attempted" and back["q9"]["answers"] == {}


def test_export_imports_back_to_the_same_state():
    entries = answered_entries()
    data = json.dumps(session.results_payload(entries), ensure_ascii=False, default=str).encode()
    back, error = session.import_results(data)
    assert error == ""
    for qid in QUESTION_IDS:
        for k in ("status", "hints", "solution", "answers"):
            assert back[qid][k] == entries[qid][k], (qid, k)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x89PNG\r\n", "JSON"),
        (b"{", "JSON"),
        (b"[]", "형식"),
        (b'{"questions": []}', "형식"),
        (b'{"format": "someone-else", "questions": {"q1": {}}}', "다른 프로그램"),
        (b'{"questions": {"q1": {}, "q999": {}}}', "q999"),
        (b'{"questions": {}}', "없는 문제"),
        (b'{"questions": {"q1": 5}}', "q1"),
        (b" " * (session.MAX_IMPORT_BYTES + 1), "너무 커요"),
        (b"[" * 50_000 + b"]" * 50_000, "JSON"),  # nesting deep enough to exhaust the recursion limit
    ],
    ids=lambda v: repr(v)[:30] if isinstance(v, bytes) else None,
)
def test_malformed_or_foreign_files_are_refused_with_a_korean_reason(data, words):
    entries, error = session.import_results(data)
    assert entries is None
    assert words in error


def test_import_keeps_only_valid_answers():
    payload = {
        "questions": {
            "q1": {
                "status": "hacked",
                "answers": {"outputs": 5, "h_n": "2, 16, 100", "x": "y"},
                "hints_used": -3,
                "solution_viewed": "yes",
            }
        }
    }
    entries, error = session.import_results(json.dumps(payload).encode())
    assert error == ""
    assert entries["q1"] == session.new_entry() | {"answers": {"h_n": "2, 16, 100"}}


def test_restored_feedback_regrades_or_explains():
    entries = answered_entries()
    fb = session.restored_feedback(BY_ID["q1"], entries["q1"])
    assert fb["status"] == "correct"
    assert session.restored_feedback(BY_ID["q2"], entries["q2"]) is None
    fb9 = session.restored_feedback(BY_ID["q9"], entries["q9"])
    assert "이전에 채점한 결과" in fb9["message"] and "정답" in fb9["message"]


def test_a_reopened_training_question_keeps_its_reasons():
    """Q10 restored from a link: the requirements read from the module its settings build."""
    entries = session.new_entries()
    entries["q10"].update(status="wrong", answers={"rnn_type": "GRU", "num_layers": 1, "dropout": 0.3})
    fb = session.restored_feedback(BY_ID["q10"], entries["q10"])
    assert fb["status"] == "wrong"
    marks = {r.split(" (")[0] for r in fb["reasons"] if r[0] in "✅❌"}
    assert marks == {"✅ GRU로 변경", "✅ Dropout 0.3 추가", "❌ 2층 구조"}


def test_score_and_review():
    entries = answered_entries()
    assert review.score(entries) == (2, 3, len(QUESTION_IDS))
    entries["q3"]["feedback"] = {"message": "틀렸어요", "reasons": ["이유 A"]}
    items = review.review_items(entries)
    assert [it["qid"] for it in items] == ["q3", "q1", "q9"]  # one item per attempt, wrong ones first
    q3 = items[0]
    assert q3["status"] == "wrong" and q3["message"] == "틀렸어요" and q3["why"]
    assert q3["answers"] == [("시퀀스 데이터가 아닌 것", BY_ID["q3"].field("choice").options[0])]
    assert dict(q3["key"])["시퀀스 데이터가 아닌 것"] == BY_ID["q3"].field("choice").options[2]  # computed
    assert dict(items[1]["key"]) == {"outputs의 shape": "(16, 20, 100)", "h_n의 shape": "(2, 16, 100)"}


def test_a_long_essay_stays_out_of_the_url_but_nothing_else_does():
    import random

    rng = random.Random(0)
    essay = "".join(chr(rng.randrange(0xAC00, 0xD7A4)) for _ in range(2000))  # incompressible Korean
    entries = answered_entries()
    entries["q4"]["answers"] = {"essay": essay}
    text = session.encode_state(entries)
    assert len(text) <= session.MAX_URL_CHARS
    back = session.decode_state(text)
    assert back["q4"]["answers"] == {} and back["q1"]["answers"] == entries["q1"]["answers"]
    entries["q4"]["answers"] = {"essay": "이전 기억을 버려요"}
    assert session.decode_state(session.encode_state(entries))["q4"]["answers"] == {
        "essay": "이전 기억을 버려요"
    }


def test_the_score_is_one_badge_per_question_in_order_with_its_status():
    entries = session.new_state()["entries"]
    entries["q1"]["status"], entries["q2"]["status"] = "correct", "wrong"
    text = review.score_markdown(entries)
    badges = text.split("  \n")[0].split(" :")
    assert badges[0] == ":green-badge[Q1 ✓]" and badges[1] == "red-badge[Q2 ✗]"
    assert text.count(":gray-badge[") == len(entries) - 2
    assert text.endswith(":small[✓ 정답 · ✗ 오답 · ○ 미응답]")
