"""The run owns its randomness: same seed, same numbers, whatever another thread draws."""

import threading

import numpy as np
import pytest
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence

from seqcore.core import rng
from seqcore.core.registry import GRU, LSTM, RNN, _layer_by_layer, recurrent_layer
from seqcore.core.training import fit


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 6, padding_idx=0)
        self.rnn = recurrent_layer("lstm")(6, 8, num_layers=2, batch_first=True, dropout=0.5)
        self.drop = rng.Dropout(0.3)
        self.fc = nn.Linear(8, 1)

    def forward(self, x):
        out, _ = self.rnn(self.emb(x))
        return self.fc(self.drop(out[:, -1])).squeeze(-1)


def _data():
    g = rng.torch_gen(7)
    x = torch.randint(1, 10, (64, 5), generator=g)
    return x, (x[:, 0] > 5).float()


def _train(seed=3):
    model = rng.seeded(Tiny(), seed)
    h = fit(
        model, _data(), nn.BCEWithLogitsLoss(), epochs=3, batch_size=16, seed=seed, device=torch.device("cpu")
    )
    return h.train_loss, [p.detach().clone() for p in model.parameters()]


def test_seeded_draws_torch_default_distributions():
    m = rng.seeded(nn.Linear(400, 300), 0)
    assert m.weight.abs().max() <= 1 / 20 and m.weight.abs().max() > 0.049
    e = rng.seeded(nn.Embedding(50, 40, padding_idx=0), 0)
    assert torch.all(e.weight[0] == 0) and 0.9 < e.weight[1:].std() < 1.1
    r = rng.seeded(nn.GRU(3, 16), 0)
    assert all(p.abs().max() <= 0.25 for p in r.parameters())


def test_seeded_is_repeatable_and_refuses_unknown_parameters():
    a, b = rng.seeded(Tiny(), 1), rng.seeded(Tiny(), 1)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))

    class Raw(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.zeros(3))

    with pytest.raises(TypeError, match="reset_parameters"):
        rng.seeded(Raw(), 0)


def test_same_seed_same_training_while_another_thread_draws_from_the_global_generator():
    alone = _train()
    stop = threading.Event()

    def noisy():
        while not stop.is_set():
            torch.manual_seed(123)
            torch.rand(100)
            np.random.seed(5)
            np.random.rand(10)

    t = threading.Thread(target=noisy, daemon=True)
    t.start()
    try:
        crowded = _train()
    finally:
        stop.set()
        t.join()
    assert alone[0] == crowded[0]
    assert all(torch.equal(p, q) for p, q in zip(alone[1], crowded[1]))


def test_dropout_needs_the_runs_generator_and_keeps_the_global_one_untouched():
    d = rng.Dropout(0.5)
    assert isinstance(d, nn.Dropout) and repr(d) == repr(nn.Dropout(0.5))
    with pytest.raises(RuntimeError, match="generator"):
        d(torch.ones(4))
    rng.attach(d, rng.torch_gen(0))
    before = torch.random.get_rng_state()
    y = d(torch.ones(1000))
    assert torch.equal(before, torch.random.get_rng_state())
    assert set(y.unique().tolist()) <= {0.0, 2.0} and 400 < int((y == 0).sum()) < 600
    assert torch.equal(d.eval()(torch.ones(3)), torch.ones(3))


@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_layer_by_layer_equals_torchs_stacked_forward(cls, bidirectional):
    m = rng.seeded(cls(5, 7, 3, batch_first=True, bidirectional=bidirectional, dropout=0.3), 0).eval()
    assert isinstance(m, cls.__mro__[2]) and repr(m).startswith(cls.__name__ + "(")
    x = torch.randn(4, 6, 5, generator=rng.torch_gen(1))
    dirs = 2 if bidirectional else 1
    h0 = torch.randn(3 * dirs, 4, 7, generator=rng.torch_gen(2))
    hx = (h0, torch.zeros_like(h0)) if cls is LSTM else h0
    ref, got = m(x, hx), _layer_by_layer(m, x, hx, lambda t: t)
    assert torch.allclose(ref[0], got[0], atol=1e-6)
    ref_h, got_h = (ref[1][0], got[1][0]) if cls is LSTM else (ref[1], got[1])
    assert torch.allclose(ref_h, got_h, atol=1e-6)
    packed = pack_padded_sequence(x, torch.tensor([6, 5, 3, 2]), batch_first=True)
    assert torch.allclose(m(packed)[0].data, _layer_by_layer(m, packed, None, lambda t: t)[0].data, atol=1e-6)


def test_between_layer_dropout_follows_the_generator():
    m = rng.seeded(LSTM(5, 7, 2, batch_first=True, dropout=0.5), 0).train()
    x = torch.randn(3, 4, 5, generator=rng.torch_gen(2))
    outs = []
    for seed in (0, 0, 1):
        rng.attach(m, rng.torch_gen(seed))
        outs.append(m(x)[0])
    assert torch.equal(outs[0], outs[1]) and not torch.equal(outs[0], outs[2])
