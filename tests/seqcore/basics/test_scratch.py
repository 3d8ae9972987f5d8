"""Scratch cells loaded with a torch module's weights give its outputs."""

import pytest

from seqcore.basics.scratch import scratch_check, scratch_rnn_check


@pytest.mark.parametrize(("B", "T", "I", "H"), [(1, 1, 1, 1), (2, 5, 10, 20), (4, 12, 3, 7), (3, 50, 64, 64)])
def test_scratch_rnn_matches_nn_rnn(B, T, I, H):
    check = scratch_rnn_check(B, T, I, H, seed=B + T)
    assert check.outputs_close and check.h_close and check.max_abs_diff < 1e-5
    assert check.weight_shapes == {"W_xh": (H, I), "W_hh": (H, H), "b_h": (H,)}
    assert check.hidden.shape == (T, H) and abs(check.hidden).max() < 1


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize(("B", "T", "I", "H"), [(1, 1, 1, 1), (2, 5, 10, 20), (4, 12, 3, 7), (3, 30, 16, 64)])
def test_scratch_check_matches_torch(kind, B, T, I, H):
    check = scratch_check(kind, B, T, I, H, seed=B + T)
    assert check.outputs_close and check.h_close
    assert check.max_abs_diff < 1e-5
    gates_n = 4 if kind == "lstm" else 3
    assert check.weight_shapes["weight_ih_l0"] == (gates_n * H, I)
    assert check.weight_shapes["weight_hh_l0"] == (gates_n * H, H)
    if kind == "lstm":
        assert check.c_close is True and check.block_names == ("i", "f", "g", "o")
    else:
        assert check.c_close is None and check.block_names == ("r", "z", "n")
