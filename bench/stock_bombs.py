"""Small price files that explode when parsed naively, written on the fly (never committed).

Each reproduces one case of issue 28 ("Files that explode"): a few kilobytes that declare or
repeat their way to gigabytes in a reader that builds what the file says. `BOMBS` maps a name
to a function returning the file's bytes; the stock tests and `bench.stock.bombs()` load each
in a fresh process and record how long the refusal took and the process's peak memory.

Light on purpose (no numpy, no torch): the measuring process imports only the loader.
"""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="prices" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
DAYS = 40  # a real little price table sits at the top of every bomb


def table_rows() -> str:
    """A header and DAYS rows of (date, close), as inline strings and numbers."""
    header = (
        '<c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Close</t></is></c>'
    )
    rows = [f'<row r="1">{header}</row>']
    for i in range(DAYS):
        day = f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"
        rows.append(
            f'<row r="{i + 2}"><c r="A{i + 2}" t="inlineStr"><is><t>{day}</t></is></c>'
            f'<c r="B{i + 2}"><v>{100 + i}</v></c></row>'
        )
    return "".join(rows)


def workbook(sheet_body: str, dimension: str | None = None, shared: str | None = None) -> bytes:
    """An .xlsx file (deflated, as Excel writes them) whose first sheet holds `sheet_body`."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}<sheetData>{sheet_body}</sheetData></worksheet>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES.format(shared=SHARED_TYPE if shared else ""))
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            zf.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def million_empty_rows(declared: bool = True) -> bytes:
    """A sheet of a small table and then about a million empty rows (issue 28: 282 KB)."""
    empty = "<row/>" * (1_000_000 - DAYS - 1)  # each the next row number
    return workbook(table_rows() + empty, "A1:B1000000" if declared else None)


def widest_sheet(declared: bool = True) -> bytes:
    """A small table and one value in the sheet's last cell, XFD1048576, in a sheet that declares
    itself A1:XFD1048576 (issue 28: 13 KB): a reader that builds the rows in between holds
    a million rows of 16,384 cells."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return workbook(table_rows() + far, "A1:XFD1048576" if declared else None)


def long_shared_string(uses: int = 20_000, length: int = 200_000) -> bytes:
    """One 200,000-character shared string used in many cells (issue 28: 17 KB). Its spaces at
    both ends make a reader that strips each cell's text copy it once per cell."""
    text = " " + "A" * length + " "
    shared = f'<sst xmlns="{MAIN}" count="{uses}" uniqueCount="1"><si><t xml:space="preserve">{text}</t></si></sst>'
    cells = "".join(
        f'<row r="{r}"><c r="C{r}" t="s"><v>0</v></c></row>' for r in range(DAYS + 2, DAYS + 2 + uses)
    )
    return workbook(table_rows() + cells, f"A1:C{DAYS + 1 + uses}", shared)


def big_shared_table(n: int = 1_500_000, declared: bool = True) -> bytes:
    """A shared-strings table of 1.5 million short strings (issue 28: 480 KB, 1.6 GB parsed)."""
    counts = f' count="{n}" uniqueCount="{n}"' if declared else ""
    shared = f'<sst xmlns="{MAIN}"{counts}>' + "<si><t>x</t></si>" * n + "</sst>"
    return workbook(table_rows(), "A1:B41", shared)


def csv_lines() -> bytes:
    """A CSV of about 10 MB of one-column lines: under the upload limit, over a million rows."""
    return b"Close\n" + b"1\n" * 4_999_000


BOMBS = {
    "xlsx_million_rows": million_empty_rows,
    "xlsx_million_rows_undeclared": lambda: million_empty_rows(declared=False),
    "xlsx_widest_dimension": widest_sheet,
    "xlsx_far_cell_undeclared": lambda: widest_sheet(declared=False),
    "xlsx_long_shared_string": long_shared_string,
    "xlsx_big_shared_table": big_shared_table,
    "xlsx_big_shared_table_undeclared": lambda: big_shared_table(declared=False),
    "csv_many_lines": csv_lines,
}

# A fresh process loads each file named in argv[1:] and prints one JSON line per file: refused?,
# the message, seconds, and the peak resident memory of the whole process so far: VmHWM, the
# high-water mark of this program's memory (ru_maxrss would also count the parent's pages at the
# fork, which Linux carries across exec).
MEASURE = r"""
import json, sys, time
from seqcore.stock.csvload import load_prices
def peak_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    t0 = time.perf_counter()
    res = load_prices(data, "bomb")
    seconds = time.perf_counter() - t0
    del data
    print(json.dumps({"refused": res.error is not None, "error": res.error, "seconds": seconds,
                      "peak_rss_mb": peak_mb()}), flush=True)
"""


def measure(names, root: str = ".", timeout: float = 300.0) -> dict[str, dict]:
    """Loads the named bombs one after another in one fresh process (cwd `root`, the repository):
    name -> {refused, error, seconds, peak_rss_mb (the process's peak so far)}."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="stock-bombs-") as tmp:
        paths = []
        for name in names:
            paths.append(os.path.join(tmp, name))
            with open(paths[-1], "wb") as f:
                f.write(BOMBS[name]())
        proc = subprocess.run(
            [sys.executable, "-c", MEASURE, *paths], cwd=root, capture_output=True, text=True, timeout=timeout
        )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return dict(zip(names, (json.loads(line) for line in proc.stdout.splitlines())))
