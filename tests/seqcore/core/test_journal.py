"""The journal of runs in progress: a run whose server died is found again, nothing else is."""

import json
import os
import subprocess
import sys
import time

import pytest

from seqcore.core.journal import MAX_AGE_S, Journal, journal, run_id


def dead_pid() -> int:
    """The pid of a process that has ended (a killed server's)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def as_if_written_by(book: Journal, rid: str, **fields) -> None:
    path = book.folder / f"{rid}.json"
    entry = json.loads(path.read_text(encoding="utf-8")) | fields
    path.write_text(json.dumps(entry), encoding="utf-8")


def test_a_run_in_progress_here_is_not_interrupted_and_is_forgotten_when_it_ends(tmp_path):
    book = Journal(tmp_path)
    rid = book.begin("stock", "stock_train", "이 설정으로 학습하기", ("stock", "cfg"))
    assert rid == run_id("stock", "stock_train", ("stock", "cfg"))  # the same run, the same id
    assert book.get(rid).label == "이 설정으로 학습하기"
    assert book.interrupted(rid, "stock") is None  # this process is alive
    book.end(rid)
    assert book.get(rid) is None and not list(tmp_path.iterdir())


def test_a_run_whose_server_is_gone_is_interrupted_on_its_own_page_only(tmp_path):
    book = Journal(tmp_path)
    rid = book.begin("stock", "stock_train", "학습하기", "cfg")
    as_if_written_by(book, rid, pid=dead_pid(), proc_start="")
    assert book.interrupted(rid, "stock").button == "stock_train"
    assert book.interrupted(rid, "gru") is None
    book.end(rid)  # another process's entry: this one does not remove it
    assert book.get(rid) is not None
    book.forget(rid)
    assert book.get(rid) is None


def test_a_reused_pid_with_another_start_time_is_not_the_same_server(tmp_path):
    book = Journal(tmp_path)
    rid = book.begin("stock", "stock_train", "학습하기", "cfg")
    as_if_written_by(book, rid, pid=os.getpid(), proc_start="1")  # our pid, but not our start
    assert book.interrupted(rid, "stock") is not None


@pytest.mark.parametrize("value", ["", "../../etc/passwd", "`![x](//x.invalid)`", "0" * 15, "G" * 16])
def test_a_link_value_that_is_no_run_id_finds_nothing(tmp_path, value):
    assert Journal(tmp_path).get(value) is None
    Journal(tmp_path).forget(value)  # and removes nothing


def test_an_entry_older_than_a_day_is_dropped(tmp_path):
    book = Journal(tmp_path)
    rid = book.begin("stock", "stock_train", "학습하기", "cfg")
    as_if_written_by(book, rid, pid=dead_pid(), started=time.time() - MAX_AGE_S - 1)
    assert book.interrupted(rid, "stock") is None and not list(tmp_path.glob("*.json"))


def test_the_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SEQCORE_JOURNAL_DIR", str(tmp_path / "runs"))
    assert journal().folder == tmp_path / "runs"
