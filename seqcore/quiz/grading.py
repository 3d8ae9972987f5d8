"""Graders for the quiz: parse the learner's structured answers and compare them with the truth
that torch computes from each question's parameters (nothing here is a typed-in answer key for
a computed quantity).

A malformed answer raises `AnswerFormatError` inside the parsers; `grade` turns it into a
`Grade` with status "format", which the page shows as a hint and never counts as wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.core.runtime import count_params
from seqcore.data.series import create_sequences, synthetic_series
from seqcore.quiz.questions import (
    DIFFERENT,
    Q3_ANSWER,
    Q3_OPTION_FEEDBACK,
    Q3_OPTIONS,
    Q3_REASON_ANSWER,
    Q3_REASON_FEEDBACK,
    Q3_REASONS,
    Q4_ANSWER,
    Q4_DISTRACTOR_NOTE,
    Q4_GATES,
    Q4_KEYWORDS,
    Q4_ROLES,
    Q5_CORRECT,
    Q5_REASONS,
    Q5_WRONG_NOTE,
    SAME,
    EmbeddingParams,
    HiddenCase,
    HiddenParams,
    QuizParams,
    RNNShapeParams,
    WindowParams,
)

MAX_DIM = 100_000  # a larger dimension is certainly a typo
MAX_COUNT = 10**9
SHAPE_EXAMPLE = "(16, 20, 100) · 16,20,100 · [16, 20, 100] · torch.Size([16, 20, 100])"


class AnswerFormatError(ValueError):
    """The answer cannot be read; the message (Korean) says what format is expected."""


@dataclass(frozen=True)
class Grade:
    status: str  # "correct" | "wrong" | "format"
    message: str  # one-line headline (Korean)
    reasons: tuple[str, ...] = ()  # why: the rule with real numbers, or the likely misconception

    @property
    def counted(self) -> bool:
        return self.status in ("correct", "wrong")


# ---------------------------------------------------------------- parsers


def _normalize(text) -> str:
    # NFKC turns full-width digits, commas and brackets (１６，２０) into ASCII ones.
    return unicodedata.normalize("NFKC", str(text if text is not None else "")).strip()


def _format_error(what: str, label: str) -> AnswerFormatError:
    return AnswerFormatError(f"{label}: {what} 숫자를 쉼표로 구분해 이렇게 입력해요: {SHAPE_EXAMPLE}")


def parse_shape(text, label: str = "shape") -> tuple[int, ...]:
    """'(16, 20, 100)', '16,20,100', '[16, 20, 100]', 'torch.Size([16, 20, 100])' -> (16, 20, 100)."""
    s = _normalize(text)
    if not s:
        raise _format_error("아직 비어 있어요.", label)
    m = re.fullmatch(r"(?i)(?:torch\.)?size\s*\((.*)\)", s)
    if m:
        s = m.group(1).strip()
    for _ in range(2):  # "([16, 20])" at most
        if len(s) >= 2 and (s[0], s[-1]) in (("(", ")"), ("[", "]")):
            s = s[1:-1].strip()
    parts = [p.strip() for p in s.split(",")]
    if any(p == "" for p in parts):
        raise _format_error("쉼표 사이(또는 끝)에 빈 칸이 있어요.", label)
    dims = []
    for p in parts:
        if re.fullmatch(r"[-−]\s*\d+", p):
            raise _format_error("shape에는 음수가 없어요.", label)
        if re.fullmatch(r"\d+(\s+\d+)+", p):
            raise _format_error("숫자 사이는 띄어쓰기가 아니라 쉼표로 구분해요.", label)
        if not re.fullmatch(r"\d+", p):
            raise _format_error(f"'{p}'는 정수가 아니에요.", label)
        v = int(p)
        if v < 1:
            raise _format_error("각 차원은 1 이상이에요.", label)
        if v > MAX_DIM:
            raise _format_error(f"{v}는 너무 커요 (차원 하나는 {MAX_DIM:,} 이하로 입력해요).", label)
        dims.append(v)
    if len(dims) > 6:
        raise _format_error("차원이 너무 많아요 (6개 이하).", label)
    return tuple(dims)


def parse_count(text, label: str = "개수") -> int:
    """'1234', '1,234', '１２３４' -> 1234; negatives, decimals and words are format errors."""
    s = _normalize(text).replace(",", "").replace("_", "")
    hint = "정수로 입력해요. 예: 2560 또는 2,560"
    if not s:
        raise AnswerFormatError(f"{label}: 아직 비어 있어요. {hint}")
    if re.fullmatch(r"[-−]\s*\d+", s):
        raise AnswerFormatError(f"{label}: 개수는 음수가 될 수 없어요. {hint}")
    if not re.fullmatch(r"\d+", s):
        raise AnswerFormatError(f"{label}: '{s}'는 정수가 아니에요. {hint}")
    v = int(s)
    if v > MAX_COUNT:
        raise AnswerFormatError(f"{label}: {v:,}는 너무 커요 ({MAX_COUNT:,} 이하). {hint}")
    return v


def parse_numbers(text, label: str = "값", max_items: int = 100) -> tuple[float, ...]:
    """'110, 107, 112' or '[110, 107, 112]' -> (110.0, 107.0, 112.0)."""
    s = _normalize(text)
    hint = "숫자를 쉼표로 구분해 입력해요. 예: 110, 107, 112"
    if len(s) >= 2 and (s[0], s[-1]) in (("(", ")"), ("[", "]")):
        s = s[1:-1].strip()
    if not s:
        raise AnswerFormatError(f"{label}: 아직 비어 있어요. {hint}")
    parts = [p.strip() for p in s.split(",")]
    if any(p == "" for p in parts):
        raise AnswerFormatError(f"{label}: 쉼표 사이(또는 끝)에 빈 칸이 있어요. {hint}")
    if len(parts) > max_items:
        raise AnswerFormatError(f"{label}: 값이 너무 많아요 ({max_items}개 이하). {hint}")
    out = []
    for p in parts:
        if not re.fullmatch(r"[-+]?\d+(\.\d+)?", p):
            raise AnswerFormatError(f"{label}: '{p}'는 숫자가 아니에요. {hint}")
        v = float(p)
        if abs(v) > 1e9:
            raise AnswerFormatError(f"{label}: {p}는 너무 커요. {hint}")
        out.append(v)
    return tuple(out)


def fmt_shape(shape) -> str:
    return "(" + ", ".join(str(int(d)) for d in shape) + ")"


# ---------------------------------------------------------------- truths (computed with torch)


def rnn_shapes(p: RNNShapeParams, seed: int = 0) -> dict[str, tuple[int, ...]]:
    """Run the question's module on its input; the shapes torch actually returns."""
    cfg = ShapeConfig(
        p.kind, p.batch, p.seq_len, p.input_size, p.hidden_size, p.num_layers, True, p.bidirectional
    )
    rep = explore_shapes(cfg, seed=seed)
    out = {"outputs": rep.outputs_shape, "h_n": rep.h_n_shape}
    if rep.c_n_shape is not None:
        out["c_n"] = rep.c_n_shape
    return out


