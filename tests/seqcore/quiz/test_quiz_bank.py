"""The question folder is parsed once and served from memory to every page run; it is listed
again at most once every CHECK_EVERY_S (a page run asks about seven times, in every session),
and read again when a question file or its output is added, removed or changed."""

import shutil

import pytest

from seqcore.quiz import questions
from seqcore.quiz.questions import CHECK_EVERY_S, DATA_DIR, bank


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(questions.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def listings(monkeypatch):
    """Counts the folder listings (each one a stat per file)."""
    calls = []
    real = questions._fingerprint

    def counted(folder):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(questions, "_fingerprint", counted)
    return calls


def copy_of(tmp_path, *names):
    for name in names:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def test_an_unchanged_folder_is_parsed_once(tmp_path, clock):
    folder = copy_of(tmp_path, "q1.toml", "q2.toml")
    first = bank(folder)
    (folder / "notes.md").write_text("not a question", encoding="utf-8")  # not a .t* file
    clock[0] += CHECK_EVERY_S
    assert bank(folder) is first and bank(str(folder)) is first
    assert first.ids == ("q1", "q2")


def test_the_folder_is_listed_once_a_second_however_often_a_run_asks(tmp_path, clock, listings):
    folder = copy_of(tmp_path, "q1.toml", "q2.toml")
    first = bank(folder)
    for _ in range(20):
        assert bank(folder) is first
    assert len(listings) == 1
    shutil.copy(DATA_DIR / "q3.toml", folder / "q3.toml")
    assert bank(folder).ids == ("q1", "q2")  # not seen yet
    clock[0] += CHECK_EVERY_S
    assert bank(folder).ids == ("q1", "q2", "q3") and len(listings) == 2


def test_a_changed_added_or_removed_file_is_read_again(tmp_path, clock):
    folder = copy_of(tmp_path, "q1.toml", "q2.toml")
    first = bank(folder)
    text = (folder / "q2.toml").read_text(encoding="utf-8")
    old_title = first["q2"].title
    (folder / "q2.toml").write_text(text.replace(old_title, old_title + " (고침)", 1), encoding="utf-8")
    clock[0] += CHECK_EVERY_S
    changed = bank(folder)
    assert changed is not first and changed["q2"].title == old_title + " (고침)"
    shutil.copy(DATA_DIR / "q3.toml", folder / "q3.toml")
    assert bank(folder, fresh=True).ids == ("q1", "q2", "q3")
    (folder / "q1.toml").unlink()
    assert bank(folder, fresh=True).ids == ("q2", "q3")
    (folder / "q2.output.txt").write_text("tensor([1.])\n", encoding="utf-8")
    assert bank(folder, fresh=True)["q2"].output == "tensor([1.])\n"
