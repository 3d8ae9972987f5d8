"""The parameters a question is written from: the inputs of the truth its grader computes.

Their values live in the `[params]` table of each question's TOML file; the question's kind names
the dataclass that types them (seqcore.quiz.kinds). `template_vars` adds the derived values a
question's text uses (`${module_line}`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from seqcore.core.registry import DISPLAY_NAMES


@dataclass(frozen=True)
class RNNShapeParams:
    """kind "rnn_shape": a recurrent module and the input it reads."""

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
    """kind "hidden_state": one comparison of outputs[:, -1, :] with a slice of h_n, run on a real RNN."""

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

    @classmethod
    def from_table(cls, table: dict) -> HiddenParams:
        cases = tuple(HiddenCase(**c) for c in table.get("cases", ()))
        return cls(**{k: v for k, v in table.items() if k != "cases"}, cases=cases)

    def template_vars(self) -> dict:
        return {}


@dataclass(frozen=True)
class CountParams:
    """kind "param_count": sizes for the LSTM/GRU parameter counts."""

    input_size: int = 10
    hidden_size: int = 20

    def template_vars(self) -> dict:
        return {}


@dataclass(frozen=True)
class WindowParams:
    """kind "windows": the lesson's price list and window length."""

    prices: tuple[float, ...] = (100, 102, 105, 103, 108, 110, 107, 112, 115, 113)
    seq_length: int = 5

    def template_vars(self) -> dict:
        return {
            "prices_list": ", ".join(f"{v:g}" for v in self.prices),
            "num_prices": len(self.prices),
        }


@dataclass(frozen=True)
class EmbeddingParams:
    """kind "embedding_shape": nn.Embedding(vocab, dim) on token ids of shape (batch, seq_len)."""

    vocab_size: int = 1000
    embed_dim: int = 64
    batch: int = 4
    seq_len: int = 10

    def template_vars(self) -> dict:
        return {}


@dataclass(frozen=True)
class ValueParams:
    """ "code" questions: free named values that fill the question's text and code (${name})."""

    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def from_table(cls, table: dict) -> ValueParams:
        bad = [k for k, v in table.items() if not isinstance(v, int | float | str | bool)]
        if bad:
            raise ValueError(f"parameters must be numbers, strings or booleans: {bad}")
        return cls(tuple(table.items()))

    def template_vars(self) -> dict:
        return dict(self.values)


@dataclass(frozen=True)
class TrainingParams:
    """ "training" questions: which task trains (a key of seqcore.quiz.training.TASKS), what the
    trained model must have (`require`, read from the model itself) and settings that pass with
    them (`suggest`: the answer key, and the first click the server prepares)."""

    task: str
    require: tuple[tuple[str, object], ...] = ()
    suggest: tuple[tuple[str, object], ...] = ()

    @classmethod
    def from_table(cls, table: dict) -> TrainingParams:
        unknown = set(table) - {"task", "require", "suggest"}
        if unknown or "task" not in table:
            raise ValueError(f"training parameters are task, require, suggest; got {sorted(table)}")
        pairs = {k: tuple(dict(table.get(k, {})).items()) for k in ("require", "suggest")}
        return cls(table["task"], **pairs)

    def template_vars(self) -> dict:
        return {f"req_{k}": v for k, v in self.require} | {f"suggest_{k}": v for k, v in self.suggest}


def params_from_table(cls: type | None, table: dict, where: str = ""):
    """Parameters of type `cls` from a TOML `[params]` table (None for a kind without any)."""
    if cls is None:
        if table:
            raise ValueError(f"{where}: this kind of question takes no [params]")
        return None
    if hasattr(cls, "from_table"):
        return cls.from_table(table)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(table) - names
    if unknown:
        raise ValueError(f"{where}: unknown parameters {sorted(unknown)}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in table.items()})


def template_context(params) -> dict:
    """Every parameter and derived value a question's text may use as ${name}."""
    if params is None:
        return {}
    values = {f.name: getattr(params, f.name) for f in dataclasses.fields(params)}
    return {k: v for k, v in values.items() if not isinstance(v, tuple)} | params.template_vars()
