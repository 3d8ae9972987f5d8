"""Checks on a loaded price series and small text helpers for the loader's Korean notes.

- `find_jumps`: day-to-day ratios beyond x3 or /3, or a split's ratio (2:1, 3:2, 5:2) that the
  price keeps afterwards and that no ordinary day of the series comes near (spliced unadjusted
  prices).
- `find_gaps`: calendar gaps between two rows longer than any market holiday.
- `flat`: a series that never moves has nothing to learn.
- `after_last_jump` / `adjust_jumps`: the two repairs a learner chooses between.
- `josa`: the Korean particle that follows a word ('코스피'를, '삼성'을), re-exported from
  seqcore.core.korean.
- `plain`: text from a file or a learner, escaped so that Markdown shows it as written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from seqcore.core.korean import josa
from seqcore.core.markup import plain  # noqa: F401  (re-exported: the one escape helper)
from seqcore.stock.series import PriceSeries

JUMP_RATIO = 3.0  # a close more than 3x (or under 1/3 of) the day before is not a market move
SPLIT_RATIOS = (2.0, 1.5, 2.5)  # 2:1, 3:2 and 5:2 splits (3:1 and more pass JUMP_RATIO)
SPLIT_TOLERANCE = 0.03  # a day's ratio within 3% of a split ratio...
SPLIT_SIGMAS = 8.0  # ...and beyond 8 robust standard deviations of the series' daily log moves...
SPLIT_KEPT = 0.15  # ...whose new level holds: the next days' median within 15% of the ratio
MAX_PLAUSIBLE_PRICE = 1e12  # more than any listed price in any currency
MIN_DAYS_AFTER_JUMP = 10
MAX_GAP_DAYS = 30  # calendar days between two rows: longer than any market's holidays


@dataclass(frozen=True)
class Jump:
    index: int  # the first day at the new level
    date: str  # its date (or "N번째 행")
    ratio: float  # price[index] / price[index - 1]


def _split_like(p: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Which day-to-day ratios `r` look like a split: near a split ratio, far beyond the series'
    ordinary moves (robust sigma), and kept by the days after (a one-day glitch comes back)."""
    lr = np.log(r)
    sigma = 1.4826 * np.median(np.abs(lr - np.median(lr))) or 1e-12
    x = np.where(r < 1, 1 / r, r)
    near = np.zeros(len(r), dtype=bool)
    for s in SPLIT_RATIOS:
        near |= np.abs(x - s) / s < SPLIT_TOLERANCE
    near &= np.abs(lr) > SPLIT_SIGMAS * sigma
    for i in np.flatnonzero(near):  # i: the move into day i + 1
        before, after = np.median(p[max(0, i - 4) : i + 1]), np.median(p[i + 1 : i + 6])
        near[i] = abs(after / before / r[i] - 1) < SPLIT_KEPT
    return near


def find_jumps(series: PriceSeries, ratio: float = JUMP_RATIO) -> list[Jump]:
    p = np.asarray(series.values, dtype=np.float64)
    if len(p) < 2:
        return []
    r = p[1:] / p[:-1]
    jumps = (r > ratio) | (r < 1.0 / ratio)
    if len(r) >= 20:  # enough days to know the series' ordinary moves
        jumps |= _split_like(p, r)
    return [Jump(int(i), _label(series, int(i)), float(r[i - 1])) for i in np.flatnonzero(jumps) + 1]


def _label(series: PriceSeries, i: int) -> str:
    return series.dates[i] if series.dates else f"{i + 1}번째 날"


def jump_note(jumps: list[Jump]) -> str:
    shown = ", ".join(f"{j.date}(×{j.ratio:.3g})" for j in jumps[:5])
    more = f" 외 {len(jumps) - 5}곳" if len(jumps) > 5 else ""
    return (
        f"하루 사이에 가격이 3배 넘게 오르거나 1/3 아래로 떨어진 곳, 또는 분할 비율(2배, 1.5배, 2.5배)만큼 "
        f"뛰고 그 수준이 유지된 곳이 {len(jumps)}곳 있어요: {shown}{more}. "
        "주식 분할이나, 수정 전 가격과 수정 후 가격을 이어 붙인 데이터일 가능성이 커요."
    )


@dataclass(frozen=True)
class Gap:
    index: int  # the first row after the gap
    before: str  # the dates on both sides
    after: str
    days: int  # calendar days between them


