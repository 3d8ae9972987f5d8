"""The one registry of recurrent layers: a cell name -> its `nn` class.

As in pytorch/examples' word_language_model: a model picks its layer by name, and a wrong
name raises a ValueError that lists the valid ones.
"""

from __future__ import annotations

import torch
import torch.nn as nn
from torch.func import functional_call
from torch.nn.utils.rnn import PackedSequence

from seqcore.core import rng


class _OwnDropout:
    """Mixin for nn.RNN/LSTM/GRU: between-layer dropout drawn from the run's generator.

    torch draws `dropout=` masks from its global generator, which every thread of the server
    shares. While training with dropout between two or more layers, these layers run one layer
    at a time (the same weights, through `functional_call` on a one-layer twin) and drop with
    `self.generator` (set by `rng.attach`). Otherwise, and in eval mode, torch's own forward runs.
    The class prints, counts and saves as torch's (`isinstance(m, nn.LSTM)` holds).
    """

    generator: torch.Generator | None = None

    def forward(self, input, hx=None):
        if self.training and self.dropout > 0 and self.num_layers > 1:
            return _layer_by_layer(
                self, input, hx, lambda x: rng.dropout(x, self.dropout, True, self.generator)
            )
        return super().forward(input, hx)


def _one_layer_twin(m: nn.RNNBase, layer: int) -> nn.RNNBase:
    dirs = 2 if m.bidirectional else 1
    size = m.input_size if layer == 0 else m.hidden_size * dirs
    kwargs = {"nonlinearity": m.nonlinearity} if isinstance(m, nn.RNN) else {}
    torch_class = next(c for c in type(m).__mro__ if c in (nn.RNN, nn.LSTM, nn.GRU))
    with torch.device("meta"):  # no weights of its own: functional_call lends it the layer's
        return torch_class(
            size,
            m.hidden_size,
            1,
            bias=m.bias,
            batch_first=m.batch_first,
            bidirectional=m.bidirectional,
            **kwargs,
        )


def _layer_weights(m: nn.RNNBase, layer: int) -> dict[str, torch.Tensor]:
    out = {}
    for name in m._flat_weights_names:
        head, _, tail = name.rpartition(f"_l{layer}")
        if head and tail in ("", "_reverse"):
            out[f"{head}_l0{tail}"] = getattr(m, name)
    return out


def _layer_by_layer(m: nn.RNNBase, x, hx, drop):
    """torch's stacked forward, one layer at a time, with `drop` applied between layers."""
    dirs = 2 if m.bidirectional else 1
    lstm = isinstance(m, nn.LSTM)
    finals: list = []
    for layer in range(m.num_layers):
        part = slice(layer * dirs, (layer + 1) * dirs)
        h = None if hx is None else ((hx[0][part], hx[1][part]) if lstm else hx[part])
        x, state = functional_call(_one_layer_twin(m, layer), _layer_weights(m, layer), (x, h))
        finals.append(state)
        if layer < m.num_layers - 1:
            x = x._replace(data=drop(x.data)) if isinstance(x, PackedSequence) else drop(x)
    if lstm:
        return x, (torch.cat([s[0] for s in finals]), torch.cat([s[1] for s in finals]))
    return x, torch.cat(finals)


class RNN(_OwnDropout, nn.RNN):
    pass


class LSTM(_OwnDropout, nn.LSTM):
    pass


class GRU(_OwnDropout, nn.GRU):
    pass


# Lower-case kind -> torch module. Every page and trainer looks layers up here. Each is torch's
# class with its between-layer dropout drawn from the run's generator (see _OwnDropout).
RECURRENT_LAYERS: dict[str, type[nn.RNNBase]] = {"rnn": RNN, "lstm": LSTM, "gru": GRU}

# How the lesson writes each kind.
DISPLAY_NAMES: dict[str, str] = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}

# Weight blocks stacked in weight_ih/weight_hh: 1 for RNN, 4 gates for LSTM, 3 for GRU.
GATE_BLOCKS: dict[str, int] = {"rnn": 1, "lstm": 4, "gru": 3}


def kind_of(name: str) -> str:
    """'LSTM', 'lstm' or 'Lstm' -> 'lstm'; a ValueError names the valid kinds."""
    kind = name.lower()
    if kind not in RECURRENT_LAYERS:
        raise ValueError(f"unknown recurrent layer {name!r}; valid: {sorted(RECURRENT_LAYERS)}")
    return kind


def recurrent_layer(name: str) -> type[nn.RNNBase]:
    """The layer class for a cell name, case-insensitive (`recurrent_layer("GRU")` is a `nn.GRU`)."""
    return RECURRENT_LAYERS[kind_of(name)]
