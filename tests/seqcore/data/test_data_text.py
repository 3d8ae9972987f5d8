import numpy as np
import pytest

from seqcore.data.series import SeriesConfig, create_sequences, synthetic_series
from seqcore.data.text import LESSON_VOCAB, text_to_indices


def test_synthetic_series_is_the_lessons_formula():
    np.random.seed(42)
    days = 500
    trend = np.linspace(100, 150, days)
    seasonal = 10 * np.sin(np.linspace(0, 8 * np.pi, days))
    noise = np.random.randn(days) * 3
    expected = trend + seasonal + noise
    price, clean = synthetic_series()
    np.testing.assert_array_equal(price, expected)
    np.testing.assert_array_equal(clean, trend + seasonal)


def test_synthetic_series_follows_its_config():
    price, clean = synthetic_series(SeriesConfig(days=50, noise=0.0))
    assert price.shape == (50,)
    np.testing.assert_array_equal(price, clean)


def test_create_sequences_lesson_shapes():
    price, _ = synthetic_series()
    X, y = create_sequences(price.reshape(-1, 1), 30)
    assert X.shape == (470, 30, 1)
    assert y.shape == (470, 1)


def test_create_sequences_quiz_example():
    prices = [100, 102, 105, 103, 108, 110, 107, 112, 115, 113]
    X, y = create_sequences(prices, 5)
    assert X.shape == (5, 5)
    assert y.tolist() == [110, 107, 112, 115, 113]
    assert X[0].tolist() == [100, 102, 105, 103, 108]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this movie was great", [2, 3, 4, 6, 0, 0, 0, 0, 0, 0]),
        ("THIS Movie", [2, 3, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("not good at all", [1, 7, 1, 1, 0, 0, 0, 0, 0, 0]),
        ("", [0] * 10),
        ("a " * 12, [15] * 10),
    ],
)
def test_text_to_indices(text, expected):
    assert text_to_indices(text) == expected


def test_lesson_vocab_has_22_words():
    assert len(LESSON_VOCAB) == 22
    assert sorted(LESSON_VOCAB.values()) == list(range(22))
