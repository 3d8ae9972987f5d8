"""A learner's own price file: Yahoo Finance and Korean exports (CSV or Excel .xlsx), read into
a PriceSeries.

Never raises on bad input: `load_prices` returns either a series or a Korean message that
says what is wrong, with notes on what was found and done (with counts). Four stages:
`read_table` (bytes -> DataFrame of strings; an .xlsx workbook's first sheet through
`read_xlsx`), `pick_columns` (date by content, close by name),
`clean` (locale-aware numbers and dates, non-trading rows, order, duplicates, implausible
values) and `trim` (the most recent MAX_DAYS days). Jumps (splits) are found here and
repaired by the learner's choice with `seqcore.stock.checks`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from seqcore.stock.checks import MAX_PLAUSIBLE_PRICE, Jump, find_jumps, jump_note, quoted
from seqcore.stock.pipeline import PriceSeries

# .streamlit/config.toml's maxUploadSize = 10: the frontend counts megabytes as 10**6 bytes.
MAX_UPLOAD_MB = 10
MAX_BYTES = MAX_UPLOAD_MB * 1000 * 1000
ACCEPTED_TYPES = ("csv", "txt", "xlsx")
# An .xlsx file is a zip: what its parts may unpack to, and the rows read from its first sheet
# (a 10 MB upload could otherwise unpack to gigabytes on a server a class shares).
MAX_XLSX_UNPACKED = 200 * 1000 * 1000
MAX_XLSX_ROWS = 100_000
MAX_DAYS = 2000  # the most recent days kept: bounds training time on a 2-core machine
ENCODINGS = ("utf-8-sig", "cp949")  # utf-8-sig reads plain UTF-8 and UTF-8 with a BOM

# Column names, lower-cased, without spaces and units in brackets, in order of preference.
DATE_NAMES = (
    "date", "datetime", "time", "timestamp", "날짜", "일자", "일시", "기준일", "거래일", "기준일자", "거래일자",
)  # fmt: skip
CLOSE_NAMES = ("close", "종가", "closeprice", "현재가", "price", "가격", "adjclose", "수정종가", "last")
OHLV_NAMES = {
    "open": ("open", "시가"),
    "high": ("high", "고가"),
    "low": ("low", "저가"),
    "volume": ("volume", "거래량"),
}

_ISO = r"^\s*(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})(?:\s*일)?\.?"
_DMY = r"^\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})"
_TIME = r"(?:[T\s]+(\d{1,2}):(\d{2}))?"
_COMPACT = r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*$"


@dataclass
class LoadResult:
    series: PriceSeries | None = None
    error: str | None = None  # Korean, for st.error
    notes: list[str] = field(default_factory=list)  # Korean, what was found and done
    date_column: str | None = None
    price_column: str | None = None
    jumps: list[Jump] = field(default_factory=list)  # splits and other x3 jumps, for the learner's choice


class LoadError(Exception):
    """A Korean message for the learner: the file cannot be used."""


# ---------------------------------------------------------------- 1. reading


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
    has_date = any(_date_like(pd.Series([c])).iloc[0] for c in cells)
    numeric = sum(bool(re.fullmatch(r"\s*-?[\d.,]+\s*", c)) for c in cells)
    return has_date and numeric >= 1


NO_HEADER_NOTE = "첫 줄이 머리글이 아니라 데이터라서 열 이름 없이 읽었어요."


def _position_name(i: int) -> str:
    """The name of column `i` (from 0) when the file gives it none: its position."""
    return f"{i + 1}번째 열"


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
            if sum(info.file_size for info in zf.infolist()) > MAX_XLSX_UNPACKED:
                raise LoadError(
                    f"엑셀 파일의 압축을 풀면 {MAX_XLSX_UNPACKED // 10**6} MB를 넘어요. "
                    "가격 표만 CSV로 저장해서 올려 주세요."
                )
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets, rows = len(book.worksheets), []
            for values in book.worksheets[0].iter_rows(values_only=True):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    rows.append(cells)
                if len(rows) > MAX_XLSX_ROWS:
                    raise LoadError(
                        f"엑셀 시트의 행이 {MAX_XLSX_ROWS:,}개를 넘어요. 가격 표만 남겨서 올려 주세요."
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


def _unique(names: list[str]) -> list[str]:
    """Column names as pandas' read_csv makes them: an empty one by its position, a repeated one
    with '.1', '.2'..."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or _position_name(i)
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
        header = [_position_name(i) for i in range(width)]
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
    text, note = decode(data)
    notes = [note] if note else []
    sep = _separator(text)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, skipinitialspace=True, keep_default_na=False)
        first = [str(c) for c in df.columns]
        if _looks_like_data(first):
            df = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                dtype=str,
                header=None,
                skipinitialspace=True,
                keep_default_na=False,
            )
            df.columns = [_position_name(i) for i in range(df.shape[1])]
            notes.append(NO_HEADER_NOTE)
    except (ValueError, csv.Error) as exc:  # pandas' ParserError/EmptyDataError are ValueErrors
        raise LoadError(
            f"CSV 형식으로 읽을 수 없어요 ({type(exc).__name__}). 쉼표로 구분된 표인지 확인해 주세요."
        ) from None
    if df.shape[1] == 0 or len(df) == 0:
        raise LoadError("데이터 행이 없어요. 머리글 아래에 날짜와 종가가 있어야 해요.")
    df.columns = [str(c) for c in df.columns]
    return df, notes


