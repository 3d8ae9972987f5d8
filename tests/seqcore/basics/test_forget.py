"""The cell-state path: dC_T/dC_0 along C is the product of the forget gates."""

import pytest

from seqcore.basics import forget


@pytest.fixture(scope="module")
def decay():
    return forget.forget_gate_decay(forget.ForgetDecayConfig(seq_len=30, biases=(0.0, 1.0, 2.0, 4.0)))


def test_forget_gate_and_gradient_grow_with_the_forget_bias(decay):
    assert [d.bias for d in decay] == [0.0, 1.0, 2.0, 4.0]
    for a, b in zip(decay, decay[1:]):
        assert b.mean_forget > a.mean_forget
        assert b.cell_path > a.cell_path
        assert b.autograd > a.autograd
    # PyTorch's default init puts f near sigmoid(0) = 0.5, so 30 steps shrink the path below 1e-6.
    assert 0.4 < decay[0].mean_forget < 0.6
    assert decay[0].cell_path < 1e-6 < decay[-1].cell_path


def test_cell_path_is_the_product_of_the_real_forget_gates():
    # One step from C_0: dC_1/dC_0 = f_1, and autograd through nn.LSTM (no h path yet) says so too.
    (d,) = forget.forget_gate_decay(forget.ForgetDecayConfig(seq_len=1, biases=(1.0,)))
    assert d.cell_path == pytest.approx(d.mean_forget, rel=1e-6)
    assert d.autograd == pytest.approx(d.mean_forget, rel=1e-5)


def test_gradient_shrinks_with_length():
    short, long = (
        forget.forget_gate_decay(forget.ForgetDecayConfig(seq_len=T, biases=(0.0,)))[0] for T in (5, 60)
    )
    assert long.cell_path < short.cell_path * 1e-6


def test_decay_summary_says_alleviates_not_solves(decay):
    text = forget.forget_decay_summary(decay, 30)
    assert "완화" in text and "30단계" in text
    assert f"{decay[0].cell_path:.1e}" in text and f"{decay[-1].cell_path:.1e}" in text
