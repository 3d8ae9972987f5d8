"""bench.merge_results and the registry: a benchmark replaces its own keys and leaves the rest;
a quick run never writes the committed figures."""

import json

import bench
from bench import merge_results, owner, suite_named, target_for


def figures(path) -> dict:
    return {k: v for k, v in json.loads(path.read_text()).items() if not k.startswith(("meta.", "targets."))}


def test_the_picked_old_keys_are_replaced_and_the_others_stay(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"browser.a_s": 1.0, "browser.gone_s": 2.0, "classroom.p95_s": 3.0}))
    merge_results({"browser.a_s": 0.5, "meta.browser.command": "x"}, lambda k: k.startswith("browser."), path)
    data = json.loads(path.read_text())
    assert figures(path) == {"classroom.p95_s": 3.0, "browser.a_s": 0.5}
    assert data["meta.browser.command"] == "x" and data["meta.written_by"] == "python -m bench"


def test_a_missing_or_unreadable_file_counts_as_empty(tmp_path):
    path = tmp_path / "results.json"
    merge_results({"k": 1}, lambda k: False, path)
    assert figures(path) == {"k": 1}
    path.write_text("{not json")
    merge_results({"k": 2}, lambda k: False, path)
    assert figures(path) == {"k": 2}


def test_a_quick_run_writes_the_quick_file_and_leaves_the_committed_one(tmp_path, monkeypatch):
    full, quick = tmp_path / "results.json", tmp_path / "results.quick.json"
    full.write_text(json.dumps({"pages.rnn.first_render_s": 1.0}))
    monkeypatch.setattr(bench, "RESULTS", full)
    monkeypatch.setattr(bench, "QUICK_RESULTS", quick)
    assert (
        bench.record("pages", {"pages.rnn.first_render_s": 9.0}, "python -m bench --quick", quick=True)
        == quick
    )
    assert figures(full) == {"pages.rnn.first_render_s": 1.0}
    assert figures(quick) == {"pages.rnn.first_render_s": 9.0}


def test_record_replaces_only_its_own_suites_keys(tmp_path, monkeypatch):
    path = tmp_path / "results.json"
    path.write_text(
        json.dumps({"server.cold_start_s": 1.0, "server.warm_open_cpu_s.max": 0.03, "stock.x": 2})
    )
    monkeypatch.setattr(bench, "QUICK_RESULTS", path)
    bench.record("page_cpu", {"server.warm_open_cpu_s.max": 0.02}, "python -m bench.page_cpu", quick=True)
    assert figures(path) == {"server.cold_start_s": 1.0, "stock.x": 2, "server.warm_open_cpu_s.max": 0.02}
    assert json.loads(path.read_text())["meta.page_cpu.command"] == "python -m bench.page_cpu"


def test_the_longest_prefix_owns_a_key():
    assert owner("server.warm_open_cpu_s.max") is suite_named("page_cpu")
    assert owner("server.cold_start_s") is suite_named("server")
    assert owner("torch.import_s") is suite_named("pages")
    assert owner("meta.classroom.command") is suite_named("classroom")
    assert owner("nobody.x") is None


def test_the_first_matching_target_counts():
    assert target_for("pages.rnn.first_render_s") == ("<=", 3.0)
    assert target_for("browser.deep_link.sentiment_s") == ("<=", 5.0)
    assert target_for("browser.deep_link.sentiment.first_text_s") is None
    assert target_for("sentiment.uci.random.review.negation_acc") == (">=", 0.85)
    assert target_for("pages.rnn.exception") is None
    assert bench.meets(0.9, (">=", 0.85)) and not bench.meets(3.5, ("<=", 3.0))
    assert bench.meets("text", ("<=", 1.0)) is None and bench.meets(True, ("<=", 1.0)) is None


def test_the_committed_results_hold_full_runs_only():
    data = bench.read()
    commands = [v for k, v in data.items() if k.startswith("meta.") and k.endswith(".command")]
    assert commands and not any("--quick" in c or "--smoke" in c for c in commands)
    assert sum(1 for k in data if not k.startswith(("meta.", "targets."))) > 400
