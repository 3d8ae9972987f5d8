"""The quiz's two training questions: Q9 (sine-wave LSTM) and Q10 (improved sentiment model).

Both train through `seqcore.core.training.fit`, take a frozen config and report through
`on_epoch`, so `ui.train_cached` can cache them and draw a progress bar. The checks read the
requirements from the trained module itself, never from the config the learner typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from seqcore.core.cache import CacheStore
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import count_params, seed_everything
from seqcore.core.training import evaluate_loss, fit
from seqcore.data.series import create_sequences
from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS, LESSON_VOCAB, text_to_indices
from seqcore.sentiment.models import lesson_dataset

# ---------------------------------------------------------------- Q9: sine-wave LSTM


SINE_STORE = CacheStore("quiz_q9", max_entries=6)  # Q9 runs
SENTIMENT_STORE = CacheStore("quiz_q10", max_entries=6)  # Q10 runs


@dataclass(frozen=True)
class SineRequirements:
    """What Q9 asks for (the lesson's list) and the bar the test MSE must clear."""

    seq_length: int = 20
    hidden_size: int = 32
    epochs: int = 30
    mse_threshold: float = 1e-3


@dataclass(frozen=True)
class SineConfig:
    """The learner's choices for Q9 (all bounded by the page's widgets)."""

    seq_length: int = 10  # window length fed to the LSTM
    hidden_size: int = 16  # LSTM hidden size
    num_layers: int = 1  # stacked LSTM layers
    epochs: int = 10
    lr: float = 0.01  # Adam learning rate
    batch_size: int = 32
    test_ratio: float = 0.2  # the last part of the series is the test set
    seed: int = 42


SINE_SOLUTION = SineConfig(seq_length=20, hidden_size=32, num_layers=1, epochs=30, lr=0.01, batch_size=64)


def sine_wave(points: int = 500, periods_pi: float = 20.0) -> tuple[np.ndarray, np.ndarray]:
    """The lesson's data: x = linspace(0, 20*pi, 500), y = sin(x)."""
    x = np.linspace(0, periods_pi * np.pi, points)
    return x, np.sin(x)


class SineLSTM(nn.Module):
    """LSTM -> last step -> Linear, like the lesson's StockPredictor."""

    def __init__(self, hidden_size: int = 32, num_layers: int = 1):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=hidden_size, num_layers=num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.lstm(x)  # (B, T, H)
        return self.fc(out[:, -1, :])  # (B, 1)


def sine_windows(seq_length: int, test_ratio: float = 0.2):
    """(X_train, y_train, X_test, y_test) as float tensors, X of shape (N, seq_length, 1)."""
    _, y = sine_wave()
    X, t = create_sequences(y, seq_length)
    X = torch.tensor(X, dtype=torch.float32).unsqueeze(-1)  # (N, T, 1)
    t = torch.tensor(t, dtype=torch.float32).unsqueeze(-1)  # (N, 1)
    split = int(len(X) * (1 - test_ratio))
    return X[:split], t[:split], X[split:], t[split:]


@dataclass(frozen=True)
class SineResult:
    """A trained Q9 model summarised in plain numbers (safe to keep in session state)."""

    config: SineConfig
    seq_length: int  # read from the data tensor the model was trained on
    hidden_size: int  # read from model.lstm
    epochs_run: int  # read from the History
    train_loss: tuple[float, ...]
    test_mse: float
    test_true: tuple[float, ...]
    test_pred: tuple[float, ...]
    params: int
    seconds: float
    model_repr: str


def train_sine(cfg: SineConfig, on_epoch=None) -> SineResult:
    X_tr, y_tr, X_te, y_te = sine_windows(cfg.seq_length, cfg.test_ratio)
    seed_everything(cfg.seed)
    model = SineLSTM(cfg.hidden_size, cfg.num_layers)
    loss_fn = nn.MSELoss()
    hist = fit(
        model,
        (X_tr, y_tr),
        loss_fn,
        epochs=cfg.epochs,
        lr=cfg.lr,
        batch_size=cfg.batch_size,
        seed=cfg.seed,
        on_epoch=on_epoch,
    )
    test_mse = evaluate_loss(model, (X_te, y_te), loss_fn)
    with torch.no_grad():
        pred = model(X_te).squeeze(-1)
    return SineResult(
        config=cfg,
        seq_length=int(X_tr.shape[1]),
        hidden_size=int(model.lstm.hidden_size),
        epochs_run=hist.epochs_run,
        train_loss=tuple(hist.train_loss),
        test_mse=float(test_mse),
        test_true=tuple(float(v) for v in y_te.squeeze(-1)),
        test_pred=tuple(float(v) for v in pred),
        params=count_params(model),
        seconds=hist.seconds,
        model_repr=str(model),
    )


@dataclass(frozen=True)
class Requirement:
    label: str  # Korean, shown with ✅/❌
    ok: bool
    got: str  # what the trained model actually has
    note: str = ""  # the likely misconception, shown when the requirement fails


def check_sine(res: SineResult, req: SineRequirements = SineRequirements()) -> list[Requirement]:
    return [
        Requirement(
            f"시퀀스 길이 {req.seq_length}",
            res.seq_length == req.seq_length,
            str(res.seq_length),
            f"create_sequences(y, {req.seq_length})로 창을 만들어야 X가 (N, {req.seq_length}, 1)이 돼요.",
        ),
        Requirement(
            f"LSTM hidden_size {req.hidden_size}",
            res.hidden_size == req.hidden_size,
            str(res.hidden_size),
            f"nn.LSTM(1, {req.hidden_size}, batch_first=True)처럼 hidden_size를 정해요.",
        ),
        Requirement(
            f"{req.epochs} 에포크 학습",
            res.epochs_run == req.epochs,
            str(res.epochs_run),
            "요구사항은 에포크 수 자체예요. 더 많이 학습해도 요구사항과는 달라요.",
        ),
        Requirement(
            f"테스트 MSE < {req.mse_threshold:g}",
            res.test_mse < req.mse_threshold,
            f"{res.test_mse:.2e}",
            "학습률이 너무 작거나 배치가 너무 크면 업데이트가 부족해요. 학습률 0.01, 배치 64를 시도해 보세요.",
        ),
    ]


# ---------------------------------------------------------------- Q10: improved sentiment model


@dataclass(frozen=True)
class SentimentRequirements:
    rnn_type: str = "GRU"
    dropout: float = 0.3
    num_layers: int = 2


@dataclass(frozen=True)
class SentimentConfig:
    """The learner's SentimentLSTM variant (the lesson's model is LSTM, 1 layer, no dropout)."""

    rnn_type: str = "LSTM"  # "LSTM" | "GRU" | "RNN"
    num_layers: int = 1
    dropout: float = 0.0  # nn.Dropout before fc, and between recurrent layers when num_layers > 1
    bidirectional: bool = True
    embed_dim: int = 32
    hidden_size: int = 32
    epochs: int = 10
    lr: float = 0.01
    batch_size: int = 50
    seed: int = 42


SENTIMENT_SOLUTION = SentimentConfig(rnn_type="GRU", num_layers=2, dropout=0.3)


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
        self.dropout = nn.Dropout(cfg.dropout) if cfg.dropout > 0 else nn.Identity()
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


def train_sentiment(cfg: SentimentConfig, on_epoch=None) -> SentimentResult:
    X, y = lesson_dataset()  # the lesson's 10 reviews x20, as the 감성 분석 page trains on
    seed_everything(cfg.seed)
    model = SentimentRNN(cfg)
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
        probs = model(xs).squeeze(-1).tolist()
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
    )


