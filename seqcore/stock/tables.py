"""Bytes -> a table of strings: a CSV in any common encoding and separator, or an .xlsx sheet.

A first row that is already data gets position names ('1번째 열'); an .xlsx sheet's title
lines above the table are skipped. Every message is Korean (LoadError).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from seqcore.stock.limits import MAX_BYTES, MAX_COLUMNS, MAX_CSV_ROWS, MAX_UPLOAD_MB, LoadError
from seqcore.stock.values import date_like
from seqcore.stock.xlsx import read_xlsx

ENCODINGS = ("utf-8-sig", "cp949")  # utf-8-sig reads plain UTF-8 and UTF-8 with a BOM


def _decode_utf16(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        enc = "utf-16"
    elif data[1:80:2].count(0) > 30:
        enc = "utf-16-le"
    elif data[0:80:2].count(0) > 30:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    readable = sum(c.isascii() or "가" <= c <= "힣" for c in text[:2000])
    return text if readable > 0.9 * len(text[:2000]) else None


def decode(data: bytes) -> tuple[str, str | None]:
    """(text, a note when the encoding was not UTF-8). Raises LoadError."""
    text = _decode_utf16(data)
    if text is not None:
        return text.lstrip("\ufeff"), "UTF-16으로 저장된 파일이라 UTF-16으로 읽었어요."
    if b"\x00" in data[:4096]:
        raise LoadError(
            "CSV 텍스트 파일이 아니에요 (바이너리 데이터). 엑셀 파일이면 CSV로 저장해서 올려 주세요."
        )
    for enc in ENCODINGS:
        try:
            return data.decode(enc), (None if enc.startswith("utf") else "CP949(EUC-KR) 인코딩으로 읽었어요.")
        except UnicodeDecodeError:
            continue
    raise LoadError(
        "글자 인코딩을 읽을 수 없어요. UTF-8, UTF-16 또는 CP949(EUC-KR)로 저장한 CSV를 올려 주세요."
    )


def _separator(text: str) -> str:
    """Comma, semicolon or tab: whichever the first line uses most (comma when none)."""
    header = text.lstrip().split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _looks_like_data(cells: list[str]) -> bool:
    """A first row that holds a date and numbers is data, not a header."""
    has_date = any(date_like(pd.Series([c])).iloc[0] for c in cells)
    numeric = sum(bool(re.fullmatch(r"\s*-?[\d.,]+\s*", c)) for c in cells)
    return has_date and numeric >= 1


NO_HEADER_NOTE = "첫 줄이 머리글이 아니라 데이터라서 열 이름 없이 읽었어요."


def position_name(i: int) -> str:
    """The name of column `i` (from 0) when the file gives it none: its position."""
    return f"{i + 1}번째 열"


def _unique(names: list[str]) -> list[str]:
    """Column names as pandas' read_csv makes them: an empty one by its position, a repeated one
    with '.1', '.2'..."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or position_name(i)
        out.append(f"{name}.{seen[name]}" if name in seen else name)
        seen[name] = seen.get(name, 0) + 1
    return out


def _xlsx_table(data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """An .xlsx upload as a DataFrame of strings. The header is the first row with two or more
    cells (a title line above the table is skipped), unless that row is already data."""
    rows, sheets = read_xlsx(data)
    notes = [
        f"엑셀(.xlsx) 파일에 시트가 {sheets}개라서 첫 번째 시트만 읽었어요."
        if sheets > 1
        else "엑셀(.xlsx) 파일의 첫 번째 시트를 읽었어요."
    ]
    top = next((i for i, r in enumerate(rows) if sum(bool(c) for c in r) >= 2), None)
    if top is None:
        raise LoadError("엑셀 시트에 표가 없어요. 첫 번째 시트에 날짜 열과 종가 열이 있어야 해요.")
    if top:
        notes.append(f"표 위의 {top}줄(제목 등)은 건너뛰었어요.")
    rows = rows[top:]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if _looks_like_data(rows[0]):
        header = [position_name(i) for i in range(width)]
        notes.append(NO_HEADER_NOTE)
    else:
        header, rows = _unique(rows[0]), rows[1:]
    if not rows:
        raise LoadError("엑셀 시트에 데이터 행이 없어요. 머리글 아래에 날짜와 종가가 있어야 해요.")
    return pd.DataFrame(rows, columns=header, dtype=str), notes


def read_table(data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Bytes -> a DataFrame of strings, with notes. Raises LoadError."""
    if len(data) > MAX_BYTES:
        raise LoadError(
            f"파일이 너무 커요 ({len(data) / 1e6:.1f} MB). {MAX_UPLOAD_MB} MB 이하의 파일만 받을 수 있어요."
        )
    if not data.strip():
        raise LoadError("빈 파일이에요. 날짜와 종가 열이 있는 CSV를 올려 주세요.")
    if data[:4] == b"PK\x03\x04":  # a zip: an Excel workbook (.xlsx)
        return _xlsx_table(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the old binary Excel (.xls) and other OLE files
        raise LoadError(
            "예전 엑셀(.xls) 형식이에요. 엑셀에서 '.xlsx' 또는 'CSV UTF-8'로 저장해서 올려 주세요."
        )
    return _csv_table(data)


def _check_csv_shape(text: str, sep: str) -> None:
    """The lines and the header's columns, counted before pandas builds anything."""
    lines = text.count("\n") + 1
    if lines > MAX_CSV_ROWS:
        raise LoadError(
            f"CSV 파일의 줄이 {lines:,}개로 한도({MAX_CSV_ROWS:,}줄)를 넘어요. 최근 기간만 남겨서 올려 주세요."
        )
    columns = text.lstrip().split("\n", 1)[0].count(sep) + 1
    if columns > MAX_COLUMNS:
        raise LoadError(
            f"CSV 파일의 첫 줄에 열이 {columns:,}개 있어요 (한도 {MAX_COLUMNS}열). 날짜와 종가 열만 남겨서 올려 주세요."
        )


def _csv_table(data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """A CSV as a DataFrame of strings: the first row is the header unless it is already data."""
    text, note = decode(data)
    notes = [note] if note else []
    sep = _separator(text)
    _check_csv_shape(text, sep)
    try:
        df = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, header=None, skipinitialspace=True, keep_default_na=False
        )
    except (ValueError, csv.Error) as exc:  # pandas' ParserError/EmptyDataError are ValueErrors
        raise LoadError(
            f"CSV 형식으로 읽을 수 없어요 ({type(exc).__name__}). 쉼표로 구분된 표인지 확인해 주세요."
        ) from None
    del text
    first = [str(c) for c in df.iloc[0]] if len(df) else []
    if _looks_like_data(first):
        df.columns = [position_name(i) for i in range(df.shape[1])]
        notes.append(NO_HEADER_NOTE)
    else:
        df = df.iloc[1:].reset_index(drop=True)
        df.columns = _unique(first)
    if df.shape[1] == 0 or len(df) == 0:
        raise LoadError("데이터 행이 없어요. 머리글 아래에 날짜와 종가가 있어야 해요.")
    df.columns = [str(c) for c in df.columns]
    df.attrs["separator"] = sep  # a ';' file is a European export: its dots may be thousands
    return df, notes
