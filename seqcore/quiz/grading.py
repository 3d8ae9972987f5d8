"""Graders for the quiz: read the learner's answers and compare them with the truth that torch
computes from each question's parameters (`seqcore.quiz.truths`), or, for the questions with a
fixed answer, with the options marked `correct` in the question's data file.

`check` grades any question and never raises on an answer: a malformed one becomes status
"format" (a hint, never counted as wrong), no answer at all becomes "empty".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from seqcore.core.cache import CacheStore, memo
from seqcore.quiz import training as qt
from seqcore.quiz import truths
from seqcore.quiz.parsing import (
    AnswerFormatError,
    fmt_shape,
    normalize,
    parse_count,
    parse_numbers,
    parse_shape,
)
from seqcore.quiz.questions import BY_ID, Question, load_question
from seqcore.quiz.truths import embedding_shape, gate_counts, hidden_case, rnn_shapes, windows

log = logging.getLogger(__name__)
FORMAT_MESSAGE = "입력 형식을 확인해 주세요. 이번 답은 채점하지 않았어요 (오답으로 세지 않아요)."
EMPTY_MESSAGE = "아직 답하지 않았어요. 답을 입력하거나 고른 뒤 채점해요."


@dataclass(frozen=True)
class Grade:
    status: str  # "correct" | "wrong" | "format" | "empty"
    message: str  # one-line headline (Korean)
    reasons: tuple[str, ...] = ()  # why: the rule with real numbers, or the likely misconception

    @property
    def counted(self) -> bool:
        return self.status in ("correct", "wrong")

    def as_dict(self) -> dict:
        return {"status": self.status, "message": self.message, "reasons": list(self.reasons)}


def _pick_index(f, answer) -> int:
    """Index of a chosen option; a value that is not one of them is a format problem."""
    if answer not in f.options:
        raise AnswerFormatError(f"{f.label}: 보기 중 하나를 골라 주세요.")
    return f.options.index(answer)


# ---------------------------------------------------------------- misconceptions


def _output_notes(p, B, T, I, H, L, D) -> dict:
    return {
        (B, T, I): f"outputs의 마지막 차원은 input_size({I})가 아니라 hidden_size예요.",
        (T, B, D * H): "batch_first=True라 outputs는 (batch, seq_len, ...) 순서예요.",
        (B, D * H): "outputs는 마지막 시점만이 아니라 모든 시점의 출력이라 seq_len 차원이 있어요.",
        (L * D, B, H): "그건 h_n의 shape이에요. outputs는 (batch, seq_len, hidden × 방향 수)예요.",
        (B, T, L * D * H): "outputs는 마지막 층의 출력만 담아요. 층 수를 곱하지 않아요.",
    } | ({(B, T, H): f"양방향이면 두 방향의 출력을 이어 붙여서 마지막 차원이 hidden × 2 = {2 * H}예요."}
         if p.bidirectional else {})  # fmt: skip


def _state_notes(name, p, B, T, I, H, L, D) -> dict:
    notes = {
        (B, L * D, H): f"batch_first=True는 {name}에는 적용되지 않아요. {name}은 항상 (num_layers × 방향 수, batch, hidden)이에요.",
        (1, B, H): f"층(과 방향)마다 마지막 상태가 하나씩 있어서 첫 차원은 num_layers × 방향 수 = {L * D}예요.",
        (B, H): f"{name}은 3차원이에요: (num_layers × 방향 수, batch, hidden).",
        (B, T, D * H): f"그건 outputs의 shape이에요. {name}은 마지막 시점의 상태만 담아요.",
        (L * D, B, I): "마지막 차원은 input_size가 아니라 hidden_size예요.",
        (L * D, T, H): f"{name}의 두 번째 차원은 seq_len이 아니라 batch예요.",
        (L * D, B, 2 * H): f"마지막 차원은 hidden_size({H})와 같아요. 두 배로 늘지 않아요.",
    }  # fmt: skip
    if p.bidirectional:  # notes about the two directions only where there are two
        notes[(L, B, H)] = f"양방향이면 방향마다 하나씩이라 첫 차원은 num_layers × 2 = {2 * L}예요."
        notes[(L, B, 2 * H)] = f"{name}은 두 방향을 이어 붙이지 않고 첫 차원에 쌓아요."
    return notes


def rnn_shape_note(name: str, got: tuple[int, ...], p) -> str:
    """The likely misconception behind a wrong outputs / h_n / c_n shape."""
    dims = (p.batch, p.seq_len, p.input_size, p.hidden_size, p.num_layers, 2 if p.bidirectional else 1)
    notes = _output_notes(p, *dims) if name == "outputs" else _state_notes(name, p, *dims)
    return notes.get(tuple(got), f"{name}의 차원 순서와 크기를 규칙에 맞춰 다시 세어 보세요.")


# ---------------------------------------------------------------- graders


def _shape_grade(q: Question, answers: dict, truth: dict[str, tuple[int, ...]], note) -> Grade:
    got = {name: parse_shape(answers.get(name), q.field(name).label) for name in truth}
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


def grade_rnn_shapes(q: Question, answers: dict) -> Grade:
    """Q1 and Q6: the shapes the question's real module returns."""
    return _shape_grade(q, answers, rnn_shapes(q.params), lambda n, g: rnn_shape_note(n, g, q.params))


