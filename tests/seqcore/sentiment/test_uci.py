"""seqcore.sentiment.uci: robust parsing on fixture files with both traps, cache, mocked download, splits."""

from __future__ import annotations

import csv
import io
import urllib.error
import zipfile

import pytest
from uci_fixtures import AMAZON, IMDB, IMDB_COUNT, YELP, write_fixture  # noqa: F401

from seqcore.sentiment import uci
from seqcore.sentiment.reviews import ReviewConfig


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for s, text in (("imdb", IMDB), ("amazon", AMAZON), ("yelp", YELP)):
            zf.writestr(f"sentiment labelled sentences/{uci.FILES[s]}", text)
            zf.writestr(f"__MACOSX/sentiment labelled sentences/._{uci.FILES[s]}", "junk")
        zf.writestr("sentiment labelled sentences/readme.txt", "readme")
    return buf.getvalue()


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_traps_fool_the_naive_readers():
    rows = [r for r in csv.reader(io.StringIO(IMDB), delimiter="\t") if r and r[-1].strip() in ("0", "1")]
    assert len(rows) < IMDB_COUNT  # the quote opened on line 1 swallows the next lines
    assert len(IMDB.splitlines()) > len(IMDB.split("\n"))


def test_parser_returns_exact_counts_and_texts():
    reviews = uci.parse_labelled(IMDB, "imdb")
    assert len(reviews) == IMDB_COUNT
    assert [r.label for r in reviews] == [0, 0, 1, 1, 0, 1, 1]
    assert reviews[0].text.startswith('"Not sure') and reviews[2].text == 'The acting was "great'
    assert reviews[3].text == "It was a masterpiece."
    assert reviews[4].text == "Tabs inside the sentence." and reviews[4].label == 0
    assert reviews[5].text == "Windows line ending." and all(r.source == "imdb" for r in reviews)


def test_read_folder_and_load_from_cache(tmp_path):
    write_fixture(tmp_path)
    data = uci.load(tmp_path, opener=lambda *a, **k: pytest.fail("no download when cached"))
    assert {s: len(v) for s, v in data.items()} == {"imdb": IMDB_COUNT, "amazon": 3, "yelp": 2}


def test_load_downloads_once_when_missing(tmp_path):
    calls = []

    def opener(url, timeout):
        calls.append(url)
        return FakeResponse(zip_bytes())

    data = uci.load(tmp_path, opener=opener)
    assert calls == [uci.URL] and sorted(data) == ["amazon", "imdb", "yelp"]
    assert len(data["imdb"]) == IMDB_COUNT
    uci.load(tmp_path, opener=opener)
    assert len(calls) == 1  # cached on disk


def test_offline_raises_a_clear_error(tmp_path, monkeypatch):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(uci.urllib.request, "urlopen", offline)
    with pytest.raises(uci.UCIUnavailable, match="download failed"):
        uci.load(tmp_path)
    with pytest.raises(uci.UCIUnavailable, match="not a zip"):
        uci.load(tmp_path, opener=lambda *a, **k: FakeResponse(b"<html>"))
    with pytest.raises(uci.UCIUnavailable, match="no UCI files"):
        uci.load(tmp_path, allow_download=False)


def test_offline_with_some_files_cached_returns_them(tmp_path):
    write_fixture(tmp_path, ("imdb", "amazon"))

    def offline(*args, **kwargs):
        raise urllib.error.URLError("offline")

    data = uci.load(tmp_path, opener=offline)
    assert sorted(data) == ["amazon", "imdb"] and uci.available_splits(data) == [
        "random",
        "imdb->amazon",
        "amazon->imdb",
    ]


def test_cache_dir_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("SEQLAB_CACHE", str(tmp_path))
    assert uci.cache_dir() == tmp_path / "uci_sentiment" and uci.cache_dir().is_dir()


@pytest.mark.parametrize(
    ("sources", "splits"),
    [
        (("imdb", "amazon", "yelp"), ["random", "imdb+amazon->yelp", "imdb->amazon", "amazon->imdb"]),
        (("imdb", "amazon"), ["random", "imdb->amazon", "amazon->imdb"]),
        (("yelp",), ["random"]),
    ],
)
def test_available_splits(tmp_path, sources, splits):
    data = uci.read_folder(write_fixture(tmp_path, sources))
    assert uci.available_splits(data) == splits


