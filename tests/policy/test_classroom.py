"""bench.classroom end to end: a real `streamlit run` server and 3 websocket learners, 20 s.

Every learner finishes its lesson script (home, the GRU page and its trainings, a quiz answer,
the stock page and its training) without errors, exceptions or another learner's text. The
30-learner speed targets live in bench/classroom.py (TARGETS), not here.
"""

import json

import pytest

from bench import classroom


@pytest.mark.slow  # a server under load from three learners
def test_three_learners_finish_the_lesson_script_without_errors(tmp_path):
    out = tmp_path / "results.json"
    assert (
        classroom.main(
            [
                "--users",
                "3",
                "--duration",
                "20",
                "--rounds",
                "2",
                "--cold",
                "--no-startup-wait",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    res = json.loads(out.read_text())
    assert res["classroom.users"] == 3
    assert res["classroom.scripts_done"] >= 3  # each learner at least once through the script
    assert res["classroom.errors"] == 0, res["classroom.error_samples"]
    assert res["classroom.exceptions"] == 0, res["classroom.exception_samples"]
    assert res["classroom.leaks"] == 0, res["classroom.leak_samples"]
    for step in (
        "home",
        "train_open",
        "train_default",
        "train_custom",
        "quiz_answer",
        "stock_open",
        "stock_train",
    ):
        assert res[f"classroom.{step}.n"] >= 3, step
    assert res["classroom.server_peak_rss_mb"] > 0 and res["classroom.server_cpu_s"] > 0
