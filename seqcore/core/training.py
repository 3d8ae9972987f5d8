"""One training loop for every page.

`fit` knows nothing about printing or Streamlit: progress leaves through `on_epoch`,
so a test, the benchmark suite or a Streamlit progress bar can listen.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.runtime import device_label, get_device

# on_epoch(epoch, total, loss): epoch counts from 1; loss is the epoch's mean training loss.
EpochCallback = Callable[[int, int, float], None]
Batch = Sequence[torch.Tensor]


@dataclass
class History:
    """What one call of `fit` measured, epoch by epoch."""

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)  # empty without val_data
    grad_norm: list[float] = field(default_factory=list)  # mean total grad norm before clipping
    best_epoch: int = 0  # 1-based epoch with the lowest val loss (or train loss)
    stopped_early: bool = False
    seconds: float = 0.0
    device: str = "cpu"  # where the epochs ran (core.runtime.get_device's choice)

    @property
    def epochs_run(self) -> int:
        return len(self.train_loss)


def _batches(data: Batch, batch_size: int | None, shuffle: bool, gen: torch.Generator, sampler=None):
    """One epoch's batches. `sampler(gen)`, when given, returns them as index tensors into
    `data` (replacing `batch_size` and `shuffle`): e.g. sentences of similar length together."""
    if sampler is not None:
        for idx in sampler(gen):
            yield [t[idx] for t in data]
        return
    n = data[0].shape[0]
    if batch_size is None or batch_size >= n:
        yield data
        return
    order = torch.randperm(n, generator=gen) if shuffle else torch.arange(n)
    for start in range(0, n, batch_size):
        idx = order[start : start + batch_size]
        yield [t[idx] for t in data]


def _to(data: Batch, device: torch.device) -> list[torch.Tensor]:
    return [t.to(device) for t in data]


def evaluate_loss(model: nn.Module, data: Batch, loss_fn: Callable, device=None) -> float:
    """Mean loss of `model` on `data` (inputs..., target) in eval mode, without gradients."""
    device = device or next(model.parameters()).device
    *inputs, target = _to(data, device)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        loss = loss_fn(model(*inputs), target).item()
    model.train(was_training)
    return loss


OPTIMIZERS = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}


class _EarlyStopping:
    """Watches one loss per epoch; keeps the best weights when asked to restore them."""

    def __init__(self, patience: int | None, restore_best: bool):
        self.patience, self.keep = patience, patience is not None and restore_best
        self.best, self.best_epoch, self.waited, self.state = math.inf, 0, 0, None

    def should_stop(self, watched: float, epoch: int, model: nn.Module) -> bool:
        if watched < self.best:
            self.best, self.best_epoch, self.waited = watched, epoch, 0
            if self.keep:
                self.state = copy.deepcopy(model.state_dict())
            return False
        self.waited += 1
        return self.patience is not None and self.waited >= self.patience

    def restore(self, model: nn.Module) -> int:
        """Load the best weights back (if kept); returns the best epoch."""
        if self.state is not None:
            model.load_state_dict(self.state)
        return self.best_epoch


def _train_epoch(model, batches, loss_fn, opt, clip_grad_norm: float | None) -> tuple[float, float]:
    """One pass over `batches`; returns (mean loss, mean total grad norm before clipping)."""
    model.train()
    total, count, norms = 0.0, 0, []
    for batch in batches:
        *inputs, target = batch
        opt.zero_grad()
        loss = loss_fn(model(*inputs), target)
        loss.backward()
        # clip_grad_norm_ returns the norm before clipping; inf disables the clip itself.
        norm = nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm or math.inf)
        norms.append(float(norm))
        opt.step()
        total += loss.item() * target.shape[0]
        count += target.shape[0]
    return total / count, sum(norms) / len(norms)


def fit(
    model: nn.Module,
    train_data: Batch,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    *,
    epochs: int,
    lr: float = 1e-3,
    batch_size: int | None = None,
    shuffle: bool = True,
    optimizer: str = "adam",
    weight_decay: float = 0.0,
    clip_grad_norm: float | None = None,
    val_data: Batch | None = None,
    patience: int | None = None,
    restore_best: bool = True,
    seed: int = 0,
    device: torch.device | None = None,
    on_epoch: EpochCallback | None = None,
    sampler: Callable[[torch.Generator], Sequence[torch.Tensor]] | None = None,
) -> History:
    """Train `model` in place and return its loss history.

    `train_data` (and `val_data`) are tuples of tensors whose last element is the target;
    the others are passed to `model(*inputs)`. `batch_size=None` trains on the full batch.
    `patience` enables early stopping on the validation loss (or on the training loss when
    there is no validation data); with `restore_best` the best weights are loaded back.
    The same model init, data and seed give the same history. `sampler`: see `_batches`.
    """
    if epochs < 1:
        raise ValueError(f"epochs must be at least 1, got {epochs}")
    device = device or get_device()
    model.to(device)
    gen = rng.torch_gen(seed)  # shuffling order
    rng.attach(model, rng.torch_gen(seed + 1))  # dropout masks (rng.Dropout, the registry's layers)
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, weight_decay=weight_decay)
    train_on_device = _to(train_data, device)
    history = History()
    stopper = _EarlyStopping(patience, restore_best)
    t0 = time.perf_counter()
    for epoch in range(1, epochs + 1):
        batches = _batches(train_on_device, batch_size, shuffle, gen, sampler)
        train_loss, grad_norm = _train_epoch(model, batches, loss_fn, opt, clip_grad_norm)
        history.train_loss.append(train_loss)
        history.grad_norm.append(grad_norm)
        watched = train_loss
        if val_data is not None:
            watched = evaluate_loss(model, val_data, loss_fn, device)
            history.val_loss.append(watched)
        if on_epoch is not None:
            on_epoch(epoch, epochs, train_loss)
        if stopper.should_stop(watched, epoch, model):
            history.stopped_early = True
            break
    return _finish(model, history, stopper, time.perf_counter() - t0, device)


def _finish(model: nn.Module, history: History, stopper: _EarlyStopping, seconds: float, device) -> History:
    history.best_epoch = stopper.restore(model)
    # Trained weights come back to the CPU, where the pages inspect them (gates, states,
    # predictions on a learner's sentence), whatever device ran the epochs.
    model.to("cpu").eval()
    history.seconds, history.device = seconds, device_label(device)
    return history
