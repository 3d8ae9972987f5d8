"""A learner's own price CSV: Yahoo Finance and Korean exports, read into a PriceSeries.

Never raises on bad input: `load_prices` returns either a series or a Korean message that
says what is wrong, with notes on what was repaired (missing values, order, trimming).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from seqcore.stock.pipeline import PriceSeries

MAX_BYTES = 10 * 1024 * 1024  # the same limit as .streamlit/config.toml's maxUploadSize
MAX_DAYS = 2000  # the most recent days kept: bounds training time on a 2-core machine
ENCODINGS = ("utf-8-sig", "cp949")  # utf-8-sig reads plain UTF-8 and UTF-8 with a BOM

# Column names, lower-cased and without spaces, in order of preference.
DATE_NAMES = ("date", "datetime", "time", "timestamp", "날짜", "일자", "일시", "기준일", "거래일", "기준일자")
CLOSE_NAMES = ("close", "종가", "closeprice", "현재가", "price", "가격", "adjclose", "수정종가", "last")


@dataclass
class LoadResult:
    series: PriceSeries | None = None
    error: str | None = None  # Korean, for st.error
    notes: list[str] = field(default_factory=list)  # Korean, what was repaired
    date_column: str | None = None
    price_column: str | None = None


def _decode(data: bytes) -> str | None:
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _separator(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (comma when none)."""
    header = text.lstrip().split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _key(name: str) -> str:
    return re.sub(r"[\s_*.\-\"']", "", str(name)).lower()


def _numbers(col: pd.Series) -> pd.Series:
    """'1,967.19', ' 72,300 ', '$12.5', '1 234원' -> floats; anything else -> NaN."""
    text = col.astype(str).str.strip()
    text = text.str.replace(r"[,\s$₩원]", "", regex=True)
    return pd.to_numeric(text, errors="coerce")


def _dates(col: pd.Series) -> pd.Series:
    """'2024-01-05', '2024.01.05', '2024/01/05', '2024- 01- 05', '20240105' -> Timestamps."""
    text = col.astype(str).str.strip().str.replace(r"\s", "", regex=True)
    text = text.str.replace(r"[./]", "-", regex=True).str.rstrip("-")
    return pd.to_datetime(text, errors="coerce", format="mixed")


def _pick(columns: list[str], names: tuple[str, ...]) -> str | None:
    keys = {_key(c): c for c in columns}
    for name in names:
        if name in keys:
            return keys[name]
    return None


