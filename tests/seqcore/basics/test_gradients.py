import math

import pytest
import torch

from seqcore.basics.gradients import (
    build_recurrent,
    first_to_last_ratio,
    gradient_norms_by_model,
    lstm_forget_gates,
    per_step_gradient_norms,
    plain_number,
    probe_by_model,
    probe_gradients,
    simulate_gradient_flow,
)


@pytest.mark.parametrize(
    ("seq_len", "mult", "first"),
    [
        (10, 0.7, 4.04e-02),
        (30, 0.7, 3.22e-05),
        (50, 0.7, 2.57e-08),
        (100, 0.7, 4.62e-16),
        (5, 2.0, 16.0),
        (1, 0.5, 1.0),
    ],
)
def test_simulate_gradient_flow_matches_the_lesson(seq_len, mult, first):
    grads = simulate_gradient_flow(seq_len, mult)
    assert len(grads) == seq_len and grads[-1] == 1.0
    assert grads[0] == pytest.approx(first, rel=1e-2)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize(
    ("seq_len", "hidden", "scale"), [(1, 1, 1.0), (20, 8, 0.5), (200, 32, 1.0), (50, 16, 4.0)]
)
def test_gradient_norms_one_finite_value_per_step(kind, seq_len, hidden, scale):
    norms = per_step_gradient_norms(kind, seq_len, hidden, scale, seed=1)
    assert len(norms) == seq_len
    assert all(math.isfinite(v) and v >= 0 for v in norms)
    assert norms[-1] > 0


def test_rnn_gradient_vanishes_toward_the_start():
    norms = gradient_norms_by_model(100, 32, 1.0, seed=0)
    for kind, values in norms.items():
        assert values[0] < values[-1] * 1e-3, kind
    # the gated models lose less over 100 steps than the plain RNN
    assert norms["rnn"][0] < norms["lstm"][0] and norms["rnn"][0] < norms["gru"][0]


def test_large_recurrent_weights_explode_the_rnn_gradient():
    norms = per_step_gradient_norms("rnn", 60, 32, 4.0, seed=0)
    assert norms[0] > norms[-1] * 100


def test_weight_scale_multiplies_w_hh_only():
    base = build_recurrent("lstm", 3, 4, 1.0, seed=0)
    scaled = build_recurrent("lstm", 3, 4, 2.5, seed=0)
    assert torch.allclose(scaled.weight_hh_l0, base.weight_hh_l0 * 2.5)
    assert torch.equal(scaled.weight_ih_l0, base.weight_ih_l0)


@pytest.mark.parametrize(("seq_len", "hidden"), [(0, 8), (301, 8), (10, 0), (10, 257)])
def test_bounds_are_checked(seq_len, hidden):
    with pytest.raises(ValueError):
        per_step_gradient_norms("rnn", seq_len, hidden)


@pytest.mark.parametrize(("norms", "expected"), [([1e-6, 0.5, 1.0], 1e-6), ([4.0, 2.0], 2.0), ([3.0], 1.0)])
def test_first_to_last_ratio(norms, expected):
    assert first_to_last_ratio(norms) == pytest.approx(expected)


@pytest.mark.parametrize("norms", [[], [1.0, 0.0]])
def test_first_to_last_ratio_without_a_last_gradient_is_nan(norms):
    assert math.isnan(first_to_last_ratio(norms))


def test_forget_bias_ratio_grows_with_the_bias():
    ratios, gates = [], []
    for bias in (0.0, 1.0, 2.0, 4.0):
        probe = probe_gradients("lstm", 100, 32, 1.0, forget_bias=bias)
        ratios.append(first_to_last_ratio(probe.norms))
        gates.append(probe.forget_mean)
    assert ratios == sorted(ratios) and ratios[-1] > 1e10 * ratios[0]
    assert gates == sorted(gates) and 0.45 < gates[0] < 0.55 and gates[-1] > 0.95


def test_forget_bias_reaches_only_the_lstm():
    plain = probe_by_model(50, 16, 1.0)
    biased = probe_by_model(50, 16, 1.0, forget_bias=2.0)
    assert biased["rnn"].norms == plain["rnn"].norms and biased["gru"].norms == plain["gru"].norms
    assert biased["lstm"].norms != plain["lstm"].norms
    assert plain["rnn"].forget_mean is None and plain["lstm"].forget_mean is not None


def test_forget_gates_are_the_ones_the_lstm_used():
    lstm = build_recurrent("lstm", 3, 4, 1.0, seed=0, forget_bias=1.5)
    x = torch.randn(2, 6, 3)
    outputs, _ = lstm(x)
    gates = lstm_forget_gates(lstm, x, outputs)  # (B, T, H)
    cell = torch.nn.LSTMCell(3, 4)
    cell.load_state_dict({k.removesuffix("_l0"): v for k, v in lstm.state_dict().items()})
    h = c = torch.zeros(2, 4)
    for t in range(6):
        pre = x[:, t] @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
        assert torch.allclose(torch.sigmoid(pre[:, 4:8]), gates[:, t], atol=1e-6)
        h, c = cell(x[:, t], (h, c))


@pytest.mark.parametrize(
    ("x", "shown"),
    [
        (2.7e-28, "2.7 × 10⁻²⁸"),
        (0.0163, "0.0163"),
        (2.4, "2.4"),
        (12345.6, "12,346"),
        (3e7, "3.0 × 10⁷"),
        (0.0, "0"),
        (math.inf, "∞"),
    ],
)
def test_plain_number_has_no_e_notation(x, shown):
    assert plain_number(x) == shown
