"""Hand-written probe files: one `sentence<TAB>label` a line (label 0 or 1), `#` comments.

The English, Korean and corpus probes share this layout (and the teachers' `--probes` file)."""

from __future__ import annotations

from pathlib import Path


def read(path: Path) -> tuple[list[str], list[int]]:
    """The sentences and their labels, in file order; lines without a tab or a 0/1 label are skipped."""
    x, y = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        text, tab, label = line.rpartition("\t")
        if tab and not line.startswith("#") and label.strip() in ("0", "1"):
            x.append(text)
            y.append(int(label))
    return x, y
