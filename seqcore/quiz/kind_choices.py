"""Kinds of questions answered by choosing: predicted equalities run on a real RNN
(`hidden_state`), fixed answers with a note per option (`choice`), and the parameter counts of
an LSTM and a GRU with the reasons they differ (`param_count`).

Answer specs: `hidden_state` reads one radio per parameter case (`case0`, `case1`, ...; the first
option means "equal"); `choice` every field with `correct` options; `param_count` the fields
`reasons` (a multiselect with `correct`), `lstm` and `gru`.
"""

from __future__ import annotations

from seqcore.quiz.params import CountParams, HiddenParams
from seqcore.quiz.parsing import AnswerFormatError, normalize, parse_count
from seqcore.quiz.records import Question
from seqcore.quiz.truths import gate_counts, hidden_case
from seqcore.quiz.verdict import Grade, Kind, pick_index


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
            f"{case.rhs}도 마지막 층의 마지막 상태예요."
        )
    return f"{case.label}: {measured}. {case.rhs}는 마지막 층이 아니에요. outputs에는 마지막 층만 담겨요."


def grade_hidden(q: Question, answers: dict) -> Grade:
    """The first option means 'equal'; each case is run on a real RNN."""
    picks = [pick_index(q.field(f"case{i}"), answers.get(f"case{i}")) for i in range(len(q.params.cases))]
    reasons, all_ok = [], True
    for case, pick in zip(q.params.cases, picks):
        equal, diff = hidden_case(q.params, case)
        ok = (pick == 0) == equal
        all_ok &= ok
        reasons.append(_case_reason(case, ok, equal, f"torch.allclose → {equal} (최대 차이 {diff:.3g})"))
    if all_ok:
        return Grade(
            "correct", q.message("correct", "정답이에요! 모두 실제 RNN의 결과와 같아요."), tuple(reasons)
        )
    return Grade("wrong", "일부 예측이 실제 결과와 달라요.", tuple(reasons))


def _choice_reason(f, pick: int, fields) -> str:
    """The note of the picked option; for a wrong pick without one, whose right answer it is
    (fields that share the same options, e.g. three gates and their roles)."""
    if f.notes and f.notes[pick]:
        return f"{f.label}: {f.notes[pick]}"
    if pick in f.correct:
        return f"{f.label}: 맞았어요."
    owners = [o.label for o in fields if o.options == f.options and pick in o.correct]
    return (
        f"{f.label}: 고른 설명은 {owners[0]}의 역할이에요." if owners else f"{f.label}: 다시 생각해 보세요."
    )


def grade_choice(q: Question, answers: dict) -> Grade:
    """Every field with `correct` options must be answered with one of them."""
    graded = [f for f in q.fields if f.correct]
    picks = [pick_index(f, answers.get(f.name)) for f in graded]
    reasons = tuple(_choice_reason(f, pick, graded) for f, pick in zip(graded, picks))
    if all(p in f.correct for f, p in zip(graded, picks)):
        return Grade("correct", q.message("correct", "정답이에요!"), reasons)
    return Grade("wrong", q.message("wrong", "고른 답이 일부 달라요."), reasons)


def key_choice(q: Question) -> dict:
    return {f.name: f.options[f.correct[0]] for f in q.fields if f.correct}


def essay_keywords(q: Question, text: str) -> list[tuple[str, list[str]]]:
    """A free answer's self-check: which typical words of each graded field's right answer appear in
    the learner's sentences (`keywords`: one list per graded field)."""
    s = normalize(text)
    gates = [f.label for f in q.fields if f.correct]
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
    """Every picked reason must be true (not all are needed); counts from real modules."""
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
    missed = sorted(set(field.correct) - picked)
    reasons += [f"이것도 맞는 이유예요 (함께 알아 두세요): '{field.options[i]}'" for i in missed]
    reasons += [_count_note("lstm", lstm_n, truth, I, H), _count_note("gru", gru_n, truth, I, H)]
    if not false_picks and lstm_n == truth["lstm"] and gru_n == truth["gru"]:
        reasons.append(
            f"실제 weight_ih_l0의 행 수: LSTM {truth['lstm_blocks']}×hidden, GRU {truth['gru_blocks']}×hidden이에요."
        )
        return Grade(
            "correct",
            q.message("correct", "정답이에요! 이유와 개수 모두 실제 모듈과 같아요."),
            tuple(reasons),
        )
    return Grade("wrong", "이유나 개수가 일부 달라요.", tuple(reasons))


def key_hidden(q: Question) -> dict:
    options = q.field("case0").options
    return {
        f"case{i}": options[0 if hidden_case(q.params, c)[0] else 1] for i, c in enumerate(q.params.cases)
    }


def key_counts(q: Question) -> dict:
    counts = gate_counts(q.params.input_size, q.params.hidden_size)
    reasons = q.field("reasons")
    return {
        "reasons": [reasons.options[i] for i in reasons.correct],
        "lstm": f"{counts['lstm']:,}",
        "gru": f"{counts['gru']:,}",
    }


KINDS = {
    "hidden_state": Kind(grade_hidden, key_hidden, HiddenParams),
    "choice": Kind(grade_choice, key_choice),
    "param_count": Kind(grade_counts, key_counts, CountParams),
}