_RHS = {
    "h_n[0]": lambda h: h[0],
    "h_n[-1]": lambda h: h[-1],
    "h_n.squeeze(0)": lambda h: h.squeeze(0),
    "torch.cat([h_n[0], h_n[1]], dim=1)": lambda h: torch.cat([h[0], h[1]], dim=1),
    "torch.cat([h_n[-2], h_n[-1]], dim=1)": lambda h: torch.cat([h[-2], h[-1]], dim=1),
}


def hidden_case(p: HiddenParams, case: HiddenCase, seed: int = 0) -> tuple[bool, float]:
    """(equal?, max |difference|) of outputs[:, -1, :] and the case's slice of h_n, run on a real RNN."""
    torch.manual_seed(seed)
    rnn = nn.RNN(
        p.input_size, p.hidden_size, case.num_layers, batch_first=True, bidirectional=case.bidirectional
    )
    x = torch.randn(p.batch, p.seq_len, p.input_size)
    with torch.no_grad():
        outputs, h_n = rnn(x)
    lhs, rhs = outputs[:, -1, :], _RHS[case.rhs](h_n)
    if lhs.shape != rhs.shape:
        return False, float("inf")
    return bool(torch.allclose(lhs, rhs, atol=1e-6)), float((lhs - rhs).abs().max())


