"""The parameters each question is written from: the inputs of the truth the graders compute.

Their values live in the `[params]` table of each question's TOML file; these dataclasses give
them types. `template_vars` adds the derived values a question's text uses (`${module_line}`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from seqcore.core.registry import DISPLAY_NAMES


@dataclass(frozen=True)
class RNNShapeParams:
    """Q1 and Q6: a recurrent module and the input it reads."""

    kind: str = "rnn"  # key of seqcore.core.registry.RECURRENT_LAYERS
    input_size: int = 50
    hidden_size: int = 100
    num_layers: int = 2
    bidirectional: bool = False
    batch: int = 16
    seq_len: int = 20

    def template_vars(self) -> dict:
        cls = DISPLAY_NAMES[self.kind]
        layers = f", num_layers={self.num_layers}" if self.num_layers != 1 or self.kind == "rnn" else ""
        bi = ", bidirectional=True" if self.bidirectional else ""
        line = (
            f"{self.kind} = nn.{cls}(input_size={self.input_size}, hidden_size={self.hidden_size}"
            f"{layers}{bi}, batch_first=True)"
        )
        return {"module_line": line, "display_name": cls}


@dataclass(frozen=True)
class HiddenCase:
    """Q2: one comparison of outputs[:, -1, :] with a slice of h_n, run on a real RNN."""

    label: str  # Korean, names the setting
    num_layers: int
    bidirectional: bool
    rhs: str  # the right-hand side as code, e.g. "h_n[-1]"


@dataclass(frozen=True)
class HiddenParams:
    input_size: int = 10
    hidden_size: int = 20
    batch: int = 2
    seq_len: int = 5
    cases: tuple[HiddenCase, ...] = ()

    def template_vars(self) -> dict:
        return {}


@dataclass(frozen=True)
class CountParams:
    """Q5: sizes for the LSTM/GRU parameter counts."""

    input_size: int = 10
    hidden_size: int = 20

    def template_vars(self) -> dict:
        return {}


@dataclass(frozen=True)
class WindowParams:
    """Q7: the lesson's price list and window length."""

    prices: tuple[float, ...] = (100, 102, 105, 103, 108, 110, 107, 112, 115, 113)
    seq_length: int = 5

    def template_vars(self) -> dict:
        return {
            "prices_list": ", ".join(f"{v:g}" for v in self.prices),
            "num_prices": len(self.prices),
        }


@dataclass(frozen=True)
class EmbeddingParams:
    """Q8: nn.Embedding(vocab, dim) on token ids of shape (batch, seq_len)."""

    vocab_size: int = 1000
    embed_dim: int = 64
    batch: int = 4
    seq_len: int = 10

    def template_vars(self) -> dict:
        return {}


# Which dataclass reads a question's [params] table (questions without one have none).
PARAM_TYPES: dict[str, type] = {
    "q1": RNNShapeParams,
    "q2": HiddenParams,
    "q5": CountParams,
    "q6": RNNShapeParams,
    "q7": WindowParams,
    "q8": EmbeddingParams,
}


def params_from_table(qid: str, table: dict):
    """The typed parameters of question `qid` from its TOML `[params]` table (None if it has none)."""
    if qid not in PARAM_TYPES:
        if table:
            raise ValueError(f"{qid} has a [params] table but no parameter type")
        return None
    cls = PARAM_TYPES[qid]
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(table) - names
    if unknown:
        raise ValueError(f"{qid}: unknown parameters {sorted(unknown)}")
    values = dict(table)
    if "cases" in values:
        values["cases"] = tuple(HiddenCase(**c) for c in values["cases"])
    if "prices" in values:
        values["prices"] = tuple(values["prices"])
    return cls(**values)


def template_context(params) -> dict:
    """Every parameter and derived value a question's text may use as ${name}."""
    if params is None:
        return {}
    values = {f.name: getattr(params, f.name) for f in dataclasses.fields(params)}
    return {k: v for k, v in values.items() if not isinstance(v, tuple)} | params.template_vars()