def _case_reason(case, ok: bool, equal: bool, measured: str) -> str:
    if ok:
        return f"{case.label}: 맞았어요. {measured}"
    if case.bidirectional:
        return (
            f"{case.label}: {measured}. 역방향은 t=0에서 끝나요. outputs[:, -1, H:]는 역방향이 한 칸만 읽은 "
            "상태라 h_n의 역방향 최종 상태와 달라요."
        )
    if equal:
        return (
            f"{case.label}: {measured}. RNN의 출력은 은닉 상태 그 자체예요. outputs는 마지막 층의 출력이고 "
            f"`{case.rhs}`도 마지막 층의 마지막 상태예요."
        )
    return f"{case.label}: {measured}. `{case.rhs}`는 마지막 층이 아니에요. outputs에는 마지막 층만 담겨요."


def grade_hidden(q: Question, answers: dict) -> Grade:
    """Q2: the first option means 'equal'; each case is run on a real RNN."""
    picks = [_pick_index(q.field(f"case{i}"), answers.get(f"case{i}")) for i in range(len(q.params.cases))]
    reasons, all_ok = [], True
    for case, pick in zip(q.params.cases, picks):
        equal, diff = hidden_case(q.params, case)
        ok = (pick == 0) == equal
        all_ok &= ok
        reasons.append(_case_reason(case, ok, equal, f"torch.allclose → {equal} (최대 차이 {diff:.3g})"))
    if all_ok:
        return Grade("correct", "정답이에요! 세 경우 모두 실제 RNN의 결과와 같아요.", tuple(reasons))
    return Grade("wrong", "일부 예측이 실제 결과와 달라요.", tuple(reasons))


def grade_sequence_kind(q: Question, answers: dict) -> Grade:
    """Q3: a fixed answer; every option has its own note in the data file."""
    choice, reason = q.field("choice"), q.field("reason")
    ci, ri = _pick_index(choice, answers.get("choice")), _pick_index(reason, answers.get("reason"))
    reasons = (choice.notes[ci], reason.notes[ri])
    if ci in choice.correct and ri in reason.correct:
        return Grade("correct", "정답이에요! 순서가 의미를 갖지 않는 데이터를 골랐어요.", reasons)
    head = (
        "이유를 다시 생각해 보세요."
        if ci in choice.correct
        else f"'{choice.options[ci]}'는 시퀀스 데이터예요."
    )
    return Grade("wrong", head, reasons)


