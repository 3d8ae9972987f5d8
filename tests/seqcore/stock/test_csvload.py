import numpy as np
import pytest

from seqcore.stock.csvload import load_prices
from seqcore.stock.limits import MAX_BYTES, MAX_DAYS

YAHOO = (
    "Date,Open,High,Low,Close,Adj Close,Volume\n"
    "2024-01-02,10,11,9,10.5,10.4,100\n"
    "2024-01-03,null,null,null,null,null,null\n"
    "2024-01-04,10,11,9,11.5,11.4,100\n"
    "2024-01-05,10,11,9,12.0,11.9,100\n"
)
KOREAN = (
    '"날짜","종가","대비","거래량"\n'
    '"2024.01.05","1,967.19","+17","1,000"\n'
    '"2024.01.04","1,950.00","-2","2,000"\n'
    '"2024.01.03","","0","0"\n'
    '"2024.01.02","1,940.50","0","3,000"\n'
)
KOREAN_ISO = "일자,종가\n2024-01-02,72300\n2024-01-03,72800\n2024-01-04,73100\n"


@pytest.mark.parametrize(
    "data, values, dates, note",
    [
        (YAHOO.encode(), (10.5, 11.5, 12.0), ("2024-01-02", "2024-01-04", "2024-01-05"), "1개를 뺐어요"),
        (
            KOREAN.encode("utf-8"),
            (1940.5, 1950.0, 1967.19),
            ("2024-01-02", "2024-01-04", "2024-01-05"),
            "최신순",
        ),
        (
            KOREAN.encode("utf-8-sig"),
            (1940.5, 1950.0, 1967.19),
            ("2024-01-02", "2024-01-04", "2024-01-05"),
            "최신순",
        ),
        (
            KOREAN.encode("cp949"),
            (1940.5, 1950.0, 1967.19),
            ("2024-01-02", "2024-01-04", "2024-01-05"),
            "최신순",
        ),
        (
            KOREAN_ISO.encode("cp949"),
            (72300.0, 72800.0, 73100.0),
            ("2024-01-02", "2024-01-03", "2024-01-04"),
            None,
        ),
        (b"Date;Close\n2024-01-01;1\n2024-01-02;2\n", (1.0, 2.0), ("2024-01-01", "2024-01-02"), None),
        (b"Close\n1\n2\n3\n", (1.0, 2.0, 3.0), None, "날짜 열이 없어"),
        (
            b"Date,Price\n2024-01-01,5\n2024-01-01,6\n2024-01-02,7\n",
            (6.0, 7.0),
            ("2024-01-01", "2024-01-02"),
            "같은 날짜",
        ),
    ],
)
def test_formats_are_read_oldest_first(data, values, dates, note):
    res = load_prices(data)
    assert res.error is None
    assert res.series.values == values
    assert res.series.dates == dates
    if note:
        assert any(note in n for n in res.notes)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "빈 파일"),
        (b"   \n", "빈 파일"),
        (b"Date,Close\n", "데이터 행이 없어요"),
        (b"Date,Close\n2024-01-01,10\n", "1개뿐"),
        (bytes(range(256)) * 40, "바이너리"),
        (b"Date,Close\n2024-01-01,abc\n2024-01-02,def\n2024-01-03,ghi\n", "숫자가 아니에요"),
        (b"Date,Name\n2024-01-01,abc\n2024-01-02,def\n", "숫자로 된 가격 열이 없어요"),
        (b"a,b\n1,2\n3,4\n", "어느 열이 종가인지"),
        (b"Date,Close\nhello,1\nworld,2\n", "날짜로 읽을 수 없어요"),
        (b"\xff\xfe\xfa\xfb" * 10, "인코딩"),
        (b"x" * (MAX_BYTES + 1), "너무 커요"),
    ],
)
def test_unusable_input_gets_a_korean_message(data, fragment):
    res = load_prices(data)
    assert res.series is None
    assert fragment in res.error


def test_long_series_keeps_the_most_recent_days():
    n = MAX_DAYS + 300
    dates = np.datetime64("2000-01-01") + np.arange(n)
    text = "Date,Close\n" + "\n".join(f"{d},{i + 1}" for i, d in enumerate(dates))
    res = load_prices(text.encode())
    assert len(res.series) == MAX_DAYS
    assert res.series.values[-1] == n and res.series.values[0] == n - MAX_DAYS + 1
    assert any("최근" in note for note in res.notes)


def test_a_few_bad_prices_are_dropped_not_fatal():
    rows = [f"2024-01-{d:02d},{100 + d}" for d in range(1, 21)]
    rows[3] = "2024-01-04,N/A"
    rows[7] = "2024-01-08,abc"
    rows[9] = "2024-01-10,1e400"  # overflows to inf
    rows[11] = "2024-01-12,-5"
    res = load_prices(("Date,Close\n" + "\n".join(rows)).encode())
    assert res.error is None and len(res.series) == 16
    assert all(np.isfinite(res.series.values)) and min(res.series.values) > 0
    assert any("4개" in n for n in res.notes)
