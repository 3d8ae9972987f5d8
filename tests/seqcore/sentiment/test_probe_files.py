"""One reader for the hand-written probe files (`sentence<TAB>label`, `#` comments)."""


def test_the_probe_layout_is_read_once_for_every_language(tmp_path):
    from seqcore.sentiment import corpus, en_templates, ko_templates
    from seqcore.sentiment.probes import read

    f = tmp_path / "p.tsv"
    f.write_text(
        "# a comment\tnot a row\nnot bad\t1\n지루하지는 않았다\t1\n\nno label here\nworst\t0\nodd\t2\n",
        "utf-8",
    )
    assert read(f) == (["not bad", "지루하지는 않았다", "worst"], [1, 1, 0])
    assert en_templates.read_probes(f) == ko_templates.read_probes(f) == read(f)
    assert corpus.read_probes(f) == (("not bad", 1), ("지루하지는 않았다", 1), ("worst", 0))
