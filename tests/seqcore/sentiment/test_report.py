"""seqcore.sentiment.report: verdicts and messages computed from results."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from seqcore.sentiment import en_templates as et
from seqcore.sentiment import ko_eval, report, uci, uci_report
from seqcore.sentiment.hunger import BOW, RECURRENT
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


def fake_uci(ours, bow, ngram, stopped=True, n_test=400):
    hist = SimpleNamespace(best_epoch=4, stopped_early=stopped, epochs_run=7)
    model = ReviewConfig()
    return SimpleNamespace(
        accuracy={uci.REVIEW_MODEL: ours, "BoW (unigram)": bow, "n-gram (uni+bigram)": ngram},
        baselines={"BoW (unigram)": None, "n-gram (uni+bigram)": None},
        run=SimpleNamespace(history=hist, n_train=2990),
        n_train=1600,
        n_test=n_test,
        config=uci.UCIConfig(model=model),
    )


@pytest.mark.parametrize(
    ("ours", "bow", "ngram", "n_test", "winner"),
    [
        (0.825, 0.818, 0.80, 400, None),  # "82.5 vs 81.8 on 400 sentences" is no win
        (0.80, 0.83, 0.82, 400, None),  # 3 points on 400: still inside the 95% interval (about 5.5)
        (0.80, 0.90, 0.82, 400, "단어 가방 BoW (unigram)이"),  # 'unigram' ends in m: 이
        (0.85, 0.83, 0.84, 40000, "순환 모델이"),
    ],
)
def test_uci_verdict_names_a_winner_only_beyond_the_noise(ours, bow, ngram, n_test, winner):
    text = uci_report.uci_verdict(fake_uci(ours, bow, ngram, n_test=n_test))
    assert "4 에포크" in text and "만든 문장 약 1,550개" in text
    if winner is None:
        assert "누가 낫다고 할 수 없어요" in text and "나았어요" not in text
    else:
        assert f"{winner} 나았어요" in text


@pytest.mark.parametrize(
    ("r", "b", "n", "needle"),
    [
        ([0.5, 0.9, 0.95], [0.6, 0.8, 0.9], 800, "50%에서"),
        ([0.6] * 3, [0.6] * 3, 800, "차이가 잡음보다 크지 않았어요"),
        ([0.5] * 3, [0.6] * 3, 800, "3개 크기에서는 뒤졌어요"),
        ([0.75] * 3, [0.6] * 3, 800, "모든 크기에서"),
        ([0.62] * 3, [0.6] * 3, 400, "차이가 잡음보다 크지 않았어요"),
    ],
)
def test_hunger_verdict_counts_only_gaps_beyond_the_noise(r, b, n, needle):
    res = SimpleNamespace(fractions=(0.1, 0.5, 1.0), accuracy={"x": {RECURRENT: r, BOW: b}}, n_test={"x": n})
    assert needle in report.hunger_verdict(res, "x")


def test_truncated_text_and_embedding_choices():
    assert report.truncated_text(" ".join(f"w{i}" for i in range(13))) == "잘린 단어: w10 w11 w12"
    assert uci_report.embedding_choices(["<PAD>", "<UNK>", "the", "good", "zzz"], n=4) == ["good", "the"]


def test_embedding_note_says_noise_when_neighbours_are_no_closer_than_random_pairs():
    assert "잡음" in uci_report.embedding_note((0.31, 0.22))
    assert "잡음" not in uci_report.embedding_note((0.71, 0.05))


def test_padding_text_says_gather_fixes_one_direction_only():
    pad = SimpleNamespace(n_real=4, n_pad=6, prob_gather=0.7, prob_packed=0.8, prob_padded=0.6)
    fixes = report.padding_texts(pad)[1]
    assert "정방향만" in fixes and "절반" in fixes and "0.8000" in fixes


def test_prewarm_list_and_memory_estimate():
    stores = [store.name for store, _, _ in report.DEFAULT_RUNS]
    assert stores == ["sentiment_ko_bow", "sentiment_lesson", "sentiment_uci"]
    assert report.DEFAULT_RUNS[2][2].data_id == uci.fingerprint(uci.load_available())
    small = report.estimate_peak_mb(RNNConfig())
    big = report.estimate_peak_mb(RNNConfig(bidirectional=True, num_layers=3, hidden_size=64))
    assert 0 < small < big < 500
    assert 0 < report.estimate_peak_mb(report.DEFAULT_RUNS[2][2]) < 500


def test_idle_texts_count_the_trainings_and_time_them_from_a_measured_run():
    assert report.seed_study_idle((0, 1, 2, 3, 4), 2.4) == (
        "버튼을 누르면 수업 모델을 시드 0~4로 5번 학습해요 (위 모델 한 번에 2.4초 걸렸으니 모두 약 12초)."
    )
    text = report.hunger_idle((0.1, 0.25, 0.5, 1.0))
    assert "10/25/50/100%" in text and "8번" in text
    assert "초" not in report.hunger_idle((0.5, 1.0)) and "4번" in report.hunger_idle((0.5, 1.0))


def test_fresh_negation_line_and_table_read_the_models_answers():
    x, y = [f"s{i}" for i in range(64)], [i % 2 for i in range(64)]
    right = [0.9 if label else 0.1 for label in y]
    probs = {
        uci.REVIEW_MODEL: right,
        "BoW (unigram)": [0.9] * 64,
        "n-gram (uni+bigram)": right[:60] + [0.5] * 4,
    }
    line = uci_report.fresh_line(x, y, probs)
    assert (
        "64개" in line and "100.0%" in line and "96.9%" in line
    )  # best bag of words: 62 (0.5 reads negative)
    assert "누가 낫다고 할 수 없어요" in line and "85%에 닿았어요" in line
    probs[uci.REVIEW_MODEL] = [0.9] * 64
    assert "단어 가방 n-gram (uni+bigram)이 나았어요" in uci_report.fresh_line(x, y, probs)
    assert "못 미쳐요" in uci_report.fresh_line(x, y, probs)
    table = uci_report.fresh_table(x, y, probs)
    assert list(table.columns)[:2] == ["문장", "정답"] and (table["BoW (unigram)"] == "✓").sum() == 32


def test_fresh_check_reads_every_fresh_probe_with_every_model():
    def constant(p):
        return SimpleNamespace(probabilities=lambda texts: [p] * len(texts))

    res = SimpleNamespace(run=constant(0.7), baselines={"BoW (unigram)": constant(0.2)})
    x, y, probs = uci_report.fresh_check(res)  # round 2: the clean one
    assert len(x) == len(y) >= 40 and probs[uci.REVIEW_MODEL] == [0.7] * len(x)
    assert list(probs) == [uci.REVIEW_MODEL, "BoW (unigram)"]
    x1, y1, probs1 = uci_report.fresh_check(res, "fresh")  # round 1: read, now a development set
    assert len(x1) >= 60 and not set(x1) & set(x)
    line = uci_report.read_round_line(x1, y1, probs1)
    assert f"{len(y1)}개" in line and f"{sum(y1) / len(y1):.1%}" in line and "고르는 데만" in line


def test_idioms_line_scores_held_out_set_phrases_only_when_the_recipe_has_them():
    seen = []

    def probabilities(texts):
        seen.extend(texts)
        return [0.9] * len(texts)

    run = SimpleNamespace(config=ReviewConfig(), probabilities=probabilities)
    line = uci_report.idioms_line(SimpleNamespace(run=run), n=40)
    held = set(et.generate(40, seed=1, held_out=True, idioms=1.0)[0])
    share = sum(et.generate(40, seed=1, held_out=True, idioms=1.0)[1]) / 40
    assert set(seen) == held and f"{share:.1%}" in line and "30%" in line and "40문장" in line
    run.config = ReviewConfig(idioms=0.0)
    assert uci_report.idioms_line(SimpleNamespace(run=run)) == ""


def test_unknown_line_counts_the_words_the_vocabulary_lacks_and_the_sentences_that_hold_one():
    from seqcore.sentiment import en_valid

    vocab = {"the", "film", "was", "not", "good", "it", "did", "enjoy"}
    run = SimpleNamespace(prepare=lambda xs: [x.replace("didn't", "did not") for x in xs], vocab=vocab)
    x = ["The film was not good.", "The film was not dreadful!", "I didn't enjoy it, sadly"]
    # 5 + 5 + 6 words (didn't spelled out): dreadful, i and sadly unknown -> 3 / 16; 2 of 3 sentences
    assert en_valid.unknown_words(run, x) == (3 / 16, 2 / 3)
    assert en_valid.unknown_words(run, ["...", "!"]) == (0.0, 0.0)
    res = SimpleNamespace(run=SimpleNamespace(prepare=run.prepare, vocab=vocab, config=ReviewConfig()))
    line = uci_report.unknown_line(res, x)
    assert "단어의 19%는" in line and "2번 이상" in line and "3문장 중 2문장에" in line


def test_pieces_note_counts_the_pieces_of_a_long_text_only():
    run = SimpleNamespace(config=ReviewConfig(piece_len=5), prepare=lambda texts: list(texts))
    assert uci_report.pieces_note(run, "short and sweet") == ""
    note = uci_report.pieces_note(run, "one two three. four five six. seven eight nine ten eleven.")
    assert "11단어" in note and "3조각" in note and "많아야 5단어" in note and "평균" in note
    truncated = SimpleNamespace(config=ReviewConfig(piece_len=5, long_read="truncate"), prepare=run.prepare)
    assert uci_report.pieces_note(truncated, "one two three. four five six. seven eight") == ""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (0.95, 0.60, "커서 GRU가 나았어요."),  # a vowel: 가
        (0.60, 0.95, "커서 단어 가방 n-gram (uni+bigram)이 나았어요."),  # 'bigram' ends in m: 이
        (0.80, 0.79, "누가 낫다고 할 수 없어요."),
    ],
)
def test_gap_verdict_picks_the_winner_s_particle(a, b, expected):
    text = ko_eval.gap_verdict("GRU", a, "단어 가방 n-gram (uni+bigram)", b, 400)
    assert text.startswith(f"차이 {abs(a - b) * 100:.1f}%p") and text.endswith(expected)
