"""The last predicate of a Korean sentence, found by rule: its stem, tense and ending style.

`parse_last(word)` reads the final word of a review's last sentence (`재밌었다`, `지루하네요`,
`좋았음`, `추천합니다`, `최고다`) and returns a `Predicate`: the stem (`재밌`, `지루하`, `좋`,
`추천하`; a noun for the copula 이다: `최고`), whether it is past, and the ending style
(`da`, `neyo`, `eoyo`, `formal`, `eum`, `eo`), so `ko_negate` can say the same thing negated in the same
register. Contracted past forms are undone from the letters (봤 -> 보, 졌 -> 지, 됐 -> 되,
아름다웠 -> 아름답, 슬펐 -> 슬프). A stem ending in an open syllable may be a noun (`최고다`) or an
adjective (`예쁘다`): the caller says which (`kind`), from how the corpus uses the word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HANGUL_TAIL = re.compile(r"[^\uac00-\ud7a3]+$")
PAST, NIEUN, RIEUL, MIEUM, BIEUP = 20, 4, 8, 16, 17  # tail codes: ㅆ ㄴ ㄹ ㅁ ㅂ
A, AE, EO, YEO, O, WA, WAE, OE, U, WEO, EU, I = 0, 1, 4, 6, 8, 9, 10, 11, 13, 14, 18, 20  # vowels
NEGATORS = ("않", "아니", "못")  # a stem that already negates is left alone
NOT_NOUN_END = set("에의를을은는도로게서데면요네까나며다어아해야든랑만한된인던닌함음")


def letters(c: str) -> tuple[int, int, int]:
    """(lead, vowel, tail) indices of a Hangul syllable."""
    k = ord(c) - 0xAC00
    return k // 588, (k % 588) // 28, k % 28


def syllable(lead: int, vowel: int, tail: int = 0) -> str:
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail)


def has_tail(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3" and letters(c)[2] != 0


@dataclass(frozen=True)
class Predicate:
    stem: str  # 재밌, 지루하, 좋; the noun for a copula (최고)
    past: bool
    style: str  # da, neyo, eoyo, formal, eum, eo
    noun: bool = False  # X이다 / X다 / X임 (negated as X은/는 아니다)
    verb: bool = False  # -ㄴ다/-는다 in the present (negated as -지 않는다)
    base: str = ""  # a past form's stem with its tense (재밌었, 최고였): for -지만

    def clause(self) -> str:
        """The predicate as the first half of a contrast, before -지만: 재밌었, 지루하, 명작이."""
        if self.past:
            return self.base
        return self.stem + ("이" if self.noun and has_tail(self.stem[-1]) else "")


def adnominal(stem: str) -> str:
    """The present adnominal form of a descriptive stem, before a noun: 지루하 -> 지루한,
    나쁘 -> 나쁜, 좋 -> 좋은, 아쉽 -> 아쉬운 (ㅂ), 길 -> 긴 (ㄹ), 재밌 / 재미없 -> 재밌는 / 재미없는.
    Whether the form is used at all is the caller's question (the corpus)."""
    if not stem or not ("\uac00" <= stem[-1] <= "\ud7a3"):
        return ""
    rest, (lead, vowel, tail) = stem[:-1], letters(stem[-1])
    if stem.endswith(("있", "없", "밌")):
        return stem + "는"
    if tail == 0:
        return rest + syllable(lead, vowel, NIEUN)
    if tail == BIEUP:
        return rest + syllable(lead, vowel) + "운"
    if tail == RIEUL:
        return rest + syllable(lead, vowel, NIEUN)
    return stem + "은"


def prospective(stem: str) -> str:
    """The prospective adnominal form of a stem, before 틈 / 데 / 수 (`지루할 틈이 없었다`):
    지루하 -> 지루할, 아쉽 -> 아쉬울 (ㅂ), 길 -> 길 (ㄹ), 좋 -> 좋을, 재밌 -> 재밌을."""
    if not stem or not ("\uac00" <= stem[-1] <= "\ud7a3"):
        return ""
    rest, (lead, vowel, tail) = stem[:-1], letters(stem[-1])
    if tail == 0:
        return rest + syllable(lead, vowel, RIEUL)
    if tail == BIEUP and not stem.endswith(("좁", "잡", "입", "씹", "업", "뽑")):  # 좁을, 잡을: regular
        return rest + syllable(lead, vowel) + "울"
    if tail == RIEUL:
        return stem
    return stem + "을"


