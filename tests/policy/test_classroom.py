"""bench.classroom end to end: a real `streamlit run` server and 3 websocket learners, 20 s.

Every learner finishes its lesson script (home, the GRU page and its trainings, a quiz answer,
the stock page and its training) without errors, exceptions or another learner's text. The
30-learner speed targets live in the benchmark's registry (bench.SUITES), not here.
"""

import json

import pytest

from bench import classroom


@pytest.mark.slow  # a real server and three learners' trainings: about a minute
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


# --- --arrive-together (bench/together.py): the parts that need no server -----------------


def test_arrive_together_keeps_first_and_later_visits_apart():
    from bench import together
    from bench.stclient import RunResult

    tally = together.TogetherTally()
    for i, s in enumerate([0.2, 0.4, 3.0]):
        tally.record(i, "home", "first", RunResult(s))
        tally.record(i, "home", "later", RunResult(s / 10))
    tally.record(0, "lstm", "first", RunResult(1.0, exceptions=["boom"]))
    res = together.summarize(tally, 3, 12.0)
    assert res["home.first.n"] == 3 and res["home.first.max_s"] == 3.0 and res["home.later.max_s"] == 0.3
    assert res["open_first_p95_max_s"] == 3.0 and res["open_later_p95_max_s"] == 0.3
    assert res["open_p95_max_s"] == 3.0 and res["exceptions"] == 1 and res["errors"] == 0


def test_the_custom_runs_losses_are_read_from_its_chart_at_full_precision():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench import together
    from bench.stclient import RunResult

    el = ForwardMsg().delta.new_element
    el.plotly_chart.spec = json.dumps(
        {"data": [{"type": "scatter", "name": "GRU", "y": [0.1234567891234, 0.05]}]}
    )
    assert together.losses_from(RunResult(0.0, elements=[el])) == {"GRU": [0.1234567891234, 0.05]}


def test_determinism_is_same_only_when_every_number_is_equal(monkeypatch):
    from bench import together

    solo = {"RNN": [0.5, 0.25], "GRU": [0.4, 0.2]}
    monkeypatch.setattr(together, "solo_losses", lambda: solo)
    assert together.determinism({"seconds": 1.0, "losses": solo})["determinism.same"] is True
    off = {"RNN": [0.5, 0.25], "GRU": [0.4, 0.2000001]}
    res = together.determinism({"seconds": 1.0, "losses": off})
    assert res["determinism.same"] is False and res["determinism.max_abs_diff"] > 0
    assert together.determinism(None)["determinism.same"] is False


@pytest.mark.parametrize(
    "argv",
    [["--users", "0"], ["--processes", "2"], ["--arrive-together", "--processes", "0"], ["--spread", "-1"]],
)
def test_bad_arguments_exit_with_a_message_not_a_traceback(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        classroom.main(argv)
    assert exc.value.code == 2 and "error:" in capsys.readouterr().err


# --- recording (bench.record): a run replaces its own keys, never another tag's -----------


def test_a_tagged_run_and_an_untagged_run_each_replace_only_their_own_keys(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(
        json.dumps(
            {
                "classroom.users": 30,
                "classroom.gone_s": 1.0,
                "classroom.soak10.users": 10,
                "classroom.soak10.tagged": True,
                "classroom.together30.open_p95_max_s": 2.5,
                "classroom.together30.old_s": 9.0,
                "classroom.together30.tagged": True,
                "stock.x": 1,
            }
        )
    )
    fresh = {"classroom.together30.open_p95_max_s": 1.5, "classroom.together30.tagged": True}
    classroom.save(fresh, "python -m bench.classroom --arrive-together --users 30", "together30", path)
    data = json.loads(path.read_text())
    assert "classroom.together30.old_s" not in data and data["classroom.together30.open_p95_max_s"] == 1.5
    assert data["classroom.gone_s"] == 1.0 and data["classroom.soak10.users"] == 10 and data["stock.x"] == 1
    assert data["meta.classroom.together30.command"].endswith("--users 30")
    assert "meta.classroom.command" not in data  # the untagged figures keep their own provenance
    assert data["targets.classroom.together*.open_p95_max_s"] == 2.0  # the registry's targets

    classroom.save({"classroom.users": 3}, "python -m bench.classroom --users 3", path=path)
    data = json.loads(path.read_text())
    assert data["classroom.users"] == 3 and "classroom.gone_s" not in data
    assert data["classroom.soak10.users"] == 10 and data["classroom.together30.open_p95_max_s"] == 1.5
    assert data["meta.classroom.command"] == "python -m bench.classroom --users 3"
    assert data["meta.classroom.together30.command"].endswith("--users 30")


def test_every_key_page_cpu_measures_is_its_own():
    from bench import owner, suite_named, target_for

    page_cpu = suite_named("page_cpu")
    for key in (
        "server.warm_open_cpu_s.home",
        "server.first_run_cpu_s.max",
        "server.browser_first_load_cpu_s",
    ):
        assert owner(key) is page_cpu, key
    assert owner("server.cold_start_s") is suite_named("server")
    assert target_for("server.first_run_cpu_s.max") == ("<=", 0.05)
