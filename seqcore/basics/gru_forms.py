"""The lesson's GRU and PyTorch's nn.GRU, run side by side with the same weights.

Two differences separate them:

- the update line: the lesson writes h_t = (1 - z_t) h_{t-1} + z_t h~_t (z = share of the new
  candidate), PyTorch h_t = (1 - z_t) n_t + z_t h_{t-1} (z = share of the old state). Swapping
  z for 1 - z makes these two lines the same;
- the candidate: the lesson resets h *before* the matrix product, tanh(W·[r ⊙ h, x] + b),
  PyTorch *after* it, tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)). No relabelling fixes this
  one: the two are different cells (Cho et al. 2014 gave both; cuDNN and PyTorch use the second).

`compare_gru_forms` loads one nn.GRU's weights into both step functions, runs each on its own
trajectory and reports how far the lesson's h_t drifts from nn.GRU's.

The GRU page shows the step functions' source as the code that runs: their docstrings and
comments are Korean, for the learner who reads them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.basics.cells import ScratchGRU
from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.runtime import DEFAULT_SEED

NOTATIONS = {"lesson": "강의 표기", "pytorch": "PyTorch 표기"}
ATOL = 1e-6


def pytorch_step(cell: ScratchGRU, x_t: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """nn.GRU의 한 시점: r은 행렬곱 **뒤**의 (W_hn h + b_hn)에 곱하고, z는 이전 상태를 남길 비율이에요."""
    r = torch.sigmoid(x_t @ cell.W_xr.T + cell.b_xr + h @ cell.W_hr.T + cell.b_hr)
    z = torch.sigmoid(x_t @ cell.W_xz.T + cell.b_xz + h @ cell.W_hz.T + cell.b_hz)
    n = torch.tanh(x_t @ cell.W_xn.T + cell.b_xn + r * (h @ cell.W_hn.T + cell.b_hn))
    return (1 - z) * n + z * h


def lesson_z(z_torch):
    """PyTorch의 z에서 강의의 업데이트 게이트로: z_강의 = 1 - z_PyTorch (sigmoid(-a) = 1 - sigmoid(a))."""
    return 1 - z_torch


def lesson_update(z, h_prev, h_tilde):
    """강의의 업데이트 줄: h_t = (1 - z) * h_{t-1} + z * h~_t (z는 새 후보의 비율).
    z = lesson_z(z_PyTorch), h~ = n을 넣으면 PyTorch의 업데이트 줄과 정확히 같아요."""
    return (1 - z) * h_prev + z * h_tilde


def lesson_step(cell: ScratchGRU, x_t: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """강의의 한 시점: r은 행렬곱 **전**에 h에 곱하고, z는 새 후보의 비율이에요."""
    r = torch.sigmoid(x_t @ cell.W_xr.T + cell.b_xr + h @ cell.W_hr.T + cell.b_hr)
    z = torch.sigmoid(x_t @ cell.W_xz.T + cell.b_xz + h @ cell.W_hz.T + cell.b_hz)
    # W_h·[r⊙h, x] + b_h: 리셋 게이트가 행렬곱 전에 h를 만나요
    h_tilde = torch.tanh(x_t @ cell.W_xn.T + (r * h) @ cell.W_hn.T + cell.b_xn + cell.b_hn)
    return lesson_update(z, h, h_tilde)


def as_lesson_cell(cell: ScratchGRU) -> ScratchGRU:
    """The same weights with z relabelled as 1 - z: sigmoid(-a) = 1 - sigmoid(a), so negate z's block."""
    lesson = copy.deepcopy(cell)
    with torch.no_grad():
        for name in ("W_xz", "W_hz", "b_xz", "b_hz"):
            getattr(lesson, name).neg_()
    return lesson


@dataclass(frozen=True)
class GruFormsCheck:
    pytorch_close: bool  # pytorch_step's outputs allclose nn.GRU's
    lesson_close: bool  # lesson_step (as_lesson_cell: z relabelled as 1 - z) allclose nn.GRU's
    step_diffs: tuple[float, ...]  # max |h_lesson - h_torch| at each step
    pytorch_max_diff: float  # max |h_pytorch_step - nn.GRU|, float rounding only

    @property
    def max_diff(self) -> float:
        return max(self.step_diffs)


def run_form(step, cell: ScratchGRU, x: torch.Tensor, h0: torch.Tensor) -> torch.Tensor:
    """Outputs (B, T, H) of one step function over x (B, T, I) from h0 (B, H)."""
    h, outs = h0, []
    for t in range(x.shape[1]):
        h = step(cell, x[:, t], h)
        outs.append(h)
    return torch.stack(outs, dim=1)


FORMS_STORE = CacheStore("gru_forms", max_entries=32)  # pure in its arguments; a page rerun asks again


@memo(FORMS_STORE)
def compare_gru_forms(
    batch: int = 2, seq_len: int = 6, input_size: int = 10, hidden_size: int = 20, seed: int = DEFAULT_SEED
) -> GruFormsCheck:
    """A fresh nn.GRU (PyTorch's default init) against both forms loaded with its weights."""
    gen = rng.torch_gen(seed)
    gru = rng.seeded(nn.GRU(input_size, hidden_size, batch_first=True), gen)
    x = torch.randn(batch, seq_len, input_size, generator=gen)  # (B, T, I)
    h0 = torch.zeros(batch, hidden_size)
    cell = ScratchGRU.from_torch(gru)
    with torch.no_grad():
        out, _ = gru(x, h0.unsqueeze(0))  # (B, T, H)
        torch_form = run_form(pytorch_step, cell, x, h0)
        lesson_form = run_form(lesson_step, as_lesson_cell(cell), x, h0)
    diffs = (lesson_form - out).abs().amax(dim=(0, 2))  # (T,)
    return GruFormsCheck(
        pytorch_close=bool(torch.allclose(torch_form, out, atol=ATOL)),
        lesson_close=bool(torch.allclose(lesson_form, out, atol=ATOL)),
        step_diffs=tuple(float(d) for d in diffs),
        pytorch_max_diff=float((torch_form - out).abs().max()),
    )


def forms_summary(check: GruFormsCheck) -> str:
    """The verdict, in Korean, read off the check."""
    if check.lesson_close:
        return "이번 입력에서는 두 식의 결과가 허용 오차 안에서 같았어요."
    worst = check.step_diffs.index(check.max_diff) + 1
    return (
        f"z 자리에 1 − z를 넣어 업데이트 줄을 맞췄는데도, 강의 식의 h_t는 nn.GRU와 최대 "
        f"**{check.max_diff:.3f}** 차이 나요 ({worst}번째 시점). 차이는 후보 h̃에서 와요: 강의는 r을 "
        "행렬곱 **전에** h에 곱하고, PyTorch는 행렬곱 **뒤에** (W_hn h + b_hn)에 곱합니다. "
        "두 식은 같은 셀이 아니라, 비슷하게 동작하는 두 가지 GRU 변형이에요."
    )
