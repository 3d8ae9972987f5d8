"""Watch a cell think: one forward pass of a trained recurrent layer, written out step by step.

`trace_steps` runs a learner's sentence through a trained RNN, LSTM or GRU layer and keeps,
for every time step, the input x_t (the word's embedding), h_{t-1} (and C_{t-1}), every
gate's value, and every gate's pre-activation split into its parts (W_x x_t, W_h h_{t-1}, b),
so a page can write an equation with the real numbers substituted. The same pass is checked
against the torch module's own outputs, h_n and c_n with torch.allclose, and the result shown.

The RNN and GRU pages need a trained model that reads words: `train_step_model` trains
Embedding -> nn.RNN / nn.GRU -> Linear on the LSTM page's per-step task (seqcore.basics.gates:
"what has the current sentence shown so far", reset at '.'), so the three pages step through
models trained on the same task. The LSTM page uses its own trained gate-task model.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics import gates, gru_forms
from seqcore.basics.cells import ScratchGRU, ScratchLSTM, ScratchRNN
from seqcore.core.cache import CacheStore
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import DEFAULT_SEED, seed_everything, warm_up_in_background
from seqcore.core.training import EpochCallback, fit

STEP_STORE = CacheStore("stepper_taggers", max_entries=6)  # trained RNN/GRU taggers

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


@dataclass(frozen=True)
class StepTaskConfig:
    kind: str = "rnn"  # "rnn" | "gru": the recurrent layer of the tagger
    hidden_size: int = 8  # units: the columns of every strip
    embed_dim: int = 8  # word vector size (x_t)
    n_train: int = 256  # training sequences of the gate task
    n_val: int = 200  # held-out sequences for the accuracies
    seq_len: int = 20  # tokens per training sequence
    epochs: int = 40  # full-batch Adam epochs (about a second on one core)
    lr: float = 0.05
    seed: int = DEFAULT_SEED


class StepTagger(nn.Module):
    """gates.GateTagger with the recurrent layer picked by kind: Embedding -> RNN/GRU -> Linear."""

    def __init__(self, kind: str, vocab_size: int, embed_dim: int, hidden_size: int):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.rnn = recurrent_layer(kind)(embed_dim, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, len(gates.LABELS))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embedding(ids))  # (B, T, H)
        return self.fc(out)  # (B, T, C)


@dataclass
class StepModel:
    config: StepTaskConfig
    model: StepTagger
    train_loss: list[float]
    seconds: float
    device: str
    val_accuracy: float  # per-token accuracy on held-out sequences
    period_accuracy: float  # accuracy at the '.' steps


def train_step_model(
    cfg: StepTaskConfig = StepTaskConfig(), on_epoch: EpochCallback | None = None
) -> StepModel:
    """Train the RNN or GRU tagger on the gate task (same data recipe as the LSTM page)."""
    if cfg.kind not in ("rnn", "gru"):
        raise ValueError(f"kind must be 'rnn' or 'gru', got {cfg.kind!r}")
    train = gates.make_dataset(cfg.n_train, cfg.seq_len, cfg.seed)
    val_ids, val_labels = gates.make_dataset(cfg.n_val, cfg.seq_len, cfg.seed + 1)
    warm_up_in_background().join()
    seed_everything(cfg.seed)
    model = StepTagger(cfg.kind, len(gates.VOCAB), cfg.embed_dim, cfg.hidden_size)
    hist = fit(
        model, train, gates.tagging_loss, epochs=cfg.epochs, lr=cfg.lr, seed=cfg.seed, on_epoch=on_epoch
    )
    model = model.cpu().eval()
    with torch.no_grad():
        pred = model(val_ids).argmax(-1)
    period = val_ids == gates.VOCAB[gates.PERIOD]
    return StepModel(
        config=cfg,
        model=model,
        train_loss=hist.train_loss,
        seconds=hist.seconds,
        device=hist.device,
        val_accuracy=float((pred == val_labels).float().mean()),
        period_accuracy=float((pred[period] == val_labels[period]).float().mean()),
    )


# The taggers the RNN and GRU pages step through by default: computed at start-up
# (seqcore.ui.startup) so that a learner's first visit is a cache hit.
DEFAULT_RUNS = tuple((STEP_STORE, train_step_model, StepTaskConfig(kind=k)) for k in ("rnn", "gru"))


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
        g: {"x": getattr(cell, f"W_x{g}") @ x_t, "h": getattr(cell, f"W_h{g}") @ h,
            "b": getattr(cell, f"b_x{g}") + getattr(cell, f"b_h{g}")}
        for g in ("r", "z")
    }  # fmt: skip
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


_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _s(step: int) -> str:
    """A step number as a subscript: 12 -> '₁₂'."""
    return str(step).translate(_DIGITS)


def _n(v: float) -> str:
    """A number as the equations print it: two decimals, a real minus sign."""
    return f"{v:.2f}".replace("-", "−")


def _sum(parts: list[float]) -> str:
    out = _n(parts[0])
    for p in parts[1:]:
        out += f" − {_n(-p)}" if p < 0 else f" + {_n(p)}"
    return out


_GATE_SYMBOLS = {"g": ("C̃", "W_xg·x + W_hg·h + b_g"), "h": ("h", "W_xh·x + W_hh·h + b")}


def _p(v: float) -> str:
    """A factor in a product: negatives in parentheses."""
    return f"({_n(v)})" if v < 0 else _n(v)


def _gate_line(tr: StepTrace, g: str, t: int, u: int) -> str:
    p = {s: float(tr.parts[g][s][t, u]) for s in ("x", "h", "b")}
    v, s = float(tr.values[g][t, u]), t + 1
    fn = "σ" if g in SIGMOID_GATES else "tanh"
    if g == "n":
        r = float(tr.values["r"][t, u])
        inner = f"{_n(p['x'])} + {_n(p['b'])} + {_p(r)}×{_p(p['h'])}"
        sym = "h̃" if tr.notation == "lesson" else "n"
        return f"{sym}{_s(s)}[{u}] = tanh(W_xn·x + b_xn + r·(W_hn·h + b_hn)) = tanh({inner}) = {_n(v)}"
    sym, form = _GATE_SYMBOLS.get(g, (g, f"W_x{g}·x + W_h{g}·h + b_{g}"))
    total = p["x"] + p["h"] + p["b"]
    if g == "z" and tr.notation == "lesson":  # z_lesson = 1 − σ(a): the share of the new candidate
        return f"z{_s(s)}[{u}] = 1 − σ({form}) = 1 − σ({_sum([p['x'], p['h'], p['b']])}) = 1 − σ({_n(total)}) = {_n(v)}"
    return f"{sym}{_s(s)}[{u}] = {fn}({form}) = {fn}({_sum([p['x'], p['h'], p['b']])}) = {fn}({_n(total)}) = {_n(v)}"


def equations(tr: StepTrace, t: int, unit: int) -> list[str]:
    """The step's equations for one unit with the real numbers substituted (t is 0-based)."""
    if not (0 <= t < tr.steps and 0 <= unit < tr.h_prev.shape[1]):
        raise IndexError(f"step {t} / unit {unit} out of range")
    s, u, h = t + 1, unit, tr.values["h"]
    if tr.kind == "rnn":
        return [_gate_line(tr, "h", t, u)]
    lines = [_gate_line(tr, g, t, u) for g in GATE_ORDER[tr.kind] if g not in ("c", "h")]
    if tr.kind == "lstm":
        f, i, g, o, c = (float(tr.values[k][t, u]) for k in ("f", "i", "g", "o", "c"))
        cp = float(tr.c_prev[t, u])
        lines.append(f"C{_s(s)}[{u}] = f·C{_s(s - 1)} + i·C̃ = {_p(f)}×{_p(cp)} + {_p(i)}×{_p(g)} = {_n(c)}")
        lines.append(f"h{_s(s)}[{u}] = o·tanh(C{_s(s)}) = {_p(o)}×tanh({_n(c)}) = {_n(float(h[t, u]))}")
    elif tr.notation == "lesson":
        z, n, hp = float(tr.values["z"][t, u]), float(tr.values["n"][t, u]), float(tr.h_prev[t, u])
        mix = f"{_p(1 - z)}×{_p(hp)} + {_p(z)}×{_p(n)}"
        lines.append(f"h{_s(s)}[{u}] = (1 − z)·h{_s(s - 1)} + z·h̃ = {mix} = {_n(float(h[t, u]))}")
    else:
        z, n, hp = float(tr.values["z"][t, u]), float(tr.values["n"][t, u]), float(tr.h_prev[t, u])
        mix = f"{_p(1 - z)}×{_p(n)} + {_p(z)}×{_p(hp)}"
        lines.append(f"h{_s(s)}[{u}] = (1 − z)·n + z·h{_s(s - 1)} = {mix} = {_n(float(h[t, u]))}")
    return lines


def check_lines(tr: StepTrace) -> str:
    """The allclose checks as code a learner can read (shown under the step-through)."""
    names = {"outputs": "outputs, scratch_outputs", "h_n": "h_n[0, 0], h_T", "c_n": "c_n[0, 0], C_T",
             "lesson_h": "(1 - z_lesson) * h_prev + z_lesson * h_tilde, outputs"}  # fmt: skip
    rows = [f"torch.allclose({names[k]}, atol=1e-5)  # {v}" for k, v in tr.checks.items()]
    return "\n".join(rows) + f"\n최대 차이: {tr.max_abs_diff:.1e}"


def answer_label(tr: StepTrace, t: int) -> tuple[str, float, str]:
    """(the model's answer, its probability, the task's truth) at step t."""
    k = int(tr.probs[t].argmax())
    return gates.LABELS[k], float(tr.probs[t, k]), gates.LABELS[tr.truth[t]]