# ---------------------------------------------------------------- 2. columns


def _key(name: str) -> str:
    name = re.sub(r"\(.*?\)|\[.*?\]", "", str(name))  # '종가(원)' -> '종가'
    return re.sub(r"[\s_*.\-\"']", "", name).lower()


def _pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    keys = {}
    for c in columns:
        keys.setdefault(_key(c), c)
    return next((keys[n] for n in names if n in keys), None)


def _date_like(col: pd.Series) -> pd.Series:
    text = col.astype(str)
    return text.str.match(_ISO) | text.str.match(_DMY) | text.str.match(_COMPACT)


def _number_like(col: pd.Series) -> pd.Series:
    return col.astype(str).str.fullmatch(r"\s*[-+]?[\d.,\s]*\d[\d.,\s]*(?:원|\$)?\s*") & ~_date_like(col)


def pick_columns(df: pd.DataFrame) -> tuple[str | None, str, list[str]]:
    """(date column, price column, notes). The date column is found by content. Raises LoadError."""
    columns = list(df.columns)
    notes: list[str] = []
    sample = df.head(500)
    date_like = [c for c in columns if _date_like(sample[c]).mean() > 0.8]
    named = _pick(columns, DATE_NAMES)
    date_col = named if named in date_like else (date_like[0] if date_like else None)
    if named is not None and date_col is None:
        raise LoadError(
            f"날짜 열 {quoted(named, ('을', '를'))} 날짜로 읽을 수 없어요 (예: '{str(df[named].iloc[0])[:30]}')."
        )
    if date_col is not None and date_col != named:
        notes.append(f"열 이름은 날짜가 아니지만 값이 날짜인 열 {quoted(date_col)} 날짜로 사용했어요.")
    if date_col is None:
        notes.append("날짜 열이 없어 행 순서를 시간 순서로 사용했어요.")
    price_col = _pick([c for c in columns if c != date_col], CLOSE_NAMES)
    if price_col is None:
        price_col = _guess_price(sample, columns, date_col, notes)
    return date_col, price_col, notes


def _guess_price(sample: pd.DataFrame, columns: list[str], date_col: str | None, notes: list[str]) -> str:
    numeric = [c for c in columns if c != date_col and _number_like(sample[c]).mean() > 0.8]
    headerless = all(c.endswith("번째 열") for c in columns)
    if headerless and date_col is not None and numeric:
        after = [c for c in numeric if columns.index(c) > columns.index(date_col)]
        if after:
            notes.append(f"머리글이 없어 날짜 다음의 첫 숫자 열({after[0]})을 종가로 가정했어요.")
            return after[0]
    if len(numeric) == 1:
        notes.append(f"'종가/Close' 열이 없어 유일한 숫자 열 {quoted(numeric[0])} 가격으로 사용했어요.")
        return numeric[0]
    if not numeric:
        raise LoadError(f"숫자로 된 가격 열이 없어요. 찾은 열: {', '.join(columns[:12])}")
    raise LoadError(
        "어느 열이 종가인지 모르겠어요. 열 이름을 'Close' 또는 '종가'로 바꿔 주세요. "
        f"찾은 숫자 열: {', '.join(numeric[:12])}"
    )


# ---------------------------------------------------------------- 3. cleaning: numbers and dates


def number_locale(col: pd.Series) -> tuple[str, str]:
    """('.' or ',' as the decimal mark, what was assumed), decided from the whole column."""
    text = col.astype(str).str.replace(r"[\s$₩원]", "", regex=True)
    both = text[text.str.contains(",") & text.str.contains(r"\.")]
    if len(both):
        comma_last = (both.str.rfind(",") > both.str.rfind(".")).mean() > 0.5
        if comma_last:
            return ",", "숫자에 '.'(천 단위)과 ','(소수점)가 함께 있어 유럽식 표기(1.234,56)로 읽었어요."
        return ".", ""
    commas = text[text.str.contains(",")]
    if len(commas) and not commas.str.fullmatch(r"-?\d{1,3}(,\d{3})+").all():
        return ",", "쉼표 뒤 자릿수가 3자리가 아닌 값이 있어 쉼표를 소수점으로 읽었어요 (101,76 → 101.76)."
    if len(commas):
        return ".", "쉼표 뒤가 모두 세 자리라 쉼표를 천 단위 구분 기호로 읽었어요 (1,234 → 1234)."
    if text.str.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}").any():
        return ",", "점이 여러 번 나오는 값(1.234.567)이 있어 점을 천 단위 구분 기호로 읽었어요."
    return ".", ""


