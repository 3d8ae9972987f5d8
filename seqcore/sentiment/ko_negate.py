"""Negation made from real reviews: the last predicate of a review negated by rule, label flipped.

NSMC holds few sentences where a negation turns the verdict, so the model can learn that `않았다`
is just another word. Here the training reviews themselves are turned around: the last sentence
of a review (at most 6 words) whose last predicate carries the review's side (`재밌었다` in a
positive review) is said again negated, in the same register, and labelled the other way:

- long negation `재밌지 않았다`, `재밌지는 않았다`, `재밌지도 않았다`, `재밌진 않았다`; short `안 좋았다`; `-지 못했다`
  (only for a positive predicate: "fell short"); 있다 <-> 없다 (`재미있었다` -> `재미없었다`);
  a noun with 아니다 (`최고다` -> `최고는 아니다`; `지루했다` -> `지루한 영화는 아니었다`); a negation
  taken away (`안 좋았다` -> `좋았다`); a share said with an adverb of negation (`별로`, `전혀`);
- double negation keeps the label: `재밌지 않은 건 아니었다`, `지루하지 않을 수 없었다`.

Which predicates carry a side is read from the training part (`Lexicon.build`): a stem whose
reviews are at least 75% one side, seen at least 8 times; a sentence with another word of the same
side (`최고의 영화 재밌었다`) is left out, since negating the last word would not turn it. None of
this looks at the probe sentences: the rules are grammar, the words are the reviewers'.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from seqcore.sentiment.ko_predicate import Predicate, adnominal, has_tail, parse_last
from seqcore.sentiment.ko_tokens import normalize

MAX_WORDS = 6
_SENTENCES = re.compile(r"[.!?~…,\n\u3131-\u318e^;:]+")  # also ㅋㅋ, ㅠㅠ, ^^ between sentences
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# negator -> style -> (present, present of a verb, past)
FORMS = {
    "않": {
        "da": ("않다", "않는다", "않았다"),
        "neyo": ("않네요", "않네요", "않았네요"),
        "eoyo": ("않아요", "않아요", "않았어요"),
        "formal": ("않습니다", "않습니다", "않았습니다"),
        "eum": ("않음", "않음", "않았음"),
        "eo": ("않아", "않아", "않았어"),
    },
    "못하": {
        "da": ("못하다", "못한다", "못했다"),
        "neyo": ("못하네요", "못하네요", "못했네요"),
        "eoyo": ("못해요", "못해요", "못했어요"),
        "formal": ("못합니다", "못합니다", "못했습니다"),
        "eum": ("못함", "못함", "못했음"),
        "eo": ("못해", "못해", "못했어"),
    },
    "아니": {
        "da": ("아니다", "아니다", "아니었다"),
        "neyo": ("아니네요", "아니네요", "아니었네요"),
        "eoyo": ("아니에요", "아니에요", "아니었어요"),
        "formal": ("아닙니다", "아닙니다", "아니었습니다"),
        "eum": ("아님", "아님", "아니었음"),
        "eo": ("아니야", "아니야", "아니었어"),
    },
    "없": {
        "da": ("없다", "없다", "없었다"),
        "neyo": ("없네요", "없네요", "없었네요"),
        "eoyo": ("없어요", "없어요", "없었어요"),
        "formal": ("없습니다", "없습니다", "없었습니다"),
        "eum": ("없음", "없음", "없었음"),
        "eo": ("없어", "없어", "없었어"),
    },
}


def _end(neg: str, p: Predicate) -> str:
    """않았다, 못했다, 아니었다, 없었다 ... in the predicate's register and tense."""
    return FORMS[neg][p.style][2 if p.past else int(p.verb)]


def _particle(noun: str, pair: str) -> str:
    return noun + (pair[0] if has_tail(noun[-1]) else pair[1])


# Adverbs that go with a negation (별로 재밌지 않았다, 그렇게 지루하진 않았다), said before the
# negated predicate in a share of the flips.
NEGATION_ADVERBS = ("전혀", "별로", "그렇게", "그다지", "딱히", "하나도", "그리", "결코")
ADVERB_SHARE = 0.3
# Nouns a review calls the film by: 지루한 영화는 아니었다.
FILM_NOUNS = ("영화", "작품", "이야기", "내용")


