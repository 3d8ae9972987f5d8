"""Parameter counts of RNN, LSTM and GRU: the formula next to count_params of the real module.

One direction of one layer holds, per gate block, a weight for the input (H x I), a weight for
the previous hidden state (H x H) and torch's two biases (b_ih and b_hh, H each):

    params = gates x (H*I + H*H + 2H)     gates: RNN 1, LSTM 4 (i, f, g, o), GRU 3 (r, z, n)

Layers after the first read the previous layer's output, so their I is H x directions.
"""

from __future__ import annotations

from dataclasses import dataclass

from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params

GATE_BLOCKS = {"RNN": 1, "LSTM": 4, "GRU": 3}


@dataclass(frozen=True)
class ParamRow:
    kind: str  # "RNN" | "LSTM" | "GRU"
    formula: int  # from formula_params
    counted: int  # count_params of a real module
    expression: str  # the formula with the numbers filled in (first layer)
    ratio_to_rnn: float  # counted / counted of the RNN with the same sizes


def formula_params(
    kind: str, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False
) -> int:
    """gates x (H*I + H*H + 2H) per layer and direction, with I = H x directions after layer 1."""
    if kind not in GATE_BLOCKS:
        raise ValueError(f"kind must be one of {sorted(GATE_BLOCKS)}, got {kind!r}")
    gates, H = GATE_BLOCKS[kind], hidden_size
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        I = input_size if layer == 0 else H * directions
        total += directions * gates * (H * I + H * H + 2 * H)
    return total


def expression(kind: str, input_size: int, hidden_size: int) -> str:
    """The one-layer formula with the numbers in it, e.g. '4 × (256×100 + 256×256 + 2×256)'."""
    g, I, H = GATE_BLOCKS[kind], input_size, hidden_size
    return f"{g} × ({H}×{I} + {H}×{H} + 2×{H})"


def why(kind: str, input_size: int, hidden_size: int, num_layers: int = 1) -> str:
    """One line of reasoning, in Korean, for a parameter count (the predict-then-reveal panel)."""
    first = formula_params(kind, input_size, hidden_size)
    text = (
        f"게이트 블록 {GATE_BLOCKS[kind]}개 × (H·I + H·H + 2H) = {expression(kind, input_size, hidden_size)}"
        f" = {first:,}"
    )
    if num_layers > 1:
        total = formula_params(kind, input_size, hidden_size, num_layers)
        text += f". 둘째 층부터는 I 자리에 H({hidden_size})가 들어가서, 층 {num_layers}개를 더하면 {total:,}"
    return text + ". 2H는 torch의 두 편향(b_ih, b_hh)이에요."


def build(kind: str, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False):
    return recurrent_layer(kind)(
        input_size, hidden_size, num_layers=num_layers, batch_first=True, bidirectional=bidirectional
    )


def compare_params(
    input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False
) -> list[ParamRow]:
    """For each kind: the formula and count_params of a freshly built module, side by side."""
    counted = {
        kind: count_params(build(kind, input_size, hidden_size, num_layers, bidirectional))
        for kind in GATE_BLOCKS
    }
    return [
        ParamRow(
            kind=kind,
            formula=formula_params(kind, input_size, hidden_size, num_layers, bidirectional),
            counted=counted[kind],
            expression=expression(kind, input_size, hidden_size),
            ratio_to_rnn=counted[kind] / counted["RNN"],
        )
        for kind in GATE_BLOCKS
    ]


def table_rows(rows: list[ParamRow]) -> list[dict[str, object]]:
    """The GRU page's table: per kind the formula, its total, count_params and the ratio to RNN."""
    return [
        {
            "모델": r.kind,
            "공식 (첫 층)": r.expression,
            "공식 합계": f"{r.formula:,}",
            "count_params(실제 모듈)": f"{r.counted:,}",
            "일치": r.formula == r.counted,
            "RNN 대비": f"{r.ratio_to_rnn:.2f}배",
        }
        for r in rows
    ]
