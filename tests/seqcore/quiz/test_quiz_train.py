from dataclasses import replace

import pytest
import torch.nn as nn

from seqcore.core import rng
from seqcore.figures import quiz as figures_quiz
from seqcore.quiz import sentiment_rnn as qs
from seqcore.quiz import sine_lstm as qn
from seqcore.quiz import training as qt
from seqcore.sentiment.models import lesson_dataset


@pytest.fixture(scope="module")
def sine_solution():
    return qn.train_sine(qn.SINE_SOLUTION)


@pytest.fixture(scope="module")
def sentiment_solution():
    return qs.train_sentiment(qs.SENTIMENT_SOLUTION)


def test_sine_windows_follow_create_sequences():
    X_tr, y_tr, X_te, y_te = qn.sine_windows(20)
    assert X_tr.shape == (384, 20, 1) and X_te.shape == (96, 20, 1)
    assert y_tr.shape == (384, 1)
    _, y = qn.sine_wave()
    assert abs(float(X_tr[1, 0, 0]) - y[1]) < 1e-6  # second window starts at the second value
    assert abs(float(y_te[-1, 0]) - y[-1]) < 1e-6  # the last target is the last value


def test_sine_solution_meets_every_requirement(sine_solution):
    reqs = qn.check_sine(sine_solution)
    assert all(r.ok for r in reqs), reqs
    assert sine_solution.test_mse < 1e-4
    assert len(sine_solution.test_pred) == len(sine_solution.test_true) == 96
    assert "LSTM(1, 32, batch_first=True)" in sine_solution.model_repr
    assert "test MSE" in qn.sine_output(sine_solution)


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"seq_length": 10, "epochs": 5}, {"시퀀스 길이 20", "30 에포크 학습"}),
        ({"hidden_size": 16, "epochs": 5}, {"LSTM hidden_size 32", "30 에포크 학습"}),
    ],
)
def test_sine_check_reads_the_trained_model(change, failing):
    res = qn.train_sine(replace(qn.SINE_SOLUTION, **change))
    bad = {r.label for r in qn.check_sine(res) if not r.ok}
    assert failing <= bad


def test_sine_bar_is_the_linear_extrapolation_baseline(sine_solution):
    # The bar is computed, not typed: a line through the last two values, on the same test windows.
    X_tr, y_tr, X_te, y_te = qn.sine_windows(20)
    expected = float(((2 * X_te[:, -1, 0] - X_te[:, -2, 0] - y_te[:, 0]) ** 2).mean())
    assert sine_solution.baseline_mse == pytest.approx(expected)
    assert 1e-5 < expected < 1e-3  # a strong baseline on a smooth sine (1.3e-4 measured)
    assert sine_solution.test_mse < sine_solution.baseline_mse  # the solution beats it
    worse = replace(sine_solution, test_mse=sine_solution.baseline_mse * 1.01)
    last = qn.check_sine(worse)[-1]
    assert not last.ok and "선형 외삽" in last.label


def test_sine_gaps_say_what_to_change():
    assert qn.sine_gaps(qn.SINE_SOLUTION) == []
    gaps = qn.sine_gaps(qn.SineConfig())
    assert gaps == [
        "시퀀스 길이: 지금 10 → 요구사항은 20이에요.",
        "LSTM hidden_size: 지금 16 → 요구사항은 32이에요.",
        "에포크 수: 지금 10 → 요구사항은 30이에요.",
    ]


def test_default_runs_list_the_first_clicks():
    configs = [cfg for _, _, cfg in qt.DEFAULT_RUNS]
    assert qn.SINE_SOLUTION in configs and qs.SENTIMENT_SOLUTION in configs
    assert qs.SentimentConfig() in configs
    sine_runs = [cfg for store, fn, cfg in qt.DEFAULT_RUNS if fn is qn.train_sine]
    assert all(qn.sine_gaps(cfg) == [] for cfg in sine_runs)  # only configs the page would train
    assert all(store is qn.SINE_STORE for store, fn, _ in qt.DEFAULT_RUNS if fn is qn.train_sine)


def test_sine_training_is_reproducible_and_reports_epochs():
    seen = []
    cfg = qn.SineConfig(epochs=5, seq_length=5, hidden_size=8)
    a = qn.train_sine(cfg, on_epoch=lambda e, t, loss: seen.append((e, t)))
    b = qn.train_sine(cfg)
    assert seen == [(e, 5) for e in range(1, 6)]
    assert a.train_loss == b.train_loss


def test_sentiment_solution_structure_from_the_module(sentiment_solution):
    res = sentiment_solution
    assert all(r.ok for r in qs.check_sentiment(res))
    assert res.rnn_type == "GRU" and res.num_layers == 2 and res.rnn_dropout == 0.3
    assert 0.3 in res.dropout_ps
    assert (
        "(rnn): GRU(32, 32, num_layers=2, batch_first=True, dropout=0.3, bidirectional=True)"
        in res.model_repr
    )
    assert res.train_loss[-1] < res.train_loss[0]
    assert [p.review for p in res.predictions] == qs.LESSON_TEST_REVIEWS
    assert all(0.0 <= p.prob <= 1.0 for p in res.predictions)
    # The reviews seen in training are classified correctly.
    assert res.predictions[0].label == "긍정" and res.predictions[1].label == "부정"
    assert "감성 분석 결과" in qs.sentiment_output(res)