def gate_counts(input_size: int, hidden_size: int) -> dict[str, int]:
    """count_params of real 1-layer modules, and how many weight blocks each stacks."""
    lstm, gru, rnn = (
        nn.LSTM(input_size, hidden_size),
        nn.GRU(input_size, hidden_size),
        nn.RNN(input_size, hidden_size),
    )
    return {
        "lstm": count_params(lstm),
        "gru": count_params(gru),
        "rnn": count_params(rnn),
        "lstm_blocks": lstm.weight_ih_l0.shape[0] // hidden_size,
        "gru_blocks": gru.weight_ih_l0.shape[0] // hidden_size,
    }


def windows(p: WindowParams) -> tuple[np.ndarray, np.ndarray]:
    return create_sequences(np.array(p.prices), p.seq_length)


def embedding_shape(p: EmbeddingParams, seed: int = 0) -> tuple[int, ...]:
    torch.manual_seed(seed)
    emb = nn.Embedding(p.vocab_size, p.embed_dim)
    x = torch.randint(0, p.vocab_size, (p.batch, p.seq_len))
    with torch.no_grad():
        return tuple(emb(x).shape)


def order_demo(seed: int = 0) -> list[tuple[str, float, float]]:
    """Q3: lag-1 autocorrelation of each numeric example, before and after shuffling its order."""
    rng = np.random.default_rng(seed)
    price, _ = synthetic_series()
    t = np.arange(400) / 8000.0
    wave = np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 330 * t)  # a voiced sound at 8 kHz
    height = rng.normal(170, 8, 200)  # students in roll-call order
    data = {"일별 주가": price, "음성 파형": wave, "학생들의 키": height}

    def lag1(v):
        return float(np.corrcoef(v[:-1], v[1:])[0, 1])

    return [(name, lag1(v), lag1(rng.permutation(v))) for name, v in data.items()]


def gate_demo(seed: int = 0) -> list[str]:
    """Q4: force each gate of a real LSTMCell to 0 (or 1) with its bias and watch what it controls."""
    torch.manual_seed(seed)
    cell = nn.LSTMCell(3, 4)
    x, h0 = torch.randn(1, 3), torch.randn(1, 4)
    c0, c0_other = torch.randn(1, 4), torch.randn(1, 4) * 5

    def step(gates: dict[int, float], c):
        # bias_ih stacks the gates as (i, f, g, o); +-50 saturates the sigmoid to 1 or 0.
        with torch.no_grad():
            saved = cell.bias_ih.clone()
            for k, v in gates.items():
                cell.bias_ih[k * 4 : (k + 1) * 4] = v
            h, c_new = cell(x, (h0, c))
            cell.bias_ih.copy_(saved)
        return h, c_new

    _, c_a = step({1: -50.0}, c0)
    _, c_b = step({1: -50.0}, c0_other)
    _, c_keep = step({0: -50.0, 1: 50.0}, c0)
    h_closed, _ = step({3: -50.0}, c0)
    return [
        f"망각 게이트 f=0: C_(t-1)을 바꿔도 C_t의 변화 = {float((c_a - c_b).abs().max()):.4f}  (이전 기억을 모두 버림)",
        f"입력 게이트 i=0, 망각 게이트 f=1: C_t == C_(t-1) -> {bool(torch.allclose(c_keep, c0, atol=1e-4))}  (새 정보 저장 안 함)",
        f"출력 게이트 o=0: |h_t|의 최댓값 = {float(h_closed.abs().max()):.4f}  (셀 상태를 내보내지 않음)",
    ]


# ---------------------------------------------------------------- misconceptions