def parse_numbers(col: pd.Series, decimal: str = ".") -> pd.Series:
    """'1,967.19', ' 72,300 ', '$12.5', '1 234원', '10.176,41' (decimal=',') -> floats; else NaN."""
    text = col.astype(str).str.strip().str.replace(r"[\s$₩원]", "", regex=True)
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


def parse_dates(col: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """(day as Timestamp, has a time of day, notes). Y-M-D, D.M.Y / M/D/Y (order decided from
    values that can only be one), 20240105, '2022년 01월 03일', '2022-01-03 00:00:00-05:00'."""
    text = col.astype(str).str.strip()
    notes: list[str] = []
    iso = text.str.extract(_ISO + _TIME)
    dmy = text.str.extract(_DMY + _TIME)
    compact = text.str.extract(_COMPACT)
    y, a, b = iso[0].fillna(dmy[2]).fillna(compact[0]), iso[1], iso[2]
    first, second = dmy[0], dmy[1]
    if first.notna().any():
        day_first = _day_first(first, second, text, notes)
        a = a.fillna(second if day_first else first)
        b = b.fillna(first if day_first else second)
    a, b = a.fillna(compact[1]), b.fillna(compact[2])
    parts = pd.DataFrame({"year": pd.to_numeric(y), "month": pd.to_numeric(a), "day": pd.to_numeric(b)})
    dates = pd.to_datetime(parts, errors="coerce")
    has_time = iso[3].notna() | dmy[3].notna()
    if text.str.contains(r"\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*[+-]\d{2}:?\d{2}$").any():
        notes.append("날짜에 붙은 시간대(예: -05:00)는 떼고 거래소 현지 날짜를 썼어요.")
    if text.str.contains("년").any():
        notes.append("'2022년 01월 03일' 형식의 한국어 날짜를 읽었어요.")
    return dates, has_time, notes


def _day_first(first: pd.Series, second: pd.Series, text: pd.Series, notes: list[str]) -> bool:
    f, s = pd.to_numeric(first, errors="coerce"), pd.to_numeric(second, errors="coerce")
    if (f > 12).any() and not (s > 12).any():
        notes.append(
            f"날짜 앞자리가 12보다 큰 값({int((f > 12).sum())}개)이 있어 '일.월.연도' 순서로 읽었어요."
        )
        return True
    if (s > 12).any() and not (f > 12).any():
        notes.append(
            f"날짜 가운데 자리가 12보다 큰 값({int((s > 12).sum())}개)이 있어 '월/일/연도' 순서로 읽었어요."
        )
        return False
    dotted = text.str.contains(r"^\s*\d{1,2}\.").mean() > 0.5
    notes.append(
        "날짜만으로는 일과 월의 순서를 알 수 없어 "
        + (
            "점 표기(독일식)에 따라 '일.월.연도'로 가정했어요."
            if dotted
            else "미국식 '월/일/연도'로 가정했어요."
        )
    )
    return dotted


# ---------------------------------------------------------------- 3. cleaning: rows


def _price_column(df: pd.DataFrame, price_col: str) -> tuple[pd.Series, list[str]]:
    """The close as floats (NaN where missing), with the locale note. Raises LoadError."""
    raw = df[price_col].astype(str).str.strip()
    present = ~raw.str.lower().isin({"", "nan", "null", "none", "-", "n/a", "na", "#n/a"})
    if present.sum() == 0:
        raise LoadError(
            f"가격 열 {quoted(price_col, ('이', '가'))} 모두 비어 있어요 (null 등 자리표시 값만 있어요)."
        )
    decimal, assumed = number_locale(raw[present])
    prices = parse_numbers(raw, decimal)
    bad_text = present & prices.isna()
    if bad_text.sum() > 0.5 * present.sum():
        example = raw[bad_text].iloc[0]
        raise LoadError(
            f"가격 열 {quoted(price_col, ('의', '의'))[:-1]}의 값이 숫자가 아니에요 (예: '{example[:30]}'). 종가 숫자가 든 열이 필요해요."
        )
    huge = prices.abs() > MAX_PLAUSIBLE_PRICE
    if huge.any():
        raise LoadError(
            f"가격 {int(huge.sum())}개가 믿기 어려울 만큼 커요 (예: {prices[huge].iloc[0]:.3g}). "
            "숫자 형식이나 열을 확인해 주세요."
        )
    return prices, [assumed] if assumed else []


def _placeholders(df: pd.DataFrame, prices: pd.Series, decimal: str = ".") -> pd.Series:
    """Yahoo's non-trading rows: Volume 0 and Open = High = Low = Close = the previous close."""
    cols = {k: _pick(list(df.columns), names) for k, names in OHLV_NAMES.items()}
    if any(c is None for c in cols.values()):
        return pd.Series(False, index=df.index)
    vol = parse_numbers(df[cols["volume"]])
    same = pd.Series(True, index=df.index)
    for k in ("open", "high", "low"):
        same &= parse_numbers(df[cols[k]], decimal) == prices
    return (vol == 0) & same & (prices == prices.shift(1))


def clean(df: pd.DataFrame, date_col: str | None, price_col: str) -> tuple[pd.DataFrame, list[str]]:
    """A frame of (date, price), oldest first, one row per trading day, with notes."""
    prices, notes = _price_column(df, price_col)
    frame = pd.DataFrame({"price": prices}, index=df.index)
    if date_col is not None:
        frame["date"], has_time, date_notes = parse_dates(df[date_col])
        notes += date_notes
    holder = _placeholders(df, prices)
    if holder.any():
        notes.append(
            f"거래량 0에 시가=고가=저가=종가=전날 종가인 자리표시 행(휴장일) {int(holder.sum())}개를 뺐어요."
        )
        frame = frame[~holder]
    bad = ~np.isfinite(frame["price"].to_numpy(dtype=float)) | (frame["price"] <= 0).to_numpy()
    if date_col is not None:
        bad |= frame["date"].isna().to_numpy()
    if bad.any():
        notes.append(f"값이 비었거나 숫자가 아니거나 0 이하인 행 {int(bad.sum())}개를 뺐어요.")
    frame = frame[~bad]
    if date_col is not None:
        frame, more = _order_days(frame, has_time.reindex(frame.index).fillna(False))
        notes += more
    return frame, notes


def _order_days(frame: pd.DataFrame, has_time: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    """Oldest first; intraday rows -> one daily bar; duplicates and weekend carry-forwards out."""
    notes: list[str] = []
    if len(frame) > 1 and frame["date"].iloc[0] > frame["date"].iloc[-1]:
        notes.append("날짜가 최신순이라 오래된 날부터 다시 정렬했어요.")
    frame = frame.sort_values("date", kind="stable")
    dup = frame["date"].duplicated(keep="last")
    if dup.any() and has_time.loc[frame.index].mean() > 0.5:
        notes.append(
            f"하루에 여러 시각의 값이 있어(장중 데이터) 날마다 마지막 값을 그날 종가로 삼았어요 "
            f"({len(frame)}행 → {int((~dup).sum())}일)."
        )
    elif dup.any():
        notes.append(f"같은 날짜가 두 번 나온 행 {int(dup.sum())}개는 마지막 값만 남겼어요.")
    frame = frame[~dup]
    weekend = (frame["date"].dt.dayofweek >= 5) & (frame["price"] == frame["price"].shift(1))
    if weekend.any():
        notes.append(
            f"주말 날짜에 전날 값을 그대로 옮겨 적은 행 {int(weekend.sum())}개를 뺐어요 (거래가 없던 날)."
        )
        frame = frame[~weekend]
    return frame, notes


# ---------------------------------------------------------------- 4. trimming, and the whole


def trim(frame: pd.DataFrame, max_days: int = MAX_DAYS) -> tuple[pd.DataFrame, list[str]]:
    if len(frame) > max_days:
        return frame.iloc[-max_days:], [
            f"{len(frame)}일 중 최근 {max_days}일만 사용해요 (학습 시간을 짧게 유지하려고요)."
        ]
    return frame, []


def load_prices(data: bytes, name: str = "업로드한 데이터") -> LoadResult:
    """Parse an uploaded CSV or .xlsx into a PriceSeries (oldest day first) or a Korean error."""
    try:
        df, notes = read_table(data)
        date_col, price_col, more = pick_columns(df)
        frame, cleaned = clean(df, date_col, price_col)
        frame, trimmed = trim(frame)
    except LoadError as exc:
        return LoadResult(error=str(exc))
    notes += more + cleaned + trimmed
    if len(frame) < 2:
        return LoadResult(error=f"쓸 수 있는 가격이 {len(frame)}개뿐이에요. 최소 수백 일의 종가가 필요해요.")
    values = tuple(float(v) for v in frame["price"].to_numpy(dtype=np.float64))
    iso = tuple(d.strftime("%Y-%m-%d") for d in frame["date"]) if date_col is not None else None
    series = PriceSeries(name=name, values=values, dates=iso)
    jumps = find_jumps(series)
    if jumps:
        notes.append(jump_note(jumps))
    return LoadResult(series, None, notes, date_col, price_col, jumps)
