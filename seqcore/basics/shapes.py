"""The shape explorer shared by the RNN, LSTM, GRU and bidirectional pages.

It builds a real nn.RNN / nn.LSTM / nn.GRU, runs it on random input, and reports the shapes
with their rules and the live checks of which output equals which final state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params

# Every shape page reruns with the same sliders: each configuration runs its module once.
SHAPES_STORE = CacheStore("shapes", max_entries=64, max_mb=16)


@dataclass(frozen=True)
class ShapeConfig:
    kind: str = "rnn"  # "rnn" | "lstm" | "gru"
    batch: int = 2  # B
    seq_len: int = 5  # T
    input_size: int = 10  # features per step
    hidden_size: int = 20  # H
    num_layers: int = 1  # stacked layers
    batch_first: bool = True  # input (B, T, F) instead of (T, B, F)
    bidirectional: bool = False  # a second, backward pass; outputs get 2H features


@dataclass(frozen=True)
class Check:
    expr: str  # the comparison as code, e.g. "torch.allclose(outputs[:, -1, :], h_n[-1])"
    value: bool  # what torch computed just now
    note: str  # why, in Korean
    expected: bool | None = None  # what the rule predicts (a check meant to be False is no error)

    @property
    def as_expected(self) -> bool:
        return self.expected is None or self.value == self.expected


@dataclass
class ShapeReport:
    config: ShapeConfig
    input_shape: tuple[int, ...]
    outputs_shape: tuple[int, ...]
    h_n_shape: tuple[int, ...]
    c_n_shape: tuple[int, ...] | None
    rules: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    module_repr: str = ""
    n_params: int = 0  # count_params of the module
    code: str = ""  # module_code(config): runs as shown, and every check's expr runs after it


def build_module(cfg: ShapeConfig, seed: int = 42) -> nn.RNNBase:
    module = recurrent_layer(cfg.kind)(
        cfg.input_size,
        cfg.hidden_size,
        num_layers=cfg.num_layers,
        batch_first=cfg.batch_first,
        bidirectional=cfg.bidirectional,
    )
    return rng.seeded(module, seed)


def _close(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.shape == b.shape and bool(torch.allclose(a, b, atol=1e-6))


def module_code(cfg: ShapeConfig, var: str | None = None, with_h0: bool = False, answers: bool = True) -> str:
    """The code that builds this module and runs it, as shown on the pages: it runs as printed.

    It defines `outputs`, `h_n` (and `c_n`) and, for two directions, `H`, so every check's
    expression can be run right after it. Without `answers` the prints carry no comment with the
    shape they print (the page asks the learner to predict it first).
    """
    var = var or cfg.kind
    B, T, F, H, L = cfg.batch, cfg.seq_len, cfg.input_size, cfg.hidden_size, cfg.num_layers
    D = 2 if cfg.bidirectional else 1
    x_shape = (B, T, F) if cfg.batch_first else (T, B, F)
    state = "(h_n, c_n)" if cfg.kind == "lstm" else "h_n"
    lines = [
        "import torch",
        "import torch.nn as nn",
        "",
        f"{var} = nn.{cfg.kind.upper()}(input_size={F}, hidden_size={H}, num_layers={L},",
        f"    batch_first={cfg.batch_first}, bidirectional={cfg.bidirectional})",
        f"x = torch.randn{x_shape}  # {'(batch, seq_len, input_size)' if cfg.batch_first else '(seq_len, batch, input_size)'}",
    ]
    if with_h0:
        lines.append(
            f"h0 = torch.zeros({L * D}, {B}, {H})  # (num_layers × 방향 수, batch, hidden), 생략하면 0"
        )
        h0 = "(h0, torch.zeros_like(h0))" if cfg.kind == "lstm" else "h0"
        lines.append(f"outputs, {state} = {var}(x, {h0})")
    else:
        lines.append(f"outputs, {state} = {var}(x)")
    if D == 2:
        lines.append(f"H = {H}  # hidden_size: outputs[..., :H]는 순방향, outputs[..., H:]는 역방향")
    lines.append("")
    out_shape = [*x_shape[:2], D * H]
    prints = [
        ("outputs", out_shape, "마지막 층의 모든 시점"),
        ("h_n", [L * D, B, H], "모든 층·방향의 마지막 은닉 상태"),
    ] + ([("c_n", [L * D, B, H], "셀 상태")] if cfg.kind == "lstm" else [])
    for name, shape, meaning in prints:
        line = f"print({name}.shape)".ljust(22)
        lines.append(f"{line}# torch.Size({shape}): {meaning}" if answers else f"{line}# ?")
    return "\n".join(lines)


def _rules(cfg: ShapeConfig) -> dict[str, str]:
    B, T, F, H, L = cfg.batch, cfg.seq_len, cfg.input_size, cfg.hidden_size, cfg.num_layers
    D = 2 if cfg.bidirectional else 1
    seq_dims = "(batch, seq_len" if cfg.batch_first else "(seq_len, batch"
    seq_vals = f"({B}, {T}" if cfg.batch_first else f"({T}, {B}"
    dir_note = "hidden × 2 (양방향)" if D == 2 else "hidden"
    rules = {
        "input": f"{seq_dims}, input_size) = {seq_vals}, {F})",
        "outputs": f"{seq_dims}, {dir_note}) = {seq_vals}, {D * H})  # 마지막 층의 모든 시점",
        "h_n": f"(num_layers × 방향 수, batch, hidden) = ({L}×{D}, {B}, {H}) = ({L * D}, {B}, {H})"
        "  # 모든 층·방향의 마지막 은닉 상태",
    }
    if cfg.kind == "lstm":
        rules["c_n"] = f"h_n과 같은 ({L * D}, {B}, {H})  # 셀 상태 (LSTM만)"
    return rules


def rule_line(report: ShapeReport, name: str) -> str:
    """'outputs의 모양 = (batch, seq_len, hidden) = (2, 5, 20): 마지막 층의 모든 시점' (Korean)."""
    return f"{name}의 모양 = " + report.rules[name].replace("  # ", ": ")


def _at_step(cfg: ShapeConfig, step: int) -> str:
    """Code for the outputs at one time step, all of the batch: `outputs[:, -1, ` or `outputs[-1, :, `."""
    return f"outputs[:, {step}, " if cfg.batch_first else f"outputs[{step}, :, "


def _one_way_checks(cfg: ShapeConfig, out_last: torch.Tensor, h_n: torch.Tensor) -> list[Check]:
    last = _at_step(cfg, -1)
    checks = [
        Check(
            f"torch.allclose({last}:], h_n[-1])",
            _close(out_last, h_n[-1]),
            "outputs의 마지막 시점 = 마지막 층의 마지막 은닉 상태 h_n[-1]",
            expected=True,
        ),
    ]
    if cfg.num_layers == 1:
        checks.append(
            Check(
                f"torch.allclose({last}:], h_n.squeeze(0))",
                _close(out_last, h_n.squeeze(0)),
                "층이 1개면 h_n.squeeze(0)도 같아요 (강의의 비교)",
                expected=True,
            )
        )
    else:
        checks.append(
            Check(
                f"torch.allclose({last}:], h_n[0])",
                _close(out_last, h_n[0]),
                "h_n[0]은 첫 번째 층의 상태예요. outputs는 마지막 층만 담으므로 다릅니다",
                expected=False,
            )
        )
    return checks


def _two_way_checks(cfg: ShapeConfig, outputs: torch.Tensor, h_n: torch.Tensor) -> list[Check]:
    H = cfg.hidden_size
    out_last = outputs[:, -1] if cfg.batch_first else outputs[-1]  # (B, 2H)
    out_first = outputs[:, 0] if cfg.batch_first else outputs[0]  # (B, 2H)
    fwd, bwd = h_n[-2], h_n[-1]  # the last layer's forward and backward final states
    last, first = _at_step(cfg, -1), _at_step(cfg, 0)
    one_step = cfg.seq_len == 1  # with one step, the first step is the last: these two agree
    return [
        Check(
            f"torch.allclose({last}:H], h_n[-2])",
            _close(out_last[:, :H], fwd),
            "순방향은 마지막 시점에서 끝나요: outputs 마지막 시점의 앞쪽 H개 = 순방향 최종 상태",
            True,
        ),
        Check(
            f"torch.allclose({first}H:], h_n[-1])",
            _close(out_first[:, H:], bwd),
            "역방향은 첫 시점에서 끝나요: outputs 첫 시점의 뒤쪽 H개 = 역방향 최종 상태",
            True,
        ),
        Check(
            f"torch.allclose({last}H:], h_n[-1])",
            _close(out_last[:, H:], bwd),
            "흔한 실수: 마지막 시점의 뒤쪽 H개는 역방향이 겨우 한 칸 읽은 상태예요",
            one_step,
        ),
        Check(
            f"torch.allclose({last}:], torch.cat([h_n[-2], h_n[-1]], dim=1))",
            _close(out_last, torch.cat([fwd, bwd], dim=1)),
            f"그래서 분류에는 {last}:]가 아니라 h_n[-2]와 h_n[-1]을 이어 붙여요",
            one_step,
        ),
    ]


@memo(SHAPES_STORE)
def explore_shapes(cfg: ShapeConfig, seed: int = 42) -> ShapeReport:
    """Run the module once and report shapes, rules and output/state checks."""
    module = build_module(cfg, seed)
    B, T, F = cfg.batch, cfg.seq_len, cfg.input_size
    g = rng.torch_gen(seed)
    x = torch.randn((B, T, F) if cfg.batch_first else (T, B, F), generator=g)
    with torch.no_grad():
        outputs, state = module(x)
    h_n, c_n = state if cfg.kind == "lstm" else (state, None)
    if cfg.bidirectional:
        checks = _two_way_checks(cfg, outputs, h_n)
    else:
        checks = _one_way_checks(cfg, outputs[:, -1] if cfg.batch_first else outputs[-1], h_n)
    return ShapeReport(
        config=cfg,
        input_shape=tuple(x.shape),
        outputs_shape=tuple(outputs.shape),
        h_n_shape=tuple(h_n.shape),
        c_n_shape=tuple(c_n.shape) if c_n is not None else None,
        rules=_rules(cfg),
        checks=checks,
        module_repr=repr(module),
        n_params=count_params(module),
        code=module_code(cfg),
    )