def grade_gates(q: Question, answers: dict) -> Grade:
    """Q4: each gate field has one right role; a distractor has a note, another gate's role is named."""
    gates = [f for f in q.fields if f.kind == "select"]
    picks = [_pick_index(f, answers.get(f.name)) for f in gates]
    owner = {f.correct[0]: f.label for f in gates}
    reasons = []
    for f, pick in zip(gates, picks):
        if pick in f.correct:
            reasons.append(f"{f.label}: 맞았어요.")
        elif f.notes[pick]:
            reasons.append(f"{f.label}: {f.notes[pick]}")
        else:
            reasons.append(f"{f.label}: 고른 설명은 {owner[pick]}의 역할이에요.")
    if all(p in f.correct for f, p in zip(gates, picks)):
        return Grade("correct", "정답이에요! 세 게이트의 역할을 모두 맞혔어요.", tuple(reasons))
    return Grade("wrong", "게이트와 역할의 짝이 일부 달라요.", tuple(reasons))


def essay_keywords(q: Question, text: str) -> list[tuple[str, list[str]]]:
    """Q4 self-check: which typical words of each gate's role appear in the learner's sentences."""
    s = normalize(text)
    gates = [f.label for f in q.fields if f.kind == "select"]
    return [(gate, [w for w in words if w in s]) for gate, words in zip(gates, q.keywords)]


def _count_note(name: str, got: int, truth: dict, I: int, H: int) -> str:
    blocks, other = truth[f"{name}_blocks"], truth["gru" if name == "lstm" else "lstm"]
    head = name.upper()
    notes = {
        truth[name]: f"{head}: {got:,} 맞았어요 (count_params와 같아요).",
        blocks * H * H: f"{head}: 강의 표의 {blocks}·H²는 W_hh만 센 값이에요. 묶음마다 W_ih ({H}×{I})와 "
        f"b_ih, b_hh ({H}씩)도 있어서 {blocks} × ({H}·{I} + {H}·{H} + 2·{H})예요.",
        blocks * H * (I + H): f"{head}: bias를 빠뜨렸어요. PyTorch는 묶음마다 b_ih, b_hh 두 벌을 가져요.",
        blocks * (H * (I + H) + H): f"{head}: bias가 묶음마다 두 벌(b_ih, b_hh)이에요. 한 벌만 셌어요.",
        other: f"{head}: LSTM과 GRU의 개수를 바꿔 쓴 것 같아요.",
        truth["rnn"]: f"{head}: 그건 기본 RNN(묶음 1개)의 개수예요. {blocks}를 곱해야 해요.",
    }
    return notes.get(
        got, f"{head}: {got:,}는 아니에요. 묶음 {blocks}개 × (W_ih + W_hh + b_ih + b_hh)로 세어 보세요."
    )


def grade_counts(q: Question, answers: dict) -> Grade:
    """Q5: every picked reason must be true (not all are needed); counts from real modules."""
    field = q.field("reasons")
    chosen = answers.get("reasons")
    chosen = chosen if isinstance(chosen, list | tuple) else []
    lstm_n = parse_count(answers.get("lstm"), q.field("lstm").label)
    gru_n = parse_count(answers.get("gru"), q.field("gru").label)
    picked = {field.options.index(r) for r in chosen if r in field.options}
    if not picked:
        raise AnswerFormatError(f"{field.label}: 이유를 하나 이상 골라 주세요.")
    I, H = q.params.input_size, q.params.hidden_size
    truth = gate_counts(I, H)
    false_picks = sorted(picked - set(field.correct))
    reasons = [f"'{field.options[i]}': {field.notes[i]}" for i in false_picks]
    reasons += [f"맞는 이유예요: '{field.options[i]}'" for i in sorted(picked & set(field.correct))]
    reasons += [f"이것도 맞는 이유예요 (함께 알아 두세요): '{field.options[i]}'"
                for i in sorted(set(field.correct) - picked)]  # fmt: skip
    reasons += [_count_note("lstm", lstm_n, truth, I, H), _count_note("gru", gru_n, truth, I, H)]
    if not false_picks and lstm_n == truth["lstm"] and gru_n == truth["gru"]:
        reasons.append(
            f"실제 weight_ih_l0의 행 수: LSTM {truth['lstm_blocks']}×hidden, GRU {truth['gru_blocks']}×hidden이에요."
        )
        return Grade("correct", "정답이에요! 이유와 개수 모두 실제 모듈과 같아요.", tuple(reasons))
    return Grade("wrong", "이유나 개수가 일부 달라요.", tuple(reasons))


