"""The quiz's training task "sentiment": the lesson's SentimentLSTM improved with the learner's choices.

It trains on the lesson's toy reviews through `seqcore.core.training.fit`; the checks read the
layer type, depth and dropout from the trained module itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob
from seqcore.core.registry import DISPLAY_NAMES, recurrent_layer
from seqcore.core.runtime import count_params
from seqcore.core.training import fit
from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS, LESSON_VOCAB, text_to_indices
from seqcore.quiz.requirements import Requirement
from seqcore.sentiment.models import lesson_dataset

SENTIMENT_STORE = CacheStore("quiz_sentiment", max_entries=6)  # the task's runs


@dataclass(frozen=True)
class SentimentRequirements:
    """What the question asks for (its file's [params.require]), read from the built module."""

    rnn_type: str
    dropout: float
    num_layers: int


@dataclass(frozen=True)
class SentimentConfig:
    """The learner's SentimentLSTM variant (the lesson's model is LSTM, 1 layer, no dropout)."""

    rnn_type: str = knob("LSTM", "순환 층", options=tuple(DISPLAY_NAMES[k] for k in ("lstm", "gru", "rnn")))
    num_layers: int = knob(1, "층 수 (num_layers)", lo=1, hi=3, step=1)
    # nn.Dropout before fc, and between recurrent layers when num_layers > 1
    dropout: float = knob(
        0.0,
        "Dropout 비율",
        options=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5),
        help="fc 앞의 nn.Dropout과, 2층 이상이면 순환 층 사이의 dropout=에 함께 쓰여요.",
    )
    bidirectional: bool = knob(True, "양방향 (bidirectional)", widget="toggle")
    embed_dim: int = 32
    hidden_size: int = knob(32, "hidden_size", options=(16, 32, 64))
    epochs: int = knob(10, "에포크 수", lo=5, hi=20, step=1)
    lr: float = 0.01
    batch_size: int = 50
    seed: int = 42


