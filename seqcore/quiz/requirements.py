"""What the training questions share: a requirement read from a trained model, and the config
built from a learner's answers (each value vetted against its knob)."""

from __future__ import annotations

from dataclasses import dataclass

from seqcore.core.config import knob_of, knobs


@dataclass(frozen=True)
class Requirement:
    label: str  # Korean, shown with ✅/❌
    ok: bool
    got: str  # what the trained model actually has
    note: str = ""  # the likely misconception, shown when the requirement fails


def allowed_config(cls: type, answers: dict, seed: int):
    """The config of `answers`: each learner value is used only if its knob allows it (never trust
    input; a bool is never a number and a number never a bool), else the field's default."""
    values = {}
    for name, spec in knobs(cls).items():
        v, default = answers.get(name), knob_of(cls, name)[0]
        if isinstance(v, float) and v.is_integer() and type(default) is int:
            v = int(v)  # 64.0 from JSON is the option 64
        if v is not None and type(v) is type(default) and spec.allows(v):
            values[name] = v
    return cls(**values, seed=seed)