def rnn_shape_note(name: str, got: tuple[int, ...], p: RNNShapeParams) -> str:
    """The likely misconception behind a wrong outputs / h_n / c_n shape."""
    B, T, I, H, L = p.batch, p.seq_len, p.input_size, p.hidden_size, p.num_layers
    D = 2 if p.bidirectional else 1
    if name == "outputs":
        notes = {
            (B, T, I): f"outputs의 마지막 차원은 input_size({I})가 아니라 hidden_size예요.",
            (T, B, D * H): "batch_first=True라 outputs는 (batch, seq_len, ...) 순서예요.",
            (B, T, H): f"양방향이면 두 방향의 출력을 이어 붙여서 마지막 차원이 hidden × 2 = {2 * H}예요.",
            (B, D * H): "outputs는 마지막 시점만이 아니라 모든 시점의 출력이라 seq_len 차원이 있어요.",
            (L * D, B, H): "그건 h_n의 shape이에요. outputs는 (batch, seq_len, hidden × 방향 수)예요.",
            (B, T, L * D * H): "outputs는 마지막 층의 출력만 담아요. 층 수를 곱하지 않아요.",
        }
    else:
        notes = {
            (
                B,
                L * D,
                H,
            ): f"batch_first=True는 {name}에는 적용되지 않아요. {name}은 항상 (num_layers × 방향 수, batch, hidden)이에요.",
            (
                1,
                B,
                H,
            ): f"층(과 방향)마다 마지막 상태가 하나씩 있어서 첫 차원은 num_layers × 방향 수 = {L * D}예요.",
            (L, B, H): f"양방향이면 방향마다 하나씩이라 첫 차원은 num_layers × 2 = {2 * L}예요.",
            (L, B, 2 * H): f"{name}은 두 방향을 이어 붙이지 않고 첫 차원에 쌓아요.",
            (B, H): f"{name}은 3차원이에요: (num_layers × 방향 수, batch, hidden).",
            (B, T, D * H): f"그건 outputs의 shape이에요. {name}은 마지막 시점의 상태만 담아요.",
            (L * D, B, I): "마지막 차원은 input_size가 아니라 hidden_size예요.",
            (L * D, T, H): f"{name}의 두 번째 차원은 seq_len이 아니라 batch예요.",
        }
    return notes.get(tuple(got), f"{name}의 차원 순서와 크기를 규칙에 맞춰 다시 세어 보세요.")


# ---------------------------------------------------------------- graders


def _shape_grade(answers: dict, truth: dict[str, tuple[int, ...]], note) -> Grade:
    got = {name: parse_shape(answers.get(name), name) for name in truth}
    wrong = [name for name in truth if got[name] != truth[name]]
    if not wrong:
        return Grade(
            "correct",
            "정답이에요! torch가 돌려준 shape과 같아요.",
            tuple(f"{n}: {fmt_shape(s)}" for n, s in truth.items()),
        )
    right = [f"{n}: 맞았어요." for n in truth if n not in wrong]
    return Grade(
        "wrong",
        f"{', '.join(wrong)}의 shape이 달라요.",
        tuple(f"{n}: {note(n, got[n])}" for n in wrong) + tuple(right),
    )


def grade_q1(answers: dict, p: RNNShapeParams) -> Grade:
    return _shape_grade(answers, rnn_shapes(p), lambda n, g: rnn_shape_note(n, g, p))


grade_q6 = grade_q1  # same rules, an LSTM with c_n


def grade_q2(answers: dict, p: HiddenParams) -> Grade:
    reasons, all_ok = [], True
    for i, case in enumerate(p.cases):
        ans = answers.get(f"case{i}")
        if ans not in (SAME, DIFFERENT):
            raise AnswerFormatError(f"{case.label}: '같다' 또는 '다르다'를 골라 주세요.")
        equal, diff = hidden_case(p, case)
        ok = (ans == SAME) == equal
        all_ok &= ok
        measured = f"torch.allclose → {equal} (최대 차이 {diff:.3g})"
        if ok:
            reasons.append(f"{case.label}: 맞았어요. {measured}")
        elif case.bidirectional:
            reasons.append(
                f"{case.label}: {measured}. 역방향은 t=0에서 끝나요. outputs[:, -1, H:]는 역방향이 한 칸만 읽은 상태라 "
                "h_n의 역방향 최종 상태와 달라요."
            )
        elif equal:
            reasons.append(
                f"{case.label}: {measured}. RNN의 출력은 은닉 상태 그 자체예요. outputs는 마지막 층의 출력이고 "
                f"`{case.rhs}`도 마지막 층의 마지막 상태예요."
            )
        else:
            reasons.append(
                f"{case.label}: {measured}. `{case.rhs}`는 마지막 층이 아니에요. outputs에는 마지막 층만 담겨요."
            )
    if all_ok:
        return Grade("correct", "정답이에요! 세 경우 모두 실제 RNN의 결과와 같아요.", tuple(reasons))
    return Grade("wrong", "일부 예측이 실제 결과와 달라요.", tuple(reasons))