class SentimentRNN(nn.Module):
    """The lesson's SentimentLSTM with a choice of recurrent layer, depth and dropout."""

    def __init__(self, cfg: SentimentConfig, vocab_size: int = len(LESSON_VOCAB)):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, cfg.embed_dim, padding_idx=0)
        # torch applies `dropout=` only between layers (and warns with one layer).
        self.rnn = recurrent_layer(cfg.rnn_type)(
            cfg.embed_dim,
            cfg.hidden_size,
            num_layers=cfg.num_layers,
            batch_first=True,
            dropout=cfg.dropout if cfg.num_layers > 1 else 0.0,
            bidirectional=cfg.bidirectional,
        )
        # No dropout asked for: an Identity, so print(model) shows that nothing is dropped.
        self.dropout = rng.Dropout(cfg.dropout) if cfg.dropout > 0 else nn.Identity()  # masks: the run's
        directions = 2 if cfg.bidirectional else 1
        self.fc = nn.Linear(cfg.hidden_size * directions, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        embedded = self.embedding(x)  # (B, T, E)
        _, state = self.rnn(embedded)
        h_n = state[0] if isinstance(state, tuple) else state  # LSTM returns (h_n, c_n)
        if self.rnn.bidirectional:
            hidden = torch.cat([h_n[-2], h_n[-1]], dim=1)  # (B, 2H): last layer, both directions
        else:
            hidden = h_n[-1]  # (B, H)
        return self.sigmoid(self.fc(self.dropout(hidden)))  # (B, 1)


@dataclass(frozen=True)
class Prediction:
    review: str
    prob: float
    label: str  # "긍정" | "부정"
    expected: str


@dataclass(frozen=True)
class SentimentResult:
    config: SentimentConfig
    model_repr: str  # print(model)
    rnn_type: str  # class name of model.rnn
    num_layers: int  # model.rnn.num_layers
    rnn_dropout: float  # model.rnn.dropout
    dropout_ps: tuple[float, ...]  # p of every nn.Dropout in the model
    params: int
    train_loss: tuple[float, ...]
    predictions: tuple[Prediction, ...]
    seconds: float
    device: str  # where it trained (History.device)


def train_sentiment(cfg: SentimentConfig, on_epoch=None) -> SentimentResult:
    X, y = lesson_dataset()  # the lesson's 10 reviews x20, as the 감성 분석 page trains on
    model = rng.seeded(SentimentRNN(cfg), cfg.seed)  # the run's own draw; fit attaches dropout's
    hist = fit(
        model,
        (X, y),
        nn.BCELoss(),
        epochs=cfg.epochs,
        lr=cfg.lr,
        batch_size=cfg.batch_size,
        seed=cfg.seed,
        on_epoch=on_epoch,
    )
    model.eval()
    with torch.no_grad():
        xs = torch.tensor([text_to_indices(r) for r in LESSON_TEST_REVIEWS], dtype=torch.long)
        probs = model(xs.to(next(model.parameters()).device)).squeeze(-1).tolist()
    word = {1: "긍정", 0: "부정"}
    preds = tuple(
        Prediction(r, float(p), "긍정" if p > 0.5 else "부정", word[LESSON_TEST_LABELS[r]])
        for r, p in zip(LESSON_TEST_REVIEWS, probs)
    )
    return SentimentResult(
        config=cfg,
        model_repr=str(model),
        rnn_type=type(model.rnn).__name__,
        num_layers=int(model.rnn.num_layers),
        rnn_dropout=float(model.rnn.dropout),
        dropout_ps=tuple(float(m.p) for m in model.modules() if isinstance(m, nn.Dropout)),
        params=count_params(model),
        train_loss=tuple(hist.train_loss),
        predictions=preds,
        seconds=hist.seconds,
        device=hist.device,
    )


# Added to the layer check's note for a 1-layer module: the misconception it names (tests look for it).
ONE_LAYER_NOTE = " 1층에서는 GRU(dropout=...)가 효과가 없어서 fc 앞의 nn.Dropout만 남아요."


def structure_checks(res, req: SentimentRequirements) -> list[Requirement]:
    """The requirements on the module's structure, read from the module (`res`: a trained
    SentimentResult, or `Structure` of a module built without training)."""
    has_dropout = (
        any(abs(p - req.dropout) < 1e-9 for p in res.dropout_ps) or abs(res.rnn_dropout - req.dropout) < 1e-9
    )
    drop_got = ", ".join(f"{p:g}" for p in res.dropout_ps) or "없음"
    return [
        Requirement(
            f"{req.rnn_type}로 변경",
            res.rnn_type == req.rnn_type,
            res.rnn_type,
            f"nn.LSTM을 nn.{req.rnn_type}로 바꿔요. GRU는 (h_n, c_n)이 아니라 h_n 하나만 돌려줘요.",
        ),
        Requirement(
            f"Dropout {req.dropout:g} 추가",
            has_dropout,
            f"nn.Dropout p={drop_got}, rnn dropout={res.rnn_dropout:g}",
            f"과적합을 막는 Dropout 비율은 {req.dropout:g}이에요.",
        ),
        Requirement(
            f"{req.num_layers}층 구조",
            res.num_layers == req.num_layers,
            str(res.num_layers),
            f"num_layers={req.num_layers}로 순환 층을 쌓아요."
            + (ONE_LAYER_NOTE if res.num_layers == 1 else ""),
        ),
    ]


def check_sentiment(res: SentimentResult, req: SentimentRequirements) -> list[Requirement]:
    return structure_checks(res, req) + [
        Requirement(
            "학습 후 테스트 리뷰 예측 출력",
            len(res.predictions) == len(LESSON_TEST_REVIEWS),
            f"{len(res.predictions)}개",
            "학습한 모델로 강의의 테스트 리뷰 4개를 예측해요.",
        ),
    ]


@dataclass(frozen=True)
class Structure:
    """What `structure_checks` reads, from a module built without training."""

    rnn_type: str
    num_layers: int
    rnn_dropout: float
    dropout_ps: tuple[float, ...]


def structure(cfg: SentimentConfig) -> Structure:
    """The structure of the module `cfg` builds (on the meta device: no weights, nothing drawn)."""
    with torch.device("meta"):
        model = SentimentRNN(cfg)
    ps = tuple(float(m.p) for m in model.modules() if isinstance(m, nn.Dropout))
    return Structure(type(model.rnn).__name__, int(model.rnn.num_layers), float(model.rnn.dropout), ps)


REPR_STORE = CacheStore("quiz_model_repr", max_entries=32)


@memo(REPR_STORE)
def model_repr(cfg: SentimentConfig) -> str:
    """print(model) of the real module the config builds (no training; built on the meta device,
    so nothing is drawn from any generator)."""
    with torch.device("meta"):
        return str(SentimentRNN(cfg))


def sentiment_summary(res: SentimentResult) -> dict:
    """Plain data for the page's session state (the predictions table and loss)."""
    return {
        "loss": list(res.train_loss),
        "seconds": res.seconds,
        "device": res.device,
        "model": res.model_repr,
        "predictions": [
            {"review": p.review, "prob": round(p.prob, 4), "label": p.label, "expected": p.expected}
            for p in res.predictions
        ],
    }


def prediction_table(summary: dict) -> list[dict]:
    """The predictions (from `sentiment_summary`) with Korean column names."""
    names = {"review": "리뷰", "prob": "긍정 확률", "label": "예측", "expected": "정답"}
    return [{names[k]: v for k, v in row.items()} for row in summary["predictions"]]
