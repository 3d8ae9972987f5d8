"""Table-driven checks of the CSV loader on fixtures written here (a clone has no shared folder)."""

import numpy as np
import pytest

from seqcore.stock.checks import (
    MIN_DAYS_AFTER_JUMP,
    adjust_jumps,
    after_last_jump,
    apply_jump_choice,
    find_jumps,
    josa,
    plain,
    quoted,
)
from seqcore.stock.csvload import load_prices
from seqcore.stock.limits import MAX_BYTES


def _days(n, start="2024-01-01"):
    """n business days (Mon-Fri) as ISO strings."""
    d = np.busday_offset(np.datetime64(start), 0, roll="forward")
    return [str(np.busday_offset(d, i)) for i in range(n)]


def _walk(n, seed=0, start=100.0):
    return start * np.exp(np.cumsum(np.random.RandomState(seed).randn(n) * 0.01))


def _csv(header, rows):
    return (header + "\n" + "\n".join(rows) + "\n").encode()


N = 60
DATES, PRICES = _days(N), _walk(N)
PLAIN = [f"{d},{p:.4f}" for d, p in zip(DATES, PRICES)]

# A weekend row repeating Friday's close, a Yahoo placeholder row (volume 0, OHLC = previous close).
WEEKEND = (
    PLAIN[:5] + [f"2024-01-06,{PRICES[4]:.4f}", f"2024-01-07,{PRICES[4]:.4f}"] + PLAIN[5:]
)  # after Fri 01-05
YAHOO_ROWS = [f"{d},{p:.2f},{p:.2f},{p:.2f},{p:.2f},{p:.2f},100" for d, p in zip(DATES, PRICES)]
YAHOO_ROWS.insert(
    5, f"2024-01-08,{PRICES[4]:.2f},{PRICES[4]:.2f},{PRICES[4]:.2f},{PRICES[4]:.2f},{PRICES[4]:.2f},0"
)
YAHOO_ROWS = [r for r in YAHOO_ROWS if not r.startswith("2024-01-08,") or r.endswith(",0")]
SPLICED = [f"{d},{p * (50 if i < 30 else 1):.2f}" for i, (d, p) in enumerate(zip(DATES, PRICES))]


@pytest.mark.parametrize(
    "name, data, n_days, note",
    [
        ("date column named 'Symbol Name'", _csv("Symbol Name,KOSPI", PLAIN), N, "값이 날짜인 열"),
        ("rows newest first", _csv("Symbol Name,KOSPI", PLAIN[::-1]), N, "최신순"),
        (
            "weekend carry-forward",
            _csv("Date,Close", WEEKEND),
            N,
            "주말 날짜에 전날 값을 그대로 옮겨 적은 행 2개",
        ),
        (
            "yahoo placeholder row",
            _csv("Date,Open,High,Low,Close,Adj Close,Volume", YAHOO_ROWS),
            N - 1,
            "자리표시 행",
        ),
        ("spliced split", _csv("Date,Close", SPLICED), N, "3배 넘게"),
        (
            "korean headers and dates",
            '거래일자,종가(원)\n2022년 01월 03일,"78,600"\n2022년 01월 04일,"78,700"\n'.encode(),
            2,
            "한국어 날짜",
        ),
        ("utf-16", "Date,Close\n2024-01-02,10\n2024-01-03,11\n".encode("utf-16"), 2, "UTF-16"),
        (
            "yfinance time zone",
            b"Date,Close\n2022-01-03 00:00:00-05:00,10\n2022-01-04 00:00:00-05:00,11\n",
            2,
            "시간대",
        ),
        (
            "intraday bars",
            b"Date,Close\n2024-01-05 09:00:00,10\n2024-01-05 15:00:00,11\n2024-01-08 09:00:00,12\n",
            2,
            "장중",
        ),
        ("decimal comma", b"Date;Close\n2024-01-02;101,7\n2024-01-03;101,76\n", 2, "소수점"),
        ("thousands separator", b'Date,Close\n2024-01-02,"1,234"\n2024-01-03,"1,240"\n', 2, "천 단위"),
        ("day first", b"Date,Close\n05.01.2023,1\n13.01.2023,2\n01.02.2023,3\n", 3, "'일.월.연도'"),
    ],
)
def test_loader_notes_what_it_found(name, data, n_days, note):
    res = load_prices(data)
    assert res.error is None, name
    assert len(res.series) == n_days, name
    assert any(note in n for n in res.notes + res.warnings), (name, res.notes)
    if res.series.dates:
        assert list(res.series.dates) == sorted(res.series.dates), name


