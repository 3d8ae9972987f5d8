"""A seed means the same numbers for everyone (issue 28), through the server's training queue.

The same seeded training is submitted to a real `TrainingQueue` (its worker thread, `fit`, the
registry's layers with between-layer dropout, `rng.Dropout`, `rng.seeded`, data from the run's
own generator) twice: alone, and while another thread keeps reseeding and drawing from torch's,
numpy's and Python's global generators, as other learners' pages do. The numbers must be
identical. The same model with `nn.Dropout` (global draws) shows that the interference reaches a
run that does not own its randomness, so the test can fail.
"""

from __future__ import annotations

import random
import threading

import numpy as np
import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.memory import MemoryBudget
from seqcore.core.queue import TrainingQueue
from seqcore.core.registry import recurrent_layer
from seqcore.core.training import fit

WAIT = 60  # a safety net against a hang, not a measured duration


class Net(nn.Module):
    def __init__(self, own_dropout: bool = True):
        super().__init__()
        self.rnn = recurrent_layer("gru")(4, 16, num_layers=2, dropout=0.3, batch_first=True)
        self.drop = rng.Dropout(0.2) if own_dropout else nn.Dropout(0.2)
        self.head = nn.Linear(16, 1)

    def forward(self, x):
        out, _ = self.rnn(x)  # (B, T, H)
        return self.head(self.drop(out[:, -1]))  # (B, 1)


class Neighbour:
    """Another learner's thread: reseeds and draws from every global generator until stopped.

    `between()` (called at each epoch's end) waits until it has reseeded since the last call,
    so each epoch of the run under test is sure to meet it."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.turns = 0
        self.turn = threading.Condition()
        self.thread = threading.Thread(target=self._draw, daemon=True)

    def _draw(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            torch.manual_seed(n)
            torch.randn(64)
            torch.rand(32).bernoulli_(0.5)
            np.random.seed(n)
            np.random.rand(8)
            random.seed(n)
            random.random()
            with self.turn:
                self.turns += 1
                self.turn.notify_all()

    def between(self) -> None:
        with self.turn:
            seen = self.turns
            assert self.turn.wait_for(lambda: self.turns > seen, timeout=WAIT)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(WAIT)


def train(seed: int, own_dropout: bool, on_epoch, between=None):
    model = rng.seeded(Net(own_dropout), seed)
    gen = rng.torch_gen(seed + 1)
    x = torch.randn(48, 10, 4, generator=gen)  # (B, T, I)
    y = x.sum(dim=(1, 2)).unsqueeze(1) * 0.1 + 0.05 * torch.randn(48, 1, generator=gen)  # (B, 1)

    def epoch_end(epoch, total, loss):
        if between is not None:
            between()
        on_epoch(epoch, total, loss)

    history = fit(model, (x, y), nn.MSELoss(), epochs=6, batch_size=16, seed=seed, on_epoch=epoch_end)
    return history.train_loss, [p.detach().clone() for p in model.parameters()]


def through_the_queue(seed: int, own_dropout: bool = True, neighbour: Neighbour | None = None):
    q = TrainingQueue(workers=1, budget=MemoryBudget(sample_s=None), grace_s=0)
    between = neighbour.between if neighbour is not None else None
    job = q.submit(
        "learner", ("det", seed, own_dropout), lambda on_epoch: train(seed, own_dropout, on_epoch, between)
    )
    try:
        return q.wait("learner", job)
    finally:
        q.close()


def same(a, b) -> bool:
    (loss_a, params_a), (loss_b, params_b) = a, b
    return loss_a == loss_b and all(torch.equal(p, q) for p, q in zip(params_a, params_b, strict=True))


def test_a_seeded_training_gives_the_same_numbers_while_a_neighbour_reseeds_and_draws():
    alone = through_the_queue(7)
    with Neighbour() as neighbour:
        crowded = through_the_queue(7, neighbour=neighbour)
    assert neighbour.turns > 0
    assert same(alone, crowded), (alone[0], crowded[0])
    assert not same(alone, through_the_queue(8))  # and the seed does matter


def test_the_neighbour_does_reach_a_run_that_draws_from_the_global_generator():
    alone = through_the_queue(7, own_dropout=False)
    with Neighbour() as neighbour:
        crowded = through_the_queue(7, own_dropout=False, neighbour=neighbour)
    assert not same(alone, crowded)
