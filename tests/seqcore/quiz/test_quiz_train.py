"""The training questions' tasks: the sine-wave LSTM and the improved sentiment model, built from
the learner's settings and checked on the trained module."""

from dataclasses import replace

import pytest
import torch.nn as nn

from seqcore.core import rng
from seqcore.figures import quiz as figures_quiz
from seqcore.quiz import grading, startup_runs, training
from seqcore.quiz import sentiment_rnn as qs
from seqcore.quiz import sine_lstm as qn
from seqcore.quiz.questions import bank
from seqcore.sentiment.models import lesson_dataset

SINE_Q = next(q for q in bank() if q.trains and q.params.task == "sine")
SENTIMENT_Q = next(q for q in bank() if q.trains and q.params.task == "sentiment")
SINE_REQ, SENTIMENT_REQ = training.requirements(SINE_Q.params), training.requirements(SENTIMENT_Q.params)


def settings(cls, answers: dict, seed: int = 42):
    cfg, problems = training.settings_of(cls, answers, seed)
    assert not problems, problems
    return cfg


SINE_KEY = settings(qn.SineConfig, grading.answer_key(SINE_Q))
SENTIMENT_KEY = settings(qs.SentimentConfig, grading.answer_key(SENTIMENT_Q))


@pytest.fixture(scope="module")
def sine_solution():
    return qn.train_sine(SINE_KEY)


@pytest.fixture(scope="module")
def sentiment_solution():
    return qs.train_sentiment(SENTIMENT_KEY)


def test_sine_windows_follow_create_sequences():
    X_tr, y_tr, X_te, y_te = qn.sine_windows(20)
    assert X_tr.shape == (384, 20, 1) and X_te.shape == (96, 20, 1)
    assert y_tr.shape == (384, 1)
    _, y = qn.sine_wave()
    assert abs(float(X_tr[1, 0, 0]) - y[1]) < 1e-6  # second window starts at the second value
    assert abs(float(y_te[-1, 0]) - y[-1]) < 1e-6  # the last target is the last value


def test_sine_answer_key_meets_every_requirement(sine_solution):
    reqs = qn.check_sine(sine_solution, SINE_REQ)
    assert all(r.ok for r in reqs), reqs
    assert sine_solution.test_mse < 1e-4
    assert len(sine_solution.test_pred) == len(sine_solution.test_true) == 96
    assert "LSTM(1, 32, batch_first=True)" in sine_solution.model_repr


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"seq_length": 10, "epochs": 5}, {"시퀀스 길이 20", "30 에포크 학습"}),
        ({"hidden_size": 16, "epochs": 5}, {"LSTM hidden_size 32", "30 에포크 학습"}),
    ],
)
def test_sine_check_reads_the_trained_model(change, failing):
    res = qn.train_sine(replace(SINE_KEY, **change))
    bad = {r.label for r in qn.check_sine(res, SINE_REQ) if not r.ok}
    assert failing <= bad


def test_sine_bar_is_the_linear_extrapolation_baseline(sine_solution):
    # The bar is computed, not typed: a line through the last two values, on the same test windows.
    X_tr, y_tr, X_te, y_te = qn.sine_windows(20)
    expected = float(((2 * X_te[:, -1, 0] - X_te[:, -2, 0] - y_te[:, 0]) ** 2).mean())
    assert sine_solution.baseline_mse == pytest.approx(expected)
    assert 1e-5 < expected < 1e-3  # a strong baseline on a smooth sine (1.3e-4 measured)
    assert sine_solution.test_mse < sine_solution.baseline_mse  # the solution beats it
    worse = replace(sine_solution, test_mse=sine_solution.baseline_mse * 1.01)
    last = qn.check_sine(worse, SINE_REQ)[-1]
    assert not last.ok and "선형 외삽" in last.label


def test_gaps_say_what_to_change():
    task = training.TASKS["sine"]
    assert training.gaps(task, SINE_KEY, SINE_REQ) == []
    gaps = training.gaps(task, qn.SineConfig(), SINE_REQ)
    assert [g.split(":")[0] for g in gaps] == ["시퀀스 길이", "LSTM hidden_size", "에포크 수"]
    assert (qn.SineConfig().seq_length, SINE_REQ.seq_length) == (10, 20)  # the default window misses it
    assert gaps[0] == training.GAP.format(label="시퀀스 길이", now=10, need=20)


def test_default_runs_come_from_the_question_files():
    runs = list(startup_runs.DEFAULT_RUNS)
    configs = [cfg for _, _, cfg in runs]
    assert SINE_KEY in configs and SENTIMENT_KEY in configs
    assert qs.SentimentConfig() in configs  # the sentiment question trains its defaults too
    sine_runs = [cfg for store, fn, cfg in runs if fn is qn.train_sine]
    assert all(training.gaps(training.TASKS["sine"], cfg, SINE_REQ) == [] for cfg in sine_runs)
    assert all(store is qn.SINE_STORE for store, fn, _ in runs if fn is qn.train_sine)
    assert len(configs) == len(set(configs))


