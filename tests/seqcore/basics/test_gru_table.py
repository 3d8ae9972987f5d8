"""The lesson's LSTM vs GRU table, annotated with measured numbers."""

import pytest

from seqcore.basics.gru_table import (
    DEFAULT_RUNS,
    MEASURED,
    PUBLISHED,
    TABLE_STORE,
    TableConfig,
    TableMeasure,
    accuracy_note,
    lesson_table,
    markdown_table,
    measure_table,
    speed_note,
    table_rows,
    table_verdict,
)
from seqcore.basics.longdep import LONGDEP_STORE, DependencyConfig
from seqcore.core.cache import bounded


def test_prewarm_entry_is_the_pages_default():
    assert DEFAULT_RUNS == ((TABLE_STORE, measure_table, TableConfig()),)


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
    return TableMeasure(
        cfg,
        {},
        {"LSTM": 366_592, "GRU": 274_944},
        {"LSTM": 262_144, "GRU": 196_608},
        {"LSTM": lstm_s, "GRU": gru_s},
        1,
        {"LSTM": lstm_acc, "GRU": gru_acc},
        DependencyConfig(),
    )


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
    [
        (0.99, 1.0, "오차 범위 안이에요 (LSTM이 앞서지는 않았어요)"),
        (1.0, 0.99, "오차 범위 안이에요"),
        (0.7, 0.95, "GRU가 더"),
        (0.95, 0.7, "LSTM이 더"),
    ],
)
def test_accuracy_note_says_who_did_better(lstm_acc, gru_acc, expected):
    assert expected in accuracy_note(fake(0.01, 0.01, lstm_acc, gru_acc))


def test_accuracy_note_when_lstm_slightly_ahead_does_not_claim_it_lagged():
    assert "앞서지는 않았어요" not in accuracy_note(fake(0.01, 0.01, 1.0, 0.99))


def test_published_finding_is_cited():
    assert "Chung et al. (2014" in PUBLISHED and "Greff et al. (2017" in PUBLISHED


def test_markdown_table_keeps_every_cell_and_escapes_pipes():
    text = markdown_table([{"a": "1", "b": "x | y"}, {"a": "2", "b": "z"}])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1 | x \\| y |", "| 2 | z |"]


def test_accuracy_note_calls_a_three_point_gap_on_256_sequences_noise():
    # 90% vs 93% on 256 test sequences: the standard error of the gap is about 2.4 points.
    assert "오차 범위 안" in accuracy_note(fake(0.01, 0.01, 0.90, 0.93))
