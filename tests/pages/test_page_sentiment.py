"""AppTest of pages/sentiment.py through the entry point: default run (the lesson model and the
UCI section on the shipped files, offline), typed reviews, unreadable input, the order-aware
model, other splits (never the network), and the page's parts (ui.sections)."""

from __future__ import annotations

import urllib.error

import pytest
from apphelp import open_page, open_part, series_of, vega_specs

from seqcore.sentiment import uci

PAGE = "pages/sentiment.py"
PART = "sentiment_part"
KO, LESSON, ORDER, REAL, HUNGER = (
    "한국어 리뷰",
    "1. 수업 모델",
    "2. 순서를 이해하는 모델",
    "3. 실제 리뷰",
    "4. 데이터 양",
)


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [e.value for e in at.error] + [c.value for c in at.caption] + [t.value for t in at.text]
    return "\n".join(parts)


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("SEQLAB_CACHE", str(tmp_path))

    def no_network(*args, **kwargs):
        raise urllib.error.URLError("offline in tests")

    monkeypatch.setattr(uci.urllib.request, "urlopen", no_network)
    return tmp_path


@pytest.fixture(scope="module")
def default_app():
    """One offline session for the default view and the typed inputs (each types over the last)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(
        uci.urllib.request, "urlopen", lambda *a, **k: (_ for _ in ()).throw(urllib.error.URLError("x"))
    )
    at = open_page(PAGE, timeout=300)
    open_part(at, PART, REAL)
    wait_for_real_reviews(at)
    open_part(at, PART, LESSON)
    yield at
    mp.undo()


def wait_for_real_reviews(at, limit_s: float = 300) -> None:
    """The real-review default does not hold up the page (ui.train_soon): until it is cached, its
    section shows that it is being prepared while the rest of its part (the button to the next
    part) draws; then it shows up. `at` has the real-review part open."""
    import time

    from seqcore.core.cache import bounded

    config = uci.default_config(uci.load_available())
    if config not in bounded(uci.UCI_STORE):
        assert "이 부분만 준비 중이에요" in texts(at)
        assert at.button(key=f"{PART}_next").label == f"다음: {HUNGER} →"
    deadline = time.monotonic() + limit_s
    while config not in bounded(uci.UCI_STORE) and time.monotonic() < deadline:
        time.sleep(0.2)
    at.run()


@pytest.mark.slow  # waits for the real-review model
def test_default_run_trains_the_lesson_model_and_the_uci_section_offline(default_app):
    at = default_app
    open_part(at, PART, LESSON)
    assert not at.exception
    assert at.title[0].value == "2.3 텍스트 감성 분석"
    assert "`text_to_indices` → `[2, 3, 4, 6, 0, 0, 0, 0, 0, 0]`" in texts(at)
    assert (
        not at.get("plotly_chart") and not at.dataframe
    )  # the first part loads neither plotly.js nor a grid
    loss = vega_specs(at)[0]
    assert len(series_of(loss)["학습 손실"]) == 50
    assert list(at.table[0].value["리뷰"]) == [
        "this movie was great",
        "the film is terrible",
        "really loved it",
        "very bad film",
    ]
    # padding, with the numbers of the learner's sentence
    assert "`<PAD>`가 6개" in texts(at) and "pack_padded_sequence" in texts(at)
    # the UCI part ran on the two shipped files, without a click and without a network
    open_part(at, PART, REAL)
    assert not at.exception
    assert "IMDb 1,000, Amazon 1,000" in texts(at)
    table = next(d.value for d in at.dataframe if "무작위 20% 검증 (모든 출처)" in d.value.columns)
    assert list(table["모델"]) == [uci.REVIEW_MODEL, "BoW (unigram)", "n-gram (uni+bigram)"]
    assert "학습 1,600문장 · 시험 400문장" in texts(at)


def test_only_the_first_part_is_drawn_at_first_and_next_opens_the_second():
    at = open_page(PAGE, timeout=300)
    assert not at.exception
    assert [t.label for t in at.tabs] == [KO, LESSON, ORDER, REAL, HUNGER]
    assert [h.value for h in at.header] == ["한국어 영화 리뷰 (NSMC)"]
    assert "IMDb 1,000, Amazon 1,000" not in texts(at)  # part 3 did not run
    assert not any(b.key in ("sentiment_rnn_train", "sentiment_hunger_train") for b in at.button)
    at.button(key=f"{PART}_next").click().run()
    assert not at.exception
    assert [h.value for h in at.header] == ["1. 수업의 SentimentLSTM 그대로"]
    assert at.query_params[PART] == LESSON


def reading_spec(at) -> dict | None:
    return next((s for s in vega_specs(at) if "조각을 하나씩" in str(s.get("title"))), None)


def test_a_korean_sentence_gets_a_verdict_and_the_per_piece_chart_after_the_guess():
    at = open_page(PAGE, timeout=300)
    assert not at.exception
    assert at.text_input(key="sentiment_ko_text").value == "지루하지는 않았다"
    assert reading_spec(at) is None and not any(m.value.startswith("예측: **") for m in at.markdown)
    at.radio(key="sentiment_ko_guess").set_value("긍정").run()
    at.button(key="sentiment_ko_guess_check").click().run()
    assert not at.exception
    mine, computed = (m.value for m in at.metric[:2])
    assert mine == "긍정" and computed in ("긍정", "부정")
    spec = reading_spec(at)
    rows = [v for v in spec["data"]["values"]] if spec else []
    pieces = [c.value for c in at.code]
    assert rows and len(rows) == pieces[0].count("|") + 1  # one point per piece shown
    verdict = next(m.value for m in at.markdown if m.value.startswith("예측: **"))
    shown = float(verdict.split("긍정 확률 ")[1].rstrip(")"))
    assert abs(rows[-1]["p"] - shown) <= 0.0006  # the verdict is the last point of the chart (3 digits)
    assert f"**{computed}**" in verdict  # the revealed answer is the model's verdict
    assert any("믿음직함" in str(s.get("title")) for s in vega_specs(at))  # the reliability diagram
    assert not at.get("plotly_chart") and not at.dataframe  # the first part: Vega-Lite and st.table only


@pytest.mark.parametrize(
    ("text", "message"),
    [("뛟뛟뛟", "`<UNK>`"), ("😀😀😀", "이모지"), ("what a movie", "한글이 없어요"), ("   ", "비어 있어요")],
)
def test_an_unreadable_korean_input_gets_the_message_and_no_verdict(text, message):
    at = open_page(PAGE, timeout=300)
    at.text_input(key="sentiment_ko_text").input(text).run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert not any(m.value.startswith("예측: **") for m in at.markdown) and reading_spec(at) is None


def test_a_contrast_pair_click_fills_the_box():
    at = open_page(PAGE, timeout=300)
    at.button(key="sentiment_ko_pair1").click().run()
    assert not at.exception
    assert at.text_input(key="sentiment_ko_text").value == "지루하지는 않았다"
    at.button(key="sentiment_ko_pair0").click().run()
    assert at.text_input(key="sentiment_ko_text").value == "지루했다" and reading_spec(at) is None
    at.button(key="sentiment_ko_guess_check").click().run()  # a new sentence asks again
    assert reading_spec(at) is not None


def test_a_link_opens_a_later_part():
    at = open_page(PAGE, timeout=300, query={PART: HUNGER})
    assert not at.exception
    assert [h.value for h in at.header] == ["4. 데이터가 얼마나 있어야 순서가 도움이 될까"]
    assert at.button(key="sentiment_hunger_train")
    assert not vega_specs(at)  # the lesson model's loss curve is in part 1
    assert all(b.key != f"{PART}_next" for b in at.button)  # the last part has no next


def test_typed_review_updates_the_prediction(default_app):
    at = default_app
    open_part(at, PART, LESSON)
    at.text_input(key="sentiment_text").input("the film is terrible").run()
    assert not at.exception
    assert "`[14, 21, 5, 9, 0, 0, 0, 0, 0, 0]`" in texts(at)
    assert "예측: **부정**" in texts(at)
    assert at.table[1].value["모델이 보는 토큰"].tolist()[:5] == [
        "the",
        "film",
        "is",
        "terrible",
        "<PAD>",
    ]


@pytest.mark.parametrize("text", ["이 영화 정말 재밌어요", "영화가 정말 좋았어요"])
def test_hangul_gets_a_message_not_a_verdict(default_app, text):
    at = default_app
    open_part(at, PART, LESSON)
    at.text_input(key="sentiment_text").input(text).run()
    assert not at.exception
    assert any("한글 문장은 읽을 수 없어요" in e.value for e in at.error)
    verdicts = lambda: sum(m.value.startswith("예측: **") for m in at.markdown)  # noqa: E731
    assert verdicts() == 0  # the lesson model gives none (the real-review model's is in part 3)
    open_part(at, PART, REAL)
    assert verdicts() == 1  # only the real-review model's, on its own (English) sentence
    at.text_input(key="sentiment_text3").input(text).run()
    assert sum("한글 문장은 읽을 수 없어요" in e.value for e in at.error) == 1 and verdicts() == 0
    open_part(at, PART, LESSON)  # the lesson model's message stays with the kept text
    assert sum("한글 문장은 읽을 수 없어요" in e.value for e in at.error) == 1 and verdicts() == 0
    open_part(at, PART, REAL)
    at.text_input(key="sentiment_text3").input("the battery is not good at all").run()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "비어 있어요"),
        ("😀😀😀", "이모지"),
        ("zzz qqq", "모든 단어가 어휘에 없는"),
        ("great " * 300, "나머지 290개"),
    ],
)
def test_bad_input_gives_a_message(default_app, text, message):
    at = default_app
    open_part(at, PART, LESSON)
    at.text_input(key="sentiment_text").input(text).run()
    assert not at.exception
    assert message in texts(at)


def test_truncated_words_are_plain_text(default_app):
    at = default_app
    open_part(at, PART, LESSON)
    at.text_input(key="sentiment_text").input(
        "a b c d e f g h i j **bold** ![x](http://127.0.0.1:9/x.png)"
    ).run()
    assert not at.exception
    assert any(t.value.startswith("잘린 단어: **bold** ![x](") for t in at.text)
    assert not any("**bold**" in m.value for m in at.markdown)


@pytest.mark.slow  # trains the order-aware models
def test_order_aware_model_trains_compares_and_keeps_the_last_result(offline):
    at = open_page(PAGE, timeout=300, query={PART: ORDER})
    at.selectbox(key="sentiment_cell").set_value("gru")
    at.toggle(key="sentiment_bidir").set_value(True)
    at.slider(key="sentiment_layers").set_value(2)
    at.select_slider(key="sentiment_hidden").set_value(16)
    at.slider(key="sentiment_epochs").set_value(2).run()
    assert not at.exception and "버튼을 누르면 순환 모델" in texts(at)
    at.button(key="sentiment_rnn_train").click().run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "검증 (새 표현)" in d.value.columns)
    assert list(table["모델"]) == ["양방향 GRU 2층", "BoW (unigram)", "n-gram (uni+bigram)"]
    at.slider(key="sentiment_epochs").set_value(3).run()
    assert "이전 설정의 결과" in texts(at)  # the last result stays on screen
    assert any("검증 (새 표현)" in d.value.columns for d in at.dataframe)
    for bad, message in (("", "비어"), ("좋아요 😀", "한글"), ("word " * 50, "나머지 10개")):
        at.text_input(key="sentiment_text2").input(bad).run()
        assert not at.exception and message in texts(at)


def test_uci_download_offline_says_so_and_the_page_goes_on(offline):
    at = open_page(PAGE, timeout=300, query={PART: REAL})
    at.button(key="sentiment_uci_download").click().run()
    assert not at.exception
    assert "인터넷이 없는 것 같아요" in texts(at)
    assert "IMDb 1,000, Amazon 1,000" in texts(at)