def variants(
    words: list[str], p: Predicate, positive: bool, adverb: str = "", described: str = ""
) -> tuple[list[str], list[str]]:
    """(flipping, keeping): the sentence negated in every way that fits, and double negations.
    `adverb` (별로) goes before the negated predicate; `described` (지루한 영화) is the stem
    before a noun, negated with 아니다 (지루한 영화는 아니었다)."""
    head, last = words[:-1], words[-1]
    pre = [*head, adverb] if adverb else head
    if p.noun:
        return [" ".join([*pre, _particle(p.stem, "은는"), _end("아니", p)])], []
    marks = ("지", "지는", "지도", "진")  # 진: 지는 said short (지루하진 않았다)
    flip = [" ".join([*pre, p.stem + mark + " " + _end("않", p)]) for mark in marks]
    if not p.stem.endswith(("하", "있", "없")):
        flip.append(" ".join([*pre, "안", last]))
    if positive:  # -지 못하다: fell short of it (of a good thing only)
        flip.append(" ".join([*pre, p.stem + "지 " + _end("못하", p)]))
    if p.stem.endswith(("있", "없", "밌")) and last.startswith(p.stem):
        swap = p.stem[:-1] + {"있": "없", "밌": "미없", "없": "있"}[p.stem[-1]]
        flip.append(" ".join([*(head if swap.endswith("있") else pre), swap + last[len(p.stem) :]]))
    if head and head[-1] == "안":
        flip.append(" ".join([*head[:-1], last]))
    if described:
        noun = described.split()[-1]
        flip.append(" ".join([*pre, described[: -len(noun)] + _particle(noun, "은는"), _end("아니", p)]))
    keep = [
        " ".join([*head, p.stem + "지 않은 건 " + _end("아니", p)]),
        " ".join([*head, p.stem + "지 않을 수 " + _end("없", p)]),
    ]
    return flip, keep


@dataclass
class Lexicon:
    """What the training reviews say about words: how each is used (a predicate stem or a noun)
    and which side the reviews ending in a stem take."""

    words: Counter
    sides: dict[str, int]  # stem -> 1 (긍정) or 0 (부정), only clear ones
    word_sides: dict[str, int]  # whole words of a clear side (seen >= 30 times, >= 80% one side)

    def kind(self, s: str) -> str | None:
        """'pred' if the corpus bends s like a predicate stem (s게, s던, s면서), 'noun' if it
        uses s with a copula or case particles (s였다, s임, s라고, s를, s의), else None."""
        c = self.words
        pred = sum(c[s + e] for e in ("게", "던", "면서", "지만", "고"))
        noun = sum(c[s + e] for e in ("였다", "임", "였음", "이다", "라고", "를", "을", "의", "가", "로"))
        if pred >= 3 and pred > noun:
            return "pred"
        return "noun" if noun >= 3 and noun > pred else None

    @classmethod
    def build(cls, texts: Sequence[str], labels: Sequence[int]) -> Lexicon:
        words = Counter(w for t in texts for w in normalize(t).split())
        lex = cls(words, {}, {})
        by_word: dict[str, list[int]] = {}
        for t, y in zip(texts, labels):
            for w in set(normalize(t).split()):
                by_word.setdefault(w, []).append(y)
        lex.word_sides = {
            w: int(sum(v) / len(v) > 0.5)
            for w, v in by_word.items()
            if len(v) >= 30 and abs(sum(v) / len(v) - 0.5) >= 0.3
        }
        counts: dict[str, list[int]] = {}
        nouns = set()
        for t, y in zip(texts, labels):
            if (found := last_predicate(t, lex)) is not None:
                counts.setdefault(found[1].stem, []).append(y)
                if found[1].noun:
                    nouns.add(found[1].stem)
        lex.sides = {
            s: int(sum(v) / len(v) > 0.5)
            for s, v in counts.items()
            if len(v) >= 8 and abs(sum(v) / len(v) - 0.5) >= 0.25
        }
        return lex


def last_predicate(text: str, lex: Lexicon) -> tuple[list[str], Predicate] | None:
    """The words of the review's last sentence (at most MAX_WORDS) and its last predicate."""
    sentences = [s for s in _SENTENCES.split(normalize(text)) if _HANGUL.search(s)]
    if not sentences:
        return None
    words = re.sub(r"^[^\uac00-\ud7a3]+", "", sentences[-1]).split()
    if not 1 <= len(words) <= MAX_WORDS:
        return None
    p = parse_last(words[-1], lex.kind)
    return None if p is None else (words[:-1] + [re.sub(r"[^\uac00-\ud7a3]+$", "", words[-1])], p)


def _same_side(word: str, y: int, lex: Lexicon) -> bool:
    """Whether an earlier word of the sentence already says side y (최고의, 식상하고)."""
    if lex.word_sides.get(word) == y:
        return True
    return any(lex.sides.get(word[i:j]) == y for i in range(len(word)) for j in range(i + 2, len(word) + 1))


Found = tuple[list[str], Predicate, int]  # words of the last sentence, its predicate, the label


