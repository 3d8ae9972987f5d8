import pytest
import torch
import torch.nn as nn

from seqcore.basics.cells import ScratchGRU, ScratchLSTM, ScratchRNN

SIZES = [(1, 1, 1, 1), (2, 5, 10, 20), (4, 12, 3, 7), (3, 30, 16, 64)]  # (B, T, input, hidden)


@pytest.mark.parametrize(("B", "T", "I", "H"), SIZES)
def test_scratch_rnn_equals_nn_rnn(B, T, I, H):
    torch.manual_seed(B * 100 + T)
    rnn = nn.RNN(I, H, batch_first=True)
    x = torch.randn(B, T, I)
    h0 = torch.randn(1, B, H)
    out, h_n = rnn(x, h0)
    s_out, s_h = ScratchRNN.from_torch(rnn)(x, h0[0])
    assert torch.allclose(out, s_out, atol=1e-6)
    assert torch.allclose(h_n[0], s_h, atol=1e-6)


@pytest.mark.parametrize(("B", "T", "I", "H"), SIZES)
def test_scratch_lstm_equals_nn_lstm(B, T, I, H):
    torch.manual_seed(B * 100 + T)
    lstm = nn.LSTM(I, H, batch_first=True)
    x = torch.randn(B, T, I)
    h0, c0 = torch.randn(1, B, H), torch.randn(1, B, H)
    out, (h_n, c_n) = lstm(x, (h0, c0))
    s_out, (s_h, s_c), rec = ScratchLSTM.from_torch(lstm)(x, (h0[0], c0[0]), record=True)
    assert torch.allclose(out, s_out, atol=1e-6)
    assert torch.allclose(h_n[0], s_h, atol=1e-6)
    assert torch.allclose(c_n[0], s_c, atol=1e-6)
    for gate in "ifo":
        assert rec[gate].shape == (B, T, H)
        assert ((rec[gate] > 0) & (rec[gate] < 1)).all()


@pytest.mark.parametrize(("B", "T", "I", "H"), SIZES)
def test_scratch_gru_equals_nn_gru(B, T, I, H):
    torch.manual_seed(B * 100 + T)
    gru = nn.GRU(I, H, batch_first=True)
    x = torch.randn(B, T, I)
    out, h_n = gru(x)
    s_out, s_h, rec = ScratchGRU.from_torch(gru)(x, record=True)
    assert torch.allclose(out, s_out, atol=1e-6)
    assert torch.allclose(h_n[0], s_h, atol=1e-6)
    assert set(rec) == {"r", "z", "n", "h"}


@pytest.mark.parametrize("cls_pair", [(nn.RNN, ScratchRNN), (nn.LSTM, ScratchLSTM), (nn.GRU, ScratchGRU)])
def test_second_layer_and_reverse_direction(cls_pair):
    torch_cls, scratch_cls = cls_pair
    torch.manual_seed(0)
    m = torch_cls(4, 6, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(2, 5, 4)
    out = m(x)[0]  # (B, T, 2H), layer 2
    layer1 = torch_cls(4, 6, bidirectional=True, batch_first=True)
    layer1.load_state_dict({k.replace("_l0", "_l0"): v for k, v in m.state_dict().items() if "_l0" in k})
    x2 = layer1(x)[0]
    fwd = scratch_cls.from_torch(m, layer=1)(x2)[0]
    bwd = scratch_cls.from_torch(m, layer=1, reverse=True)(x2.flip(1))[0].flip(1)
    assert torch.allclose(out[..., :6], fwd, atol=1e-5)
    assert torch.allclose(out[..., 6:], bwd, atol=1e-5)


def test_relu_rnn_is_refused():
    with pytest.raises(ValueError, match="tanh"):
        ScratchRNN.from_torch(nn.RNN(2, 3, nonlinearity="relu"))
