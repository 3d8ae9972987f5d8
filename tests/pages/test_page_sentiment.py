"""AppTest of pages/sentiment.py through the entry point: default run, typed reviews, bad input,
the order-aware model, and the UCI section offline and with fixture files (never the network)."""

from __future__ import annotations

import json
import urllib.error

import pytest
from apphelp import open_page

from seqcore.sentiment import uci

PAGE = "pages/sentiment.py"


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts)


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("SEQLAB_CACHE", str(tmp_path))

    def no_network(*args, **kwargs):
        raise urllib.error.URLError("offline in tests")

    monkeypatch.setattr(uci.urllib.request, "urlopen", no_network)
    return tmp_path


@pytest.fixture(scope="module")
def shared_app():
    """One session for the bad-input table: each case types over the last one."""
    return open_page(PAGE)


def test_default_run_trains_the_lesson_model_and_predicts(offline):
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "2.3 텍스트 감성 분석"
    assert "`text_to_indices` → `[2, 3, 4, 6, 0, 0, 0, 0, 0, 0]`" in texts(at)
    loss = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(loss["data"][0]["y"]) == 50
    reviews = at.dataframe[0].value
    assert list(reviews["리뷰"]) == [
        "this movie was great",
        "the film is terrible",
        "really loved it",
        "very bad film",
    ]
    assert "`not`" in texts(at) and "<UNK>" in texts(at)


def test_typed_review_updates_the_prediction(offline):
    at = open_page(PAGE)
    at.text_input(key="sentiment_lesson_text").input("the film is terrible").run()
    assert not at.exception
    assert "`[14, 21, 5, 9, 0, 0, 0, 0, 0, 0]`" in texts(at)
    assert "예측: **부정**" in texts(at)
    tokens = at.dataframe[1].value["모델이 보는 토큰"].tolist()
    assert tokens[:5] == ["the", "film", "is", "terrible", "<PAD>"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "비어 있어요"),
        ("영화가 정말 좋았어요", "영어"),
        ("😀😀😀", "이모지"),
        ("zzz qqq", "모든 단어"),
        ("great " * 300, "나머지 290개"),
    ],
)
def test_bad_input_gives_a_message(shared_app, text, message):
    at = shared_app
    at.text_input(key="sentiment_lesson_text").input(text).run()
    assert not at.exception
    assert message in texts(at)


def test_order_aware_model_trains_compares_and_reads_prefixes(offline):
    at = open_page(PAGE)
    at.selectbox(key="sentiment_rnn_cell").set_value("gru")
    at.toggle(key="sentiment_rnn_bidir").set_value(True)
    at.slider(key="sentiment_rnn_layers").set_value(3)
    at.slider(key="sentiment_rnn_dropout").set_value(0.5)
    at.select_slider(key="sentiment_rnn_hidden").set_value(16)
    at.slider(key="sentiment_rnn_epochs").set_value(2).run()
    assert not at.exception and "버튼을 누르면 순환 모델" in texts(at)
    at.button(key="sentiment_rnn_train").click().run()
    assert not at.exception
    table = at.dataframe[3].value
    assert list(table["모델"]) == ["양방향 GRU 3층", "BoW (unigram)", "n-gram (uni+bigram)"]
    charts = {json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")}
    assert "단어를 하나씩 더 읽을 때마다 바뀌는 긍정 확률" in charts
    at.slider(key="sentiment_rnn_epochs").set_value(3).run()
    assert "설정이 바뀌었어요" in texts(at)
    for bad, message in (("", "비어"), ("좋아요 😀", "영어"), ("word " * 50, "나머지 10개")):
        at.text_input(key="sentiment_rnn_text").input(bad).run()
        assert not at.exception and message in texts(at)


def test_uci_offline_shows_a_korean_message(offline):
    at = open_page(PAGE)
    at.button(key="sentiment_uci_train").click().run()
    assert not at.exception
    assert "인터넷 연결이 없는 것 같아요" in texts(at)
    assert at.title[0].value == "2.3 텍스트 감성 분석"  # the rest of the page goes on


def test_uci_with_cached_fixture_files(monkeypatch, tmp_path):
    from uci_fixtures import write_fixture

    monkeypatch.setenv("SEQLAB_CACHE", str(tmp_path))
    write_fixture(uci.cache_dir())
    at = open_page(PAGE)
    at.button(key="sentiment_uci_train").click().run()
    assert not at.exception
    assert "IMDb 7, Amazon 3, Yelp 2" in "\n".join(c.value for c in at.caption)
    table = at.dataframe[-1].value
    assert list(table["모델"]) == ["GRU", "BoW (unigram)", "n-gram (uni+bigram)"]
    assert "IMDb + Amazon → Yelp" in table.columns


def test_uci_with_two_sources_asks_for_another_split(monkeypatch, tmp_path, offline):
    from uci_fixtures import write_fixture

    write_fixture(uci.cache_dir(), ("imdb", "amazon"))
    at = open_page(PAGE)
    at.button(key="sentiment_uci_train").click().run()
    assert not at.exception and "필요한 출처 파일이 없어요" in texts(at)
    at.selectbox(key="sentiment_uci_split").set_value("imdb->amazon")
    at.button(key="sentiment_uci_train").click().run()
    assert not at.exception
    assert "IMDb → Amazon" in at.dataframe[-1].value.columns


@pytest.mark.slow
def test_seed_study_shows_the_lesson_models_limits(offline):
    at = open_page(PAGE)
    at.button(key="sentiment_seed_button").click().run(timeout=600)  # five full lesson trainings
    assert not at.exception
    assert "`not good at all` (뜻: 부정) → 5개 시드 중" in texts(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    chart = next(c for c in charts if c["layout"]["title"]["text"].startswith("시드마다"))
    assert [len(t["y"]) for t in chart["data"]] == [5, 5]
    assert [t["name"] for t in chart["data"]] == ['"not good at all"', '"this film was not terrible"']