def _window_shape_reason(got: tuple[int, ...], shape: tuple[int, int]) -> str:
    n, s = shape
    if got == shape:  # first: with n == s the swapped order is the same tuple
        return f"X: {fmt_shape(shape)} 맞았어요."
    notes = {
        (n + 1, s): f"X: 창은 len(prices) - seq_length = {n}개예요. 마지막 창은 다음 날 값이 없어서 만들 수 없어요.",
        (n, s, 1): "X: create_sequences는 2차원 (창 개수, seq_length)를 돌려줘요. (…, 1)은 LSTM에 넣을 때 따로 reshape해요.",
        (s, n): "X: 순서가 바뀌었어요. 첫 차원이 창 개수, 두 번째가 seq_length예요.",
    }  # fmt: skip
    return notes.get(got, "X: (창 개수, seq_length)의 2차원이에요. 창 개수를 다시 세어 보세요.")


def grade_windows(q: Question, answers: dict) -> Grade:
    """Q7: X's shape and y's values, from the lesson's create_sequences run now."""
    p = q.params
    x_shape = parse_shape(answers.get("X"), q.field("X").label)
    y_vals = parse_numbers(answers.get("y"), q.field("y").label)
    X, y = windows(p)
    reasons = [_window_shape_reason(x_shape, tuple(X.shape))]
    same_len = len(y_vals) == len(y)
    y_ok = same_len and np.allclose(y_vals, y)
    if y_ok:
        reasons.append("y: 맞았어요. 각 창 바로 다음 날 값이에요.")
    elif same_len and np.allclose(y_vals, np.array(p.prices, dtype=float)[p.seq_length - 1 : -1]):
        reasons.append("y: 창의 마지막 값이 아니라 그 다음 날 값이 y예요.")
    elif not same_len:
        reasons.append(f"y: 값이 {len(y_vals)}개예요. y는 창 개수만큼 있어요.")
    else:
        reasons.append("y: 각 창(i ~ i+seq_length-1) 바로 다음 값 data[i+seq_length]를 모아 보세요.")
    if x_shape == X.shape and y_ok:
        return Grade("correct", "정답이에요! create_sequences의 결과와 같아요.", tuple(reasons))
    return Grade("wrong", "X나 y가 create_sequences의 결과와 달라요.", tuple(reasons))


def grade_embedding(q: Question, answers: dict) -> Grade:
    """Q8: the shape a real nn.Embedding returns."""
    p = q.params
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
    default = "입력 shape 뒤에 embedding_dim이 붙는지 확인해 보세요."
    return _shape_grade(q, answers, {"out": embedding_shape(p)}, lambda n, g: notes.get(tuple(g), default))


def grade_requirements(reqs) -> Grade:
    """Q9/Q10: every requirement read from the trained model must hold."""
    reasons = tuple(
        f"✅ {r.label} (실제: {r.got})" if r.ok else f"❌ {r.label} (실제: {r.got})" + (f" → {r.note}" if r.note else "")
        for r in reqs
    )  # fmt: skip
    if all(r.ok for r in reqs):
        return Grade("correct", "정답이에요! 모든 요구사항을 학습된 모델에서 확인했어요.", reasons)
    return Grade("wrong", "요구사항 중 일부가 맞지 않아요. ❌ 표시를 확인해 보세요.", reasons)


