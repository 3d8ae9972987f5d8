"""From-scratch RNN, LSTM and GRU layers with the equations' names.

Each class loads its weights from one layer (and direction) of the torch module with
`from_torch`, and its `forward` then matches torch's output to float precision. With
`record=True` the forward pass also returns every gate and state per time step, which is
what the pages draw.

All inputs are batch-first: x is (B, T, input_size).

The RNN page shows ScratchRNN.step and the time loop (_HiddenOnlyCell.forward) as the code that
runs: their docstrings and comments are Korean, for the learner who reads them.
"""

from __future__ import annotations

import torch
import torch.nn as nn


def _weights(module: nn.RNNBase, layer: int, reverse: bool) -> tuple[torch.Tensor, ...]:
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    w_ih = getattr(module, "weight_ih" + suffix).detach().clone()
    w_hh = getattr(module, "weight_hh" + suffix).detach().clone()
    if module.bias:
        b_ih = getattr(module, "bias_ih" + suffix).detach().clone()
        b_hh = getattr(module, "bias_hh" + suffix).detach().clone()
    else:
        b_ih = torch.zeros(w_ih.shape[0])
        b_hh = torch.zeros(w_hh.shape[0])
    return w_ih, w_hh, b_ih, b_hh


def _stack(steps: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """[{name: (B, H)} per step] -> {name: (B, T, H)}."""
    return {k: torch.stack([s[k] for s in steps], dim=1) for k in steps[0]}


class _HiddenOnlyCell(nn.Module):
    """The time loop shared by the cells whose state is h alone (RNN, GRU): `step` is theirs."""

    def forward(self, x: torch.Tensor, h0: torch.Tensor | None = None, record: bool = False):
        """(모든 시점의 출력 (B, T, H), 마지막 은닉 h_T (B, H))를 돌려줘요. record=True면 시점별 기록도요."""
        h = h0 if h0 is not None else x.new_zeros(x.shape[0], self.hidden_size)
        steps = []
        for t in range(x.shape[1]):
            s = self.step(x[:, t], h)
            h = s["h"]
            steps.append(s)
        rec = _stack(steps)
        out = (rec["h"], h)
        return (*out, rec) if record else out


class ScratchRNN(_HiddenOnlyCell):
    """h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)."""

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.W_xh = nn.Parameter(torch.zeros(hidden_size, input_size))
        self.W_hh = nn.Parameter(torch.zeros(hidden_size, hidden_size))
        # torch keeps two biases (b_ih, b_hh); the equation's b_h is their sum.
        self.b_h = nn.Parameter(torch.zeros(hidden_size))

    @classmethod
    def from_torch(cls, rnn: nn.RNN, layer: int = 0, reverse: bool = False) -> ScratchRNN:
        if rnn.nonlinearity != "tanh":
            raise ValueError("ScratchRNN follows the lesson's tanh recurrence")
        w_ih, w_hh, b_ih, b_hh = _weights(rnn, layer, reverse)
        cell = cls(w_ih.shape[1], rnn.hidden_size)
        with torch.no_grad():
            cell.W_xh.copy_(w_ih)
            cell.W_hh.copy_(w_hh)
            cell.b_h.copy_(b_ih + b_hh)
        return cell

    def step(self, x_t: torch.Tensor, h: torch.Tensor) -> dict[str, torch.Tensor]:
        h = torch.tanh(x_t @ self.W_xh.T + h @ self.W_hh.T + self.b_h)  # 모양: (B, H)
        return {"h": h}


class ScratchLSTM(nn.Module):
    """The lesson's LSTM, one layer.

    i_t = sigmoid(W_i [h_{t-1}, x_t] + b_i)      input gate
    f_t = sigmoid(W_f [h_{t-1}, x_t] + b_f)      forget gate
    g_t = tanh(W_C [h_{t-1}, x_t] + b_C)         candidate C_tilde
    o_t = sigmoid(W_o [h_{t-1}, x_t] + b_o)      output gate
    C_t = f_t * C_{t-1} + i_t * g_t
    h_t = o_t * tanh(C_t)

    torch packs the four weight blocks row-wise in the order i, f, g, o.
    """

    GATES = ("i", "f", "g", "o")

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        for g in self.GATES:
            setattr(self, f"W_x{g}", nn.Parameter(torch.zeros(hidden_size, input_size)))
            setattr(self, f"W_h{g}", nn.Parameter(torch.zeros(hidden_size, hidden_size)))
            setattr(self, f"b_{g}", nn.Parameter(torch.zeros(hidden_size)))

    @classmethod
    def from_torch(cls, lstm: nn.LSTM, layer: int = 0, reverse: bool = False) -> ScratchLSTM:
        if getattr(lstm, "proj_size", 0):
            raise ValueError("ScratchLSTM does not model proj_size")
        w_ih, w_hh, b_ih, b_hh = _weights(lstm, layer, reverse)
        cell = cls(w_ih.shape[1], lstm.hidden_size)
        blocks = zip(cls.GATES, w_ih.chunk(4), w_hh.chunk(4), (b_ih + b_hh).chunk(4))
        with torch.no_grad():
            for g, wx, wh, b in blocks:
                getattr(cell, f"W_x{g}").copy_(wx)
                getattr(cell, f"W_h{g}").copy_(wh)
                getattr(cell, f"b_{g}").copy_(b)
        return cell

    def _gate(self, name: str, x_t: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        wx, wh, b = (getattr(self, n) for n in (f"W_x{name}", f"W_h{name}", f"b_{name}"))
        return x_t @ wx.T + h @ wh.T + b  # (B, H)

    def step(self, x_t, h, c) -> dict[str, torch.Tensor]:
        i = torch.sigmoid(self._gate("i", x_t, h))
        f = torch.sigmoid(self._gate("f", x_t, h))
        g = torch.tanh(self._gate("g", x_t, h))
        o = torch.sigmoid(self._gate("o", x_t, h))
        c = f * c + i * g  # the cell state: only a product and a sum
        h = o * torch.tanh(c)
        return {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}

    def forward(self, x: torch.Tensor, state=None, record: bool = False):
        """Returns (outputs (B, T, H), (h_T, c_T)), plus the per-step record if asked."""
        B = x.shape[0]
        h, c = state if state is not None else (x.new_zeros(B, self.hidden_size),) * 2
        steps = []
        for t in range(x.shape[1]):
            s = self.step(x[:, t], h, c)
            h, c = s["h"], s["c"]
            steps.append(s)
        rec = _stack(steps)
        out = (rec["h"], (h, c))
        return (*out, rec) if record else out


class ScratchGRU(_HiddenOnlyCell):
    """GRU as torch computes it, one layer.

    r_t = sigmoid(W_xr x_t + b_xr + W_hr h_{t-1} + b_hr)         reset gate
    z_t = sigmoid(W_xz x_t + b_xz + W_hz h_{t-1} + b_hz)         update gate
    n_t = tanh(W_xn x_t + b_xn + r_t * (W_hn h_{t-1} + b_hn))    candidate h_tilde
    h_t = (1 - z_t) * n_t + z_t * h_{t-1}

    Note torch's convention: z_t is the share of the *old* state that is kept. The lesson
    writes h_t = (1 - z_t) h_{t-1} + z_t h_tilde: relabelling z as 1 - z matches that update
    line only. Its candidate, tanh(W [r * h, x]), applies r before the product and is a
    different cell (seqcore.basics.gru_forms runs both side by side).
    torch packs the blocks in the order r, z, n; the reset gate multiplies W_hn h + b_hn,
    so the two n biases cannot be merged.
    """

    GATES = ("r", "z", "n")

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        for g in self.GATES:
            setattr(self, f"W_x{g}", nn.Parameter(torch.zeros(hidden_size, input_size)))
            setattr(self, f"W_h{g}", nn.Parameter(torch.zeros(hidden_size, hidden_size)))
            setattr(self, f"b_x{g}", nn.Parameter(torch.zeros(hidden_size)))
            setattr(self, f"b_h{g}", nn.Parameter(torch.zeros(hidden_size)))

    @classmethod
    def from_torch(cls, gru: nn.GRU, layer: int = 0, reverse: bool = False) -> ScratchGRU:
        w_ih, w_hh, b_ih, b_hh = _weights(gru, layer, reverse)
        cell = cls(w_ih.shape[1], gru.hidden_size)
        blocks = zip(cls.GATES, w_ih.chunk(3), w_hh.chunk(3), b_ih.chunk(3), b_hh.chunk(3))
        with torch.no_grad():
            for g, wx, wh, bx, bh in blocks:
                getattr(cell, f"W_x{g}").copy_(wx)
                getattr(cell, f"W_h{g}").copy_(wh)
                getattr(cell, f"b_x{g}").copy_(bx)
                getattr(cell, f"b_h{g}").copy_(bh)
        return cell

    def step(self, x_t, h) -> dict[str, torch.Tensor]:
        r = torch.sigmoid(x_t @ self.W_xr.T + self.b_xr + h @ self.W_hr.T + self.b_hr)
        z = torch.sigmoid(x_t @ self.W_xz.T + self.b_xz + h @ self.W_hz.T + self.b_hz)
        n = torch.tanh(x_t @ self.W_xn.T + self.b_xn + r * (h @ self.W_hn.T + self.b_hn))
        h = (1 - z) * n + z * h
        return {"r": r, "z": z, "n": n, "h": h}
