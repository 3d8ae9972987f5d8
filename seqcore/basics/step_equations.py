"""A traced step written out: each gate's equation for one unit with the real numbers filled in,
the allclose checks as code, and the model's answer (for the step-through panel)."""

from __future__ import annotations

from seqcore.basics import gates
from seqcore.basics.stepper import GATE_ORDER, SIGMOID_GATES, StepTrace

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
    names = {
        "outputs": "outputs, scratch_outputs",
        "h_n": "h_n[0, 0], h_T",
        "c_n": "c_n[0, 0], C_T",
        "lesson_h": "(1 - z_lesson) * h_prev + z_lesson * h_tilde, outputs",
    }
    rows = [f"torch.allclose({names[k]}, atol=1e-5)  # {v}" for k, v in tr.checks.items()]
    return "\n".join(rows) + f"\n최대 차이: {tr.max_abs_diff:.1e}"


def answer_label(tr: StepTrace, t: int) -> tuple[str, float, str]:
    """(the model's answer, its probability, the task's truth) at step t."""
    k = int(tr.probs[t].argmax())
    return gates.LABELS[k], float(tr.probs[t, k]), gates.LABELS[tr.truth[t]]
