"""Real LSTM gates on a task where they matter: "." ends a sentence and memory must reset.

The task (a per-step tagger): read words one by one and say, at every step, what the current
sentence has shown so far: 0 = nothing yet, 1 = positive (its last polar word was positive),
2 = negative. At "." the answer goes back to 0, so the model has to hold the sentiment across
neutral words and drop it at the period: the lesson's "마침표에서 많이 잊음" scenario, learned.

A trained nn.LSTM is then run through seqcore.basics.cells.ScratchLSTM with record=True, which
returns the real i, f, g, o gates and the c, h states per step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from seqcore.basics.cells import ScratchGRU, ScratchLSTM
from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED, seed_everything, warm_up_in_background
from seqcore.core.training import EpochCallback, fit

PAD, UNK, PERIOD = "<PAD>", "<UNK>", "."
POSITIVE = ("좋아한다", "좋다", "재밌다", "최고다", "멋지다", "행복하다")
NEGATIVE = ("싫다", "싫어한다", "별로다", "지루하다", "나쁘다", "슬프다")
NEUTRAL = (
    "나는",
    "고양이를",
    "강아지도",
    "영화는",
    "책은",
    "음악이",
    "친구는",
    "오늘",
    "정말",
    "너무",
    "그리고",
    "이",
)
VOCAB: dict[str, int] = {w: i for i, w in enumerate((PAD, UNK, PERIOD, *POSITIVE, *NEGATIVE, *NEUTRAL))}
LABELS = ("없음", "긍정", "부정")  # what the current sentence has shown so far
MAX_TOKENS = 40  # longer input is cut (the learner is told)

# Sentences the learner can pick; the first is the lesson's gate example (1.4, 'LSTM 게이트 시각화').
EXAMPLES = (
    "나는 고양이를 좋아한다. 강아지도 좋다.",
    "나는 고양이를 좋아한다. 오늘 영화는 정말 지루하다.",
    "영화는 지루하다. 그리고 음악이 너무 좋다.",
    "친구는 오늘 정말 너무 정말 너무 행복하다 그리고 나는 이 책은 좋다.",
)


GATES_STORE = CacheStore("lstm_gates", max_entries=6)  # trained gate-task models
CHECKS_STORE = CacheStore("gate_scratch_checks", max_entries=32, max_mb=8)  # a rerun asks again


@dataclass(frozen=True)
class GateTaskConfig:
    hidden_size: int = knob(8, "은닉 유닛 수", options=(4, 8, 12, 16))  # LSTM units (heatmap rows)
    embed_dim: int = 8  # word vector size
    n_train: int = 256  # training sequences
    n_val: int = 200  # held-out sequences for accuracy and gate profiles
    seq_len: int = 20  # tokens per training sequence
    epochs: int = knob(40, "에포크", lo=10, hi=80, step=10)  # full-batch Adam (about 1 s, one thread)
    lr: float = 0.05
    seed: int = DEFAULT_SEED


class GateTagger(nn.Module):
    """Embedding -> nn.LSTM -> Linear, one prediction per step."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, n_classes: int = len(LABELS)):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, n_classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(self.embedding(ids))  # (B, T, H)
        return self.fc(out)  # (B, T, C)


def tag_targets(tokens: list[str]) -> list[int]:
    """The task's truth: the last polar word of the current sentence; '.' resets to 0."""
    state, labels = 0, []
    for tok in tokens:
        if tok == PERIOD:
            state = 0
        elif tok in POSITIVE:
            state = 1
        elif tok in NEGATIVE:
            state = 2
        labels.append(state)
    return labels


def random_tokens(rng: np.random.RandomState, length: int) -> list[str]:
    """Sentences of 1-6 words (30% polar, some unknown) each ending in '.', cut to `length`."""
    tokens: list[str] = []
    while len(tokens) < length:
        for _ in range(rng.randint(1, 7)):
            u = rng.rand()
            if u < 0.15:
                tokens.append(POSITIVE[rng.randint(len(POSITIVE))])
            elif u < 0.30:
                tokens.append(NEGATIVE[rng.randint(len(NEGATIVE))])
            elif u < 0.38:
                tokens.append(UNK)
            else:
                tokens.append(NEUTRAL[rng.randint(len(NEUTRAL))])
        tokens.append(PERIOD)
    return tokens[:length]


