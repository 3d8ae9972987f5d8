"""The lesson's toy sentiment corpus, its 22-word vocabulary and `text_to_indices`."""

from __future__ import annotations

PAD, UNK = "<PAD>", "<UNK>"

LESSON_VOCAB: dict[str, int] = {
    "<PAD>": 0, "<UNK>": 1,
    "this": 2, "movie": 3, "was": 4, "is": 5,
    "great": 6, "good": 7, "bad": 8, "terrible": 9,
    "amazing": 10, "awful": 11, "boring": 12, "exciting": 13,
    "the": 14, "a": 15, "very": 16, "really": 17,
    "loved": 18, "hated": 19, "it": 20, "film": 21,
}  # fmt: skip

LESSON_POSITIVE = [
    "this movie was great",
    "the film is amazing",
    "really good movie",
    "loved this film",
    "very exciting movie",
]
LESSON_NEGATIVE = [
    "this movie was bad",
    "the film is terrible",
    "really awful movie",
    "hated this film",
    "very boring movie",
]
# The lesson's test reviews (section "감성 분석 실습", 테스트) and what each one means:
# 1 = 긍정, 0 = 부정. The one place these labels are written.
LESSON_TEST_LABELS: dict[str, int] = {
    "this movie was great": 1,
    "the film is terrible": 0,
    "really loved it": 1,
    "very bad film": 0,
}
LESSON_TEST_REVIEWS = list(LESSON_TEST_LABELS)


def text_to_indices(text: str, vocab: dict[str, int] = LESSON_VOCAB, max_len: int = 10) -> list[int]:
    """The lesson's function: lower-case, split on spaces, map to ids, pad or cut to max_len."""
    tokens = text.lower().split()
    indices = [vocab.get(t, vocab[UNK]) for t in tokens]
    if len(indices) < max_len:
        indices = indices + [vocab[PAD]] * (max_len - len(indices))
    else:
        indices = indices[:max_len]
    return indices
