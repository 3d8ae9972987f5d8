"""Inputs that used to read silently wrong (issue 28), each a fixture written here, each now a
clear note, warning or refusal; and the teacher's command refuses bad arguments without a
traceback."""

import json

import numpy as np
import pytest

from seqcore.cli import stock_csv
from seqcore.stock.checks import MAX_GAP_DAYS, find_jumps
from seqcore.stock.csvload import load_prices
from seqcore.stock.series import PriceSeries


def _walk(n, seed=0, start=100.0, vol=0.01):
    return start * np.exp(np.cumsum(np.random.RandomState(seed).randn(n) * vol))


def _days(n, start="2020-01-01"):
    d = np.busday_offset(np.datetime64(start), 0, roll="forward")
    return [str(np.busday_offset(d, i)) for i in range(n)]


def _csv(rows, header="Date,Close", sep=","):
    return (header.replace(",", sep) + "\n" + "\n".join(sep.join(map(str, r)) for r in rows) + "\n").encode()


def test_a_constant_series_is_refused_with_its_value():
    res = load_prices(_csv([(d, 5000) for d in _days(300)]))
    assert res.series is None and "300일" in res.error and "5,000" in res.error


@pytest.mark.parametrize("ratio", [2.0, 0.5, 1.5, 1 / 1.5, 2.5])
def test_a_split_of_two_to_one_or_three_to_two_is_flagged(ratio):
    prices = _walk(300)
    prices[:150] /= ratio  # unadjusted before, adjusted after: a jump by exactly the split ratio
    res = load_prices(_csv(zip(_days(300), np.round(prices, 4))))
    assert [j.index for j in res.jumps] == [150]
    assert (
        res.jumps[0].ratio
        == pytest.approx(prices[150] / prices[149], rel=1e-3)
        == pytest.approx(ratio, rel=0.05)
    )
    assert _days(300)[150] in res.warnings[0]  # the warning names the day


def test_ordinary_moves_and_a_one_day_glitch_are_not_splits():
    calm = _walk(1000, vol=0.02)
    assert find_jumps(PriceSeries("calm", tuple(calm))) == []
    glitch = _walk(300)
    glitch[100] *= 2  # one bad tick: the next day is back at the old level
    assert [j.index for j in find_jumps(PriceSeries("g", tuple(glitch)))] == []


def test_a_three_year_gap_in_the_dates_is_a_warning_with_its_length():
    dates = _days(150, "2015-01-01") + _days(150, "2018-08-01")
    res = load_prices(_csv(zip(dates, np.round(_walk(300), 4))))
    assert res.error is None and len(res.series) == 300
    (warning,) = res.warnings
    days = int((np.datetime64(dates[150]) - np.datetime64(dates[149])).astype(int))
    assert dates[149] in warning and dates[150] in warning and f"{days:,}일" in warning
    assert f"{days / 365.25:.1f}년" in warning and days > 3 * 365
    holidays = _days(100, "2020-01-01")[:50] + _days(50, "2020-04-01")  # a gap of under 30 days: none
    assert MAX_GAP_DAYS >= 30 and not load_prices(_csv(zip(holidays, _walk(100)))).warnings


def test_year_day_month_dates_are_read_in_the_order_the_other_rows_prove():
    dates = [np.datetime64(d) for d in _days(60, "2024-01-01")]
    ydm = [f"{str(d)[:4]}-{str(d)[8:10]}-{str(d)[5:7]}" for d in dates]  # 2024-13-01 is 13 January
    res = load_prices(_csv(zip(ydm, range(100, 160))))
    assert res.series.dates == tuple(str(d) for d in dates)  # also the days 1-12, e.g. 2024-05-01
    assert len(res.series) == 60 and any("연도-일-월" in n for n in res.notes)


def _german(x: float) -> str:
    return f"{int(round(x)):,}".replace(",", ".")


@pytest.mark.parametrize("start", [950, 1200, 1_100_000])
def test_german_thousands_dots_are_read_as_thousands_not_as_fake_splits(start):
    """Around 1,000 the other rows prove it ('998' then '1.002'); above it, every price is
    '1.xxx' and the file's semicolons (a European export) decide; above a million, '1.234.567'."""
    prices = _walk(300, seed=1, start=start, vol=0.02)
    res = load_prices(_csv(zip(_days(300), map(_german, prices)), header="Datum,Schlusskurs", sep=";"))
    assert res.jumps == [] and np.allclose(res.series.values, np.round(prices), rtol=1e-9)


def test_three_decimal_prices_that_could_be_thousands_get_a_note():
    prices = _walk(300, start=500)  # 500.123 reads the same either way: the note says which way
    res = load_prices(_csv(zip(_days(300), [f"{p:.3f}" for p in prices])))
    assert res.series.values[0] == pytest.approx(prices[0], abs=1e-3) and any(
        "1000배" in n for n in res.notes
    )


@pytest.mark.parametrize("seeds", ["5-0", "a", "-1", "0-9999", "1,,2"])
def test_the_command_refuses_bad_seeds_with_a_message_and_status_2(seeds, capsys, tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(_csv(zip(_days(300), np.round(_walk(300), 4))))
    with pytest.raises(SystemExit) as stop:
        stock_csv.main([str(path), "--seeds", seeds])
    assert stop.value.code == 2 and "--seeds" in capsys.readouterr().err


def test_the_command_refuses_a_constant_file_without_a_traceback(capsys, tmp_path):
    path = tmp_path / "flat.csv"
    path.write_bytes(_csv([(d, 100) for d in _days(300)]))
    assert stock_csv.main([str(path), "--seeds", "0"]) == 2
    assert "300일" in capsys.readouterr().err


def test_the_ratio_is_none_when_persistence_never_errs():
    assert stock_csv.ratio(1.0, 0.0) is None and stock_csv.ratio(1.0, 2.0) == 0.5
    assert json.dumps({"r": stock_csv.ratio(0.0, 0.0)}) == '{"r": null}'
