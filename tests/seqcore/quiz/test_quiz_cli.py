"""`python -m seqcore.quiz`: one JSON object on stdout for any input, run as a teacher would."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from seqcore.quiz import cli
from seqcore.quiz.questions import bank

ROOT = Path(__file__).resolve().parents[3]


def run_cli(*args: str) -> tuple[int, dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "seqcore.quiz", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.parametrize(
    "args, status",
    [
        (["grade", "q7", "X=5 5", "y=[110 107 112 115 113]"], "correct"),
        (["grade", "q1", "outputs=16,20,100", "h_n=2,16,200"], "wrong"),
        (["grade", "q1", "outputs=" + "9" * 5000], "format"),
        (["grade", "q8"], "empty"),
        (["grade", "Q5", "reasons=1", "reasons=3", "lstm=2560", "gru=1,920"], "correct"),
        (["grade", "q5", "reasons=1", "lstm=1e9", "gru=1920"], "wrong"),
        (["grade", "q3", "choice=3", "reason=1"], "correct"),
        (["grade", "q3", "choice=9", "reason=1"], "format"),  # no 9th option: not one of them
        (["grade", "q9", "seq_length=10"], "format"),  # misses the requirements: nothing trained
        (["grade", "q2", "case0=같다 (True)", "case1=1", "case2=2"], "correct"),
    ],
)
def test_grade_returns_one_json_object(args, status):
    code, out = cli.run(args)
    assert code == 0
    json.dumps(out, ensure_ascii=False)
    assert out["status"] == status
    assert isinstance(out["message"], str) and isinstance(out["reasons"], list)


@pytest.mark.parametrize(
    "args",
    [["grade", "q42"], ["grade"], [], ["nonsense"], ["grade", "q1", "nofield=3"], ["grade", "q1", "outputs"]],
)
def test_usage_errors_exit_non_zero_with_json(args):
    code, out = cli.run(args)
    assert code == 2
    assert out["status"] == "error" and out["message"]


def test_the_command_prints_one_json_object_and_exits_non_zero_on_bad_arguments():
    """One real run of the command (the others run its code in-process): a refused value."""
    code, out = run_cli("grade", "q10", "num_layers=999")
    assert code == 2 and out["status"] == "error" and "1~3" in out["message"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, code, status",
    [
        (["grade", "q7", "X=5 5", "y=[110 107 112 115 113]"], 0, "correct"),
        (["grade", "q42"], 2, "error"),
        (["grade", "q1", "outputs=" + "9" * 5000], 0, "format"),
        (["grade", "q9", "epochs=1e400"], 2, "error"),
        (["build", "q999"], 2, "error"),
    ],
)
def test_the_command_prints_one_json_object(args, code, status):
    """Each about 3 s on a quiet machine, 10 s on a busy one (the imports)."""
    got_code, out = run_cli(*args)
    assert (got_code, out["status"]) == (code, status)


def test_fields_lists_every_question_with_options(capsys):
    assert cli.main(["fields"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == list(bank().ids)
    q10 = {f["name"]: f for f in out["q10"]["fields"]}
    assert set(q10["rnn_type"]["options"].values()) == {"LSTM", "GRU", "RNN"}
    assert q10["num_layers"]["range"] == [1, 3, 1]
    assert out["q1"]["fields"][0]["name"] == "outputs"


@pytest.mark.parametrize(
    "pair", ["outputs=", "outputs==", "h_n=\x00", "outputs=" + "(" * 5000, "outputs=1e999", "outputs=٣"]
)
def test_grade_never_raises_in_process(pair):
    code, out = cli.run(["grade", "q1", pair])
    assert code == 0 and out["status"] in ("correct", "wrong", "format", "empty")


@pytest.mark.parametrize(
    "args, words",
    [
        (["grade", "q10", "num_layers=999"], ["num_layers", "1~3"]),
        (["grade", "q9", "epochs=1e400"], ["epochs", "5~50"]),
        (["grade", "q9", "epochs=nan"], ["epochs"]),
        (["grade", "q9", "seq_length=abc"], ["seq_length"]),
        (["grade", "q10", "bidirectional=maybe"], ["bidirectional", "true"]),
    ],
)
def test_values_no_widget_could_hold_are_refused(args, words):
    """Never silently replaced by a default ("지금 10" for epochs=1e400): a Korean refusal, exit 2."""
    code, out = cli.run(args)
    assert code == 2 and out["status"] == "error"
    assert all(w in out["message"] for w in words) and "써요" in out["message"]


def test_an_option_in_another_case_is_read_and_said(capsys):
    q10 = next(q for q in bank() if q.trains and q.params.task == "sentiment")
    notes: list[str] = []
    answers, error = cli.parse_pairs(q10, ["rnn_type=gru", "num_layers=2"], notes)
    assert not error and answers == {"rnn_type": "GRU", "num_layers": 2}
    assert len(notes) == 1 and "'gru'" in notes[0] and "'GRU'" in notes[0]


def test_an_unknown_option_is_a_korean_format_message_not_a_default():
    code, out = cli.run(["grade", "q10", "rnn_type=Transformer"])
    assert code == 0 and out["status"] == "format"
    assert "LSTM, GRU, RNN" in out["reasons"][0]
