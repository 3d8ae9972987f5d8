"""A small Korean text and a tiny config, written here (a user's clone has no ../shared)."""

import pytest

from seqcore.lm.trainer import LMConfig

SENTENCES = [
    "영화가 정말 재밌어요",
    "배우들 연기가 너무 좋았다",
    "스토리가 지루하고 뻔해요",
    "다시 보고 싶은 영화",
    "음악이 정말 좋았어요 ㅋㅋ",
    "시간이 아까운 영화였다",
    "감동적인 장면이 많아요",
    "결말이 조금 아쉬웠다",
]


def korean_text(lines: int = 160) -> str:
    """`lines` short reviews, cycling through SENTENCES with a line number: ~3,500 characters."""
    return "\n".join(f"{SENTENCES[i % len(SENTENCES)]} {i}" for i in range(lines))


@pytest.fixture(scope="session")
def korean() -> str:
    return korean_text()


@pytest.fixture(scope="session")
def tiny_config() -> LMConfig:
    return LMConfig(
        text=korean_text(),
        epochs=2,
        hidden_size=16,
        embed_size=8,
        batch_size=4,
        seq_len=16,
        sample_chars=20,
        lr=0.01,
    )
