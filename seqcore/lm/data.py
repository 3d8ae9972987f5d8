"""The text a model learns from: the shipped NSMC reviews or a learner's own, split by a hash.

NSMC (seqcore.data.nsmc): one review a line, parts chosen by `nsmc.hash_fold(text)`: fold 0 is
the validation part (the page's held-out curve; the defaults were chosen on it), fold 1 the
test part (the teacher's command reports it), the other folds train. A learner's text is cut
into pieces of at most `PIECE_CHARS` at spaces, and the pieces with the smallest text hash make
the held-out tenth: chosen by content, never by position, and never empty.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from seqcore.core.cache import CacheStore, memo
from seqcore.data import nsmc

VALIDATION_FOLD, TEST_FOLD = 0, 1
MAX_TEXT_CHARS = 100_000  # a learner's text: about as much as the default trains on
MIN_TEXT_CHARS = 2_000  # fewer, and there is nothing to learn or to hold out
PIECE_CHARS = 200  # a learner's long line is cut into pieces of about this size
HELD_SHARE = 0.1  # of a learner's text, by characters


class TextRefused(ValueError):
    """A learner's text the model cannot train on; the message is for the learner (Korean)."""


@dataclass(frozen=True)
class Corpus:
    """Training and held-out text, one document a line, each ending with a newline."""

    train: str
    held: str
    source: str  # "nsmc" or "text"

    def train_words(self) -> frozenset[str]:
        return _words(self.train)


@memo(CacheStore("lm_words", max_entries=4))
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _take(texts, budget: int) -> str:
    out, used = [], 0
    for t in texts:
        if used >= budget:
            break
        out.append(t)
        used += len(t) + 1
    return "".join(t + "\n" for t in out)


@memo(CacheStore("lm_nsmc_corpus", max_entries=4))
def nsmc_corpus(train_chars: int, held_chars: int, held_fold: int = VALIDATION_FOLD) -> Corpus:
    """The first `train_chars` characters of the training folds' reviews (file order) and the
    first `held_chars` of fold `held_fold`'s."""
    reviews = nsmc.load()
    folds = [(r.text, nsmc.hash_fold(r.text)) for r in reviews]
    train = _take((t for t, f in folds if f not in (VALIDATION_FOLD, TEST_FOLD)), train_chars)
    held = _take((t for t, f in folds if f == held_fold), held_chars)
    return Corpus(train, held, "nsmc")


def text_hash(text: str) -> int:
    """A stable hash of a piece of text (the digest that nsmc.hash_fold reduces to a fold)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """The non-empty lines of `text`, each cut at spaces into pieces of about `size` characters."""
    out = []
    for line in text.splitlines():
        words, piece = line.split(), ""
        for w in words:
            if piece and len(piece) + 1 + len(w) > size:
                out.append(piece)
                piece = w
            else:
                piece = f"{piece} {w}" if piece else w
        if piece:
            out.append(piece)
    return out


def check_text(text: str) -> str:
    """`text` stripped, or TextRefused with a Korean reason (too long, too short)."""
    text = text.strip()
    if len(text) > MAX_TEXT_CHARS:
        raise TextRefused(
            f"글이 너무 길어요: {len(text):,}자예요. 최대 {MAX_TEXT_CHARS:,}자까지 학습할 수 있어요 "
            "(학습 시간과 메모리를 반 전체가 함께 쓰기 때문이에요). 앞부분만 붙여 넣어 보세요."
        )
    if len(text) < MIN_TEXT_CHARS:
        raise TextRefused(
            f"글이 너무 짧아요: {len(text):,}자예요. 적어도 {MIN_TEXT_CHARS:,}자는 있어야 배우고, "
            "그중 일부를 떼어 평가할 수 있어요."
        )
    return text


def text_corpus(text: str) -> Corpus:
    """A learner's text (checked) split by content: the pieces of smallest hash, a tenth of the
    characters, are held out."""
    parts = pieces(check_text(text))
    ranked = sorted(parts, key=text_hash)
    total = sum(len(p) + 1 for p in parts)
    held, used = set(), 0
    for p in ranked:
        if used >= HELD_SHARE * total:
            break
        held.add(p)
        used += len(p) + 1
    train = [p for p in parts if p not in held]
    if not train:
        raise TextRefused("글이 한 조각뿐이라 학습할 부분과 평가할 부분으로 나눌 수 없어요.")
    return Corpus("".join(p + "\n" for p in train), "".join(p + "\n" for p in parts if p in held), "text")


def read_text_file(path: str | Path) -> str:
    """A UTF-8 text file (one document a line) for the teacher's command; TextRefused if unreadable."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TextRefused(f"파일을 읽을 수 없어요: {exc.strerror or exc}") from None
    if len(raw) > 4 * MAX_TEXT_CHARS:  # UTF-8: at most 4 bytes a character
        raise TextRefused(
            f"파일이 너무 커요: {len(raw):,}바이트예요. 글자 수로 최대 {MAX_TEXT_CHARS:,}자까지 돼요."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TextRefused("UTF-8 텍스트 파일이 아니에요. UTF-8로 저장한 글을 주세요.") from None
