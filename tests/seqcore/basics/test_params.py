import pytest

from seqcore.basics.params import build, compare_params, expression, formula_params
from seqcore.core.runtime import count_params


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("RNN", 91_648), ("LSTM", 366_592), ("GRU", 274_944)],
)
def test_lesson_numbers_at_input_100_hidden_256(kind, expected):
    assert formula_params(kind, 100, 256) == expected
    assert count_params(build(kind, 100, 256)) == expected


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize(
    ("I", "H", "layers", "bidirectional"),
    [
        (1, 1, 1, False),
        (1, 32, 1, False),
        (10, 20, 1, False),
        (7, 3, 2, False),
        (5, 8, 3, True),
        (64, 16, 1, True),
        (100, 50, 2, True),
    ],
)
def test_formula_equals_count_params(kind, I, H, layers, bidirectional):
    assert formula_params(kind, I, H, layers, bidirectional) == count_params(
        build(kind, I, H, layers, bidirectional)
    )


def test_compare_params_rows_and_ratios():
    rows = {r.kind: r for r in compare_params(100, 256)}
    assert [r.counted for r in rows.values()] == [91_648, 366_592, 274_944]
    assert all(r.formula == r.counted for r in rows.values())
    assert rows["RNN"].ratio_to_rnn == 1
    assert rows["LSTM"].ratio_to_rnn == pytest.approx(4)
    assert rows["GRU"].ratio_to_rnn == pytest.approx(3)


def test_expression_shows_the_numbers():
    assert expression("LSTM", 100, 256) == "4 × (256×100 + 256×256 + 2×256)"
    assert expression("GRU", 3, 2).startswith("3 × ")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        formula_params("Transformer", 1, 1)
