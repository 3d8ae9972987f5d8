"""Numbers and dates as people write them: locale-aware prices, dates in every common order.

`number_locale` and `parse_dates` decide from the whole column (a value that can only be read
one way settles the order for every row) and say in Korean what they assumed.
"""

from __future__ import annotations

import pandas as pd

_ISO = r"^\s*(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})(?:\s*일)?\.?"
_DMY = r"^\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})"
_TIME = r"(?:[T\s]+(\d{1,2}):(\d{2}))?"
_COMPACT = r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*$"


def date_like(col: pd.Series) -> pd.Series:
    """Which cells look like a date in one of the formats `parse_dates` reads."""
    text = col.astype(str)
    return text.str.match(_ISO) | text.str.match(_DMY) | text.str.match(_COMPACT)


def number_like(col: pd.Series) -> pd.Series:
    """Which cells look like a number (with thousands marks, a unit or a currency sign)."""
    return col.astype(str).str.fullmatch(r"\s*[-+]?[\d.,\s]*\d[\d.,\s]*(?:원|\$)?\s*") & ~date_like(col)


def number_locale(col: pd.Series, european: bool = False) -> tuple[str, str]:
    """('.' or ',' as the decimal mark, what was assumed), decided from the whole column.
    `european`: the file separates its fields with ';' (as a European Excel export does)."""
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
    return _dots(text, european)


FAKE_JUMP = 3.0  # a day-to-day ratio beyond x3 that one reading of the dots makes and the other does not


def _jumps(values: pd.Series) -> int:
    """Day-to-day ratios beyond FAKE_JUMP in file order (the order of the rows is the order of days,
    newest first or oldest first)."""
    v = values.dropna().to_numpy(dtype=float)
    v = v[v > 0]
    r = v[1:] / v[:-1]
    return int(((r > FAKE_JUMP) | (r < 1 / FAKE_JUMP)).sum())


def _dots(text: pd.Series, european: bool) -> tuple[str, str]:
    """One dot per value and three digits after it ('1.234', '998'): a decimal point or a thousands
    dot? The other rows decide: read as decimals, '998' -> '1.002' is a thousandfold fall. When
    they cannot, a ';'-separated (European) file means thousands; otherwise a note says both."""
    dotted = text[text.str.contains(r"\.")]
    if not len(dotted) or not dotted.str.fullmatch(r"-?\d{1,3}\.\d{3}").all():
        return ".", ""
    as_decimal, as_thousands = _jumps(parse_numbers(text, ".")), _jumps(parse_numbers(text, ","))
    if as_thousands < as_decimal:
        return ",", (
            f"점 뒤가 모두 세 자리라서, 점을 소수점으로 읽으면 하루 사이에 1000배씩 뛰는 곳이 {as_decimal}곳 "
            "생겨요. 점을 천 단위 구분 기호로 읽었어요 (1.234 → 1234)."
        )
    if european:
        return ",", (
            "가격의 점 뒤가 모두 세 자리이고 파일이 세미콜론(;)으로 구분된 유럽식이라, 점을 천 단위 구분 기호로 "
            "읽었어요 (1.234 → 1234)."
        )
    return ".", (
        "가격의 점 뒤가 모두 세 자리예요 (예: "
        + str(dotted.iloc[0])
        + "). 점을 소수점으로 읽었어요. 천 단위 구분 기호(독일식 1.234)라면 값이 1000배 작게 읽힌 거예요."
    )


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
    a, b = _year_day_month(a, b, iso[1].notna(), notes)
    a, b = a.fillna(compact[1]), b.fillna(compact[2])
    parts = pd.DataFrame({"year": pd.to_numeric(y), "month": pd.to_numeric(a), "day": pd.to_numeric(b)})
    dates = pd.to_datetime(parts, errors="coerce")
    has_time = iso[3].notna() | dmy[3].notna()
    if text.str.contains(r"\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*[+-]\d{2}:?\d{2}$").any():
        notes.append("날짜에 붙은 시간대(예: -05:00)는 떼고 거래소 현지 날짜를 썼어요.")
    if text.str.contains("년").any():
        notes.append("'2022년 01월 03일' 형식의 한국어 날짜를 읽었어요.")
    return dates, has_time, notes


def _year_day_month(a: pd.Series, b: pd.Series, iso: pd.Series, notes: list[str]):
    """(month, day): Y-M-D, unless some row's middle number is a day (over 12) and no row's last
    one is: then every row is Y-D-M, also those whose day is 12 or less."""
    m, d = pd.to_numeric(a[iso], errors="coerce"), pd.to_numeric(b[iso], errors="coerce")
    if (m > 12).any() and not (d > 12).any():
        notes.append(
            f"날짜 가운데 자리가 12보다 큰 값({int((m > 12).sum())}개)이 있어 모든 날짜를 '연도-일-월' 순서로 "
            "읽었어요 (2024-13-01 → 1월 13일, 2024-05-01 → 1월 5일)."
        )
        return a.where(~iso, b), b.where(~iso, a)
    return a, b


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
