"""How a Korean review is cut into pieces: syllables, jamo, sentencepiece subwords or morphemes.

Four candidates, one interface (`Tokenizer.pieces(text) -> list[str]`):

- `syllable`: one piece per character (가, 나, ㅋ, !, a); a space becomes `▁`.
- `jamo`: Hangul syllables split into their letters (지 -> ㅈ ㅣ); about 2.3x longer sequences.
- `sentencepiece`: a unigram subword model trained on the training part only (`train_spm`).
- `kiwi`: morphemes from kiwipiepy (optional: its model is an 88 MB package), e.g. 않/VX.

The first three are lossless: `restore(pieces(text)) == normalize(text)`. The vocabulary is built
from the training part (`KoVocab.build`); a piece seen fewer than `min_freq` times, or never, is
`<UNK>` (id 1) and the page shows which.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from seqcore.data.text import PAD, UNK

SPACE = "▁"  # U+2581, as sentencepiece writes a word start
TOKENIZERS = ("syllable", "jamo", "sentencepiece", "kiwi")
TOKENIZER_NAMES = {
    "syllable": "음절 (글자 하나씩)",
    "jamo": "자모 (ㅈ ㅣ ㄹ ...)",
    "sentencepiece": "서브워드 (sentencepiece)",
    "kiwi": "형태소 (kiwipiepy)",
}
HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, lower-case Latin letters, runs of whitespace -> one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()


def syllables(text: str) -> list[str]:
    return [SPACE if c == " " else c for c in normalize(text)]


# Conjoining jamo (U+1100..) read back as the compatibility letters a learner knows (ㄱ, ㅏ).
_LEAD = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWEL = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAIL = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_TAIL_MARK = "\u0307"  # a final consonant is marked (ㄴ̇) so that 안 and 아ㄴ stay apart


def _split_syllable(c: str) -> list[str]:
    k = ord(c) - 0xAC00
    lead, vowel, tail = k // 588, (k % 588) // 28, k % 28
    out = [_LEAD[lead], _VOWEL[vowel]]
    if tail:
        out.append(_TAIL[tail - 1] + _TAIL_MARK)
    return out


def jamo(text: str) -> list[str]:
    out: list[str] = []
    for c in syllables(text):
        out += _split_syllable(c) if HANGUL_SYLLABLE.fullmatch(c) else [c]
    return out


def _join_jamo(pieces: Sequence[str]) -> str:
    out, i = [], 0
    while i < len(pieces):
        p = pieces[i]
        if p in _LEAD and i + 1 < len(pieces) and pieces[i + 1] in _VOWEL:
            tail = 0
            nxt = pieces[i + 2] if i + 2 < len(pieces) else ""
            if nxt.endswith(_TAIL_MARK) and nxt[:-1] in _TAIL:
                tail = _TAIL.index(nxt[:-1]) + 1
            code = 0xAC00 + _LEAD.index(p) * 588 + _VOWEL.index(pieces[i + 1]) * 28 + tail
            out.append(chr(code))
            i += 3 if tail else 2
        else:
            out.append(p)
            i += 1
    return "".join(out)


def restore(pieces: Sequence[str], kind: str) -> str:
    """The text back from its pieces (lossless for syllable, jamo and sentencepiece)."""
    if kind == "jamo":
        text = _join_jamo(pieces)
    elif kind == "kiwi":
        text = " ".join(p.split("/")[0] for p in pieces)
    else:
        text = "".join(pieces)
    return text.replace(SPACE, " ").strip()


@dataclass
class Tokenizer:
    """One way of cutting text; `model` is the serialized sentencepiece model (bytes) if any."""

    kind: str
    model: bytes | None = None
    _sp: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.kind not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {self.kind!r}; valid: {TOKENIZERS}")
        if self.kind == "sentencepiece":
            if self.model is None:
                raise ValueError("a sentencepiece tokenizer needs its trained model (train_spm)")
            import sentencepiece as spm

            self._sp = spm.SentencePieceProcessor(model_proto=self.model)

    def pieces(self, text: str) -> list[str]:
        if self.kind == "syllable":
            return syllables(text)
        if self.kind == "jamo":
            return jamo(text)
        if self.kind == "sentencepiece":
            return self._sp.encode(normalize(text), out_type=str)
        return kiwi_morphemes(text)


def train_spm(
    texts: Iterable[str], vocab_size: int = 8000, seed: int = 0, symbols: Sequence[str] = ()
) -> bytes:
    """A unigram sentencepiece model trained on `texts` (the training part only), serialized.
    `symbols` are always cut out as one piece wherever they occur (user-defined symbols).

    Every character of the texts is kept (character_coverage 1.0 would waste pieces on rare
    symbols; 0.9995 leaves them to <unk>, which our vocabulary maps to <UNK> anyway).
    """
    import io

    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=(normalize(t) for t in texts),
        model_writer=out,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a small training part gets fewer pieces, not an error
        model_type="unigram",
        character_coverage=0.9995,
        num_threads=1,
        minloglevel=2,
        add_dummy_prefix=True,
        remove_extra_whitespaces=True,
        normalization_rule_name="identity",
        **({"user_defined_symbols": list(symbols)} if symbols else {}),
    )
    return out.getvalue()


_KIWI = None


# kiwipiepy is optional (its model is an 88 MB package, not in requirements.txt): only the
# benchmark's tokenizer study uses it, so it is imported by name where it is needed.
KIWI_MODULE = "kiwipiepy"


def kiwi_available() -> bool:
    try:
        importlib.import_module(KIWI_MODULE)
    except ImportError:
        return False
    return True


def kiwi_morphemes(text: str) -> list[str]:
    """kiwipiepy's morphemes as `form/tag` (e.g. 않/VX); ImportError if it is not installed."""
    global _KIWI
    if _KIWI is None:
        _KIWI = importlib.import_module(KIWI_MODULE).Kiwi()
    return [f"{t.form}/{t.tag}" for t in _KIWI.tokenize(normalize(text))]


@dataclass
class KoVocab:
    """piece -> id with <PAD>=0 and <UNK>=1, built from the training part only."""

    stoi: dict[str, int] = field(default_factory=lambda: {PAD: 0, UNK: 1})

    @classmethod
    def build(cls, tokenized: Iterable[Sequence[str]], min_freq: int = 2, max_size: int = 30000) -> KoVocab:
        counts = Counter(p for pieces in tokenized for p in pieces)
        vocab = cls()
        for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if n < min_freq or len(vocab.stoi) >= max_size:
                break
            vocab.stoi[p] = len(vocab.stoi)
        return vocab

    def __len__(self) -> int:
        return len(self.stoi)

    def __contains__(self, piece: str) -> bool:
        return piece in self.stoi

    def encode(self, pieces: Sequence[str]) -> list[int]:
        return [self.stoi.get(p, 1) for p in pieces]

    def itos(self) -> list[str]:
        return list(self.stoi)
