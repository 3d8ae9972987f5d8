"""Which column holds the date and which the close: the date by content, the close by name.

A file's own column names are data: they reach the learner's notes only quoted (checks.quoted)
and, on the page, through checks.plain.
"""

from __future__ import annotations

import re

import pandas as pd

from seqcore.stock.checks import quoted
from seqcore.stock.limits import LoadError
from seqcore.stock.values import date_like, number_like

# Column names, lower-cased, without spaces and units in brackets, in order of preference.
DATE_NAMES = ("date", "datetime", "time", "timestamp", "날짜", "일자", "일시", "기준일", "거래일")
DATE_NAMES += ("기준일자", "거래일자")
CLOSE_NAMES = ("close", "종가", "closeprice", "현재가", "price", "가격", "adjclose", "수정종가", "last")
OHLV_NAMES = {
    "open": ("open", "시가"),
    "high": ("high", "고가"),
    "low": ("low", "저가"),
    "volume": ("volume", "거래량"),
}


def _key(name: str) -> str:
    name = re.sub(r"\(.*?\)|\[.*?\]", "", str(name))  # '종가(원)' -> '종가'
    return re.sub(r"[\s_*.\-\"']", "", name).lower()


def pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    keys = {}
    for c in columns:
        keys.setdefault(_key(c), c)
    return next((keys[n] for n in names if n in keys), None)


def pick_columns(df: pd.DataFrame) -> tuple[str | None, str, list[str]]:
    """(date column, price column, notes). The date column is found by content. Raises LoadError."""
    columns = list(df.columns)
    notes: list[str] = []
    sample = df.head(500)
    dated = [c for c in columns if date_like(sample[c]).mean() > 0.8]
    named = pick(columns, DATE_NAMES)
    date_col = named if named in dated else (dated[0] if dated else None)
    if named is not None and date_col is None:
        raise LoadError(
            f"날짜 열 {quoted(named, ('을', '를'))} 날짜로 읽을 수 없어요 (예: '{str(df[named].iloc[0])[:30]}')."
        )
    if date_col is not None and date_col != named:
        notes.append(f"열 이름은 날짜가 아니지만 값이 날짜인 열 {quoted(date_col)} 날짜로 사용했어요.")
    if date_col is None:
        notes.append("날짜 열이 없어 행 순서를 시간 순서로 사용했어요.")
    price_col = pick([c for c in columns if c != date_col], CLOSE_NAMES)
    if price_col is None:
        price_col = _guess_price(sample, columns, date_col, notes)
    return date_col, price_col, notes


def _guess_price(sample: pd.DataFrame, columns: list[str], date_col: str | None, notes: list[str]) -> str:
    numeric = [c for c in columns if c != date_col and number_like(sample[c]).mean() > 0.8]
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
