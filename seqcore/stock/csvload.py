"""A learner's own price file: Yahoo Finance and Korean exports (CSV or Excel .xlsx), read into
a PriceSeries.

Never raises on bad input: `load_prices` returns either a series or a Korean message that
says what is wrong, with notes on what was found and done (with counts). Four stages:
`tables.read_table` (bytes -> DataFrame of strings; an .xlsx workbook's first sheet through
`xlsx.read_xlsx`), `columns.pick_columns` (date by content, close by name),
`clean` (locale-aware numbers and dates (`values`), non-trading rows, order, duplicates,
implausible values) and `trim` (the most recent MAX_DAYS days). Jumps (splits) are found here
and repaired by the learner's choice with `seqcore.stock.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from seqcore.stock.checks import (
    MAX_PLAUSIBLE_PRICE,
    Jump,
    find_gaps,
    find_jumps,
    flat,
    gap_note,
    jump_note,
    quoted,
)
from seqcore.stock.columns import OHLV_NAMES, pick, pick_columns
from seqcore.stock.limits import MAX_DAYS, LoadError
from seqcore.stock.series import PriceSeries
from seqcore.stock.tables import read_table
from seqcore.stock.values import number_locale, parse_dates, parse_numbers


@dataclass
class LoadResult:
    series: PriceSeries | None = None
    error: str | None = None  # Korean, for st.error
    notes: list[str] = field(default_factory=list)  # Korean, what was found and done
    date_column: str | None = None
    price_column: str | None = None
    jumps: list[Jump] = field(default_factory=list)  # splits and other x3 jumps, for the learner's choice
    warnings: list[str] = field(default_factory=list)  # Korean, what may make the series read wrong


def _price_column(df: pd.DataFrame, price_col: str) -> tuple[pd.Series, list[str]]:
    """The close as floats (NaN where missing), with the locale note. Raises LoadError."""
    raw = df[price_col].astype(str).str.strip()
    present = ~raw.str.lower().isin({"", "nan", "null", "none", "-", "n/a", "na", "#n/a"})
    if present.sum() == 0:
        raise LoadError(
            f"가격 열 {quoted(price_col, ('이', '가'))} 모두 비어 있어요 (null 등 자리표시 값만 있어요)."
        )
    decimal, assumed = number_locale(raw[present], european=df.attrs.get("separator") == ";")
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
    cols = {k: pick(list(df.columns), names) for k, names in OHLV_NAMES.items()}
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
    if reason := flat(series):
        return LoadResult(error=reason)
    jumps, gaps = find_jumps(series), find_gaps(series)
    warnings = ([jump_note(jumps)] if jumps else []) + ([gap_note(gaps)] if gaps else [])
    return LoadResult(series, None, notes, date_col, price_col, jumps, warnings)