def make_dataset(n: int, length: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(ids (n, T), labels (n, T)) drawn from `seed`."""
    rng = np.random.RandomState(seed)
    seqs = [random_tokens(rng, length) for _ in range(n)]
    ids = torch.tensor([[VOCAB[t] for t in s] for s in seqs])
    labels = torch.tensor([tag_targets(s) for s in seqs])
    return ids, labels


def tagging_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))


@dataclass
class GateModel:
    config: GateTaskConfig
    model: GateTagger
    train_loss: list[float]
    seconds: float  # measured training time
    val_accuracy: float  # per-token accuracy on held-out sequences
    period_accuracy: float  # accuracy at the '.' steps (did it reset?)
    profile: dict[str, dict[str, float]] = field(default_factory=dict)  # category -> gate -> mean
    device: str = "cpu"  # where it trained (History.device)


def train_gate_model(
    cfg: GateTaskConfig = GateTaskConfig(), on_epoch: EpochCallback | None = None
) -> GateModel:
    train = make_dataset(cfg.n_train, cfg.seq_len, cfg.seed)
    val_ids, val_labels = make_dataset(cfg.n_val, cfg.seq_len, cfg.seed + 1)
    # The first Adam step of a process imports torch._dynamo (seconds): pay it before timing.
    warm_up_in_background().join()
    seed_everything(cfg.seed)
    model = GateTagger(len(VOCAB), cfg.embed_dim, cfg.hidden_size)
    hist = fit(
        model,
        train,
        tagging_loss,
        epochs=cfg.epochs,
        lr=cfg.lr,
        seed=cfg.seed,
        on_epoch=on_epoch,
    )
    with torch.no_grad():
        pred = model(val_ids).argmax(-1)
    period = val_ids == VOCAB[PERIOD]
    return GateModel(
        config=cfg,
        model=model,
        train_loss=hist.train_loss,
        seconds=hist.seconds,
        val_accuracy=float((pred == val_labels).float().mean()),
        period_accuracy=float((pred[period] == val_labels[period]).float().mean()),
        profile=gate_profile(model, val_ids),
        device=hist.device,
    )


def _record(model: GateTagger, ids: torch.Tensor):
    """Run the trained LSTM through the scratch cell; also return nn.LSTM's own outputs."""
    with torch.no_grad():
        emb = model.embedding(ids)  # (B, T, E)
        torch_out, _ = model.lstm(emb)
        scratch_out, _, rec = ScratchLSTM.from_torch(model.lstm)(emb, record=True)
    return torch_out, scratch_out, rec


def gate_profile(model: GateTagger, ids: torch.Tensor) -> dict[str, dict[str, float]]:
    """Mean i, f, o gate (over units and steps) for each kind of token."""
    _, _, rec = _record(model, ids)
    is_pos = torch.isin(ids, torch.tensor([VOCAB[w] for w in POSITIVE]))
    is_neg = torch.isin(ids, torch.tensor([VOCAB[w] for w in NEGATIVE]))
    is_period = ids == VOCAB[PERIOD]
    masks = {
        "마침표 .": is_period,
        "긍정 단어": is_pos,
        "부정 단어": is_neg,
        "그 밖의 단어": ~(is_pos | is_neg | is_period),
    }
    return {
        name: {g: float(rec[g][mask].mean()) for g in ("f", "i", "o")}
        for name, mask in masks.items()
        if mask.any()
    }


def profile_summary(profile: dict[str, dict[str, float]]) -> str:
    """Kinds of word from the lowest mean forget gate (forgets most) up, and a caveat, in Korean."""
    by_forget = sorted(profile.items(), key=lambda kv: kv[1]["f"])
    return (
        "검증 문장 전체에서 망각 게이트 평균이 낮은(많이 잊는) 순서: "
        + ", ".join(f"**{name}** {means['f']:.2f}" for name, means in by_forget)
        + ". 실제 모델은 시뮬레이션처럼 깔끔하지 않아요. 마침표에서만이 아니라 새 감정 단어에서도 "
        "예전 기억을 지우고 덮어쓸 수 있고, 시드나 유닛 수를 바꾸면 방법이 달라지기도 합니다."
    )


class EmptyInputError(ValueError):
    """Raised with a Korean message the page can show as is."""


@dataclass
class ParsedText:
    tokens: list[str]  # as typed, '.' split off, cut to max_tokens
    ids: list[int]
    unknown: list[str]  # words not in VOCAB (read as <UNK>)
    truncated: bool


def parse(text: str, max_tokens: int = MAX_TOKENS) -> ParsedText:
    """Split words and sentence ends ('.', '!', '?' all read as '.'), map to ids."""
    spaced = re.sub(r"[.!?]+", " . ", text or "")
    tokens = [t for t in re.sub(r"[,;:\"'()]", " ", spaced).split() if t]
    if not tokens:
        raise EmptyInputError("문장이 비어 있어요. 단어를 띄어 쓰고 마침표(.)로 문장을 끝내 보세요.")
    truncated = len(tokens) > max_tokens
    tokens = tokens[:max_tokens]
    ids = [VOCAB.get(t, VOCAB[UNK]) for t in tokens]
    unknown = sorted({t for t in tokens if t not in VOCAB})
    return ParsedText(tokens, ids, unknown, truncated)


@dataclass
class GateTrace:
    parsed: ParsedText
    states: dict[str, np.ndarray]  # "i", "f", "g", "o", "c", "h" -> (T, H)
    probs: np.ndarray  # (T, len(LABELS)) the model's answer per step
    truth: list[int]  # tag_targets of the tokens
    matches_torch: bool  # scratch outputs allclose nn.LSTM outputs
    max_abs_diff: float


def trace(gm: GateModel, text: str, max_tokens: int = MAX_TOKENS) -> GateTrace:
    """The learner's sentence through the trained LSTM, gate by gate (raises EmptyInputError)."""
    parsed = parse(text, max_tokens)
    ids = torch.tensor([parsed.ids])  # (1, T)
    torch_out, scratch_out, rec = _record(gm.model, ids)
    with torch.no_grad():
        probs = torch.softmax(gm.model.fc(scratch_out), dim=-1)[0]  # (T, C)
    return GateTrace(
        parsed=parsed,
        states={k: v[0].numpy() for k, v in rec.items()},
        probs=probs.numpy(),
        truth=tag_targets([t if t in VOCAB else UNK for t in parsed.tokens]),
        matches_torch=bool(torch.allclose(torch_out, scratch_out, atol=1e-6)),
        max_abs_diff=float((torch_out - scratch_out).abs().max()),
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
    torch.manual_seed(seed)
    B, T, I, H = batch, seq_len, input_size, hidden_size
    module = {"lstm": nn.LSTM, "gru": nn.GRU}[kind](I, H, batch_first=True)
    x, h0, c0 = torch.randn(B, T, I), torch.randn(1, B, H), torch.randn(1, B, H)
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


def trace_rows(tr: GateTrace) -> list[dict[str, object]]:
    """One row per step for a table: the word, the truth, the model's answer and its confidence."""
    rows = []
    for t, tok in enumerate(tr.parsed.tokens):
        answer = int(tr.probs[t].argmax())
        rows.append(
            {
                "시점": t + 1,
                "단어": tok if tok in VOCAB else f"{tok} (<UNK>)",
                "정답": LABELS[tr.truth[t]],
                "모델 답": LABELS[answer],
                "확률": round(float(tr.probs[t, answer]), 3),
                "f 평균": round(float(tr.states["f"][t].mean()), 3),
                "i 평균": round(float(tr.states["i"][t].mean()), 3),
                "o 평균": round(float(tr.states["o"][t].mean()), 3),
            }
        )
    return rows


# --- The cell-state path: dC_t/dC_{t-1} = f_t, so a gradient shrinks by the forget gate ---

FORGET_BIASES = (0.0, 1.0, 2.0)  # added to the forget gate's bias at init (Keras adds 1.0)


@dataclass(frozen=True)
class ForgetDecayConfig:
    seq_len: int = knob(30, "시퀀스 길이 T", lo=5, hi=100, step=5)
    input_size: int = 10  # the lesson's nn.LSTM(10, 20) example
    hidden_size: int = 20
    batch: int = 8  # random input sequences, N(0, 1)
    biases: tuple[float, ...] = FORGET_BIASES
    seed: int = DEFAULT_SEED


@dataclass(frozen=True)
class ForgetDecay:
    bias: float  # added to the forget gate's bias
    mean_forget: float  # mean f_t over units, steps and sequences
    cell_path: float  # mean over units of prod_t f_t: dC_T/dC_0 along the cell state alone
    autograd: float  # mean |d(sum C_T)/dC_0| from torch.autograd through nn.LSTM (all paths)


# A page rerun asks again, and a class opening the page together asks at once: computed once.
DECAY_STORE = CacheStore("lstm_forget_decay", max_entries=32)


@memo(DECAY_STORE)
def forget_gate_decay(cfg: ForgetDecayConfig = ForgetDecayConfig()) -> tuple[ForgetDecay, ...]:
    """A freshly initialised nn.LSTM per bias, on the same random sequences.

    Along the cell state C_t = f_t * C_{t-1} + i_t * g_t, so dC_t/dC_{t-1} = f_t (element-wise)
    and after T steps the direct path carries prod_t f_t. Autograd through the real module
    (which also counts the paths through h) gives the full gradient beside it.
    """
    H = cfg.hidden_size
    gen = torch.Generator().manual_seed(cfg.seed)
    x = torch.randn(cfg.batch, cfg.seq_len, cfg.input_size, generator=gen)  # (B, T, I)
    rows = []
    for bias in cfg.biases:
        torch.manual_seed(cfg.seed)
        lstm = nn.LSTM(cfg.input_size, H, batch_first=True)
        with torch.no_grad():
            lstm.bias_ih_l0[H : 2 * H] += bias  # torch packs i, f, g, o: f is the second block
        h0 = torch.zeros(1, cfg.batch, H)
        c0 = torch.zeros(1, cfg.batch, H, requires_grad=True)
        _, (_, c_n) = lstm(x, (h0, c0))
        c_n.sum().backward()
        with torch.no_grad():
            _, _, rec = ScratchLSTM.from_torch(lstm)(x, (h0[0], c0[0].detach()), record=True)
        f = rec["f"]  # (B, T, H)
        rows.append(
            ForgetDecay(
                bias=bias,
                mean_forget=float(f.mean()),
                cell_path=float(f.prod(dim=1).mean()),
                autograd=float(c0.grad.abs().mean()),
            )
        )
    return tuple(rows)


def forget_decay_summary(rows: Sequence[ForgetDecay], seq_len: int) -> str:
    """What the numbers say, in Korean: the gate alleviates, it does not abolish, the decay."""
    first, last = rows[0], rows[-1]
    return (
        f"편향 {first.bias:+.0f}(PyTorch 기본 초기화)에서는 망각 게이트 평균이 {first.mean_forget:.2f}라서 "
        f"{seq_len}단계를 지나면 셀 경로의 기울기가 {first.cell_path:.1e}배로 줄어요. "
        f"편향을 {last.bias:+.0f}로 올리면 f가 {last.mean_forget:.2f}이 되고 {last.cell_path:.1e}배로 "
        "훨씬 덜 줄어듭니다. 셀 상태가 기울기 소실을 **없애는** 것이 아니라, 모델이 f를 1 가까이로 "
        "배우면(또는 그렇게 시작하면) 기울기를 지킬 **길을 열어 주는** 거예요. 그래서 '해결'보다 '완화'가 맞습니다."
    )


# The LSTM page's default view, computed at start-up (seqcore/ui/startup.py).
DEFAULT_RUNS = ((GATES_STORE, train_gate_model, GateTaskConfig()),)
