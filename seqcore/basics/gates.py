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
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from seqcore.basics.cells import ScratchLSTM
from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.runtime import DEFAULT_SEED, warm_up_in_background
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


def random_tokens(gen: np.random.Generator, length: int) -> list[str]:
    """Sentences of 1-6 words (30% polar, some unknown) each ending in '.', cut to `length`."""
    tokens: list[str] = []
    while len(tokens) < length:
        for _ in range(gen.integers(1, 7)):
            u = gen.random()
            if u < 0.15:
                tokens.append(POSITIVE[gen.integers(len(POSITIVE))])
            elif u < 0.30:
                tokens.append(NEGATIVE[gen.integers(len(NEGATIVE))])
            elif u < 0.38:
                tokens.append(UNK)
            else:
                tokens.append(NEUTRAL[gen.integers(len(NEUTRAL))])
        tokens.append(PERIOD)
    return tokens[:length]


def make_dataset(n: int, length: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(ids (n, T), labels (n, T)) drawn from `seed` (the run's own numpy generator)."""
    gen = rng.numpy_gen(seed)
    seqs = [random_tokens(gen, length) for _ in range(n)]
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
    model = rng.seeded(GateTagger(len(VOCAB), cfg.embed_dim, cfg.hidden_size), cfg.seed)
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


# The LSTM page's default view: (store, trainer, config).
DEFAULT_RUNS = (
    (GATES_STORE, train_gate_model, GateTaskConfig()),
)  # computed at start-up (seqcore/ui/startup.py)
