"""The first sheet of an Excel (.xlsx) workbook as rows of cell texts, read within bounds."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from seqcore.stock import limits
from seqcore.stock.limits import LoadError


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV export would hold: dates as ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes) -> tuple[list[list[str]], int]:
    """The first sheet of an .xlsx workbook as rows of cell texts (empty rows left out), and how
    many sheets the workbook has. Raises LoadError for a zip that is not a workbook, one that
    unpacks too large, too many rows, or a workbook openpyxl cannot read."""
    import openpyxl  # only for Excel uploads

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                raise LoadError(
                    "ZIP 파일이지만 엑셀(.xlsx) 통합 문서가 아니에요. 가격 표를 CSV나 .xlsx로 올려 주세요."
                )
            if sum(info.file_size for info in zf.infolist()) > limits.MAX_XLSX_UNPACKED:
                raise LoadError(
                    f"엑셀 파일의 압축을 풀면 {limits.MAX_XLSX_UNPACKED // 10**6} MB를 넘어요. "
                    "가격 표만 CSV로 저장해서 올려 주세요."
                )
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets, rows = len(book.worksheets), []
            for values in book.worksheets[0].iter_rows(values_only=True):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    rows.append(cells)
                if len(rows) > limits.MAX_XLSX_ROWS:
                    raise LoadError(
                        f"엑셀 시트의 행이 {limits.MAX_XLSX_ROWS:,}개를 넘어요. 가격 표만 남겨서 올려 주세요."
                    )
        finally:
            book.close()
    except LoadError:
        raise
    except Exception as exc:  # a broken file fails inside zipfile, XML parsing or openpyxl, many ways
        raise LoadError(
            f"엑셀(.xlsx) 파일을 읽을 수 없어요 ({type(exc).__name__}). 엑셀에서 다시 저장하거나 "
            "'CSV UTF-8'로 저장해서 올려 주세요."
        ) from None
    return rows, sheets