def find_gaps(series: PriceSeries, max_days: int = MAX_GAP_DAYS) -> list[Gap]:
    """Calendar gaps longer than `max_days` between two consecutive rows (dated series only)."""
    if not series.dates or len(series) < 2:
        return []
    d = np.array(series.dates, dtype="datetime64[D]")
    days = np.diff(d).astype(int)
    return [
        Gap(int(i) + 1, series.dates[i], series.dates[i + 1], int(days[i]))
        for i in np.flatnonzero(days > max_days)
    ]


def gap_note(gaps: list[Gap]) -> str:
    widest = max(gaps, key=lambda g: g.days)
    years = f", 약 {widest.days / 365.25:.1f}년" if widest.days >= 365 else ""
    return (
        f"날짜가 {MAX_GAP_DAYS}일 넘게 비어 있는 곳이 {len(gaps)}곳 있어요. 가장 긴 곳은 {widest.before} → "
        f"{widest.after} ({widest.days:,}일{years})이에요. 그 사이의 가격은 파일에 없어서, 모델은 그 두 날을 "
        "바로 이어진 날로 보고 배워요. 공백 뒤만 쓰려면 그 뒤의 기간만 내려받아 올려 주세요."
    )


def flat(series: PriceSeries) -> str | None:
    """A Korean reason when the series never moves (nothing to learn, and every error would be 0)."""
    p = np.asarray(series.values, dtype=np.float64)
    if len(p) and np.ptp(p) == 0:
        return (
            f"가격이 {len(p)}일 내내 {p[0]:,.6g}로 같아요. 변하지 않는 값에서는 배울 것이 없고, '어제 값 그대로'가 "
            "언제나 정확히 맞혀요. 가격이 움직이는 데이터를 올려 주세요."
        )
    return None


def after_last_jump(series: PriceSeries, jumps: list[Jump]) -> tuple[PriceSeries | None, str]:
    """Only the days from the last jump on, or None and a Korean reason when too few remain."""
    cut = jumps[-1].index
    kept = len(series) - cut
    if kept < MIN_DAYS_AFTER_JUMP or kept < 2:
        return None, (
            f"마지막 급변({jumps[-1].date}) 뒤에는 {kept}일밖에 없어 그 뒤만으로는 학습할 수 없어요. "
            "'자동 분할 보정'을 고르거나 더 긴 데이터를 올려 주세요."
        )
    dates = series.dates[cut:] if series.dates else None
    out = replace(series, values=series.values[cut:], dates=dates, clean=None)
    return out, f"마지막 급변({jumps[-1].date}) 이후 {kept}일만 사용해요 (앞의 {cut}일은 뺐어요)."


def split_factor(ratio: float) -> float:
    """The split the jump most likely is: a whole ratio (1:50 -> 1/50) when within 3%."""
    inv = ratio < 1
    x = 1 / ratio if inv else ratio
    whole = round(x)
    if whole >= 2 and abs(x - whole) / whole < 0.03:
        x = float(whole)
    return 1 / x if inv else x


def adjust_jumps(series: PriceSeries, jumps: list[Jump]) -> tuple[PriceSeries, str]:
    """Scale every day before each jump by its split factor, as split-adjusted data would be."""
    p = np.asarray(series.values, dtype=np.float64).copy()
    factors = []
    for j in jumps:
        f = split_factor(j.ratio)
        p[: j.index] *= f
        factors.append(f"{j.date} ×{f:.4g}")
    out = replace(series, values=tuple(map(float, p)), clean=None)
    return (
        out,
        f"급변 {len(jumps)}곳 앞의 가격을 분할 비율만큼 곱해 이어지게 보정했어요 ({', '.join(factors[:5])}).",
    )


def quoted(word: str, pair: tuple[str, str] = ("을", "를")) -> str:
    """ "'word'" followed by its particle: quoted('코스피') == "'코스피'를"."""
    return f"'{word}'{josa(word, pair)}"


JUMP_CHOICES = {
    "adjust": "자동 분할 보정 (급변 앞의 가격을 비율만큼 조정)",
    "after": "마지막 급변 이후 데이터만 사용",
}
DEFAULT_JUMP_CHOICE = "adjust"


def apply_jump_choice(series: PriceSeries, jumps: list[Jump], choice: str = DEFAULT_JUMP_CHOICE):
    """(series or None, Korean note or reason) after the learner's choice for the jumps."""
    if not jumps:
        return series, ""
    if choice == "after":
        return after_last_jump(series, jumps)
    return adjust_jumps(series, jumps)
