"""Predict, then reveal: before a result the page computes with torch, the learner commits a guess.

A page builds a `Question` (what to guess, the answer torch computed, one line of why) and calls
`ask(question, context)`: the guess widget and a '정답 확인' button are drawn, and once the
learner has pressed it for this very question (`context`: the settings the answer was computed
from; new settings ask again), the guess and the computed answer are shown side by side and
`ask` returns True. The page draws the rest of its result only then.

The guess is the learner's own: it is kept across page switches but stays out of the URL (a shared
link carries the settings, not someone's guess). Guess and answer are shown as two metrics side by
side; a guess that is not a value is a learner's text and goes through markup.plain.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass

import streamlit as st

from seqcore.core.markup import plain
from seqcore.ui.widgets import keep

KINDS = ("shape", "count", "choice")
PLACEHOLDER = {
    "shape": "숫자를 쉼표로 구분해 적어요",
    "count": "정수 하나 (쉼표로 천 단위를 끊어도 돼요)",
}


@dataclass(frozen=True)
class Question:
    key: str  # widget key prefix: "<page>_guess"
    prompt: str  # what to guess, in Korean (the app's own text)
    kind: str  # "shape" (a tuple of ints), "count" (an int) or "choice" (one of `options`)
    answer: tuple[int, ...] | int | str  # what torch computed
    why: str  # one line of reasoning, in Korean (the app's own text)
    options: tuple[str, ...] = ()  # the choices of a "choice" question

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "choice" and self.answer not in self.options:
            raise ValueError(f"the answer {self.answer!r} is not among the options {self.options}")


def parse_shape(text: str) -> tuple[int, ...] | None:
    """'(2, 5, 20)', '2x5x20', '2×5×20', '[2, 5, 20]', '2 5 20', 'torch.Size([2, 5, 20])' -> (2, 5, 20).

    None when the text is not a list of whole numbers.
    """
    body = re.sub(r"^\s*torch\.Size\s*", "", text or "").strip().strip("()[] ")
    parts = [p for p in re.split(r"\s*[,x×*]\s*|\s+", body) if p]
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def parse_count(text: str) -> int | None:
    """'2560', '2,560' or '2560개' -> 2560; '25,60' or '2,5,6,0' -> None (commas only between thousands)."""
    body = re.sub(r"\s*개\s*$", "", (text or "").strip())
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", body) is None:
        return None
    return int(body.replace(",", ""))


def parse(q: Question, raw) -> object | None:
    """The learner's guess as a value comparable with the answer (None: no usable guess)."""
    if q.kind == "shape":
        return parse_shape(raw or "")
    if q.kind == "count":
        return parse_count(raw or "")
    return raw if raw in q.options else None


def shown(q: Question, value) -> str:
    """A value as the reveal prints it: a shape as (2, 5, 20), a count with thousands commas."""
    if q.kind == "shape":
        return "(" + ", ".join(str(v) for v in value) + ")"
    if q.kind == "count":
        return f"{value:,}"
    return str(value)


def _signature(q: Question, context: Hashable) -> str:
    return repr((q.prompt, context))


def _widget(q: Question):
    label = f"🤔 먼저 예상해 보세요: {q.prompt}"
    if q.kind == "choice":
        return st.radio(label, q.options, index=None, horizontal=True, **keep(q.key, url=False))
    return st.text_input(label, placeholder=PLACEHOLDER[q.kind], max_chars=60, **keep(q.key, url=False))


def _reveal(q: Question, raw, guess) -> None:
    left, right = st.columns(2)
    # A guess read as a value is shown the way the answer is; any other text stays inert (plain).
    mine = shown(q, guess) if guess is not None else (plain(raw) if raw else "—")
    left.metric("내 예상", mine)
    right.metric("PyTorch가 계산한 값", shown(q, q.answer))
    if guess is None:
        st.info(q.why)
    elif guess == q.answer:
        st.success("맞았어요! " + q.why)
    else:
        st.warning("예상과 달라요. " + q.why)


def ask(q: Question, context: Hashable) -> bool:
    """Draw the guess and the check button; after the check, the guess beside the answer. Returns
    whether this question (for `context`) has been revealed."""
    raw = _widget(q)
    guess = parse(q, raw)
    if q.kind != "choice" and raw and guess is None:
        st.caption(
            "숫자로 읽을 수 없어요. "
            + ("숫자를 쉼표로 구분해 적어 주세요." if q.kind == "shape" else "정수 하나를 적어 주세요.")
        )
    seen_key, sig = f"{q.key}_seen", _signature(q, context)
    if st.button("정답 확인", key=f"{q.key}_check", type="primary"):
        st.session_state[seen_key] = sig
    if st.session_state.get(seen_key) != sig:
        st.caption("예상을 정한 뒤 '정답 확인'을 누르면, PyTorch가 방금 계산한 결과가 나와요.")
        return False
    _reveal(q, raw, guess)
    return True
