"""Kinds of shape questions: a recurrent module's outputs and states (`rnn_shape`), an
embedding's output (`embedding_shape`), the lesson's `create_sequences` windows (`windows`).
The truth comes from running torch (`truths`); a wrong shape is matched with the misconception
that most likely produced it.

Field names are the kind's answer spec: `rnn_shape` grades fields named outputs, h_n, c_n (those
the question has); `embedding_shape` a field `out`; `windows` the fields `X` (shape) and `y`.
"""

from __future__ import annotations

import numpy as np

from seqcore.quiz.params import EmbeddingParams, RNNShapeParams, WindowParams
from seqcore.quiz.parsing import fmt_shape, parse_numbers, parse_shape
from seqcore.quiz.records import Question
from seqcore.quiz.truths import embedding_shape, rnn_shapes, windows
from seqcore.quiz.verdict import Grade, Kind


def _output_notes(p, B, T, I, H, L, D) -> dict:
    notes = {
        (B, T, I): f"outputs의 마지막 차원은 input_size({I})가 아니라 hidden_size예요.",
        (T, B, D * H): "batch_first=True라 outputs는 (batch, seq_len, ...) 순서예요.",
        (B, D * H): "outputs는 마지막 시점만이 아니라 모든 시점의 출력이라 seq_len 차원이 있어요.",
        (L * D, B, H): "그건 h_n의 shape이에요. outputs는 (batch, seq_len, hidden × 방향 수)예요.",
        (B, T, L * D * H): "outputs는 마지막 층의 출력만 담아요. 층 수를 곱하지 않아요.",
    }
    if p.bidirectional:
        notes[(B, T, H)] = f"양방향이면 두 방향의 출력을 이어 붙여서 마지막 차원이 hidden × 2 = {2 * H}예요."
    return notes


def _state_notes(name, p, B, T, I, H, L, D) -> dict:
    rule = "(num_layers × 방향 수, batch, hidden)"
    notes = {
        (B, L * D, H): f"batch_first=True는 {name}에는 적용되지 않아요. {name}은 항상 {rule}이에요.",
        (
            1,
            B,
            H,
        ): f"층(과 방향)마다 마지막 상태가 하나씩 있어서 첫 차원은 num_layers × 방향 수 = {L * D}예요.",
        (B, H): f"{name}은 3차원이에요: {rule}.",
        (B, T, D * H): f"그건 outputs의 shape이에요. {name}은 마지막 시점의 상태만 담아요.",
        (L * D, B, I): "마지막 차원은 input_size가 아니라 hidden_size예요.",
        (L * D, T, H): f"{name}의 두 번째 차원은 seq_len이 아니라 batch예요.",
        (L * D, B, 2 * H): f"마지막 차원은 hidden_size({H})와 같아요. 두 배로 늘지 않아요.",
    }
    if p.bidirectional:  # notes about the two directions only where there are two
        notes[(L, B, H)] = f"양방향이면 방향마다 하나씩이라 첫 차원은 num_layers × 2 = {2 * L}예요."
        notes[(L, B, 2 * H)] = f"{name}은 두 방향을 이어 붙이지 않고 첫 차원에 쌓아요."
    return notes


def rnn_shape_note(name: str, got: tuple[int, ...], p) -> str:
    """The likely misconception behind a wrong outputs / h_n / c_n shape."""
    dims = (p.batch, p.seq_len, p.input_size, p.hidden_size, p.num_layers, 2 if p.bidirectional else 1)
    notes = _output_notes(p, *dims) if name == "outputs" else _state_notes(name, p, *dims)
    return notes.get(tuple(got), f"{name}의 차원 순서와 크기를 규칙에 맞춰 다시 세어 보세요.")


def _shape_grade(q: Question, answers: dict, truth: dict[str, tuple[int, ...]], note) -> Grade:
    truth = {f.name: truth[f.name] for f in q.fields if f.name in truth}  # the shapes it asks for
    got = {name: parse_shape(answers.get(name), q.field(name).label) for name in truth}
    wrong = [name for name in truth if got[name] != truth[name]]
    if not wrong:
        reasons = tuple(f"{n}: {fmt_shape(s)}" for n, s in truth.items())
        return Grade("correct", q.message("correct", "정답이에요! torch가 돌려준 shape과 같아요."), reasons)
    right = [f"{n}: 맞았어요." for n in truth if n not in wrong]
    return Grade(
        "wrong",
        f"{', '.join(wrong)}의 shape이 달라요.",
        tuple(f"{n}: {note(n, got[n])}" for n in wrong) + tuple(right),
    )


def grade_rnn_shapes(q: Question, answers: dict) -> Grade:
    """The shapes the question's real module returns."""
    return _shape_grade(q, answers, rnn_shapes(q.params), lambda n, g: rnn_shape_note(n, g, q.params))


def _window_shape_reason(got: tuple[int, ...], shape: tuple[int, int]) -> str:
    n, s = shape
    if got == shape:  # first: with n == s the swapped order is the same tuple
        return f"X: {fmt_shape(shape)} 맞았어요."
    notes = {
        (n + 1, s): f"X: 창은 len(prices) - seq_length = {n}개예요. 마지막 창은 다음 날 값이 없어서 "
        "만들 수 없어요.",
        (n, s, 1): "X: create_sequences는 2차원 (창 개수, seq_length)를 돌려줘요. (…, 1)은 LSTM에 넣을 때 "
        "따로 reshape해요.",
        (s, n): "X: 순서가 바뀌었어요. 첫 차원이 창 개수, 두 번째가 seq_length예요.",
    }
    return notes.get(got, "X: (창 개수, seq_length)의 2차원이에요. 창 개수를 다시 세어 보세요.")


def grade_windows(q: Question, answers: dict) -> Grade:
    """X's shape and y's values, from the lesson's create_sequences run now."""
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
        return Grade(
            "correct", q.message("correct", "정답이에요! create_sequences의 결과와 같아요."), tuple(reasons)
        )
    return Grade("wrong", "X나 y가 create_sequences의 결과와 달라요.", tuple(reasons))


def grade_embedding(q: Question, answers: dict) -> Grade:
    """The shape a real nn.Embedding returns."""
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


def _shape_key(truth: dict) -> dict:
    return {name: fmt_shape(shape) for name, shape in truth.items()}


def key_rnn_shapes(q: Question) -> dict:
    return _shape_key({f.name: s for f in q.fields for n, s in rnn_shapes(q.params).items() if n == f.name})


def key_windows(q: Question) -> dict:
    X, y = windows(q.params)
    return {"X": fmt_shape(X.shape), "y": ", ".join(f"{v:g}" for v in y)}


KINDS = {
    "rnn_shape": Kind(grade_rnn_shapes, key_rnn_shapes, RNNShapeParams),
    "embedding_shape": Kind(
        grade_embedding, lambda q: _shape_key({"out": embedding_shape(q.params)}), EmbeddingParams
    ),
    "windows": Kind(grade_windows, key_windows, WindowParams),
}
