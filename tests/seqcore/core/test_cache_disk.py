"""Trained defaults shared on disk between the app processes of one server (core/diskcache.py).

A default is trained once, by the process that takes its file lock; the others load the file.
"""

import contextlib
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from seqcore.core import diskcache
from seqcore.core.cache import CacheStore, bounded
from seqcore.core.job import Job
from seqcore.ui import startup
from seqcore.ui import training as ui_training

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Cfg:
    n: int = 3
    rate: float = 0.1


@dataclass
class Result:
    values: list[float]
    table: np.ndarray


def test_a_result_survives_the_round_trip_through_its_file(tmp_path):
    path = diskcache.file_for("demo", Cfg(), tmp_path)
    assert diskcache.load(path) is None
    assert diskcache.save(path, Result([1.0, 2.5], np.arange(4.0)))
    back = diskcache.load(path)
    assert back.values == [1.0, 2.5] and back.table.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert not list(tmp_path.glob("*.tmp"))  # written atomically: no temporary file left


def test_the_file_name_follows_the_store_the_config_and_the_code(tmp_path, monkeypatch):
    a = diskcache.file_for("demo", Cfg(n=3), tmp_path)
    assert a == diskcache.file_for("demo", Cfg(n=3), tmp_path)
    assert a != diskcache.file_for("demo", Cfg(n=4), tmp_path)
    assert a != diskcache.file_for("other", Cfg(n=3), tmp_path)
    monkeypatch.setattr(diskcache, "_fingerprint", ["changed-code"])
    assert a != diskcache.file_for("demo", Cfg(n=3), tmp_path)


def test_arrays_in_a_config_are_named_by_their_whole_content(tmp_path):
    big = np.zeros(5000)
    other = big.copy()
    other[2500] = 1.0  # repr() of both arrays is the same ("...")
    assert diskcache.file_for("s", (big,), tmp_path) != diskcache.file_for("s", (other,), tmp_path)


def test_a_config_holding_an_object_by_identity_gets_no_file(tmp_path):
    assert diskcache.file_for("s", (object(),), tmp_path) is None


def test_an_unreadable_file_is_a_miss(tmp_path):
    path = diskcache.file_for("demo", Cfg(), tmp_path)
    path.write_bytes(b"not a pickle")
    assert diskcache.load(path) is None


def test_without_the_environment_variable_nothing_is_shared(monkeypatch):
    monkeypatch.delenv(diskcache.ENV, raising=False)
    assert diskcache.directory() is None


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from seqcore.core import diskcache
    lock = diskcache.FileLock(Path(sys.argv[1]))
    assert lock.acquire(blocking=False)
    print("held", flush=True)
    sys.stdin.read()  # holds it until the test closes its end (or dies)
    """
)


@contextlib.contextmanager
def held_elsewhere(path: Path):
    """Another process holds the lock of `path` until the block ends, then dies."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        yield
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdin.close()
        proc.stdout.close()


def test_the_lock_is_exclusive_between_processes_and_freed_when_its_holder_dies(tmp_path):
    path = tmp_path / "demo.pt"
    with held_elsewhere(path):
        assert not diskcache.FileLock(path).acquire(blocking=False)
    lock = diskcache.FileLock(path)  # its holder died: flock went with it
    assert lock.acquire(blocking=False)
    lock.release()


STORE = CacheStore("test_disk_default", max_entries=4)


@pytest.fixture
def trained_here(monkeypatch):
    """The queue's part of a start-up default done at once, on the test's thread.

    On the process's one training queue this test's run would wait behind every page's default
    that the start-up work (started by any page test before it) has queued; what is tested here
    is the file sharing around it, not the queue.
    """

    def prewarm_now(store, fn, config):
        job = Job((store.name, config), store.name, None)
        job.result = fn(config, on_epoch=None)
        bounded(store).put(config, job.result)
        job.state = "done"
        job.finished.set()
        return job

    monkeypatch.setattr(ui_training, "prewarm_job", prewarm_now)


def test_a_default_is_trained_once_then_loaded_by_the_next_process(tmp_path, trained_here):
    calls = []

    def trainer(cfg, on_epoch=None):
        calls.append(cfg)
        return Result([float(cfg.n)], np.ones(2))

    cfg = Cfg(n=7)
    cache = bounded(STORE)
    cache.clear()
    try:
        assert startup._shared_default((STORE, trainer, cfg), tmp_path)  # trains and writes
        assert calls == [cfg] and cache.get(cfg).values == [7.0]
        assert diskcache.file_for(STORE.name, cfg, tmp_path).exists()
        cache.clear()  # as a second process, which has nothing in memory
        assert startup._shared_default((STORE, trainer, cfg), tmp_path)
        assert calls == [cfg], "the second process trained again instead of loading the file"
        assert cache.get(cfg).values == [7.0]
    finally:
        cache.clear()


def test_a_default_another_process_is_training_is_left_for_later(tmp_path):
    cfg = Cfg(n=11)

    def trainer(cfg, on_epoch=None):
        raise AssertionError("trained a default that another process holds")

    try:
        with held_elsewhere(diskcache.file_for(STORE.name, cfg, tmp_path)):
            assert not startup._shared_default((STORE, trainer, cfg), tmp_path)
    finally:
        bounded(STORE).clear()