def check_sentiment(
    res: SentimentResult, req: SentimentRequirements = SentimentRequirements()
) -> list[Requirement]:
    has_dropout = (
        any(abs(p - req.dropout) < 1e-9 for p in res.dropout_ps) or abs(res.rnn_dropout - req.dropout) < 1e-9
    )
    drop_got = ", ".join(f"{p:g}" for p in res.dropout_ps) or "없음"
    one_layer_note = (
        " 1층에서는 GRU(dropout=...)가 효과가 없어서 fc 앞의 nn.Dropout만 남아요."
        if res.num_layers == 1
        else ""
    )
    return [
        Requirement(
            f"{req.rnn_type}로 변경",
            res.rnn_type == req.rnn_type,
            res.rnn_type,
            "nn.LSTM을 nn.GRU로 바꿔요. GRU는 (h_n, c_n)이 아니라 h_n 하나만 돌려줘요.",
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
            f"num_layers={req.num_layers}로 순환 층을 쌓아요.{one_layer_note}",
        ),
        Requirement(
            "학습 후 테스트 리뷰 예측 출력",
            len(res.predictions) == len(LESSON_TEST_REVIEWS),
            f"{len(res.predictions)}개",
            "학습한 모델로 강의의 테스트 리뷰 4개를 예측해요.",
        ),
    ]


