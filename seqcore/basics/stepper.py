"""Watch a cell think: one forward pass of a trained recurrent layer, written out step by step.

`trace_steps` runs a learner's sentence through a trained RNN, LSTM or GRU layer and keeps,
for every time step, the input x_t (the word's embedding), h_{t-1} (and C_{t-1}), every
gate's value, and every gate's pre-activation split into its parts (W_x x_t, W_h h_{t-1}, b),
so a page can write an equation with the real numbers substituted. The same pass is checked
against the torch module's own outputs, h_n and c_n with torch.allclose, and the result shown.

The models stepped through are trained in seqcore.basics.step_models (RNN, GRU) and
seqcore.basics.gates (LSTM); the equations with numbers filled in are written by
seqcore.basics.step_equations.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics import gates, gru_forms
from seqcore.basics.cells import ScratchGRU, ScratchLSTM, ScratchRNN

# The vectors each kind records per step, in the order a page draws them (after x_t, h_{t-1}).
GATE_ORDER: dict[str, tuple[str, ...]] = {
    "rnn": ("h",),
    "lstm": ("f", "i", "g", "o", "c", "h"),
    "gru": ("r", "z", "n", "h"),
}
# Korean names of the vectors, as the lesson calls them.
VECTOR_NAMES: dict[str, str] = {  # "_{t}" / "_{t−1}": the step's subscripts, filled in by the figures
    "x": "입력 x_{t} (임베딩)",
    "h_prev": "이전 은닉 h_{t−1}",
    "c_prev": "이전 셀 C_{t−1}",
    "f": "망각 게이트 f_{t}",
    "i": "입력 게이트 i_{t}",
    "g": "후보 C̃_{t}",
    "o": "출력 게이트 o_{t}",
    "c": "셀 상태 C_{t}",
    "r": "리셋 게이트 r_{t}",
    "z": "업데이트 게이트 z_{t}",
    "n": "후보 h̃_{t} (n_{t})",
    "h": "새 은닉 h_{t}",
}
# The GRU's vectors in the lesson's notation (z: the share of the new candidate, 1 − PyTorch's z).
LESSON_NAMES: dict[str, str] = {"z": "업데이트 게이트 z_{t} (강의)", "n": "후보 h̃_{t}"}
SIGMOID_GATES = frozenset({"f", "i", "o", "r", "z"})

# Counts forward passes traced (tests assert that moving the time control adds none).
TRACE_CALLS = {"count": 0}


@dataclass
class StepTrace:
    kind: str  # "rnn" | "lstm" | "gru"
    parsed: gates.ParsedText
    x: np.ndarray  # (T, E) the embeddings fed to the layer
    h_prev: np.ndarray  # (T, H) h_{t-1}; row 0 is h_0 = 0
    c_prev: np.ndarray | None  # (T, H) LSTM C_{t-1}
    values: dict[str, np.ndarray]  # GATE_ORDER[kind] names -> (T, H)
    parts: dict[str, dict[str, np.ndarray]]  # gate -> {"x", "h", "b"} -> (T, H) pre-activation parts
    probs: np.ndarray  # (T, len(gates.LABELS)) the model's answer per step
    truth: list[int]  # the task's answer per step
    checks: dict[str, bool] = field(default_factory=dict)  # "outputs", "h_n", "c_n" -> allclose
    max_abs_diff: float = 0.0  # largest |difference| against torch over all checks
    torch_h: np.ndarray | None = None  # (T, H) the torch module's own outputs
    notation: str = "pytorch"  # GRU only: "lesson" after in_lesson_notation

    @property
    def steps(self) -> int:
        return len(self.parsed.tokens)

    @property
    def matches_torch(self) -> bool:
        return all(self.checks.values())


def _cell(kind: str, layer: nn.RNNBase):
    return {"rnn": ScratchRNN, "lstm": ScratchLSTM, "gru": ScratchGRU}[kind].from_torch(layer)


def _step_parts(kind: str, cell, x_t: torch.Tensor, h: torch.Tensor) -> dict[str, dict[str, torch.Tensor]]:
    """Each gate's pre-activation in parts: W_x x_t, W_h h_{t-1} and the bias (all (H,))."""
    if kind == "rnn":
        return {"h": {"x": cell.W_xh @ x_t, "h": cell.W_hh @ h, "b": cell.b_h.clone()}}
    if kind == "lstm":
        return {
            g: {
                "x": getattr(cell, f"W_x{g}") @ x_t,
                "h": getattr(cell, f"W_h{g}") @ h,
                "b": getattr(cell, f"b_{g}"),
            }
            for g in cell.GATES
        }
    parts = {
        g: {
            "x": getattr(cell, f"W_x{g}") @ x_t,
            "h": getattr(cell, f"W_h{g}") @ h,
            "b": getattr(cell, f"b_x{g}") + getattr(cell, f"b_h{g}"),
        }
        for g in ("r", "z")
    }
    # n_t = tanh(W_xn x + b_xn + r * (W_hn h + b_hn)): the reset gate multiplies the whole h part.
    parts["n"] = {"x": cell.W_xn @ x_t, "h": cell.W_hn @ h + cell.b_hn, "b": cell.b_xn.clone()}
    return parts


