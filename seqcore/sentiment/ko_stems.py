"""More predicate stems and their side, read from the training reviews: what the rule templates
(ko_templates) can negate beyond their two hand-written lists; and the prefix of a negated
sentence before its negator, which reads the stem's side (지루하지는 | 않았다).

`noun_sides` does the same for nouns that end a review as its predicate (`명작이다`, `최악`), for
the templates' `X은 아니다` frames.

The hand lists hold 75 stems. A learner writes others (`늘어지지 않았다`, `겉돌지 않았다`), and a
model that met `-지 않다` after 75 stems only may not carry the turn to the rest. Here every word
of a review that bends like a predicate before `-고`, `-게` or `-지만`, or ends a sentence
(`ko_predicate.parse_last`), gives a stem; a stem's side is the share of positive reviews among
those without any negation (`않`, `안`, `못`, `아니`, `없`) that use it. Only the training part is
read, and nothing here looks at a probe sentence.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from seqcore.sentiment.ko_negate import Lexicon
from seqcore.sentiment.ko_predicate import parse_last, unpast
from seqcore.sentiment.ko_tokens import normalize

MIN_REVIEWS = 10  # reviews that use a stem, at least
MIN_SHARE = 0.75  # of one side, at least
NOUN_MIN_REVIEWS, NOUN_MIN_SHARE = 15, 0.85  # a noun as the predicate: stricter (작품, 시작 are not verdicts)
# A review that negates something (and so says nothing plain about its words' sides).
NEGATION = re.compile(r"않|못|아니|없|(^|\s)안\s")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


def _usable(base: str) -> bool:
    """Not a negation itself (안되, 재미없), not an adnominal or particle left over (보는, 만들려)."""
    if re.search(r"않|못|안|없|아니", base) or base.endswith(("는", "은", "려", "에")):
        return False
    return not base.endswith("이") or base.endswith("적이")


def stems_in(words: Sequence[str], lex: Lexicon) -> set[str]:
    """The predicate stems these words bend (재밌고 -> 재밌, 지루하게 -> 지루하, 늘어졌지만 ->
    늘어지; the last word by parse_last), at least two syllables, used as predicates."""
    out = set()
    for i, w in enumerate(words):
        base = ""
        if w.endswith(("고", "게")) and not w.endswith(("에게", "두고")) and len(w) > 2:
            base = w[:-1]
            base = (unpast(base) or (base, False))[0]
        elif w.endswith("지만") and len(w) > 3:
            base = w[:-2]
            base = (unpast(base) or (base, False))[0]
        elif i == len(words) - 1 and (p := parse_last(w, lex.kind)) is not None and not p.noun:
            base = p.stem
        if len(base) >= 2 and _usable(base) and lex.kind(base) == "pred":
            out.add(base)
    return out


def _sides(seen: dict[str, list[int]], min_reviews: int, min_share: float) -> dict[str, int]:
    """word -> the side (1 긍정, 0 부정) of the labels it was seen with, for words seen at least
    min_reviews times, at least min_share of them on one side."""
    return {
        s: int(sum(v) / len(v) > 0.5)
        for s, v in seen.items()
        if len(v) >= min_reviews and abs(sum(v) / len(v) - 0.5) >= min_share - 0.5
    }


def by_side(sides: dict[str, int]) -> tuple[list[str], list[str]]:
    """(the positive words, the negative ones) of a word -> side map: what the templates take."""
    return [s for s, v in sides.items() if v], [s for s, v in sides.items() if not v]


def predicate_sides(
    texts: Sequence[str], labels: Sequence[int], lex: Lexicon | None = None
) -> dict[str, int]:
    """stem -> 1 (긍정) or 0 (부정), for stems used in at least MIN_REVIEWS reviews without a
    negation, at least MIN_SHARE of them on one side."""
    lex = lex or Lexicon.build(texts, labels)
    seen: dict[str, list[int]] = {}
    for t, y in zip(texts, labels):
        text = normalize(t)
        if NEGATION.search(text):
            continue
        for s in stems_in(_HANGUL_WORD.findall(text), lex):
            seen.setdefault(s, []).append(y)
    return _sides(seen, MIN_REVIEWS, MIN_SHARE)


_NEGATOR_WORD = ("않", "못하", "못했", "못합", "못해", "못함", "아니", "아닙", "아님")
_BEFORE_NEGATOR = ("지", "지는", "지도", "진", "은", "는")


def noun_sides(texts: Sequence[str], labels: Sequence[int], lex: Lexicon | None = None) -> dict[str, int]:
    """noun -> 1 (긍정) or 0 (부정), for nouns that end a review as its predicate (`명작이다`,
    `최악`, `졸작임`) in at least NOUN_MIN_REVIEWS reviews without a negation, at least
    NOUN_MIN_SHARE of them on one side, and that lean the same way wherever the reviews use them
    (Lexicon.word_sides): what `X은 아니다` turns around. Not an -적 word (감동적이지 않다)."""
    lex = lex or Lexicon.build(texts, labels)
    seen: dict[str, list[int]] = {}
    for t, y in zip(texts, labels):
        text = normalize(t)
        if NEGATION.search(text) or not (words := _HANGUL_WORD.findall(text)):
            continue
        p = parse_last(words[-1], lex.kind)
        if p is not None and p.noun and len(p.stem) >= 2 and not p.stem.endswith("적"):
            seen.setdefault(p.stem, []).append(y)
    sides = _sides(seen, NOUN_MIN_REVIEWS, NOUN_MIN_SHARE)
    return {s: v for s, v in sides.items() if lex.word_sides.get(s) == v}


def before_negator(text: str) -> str | None:
    """The sentence without its last word when that word is the negator of a -지 않다 / -지
    못하다 / 은(는) 아니다 (`영화가 지루하지는 않았다` -> `영화가 지루하지는`), else None."""
    words = text.split()
    if len(words) < 2 or not words[-1].startswith(_NEGATOR_WORD) or not words[-2].endswith(_BEFORE_NEGATOR):
        return None
    return " ".join(words[:-1])


def prefixes(
    texts: Sequence[str], labels: Sequence[int], share: float, seed: int
) -> tuple[list[str], list[int]]:
    """For a share of the sentences that end in a negator, the sentence before it, labelled the
    other way (the side said so far): so a model read as it goes turns at 않았다, not before."""
    rng = random.Random(seed + 77)
    out_x, out_y = [], []
    for t, y in zip(texts, labels):
        if (head := before_negator(t)) is not None and rng.random() < share:
            out_x.append(head)
            out_y.append(1 - y)
    return out_x, out_y