def eligible(texts: Sequence[str], labels: Sequence[int], lex: Lexicon) -> list[Found]:
    """The reviews whose last predicate carries their label and nothing before it says the same."""
    out = []
    for t, y in zip(texts, labels):
        found = last_predicate(t, lex)
        if found is None:
            continue
        words, p = found
        if lex.sides.get(p.stem) != y or any(_same_side(w, y, lex) for w in words[:-1]):
            continue
        if p.noun and lex.word_sides.get(p.stem) != y:  # a noun that says a side (최고, 졸작) only
            continue
        out.append((words, p, y))
    return out


def negations(
    found: Sequence[Found], seed: int = 0, double: float = 0.2, lex: Lexicon | None = None
) -> tuple[list[str], list[int], list[str]]:
    """One negated sentence per eligible review: (texts, labels, kinds) with kind 'flip' (label
    turned) or 'double' (kept); the same for the same arguments. With `lex`, a stem whose
    adnominal form the reviews use (지루한) may also be said as `지루한 영화는 아니었다`."""
    rng = random.Random(seed)
    out_x, out_y, kinds = [], [], []
    for words, p, y in found:
        adverb = rng.choice(NEGATION_ADVERBS) if rng.random() < ADVERB_SHARE else ""
        described = ""
        if lex is not None and not (p.noun or p.verb) and lex.words[form := adnominal(p.stem)] >= 3:
            described = f"{form} {rng.choice(FILM_NOUNS)}"
        flip, keep = variants(words, p, positive=y == 1, adverb=adverb, described=described)
        if keep and rng.random() < double:
            out_x.append(rng.choice(keep)), out_y.append(y), kinds.append("double")
        else:
            out_x.append(rng.choice(flip)), out_y.append(1 - y), kinds.append("flip")
    return out_x, out_y, kinds


def make_contrasts(found: Sequence[Found], n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """n sentences `A지만 B` from two eligible reviews of opposite sides (at most 4 words each),
    labelled by B, the clause that decides."""
    rng = random.Random(seed)
    short = [f for f in found if len(f[0]) <= 4]
    by_side = [[f for f in short if f[2] == side] for side in (0, 1)]
    if not all(by_side):
        return [], []
    x, y = [], []
    for _ in range(n):
        side = rng.random() < 0.5
        (aw, ap, _), (bw, _, by) = rng.choice(by_side[not side]), rng.choice(by_side[side])
        x.append(" ".join([*aw[:-1], ap.clause() + "지만", *bw]))
        y.append(by)
    return x, y


CONTRAST_SHARE = 0.25  # contrast sentences per negated one


def _probe_sentences() -> set[str]:
    from seqcore.sentiment.ko_templates import probe_sentences

    return set(probe_sentences())


def for_training(
    texts: Sequence[str],
    labels: Sequence[int],
    ratio: float,
    seed: int,
    contrasts: bool = True,
    lex: Lexicon | None = None,
) -> tuple[list[str], list[int]]:
    """round(ratio x available) negated sentences from these training reviews (ratio 2: every
    review twice, in forms drawn apart) and (with `contrasts`) a quarter as many contrasts, with
    the lexicon read from the same reviews (`lex`: already read); a sentence equal to a probe is
    dropped."""
    lex = lex or Lexicon.build(texts, labels)
    found, probes = eligible(texts, labels, lex), _probe_sentences()
    pairs: list[tuple[str, int]] = []
    for k in range(max(1, math.ceil(ratio))):
        gx, gy, _ = negations(found, seed=seed + k, lex=lex)
        pairs += list(zip(gx, gy))
    random.Random(seed).shuffle(pairs)
    pairs = pairs[: round(ratio * len(found))]
    if contrasts:
        pairs += list(zip(*make_contrasts(found, round(CONTRAST_SHARE * len(pairs)), seed)))
    keep = [(t, lab) for t, lab in pairs if t not in probes]
    return [t for t, _ in keep], [lab for _, lab in keep]


def validation_part(parts, seed: int = 1001) -> tuple[list[str], list[int]]:
    """The negation validation part: the validation reviews negated by the same rules (and a
    quarter as many contrasts), with the lexicon read from the training part. The probes are
    never used."""
    lex = Lexicon.build(*parts.train)
    found, probes = eligible(*parts.val, lex), _probe_sentences()
    x, y, _ = negations(found, seed=seed, lex=lex)
    cx, cy = make_contrasts(found, round(CONTRAST_SHARE * len(x)), seed)
    keep = [(t, lab) for t, lab in zip(x + cx, y + cy) if t not in probes]
    return [t for t, _ in keep], [lab for _, lab in keep]
