"""`python -m bench`: the registry, the command line, docs/performance.md, and a smoke run."""

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bench
from bench import SUITES
from bench.__main__ import main
from bench.report import markdown

ROOT = Path(__file__).resolve().parents[2]


def test_every_suite_has_a_unique_name_and_a_measure_function():
    assert len({s.name for s in SUITES}) == len(SUITES)
    for suite in SUITES:
        spec = importlib.util.find_spec(suite.module)
        assert spec is not None, suite.module
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        measure = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "measure"]
        if suite.in_bench:
            assert measure and measure[0].args.args[0].arg == "quick", suite.module


def test_docs_performance_is_written_from_the_results_file():
    """Nobody edits docs/performance.md by hand: `python -m bench --docs` rewrites it."""
    assert (ROOT / "docs" / "performance.md").read_text(encoding="utf-8") == markdown(bench.read())


def test_the_page_shows_each_suites_command_and_marks_targets():
    results = {
        "pages.a.first_render_s": 1.0,
        "pages.a.rerender_s": 0.5,
        "pages.b.first_render_s": 4.0,
        "pages.b.rerender_s": 0.1,
        "meta.pages.command": "python -m bench",
        "meta.pages.finished_utc": "2030-01-01 00:00:00",
        "zzz.unowned": 7,
    }
    page = markdown(results)
    assert "| `a` | 1 ✅ | 0.5 ❌ |" in page and "| `b` | 4 ❌ | 0.1 ✅ |" in page
    assert "`python -m bench` · 2030-01-01 00:00:00 UTC" in page
    assert "| `zzz.unowned` | 7 |" in page
    assert "python -m bench.classroom --users 30" in page  # a suite without figures names its command


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--only", "nope"], "unknown suite(s): nope"), (["--only", "classroom"], "python -m bench.classroom")],
)
def test_bad_arguments_get_a_message_and_status_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_a_smoke_run_measures_and_leaves_the_committed_figures(tmp_path):
    """The fast tier's smoke run of the benchmark: seconds on a quiet machine."""
    committed = [(ROOT / p).read_bytes() for p in ("bench/results.json", "docs/performance.md")]
    out = tmp_path / "smoke.json"
    env = os.environ | {"SEQCORE_THREADS": "1", "OMP_NUM_THREADS": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    data = json.loads(out.read_text())
    assert 0 < data["pages.sequence_data.first_render_s"] < 60
    assert data["pages.sequence_data.exception"] is False
    assert data["meta.pages.command"] == f"python -m bench --smoke --out {out}"
    assert [(ROOT / p).read_bytes() for p in ("bench/results.json", "docs/performance.md")] == committed
