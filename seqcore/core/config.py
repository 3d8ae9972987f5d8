"""Configs that also feed the widgets: each field's default and range are stated once, here.

A config is a frozen dataclass; a field that a learner can change is declared with `knob`,
which keeps the widget's label, range and options in the field's metadata:

    @dataclass(frozen=True)
    class CompareConfig:
        epochs: int = knob(30, "에포크", lo=10, hi=100, step=10)

`seqcore.ui.widgets.knob_widget(CompareConfig, "epochs", key="gru_epochs")` then draws a
slider whose default, range and step come from that one line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Every demo in the app starts from this seed unless the learner changes it (the sidebar's
# default, the configs' `seed` default). Re-exported by seqcore.core.runtime.
DEFAULT_SEED = 42


@dataclass(frozen=True)
class Knob:
    """How a config field is offered to a learner."""

    label: str  # Korean widget label
    lo: float | None = None  # smallest allowed value (numbers)
    hi: float | None = None  # largest allowed value (numbers)
    step: float | None = None
    options: tuple | None = None  # a fixed list of values (select box, select slider)
    labels: Mapping[Any, str] | None = None  # how each option is shown
    help: str | None = None
    widget: str | None = None  # force "slider", "number", "select", "select_slider", "toggle", "radio"

    def allows(self, value: Any) -> bool:
        """Whether `value` is one the widget could produce (used to vet URLs and presets)."""
        if self.options is not None:
            return value in self.options
        if isinstance(value, bool) or not isinstance(value, int | float):
            return isinstance(value, bool) == (self.widget == "toggle")
        return (self.lo is None or value >= self.lo) and (self.hi is None or value <= self.hi)


def knob(
    default: Any,
    label: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    step: float | None = None,
    options: Sequence | None = None,
    labels: Mapping[Any, str] | None = None,
    help: str | None = None,
    widget: str | None = None,
) -> Any:
    """A dataclass field with a default and the widget that offers it."""
    spec = Knob(label, lo, hi, step, tuple(options) if options is not None else None, labels, help, widget)
    if spec.options is not None and default not in spec.options:
        raise ValueError(f"default {default!r} is not among the options {spec.options}")
    return dataclasses.field(default=default, metadata={"knob": spec})


def knob_of(cls: type, name: str) -> tuple[Any, Knob]:
    """(default, Knob) of field `name` of config class `cls`."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            if "knob" not in f.metadata:
                raise KeyError(f"{cls.__name__}.{name} is not declared with knob()")
            return f.default, f.metadata["knob"]
    raise KeyError(f"{cls.__name__} has no field {name!r}")


def knobs(cls: type) -> dict[str, Knob]:
    """Every field of `cls` that a learner can change."""
    return {f.name: f.metadata["knob"] for f in dataclasses.fields(cls) if "knob" in f.metadata}
