"""Checks on a loaded price series and small text helpers for the loader's Korean notes.

- `find_jumps`: day-to-day ratios beyond x3 or /3 (stock splits, spliced unadjusted prices).
- `after_last_jump` / `adjust_jumps`: the two repairs a learner chooses between.
- `josa`: the Korean particle that follows a word ('코스피'를, '삼성'을).
- `plain`: text from a file or a learner, escaped so that Markdown shows it as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from seqcore.core.markup import plain  # noqa: F401  (re-exported: the one escape helper)
from seqcore.stock.series import PriceSeries

JUMP_RATIO = 3.0  # a close more than 3x (or under 1/3 of) the day before is not a market move
MAX_PLAUSIBLE_PRICE = 1e12  # more than any listed price in any currency
MIN_DAYS_AFTER_JUMP = 10


@dataclass(frozen=True)
class Jump:
    index: int  # the first day at the new level
    date: str  # its date (or "N번째 행")
    ratio: float  # price[index] / price[index - 1]


def find_jumps(series: PriceSeries, ratio: float = JUMP_RATIO) -> list[Jump]:
    p = np.asarray(series.values, dtype=np.float64)
    if len(p) < 2:
        return []
    r = p[1:] / p[:-1]
    idx = np.flatnonzero((r > ratio) | (r < 1.0 / ratio)) + 1
    return [Jump(int(i), _label(series, int(i)), float(r[i - 1])) for i in idx]


def _label(series: PriceSeries, i: int) -> str:
    return series.dates[i] if series.dates else f"{i + 1}번째 날"


def jump_note(jumps: list[Jump]) -> str:
    shown = ", ".join(f"{j.date}(×{j.ratio:.3g})" for j in jumps[:5])
    more = f" 외 {len(jumps) - 5}곳" if len(jumps) > 5 else ""
    return (
        f"하루 사이에 가격이 3배 넘게 오르거나 1/3 아래로 떨어진 곳이 {len(jumps)}곳 있어요: {shown}{more}. "
        "주식 분할이나, 수정 전 가격과 수정 후 가격을 이어 붙인 데이터일 가능성이 커요."
    )


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


def josa(word: str, pair: tuple[str, str] = ("을", "를")) -> str:
    """The particle after `word`: pair[0] after a final consonant, pair[1] after a vowel."""
    w = re.sub(r"[\s'\"()\[\]]+$", "", str(word))
    if not w:
        return pair[1]
    ch = w[-1]
    if "가" <= ch <= "힣":
        return pair[0] if (ord(ch) - 0xAC00) % 28 else pair[1]
    if ch.isdigit():
        return pair[0] if ch in "013678" else pair[1]  # 영 일 삼 육 칠 팔 end in a consonant
    return pair[0] if ch.lower() in "lmn" else pair[1]  # Close(클로즈)를, Volume(볼륨)을 is missed


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
