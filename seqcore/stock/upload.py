"""An uploaded file is read inside the server's memory budget, the one that admits trainings.

Parsing a 10 MB CSV takes about 160 MB at its peak (measured: a 160,000-row Yahoo-style file,
+158 MB; a 100,000-row .xlsx, +84 MB): on a server a class shares, that counts. So a file is
parsed only once its estimate fits beside the runs already admitted (`MemoryBudget` of
seqcore/core/memory.py, the training queue's own), and the estimate is held while it parses:
a training that asks meanwhile sees it.
"""

from __future__ import annotations

from seqcore.core.memory import MemoryBudget, MemoryRefused
from seqcore.core.queue import training_queue
from seqcore.stock.csvload import LoadResult, load_prices
from seqcore.stock.limits import MAX_BYTES

CSV_MB_PER_MB = 16.0  # peak growth per MB of CSV (measured +158 MB for 10 MB), rounded up
XLSX_MB_PER_MB = 25.0  # per MB of .xlsx (measured +84 MB for 5.1 MB); the sheet's bounds cap it
PARSE_FIXED_MB = 30.0
WAIT_S = 10.0  # how long a file waits for room beside the runs admitted before it is refused


def parse_estimate_mb(data: bytes) -> float:
    """Megabytes reading `data` adds to the process at its peak (an upper estimate)."""
    mb = min(len(data), MAX_BYTES) / 1e6
    per_mb = XLSX_MB_PER_MB if data[:4] == b"PK\x03\x04" else CSV_MB_PER_MB
    return PARSE_FIXED_MB + per_mb * mb


def load_upload(
    data: bytes, name: str = "업로드한 데이터", budget: MemoryBudget | None = None, wait_s: float = WAIT_S
) -> LoadResult:
    """`load_prices` once the parse's estimate fits in `budget` (the training queue's by default),
    holding it while the file is read; a LoadResult with a Korean error when it does not fit."""
    budget = budget or training_queue().budget
    try:
        with budget.reserve(parse_estimate_mb(data), "upload", wait_s=wait_s):
            return load_prices(data, name)
    except MemoryRefused as refused:
        return LoadResult(error=str(refused))
