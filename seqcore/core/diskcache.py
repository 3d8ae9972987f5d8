"""Trained defaults on disk, shared by every app process of one server (scripts/serve_class.sh).

N processes behind one proxy each need every page's default result. With a cache directory
(`SEQCORE_CACHE_DIR`), a default is trained once: the process that takes its file lock first
trains it and writes it; the others wait on that lock and load the file. A restarted server
loads them all in seconds instead of training them again.

A file is named by the store, a digest of the config and a fingerprint of the code (every
seqcore source file and the torch version), so a changed trainer never serves an old result.
Results are pickled with torch.save: the directory must be one that only the app's own user can
write (loading a pickle runs code). Without `SEQCORE_CACHE_DIR` nothing is read or written.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

ENV = "SEQCORE_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parent.parent  # seqcore/
_log = logging.getLogger(__name__)


def directory() -> Path | None:
    """The shared cache directory, created if needed; None when none is configured."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


_fingerprint: list[str] = []  # computed once: the code does not change while the process runs


def code_fingerprint() -> str:
    """A digest of every seqcore source file and the torch version."""
    if not _fingerprint:
        from importlib import metadata

        h = hashlib.blake2b(digest_size=8)
        h.update(metadata.version("torch").encode())
        for path in sorted(PACKAGE.rglob("*.py")):
            h.update(str(path.relative_to(PACKAGE)).encode())
            h.update(path.read_bytes())
        _fingerprint.append(h.hexdigest())
    return _fingerprint[0]


def file_for(store_name: str, config: Hashable, root: Path) -> Path | None:
    """The file of `config`'s result in `root`; None for a config that cannot be named by content."""
    from seqcore.core.cache import content_key

    pins: list = []
    key = content_key(config, pins)  # arrays by a hash of their bytes (repr would cut them short)
    if pins:  # part of it counts by identity only: not the same object in another process
        return None
    digest = hashlib.blake2b(f"{key!r}|{code_fingerprint()}".encode(), digest_size=12).hexdigest()
    return root / f"{store_name}-{digest}.pt"


def load(path: Path) -> Any:
    """The result saved at `path`, or None when there is none (or it cannot be read)."""
    if not path.exists():
        return None
    import torch

    try:
        return torch.load(path, weights_only=False)  # our own directory (see the docstring)
    except Exception as exc:  # noqa: BLE001  (a torn or old file: train again)
        _log.warning("diskcache: cannot load %s (%s)", path.name, exc)
        return None


def save(path: Path, value: Any) -> bool:
    """Writes `value` atomically (a temporary file, then a rename); False if it cannot be pickled."""
    import torch

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        torch.save(value, tmp)
        os.replace(tmp, path)
        return True
    except Exception as exc:  # noqa: BLE001  (a result that does not pickle is simply not shared)
        _log.warning("diskcache: cannot save %s (%s)", path.name, exc)
        tmp.unlink(missing_ok=True)
        return False


class FileLock:
    """An exclusive lock on `<path>.lock` between processes (flock: released if the holder dies)."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self._fd: int | None = None

    def acquire(self, blocking: bool = True) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