def test_source_and_random_splits(tmp_path):
    data = uci.read_folder(write_fixture(tmp_path))
    s = uci.make_split(data, "imdb+amazon->yelp")
    assert len(s.train) == IMDB_COUNT + 3 and len(s.test) == 2 and {r.source for r in s.test} == {"yelp"}
    r1, r2 = uci.random_split(data, seed=1), uci.random_split(data, seed=1)
    assert r1 == r2 and len(r1.test) == 2 and len(r1.train) == IMDB_COUNT + 3
    assert not set(r1.train) & set(r1.test)
    with pytest.raises(KeyError):
        uci.source_split({"imdb": data["imdb"]}, ["imdb"], ["yelp"])


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("imdb+amazon->yelp", "IMDb + Amazon → Yelp"),
        ("imdb->amazon", "IMDb → Amazon"),
        ("amazon->imdb", "Amazon → IMDb"),
        ("random", "무작위"),
    ],
)
def test_split_label(name, label):
    assert label in uci.split_label(name)


def test_uci_comparison_on_the_fixture(tmp_path):
    data = uci.read_folder(write_fixture(tmp_path))
    tiny = ReviewConfig(epochs=2, hidden_size=8, embed_dim=8, with_corpus=False, templates=0, lexicon=0)
    cfg = uci.UCIConfig(split="imdb->amazon", data_id=uci.fingerprint(data), model=tiny)
    res = uci.uci_comparison(cfg, data)
    assert list(res.accuracy) == [uci.REVIEW_MODEL, "BoW (unigram)", "n-gram (uni+bigram)"]
    assert all(0 <= a <= 1 for a in res.accuracy.values()) and res.n_test == 3
    assert set(res.predict("great phone")) == set(res.accuracy)
    from seqcore.sentiment import uci_report

    test = [
        uci.Review(t, y, "amazon") for t, y in [("not bad at all", 1), ("great", 1), ("it never worked", 0)]
    ]
    n, acc = uci_report.negated_scores(res, test)
    assert n == 2 and set(acc) == set(res.accuracy) and all(a in (0, 0.5, 1) for a in acc.values())
    assert uci_report.negated_scores(res, test[1:2]) == (0, {})
    assert [r.text for r in res.test] == ["Great phone.", "Battery died fast.", "Works well."]
    assert uci_report.negated_test(res) == (0, {})  # the result's own test part holds no negator
    assert uci_report.real_negation_line(res) == ""


def test_the_reviewers_own_negations_are_a_win_only_beyond_the_noise(monkeypatch):
    from seqcore.sentiment import uci_report

    others = {"BoW (unigram)": 0.70, "n-gram (uni+bigram)": 0.72}
    for ours, n, win in [(0.78, 100, False), (0.90, 400, True)]:
        scores = {uci.REVIEW_MODEL: ours, **others}
        monkeypatch.setattr(uci_report, "negated_test", lambda res, s=scores, n=n: (n, s))
        line = uci_report.real_negation_line(None)
        assert f"{n}문장" in line and f"{ours:.1%}" in line and "72.0%" in line
        assert ("순환 모델이 나았어요" in line) == win and ("누가 낫다고 할 수 없어요" in line) != win
    assert scores[uci.REVIEW_MODEL] == 0.90  # the answer the page keeps is not changed by reading it


def test_the_generated_note_names_what_the_recipe_added():
    from types import SimpleNamespace

    from seqcore.sentiment import uci_report
    from seqcore.sentiment.en_lexicon import WIDE_WORDS

    def note(model: ReviewConfig) -> str:
        res = SimpleNamespace(
            config=SimpleNamespace(model=model), run=SimpleNamespace(n_train=6000), n_train=2000
        )
        return uci_report.generated_note(res)

    wide = note(ReviewConfig(wide_words=0.5, lexicon=4000))
    assert "약 4,200개" in wide and "4,000개" in wide and f"{WIDE_WORDS:,}개" in wide and "50%" in wide
    assert "긍정/부정 단어" not in note(ReviewConfig(wide_words=0.0)) and "2,000개" in note(ReviewConfig())
    assert note(ReviewConfig(templates=0)) == ""
