"""bench.browser_ab: the medians and ratio it records, and a clear refusal of a page the app lacks."""

import subprocess
import sys
from pathlib import Path

from bench.browser_ab import summarize

ROOT = Path(__file__).resolve().parents[2]


def test_each_side_is_its_median_and_the_ratio_is_here_over_against():
    out = summarize({"rnn": {"against": [4.0, 3.0, 9.0], "here": [2.0, 1.0, 1.5]}})
    assert out == {
        "browser_ab.rnn.against_s": 4.0,
        "browser_ab.rnn.here_s": 1.5,
        "browser_ab.rnn.ratio": 0.38,
    }


def test_an_unknown_page_is_refused_before_anything_starts():
    run = subprocess.run(
        [sys.executable, "-m", "bench.browser_ab", "--against", "HEAD", "no_such_page"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "unknown page(s): no_such_page" in run.stderr