def unpast(base: str) -> tuple[str, bool] | None:
    """(stem, is_noun) of a base that ends in a past syllable (좋았 -> 좋, 봤 -> 보, 최고였 ->
    최고 noun), or None when the last syllable carries no past marker."""
    last, rest = base[-1], base[:-1]
    lead, vowel, tail = letters(last)
    if tail != PAST or vowel == I:  # 있, 재밌: the stem itself
        return None
    if last == "했":
        return rest + "하", False
    if last in "았었":
        return (rest, False) if rest else None
    if last == "였":
        if rest.endswith("하"):
            return rest, False
        return (rest, True) if rest else None
    if vowel == WEO and lead == 11 and rest and not has_tail(rest[-1]):  # 아름다웠 -> 아름답
        l2, v2, _ = letters(rest[-1])
        return rest[:-1] + syllable(l2, v2, BIEUP), False
    undo = {WA: O, WEO: U, YEO: I, WAE: OE, AE: AE, EO: EU, A: EU if last in "팠빴" else A}
    return (rest + syllable(lead, undo[vowel]), False) if vowel in undo else None


def _split_ending(word: str) -> tuple[str, str] | None:
    """(base, style): the word without its ending, and the ending's register."""
    if word.endswith("습니다"):
        return word[:-3], "formal"
    if word.endswith("니다") and len(word) > 2 and letters(word[-3])[2] == BIEUP:
        lead, vowel, _ = letters(word[-3])
        return word[:-3] + syllable(lead, vowel), "formal"  # 합니다 -> 하, 입니다 -> 이
    for ending, style in (("네요", "neyo"), ("어요", "eoyo"), ("아요", "eoyo"), ("음", "eum")):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)], style
    if word.endswith("해요"):
        return word[:-2] + "하", "eoyo"
    if word.endswith("해") and len(word) > 1:
        return word[:-1] + "하", "eo"
    if word.endswith(("어", "아")) and len(word) > 1 and has_tail(word[-2]):  # 재밌어, 좋았어
        return word[:-1], "eo"
    if word.endswith(("에요", "예요")) and len(word) > 2:
        return word[:-2] + "이", "eoyo"
    if word.endswith("다") and len(word) > 1:
        return word[:-1], "da"
    if has_tail(word[-1]) and letters(word[-1])[2] == MIEUM and len(word) > 1:
        lead, vowel, _ = letters(word[-1])
        return word[:-1] + syllable(lead, vowel), "eum"  # 함 -> 하, 됨 -> 되
    return None


def parse_last(word: str, kind: Callable[[str], str | None]) -> Predicate | None:
    """The predicate that `word` (a sentence's last word) ends in, or None if no rule fits.
    `kind(s)` says from the corpus whether s is used as a predicate stem ("pred"), a noun
    ("noun") or neither clearly (None)."""
    word = _HANGUL_TAIL.sub("", word)
    if not word or not ("\uac00" <= word[0] <= "\ud7a3"):
        return None
    split = _split_ending(word)
    if split is None:  # a bare noun: 최고, 강추, 노잼
        bare = len(word) > 1 and word[-1] not in NOT_NOUN_END and kind(word) == "noun"
        return Predicate(word, False, "da", noun=True) if bare else None
    if any(n in split[0] for n in NEGATORS) or "겠" in split[0] or split[0].startswith("안"):  # 않았다, 안됨
        return None
    base, style = split
    if not base:
        return None
    past = unpast(base)
    if past is not None:
        stem, noun = past
        if noun and (len(stem) < 2 or kind(stem) != "noun"):
            return None
        return Predicate(stem, True, style, noun=noun, base=base)
    if base.endswith("적이"):  # 감동적이다: -이지 않다, not 감동적은 아니다
        return Predicate(base, False, style)
    if len(base) > 1 and base.endswith("이") and (has_tail(base[-2]) or kind(base[:-1]) == "noun"):
        return Predicate(base[:-1], False, style, noun=True)  # 명작이다, 최고임, 명작입니다
    verb = False
    if style == "da" and base.endswith("는") and len(base) > 1:  # 먹는다
        base, verb = base[:-1], True
    elif style == "da" and letters(base[-1])[2] == NIEUN and base[-1] != "않":  # 한다 -> 하
        lead, vowel, _ = letters(base[-1])
        base, verb = base[:-1] + syllable(lead, vowel), True
    if base in ("하", "되", "이"):
        return None
    if has_tail(base[-1]) and style != "eum" or base.endswith("하") or kind(base) == "pred":
        return Predicate(base, False, style, verb=verb)
    if style in ("da", "neyo") and len(base) > 1 and kind(base) == "noun":  # 최고다, 최고네요
        return Predicate(base, False, style, noun=True)
    return None
