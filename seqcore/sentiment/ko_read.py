"""What the shipped Korean model makes of a learner's sentence: pieces, unknowns, the verdict
after each piece (the many-to-one model read as it goes), and whether it can read it at all."""

from __future__ import annotations

import re
from dataclasses import dataclass

import torch

from seqcore.core.cache import CacheStore, memo
from seqcore.sentiment.ko_build import (  # noqa: F401  (Shipped: the type readers take)
    SHIPPED_COMMAND,
    Shipped,
    load,
)
from seqcore.sentiment.ko_tokens import SPACE, normalize, restore
from seqcore.sentiment.ko_train import char_rows, pad_rows

KO_ANSWERS = CacheStore("sentiment_ko_answers", max_entries=256, max_mb=10)
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
LATIN = re.compile(r"[a-zA-Z]")


@dataclass(frozen=True)
class KoReading:
    text: str
    pieces: tuple[str, ...]  # as the tokenizer cut them (cut to max_len)
    known: tuple[bool, ...]  # False: <UNK>
    probabilities: tuple[float, ...]  # P(긍정) after reading pieces[: k + 1]
    truncated: int  # pieces cut off by max_len

    @property
    def probability(self) -> float:
        return self.probabilities[-1] if self.probabilities else 0.5

    @property
    def n_unknown(self) -> int:
        return sum(not k for k in self.known)

    def unreadable(self) -> str | None:
        """Why the model cannot read this (no verdict then), or None."""
        text = normalize(self.text)
        if not text:
            return "empty"
        if not HANGUL.search(text):
            return "emoji" if not LATIN.search(text) and not any(c.isdigit() for c in text) else "language"
        if not [p for p, k in zip(self.pieces, self.known) if k and p.strip(SPACE)]:
            return "unknown"
        return None


UNREADABLE = {
    "empty": "리뷰가 비어 있어요. 한국어 문장을 한 줄 입력해 보세요.",
    "unknown": "모델이 아는 조각이 하나도 없어요 (모두 `<UNK>`). 그래서 긍정/부정을 판단하지 않았어요.",
    "emoji": "이모지나 기호만으로는 이 모델이 판단할 수 없어요. 한국어 문장을 입력해 보세요.",
    "language": "한글이 없어요. 이 모델은 한국어 영화 리뷰로만 배웠어요. 다른 언어는 읽은 척만 할 수 있어서 "
    "판단하지 않았어요.",
}


@memo(KO_ANSWERS)
def read(shipped: Shipped, text: str) -> KoReading:
    """Pieces, unknowns and P(긍정) after every prefix of pieces (one batch of prefixes)."""
    cfg = shipped.config
    pieces = shipped.tokenizer.pieces(text)
    kept = pieces[: cfg.max_len]
    ids = shipped.vocab.encode(kept)
    known = tuple(i != 1 for i in ids)
    if not ids:
        return KoReading(text, (), (), (), 0)
    x = pad_rows([ids[: k + 1] for k in range(len(ids))])
    if cfg.bow_chars:  # the bag path reads the characters of each prefix
        x = (*x, *char_rows([restore(kept[: k + 1], cfg.tokenizer) for k in range(len(ids))]))
    shipped.model.eval()
    with torch.no_grad():
        probs = torch.sigmoid(shipped.model(*x)).squeeze(1).tolist()
    return KoReading(text, tuple(kept), known, tuple(probs), max(0, len(pieces) - cfg.max_len))


def turning_points(reading: KoReading) -> list[int]:
    """Indices of the pieces after which the verdict crosses 0.5."""
    p = reading.probabilities
    return [k for k in range(1, len(p)) if (p[k] > 0.5) != (p[k - 1] > 0.5)]


# Contrast pairs a learner can click: the same words, one negation apart (or two).
CONTRAST_PAIRS = (
    ("지루했다", "지루하지는 않았다"),
    ("재밌었다", "재밌지는 않았다"),
    ("기대 이하였다", "기대 이하는 아니었다"),
    ("추천합니다", "추천하지 않을 수 없다"),
)


@memo(CacheStore("sentiment_ko_shipped", max_entries=1, max_mb=0))  # loaded once per process
def shipped() -> Shipped | None:
    """The shipped model (seqcore/sentiment/data/ko_model), loaded once per process; None when
    its files are missing (a clone that removed them: ko_build.SHIPPED_COMMAND)."""
    try:
        return load()
    except FileNotFoundError:
        return None


MISSING = f"한국어 모델 파일이 없어요. 터미널에서 `{SHIPPED_COMMAND}`로 만들 수 있어요 (CPU 1개로 30분 안팎)."
