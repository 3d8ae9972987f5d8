import math

import pytest
import torch

from seqcore.basics.gradients import (
    ClipConfig,
    build_recurrent,
    clipping_experiment,
    first_to_last_ratio,
    gradient_norms_by_model,
    per_step_gradient_norms,
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


def test_clipping_keeps_training_stable():
    calls = []
    runs = clipping_experiment(ClipConfig(steps=20), on_epoch=lambda e, t, loss: calls.append((e, t)))
    assert set(runs) == {"no_clip", "clip"}
    assert calls[-1] == (40, 40) and [e for e, _ in calls] == [5, 10, 15, 20, 25, 30, 35, 40]
    for hist in runs.values():
        assert len(hist.grad_norm) == 20
    assert runs["no_clip"].grad_norm[0] == pytest.approx(runs["clip"].grad_norm[0])  # same start
    no_clip = runs["no_clip"].train_loss[-1]
    assert not math.isfinite(no_clip) or no_clip > 100 * runs["clip"].train_loss[-1]


@pytest.mark.parametrize(("norms", "expected"), [([1e-6, 0.5, 1.0], 1e-6), ([4.0, 2.0], 2.0), ([3.0], 1.0)])
def test_first_to_last_ratio(norms, expected):
    assert first_to_last_ratio(norms) == pytest.approx(expected)


@pytest.mark.parametrize("norms", [[], [1.0, 0.0]])
def test_first_to_last_ratio_without_a_last_gradient_is_nan(norms):
    assert math.isnan(first_to_last_ratio(norms))
