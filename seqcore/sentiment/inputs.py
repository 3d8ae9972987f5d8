"""What the tokenizer made of a learner's text: unknown words, Hangul, emoji, truncation.

The page's messages about an input (`input_messages`) and the check behind them
(`check_input`) are shared by the lesson model, the order-aware model and the real reviews.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# Emoji and pictographs (the main blocks); enough to tell the learner why a symbol is ignored.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


@dataclass
class InputCheck:
    """What the tokenizer made of the learner's text, for the page's messages."""

    text: str
    empty: bool
    hangul: bool
    emoji: bool
    n_tokens: int
    n_unknown: int
    truncated: int  # tokens cut off by max_len

    @property
    def all_unknown(self) -> bool:
        return self.n_tokens > 0 and self.n_unknown == self.n_tokens


def check_input(text: str, known: Callable[[str], bool], tokens: Sequence[str], max_len: int) -> InputCheck:
    return InputCheck(
        text=text,
        empty=not text.strip(),
        hangul=bool(HANGUL.search(text)),
        emoji=bool(EMOJI.search(text)),
        n_tokens=min(len(tokens), max_len),
        n_unknown=sum(not known(t) for t in tokens[:max_len]),
        truncated=max(0, len(tokens) - max_len),
    )


def input_messages(check: InputCheck, max_len: int) -> list[tuple[str, str]]:
    """Korean notes for the page about what happened to the learner's text: (level, message)."""
    notes: list[tuple[str, str]] = []
    if check.empty:
        return [("warning", "리뷰가 비어 있어요. 영어 문장을 한 줄 입력해 보세요.")]
    if check.hangul:
        notes.append(
            (
                "warning",
                "한글이 들어 있어요. 이 모델의 어휘는 **영어**라서 한글 단어는 모두 `<UNK>`로 바뀌거나 빠져요.",
            )
        )
    if check.emoji:
        notes.append(("info", "이모지는 어휘에 없어서 모델이 읽지 못해요."))
    if check.n_tokens == 0:
        notes.append(("warning", "읽을 수 있는 영어 단어가 하나도 없어요. 예측할 입력이 없습니다."))
    elif check.all_unknown:
        notes.append(
            (
                "warning",
                "모든 단어가 어휘에 없는 `<UNK>`예요. 이 확률은 단어가 아니라 `<UNK>`와 패딩만 보고 낸 값이에요.",
            )
        )
    elif check.n_unknown:
        notes.append(
            ("info", f"{check.n_tokens}개 단어 중 {check.n_unknown}개가 어휘에 없어 `<UNK>`로 바뀌었어요.")
        )
    if check.truncated:
        notes.append(
            (
                "info",
                f"최대 길이가 {max_len}이라 처음 {max_len}개 단어만 읽고 나머지 {check.truncated}개는 잘랐어요.",
            )
        )
    return notes