@pytest.mark.parametrize(
    "data, values",
    [
        (b"Date;Close\n2024-01-02;101,7\n2024-01-03;101,76\n", (101.7, 101.76)),
        (b"Date;Close\n2024-01-02;10.176,41\n2024-01-03;10.200,00\n", (10176.41, 10200.0)),
        (b'Date,Close\n2024-01-02,"1,967.19"\n2024-01-03,"1,970.00"\n', (1967.19, 1970.0)),
        (b"Date,Close\n05.01.2023,1\n13.01.2023,2\n01.02.2023,3\n", (1.0, 2.0, 3.0)),
        (b"Date,Close\n01/05/2023,1\n01/13/2023,2\n02/01/2023,3\n", (1.0, 2.0, 3.0)),
    ],
)
def test_locales_are_read_from_the_whole_column(data, values):
    assert load_prices(data).series.values == values


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"Date,Close\n2024-01-01,null\n2024-01-02,null\n", "모두 비어"),
        (b"Date,Close\n2024-01-01,1e302\n2024-01-02,1\n", "믿기 어려울"),
        (b"x" * (MAX_BYTES + 1), "10 MB"),
        (b"PK\x03\x04" + b"\x00" * 100, "엑셀(.xlsx) 파일을 읽을 수 없어요"),  # a zip that is no workbook
    ],
)
def test_refused_files_say_why(data, fragment):
    res = load_prices(data)
    assert res.series is None and fragment in res.error


def test_the_size_limit_counts_megabytes_as_the_frontend_does():
    assert MAX_BYTES == 10_000_000  # maxUploadSize = 10 in .streamlit/config.toml: 10 * 1000 * 1000 bytes


def test_a_split_is_found_with_its_date_and_both_repairs_work():
    res = load_prices(_csv("Date,Close", SPLICED))
    (jump,) = res.jumps
    assert jump.date == DATES[30] and jump.ratio == pytest.approx(PRICES[30] / (PRICES[29] * 50), rel=1e-3)
    after, note = after_last_jump(res.series, res.jumps)
    assert len(after) == N - 30 and "이후 30일" in note
    adjusted, _ = adjust_jumps(res.series, res.jumps)
    assert np.allclose(adjusted.values, PRICES, rtol=1e-3)  # the whole-number 1:50 split is undone
    assert find_jumps(adjusted) == []


def test_a_split_in_the_last_days_cannot_be_cut_after_but_can_be_adjusted():
    rows = [f"{d},{p * (50 if i < N - 3 else 1):.2f}" for i, (d, p) in enumerate(zip(DATES, PRICES))]
    res = load_prices(_csv("Date,Close", rows))
    series, reason = apply_jump_choice(res.series, res.jumps, "after")
    assert series is None and "3일밖에" in reason and MIN_DAYS_AFTER_JUMP > 3
    series, _ = apply_jump_choice(res.series, res.jumps, "adjust")
    assert len(series) == N


def test_a_million_rows_is_refused_or_bounded():
    rows = "\n".join(f"{i},{100 + i % 7}" for i in range(1_000_000))
    data = ("Close2\n" + rows).encode()
    res = load_prices(data)
    assert res.error is not None and "MB" in res.error  # over the upload limit: a clear message


@pytest.mark.parametrize(
    "word, particle",
    [
        ("코스피", "를"),
        ("삼성", "을"),
        ("종가", "를"),
        ("종가(원)", "을"),
        ("Close", "를"),
        ("Volume 1", "을"),
        ("KOSPI 200", "을"),
    ],
)
def test_particles_follow_the_word(word, particle):
    assert josa(word) == particle
    assert quoted(word) == f"'{word}'{particle}"


def test_plain_shows_markdown_as_written():
    assert plain("**a** [x](y) `c`") == r"\*\*a\*\* \[x\]\(y\) \`c\`"
