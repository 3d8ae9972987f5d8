"""English words for the real-review model: contractions spelled out before tokenizing.

"wasn't", "didn't", "can't", "dont" and "did not" are one negation written five ways; a model
that learns about 2,000 sentences meets most of those spellings a handful of times. `normalize`
writes every one of them as "<verb> not", so that the negation the model learns from one
spelling holds for the others. Curly apostrophes (phone keyboards) count as straight ones.
"""

from __future__ import annotations

import re

IRREGULAR = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "ain't": "is not",
}
# Contractions written without the apostrophe (frequent in reviews); "cant" and "wont" are
# also rare nouns, far rarer in reviews than the negations.
BARE = {
    w + "nt": w + " not"
    for w in "do did does is was were are could would should have has had must need".split()
}
BARE.update({"cant": "can not", "wont": "will not", "aint": "is not"})
_WORDS = re.compile(r"[a-z0-9']+")
_NT = re.compile(r"^([a-z]+)n't$")


def normalize(text: str) -> str:
    """Lower-case text with every n't contraction written out ("didn't" -> "did not")."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")

    def spell(match: re.Match) -> str:
        word = match.group(0)
        if word in IRREGULAR:
            return IRREGULAR[word]
        if word in BARE:
            return BARE[word]
        nt = _NT.match(word)
        return f"{nt.group(1)} not" if nt else word

    return _WORDS.sub(spell, text)


# Words that negate (after `normalize`): what makes a real sentence a negated one (en_valid.negated).
NEGATORS = frozenset("not never no nothing nobody none neither nor hardly barely without".split())


def negates(text: str) -> bool:
    """Whether the text holds a negator word once its contractions are spelled out."""
    return not NEGATORS.isdisjoint(_WORDS.findall(normalize(text)))
