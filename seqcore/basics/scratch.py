"""Scratch cells checked against torch: load an nn.RNN / nn.LSTM / nn.GRU's weights into the
cell written with the equations' names (seqcore.basics.cells), run both, compare with allclose."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.basics.cells import ScratchGRU, ScratchLSTM, ScratchRNN
from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.runtime import DEFAULT_SEED

CHECKS_STORE = CacheStore("gate_scratch_checks", max_entries=32, max_mb=8)  # a rerun asks again


@dataclass
class ScratchRNNCheck:
    weight_shapes: dict[str, tuple[int, ...]]  # W_xh, W_hh, b_h
    outputs_close: bool  # torch.allclose(nn.RNN outputs, scratch outputs)
    h_close: bool  # torch.allclose(h_n[0], scratch h_T)
    max_abs_diff: float
    hidden: np.ndarray  # (T, H): the scratch RNN's h_t for the first sequence of the batch


def scratch_rnn_check(
    batch: int, seq_len: int, input_size: int, hidden_size: int, seed: int
) -> ScratchRNNCheck:
    """Load an nn.RNN's weights into ScratchRNN, run both on the same input, compare."""
    gen = rng.torch_gen(seed)
    rnn = rng.seeded(nn.RNN(input_size, hidden_size, batch_first=True), gen)
    scratch = ScratchRNN.from_torch(rnn)
    x = torch.randn(batch, seq_len, input_size, generator=gen)  # (B, T, I)
    with torch.no_grad():
        out, h_n = rnn(x)
        s_out, s_h = scratch(x)
    return ScratchRNNCheck(
        weight_shapes={n: tuple(p.shape) for n, p in scratch.named_parameters()},
        outputs_close=bool(torch.allclose(out, s_out, atol=1e-6)),
        h_close=bool(torch.allclose(h_n[0], s_h, atol=1e-6)),
        max_abs_diff=float((out - s_out).abs().max()),
        hidden=s_out[0].numpy(),
    )


@dataclass(frozen=True)
class ScratchCheck:
    kind: str  # "lstm" | "gru"
    outputs_close: bool  # torch.allclose(outputs, scratch outputs)
    h_close: bool  # torch.allclose(h_n[0], scratch h_T)
    c_close: bool | None  # LSTM only
    max_abs_diff: float
    weight_shapes: dict[str, tuple[int, ...]]  # torch's packed weight_ih_l0 etc.
    block_names: tuple[str, ...]  # the packed row blocks in order


@memo(CHECKS_STORE)
def scratch_check(
    kind: str, batch: int, seq_len: int, input_size: int, hidden_size: int, seed: int = DEFAULT_SEED
) -> ScratchCheck:
    """A fresh nn.LSTM/nn.GRU against the scratch cell loaded with its weights, random (h0, c0)."""
    gen = rng.torch_gen(seed)
    B, T, I, H = batch, seq_len, input_size, hidden_size
    module = rng.seeded({"lstm": nn.LSTM, "gru": nn.GRU}[kind](I, H, batch_first=True), gen)
    x = torch.randn(B, T, I, generator=gen)  # (B, T, I)
    h0, c0 = torch.randn(1, B, H, generator=gen), torch.randn(1, B, H, generator=gen)
    shapes = {n: tuple(p.shape) for n, p in module.named_parameters()}
    with torch.no_grad():
        if kind == "lstm":
            out, (h_n, c_n) = module(x, (h0, c0))
            s_out, (s_h, s_c) = ScratchLSTM.from_torch(module)(x, (h0[0], c0[0]))
            c_close, blocks = bool(torch.allclose(c_n[0], s_c, atol=1e-6)), ScratchLSTM.GATES
        else:
            # The lesson's own GRU form is checked separately, in seqcore.basics.gru_forms.
            out, h_n = module(x, h0)
            s_out, s_h = ScratchGRU.from_torch(module)(x, h0[0])
            c_close, blocks = None, ScratchGRU.GATES
    return ScratchCheck(
        kind=kind,
        outputs_close=bool(torch.allclose(out, s_out, atol=1e-6)),
        h_close=bool(torch.allclose(h_n[0], s_h, atol=1e-6)),
        c_close=c_close,
        max_abs_diff=float((out - s_out).abs().max()),
        weight_shapes=shapes,
        block_names=blocks,
    )