# ---------------------------------------------------------------- training questions


def direct_train(store, fn, config):
    """Train without any cache (the command line); the page passes ui.train_cached instead."""
    return fn(config)


def grade_sine(q: Question, answers: dict, train: Callable, seed: int) -> tuple[Grade, dict | None]:
    cfg = qt.sine_config(answers, seed)
    gaps = qt.sine_gaps(cfg)
    if gaps:  # not a wrong attempt: say what to change, train nothing
        head = "요구사항과 다른 설정이 있어요. 아래처럼 바꾼 뒤 다시 눌러 주세요 (오답으로 세지 않아요)."
        return Grade("format", head, tuple(gaps)), None
    res = train(qt.SINE_STORE, qt.train_sine, cfg)
    return grade_requirements(qt.check_sine(res)), qt.sine_summary(res)


def grade_sentiment(q: Question, answers: dict, train: Callable, seed: int) -> tuple[Grade, dict | None]:
    res = train(qt.SENTIMENT_STORE, qt.train_sentiment, qt.sentiment_config(answers, seed))
    return grade_requirements(qt.check_sentiment(res)), qt.sentiment_summary(res)


GRADERS: dict[str, Callable[[Question, dict], Grade]] = {
    "q1": grade_rnn_shapes,
    "q2": grade_hidden,
    "q3": grade_sequence_kind,
    "q4": grade_gates,
    "q5": grade_counts,
    "q6": grade_rnn_shapes,
    "q7": grade_windows,
    "q8": grade_embedding,
}
TRAINERS = {"sine": grade_sine, "sentiment": grade_sentiment}


def _answered(value: Any) -> bool:
    return value not in (None, "", [], ()) and not (isinstance(value, str) and not value.strip())


def check(
    qid: str, answers: dict, params=None, *, train: Callable = direct_train, seed: int = 42
) -> tuple[Grade, dict | None]:
    """Grade one question as the page does: (grade, training summary or None). Never raises on an
    answer; an unknown qid is a KeyError. Answers for fields the question lacks are ignored."""
    q = BY_ID[qid] if params is None else load_question(qid, params)
    answers = {f.name: answers.get(f.name) for f in q.fields if f.name in answers}
    if not any(_answered(v) for v in answers.values()):
        return Grade("empty", EMPTY_MESSAGE), None
    try:
        if q.trains:
            return TRAINERS[q.config](q, answers, train, seed)
        return GRADERS[qid](q, answers), None
    except AnswerFormatError as e:
        return Grade("format", FORMAT_MESSAGE, (str(e),)), None
    except (TypeError, ValueError, OverflowError, KeyError, IndexError) as e:  # a value no widget gives
        log.warning("quiz %s: unreadable answer (%s)", qid, type(e).__name__)
        return Grade(
            "format", FORMAT_MESSAGE, ("답을 읽지 못했어요. 입력 칸의 안내대로 다시 입력해 주세요.",)
        ), None


def grade(qid: str, answers: dict, params=None) -> Grade:
    """The grade alone (q1-q10; q9/q10 train without a cache)."""
    return check(qid, answers, params)[0]


OUTPUT_STORE = CacheStore("quiz_solution_output", max_entries=32)


@memo(OUTPUT_STORE)
def solution_output(qid: str, params=None) -> str:
    """What the solution of q1-q8 prints, computed now."""
    return truths.solution_output(qid, BY_ID[qid].params if params is None else params)


def solution(qid: str, *, train: Callable = direct_train, seed: int = 42) -> str:
    """What a question's solution code prints; a training question trains its solution (through
    `train`, so the page's cache serves it)."""
    q = BY_ID[qid]
    if not q.trains:
        return solution_output(qid)
    store, fn, show = qt.SOLUTIONS[q.config]
    return show(train(store, fn, qt.solution_config(q.config, seed)))
