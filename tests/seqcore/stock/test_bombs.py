"""Files that explode when parsed naively (issue 28): each is refused within seconds, with a
Korean message that names the limit, and the loading process stays under 700 MB. The files are
written here, by bench/stock_bombs.py, never committed."""

import time
from pathlib import Path

import pytest

from bench.stock_bombs import BOMBS, measure
from seqcore.core.memory import MemoryBudget
from seqcore.stock import limits, upload
from seqcore.stock.csvload import load_prices

ROOT = Path(__file__).resolve().parents[3]
REFUSE_WITHIN_S = 10.0  # measured 0.001-2.6 s on a busy 2-core machine
PEAK_RSS_MB = 700.0
# Each bomb's message names the limit it passed (as a number the learner can read).
LIMIT_SHOWN = {
    "xlsx_million_rows": f"{limits.MAX_XLSX_ROWS:,}",
    "xlsx_million_rows_undeclared": f"{limits.MAX_XLSX_ROWS:,}",
    "xlsx_widest_dimension": f"{limits.MAX_XLSX_COLS}열",
    "xlsx_far_cell_undeclared": f"{limits.MAX_XLSX_ROWS:,}",
    "xlsx_long_shared_string": f"{limits.MAX_XLSX_CELL_CHARS:,}자",
    "xlsx_big_shared_table": f"{limits.MAX_XLSX_SHARED_STRINGS:,}개",
    "xlsx_big_shared_table_undeclared": f"{limits.MAX_XLSX_SHARED_STRINGS:,}개",
    "csv_many_lines": f"{limits.MAX_CSV_ROWS:,}줄",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_refused_within_seconds_naming_its_limit(name):
    data = BOMBS[name]()
    assert len(data) <= limits.MAX_BYTES  # it passes the upload's size limit: the bound is later
    t0 = time.perf_counter()
    res = load_prices(data, "bomb.xlsx")
    seconds = time.perf_counter() - t0
    assert res.series is None and res.error is not None
    assert LIMIT_SHOWN[name] in res.error, res.error
    assert seconds < REFUSE_WITHIN_S


def test_the_issue_s_sizes_are_reproduced_small():
    """The xlsx bombs are as small as the ones reported (282 KB, 13 KB, 17 KB, 480 KB) or smaller."""
    sizes = {name: len(BOMBS[name]()) / 1000 for name in LIMIT_SHOWN if name.startswith("xlsx")}
    assert sizes["xlsx_million_rows"] < 282 and sizes["xlsx_widest_dimension"] < 13
    assert sizes["xlsx_long_shared_string"] < 200 and sizes["xlsx_big_shared_table"] < 480


@pytest.mark.slow
def test_loading_every_bomb_keeps_the_process_under_700_mb():
    """One fresh process (the loader's imports only) loads every bomb in turn; its peak resident
    memory, imports included, stays under 700 MB."""
    results = measure(sorted(BOMBS), root=str(ROOT))
    assert all(r["refused"] for r in results.values()), results
    peak = max(r["peak_rss_mb"] for r in results.values())
    assert peak < PEAK_RSS_MB, results
    assert max(r["seconds"] for r in results.values()) < REFUSE_WITHIN_S


def _budget(rss_mb: float) -> MemoryBudget:
    return MemoryBudget(limit_mb=1000.0, rss=lambda: rss_mb)


CSV = b"Date,Close\n" + b"".join(f"2024-01-{d:02d},{100 + d}\n".encode() for d in range(1, 29))


def test_a_file_is_parsed_inside_the_training_budget_and_released(monkeypatch):
    budget = _budget(100.0)
    seen = []

    def recording_load(data, name):
        seen.append(budget.active_mb())  # what a training asking now would be admitted against
        return load_prices(data, name)

    monkeypatch.setattr(upload, "load_prices", recording_load)
    res = upload.load_upload(CSV, "a.csv", budget)
    assert res.error is None and len(res.series) == 28
    assert seen == [pytest.approx(upload.parse_estimate_mb(CSV))] and budget.active_mb() == 0


def test_a_file_that_cannot_fit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(upload, "load_prices", lambda *a: pytest.fail("parsed a file over the budget"))
    res = upload.load_upload(CSV, "a.csv", _budget(990.0))
    assert res.series is None and "1,000 MB" in res.error  # the limit, said


def test_a_file_waits_for_a_running_training_then_is_refused_when_it_never_ends():
    budget = _budget(600.0)
    assert budget.try_acquire(7, 380.0)  # a training holds most of what is left
    res = upload.load_upload(CSV * 1000, "big.csv", budget, wait_s=0.3)  # a ~0.9 MB file: ~45 MB to parse
    assert res.series is None and "잠시 뒤" in res.error
    budget.release(7)
    assert upload.load_upload(CSV, "a.csv", budget, wait_s=0.3).error is None


def test_the_parse_estimate_grows_with_the_file_and_covers_the_largest_upload():
    small, big = upload.parse_estimate_mb(CSV), upload.parse_estimate_mb(b"x" * limits.MAX_BYTES)
    assert small < 40 < 150 < big < 200  # measured +158 MB for a 10 MB CSV
