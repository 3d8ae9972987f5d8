"""seqcore.sentiment.report: verdicts and messages computed from results."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from seqcore.sentiment import report, uci
from seqcore.sentiment.inputs import check_input
from seqcore.sentiment.reviews import ReviewConfig
from seqcore.sentiment.rnn import RNNConfig


def check(text, known=("good", "film")):
    tokens = text.lower().split()
    return check_input(text, lambda t: t in known, tokens, 10)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("이 영화 정말 재밌어요", "한글 문장은 읽을 수 없어요"),
        ("zzz qqq", "모든 단어가"),
        ("good film", None),
        ("", None),
    ],
)
def test_unreadable_reason(text, needle):
    reason = report.unreadable_reason(check(text))
    assert (reason is None) if needle is None else (needle in reason)


def test_hangul_with_a_known_english_word_is_read():
    assert report.unreadable_reason(check("good 영화")) is None


def fake_uci(ours, bow, ngram, stopped=True):
    hist = SimpleNamespace(best_epoch=4, stopped_early=stopped, epochs_run=7)
    model = ReviewConfig()
    return SimpleNamespace(
        accuracy={uci.REVIEW_MODEL: ours, "BoW (unigram)": bow, "n-gram (uni+bigram)": ngram},
        baselines={"BoW (unigram)": None, "n-gram (uni+bigram)": None},
        run=SimpleNamespace(history=hist, n_train=2990),
        n_train=1600,
        config=uci.UCIConfig(model=model),
    )


@pytest.mark.parametrize(
    ("ours", "bow", "ngram", "needle"),
    [
        (0.80, 0.83, 0.82, "단어 가방 BoW (unigram)(83.0%)가 순환 모델(80.0%)보다 3.0%p 나았어요"),
        (
            0.85,
            0.83,
            0.84,
            "순환 모델(85.0%)이 가장 좋은 단어 가방 n-gram (uni+bigram)(84.0%)보다 1.0%p 나았어요",
        ),
        (0.84, 0.84, 0.80, "같았어요"),
    ],
)
def test_uci_verdict_names_the_winner(ours, bow, ngram, needle):
    text = report.uci_verdict(fake_uci(ours, bow, ngram))
    assert needle in text and "4 에포크" in text and "만든 문장 약 1,550개" in text


def test_hunger_verdict():
    f = (0.1, 0.5, 1.0)
    assert "50%부터" in report.hunger_verdict(f, {"r": [0.5, 0.9, 0.95], "b": [0.6, 0.8, 0.9]}, "r", "b")
    assert "앞서지 못했어요" in report.hunger_verdict(f, {"r": [0.5] * 3, "b": [0.6] * 3}, "r", "b")
    assert "모든 크기에서" in report.hunger_verdict(f, {"r": [0.7] * 3, "b": [0.6] * 3}, "r", "b")


def test_truncated_text_and_embedding_choices():
    assert report.truncated_text(" ".join(f"w{i}" for i in range(13))) == "잘린 단어: w10 w11 w12"
    assert report.embedding_choices(["<PAD>", "<UNK>", "the", "good", "zzz"], n=4) == ["good", "the"]


def test_prewarm_list_and_memory_estimate():
    stores = [store.name for store, _, _ in report.DEFAULT_RUNS]
    assert stores == ["sentiment_lesson", "sentiment_uci"]
    assert report.DEFAULT_RUNS[1][2].data_id == uci.fingerprint(uci.load_available())
    small = report.estimate_peak_mb(RNNConfig())
    big = report.estimate_peak_mb(RNNConfig(bidirectional=True, num_layers=3, hidden_size=64))
    assert 0 < small < big < 500
    assert 0 < report.estimate_peak_mb(report.DEFAULT_RUNS[1][2]) < 500


def test_idle_texts_count_the_trainings_and_time_them_from_a_measured_run():
    assert report.seed_study_idle((0, 1, 2, 3, 4), 2.4) == (
        "버튼을 누르면 수업 모델을 시드 0~4로 5번 학습해요 (위 모델 한 번에 2.4초 걸렸으니 모두 약 12초)."
    )
    text = report.hunger_idle((0.1, 0.25, 0.5, 1.0))
    assert "10/25/50/100%" in text and "8번" in text
    assert "초" not in report.hunger_idle((0.5, 1.0)) and "4번" in report.hunger_idle((0.5, 1.0))