def grade_q3(answers: dict) -> Grade:
    choice, reason = answers.get("choice"), answers.get("reason")
    if choice not in Q3_OPTIONS or reason not in Q3_REASONS:
        raise AnswerFormatError("보기와 이유를 하나씩 골라 주세요.")
    ci, ri = Q3_OPTIONS.index(choice), Q3_REASONS.index(reason)
    reasons = (Q3_OPTION_FEEDBACK[ci], Q3_REASON_FEEDBACK[ri])
    if ci == Q3_ANSWER and ri == Q3_REASON_ANSWER:
        return Grade("correct", "정답이에요! 순서가 의미를 갖지 않는 데이터를 골랐어요.", reasons)
    head = "이유를 다시 생각해 보세요." if ci == Q3_ANSWER else f"'{choice}'는 시퀀스 데이터예요."
    return Grade("wrong", head, reasons)


def grade_q4(answers: dict) -> Grade:
    picks = []
    for i, gate in enumerate(Q4_GATES):
        ans = answers.get(f"gate{i}")
        if ans not in Q4_ROLES:
            raise AnswerFormatError(f"{gate}: 역할을 하나 골라 주세요.")
        picks.append(Q4_ROLES.index(ans))
    reasons = []
    for i, (gate, pick) in enumerate(zip(Q4_GATES, picks)):
        if pick == Q4_ANSWER[i]:
            reasons.append(f"{gate}: 맞았어요.")
        elif pick in Q4_DISTRACTOR_NOTE:
            reasons.append(f"{gate}: {Q4_DISTRACTOR_NOTE[pick]}")
        else:
            reasons.append(f"{gate}: 고른 설명은 {Q4_GATES[Q4_ANSWER.index(pick)]}의 역할이에요.")
    if picks == list(Q4_ANSWER):
        return Grade("correct", "정답이에요! 세 게이트의 역할을 모두 맞혔어요.", tuple(reasons))
    return Grade("wrong", "게이트와 역할의 짝이 일부 달라요.", tuple(reasons))


def essay_keywords(text: str) -> list[tuple[str, list[str]]]:
    """Q4 self-check: which typical words of each gate's role appear in the learner's sentences."""
    s = _normalize(text)
    return [(gate, [w for w in words if w in s]) for gate, words in zip(Q4_GATES, Q4_KEYWORDS)]


def grade_q5(answers: dict, p) -> Grade:
    chosen = answers.get("reasons") or []
    lstm_n = parse_count(answers.get("lstm"), "LSTM 파라미터 수")
    gru_n = parse_count(answers.get("gru"), "GRU 파라미터 수")
    picked = {Q5_REASONS.index(r) for r in chosen if r in Q5_REASONS}
    if not picked:
        raise AnswerFormatError("이유를 하나 이상 골라 주세요.")
    truth = gate_counts(p.input_size, p.hidden_size)
    I, H = p.input_size, p.hidden_size
    reasons = []
    for idx in sorted(picked - Q5_CORRECT):
        reasons.append(f"'{Q5_REASONS[idx]}': {Q5_WRONG_NOTE[idx]}")
    for idx in sorted(Q5_CORRECT - picked):
        reasons.append(f"빠진 이유가 있어요: '{Q5_REASONS[idx]}'")

    def count_note(name: str, got: int, blocks: int, other: int) -> str:
        if got == truth[name]:
            return f"{name.upper()}: {got:,} 맞았어요 (count_params와 같아요)."
        if got == blocks * H * (I + H):
            return f"{name.upper()}: bias를 빠뜨렸어요. PyTorch는 묶음마다 b_ih, b_hh 두 벌을 가져요."
        if got == blocks * (H * (I + H) + H):
            return f"{name.upper()}: bias가 묶음마다 두 벌(b_ih, b_hh)이에요. 한 벌만 셌어요."
        if got == other:
            return f"{name.upper()}: LSTM과 GRU의 개수를 바꿔 쓴 것 같아요."
        if got == truth["rnn"]:
            return f"{name.upper()}: 그건 기본 RNN(묶음 1개)의 개수예요. {blocks}를 곱해야 해요."
        return f"{name.upper()}: {got:,}는 아니에요. 묶음 {blocks}개 × (W_ih + W_hh + b_ih + b_hh)로 세어 보세요."

    counts_ok = lstm_n == truth["lstm"] and gru_n == truth["gru"]
    reasons.append(count_note("lstm", lstm_n, truth["lstm_blocks"], truth["gru"]))
    reasons.append(count_note("gru", gru_n, truth["gru_blocks"], truth["lstm"]))
    if picked == set(Q5_CORRECT) and counts_ok:
        reasons.append(
            f"실제 weight_ih_l0의 행 수: LSTM {truth['lstm_blocks']}×hidden, GRU {truth['gru_blocks']}×hidden이에요."
        )
        return Grade("correct", "정답이에요! 이유와 개수 모두 실제 모듈과 같아요.", tuple(reasons))
    return Grade("wrong", "이유나 개수가 일부 달라요.", tuple(reasons))