def test_sine_training_is_reproducible_and_reports_epochs():
    seen = []
    cfg = qn.SineConfig(epochs=5, seq_length=5, hidden_size=8)
    a = qn.train_sine(cfg, on_epoch=lambda e, t, loss: seen.append((e, t)))
    b = qn.train_sine(cfg)
    assert seen == [(e, 5) for e in range(1, 6)]
    assert a.train_loss == b.train_loss


def test_sentiment_answer_key_structure_from_the_module(sentiment_solution):
    res = sentiment_solution
    assert all(r.ok for r in qs.check_sentiment(res, SENTIMENT_REQ))
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
    reqs = qs.check_sentiment(res, SENTIMENT_REQ)
    assert {r.label for r in reqs if not r.ok} == failing
    assert all(r.note for r in reqs)
    untrained = training.TASKS["sentiment"].untrained(cfg, SENTIMENT_REQ)  # a reopened attempt
    assert {r.label for r in untrained if not r.ok} == failing


def test_one_layer_gru_dropout_misconception_is_named():
    res = qs.train_sentiment(qs.SentimentConfig(rnn_type="GRU", num_layers=1, dropout=0.3, epochs=5))
    layers = next(r for r in qs.check_sentiment(res, SENTIMENT_REQ) if r.label == "2층 구조")
    assert not layers.ok and qs.ONE_LAYER_NOTE in layers.note
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
        ({"batch_size": 64}, "batch_size", 64),
        ({"batch_size": 64.0}, "batch_size", 64),  # from JSON
        ({}, "hidden_size", qn.SineConfig.hidden_size),  # not answered: the default
    ],
)
def test_sine_settings_from_answers(answers, field, expected):
    assert getattr(settings(qn.SineConfig, answers), field) == expected


@pytest.mark.parametrize(
    "answers",
    [
        {"seq_length": 999},  # out of range
        {"lr": "0.01; rm -rf"},
        {"batch_size": True},  # a bool is not a number
        {"hidden_size": 7},  # below the range
        {"epochs": float("inf")},
    ],
)
def test_values_no_widget_gives_are_named_never_replaced_in_silence(answers):
    from seqcore.core.config import knob_of

    _, problems = training.settings_of(qn.SineConfig, answers, 42)
    label = knob_of(qn.SineConfig, next(iter(answers)))[1].label
    assert len(problems) == 1 and problems[0].startswith(label)


def test_sentiment_settings_from_answers():
    cfg = settings(qs.SentimentConfig, {"rnn_type": "GRU", "num_layers": 2, "dropout": 0.3})
    assert (cfg.rnn_type, cfg.num_layers, cfg.dropout) == ("GRU", 2, 0.3)
    assert training.settings_of(qs.SentimentConfig, {"rnn_type": "Transformer"}, 42)[1]
    assert training.settings_of(qs.SentimentConfig, {"bidirectional": 0}, 42)[1]  # not a bool


def test_layer_options_come_from_the_registry():
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
    assert fig.data[0].name == "학습 손실" and fig.layout.yaxis.title.text.startswith("손실")  # Korean axes


def test_order_bars_figure():
    fig = figures_quiz.order_bars([("일별 주가", 0.96, -0.01), ("학생들의 키", 0.04, 0.05)])
    assert [t.name for t in fig.data] == ["원래 순서", "순서를 섞은 뒤"]
    assert list(fig.data[0].y) == [0.96, 0.04]
    assert fig.layout.barmode == "group"


# ---------------------------------------------------------------- the run's own randomness (issue 28)


def test_seeded_training_is_identical_while_another_thread_draws_from_the_global_generator():
    """Init, shuffling and dropout come from the run's generators: another thread that reseeds and
    draws from torch's global generator changes nothing."""
    import threading

    import torch

    from seqcore.quiz import truths

    cfg = replace(SENTIMENT_KEY, epochs=3)  # GRU, 2 layers, dropout 0.3: every kind of draw
    alone = qs.train_sentiment(cfg)
    hidden = next(q.params for q in bank() if q.kind == "hidden_state")
    hidden_alone = truths.hidden_case(hidden, hidden.cases[0])
    stop = threading.Event()

    def noise():
        while not stop.is_set():
            torch.manual_seed(int(torch.randint(0, 1000, (1,))))
            torch.randn(64)

    thread = threading.Thread(target=noise, daemon=True)
    thread.start()
    try:
        busy = qs.train_sentiment(cfg)
        hidden_busy = truths.hidden_case(hidden, hidden.cases[0])
    finally:
        stop.set()
        thread.join()
    assert busy.train_loss == alone.train_loss
    assert [p.prob for p in busy.predictions] == [p.prob for p in alone.predictions]
    assert hidden_busy == hidden_alone
