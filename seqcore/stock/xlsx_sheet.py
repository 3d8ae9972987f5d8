"""Streaming readers of an .xlsx workbook's parts (expat handlers), each bounded as it reads.

`SharedStrings` (xl/sharedStrings.xml), `Styles` (which cell styles are dates) and `SheetReader`
(a worksheet's rows) receive start/end/text events from `xlsx.parse_part` and keep only what a
price table needs: cell texts, as a CSV export would hold them.
"""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from seqcore.stock import limits
from seqcore.stock.limits import LoadError

_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")


def local(name: str) -> str:
    """An element or attribute name without its namespace prefix ('x:row' -> 'row')."""
    return name.rpartition(":")[2]


def column_index(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _too_long() -> LoadError:
    return LoadError(
        f"엑셀 셀 하나에 {limits.MAX_XLSX_CELL_CHARS:,}자가 넘는 글이 있어요. 가격 표의 셀은 짧아요: "
        "날짜와 종가만 남겨서 올려 주세요."
    )


class Events:
    """Default handlers: nothing to do."""

    def start(self, name: str, attrs: dict) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class SharedStrings(Events):
    """The workbook's table of strings, bounded in count, in each string's length and in total."""

    def __init__(self):
        self.strings: list[str] = []
        self.parts: list[str] | None = None  # the text of the string being read
        self.length = 0  # its characters so far
        self.depth_ph = 0  # inside <rPh> (phonetic hints): not part of the text
        self.in_t = False
        self.chars = 0  # characters of every string so far

    def start(self, name: str, attrs: dict) -> None:
        if name == "sst":
            declared = _int(attrs.get("uniqueCount"))  # the strings in the table (count: their uses)
            if declared > limits.MAX_XLSX_SHARED_STRINGS:
                raise _too_many_strings(declared)
        elif name == "si":
            self.parts, self.length = [], 0
        elif name == "rPh":
            self.depth_ph += 1
        elif name == "t":
            self.in_t = self.parts is not None and not self.depth_ph

    def end(self, name: str) -> None:
        if name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None
            if len(self.strings) > limits.MAX_XLSX_SHARED_STRINGS:
                raise _too_many_strings(len(self.strings))
        elif name == "rPh":
            self.depth_ph -= 1
        elif name == "t":
            self.in_t = False

    def text(self, data: str) -> None:
        if not self.in_t:
            return
        self.parts.append(data)
        self.length += len(data)
        if self.length > limits.MAX_XLSX_CELL_CHARS:
            raise _too_long()
        self.chars += len(data)
        if self.chars > limits.MAX_XLSX_SHARED_CHARS:
            raise LoadError(
                f"엑셀 파일의 공유 문자열이 모두 {limits.MAX_XLSX_SHARED_CHARS:,}자를 넘어요. "
                "가격 표만 남겨서 올려 주세요."
            )


def _too_many_strings(n: int) -> LoadError:
    return LoadError(
        f"엑셀 파일의 공유 문자열이 {n:,}개로 한도({limits.MAX_XLSX_SHARED_STRINGS:,}개)를 넘어요. "
        "가격 표만 남겨서 올려 주세요."
    )


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


class Styles(Events):
    """styles.xml: the number format of every cell style, to tell dates from numbers."""

    def __init__(self):
        self.formats: dict[int, str] = dict(BUILTIN_FORMATS)
        self.xf_formats: list[int] = []
        self.in_xfs = False

    def start(self, name: str, attrs: dict) -> None:
        if name == "numFmt":
            self.formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")[:200]
        elif name == "cellXfs":
            self.in_xfs = True
        elif name == "xf" and self.in_xfs:
            self.xf_formats.append(_int(attrs.get("numFmtId")))

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self.in_xfs = False

    def date_styles(self) -> set[int]:
        """The indices of the cell styles whose number format is a date."""
        return {i for i, f in enumerate(self.xf_formats) if is_date_format(self.formats.get(f, ""))}


def number_text(value: str) -> str:
    """A numeric cell as openpyxl reads it and a CSV export would hold it: whole numbers without
    '.0' ('72300', '72300.0' -> '72300'), others as Python prints the float ('101.76')."""
    value = value.strip()
    try:
        if not any(c in value for c in ".eE"):
            return str(int(value))
        x = float(value)
    except ValueError:
        return value
    return str(int(x)) if x.is_integer() else str(x)


def date_text(value) -> str:
    """A date cell as ISO text: the day, and the time of day when there is one."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class SheetReader(Events):
    """A worksheet's non-empty rows as lists of cell texts. The declared dimension, every row's
    and cell's position and the number of cells are bounded as they stream past."""

    def __init__(self, strings: list[str], date_styles: set[int], date1904: bool = False):
        self.strings, self.date_styles = strings, date_styles
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.rows: list[list[str]] = []
        self.row: list[str] = []
        self.row_no = self.rows_seen = self.cells = self.col = 0
        self.cell: tuple[str, int] | None = None  # (type, style) of the cell being read
        self.parts: list[str] | None = None  # text of its <v> or inline <t>, while inside one
        self.value: list[str] = []
        self.length = 0

    def start(self, name: str, attrs: dict) -> None:
        if name == "dimension":
            _check_dimension(attrs.get("ref", ""))
        elif name == "row":
            self._start_row(attrs.get("r"))
        elif name == "c":
            self._start_cell(attrs)
        elif self.cell is not None and (name == "v" or (name == "t" and self.cell[0] == "inlineStr")):
            self.parts = self.value

    def text(self, data: str) -> None:
        if self.parts is not None:
            self.parts.append(data)
            self.length += len(data)
            if self.length > limits.MAX_XLSX_CELL_CHARS:
                raise _too_long()

    def end(self, name: str) -> None:
        if name in ("v", "t"):
            self.parts = None
        elif name == "c" and self.cell is not None:
            text = self._cell_text("".join(self.value))
            if text:
                self.row.extend([""] * (self.col - len(self.row)))
                self.row[self.col - 1] = text
            self.cell = None
        elif name == "row":
            if any(self.row):
                self.rows.append(self.row)
            self.row = []

    def _start_row(self, r: str | None) -> None:
        self.row_no = _int(r) or self.row_no + 1
        self.rows_seen += 1
        self.col = 0
        if max(self.row_no, self.rows_seen) > limits.MAX_XLSX_ROWS:
            raise LoadError(
                f"엑셀 시트의 행이 {limits.MAX_XLSX_ROWS:,}개를 넘어요 ({max(self.row_no, self.rows_seen):,}번째 행). "
                "가격 표만 남겨서 올려 주세요."
            )

    def _start_cell(self, attrs: dict) -> None:
        ref = _REF.match(attrs.get("r", ""))
        self.col = column_index(ref.group(1)) if ref else self.col + 1
        self.cells += 1
        if self.col > limits.MAX_XLSX_COLS:
            raise LoadError(
                f"엑셀 시트에 {self.col:,}번째 열에 값이 있어요 (한도 {limits.MAX_XLSX_COLS}열). "
                "날짜와 종가 열만 남겨서 올려 주세요."
            )
        if self.cells > limits.MAX_XLSX_CELLS:
            raise LoadError(
                f"엑셀 시트의 셀이 {limits.MAX_XLSX_CELLS:,}개를 넘어요. 날짜와 종가 열만 남겨서 올려 주세요."
            )
        self.cell = (attrs.get("t", "n"), _int(attrs.get("s")))
        self.value, self.length = [], 0

    def _cell_text(self, raw: str) -> str:
        kind, style = self.cell
        if kind == "s":
            i = _int(raw)
            return self.strings[i].strip() if 0 <= i < len(self.strings) else ""
        if kind == "b":
            return "True" if raw.strip() in ("1", "true") else "False" if raw.strip() else ""
        if kind == "d":
            try:
                return date_text(dt.datetime.fromisoformat(raw.strip()))
            except ValueError:
                return raw.strip()
        if kind == "n" and raw.strip() and style in self.date_styles:
            try:
                return date_text(from_excel(float(raw), self.epoch))
            except (ValueError, OverflowError):
                return number_text(raw)
        return number_text(raw) if kind == "n" else raw.strip()


def _check_dimension(ref: str) -> None:
    """The sheet's declared extent ('A1:XFD1048576'), refused before a row is read when it passes
    the row or column bound."""
    last = _REF.match(ref.rpartition(":")[2])
    if last is None:
        return
    cols, rows = column_index(last.group(1)), int(last.group(2))
    if rows > limits.MAX_XLSX_ROWS or cols > limits.MAX_XLSX_COLS:
        raise LoadError(
            f"엑셀 시트가 스스로 밝힌 크기({ref[:40]}: {rows:,}행 × {cols:,}열)가 한도"
            f"({limits.MAX_XLSX_ROWS:,}행 × {limits.MAX_XLSX_COLS}열)를 넘어요. 가격 표만 새 시트에 붙여 "
            "저장하거나 CSV로 저장해서 올려 주세요."
        )
