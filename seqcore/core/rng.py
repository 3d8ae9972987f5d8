"""Randomness a run owns: every draw names its generator, never torch's or numpy's global one.

The server runs seeded work on many threads at once: each learner's script thread and the
training queue's worker. torch's and numpy's global generators are shared by all of them, so one
learner's draw moves another's, and the same seed gave different numbers under load. Here a run
makes its own generators from its seed and passes them to every draw:

- weight init: `seeded(model, gen)` redraws every parameter from torch's own default init;
- dropout: `Dropout` (an `nn.Dropout`) and the recurrent layers of `seqcore.core.registry`,
  whose between-layer dropout runs layer by layer, draw from the generator that
  `attach(model, gen)` gives them (`training.fit` does it);
- shuffling and noise: `torch.randn(..., generator=gen)`, `torch.randperm(n, generator=gen)`,
  `numpy_gen(seed)`.

`tests/policy/test_randomness.py` keeps global draws out of the package.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn as nn


def torch_gen(seed: int) -> torch.Generator:
    """A CPU generator of the run's own, seeded."""
    return torch.Generator().manual_seed(int(seed))


def numpy_gen(seed: int) -> np.random.Generator:
    """A numpy generator of the run's own, seeded."""
    return np.random.default_rng(int(seed))


def child_seed(gen: torch.Generator) -> int:
    """A fresh seed drawn from `gen` (for a generator on another device, or a sub-run)."""
    return int(torch.randint(0, 2**62, (1,), generator=gen))


def _uniform_(t: torch.Tensor, bound: float, gen: torch.Generator) -> None:
    nn.init.uniform_(t, -bound, bound, generator=gen)


def _fan_in(weight: torch.Tensor) -> int:
    return weight.shape[1] * (weight[0][0].numel() if weight.dim() > 2 else 1)


def _init_linear_like(m: nn.Module, gen: torch.Generator) -> None:
    # nn.Linear / nn.ConvNd: kaiming_uniform_(a=sqrt(5)) is uniform(±1/sqrt(fan_in)); bias alike.
    fan_in = _fan_in(m.weight)
    bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0.0
    _uniform_(m.weight.data, bound, gen)
    if getattr(m, "bias", None) is not None:
        _uniform_(m.bias.data, bound, gen)


def _init_recurrent(m: nn.Module, gen: torch.Generator) -> None:
    # nn.RNN/LSTM/GRU and their cells: every weight and bias uniform(±1/sqrt(hidden_size)).
    bound = 1 / math.sqrt(m.hidden_size) if m.hidden_size > 0 else 0.0
    for p in m.parameters(recurse=False):
        _uniform_(p.data, bound, gen)


def _init_embedding(m: nn.Embedding, gen: torch.Generator) -> None:
    nn.init.normal_(m.weight.data, generator=gen)
    if m.padding_idx is not None:
        m.weight.data[m.padding_idx].zero_()


def _init_norm(m: nn.Module, gen: torch.Generator) -> None:
    m.reset_parameters()  # ones and zeros: nothing random


_INITS = (
    ((nn.Linear, nn.Conv1d, nn.Conv2d), _init_linear_like),
    ((nn.RNNBase, nn.RNNCellBase), _init_recurrent),
    ((nn.Embedding,), _init_embedding),
    ((nn.LayerNorm, nn.BatchNorm1d, nn.BatchNorm2d), _init_norm),
)


def _init_one(m: nn.Module, gen: torch.Generator) -> bool:
    """Redraw `m`'s own parameters; False if `m` owns parameters no rule covers."""
    if not any(True for _ in m.parameters(recurse=False)):
        return True
    for kinds, init in _INITS:
        if isinstance(m, kinds):
            init(m, gen)
            return True
    reset = getattr(m, "reset_parameters", None)
    if reset is not None and "generator" in getattr(reset, "__code__", type("", (), {})).co_varnames:
        reset(generator=gen)
        return True
    return False


def seeded(module: nn.Module, gen: torch.Generator | int) -> nn.Module:
    """Redraw every parameter of `module` from torch's default init with `gen`; returns it.

    The distributions are torch's own (`reset_parameters` of nn.Linear, nn.RNNBase,
    nn.Embedding, ...), so a model looks as torch would have made it, but the draw is the run's.
    A module with parameters of its own and no such rule must define
    `reset_parameters(self, generator=None)`; otherwise this raises TypeError rather than leave
    a weight drawn from the global generator.
    """
    if not isinstance(gen, torch.Generator):
        gen = torch_gen(gen)
    with torch.no_grad():
        for name, m in module.named_modules():
            if not _init_one(m, gen):
                raise TypeError(
                    f"{type(m).__name__} ({name or 'the model'}) owns parameters that seeded() cannot "
                    "redraw: give it reset_parameters(self, generator=None)"
                )
    return module


def attach(module: nn.Module, gen: torch.Generator | None) -> nn.Module:
    """Give every randomness-using submodule (`Dropout`, the registry's layers) the generator."""
    for m in module.modules():
        if hasattr(m, "generator") and isinstance(m, nn.Module):
            m.generator = gen
    return module


def dropout(x: torch.Tensor, p: float, training: bool, gen: torch.Generator | None) -> torch.Tensor:
    """Inverted dropout whose mask is drawn from `gen` (never the global generator)."""
    if not training or p <= 0:
        return x
    if gen is None:
        raise RuntimeError("dropout while training needs the run's generator: call rng.attach(model, gen)")
    if p >= 1:
        return torch.zeros_like(x)
    keep = torch.empty(x.shape, dtype=x.dtype).bernoulli_(1 - p, generator=gen).to(x.device)
    return x * keep / (1 - p)


class Dropout(nn.Dropout):
    """`nn.Dropout` whose masks come from the run's generator (`attach` sets it).

    It prints and counts as `nn.Dropout` (`isinstance(m, nn.Dropout)` holds), so a model shown
    to a learner reads as the lesson's.
    """

    def __init__(self, p: float = 0.5, inplace: bool = False):
        super().__init__(p, inplace)
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return dropout(x, self.p, self.training, self.generator)


def bernoulli_mask(shape, p: float, gen: torch.Generator) -> torch.Tensor:
    """A boolean mask, True with probability p, drawn from `gen` (e.g. word dropout)."""
    return torch.rand(shape, generator=gen) < p


def unk_dropout(module: torch.nn.Module, x: torch.Tensor, p: float, unk: int = 1) -> torch.Tensor:
    """Word dropout for a model of token ids: while `module` trains, each real token (id > unk)
    becomes `unk` with probability p, drawn from the generator `attach` gave the module."""
    if not module.training or p <= 0:
        return x
    gen = getattr(module, "generator", None)
    if gen is None:
        raise RuntimeError("word dropout while training needs the run's generator (rng.attach)")
    return x.masked_fill(bernoulli_mask(x.shape, p, gen) & (x > unk), unk)