def grade_q7(answers: dict, p: WindowParams) -> Grade:
    x_shape = parse_shape(answers.get("X"), "X의 shape")
    y_vals = parse_numbers(answers.get("y"), "y의 값")
    X, y = windows(p)
    reasons = []
    shape_ok = x_shape == X.shape
    n, s = X.shape
    if shape_ok:
        reasons.append(f"X: {fmt_shape(X.shape)} 맞았어요.")
    elif x_shape == (n + 1, s):
        reasons.append(
            f"X: 창은 len(prices) - seq_length = {n}개예요. 마지막 창은 다음 날 값이 없어서 만들 수 없어요."
        )
    elif x_shape == (n, s, 1):
        reasons.append(
            "X: create_sequences는 2차원 (창 개수, seq_length)를 돌려줘요. (…, 1)은 LSTM에 넣을 때 따로 reshape해요."
        )
    elif x_shape == (s, n):
        reasons.append("X: 순서가 바뀌었어요. 첫 차원이 창 개수, 두 번째가 seq_length예요.")
    else:
        reasons.append("X: (창 개수, seq_length)의 2차원이에요. 창 개수를 다시 세어 보세요.")
    y_ok = len(y_vals) == len(y) and np.allclose(y_vals, y)
    prices = np.array(p.prices, dtype=float)
    if y_ok:
        reasons.append("y: 맞았어요. 각 창 바로 다음 날 값이에요.")
    elif len(y_vals) == len(y) and np.allclose(y_vals, prices[p.seq_length - 1 : -1]):
        reasons.append("y: 창의 마지막 값이 아니라 그 다음 날 값이 y예요.")
    elif len(y_vals) != len(y):
        reasons.append(f"y: 값이 {len(y_vals)}개예요. y는 창 개수만큼 있어요.")
    else:
        reasons.append("y: 각 창(i ~ i+seq_length-1) 바로 다음 값 data[i+seq_length]를 모아 보세요.")
    if shape_ok and y_ok:
        return Grade("correct", "정답이에요! create_sequences의 결과와 같아요.", tuple(reasons))
    return Grade("wrong", "X나 y가 create_sequences의 결과와 달라요.", tuple(reasons))


def grade_q8(answers: dict, p: EmbeddingParams) -> Grade:
    B, T, V, E = p.batch, p.seq_len, p.vocab_size, p.embed_dim
    notes = {
        (B, T): f"임베딩은 토큰마다 {E}차원 벡터를 붙여요. 차원이 하나 늘어요.",
        (B, T, V): "마지막 차원은 어휘 크기가 아니라 embedding_dim이에요.",
        (
            V,
            E,
        ): "그건 embedding.weight (조회표)의 shape이에요. 출력은 입력 shape 뒤에 embedding_dim이 붙어요.",
        (B, E): "seq_len 차원은 그대로 남아요. 토큰마다 벡터가 하나씩이에요.",
        (T, B, E): "Embedding은 입력 순서 (batch, seq_len)를 그대로 유지해요.",
    }
    return _shape_grade(
        answers,
        {"out": embedding_shape(p)},
        lambda n, g: notes.get(tuple(g), "입력 shape 뒤에 embedding_dim이 붙는지 확인해 보세요."),
    )


