"""The first sheet of an Excel (.xlsx) workbook as rows of cell texts, read within bounds.

An .xlsx file is a zip of XML parts, and a few kilobytes of it can declare a million rows, a
sheet as wide as Excel allows (`A1:XFD1048576`) or one 200,000-character string used in every
cell. openpyxl (even with read_only=True) builds what the file declares, and a 13 KB upload took
a server past 1.5 GB. Here nothing is built before it is bounded (limits.py holds the numbers):

- the zip: the number of parts and what they declare they unpack to, before anything unpacks;
  then each part is unpacked in chunks, counting bytes (a part that lies about its size stops at
  the bound, not at the end of the lie);
- the XML: expat, fed chunk by chunk, never a tree; a DOCTYPE or entity declaration is refused,
  and so is a part with more elements than a price table can have;
- the sheet: its declared dimension first, then every row and column position and the number of
  cells as they stream past (`xlsx_sheet.SheetReader`);
- the shared strings: their declared count first, then the count, each string's length and the
  total characters as they stream.

Every refusal is a LoadError whose Korean message names the limit.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from xml.parsers import expat

from seqcore.stock import limits
from seqcore.stock.limits import LoadError
from seqcore.stock.xlsx_sheet import Events, SharedStrings, SheetReader, Styles, local

CHUNK = 1 << 16
NOT_A_WORKBOOK = "ZIP 파일이지만 엑셀(.xlsx) 통합 문서가 아니에요. 가격 표를 CSV나 .xlsx로 올려 주세요."


def _refuse_declarations(*_args) -> None:
    raise LoadError(
        "엑셀 파일 안의 XML에 DOCTYPE이나 엔터티 선언이 있어요. 이런 파일은 읽지 않아요. "
        "엑셀에서 다시 저장하거나 CSV로 저장해서 올려 주세요."
    )


class _Counted:
    """Counts the elements of one part; a part with more than MAX_XLSX_ELEMENTS is refused."""

    def __init__(self, start: Callable, part: str):
        self.start, self.part, self.n = start, part, 0

    def __call__(self, name: str, attrs: dict) -> None:
        self.n += 1
        if self.n > limits.MAX_XLSX_ELEMENTS:
            raise LoadError(
                f"엑셀 파일의 {self.part} 부분에 XML 요소가 {limits.MAX_XLSX_ELEMENTS:,}개를 넘어요. "
                "가격 표만 남겨서 올려 주세요."
            )
        self.start(local(name), attrs)


def parse_part(zf: zipfile.ZipFile, name: str, handler, max_bytes: int, label: str) -> None:
    """Feed part `name` to `handler` (start(name, attrs), end(name), text(data)) in chunks,
    refusing more than `max_bytes` unpacked."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.StartElementHandler = _Counted(handler.start, label)
    parser.EndElementHandler = lambda n: handler.end(local(n))
    parser.CharacterDataHandler = handler.text
    unpacked = 0
    with zf.open(name) as part:
        while chunk := part.read(CHUNK):
            unpacked += len(chunk)
            if unpacked > max_bytes:
                raise LoadError(
                    f"엑셀 파일의 {label} 부분이 압축을 풀면 {max_bytes / 1e6:,.3g} MB를 넘어요. "
                    "가격 표만 CSV로 저장해서 올려 주세요."
                )
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _Workbook(Events):
    """workbook.xml: how many sheets, the first one's relationship id, and the date system."""

    def __init__(self):
        self.sheets: list[str] = []
        self.date1904 = False

    def start(self, name: str, attrs: dict) -> None:
        if name == "sheet":
            self.sheets.append(next((v for k, v in attrs.items() if local(k) == "id"), ""))
        elif name == "workbookPr":
            self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")


class _Relations(Events):
    """workbook.xml.rels: relationship id -> the part it points to."""

    def __init__(self):
        self.targets: dict[str, str] = {}

    def start(self, name: str, attrs: dict) -> None:
        if name == "Relationship":
            self.targets[attrs.get("Id", "")] = attrs.get("Target", "")


def _check_zip(zf: zipfile.ZipFile) -> set[str]:
    """The part names, once the zip's declared sizes are within bounds."""
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise LoadError(NOT_A_WORKBOOK)
    if len(infos) > limits.MAX_XLSX_PARTS:
        raise LoadError(
            f"엑셀 파일 안의 부분이 {len(infos):,}개예요 (한도 {limits.MAX_XLSX_PARTS:,}개). "
            "가격 표만 CSV로 저장해서 올려 주세요."
        )
    if sum(i.file_size for i in infos) > limits.MAX_XLSX_UNPACKED:
        raise LoadError(
            f"엑셀 파일의 압축을 풀면 {limits.MAX_XLSX_UNPACKED // 10**6} MB를 넘어요. "
            "가격 표만 CSV로 저장해서 올려 주세요."
        )
    return names


def _first_sheet(zf: zipfile.ZipFile, names: set[str]) -> tuple[str, int, bool]:
    """(the first sheet's part name, how many sheets, whether dates count from 1904)."""
    book = _Workbook()
    parse_part(zf, "xl/workbook.xml", book, limits.MAX_XLSX_SMALL_PART, "통합 문서(workbook)")
    if not book.sheets:
        raise LoadError("엑셀 통합 문서에 시트가 없어요. 첫 번째 시트에 날짜 열과 종가 열이 있어야 해요.")
    rels = _Relations()
    if "xl/_rels/workbook.xml.rels" in names:
        parse_part(zf, "xl/_rels/workbook.xml.rels", rels, limits.MAX_XLSX_SMALL_PART, "관계(rels)")
    target = rels.targets.get(book.sheets[0], "worksheets/sheet1.xml")
    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    if part not in names:
        raise LoadError("엑셀 통합 문서의 첫 번째 시트를 찾을 수 없어요. 엑셀에서 다시 저장해서 올려 주세요.")
    return part, len(book.sheets), book.date1904


def _read(data: bytes) -> tuple[list[list[str]], int]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = _check_zip(zf)
        sheet, n_sheets, date1904 = _first_sheet(zf, names)
        styles = Styles()
        if "xl/styles.xml" in names:
            parse_part(zf, "xl/styles.xml", styles, limits.MAX_XLSX_SMALL_PART, "서식(styles)")
        shared = SharedStrings()
        if "xl/sharedStrings.xml" in names:
            parse_part(zf, "xl/sharedStrings.xml", shared, limits.MAX_XLSX_PART, "공유 문자열(sharedStrings)")
        reader = SheetReader(shared.strings, styles.date_styles(), date1904)
        parse_part(zf, sheet, reader, limits.MAX_XLSX_PART, "시트")
    return reader.rows, n_sheets


def read_xlsx(data: bytes) -> tuple[list[list[str]], int]:
    """The first sheet of an .xlsx workbook as rows of cell texts (empty rows left out), and how
    many sheets the workbook has. Raises LoadError for a zip that is not a workbook, one that
    passes any bound of limits.py, or a workbook that cannot be read."""
    try:
        return _read(data)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001  (a broken zip fails in zipfile, zlib or expat, many ways)
        raise LoadError(
            f"엑셀(.xlsx) 파일을 읽을 수 없어요 ({type(exc).__name__}). 엑셀에서 다시 저장하거나 "
            "'CSV UTF-8'로 저장해서 올려 주세요."
        ) from None
