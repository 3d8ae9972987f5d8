"""An uploaded file is read inside the server's memory budget, the one that admits trainings.

Parsing a 10 MB CSV takes about 160 MB at its peak (measured: a 160,000-row Yahoo-style file,
+158 MB; a 100,000-row .xlsx, +84 MB): on a server a class shares, that counts. So a file is
parsed only once its estimate fits beside the runs already admitted (`MemoryBudget` of
seqcore/core/memory.py, the training queue's own), and the estimate is held while it parses:
a training that asks meanwhile sees it.
"""

from __future__ import annotations

import itertools
import time

from seqcore.core.memory import MemoryBudget, MemoryRefused
from seqcore.core.queue import training_queue
from seqcore.stock.csvload import LoadResult, load_prices
from seqcore.stock.limits import MAX_BYTES

CSV_MB_PER_MB = 16.0  # peak growth per MB of CSV (measured +158 MB for 10 MB), rounded up
XLSX_MB_PER_MB = 25.0  # per MB of .xlsx (measured +84 MB for 5.1 MB); the sheet's bounds cap it
PARSE_FIXED_MB = 30.0
WAIT_S = 10.0  # how long a file waits for room beside the runs admitted before it is refused
# Reservations of file parsing: negative tokens, apart from the queue's jobs (counted up from 1).
_tokens = itertools.count(-1, -1)


def parse_estimate_mb(data: bytes) -> float:
    """Megabytes reading `data` adds to the process at its peak (an upper estimate)."""
    mb = min(len(data), MAX_BYTES) / 1e6
    per_mb = XLSX_MB_PER_MB if data[:4] == b"PK\x03\x04" else CSV_MB_PER_MB
    return PARSE_FIXED_MB + per_mb * mb


def _busy(estimate: float, budget: MemoryBudget) -> str:
    in_use = budget.rss() + budget.active_mb()
    return (
        f"이 파일을 읽으려면 메모리가 약 {estimate:,.0f} MB 필요한데, 서버가 지금 학습과 다른 파일에 약 "
        f"{in_use:,.0f} MB를 쓰고 있어서 한도({budget.limit_mb:,.0f} MB)를 넘어요. 반 전체가 한 서버를 함께 쓰니, "
        "잠시 뒤에 다시 올려 주세요."
    )


def load_upload(
    data: bytes, name: str = "업로드한 데이터", budget: MemoryBudget | None = None, wait_s: float = WAIT_S
) -> LoadResult:
    """`load_prices` once the parse's estimate fits in `budget` (the training queue's by default),
    holding it while the file is read; a LoadResult with a Korean error when it does not fit."""
    budget = budget or training_queue().budget
    estimate = parse_estimate_mb(data)
    try:
        budget.check(estimate)
    except MemoryRefused:
        return LoadResult(error=_busy(estimate, budget))
    token, deadline = next(_tokens), time.monotonic() + wait_s
    while not budget.try_acquire(token, estimate):
        if time.monotonic() > deadline:
            return LoadResult(error=_busy(estimate, budget))
        time.sleep(0.1)  # a training finishes, or another file is read
    try:
        return load_prices(data, name)
    finally:
        budget.release(token)
