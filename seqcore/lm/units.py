"""What the model reads at one step: a syllable ('char', 한 글자) or a jamo ('jamo', 자모).

A Hangul syllable is an initial consonant, a vowel and an optional final consonant: NFD splits
'한' into the conjoining jamo ㅎ ㅏ ㄴ (U+1112 U+1161 U+11AB), and NFC puts them back together.
The jamo of a final (U+11A8..) differ from those of an initial (U+1100..), so a sampled jamo
sequence composes back without guessing; a jamo left alone (a vowel with no consonant before
it) is shown as its compatibility letter (ㅏ), the way a keyboard types it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

UNITS = ("char", "jamo")
UNK = "\ue000"  # a private-use character: never in real text; shown as UNK_SHOWN
UNK_SHOWN = "□"
NEWLINE_SHOWN = "↵"  # the end of one review
_MEDIAL_OR_FINAL = (0x1160, 0x11FF)  # conjoining vowels and finals: they do not start a character


def split_units(text: str, unit: str) -> list[str]:
    """The units of `text`: its characters, or (jamo) its syllables decomposed."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; valid: {UNITS}")
    return list(unicodedata.normalize("NFD", text) if unit == "jamo" else text)


def _compat(ch: str) -> str:
    """A conjoining jamo as its compatibility letter (U+1100 ㄱ -> U+3131 ㄱ); others unchanged."""
    if not 0x1100 <= ord(ch) <= 0x11FF:
        return ch
    name = unicodedata.name(ch, "")
    for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
        name = name.replace(part, "LETTER ")
    try:
        return unicodedata.lookup(name)
    except KeyError:
        return ch


def join_units(units: list[str] | str) -> str:
    """Units back to text: jamo composed into syllables, stray jamo as letters, UNK as □."""
    text = unicodedata.normalize("NFC", "".join(units))
    return "".join(UNK_SHOWN if ch == UNK else _compat(ch) for ch in text)


_FINALS = (0x11A8, 0x11FF)


def shown(unit: str) -> str:
    """One unit as a learner reads it in a table or a chart: ↵ a newline, ␣ a space, □ UNK, and a
    final consonant (받침) with a dash before it (-ㄴ), apart from the same initial (ㄴ)."""
    if unit == "\n":
        return NEWLINE_SHOWN
    if unit == " ":
        return "␣"
    if unit == UNK:
        return UNK_SHOWN
    return ("-" if _FINALS[0] <= ord(unit[0]) <= _FINALS[1] else "") + _compat(unit)


def starts_char(unit: str) -> bool:
    """Whether a unit begins a new character of the joined text (a jamo vowel or final does not)."""
    return not (_MEDIAL_OR_FINAL[0] <= ord(unit[0]) <= _MEDIAL_OR_FINAL[1])


@dataclass(frozen=True)
class Vocab:
    """Units <-> ids. Id 0 is UNK: a unit too rare in the training text to get its own id."""

    unit: str
    itos: tuple[str, ...]  # id -> unit
    counts: tuple[int, ...]  # id -> occurrences in the training text (UNK: the rare ones together)

    def __post_init__(self):
        object.__setattr__(self, "_stoi", {u: i for i, u in enumerate(self.itos)})

    def __len__(self) -> int:
        return len(self.itos)

    def encode(self, text: str) -> list[int]:
        return [self._stoi.get(u, 0) for u in split_units(text, self.unit)]

    def decode(self, ids) -> str:
        return join_units([self.itos[int(i)] for i in ids])

    def id_of(self, unit: str) -> int:
        return self._stoi.get(unit, 0)

    def unknown_in(self, text: str) -> list[str]:
        """The units of `text` the vocabulary lacks (they read as UNK), in order, once each."""
        return list(dict.fromkeys(u for u in split_units(text, self.unit) if u not in self._stoi))

    def coverage(self) -> float:
        """The share of the training text's units that have their own id (not UNK)."""
        total = sum(self.counts)
        return 1.0 - self.counts[0] / total if total else 0.0


def build_vocab(text: str, unit: str, max_size: int, min_count: int = 2) -> Vocab:
    """The `max_size` most frequent units of `text` seen at least `min_count` times, plus UNK."""
    counts = Counter(split_units(text, unit))
    kept = [(u, n) for u, n in counts.most_common() if n >= min_count][:max_size]
    rare = sum(counts.values()) - sum(n for _, n in kept)
    return Vocab(unit, (UNK, *(u for u, _ in kept)), (rare, *(n for _, n in kept)))
