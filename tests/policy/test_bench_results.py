"""bench.merge_results: a benchmark replaces its own keys in results.json and leaves the rest."""

import json

from bench import merge_results


def test_the_picked_old_keys_are_replaced_and_the_others_stay(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"browser.a_s": 1.0, "browser.gone_s": 2.0, "classroom.p95_s": 3.0}))
    merge_results({"browser.a_s": 0.5, "meta.browser_command": "x"}, lambda k: k.startswith("browser."), path)
    assert json.loads(path.read_text()) == {
        "classroom.p95_s": 3.0,
        "browser.a_s": 0.5,
        "meta.browser_command": "x",
    }


def test_a_missing_or_unreadable_file_counts_as_empty(tmp_path):
    path = tmp_path / "results.json"
    merge_results({"k": 1}, lambda k: False, path)
    assert json.loads(path.read_text()) == {"k": 1}
    path.write_text("{not json")
    merge_results({"k": 2}, lambda k: False, path)
    assert json.loads(path.read_text()) == {"k": 2}