def grade_requirements(reqs) -> Grade:
    """Q9/Q10: every requirement read from the trained model must hold."""
    ok = all(r.ok for r in reqs)
    reasons = tuple(
        f"✅ {r.label} (실제: {r.got})"
        if r.ok
        else f"❌ {r.label} (실제: {r.got})" + (f" → {r.note}" if r.note else "")
        for r in reqs
    )
    if ok:
        return Grade("correct", "정답이에요! 모든 요구사항을 학습된 모델에서 확인했어요.", reasons)
    return Grade("wrong", "요구사항 중 일부가 맞지 않아요. ❌ 표시를 확인해 보세요.", reasons)


def grade(qid: str, answers: dict, params: QuizParams = QuizParams()) -> Grade:
    """Grade questions q1-q8; a format problem becomes Grade('format', ...), never a wrong answer."""
    graders = {
        "q1": lambda: grade_q1(answers, params.q1),
        "q2": lambda: grade_q2(answers, params.q2),
        "q3": lambda: grade_q3(answers),
        "q4": lambda: grade_q4(answers),
        "q5": lambda: grade_q5(answers, params.q5),
        "q6": lambda: grade_q6(answers, params.q6),
        "q7": lambda: grade_q7(answers, params.q7),
        "q8": lambda: grade_q8(answers, params.q8),
    }
    if qid not in graders:
        raise KeyError(qid)
    try:
        return graders[qid]()
    except AnswerFormatError as e:
        return Grade(
            "format",
            "입력 형식을 확인해 주세요. 이번 답은 채점하지 않았어요 (오답으로 세지 않아요).",
            (str(e),),
        )


# ---------------------------------------------------------------- solutions' real output


def solution_output(qid: str, params: QuizParams = QuizParams()) -> str:
    """What the question's solution code prints, computed now (q1-q8)."""
    if qid in ("q1", "q6"):
        shapes = rnn_shapes(params.q1 if qid == "q1" else params.q6)
        return "\n".join(f"{n}: torch.Size([{', '.join(map(str, s))}])" for n, s in shapes.items())
    if qid == "q2":
        p = params.q2
        cases = (
            HiddenCase("", 2, False, "h_n[-1]"),
            HiddenCase("", 2, False, "h_n[0]"),
            HiddenCase("", 1, True, "torch.cat([h_n[0], h_n[1]], dim=1)"),
        )
        lines = [str(hidden_case(p, c)[0]) for c in cases]
        torch.manual_seed(0)
        birnn = nn.RNN(p.input_size, p.hidden_size, batch_first=True, bidirectional=True)
        x = torch.randn(p.batch, p.seq_len, p.input_size)
        with torch.no_grad():
            out, h_n = birnn(x)
        H = p.hidden_size
        lines.append(str(bool(torch.allclose(out[:, -1, :H], h_n[0], atol=1e-6))))
        lines.append(str(bool(torch.allclose(out[:, 0, H:], h_n[1], atol=1e-6))))
        return "\n".join(lines)
    if qid == "q3":
        return "\n".join(f"{name} {a:.3f} -> {b:.3f}" for name, a, b in order_demo())
    if qid == "q4":
        torch.manual_seed(0)
        lstm = nn.LSTM(3, 4)
        chunk = lstm.weight_ih_l0.chunk(4, dim=0)[1]
        return "\n".join([f"{tuple(lstm.weight_ih_l0.shape)} {tuple(chunk.shape)}"] + gate_demo())
    if qid == "q5":
        p = params.q5
        t = gate_counts(p.input_size, p.hidden_size)
        return (
            f"LSTM: {t['lstm']} torch.Size([{t['lstm_blocks'] * p.hidden_size}, {p.input_size}])\n"
            f"GRU:  {t['gru']} torch.Size([{t['gru_blocks'] * p.hidden_size}, {p.input_size}])"
        )
    if qid == "q7":
        X, y = windows(params.q7)
        return f"{X.shape}\n{X}\n{y}"
    if qid == "q8":
        p = params.q8
        emb = nn.Embedding(p.vocab_size, p.embed_dim)
        shape = embedding_shape(p)
        return f"torch.Size([{', '.join(map(str, shape))}])\ntorch.Size([{', '.join(map(str, emb.weight.shape))}])"
    raise KeyError(qid)
