"""Runs in progress, kept on disk: a run the server never finished is found on the next load.

When the server is killed mid-training (`kill -9`, an out-of-memory stop, a redeploy), the
learner's browser shows Streamlit's own "Connection error" and the run is lost without a word.
So a run started from a page's button is written here as it starts - a small JSON file per run,
keyed by the page, the button and the config - and removed when it ends, however it ends. An
entry whose server process is gone is a run that was interrupted: the page says so on its next
load and offers to start it again with the same settings (seqcore/ui/resume.py).

The folder is `SEQCORE_JOURNAL_DIR`, else `<temp>/seqlab-runs`; entries older than a day go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_AGE_S = 24 * 3600.0
_ID = re.compile(r"[0-9a-f]{16}")


def _proc_start(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, /proc/<pid>/stat field 22); "" if unknown."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _alive(pid: int, start: str) -> bool:
    """Whether the process that wrote an entry still runs (a reused pid has another start time)."""
    if start:
        return _proc_start(pid) == start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Entry:
    run_id: str
    page: str  # the page's URL path ("stock")
    button: str  # the key of the button that started it
    label: str  # the button's text, as the learner saw it
    config: str  # repr of the config (for reading; the settings themselves are in the page's link)
    pid: int
    proc_start: str
    started: float  # time.time()

    @property
    def interrupted(self) -> bool:
        return not _alive(self.pid, self.proc_start)


def run_id(page: str, button: str, config: object) -> str:
    """The entry's name: the same page, button and config give the same run."""
    return hashlib.sha256(f"{page}\n{button}\n{config!r}".encode()).hexdigest()[:16]


class Journal:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def begin(self, page: str, button: str, label: str, config: object) -> str:
        """Write down a run that starts now; returns its id."""
        rid = run_id(page, button, config)
        pid = os.getpid()
        entry = Entry(rid, page, button, label, repr(config), pid, _proc_start(pid), time.time())
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{rid}.{pid}.tmp"
        tmp.write_text(json.dumps(asdict(entry), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / f"{rid}.json")  # whole or not at all
        return rid

    def end(self, rid: str) -> None:
        """The run ended (done, failed or cancelled): forget it, if this process wrote it."""
        entry = self.get(rid)
        if entry is not None and entry.pid == os.getpid():
            self.forget(rid)

    def forget(self, rid: str) -> None:
        if _ID.fullmatch(rid or ""):
            with contextlib.suppress(FileNotFoundError):
                (self.folder / f"{rid}.json").unlink()

    def get(self, rid: str) -> Entry | None:
        """The entry `rid` (a value from a link: anything else is None), if there is one."""
        if not _ID.fullmatch(rid or ""):
            return None
        path = self.folder / f"{rid}.json"
        try:
            entry = Entry(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if time.time() - entry.started > MAX_AGE_S:
            self.forget(rid)
            return None
        return entry

    def interrupted(self, rid: str, page: str) -> Entry | None:
        """The entry `rid` of `page` if its server is gone before the run ended."""
        entry = self.get(rid)
        return entry if entry is not None and entry.page == page and entry.interrupted else None


def journal() -> Journal:
    """The server's journal (the folder is read from the environment on every call)."""
    folder = os.environ.get("SEQCORE_JOURNAL_DIR") or Path(tempfile.gettempdir()) / "seqlab-runs"
    return Journal(folder)