def _step_values(kind: str, p: dict, h: torch.Tensor, c: torch.Tensor | None) -> dict[str, torch.Tensor]:
    """The cell's equations applied to the parts (the same arithmetic as seqcore.basics.cells)."""
    if kind == "rnn":
        return {"h": torch.tanh(p["h"]["x"] + p["h"]["h"] + p["h"]["b"])}
    act = {g: p[g]["x"] + p[g]["h"] + p[g]["b"] for g in p if not (kind == "gru" and g == "n")}
    if kind == "lstm":
        i, f, o = (torch.sigmoid(act[g]) for g in ("i", "f", "o"))
        g = torch.tanh(act["g"])
        c_new = f * c + i * g
        return {"f": f, "i": i, "g": g, "o": o, "c": c_new, "h": o * torch.tanh(c_new)}
    r, z = torch.sigmoid(act["r"]), torch.sigmoid(act["z"])
    n = torch.tanh(p["n"]["x"] + p["n"]["b"] + r * p["n"]["h"])
    return {"r": r, "z": z, "n": n, "h": (1 - z) * n + z * h}


def _unroll(kind: str, layer: nn.RNNBase, emb: torch.Tensor):
    """Step the cell over emb (T, E) from zero state; returns stacked numpy arrays."""
    cell = _cell(kind, layer)
    H = layer.hidden_size
    h, c = torch.zeros(H), torch.zeros(H)
    rec: dict[str, list] = {"h_prev": [], "c_prev": [], "values": [], "parts": []}
    for x_t in emb:
        parts = _step_parts(kind, cell, x_t, h)
        vals = _step_values(kind, parts, h, c)
        rec["h_prev"].append(h)
        rec["c_prev"].append(c)
        rec["values"].append(vals)
        rec["parts"].append(parts)
        h = vals["h"]
        c = vals.get("c", c)
    values = {k: torch.stack([v[k] for v in rec["values"]]) for k in rec["values"][0]}
    parts = {
        g: {s: torch.stack([p[g][s] for p in rec["parts"]]).numpy() for s in ("x", "h", "b")}
        for g in rec["parts"][0]
    }
    return torch.stack(rec["h_prev"]), torch.stack(rec["c_prev"]), values, parts


def trace_steps(kind: str, embedding: nn.Embedding, layer: nn.RNNBase, fc: nn.Linear, text: str) -> StepTrace:
    """The learner's sentence through the trained layer, step by step (raises gates.EmptyInputError)."""
    TRACE_CALLS["count"] += 1
    parsed = gates.parse(text)
    embedding, layer, fc = (copy.deepcopy(m).cpu() for m in (embedding, layer, fc))
    with torch.no_grad():
        emb = embedding(torch.tensor(parsed.ids))  # (T, E)
        torch_out, state = layer(emb.unsqueeze(0))  # (1, T, H)
        h_prev, c_prev, values, parts = _unroll(kind, layer, emb)
        probs = torch.softmax(fc(values["h"]), dim=-1)  # (T, C)
    h_n, c_n = state if kind == "lstm" else (state, None)
    pairs = {"outputs": (torch_out[0], values["h"]), "h_n": (h_n[0, 0], values["h"][-1])}
    if c_n is not None:
        pairs["c_n"] = (c_n[0, 0], values["c"][-1])
    checks = {name: bool(torch.allclose(a, b, atol=1e-5)) for name, (a, b) in pairs.items()}
    return StepTrace(
        kind=kind,
        parsed=parsed,
        x=emb.numpy(),
        h_prev=h_prev.numpy(),
        c_prev=c_prev.numpy() if kind == "lstm" else None,
        values={k: v.numpy() for k, v in values.items()},
        parts=parts,
        probs=probs.numpy(),
        truth=gates.tag_targets([t if t in gates.VOCAB else gates.UNK for t in parsed.tokens]),
        checks=checks,
        max_abs_diff=max(float((a - b).abs().max()) for a, b in pairs.values()),
        torch_h=torch_out[0].numpy(),
    )


def in_lesson_notation(tr: StepTrace) -> StepTrace:
    """A GRU trace written the lesson's way: z_lesson = 1 − z_torch and h̃ = n, so the lesson's
    update line (1 − z)·h_{t−1} + z·h̃ must give nn.GRU's own h_t; the check is kept as "lesson_h".
    Only the notation changes: the candidate is still nn.GRU's (r after the product)."""
    if tr.kind != "gru":
        raise ValueError(f"only a GRU has two notations, got {tr.kind!r}")
    if tr.notation == "lesson":
        return tr
    z = gru_forms.lesson_z(tr.values["z"])
    h = gru_forms.lesson_update(z, tr.h_prev, tr.values["n"])
    diff = float(np.abs(h - tr.torch_h).max())
    return replace(
        tr,
        values={**tr.values, "z": z, "h": h},
        checks={**tr.checks, "lesson_h": bool(np.allclose(h, tr.torch_h, atol=1e-5))},
        max_abs_diff=max(tr.max_abs_diff, diff),
        notation="lesson",
    )


def trace_model(kind: str, model: nn.Module, text: str) -> StepTrace:
    """trace_steps for a StepTagger (model.rnn) or the LSTM page's GateTagger (model.lstm)."""
    layer = model.lstm if kind == "lstm" else model.rnn
    return trace_steps(kind, model.embedding, layer, model.fc, text)
