"""The shipped Korean reviews (NSMC, CC0) and the one rule that splits them: by a hash of the text.

`load()` reads `seqcore/data/nsmc/nsmc_reviews_150k.tsv.xz` (see its ATTRIBUTION.md), or any file
in the NSMC layout (`id<TAB>document<TAB>label` with a header). Rows of one film are alike and the
same short review recurs across films, so a validation part is chosen by `hash_fold(text)`, never
by row: the same text always lands in the same part.
"""

from __future__ import annotations

import hashlib
import lzma
from dataclasses import dataclass
from pathlib import Path

from seqcore.core.cache import CacheStore, memo

SHIPPED = Path(__file__).resolve().parent / "nsmc" / "nsmc_reviews_150k.tsv.xz"
HEADER = ("id", "document", "label")


@dataclass(frozen=True)
class Review:
    id: str
    text: str
    label: int  # 1 = 긍정 (ratings 9-10), 0 = 부정 (ratings 1-4)


def parse(lines) -> list[Review]:
    """Rows of the NSMC layout; the header line is required, empty documents are skipped."""
    it = iter(lines)
    head = next(it, "").rstrip("\n").split("\t")
    if tuple(h.strip().lower() for h in head) != HEADER:
        raise ValueError(f"not the NSMC layout: header {head!r}, expected {'/'.join(HEADER)}")
    out = []
    for line in it:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or parts[2] not in ("0", "1") or not parts[1].strip():
            continue
        out.append(Review(parts[0], parts[1], int(parts[2])))
    return out


FILE_STORE = CacheStore("nsmc_files", max_entries=2, max_mb=0)  # 150k reviews: counted by entries


@memo(FILE_STORE)
def load(path: Path | str = SHIPPED) -> tuple[Review, ...]:
    """Every review of the file (xz-compressed or plain UTF-8), in file order."""
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8", newline="\n") as f:
        return tuple(parse(f))


def hash_fold(text: str, folds: int = 10) -> int:
    """The fold (0..folds-1) of a review, from a hash of its text: stable across runs and machines."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % folds
