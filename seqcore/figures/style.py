"""One look for every chart: the plotly template and the colour of each model kind."""

from __future__ import annotations

from seqcore.core.registry import DISPLAY_NAMES, kind_of

TEMPLATE = "plotly_white"

# One colour per recurrent kind, used by every chart that compares RNN, LSTM and GRU.
MODEL_COLORS: dict[str, str] = {"rnn": "#d93025", "lstm": "#1a73e8", "gru": "#188038"}


def model_color(name: str) -> str | None:
    """The colour of 'rnn'/'RNN'/'LSTM'...; None for a name that is not a recurrent kind."""
    try:
        return MODEL_COLORS[kind_of(name)]
    except ValueError:
        return None


def model_name(name: str) -> str:
    """'lstm' -> 'LSTM'; other names unchanged."""
    return DISPLAY_NAMES.get(name.lower(), name)
