"""Excel (.xlsx) price files: read like the CSV exports they replace, refused with a reason when
they cannot be read. The workbooks are written here with openpyxl."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from bench.stock_bombs import DAYS as BOMB_DAYS
from bench.stock_bombs import table_rows, workbook
from seqcore.stock import limits
from seqcore.stock.csvload import load_prices


def _xlsx(rows: list[list], sheets: int = 1) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for i in range(1, sheets):
        book.create_sheet(f"시트{i + 1}").append(["메모"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DAYS = [dt.datetime(2024, 1, 2) + dt.timedelta(days=i) for i in range(40)]


def test_a_korean_export_newest_first_with_date_cells_is_read_oldest_first():
    rows = [["일자", "종가", "대비", "거래량"]]
    rows += [[d, 70_000 + 100 * i, 100, 1_000_000] for i, d in reversed(list(enumerate(DAYS)))]
    res = load_prices(_xlsx(rows), "삼성.xlsx")
    assert res.error is None and (res.date_column, res.price_column) == ("일자", "종가")
    assert res.series.dates[0] == "2024-01-02" and res.series.dates[-1] == "2024-02-10"
    assert res.series.values[:2] == (70_000.0, 70_100.0)  # whole numbers, no '.0' trouble
    assert any("첫 번째 시트" in n for n in res.notes)


def test_a_title_above_the_table_and_extra_sheets_are_skipped_with_notes():
    rows = [["삼성전자 일별 시세"], [], ["Date", "Close"]] + [
        [d.date(), 10.5 + i] for i, d in enumerate(DAYS)
    ]
    res = load_prices(_xlsx(rows, sheets=2))
    assert res.error is None and res.series.values[:2] == (10.5, 11.5)
    assert any("1줄" in n for n in res.notes)  # the title line (the empty row is no line)
    assert any("시트가 2개" in n for n in res.notes)


def test_a_sheet_without_a_header_and_repeated_names_still_reads():
    headless = load_prices(_xlsx([[d, 100.0 + i] for i, d in enumerate(DAYS)]))
    assert headless.error is None and len(headless.series) == 40
    repeated = load_prices(_xlsx([["Date", "Close", "Close"]] + [[d, 5 + i, 9] for i, d in enumerate(DAYS)]))
    assert repeated.error is None and repeated.series.values[:2] == (5.0, 6.0)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"PK\x03\x04" + b"\x00" * 100, "엑셀(.xlsx) 파일을 읽을 수 없어요"),  # a broken zip
        (_xlsx([]), "표가 없어요"),
        (_xlsx([["Date", "Close"]]), "데이터 행이 없어요"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "예전 엑셀(.xls)"),
    ],
)
def test_unreadable_workbooks_get_a_korean_reason(data, fragment):
    res = load_prices(data)
    assert res.series is None and fragment in res.error


def test_a_zip_that_is_no_workbook_or_unpacks_too_large_is_refused(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("prices.csv", "Date,Close\n")
    assert "통합 문서가 아니에요" in load_prices(out.getvalue()).error
    data = _xlsx([["Date", "Close"]] + [[d, 1 + i] for i, d in enumerate(DAYS)])
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED", 1000)  # this workbook unpacks to more
    assert "압축을 풀면" in load_prices(data).error
    monkeypatch.setattr(limits, "MAX_XLSX_ROWS", 10)
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED", 10**9)
    assert "10행" in load_prices(data).error  # the sheet declares 41 rows: refused before reading one


def test_a_part_is_counted_while_it_unpacks_and_its_elements_are_bounded(monkeypatch):
    data = _xlsx([["Date", "Close"]] + [[d, 1 + i] for i, d in enumerate(DAYS)])
    monkeypatch.setattr(limits, "MAX_XLSX_PART", 2000)  # the sheet unpacks to more than 2 kB
    assert "0.002 MB" in load_prices(data).error  # the bound, said
    monkeypatch.setattr(limits, "MAX_XLSX_PART", 10**8)
    monkeypatch.setattr(limits, "MAX_XLSX_ELEMENTS", 50)
    assert "50개" in load_prices(data).error


def _edited_sheet(data: bytes, edit) -> bytes:
    """The workbook `data` with its sheet's XML passed through `edit` (bytes -> bytes)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            body = src.read(info.filename)
            zf.writestr(info.filename, edit(body) if info.filename == "xl/worksheets/sheet1.xml" else body)
    return out.getvalue()


def test_xml_with_a_doctype_or_entities_is_refused():
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = _edited_sheet(
        workbook(table_rows()), lambda b: b.replace(b"<worksheet", laughs + b"<worksheet", 1)
    )
    res = load_prices(data)
    assert res.series is None and "DOCTYPE" in res.error


def test_inline_strings_a_dimension_and_prefixed_names_read_as_the_table():
    res = load_prices(workbook(table_rows(), f"A1:B{BOMB_DAYS + 1}"))
    assert res.error is None and len(res.series) == BOMB_DAYS and res.series.values[:2] == (100.0, 101.0)
    prefixed = _edited_sheet(
        workbook(table_rows()), lambda b: b.replace(b"<row", b"<x:row").replace(b"</row", b"</x:row")
    )
    assert load_prices(prefixed).series.values == res.series.values  # a writer may prefix the namespace


def test_the_uploader_accepts_xlsx():
    assert "xlsx" in limits.ACCEPTED_TYPES
