"""The one registry of recurrent layers: a cell name -> its `nn` class.

As in pytorch/examples' word_language_model: a model picks its layer by name, and a wrong
name raises a ValueError that lists the valid ones.
"""

from __future__ import annotations

import torch.nn as nn

# Lower-case kind -> torch module. Every page and trainer looks layers up here.
RECURRENT_LAYERS: dict[str, type[nn.RNNBase]] = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

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
    """The nn class for a cell name, case-insensitive (`recurrent_layer("GRU") is nn.GRU`)."""
    return RECURRENT_LAYERS[kind_of(name)]
