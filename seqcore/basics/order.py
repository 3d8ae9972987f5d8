"""Order matters: an order-blind representation vs the final hidden state of a real nn.RNN.

Each word gets a fixed vector (from a hash of the word and the seed), so the same word is
the same vector wherever it stands. The mean of the vectors and the bag of words ignore
the order; an nn.RNN reading the vectors one by one does not.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.runtime import DEFAULT_SEED

MAX_WORDS = 50  # longer input is cut: keeps the chart readable and the RNN fast
MAX_CHARS = 2000
# One-syllable Korean particles split off a word ("고양이가" -> "고양이", "가"), so that
# "고양이가 쥐를" and "쥐가 고양이를" are made of the same pieces. A deliberately small list.
PARTICLES = frozenset("가를을는은도에의와과")

SENTENCE_A = "고양이가 쥐를 쫓는다"
SENTENCE_B = "쥐가 고양이를 쫓는다"


@dataclass
class Tokens:
    tokens: list[str]
    truncated: bool = False  # more than MAX_WORDS pieces: the rest was dropped
    total: int = 0  # pieces before cutting


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def split_particle(word: str) -> list[str]:
    """'고양이가' -> ['고양이', '가']; anything else stays whole."""
    if len(word) >= 2 and word[-1] in PARTICLES and all(_is_hangul(c) for c in word):
        return [word[:-1], word[-1]]
    return [word]


def tokenize(text: str, split_particles: bool = True, max_words: int = MAX_WORDS) -> Tokens:
    """Whitespace tokens (NFC-normalised), particles split off, at most `max_words` kept.

    Emoji and mixed scripts are ordinary tokens; an empty text gives no tokens.
    """
    text = unicodedata.normalize("NFC", (text or "")[:MAX_CHARS])
    pieces: list[str] = []
    for word in text.split():
        pieces.extend(split_particle(word) if split_particles else [word])
    return Tokens(pieces[:max_words], truncated=len(pieces) > max_words, total=len(pieces))


def rearrange(tokens: list[str], how: str, seed: int = DEFAULT_SEED) -> list[str]:
    """'reverse' or 'shuffle' the tokens. A shuffle differs from the input whenever it can."""
    if how == "reverse":
        return tokens[::-1]
    if how != "shuffle":
        raise ValueError(f"how must be 'reverse' or 'shuffle', got {how!r}")
    gen = rng.numpy_gen(seed)
    out = tokens[:]
    for _ in range(20):
        out = [tokens[i] for i in gen.permutation(len(tokens))]
        if out != tokens:
            break
    return out


def word_vector(word: str, dim: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """A fixed random vector per (word, seed): the same word always gets the same vector."""
    digest = hashlib.sha256(f"{seed}:{word}".encode()).digest()
    gen = rng.numpy_gen(int.from_bytes(digest[:8], "little"))
    return gen.standard_normal(dim).astype(np.float32)


def embed(tokens: list[str], dim: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """(len(tokens), dim) word vectors."""
    if not tokens:
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([word_vector(t, dim, seed) for t in tokens])


def bag_of_words(tokens: list[str], vocab: list[str]) -> np.ndarray:
    return np.array([tokens.count(w) for w in vocab], dtype=np.int64)


@dataclass
class OrderComparison:
    tokens_a: list[str]
    tokens_b: list[str]
    vocab: list[str]  # the union of both sentences' tokens, in first-seen order
    bow_a: np.ndarray  # (V,) counts
    bow_b: np.ndarray
    mean_a: np.ndarray  # (dim,) mean of the word vectors
    mean_b: np.ndarray
    h_a: np.ndarray  # (hidden,) final hidden state of the nn.RNN
    h_b: np.ndarray
    same_words: bool  # the same multiset of tokens
    bow_equal: bool
    mean_equal: bool  # np.allclose
    h_equal: bool  # torch.allclose
    mean_distance: float  # ||mean_a - mean_b||
    h_distance: float  # ||h_a - h_b||
    h_steps_a: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # (T_a, hidden)
    h_steps_b: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


def order_rnn(dim: int, hidden: int, seed: int = DEFAULT_SEED) -> nn.RNN:
    """The fixed-seed, untrained nn.RNN that reads the word vectors."""
    return rng.seeded(nn.RNN(dim, hidden, batch_first=True), seed)


def compare_orders(
    tokens_a: list[str], tokens_b: list[str], dim: int = 8, hidden: int = 16, seed: int = DEFAULT_SEED
) -> OrderComparison:
    """Both sentences through the order-blind representations and through one nn.RNN."""
    if not tokens_a or not tokens_b:
        raise ValueError("both sentences need at least one token")
    vocab = list(dict.fromkeys(tokens_a + tokens_b))
    rnn = order_rnn(dim, hidden, seed)
    ea, eb = embed(tokens_a, dim, seed), embed(tokens_b, dim, seed)
    with torch.no_grad():
        out_a, h_a = rnn(torch.from_numpy(ea)[None])  # (1, T, H), (1, 1, H)
        out_b, h_b = rnn(torch.from_numpy(eb)[None])
    bow_a, bow_b = bag_of_words(tokens_a, vocab), bag_of_words(tokens_b, vocab)
    mean_a, mean_b = ea.mean(axis=0), eb.mean(axis=0)
    return OrderComparison(
        tokens_a=tokens_a,
        tokens_b=tokens_b,
        vocab=vocab,
        bow_a=bow_a,
        bow_b=bow_b,
        mean_a=mean_a,
        mean_b=mean_b,
        h_a=h_a[0, 0].numpy(),
        h_b=h_b[0, 0].numpy(),
        same_words=sorted(tokens_a) == sorted(tokens_b),
        bow_equal=bool((bow_a == bow_b).all()),
        mean_equal=bool(np.allclose(mean_a, mean_b, atol=1e-6)),
        h_equal=bool(torch.allclose(h_a[0, 0], h_b[0, 0], atol=1e-6)),
        mean_distance=float(np.linalg.norm(mean_a - mean_b)),
        h_distance=float(torch.linalg.norm(h_a - h_b)),
        h_steps_a=out_a[0].numpy(),
        h_steps_b=out_b[0].numpy(),
    )


def state_verdict(comp: OrderComparison) -> tuple[str, str]:
    """('같다' or '다르다', one line of why) for "is the RNN's final state the same for A and B?"."""
    answer = "같다" if comp.h_equal else "다르다"
    if comp.tokens_a == comp.tokens_b:
        return answer, "두 문장의 토큰이 순서까지 같아서 RNN이 똑같은 입력을 읽었어요."
    distance = f"‖h_A − h_B‖ = {comp.h_distance:.4f}"
    if comp.same_words and not comp.h_equal:
        return answer, (
            "단어는 같고 순서만 달라요. RNN은 단어를 하나씩 읽으며 상태를 바꾸니, 읽는 순서가 다르면 "
            f"마지막 상태도 달라져요 ({distance}). 순서를 보지 않는 평균 벡터는 같아요."
        )
    if comp.same_words:
        return answer, f"순서가 달라도 이번에는 마지막 상태가 (오차 안에서) 같았어요 ({distance})."
    return answer, f"단어 구성부터 달라서 입력이 달라요 ({distance})."


# The lesson's DNN example: a two-number embedding per word, words concatenated.
LESSON_WORDS = {"good": [0.8, 0.1], "not": [-0.5, 0.3]}


def dnn_concat_example(words: dict[str, list[float]] = LESSON_WORDS) -> dict[str, np.ndarray]:
    """'not good' and 'good not' as a DNN sees them (concat) and as a mean sees them."""
    vec = {w: np.asarray(v, dtype=np.float64) for w, v in words.items()}
    return {
        "concat_not_good": np.concatenate([vec["not"], vec["good"]]),
        "concat_good_not": np.concatenate([vec["good"], vec["not"]]),
        "mean_not_good": np.mean([vec["not"], vec["good"]], axis=0),
        "mean_good_not": np.mean([vec["good"], vec["not"]], axis=0),
    }


# The lesson's four example sequences (its 1.1 listing).
SEQUENCE_EXAMPLES: dict[str, list] = {
    "시계열 (주가)": [100, 102, 105, 103, 108],
    "텍스트": ["오늘", "날씨가", "정말", "좋다"],
    "음성 (파형)": [0.1, 0.2, 0.15, 0.3],
    "센서 (온도)": [22.1, 22.3, 22.5, 23.0],
}
