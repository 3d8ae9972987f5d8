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


TITLE_CHARS = 24  # a title line that fits a 390 px phone at plotly's title size


def wrap(text: str, width: int = TITLE_CHARS) -> str:
    """A chart title broken into lines of at most `width` characters at spaces (plotly's <br>).

    A title that already has line breaks is left as it is.
    """
    if not text or "<br>" in text or len(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join([*lines, line])


def readable(fig, font_size: int | None = None):
    """`fig` laid out to read on a 390 px phone and on a projector; returns it (changed in place).

    The title wraps and pushes the top margin (it never runs into a legend); the legend lies
    flat at the very bottom of the figure, below the axis titles, and pushes the bottom margin;
    axes make room for their labels; bar labels never shrink below 11 px. `font_size` (projector
    mode) enlarges every text, and the figure grows taller to keep its plot area.
    """
    title = fig.layout.title.text or ""
    fig.update_layout(
        title={"text": wrap(title), "automargin": True, "yref": "paper", "x": 0, "xanchor": "left"},
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "bottom",
        },
        margin={"t": 10 if title else 30, "b": 10, "l": 10, "r": 10},
        uniformtext={"minsize": 11, "mode": "show"},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    if font_size:
        fig.update_layout(font={"size": font_size}, uniformtext={"minsize": font_size - 2})
        fig.update_annotations(font_size=font_size - 2)  # subplot titles and line labels
        fig.update_layout(height=round((fig.layout.height or 450) * 1.25))
    return fig
