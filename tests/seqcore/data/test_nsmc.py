"""The shipped NSMC file and its split rule (tests write their own small files too)."""

import lzma

import pytest

from seqcore.data import nsmc


def test_parse_reads_the_layout_and_skips_broken_rows():
    rows = nsmc.parse(
        ["id\tdocument\tlabel\n", "1\t재밌다\t1\n", "2\t\t0\n", "3\t별로\t2\n", "4\t지루해\t0\n"]
    )
    assert [(r.id, r.text, r.label) for r in rows] == [("1", "재밌다", 1), ("4", "지루해", 0)]


def test_parse_refuses_another_layout():
    with pytest.raises(ValueError, match="NSMC"):
        nsmc.parse(["sentence\tlabel\n", "good\t1\n"])


def test_load_reads_plain_and_xz_files(tmp_path):
    body = "id\tdocument\tlabel\n7\t최고\t1\n8\t노잼\t0\n"
    plain = tmp_path / "a.tsv"
    plain.write_text(body, encoding="utf-8")
    packed = tmp_path / "a.tsv.xz"
    packed.write_bytes(lzma.compress(body.encode("utf-8")))
    assert nsmc.load(plain) == nsmc.load(packed) and len(nsmc.load(packed)) == 2


def test_hash_fold_depends_on_the_text_only():
    assert nsmc.hash_fold("최고") == nsmc.hash_fold("최고")
    folds = {nsmc.hash_fold(f"리뷰 {i}") for i in range(200)}
    assert folds == set(range(10))


def test_the_shipped_file_is_balanced():
    rows = nsmc.load()
    assert len(rows) == 150_000 and sum(r.label for r in rows) == 75_000