@pytest.mark.parametrize(
    "cfg, failing",
    [
        (qs.SentimentConfig(epochs=5), {"GRU로 변경", "Dropout 0.3 추가", "2층 구조"}),
        (qs.SentimentConfig(rnn_type="GRU", num_layers=1, dropout=0.3, epochs=5), {"2층 구조"}),
        (qs.SentimentConfig(rnn_type="GRU", num_layers=2, dropout=0.5, epochs=5), {"Dropout 0.3 추가"}),
        (qs.SentimentConfig(rnn_type="RNN", num_layers=2, dropout=0.3, epochs=5), {"GRU로 변경"}),
    ],
)
def test_sentiment_check_names_the_missing_requirement(cfg, failing):
    res = qs.train_sentiment(cfg)
    reqs = qs.check_sentiment(res)
    assert {r.label for r in reqs if not r.ok} == failing
    assert all(r.note for r in reqs)


def test_one_layer_gru_dropout_misconception_is_named():
    res = qs.train_sentiment(qs.SentimentConfig(rnn_type="GRU", num_layers=1, dropout=0.3, epochs=5))
    layers = next(r for r in qs.check_sentiment(res) if r.label == "2층 구조")
    assert "1층에서는 GRU(dropout=...)가 효과가 없어서" in layers.note
    assert res.rnn_dropout == 0.0 and res.dropout_ps == (0.3,)


@pytest.mark.parametrize("rnn_type, layers, bi", [("LSTM", 1, True), ("GRU", 3, False), ("RNN", 2, True)])
def test_sentiment_model_forward_shapes(rnn_type, layers, bi):
    cfg = qs.SentimentConfig(rnn_type=rnn_type, num_layers=layers, bidirectional=bi, dropout=0.3)
    model = rng.attach(qs.SentimentRNN(cfg), rng.torch_gen(0))  # dropout draws from the run's generator
    X, y = lesson_dataset()
    assert X.shape == (200, 10) and y.shape == (200, 1)
    assert model(X[:3]).shape == (3, 1)
    assert isinstance(model.rnn, {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}[rnn_type])
    assert qs.model_repr(cfg) == str(model)


def test_no_dropout_prints_identity():
    assert "(dropout): Identity()" in qs.model_repr(qs.SentimentConfig(dropout=0.0))
    assert "(dropout): Dropout(p=0.3" in qs.model_repr(qs.SentimentConfig(dropout=0.3))


@pytest.mark.parametrize(
    "answers, field, expected",
    [
        ({"seq_length": 20}, "seq_length", 20),
        ({"seq_length": 999}, "seq_length", qn.SineConfig.seq_length),  # out of range -> default
        ({"lr": "0.01; rm -rf"}, "lr", qn.SineConfig.lr),
        ({"batch_size": 64}, "batch_size", 64),
        ({"batch_size": 64.0}, "batch_size", 64),  # from JSON
        ({"batch_size": True}, "batch_size", qn.SineConfig.batch_size),  # a bool is not a number
        ({"hidden_size": 7}, "hidden_size", qn.SineConfig.hidden_size),
    ],
)
def test_sine_config_only_accepts_bounded_values(answers, field, expected):
    assert getattr(qn.sine_config(answers), field) == expected


def test_sentiment_config_from_answers():
    cfg = qs.sentiment_config({"rnn_type": "GRU", "num_layers": 2, "dropout": 0.3, "epochs": 99})
    assert cfg == replace(qs.SENTIMENT_SOLUTION, epochs=qs.SentimentConfig.epochs)
    assert qs.sentiment_config({"rnn_type": "Transformer"}).rnn_type == "LSTM"
    assert qs.sentiment_config({"bidirectional": 0}).bidirectional is True  # not a bool: default


def test_q10_layer_options_come_from_the_registry():
    from seqcore.core.config import knob_of
    from seqcore.core.registry import DISPLAY_NAMES

    _, spec = knob_of(qs.SentimentConfig, "rnn_type")
    assert set(spec.options) == set(DISPLAY_NAMES.values())


# ---------------------------------------------------------------- figures


def test_sine_prediction_figure(sine_solution):
    fig = figures_quiz.sine_predictions(
        sine_solution.test_true, sine_solution.test_pred, sine_solution.test_mse, sine_solution.baseline_mse
    )
    assert [t.name for t in fig.data] == ["실제값", "예측값"]
    assert len(fig.data[1].y) == 96
    assert "MSE" in fig.layout.title.text and "선형 외삽" in fig.layout.title.text


def test_loss_curve_figure():
    fig = figures_quiz.loss_curve([1.0, 0.5, 0.1], "학습 손실")
    assert list(fig.data[0].x) == [1, 2, 3]
    assert fig.layout.yaxis.type == "log"


def test_order_bars_figure():
    fig = figures_quiz.order_bars([("일별 주가", 0.96, -0.01), ("학생들의 키", 0.04, 0.05)])
    assert [t.name for t in fig.data] == ["원래 순서", "순서를 섞은 뒤"]
    assert list(fig.data[0].y) == [0.96, 0.04]
    assert fig.layout.barmode == "group"
