"""Korean particles chosen by a word's last sound ('코스피'를, '삼성'을, 순환 모델이)."""

from __future__ import annotations

import re


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
