import math

import pytest
import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.training import History, evaluate_loss, fit


def _problem(seed=0, n=64):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 3, generator=g)
    y = x @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.3
    return x, y


def _model(seed=0):
    return rng.seeded(nn.Linear(3, 1), seed)


def test_fit_lowers_the_loss():
    x, y = _problem()
    model = _model()
    before = evaluate_loss(model, (x, y), nn.MSELoss())
    hist = fit(model, (x, y), nn.MSELoss(), epochs=60, lr=0.05, batch_size=16, device=torch.device("cpu"))
    assert isinstance(hist, History)
    assert hist.epochs_run == 60
    assert hist.train_loss[-1] < 0.05 * before
    assert all(math.isfinite(v) for v in hist.train_loss + hist.grad_norm)


def test_same_seed_same_history():
    x, y = _problem()
    h1 = fit(_model(3), (x, y), nn.MSELoss(), epochs=10, batch_size=8, seed=5, device=torch.device("cpu"))
    h2 = fit(_model(3), (x, y), nn.MSELoss(), epochs=10, batch_size=8, seed=5, device=torch.device("cpu"))
    h3 = fit(_model(3), (x, y), nn.MSELoss(), epochs=10, batch_size=8, seed=6, device=torch.device("cpu"))
    assert h1.train_loss == h2.train_loss
    assert h1.train_loss != h3.train_loss  # another shuffling order


def test_callback_once_per_epoch_with_the_right_numbers():
    x, y = _problem()
    calls = []
    hist = fit(
        _model(),
        (x, y),
        nn.MSELoss(),
        epochs=7,
        lr=0.01,
        on_epoch=lambda *a: calls.append(a),
        device=torch.device("cpu"),
    )
    assert [c[0] for c in calls] == list(range(1, 8))
    assert all(c[1] == 7 for c in calls)
    assert [c[2] for c in calls] == hist.train_loss


def test_full_batch_loss_is_the_dataset_loss():
    x, y = _problem()
    model = _model()
    before = evaluate_loss(model, (x, y), nn.MSELoss())
    hist = fit(model, (x, y), nn.MSELoss(), epochs=1, lr=1e-9, batch_size=None, device=torch.device("cpu"))
    assert hist.train_loss[0] == pytest.approx(before, rel=1e-5)


def test_gradient_clipping_bounds_the_update():
    x, y = _problem()
    y = y * 1000  # huge gradients
    m1, m2 = _model(), _model()
    w0 = m1.weight.detach().clone()
    fit(m1, (x, y), nn.MSELoss(), epochs=1, optimizer="sgd", lr=0.1, device=torch.device("cpu"))
    fit(
        m2,
        (x, y),
        nn.MSELoss(),
        epochs=1,
        optimizer="sgd",
        lr=0.1,
        clip_grad_norm=1.0,
        device=torch.device("cpu"),
    )
    step_free = (m1.weight - w0).norm().item()
    step_clipped = (m2.weight - w0).norm().item()
    assert step_clipped <= 0.1 + 1e-6
    assert step_free > 10 * step_clipped


def test_early_stopping_stops_and_restores_best():
    x, y = _problem()
    xv, yv = _problem(seed=1, n=32)
    yv = -yv  # a validation set the model can only get worse on
    model = _model()
    hist = fit(
        model,
        (x, y),
        nn.MSELoss(),
        epochs=200,
        lr=0.05,
        val_data=(xv, yv),
        patience=3,
        device=torch.device("cpu"),
    )
    assert hist.stopped_early
    assert hist.epochs_run < 200
    assert len(hist.val_loss) == hist.epochs_run
    best = min(hist.val_loss)
    assert hist.val_loss[hist.best_epoch - 1] == best
    assert evaluate_loss(model, (xv, yv), nn.MSELoss()) == pytest.approx(best, rel=1e-5)


def test_multi_input_batches():
    class Sum(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(3, 1)

        def forward(self, a, b):
            return self.lin(a) + b

    x, y = _problem()
    b = torch.ones(x.shape[0], 1)
    hist = fit(Sum(), (x, b, y), nn.MSELoss(), epochs=3, batch_size=10, device=torch.device("cpu"))
    assert hist.epochs_run == 3


def test_epochs_must_be_positive():
    x, y = _problem()
    with pytest.raises(ValueError, match="epochs"):
        fit(_model(), (x, y), nn.MSELoss(), epochs=0)
