import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.optim as optim

from seqcore.basics.compare import (
    COMPARE_STORE,
    DEFAULT_RUNS,
    CompareConfig,
    CompareResult,
    SequenceRegressor,
    comparison_verdict,
    lesson_windows,
    run_comparison,
)


def lesson_train_and_compare(model_type, X_train, y_train, epochs=30):
    """The lesson's train_and_compare (2.4, "학습 곡선 및 모델 비교"), verbatim in its maths."""
    torch.manual_seed(42)
    rnn_layer = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[model_type](1, 32, batch_first=True)
    model = nn.Sequential(rnn_layer)
    fc = nn.Linear(32, 1)
    optimizer = optim.Adam(list(model.parameters()) + list(fc.parameters()), lr=0.01)
    criterion = nn.MSELoss()
    losses = []
    for _ in range(epochs):
        out = model(X_train)[0]
        loss = criterion(fc(out[:, -1, :]), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@pytest.fixture(scope="module")
def lesson_result():
    return run_comparison(CompareConfig())


def test_lesson_windows_match_the_lesson_shapes_and_scale():
    X, y = lesson_windows()
    assert X.shape == (100, 30, 1) and y.shape == (100, 1)
    assert float(X.min()) >= 0 and float(X.max()) <= 1
    # window i+1 is window i shifted by one day, and y[i] is the day after window i
    assert torch.equal(X[1, :-1], X[0, 1:])
    assert torch.equal(y[0], X[1, -1])


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_losses_equal_the_lessons_loop(lesson_result, kind):
    X, y = lesson_windows()
    expected = lesson_train_and_compare(kind, X, y)
    assert np.allclose(lesson_result.losses[kind], expected, rtol=1e-5, atol=1e-8)


def test_result_has_times_params_and_learns(lesson_result):
    assert set(lesson_result.losses) == {"RNN", "LSTM", "GRU"}
    for kind, losses in lesson_result.losses.items():
        assert len(losses) == 30
        assert losses[-1] < losses[0] / 3, kind
        assert lesson_result.seconds[kind] > 0
    assert lesson_result.params == {"RNN": 1153, "LSTM": 4513, "GRU": 3393}
    assert sorted(lesson_result.ranking()) == ["GRU", "LSTM", "RNN"]


def test_progress_counts_over_all_models():
    seen = []
    run_comparison(CompareConfig(epochs=2, hidden_size=4), on_epoch=lambda e, t, loss: seen.append((e, t)))
    assert seen == [(e, 6) for e in range(1, 7)]


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_regressor_output_shape(kind):
    assert SequenceRegressor(kind, 8)(torch.randn(3, 5, 1)).shape == (3, 1)


def test_comparison_verdict_follows_the_ranking(lesson_result):
    text = comparison_verdict(lesson_result)
    assert text.startswith("최종 손실 순위: **GRU**")
    assert "평범한 RNN이 LSTM보다 최종 손실이 낮아요" in text
    rnn_last = CompareResult(CompareConfig(), losses={"RNN": [0.3], "LSTM": [0.1], "GRU": [0.2]})
    assert "RNN의 최종 손실이 가장 높아요 (LSTM의 3.0배)" in comparison_verdict(rnn_last)


def test_comparison_records_the_device(lesson_result):
    assert lesson_result.device == "CPU" or lesson_result.device.startswith("CUDA")


def test_prewarm_entry_is_the_pages_default():
    assert DEFAULT_RUNS == ((COMPARE_STORE, run_comparison, CompareConfig()),)
