import pytest
import torch
import torch.nn as nn

from seqcore.basics import gru_forms
from seqcore.basics.cells import ScratchGRU


def test_lesson_form_and_pytorch_form_differ():
    check = gru_forms.compare_gru_forms(batch=2, seq_len=6, input_size=10, hidden_size=20, seed=42)
    assert check.pytorch_close is True and check.pytorch_max_diff < 1e-6
    assert check.lesson_close is False
    assert len(check.step_diffs) == 6
    assert 0.05 < check.max_diff < 0.5  # a real gap, not rounding


@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize(("B", "T", "I", "H"), [(1, 3, 1, 1), (3, 8, 4, 16)])
def test_forms_differ_for_other_sizes_and_seeds(seed, B, T, I, H):
    check = gru_forms.compare_gru_forms(B, T, I, H, seed=seed)
    assert check.pytorch_close
    assert check.max_diff > 1e-4


def test_first_step_agrees_when_h0_and_b_hn_are_zero():
    # With h_0 = 0 and b_hn = 0 both candidates are tanh(W_in x + b_in): where r is applied
    # cannot matter yet, so the first step must agree (and the comparison is wired right).
    torch.manual_seed(0)
    gru = nn.GRU(3, 4, batch_first=True)
    with torch.no_grad():
        gru.bias_hh_l0[8:].zero_()  # b_hn = 0
    cell = ScratchGRU.from_torch(gru)
    x, h0 = torch.randn(2, 1, 3), torch.zeros(2, 4)
    with torch.no_grad():
        a = gru_forms.run_form(gru_forms.pytorch_step, cell, x, h0)
        b = gru_forms.run_form(gru_forms.lesson_step, gru_forms.as_lesson_cell(cell), x, h0)
    assert torch.allclose(a, b, atol=1e-6)


def test_only_the_candidate_separates_them():
    # The lesson's update line with PyTorch's candidate gives nn.GRU exactly: the z swap is right.
    def hybrid(cell, x_t, h):
        r = torch.sigmoid(x_t @ cell.W_xr.T + cell.b_xr + h @ cell.W_hr.T + cell.b_hr)
        z = torch.sigmoid(x_t @ cell.W_xz.T + cell.b_xz + h @ cell.W_hz.T + cell.b_hz)
        n = torch.tanh(x_t @ cell.W_xn.T + cell.b_xn + r * (h @ cell.W_hn.T + cell.b_hn))
        return (1 - z) * h + z * n

    torch.manual_seed(3)
    gru = nn.GRU(5, 6, batch_first=True)
    x, h0 = torch.randn(2, 7, 5), torch.randn(2, 6)
    with torch.no_grad():
        out, _ = gru(x, h0.unsqueeze(0))
        mixed = gru_forms.run_form(hybrid, gru_forms.as_lesson_cell(ScratchGRU.from_torch(gru)), x, h0)
    assert torch.allclose(mixed, out, atol=1e-6)


def test_summary_names_the_gap_and_the_cause():
    check = gru_forms.compare_gru_forms()
    text = gru_forms.forms_summary(check)
    assert f"{check.max_diff:.3f}" in text and "후보" in text and "같은 셀이 아니라" in text
    same = gru_forms.GruFormsCheck(True, True, (0.0, 0.0), 0.0)
    assert "같았어요" in gru_forms.forms_summary(same)


def test_lesson_update_with_one_minus_z_is_pytorchs_update_line():
    import numpy as np

    rng = np.random.default_rng(0)
    z_torch, n, h_prev = rng.random(5), rng.uniform(-1, 1, 5), rng.uniform(-1, 1, 5)
    pytorch_line = (1 - z_torch) * n + z_torch * h_prev
    lesson = gru_forms.lesson_update(gru_forms.lesson_z(z_torch), h_prev, n)
    np.testing.assert_allclose(lesson, pytorch_line, atol=1e-12)
    t = torch.tensor(z_torch)
    assert torch.allclose(gru_forms.lesson_z(t), torch.sigmoid(-torch.logit(t)))  # 1 - σ(a) = σ(-a)