# ---------------------------------------------------------------- answers -> configs, printed output


def _pick(answers: dict, name: str, allowed, default):
    """A learner's value if it is one the widgets allow, else the default (never trust input)."""
    v = answers.get(name, default)
    if isinstance(allowed, range):
        return int(v) if isinstance(v, int | float) and int(v) in allowed else default
    return v if v in allowed else default


def sine_config(answers: dict, seed: int = 42) -> SineConfig:
    d = SineConfig()
    return SineConfig(
        seq_length=_pick(answers, "seq_length", range(5, 31), d.seq_length),
        hidden_size=_pick(answers, "hidden_size", range(8, 65), d.hidden_size),
        epochs=_pick(answers, "epochs", range(5, 51), d.epochs),
        lr=_pick(answers, "lr", (0.001, 0.003, 0.01, 0.03), d.lr),
        batch_size=_pick(answers, "batch_size", (32, 64, 128), d.batch_size),
        seed=seed,
    )


def sentiment_config(answers: dict, seed: int = 42) -> SentimentConfig:
    d = SentimentConfig()
    return SentimentConfig(
        rnn_type=_pick(answers, "rnn_type", ("LSTM", "GRU", "RNN"), d.rnn_type),
        num_layers=_pick(answers, "num_layers", range(1, 4), d.num_layers),
        dropout=_pick(answers, "dropout", (0.0, 0.1, 0.2, 0.3, 0.4, 0.5), d.dropout),
        bidirectional=bool(answers.get("bidirectional", d.bidirectional)),
        hidden_size=_pick(answers, "hidden_size", (16, 32, 64), d.hidden_size),
        epochs=_pick(answers, "epochs", range(5, 21), d.epochs),
        seed=seed,
    )


def model_repr(cfg: SentimentConfig) -> str:
    """print(model) of the real module the config builds (no training)."""
    return str(SentimentRNN(cfg))


def sine_output(res: SineResult) -> str:
    """What the Q9 solution prints."""
    return f"{res.model_repr}\ntest MSE: {res.test_mse:.3e}"


def sentiment_output(res: SentimentResult) -> str:
    """What the Q10 solution prints (the lesson's predict_sentiment format)."""
    lines = [res.model_repr, "감성 분석 결과:", "=" * 50]
    for p in res.predictions:
        lines += [f"'{p.review}'", f"  -> {p.label} (확률: {p.prob:.3f})"]
    return "\n".join(lines)


def sine_summary(res: SineResult) -> dict:
    """Plain data for the page's session state (charts of Q9)."""
    return {
        "true": list(res.test_true),
        "pred": list(res.test_pred),
        "mse": res.test_mse,
        "loss": list(res.train_loss),
        "seconds": res.seconds,
        "model": res.model_repr,
    }


def sentiment_summary(res: SentimentResult) -> dict:
    """Plain data for the page's session state (Q10's predictions table and loss)."""
    return {
        "loss": list(res.train_loss),
        "seconds": res.seconds,
        "model": res.model_repr,
        "predictions": [
            {"review": p.review, "prob": round(p.prob, 4), "label": p.label, "expected": p.expected}
            for p in res.predictions
        ],
    }
