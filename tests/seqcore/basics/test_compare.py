import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.optim as optim

from seqcore.basics.compare import (
    COMPARE_STORE,
    DEFAULT_RUNS,
    MEASURED,
    PUBLISHED,
    TABLE_STORE,
    CompareConfig,
    CompareResult,
    SequenceRegressor,
    TableConfig,
    TableMeasure,
    accuracy_note,
    comparison_verdict,
    lesson_table,
    lesson_windows,
    markdown_table,
    measure_table,
    run_comparison,
    speed_note,
    table_rows,
    table_verdict,
)
from seqcore.basics.longdep import LONGDEP_STORE, DependencyConfig
from seqcore.core.cache import bounded


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
    assert text.startswith("최종 loss 순위: **GRU**")
    assert "평범한 RNN이 LSTM보다 최종 loss가 낮아요" in text
    rnn_last = CompareResult(CompareConfig(), losses={"RNN": [0.3], "LSTM": [0.1], "GRU": [0.2]})
    assert "RNN의 최종 loss가 가장 높아요 (LSTM의 3.0배)" in comparison_verdict(rnn_last)


def test_comparison_records_the_device(lesson_result):
    assert lesson_result.device == "CPU" or lesson_result.device.startswith("CUDA")


# --- the lesson's LSTM vs GRU table, annotated with measured numbers ---

TINY_DEP = DependencyConfig(
    lengths=(5,), kinds=("lstm", "gru"), hidden_size=4, n_train=16, n_test=16, epochs=3
)


@pytest.fixture(scope="module")
def measured():
    return measure_table(TableConfig(batch=2, seq_len=4, repeats=2, dep_length=5, dependency=TINY_DEP))


def test_table_parameters_come_from_the_real_modules(measured):
    # The lesson's sizes (input 100, hidden 256): real g·(H·I + H·H + 2H) against the table's g·H².
    assert measured.params == {"LSTM": 366_592, "GRU": 274_944}
    assert measured.table_params == {"LSTM": 262_144, "GRU": 196_608}
    assert measured.blocks == {"LSTM": 4, "GRU": 3}


def test_table_speed_and_accuracy_are_measured(measured):
    assert set(measured.seconds) == {"LSTM", "GRU"} and all(v > 0 for v in measured.seconds.values())
    assert measured.threads >= 1
    res = bounded(LONGDEP_STORE).get(measured.dependency)  # the accuracy is that experiment's
    assert measured.accuracy == {"LSTM": res.accuracy["lstm"][0], "GRU": res.accuracy["gru"][0]}


def test_table_adds_the_missing_length_to_the_experiment():
    m = measure_table(TableConfig(batch=1, seq_len=2, repeats=1, dep_length=3, dependency=TINY_DEP))
    assert m.dependency.lengths == (5, 3) and set(m.accuracy) == {"LSTM", "GRU"}


def test_table_rows_keep_the_lesson_and_add_a_measured_column(measured):
    rows = table_rows(measured)
    assert [r["구분"] for r in rows] == [r["구분"] for r in lesson_table()]
    assert rows[2]["LSTM (강의)"] == "많음 (4 * hidden^2)"
    assert (
        "262,144" in rows[2][MEASURED] and "366,592" in rows[2][MEASURED] and "274,944" in rows[2][MEASURED]
    )
    assert f"{measured.seconds['LSTM'] * 1000:.1f} ms" in rows[3][MEASURED]
    assert f"{measured.accuracy['GRU']:.1%}" in rows[4][MEASURED]


def fake(lstm_s, gru_s, lstm_acc, gru_acc):
    cfg = TableConfig()
    return TableMeasure(cfg, {}, {"LSTM": 366_592, "GRU": 274_944}, {"LSTM": 262_144, "GRU": 196_608},
                        {"LSTM": lstm_s, "GRU": gru_s}, 1, {"LSTM": lstm_acc, "GRU": gru_acc}, DependencyConfig())  # fmt: skip


@pytest.mark.parametrize(
    ("lstm_s", "gru_s", "expected"),
    [
        (0.01, 0.02, "GRU가 오히려 2.0배 느렸어요"),
        (0.02, 0.01, "GRU가 2.0배 빨랐어요"),
        (0.01, 0.0102, "거의 같았어요"),
    ],
)
def test_speed_note_says_what_was_measured(lstm_s, gru_s, expected):
    m = fake(lstm_s, gru_s, 1.0, 1.0)
    assert expected in speed_note(m) and expected in table_verdict(m)


@pytest.mark.parametrize(
    ("lstm_acc", "gru_acc", "expected"),
    [(0.99, 1.0, "비슷했어요 (LSTM이 앞서지는 않았어요)"), (1.0, 0.99, "비슷했어요"), (0.7, 0.95, "GRU가 조금 더"),
     (0.95, 0.7, "LSTM이 조금 더")],
)  # fmt: skip
def test_accuracy_note_says_who_did_better(lstm_acc, gru_acc, expected):
    assert expected in accuracy_note(fake(0.01, 0.01, lstm_acc, gru_acc))


def test_accuracy_note_when_lstm_slightly_ahead_does_not_claim_it_lagged():
    assert "앞서지는 않았어요" not in accuracy_note(fake(0.01, 0.01, 1.0, 0.99))


def test_published_finding_is_cited():
    assert "Chung et al. (2014" in PUBLISHED and "Greff et al. (2017" in PUBLISHED


def test_default_runs_are_the_pages_defaults():
    assert DEFAULT_RUNS == (
        (COMPARE_STORE, run_comparison, CompareConfig()),
        (TABLE_STORE, measure_table, TableConfig()),
    )


def test_markdown_table_keeps_every_cell_and_escapes_pipes():
    text = markdown_table([{"a": "1", "b": "x | y"}, {"a": "2", "b": "z"}])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1 | x \\| y |", "| 2 | z |"]
