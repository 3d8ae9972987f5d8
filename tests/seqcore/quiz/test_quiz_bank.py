"""The question folder is parsed once and served from memory to every page run, and read again
as soon as a question file or its output is added, removed or changed."""

import shutil

from seqcore.quiz.questions import DATA_DIR, bank


def copy_of(tmp_path, *names):
    for name in names:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def test_an_unchanged_folder_is_parsed_once(tmp_path):
    folder = copy_of(tmp_path, "q1.toml", "q2.toml")
    first = bank(folder)
    (folder / "notes.md").write_text("not a question", encoding="utf-8")  # not a .t* file
    assert bank(folder) is first and bank(str(folder)) is first
    assert first.ids == ("q1", "q2")


def test_a_changed_added_or_removed_file_is_read_again(tmp_path):
    folder = copy_of(tmp_path, "q1.toml", "q2.toml")
    first = bank(folder)
    text = (folder / "q2.toml").read_text(encoding="utf-8")
    old_title = first["q2"].title
    (folder / "q2.toml").write_text(text.replace(old_title, old_title + " (고침)", 1), encoding="utf-8")
    changed = bank(folder)
    assert changed is not first and changed["q2"].title == old_title + " (고침)"
    shutil.copy(DATA_DIR / "q3.toml", folder / "q3.toml")
    assert bank(folder).ids == ("q1", "q2", "q3")
    (folder / "q1.toml").unlink()
    assert bank(folder).ids == ("q2", "q3")
    (folder / "q2.output.txt").write_text("tensor([1.])\n", encoding="utf-8")
    assert bank(folder)["q2"].output == "tensor([1.])\n"