def load_prices(data: bytes, name: str = "업로드한 데이터") -> LoadResult:
    """Parse an uploaded CSV into a PriceSeries (oldest day first) or a Korean error."""
    if len(data) > MAX_BYTES:
        return LoadResult(
            error=f"파일이 너무 커요 ({len(data) / 1e6:.1f} MB). 10 MB 이하의 CSV만 받을 수 있어요."
        )
    if not data.strip():
        return LoadResult(error="빈 파일이에요. 날짜와 종가 열이 있는 CSV를 올려 주세요.")
    if b"\x00" in data[:4096]:
        return LoadResult(
            error="CSV 텍스트 파일이 아니에요 (바이너리 데이터). 엑셀 파일이면 CSV로 저장해서 올려 주세요."
        )
    text = _decode(data)
    if text is None:
        return LoadResult(
            error="글자 인코딩을 읽을 수 없어요. UTF-8 또는 CP949(EUC-KR)로 저장한 CSV를 올려 주세요."
        )
    try:
        df = pd.read_csv(io.StringIO(text), sep=_separator(text), dtype=str, skipinitialspace=True)
    except (ValueError, csv.Error) as exc:  # pandas' ParserError/EmptyDataError are ValueErrors
        return LoadResult(
            error=f"CSV 형식으로 읽을 수 없어요 ({type(exc).__name__}). 쉼표로 구분된 표인지 확인해 주세요."
        )
    if df.shape[1] == 0 or len(df) == 0:
        return LoadResult(error="데이터 행이 없어요. 머리글 아래에 날짜와 종가가 있어야 해요.")

    columns = [str(c) for c in df.columns]
    df.columns = columns
    notes: list[str] = []
    date_col = _pick(columns, DATE_NAMES)
    price_col = _pick(columns, CLOSE_NAMES)
    if price_col is None:
        numeric = [c for c in columns if c != date_col and _numbers(df[c]).notna().mean() > 0.8]
        if len(numeric) == 1:
            price_col = numeric[0]
            notes.append(f"'종가/Close' 열이 없어 유일한 숫자 열 '{price_col}'을 가격으로 사용했어요.")
        elif not numeric:
            return LoadResult(error=f"숫자로 된 가격 열이 없어요. 찾은 열: {', '.join(columns[:12])}")
        else:
            return LoadResult(
                error="어느 열이 종가인지 모르겠어요. 열 이름을 'Close' 또는 '종가'로 바꿔 주세요. "
                f"찾은 숫자 열: {', '.join(numeric[:12])}"
            )

    prices = _numbers(df[price_col])
    raw = df[price_col].astype(str).str.strip()
    present = ~raw.str.lower().isin({"", "nan", "null", "none", "-", "n/a", "na"})
    bad_text = present & prices.isna()
    if present.sum() == 0 or bad_text.sum() > 0.5 * present.sum():
        example = raw[bad_text].iloc[0] if bad_text.any() else ""
        return LoadResult(
            error=f"가격 열 '{price_col}'의 값이 숫자가 아니에요 (예: '{example[:30]}'). 종가 숫자가 든 열이 필요해요."
        )

    if date_col is not None:
        dates = _dates(df[date_col])
        if dates.notna().mean() < 0.5:
            return LoadResult(
                error=f"날짜 열 '{date_col}'을 날짜로 읽을 수 없어요 (예: '{df[date_col].iloc[0]}')."
            )
    else:
        dates = pd.Series(pd.NaT, index=df.index)
        notes.append("날짜 열이 없어 행 순서를 시간 순서로 사용했어요.")

    frame = pd.DataFrame({"date": dates, "price": prices})
    bad_price = ~np.isfinite(frame["price"].to_numpy(dtype=float)) | (frame["price"] <= 0).to_numpy()
    missing = bad_price | (frame["date"].isna().to_numpy() if date_col is not None else False)
    if missing.any():
        notes.append(f"값이 비었거나 숫자가 아니거나 0 이하인 행 {int(missing.sum())}개를 뺐어요.")
    frame = frame[~missing]
    if date_col is not None:
        if len(frame) > 1 and frame["date"].iloc[0] > frame["date"].iloc[-1]:
            notes.append("날짜가 최신순이라 오래된 날부터 다시 정렬했어요.")
        frame = frame.sort_values("date", kind="stable")
        dup = frame["date"].duplicated(keep="last")
        if dup.any():
            notes.append(f"같은 날짜가 두 번 나온 행 {int(dup.sum())}개는 마지막 값만 남겼어요.")
            frame = frame[~dup]
    if len(frame) < 2:
        return LoadResult(error=f"쓸 수 있는 가격이 {len(frame)}개뿐이에요. 최소 수백 일의 종가가 필요해요.")
    if len(frame) > MAX_DAYS:
        notes.append(f"{len(frame)}일 중 최근 {MAX_DAYS}일만 사용해요 (학습 시간을 짧게 유지하려고요).")
        frame = frame.iloc[-MAX_DAYS:]

    values = tuple(float(v) for v in frame["price"].to_numpy(dtype=np.float64))
    iso = tuple(d.strftime("%Y-%m-%d") for d in frame["date"]) if date_col is not None else None
    series = PriceSeries(name=name, values=values, dates=iso)
    return LoadResult(series=series, notes=notes, date_column=date_col, price_column=price_col)
