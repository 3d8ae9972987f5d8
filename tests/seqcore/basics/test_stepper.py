import numpy as np
import pytest
import torch

from seqcore.basics import gates, step_equations, step_models, stepper
from seqcore.basics.cells import ScratchGRU, ScratchLSTM, ScratchRNN

SENTENCE = gates.EXAMPLES[0]


def _model(kind: str, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    if kind == "lstm":
        return gates.GateTagger(len(gates.VOCAB), 6, 5)
    return step_models.StepTagger(kind, len(gates.VOCAB), 6, 5)


def _layer(kind, model):
    return model.lstm if kind == "lstm" else model.rnn


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_every_step_equals_a_direct_forward_pass_of_the_module(kind):
    model = _model(kind)
    tr = stepper.trace_model(kind, model, SENTENCE)
    with torch.no_grad():
        emb = model.embedding(torch.tensor([tr.parsed.ids]))
        out, state = _layer(kind, model)(emb)
    np.testing.assert_allclose(tr.values["h"], out[0].numpy(), atol=1e-6)
    h_n, c_n = state if kind == "lstm" else (state, None)
    np.testing.assert_allclose(tr.values["h"][-1], h_n[0, 0].numpy(), atol=1e-6)
    if kind == "lstm":
        np.testing.assert_allclose(tr.values["c"][-1], c_n[0, 0].numpy(), atol=1e-6)
    np.testing.assert_allclose(tr.x, emb[0].numpy())
    assert tr.matches_torch and tr.max_abs_diff < 1e-5
    assert set(tr.checks) == ({"outputs", "h_n", "c_n"} if kind == "lstm" else {"outputs", "h_n"})


@pytest.mark.parametrize(("kind", "cell"), [("rnn", ScratchRNN), ("lstm", ScratchLSTM), ("gru", ScratchGRU)])
def test_gates_and_previous_state_match_the_scratch_cell_record(kind, cell):
    model = _model(kind, seed=3)
    tr = stepper.trace_model(kind, model, SENTENCE)
    with torch.no_grad():
        emb = model.embedding(torch.tensor([tr.parsed.ids]))
        _, _, rec = cell.from_torch(_layer(kind, model))(emb, record=True)
    for name in stepper.GATE_ORDER[kind]:
        np.testing.assert_allclose(tr.values[name], rec[name][0].numpy(), atol=1e-6)
    np.testing.assert_allclose(tr.h_prev[0], 0.0)
    np.testing.assert_allclose(tr.h_prev[1:], tr.values["h"][:-1])
    if kind == "lstm":
        np.testing.assert_allclose(tr.c_prev[1:], tr.values["c"][:-1])


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_the_parts_of_each_pre_activation_add_up_to_the_gate(kind):
    tr = stepper.trace_model(kind, _model(kind, seed=1), SENTENCE)
    for g, parts in tr.parts.items():
        pre = parts["x"] + parts["h"] + parts["b"]
        act = np.tanh(pre) if g in ("h", "g") else 1 / (1 + np.exp(-pre))
        np.testing.assert_allclose(act, tr.values[g], atol=1e-5)


def test_gru_candidate_applies_the_reset_gate_to_the_whole_h_part():
    tr = stepper.trace_model("gru", _model("gru", seed=2), SENTENCE)
    p = tr.parts["n"]
    n = np.tanh(p["x"] + p["b"] + tr.values["r"] * p["h"])
    np.testing.assert_allclose(n, tr.values["n"], atol=1e-5)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_equations_show_the_real_numbers_of_the_chosen_unit(kind):
    tr = stepper.trace_model(kind, _model(kind, seed=4), SENTENCE)
    t, u = 2, 3
    lines = step_equations.equations(tr, t, u)
    h = f"{tr.values['h'][t, u]:.2f}".replace("-", "−")
    assert lines[-1].startswith("h₃[3] = ") and lines[-1].endswith(f"= {h}")
    gate = {"rnn": "h", "lstm": "f", "gru": "r"}[kind]
    p = tr.parts[gate]
    total = f"{p['x'][t, u] + p['h'][t, u] + p['b'][t, u]:.2f}".replace("-", "−")
    assert f"({total})" in lines[0]
    assert len(lines) == {"rnn": 1, "lstm": 6, "gru": 4}[kind]


def test_equations_reject_a_step_or_unit_out_of_range():
    tr = stepper.trace_model("rnn", _model("rnn"), SENTENCE)
    with pytest.raises(IndexError):
        step_equations.equations(tr, tr.steps, 0)
    with pytest.raises(IndexError):
        step_equations.equations(tr, 0, 99)


def test_each_trace_counts_one_forward_pass_and_empty_input_is_refused():
    before = stepper.TRACE_CALLS["count"]
    stepper.trace_model("rnn", _model("rnn"), "나는 좋다 .")
    assert stepper.TRACE_CALLS["count"] == before + 1
    with pytest.raises(gates.EmptyInputError, match="비어"):
        stepper.trace_model("rnn", _model("rnn"), "   ")


def test_check_lines_and_answer_label_read_the_trace():
    tr = stepper.trace_model("lstm", _model("lstm"), "나는 <b>좋다</b> .")
    assert "# True" in step_equations.check_lines(tr) and "c_n" in step_equations.check_lines(tr)
    answer, prob, truth = step_equations.answer_label(tr, 0)
    assert answer in gates.LABELS and truth in gates.LABELS and 0 < prob <= 1


def test_gru_in_the_lessons_notation_gives_nn_grus_own_h_t():
    model = _model("gru", seed=5)
    tr = stepper.trace_model("gru", model, SENTENCE)
    lesson = stepper.in_lesson_notation(tr)
    np.testing.assert_allclose(lesson.values["z"], 1 - tr.values["z"], atol=1e-7)
    with torch.no_grad():
        out, _ = model.rnn(model.embedding(torch.tensor([tr.parsed.ids])))
    np.testing.assert_allclose(lesson.values["h"], out[0].numpy(), atol=1e-6)
    assert lesson.checks["lesson_h"] and lesson.matches_torch and lesson.notation == "lesson"
    assert "lesson_h" not in tr.checks and tr.notation == "pytorch"  # the original is unchanged
    assert stepper.in_lesson_notation(lesson) is lesson
    assert (
        "(1 - z_lesson) * h_prev + z_lesson * h_tilde, outputs, atol=1e-5)  # True"
        in step_equations.check_lines(lesson)
    )


def test_gru_lesson_equations_write_z_as_one_minus_sigma_and_mix_the_lessons_way():
    tr = stepper.in_lesson_notation(stepper.trace_model("gru", _model("gru", seed=6), SENTENCE))
    t, u = 1, 2
    r_line, z_line, cand, update = step_equations.equations(tr, t, u)
    z = tr.values["z"][t, u]
    assert z_line.startswith("z₂[2] = 1 − σ(") and z_line.endswith(f"= {z:.2f}".replace("-", "−"))
    assert cand.startswith("h̃₂[2] = tanh(")
    assert update.startswith("h₂[2] = (1 − z)·h₁ + z·h̃ = ")
    h_prev, n = tr.h_prev[t, u], tr.values["n"][t, u]
    assert tr.values["h"][t, u] == pytest.approx((1 - z) * h_prev + z * n, abs=1e-6)


def test_only_a_gru_has_a_lesson_notation():
    with pytest.raises(ValueError, match="only a GRU"):
        stepper.in_lesson_notation(stepper.trace_model("lstm", _model("lstm"), SENTENCE))
