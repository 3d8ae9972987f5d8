"""The quiz's two training questions: Q9 (sine-wave LSTM) and Q10 (improved sentiment model).

Both train through `seqcore.core.training.fit`, take a frozen config and report through
`on_epoch`, so `ui.train_cached` can cache them and draw a progress bar. The checks read the
requirements from the trained module itself, never from the config the learner typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
import torch.nn as nn

from seqcore.core.cache import CacheStore, memo
from seqcore.core.config import knob, knob_of, knobs
from seqcore.core.registry import DISPLAY_NAMES, recurrent_layer
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
    """What Q9 asks for (the lesson's list). The test MSE must beat the linear extrapolation."""

    seq_length: int = 20
    hidden_size: int = 32
    epochs: int = 30


@dataclass(frozen=True)
class SineConfig:
    """The learner's choices for Q9; each knob is the page's widget (range and options stated once)."""

    seq_length: int = knob(10, "시퀀스 길이", lo=5, hi=30, step=1)  # window length fed to the LSTM
    hidden_size: int = knob(16, "LSTM hidden_size", lo=8, hi=64, step=8)
    num_layers: int = 1  # stacked LSTM layers
    epochs: int = knob(10, "에포크 수", lo=5, hi=50, step=5)
    lr: float = knob(0.01, "학습률 (Adam)", options=(0.001, 0.003, 0.01, 0.03))
    batch_size: int = knob(32, "배치 크기", options=(32, 64, 128))
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


def linear_extrapolation_mse(seq_length: int, test_ratio: float = 0.2) -> float:
    """Test MSE of predicting 2*x[t-1] - x[t-2]: a line through the last two values, no training.
    Q9's bar: on a smooth sine this is already very good, so the LSTM must beat it."""
    _, _, X_te, y_te = sine_windows(seq_length, test_ratio)
    pred = 2 * X_te[:, -1, 0] - X_te[:, -2, 0]  # (N,)
    return float(((pred - y_te[:, 0]) ** 2).mean())


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
    baseline_mse: float  # linear extrapolation on the same test windows
    test_true: tuple[float, ...]
    test_pred: tuple[float, ...]
    params: int
    seconds: float
    model_repr: str
    device: str  # where it trained (History.device)


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
        device = next(model.parameters()).device
        pred = model(X_te.to(device)).squeeze(-1).cpu()
    return SineResult(
        config=cfg,
        seq_length=int(X_tr.shape[1]),
        hidden_size=int(model.lstm.hidden_size),
        epochs_run=hist.epochs_run,
        train_loss=tuple(hist.train_loss),
        test_mse=float(test_mse),
        baseline_mse=linear_extrapolation_mse(cfg.seq_length, cfg.test_ratio),
        test_true=tuple(float(v) for v in y_te.squeeze(-1)),
        test_pred=tuple(float(v) for v in pred),
        params=count_params(model),
        seconds=hist.seconds,
        model_repr=str(model),
        device=hist.device,
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
            f"테스트 MSE < 선형 외삽 {res.baseline_mse:.2e}",
            res.test_mse < res.baseline_mse,
            f"{res.test_mse:.2e}",
            "학습 없이 직전 두 값을 잇는 직선이 더 정확해요. 학습률이 너무 작거나 배치가 너무 크면 "
            "업데이트가 부족해요. 학습률 0.01, 배치 64를 시도해 보세요.",
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
    device: str  # where it trained (History.device)


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


def _allowed(cls: type, answers: dict, seed: int):
    """The config of `answers`: each learner value is used only if its knob allows it (never trust
    input; a bool is never a number and a number never a bool), else the field's default."""
    values = {}
    for name, spec in knobs(cls).items():
        v, default = answers.get(name), knob_of(cls, name)[0]
        if isinstance(v, float) and v.is_integer() and type(default) is int:
            v = int(v)  # 64.0 from JSON is the option 64
        if v is not None and type(v) is type(default) and spec.allows(v):
            values[name] = v
    return cls(**values, seed=seed)


def sine_config(answers: dict, seed: int = 42) -> SineConfig:
    return _allowed(SineConfig, answers, seed)


def sentiment_config(answers: dict, seed: int = 42) -> SentimentConfig:
    return _allowed(SentimentConfig, answers, seed)


def sine_gaps(cfg: SineConfig, req: SineRequirements = SineRequirements()) -> list[str]:
    """What to change before training, when the chosen settings miss a stated requirement."""
    labels = {"seq_length": "시퀀스 길이", "hidden_size": "LSTM hidden_size", "epochs": "에포크 수"}
    return [
        f"{label}: 지금 {getattr(cfg, name)} → 요구사항은 {getattr(req, name)}이에요."
        for name, label in labels.items()
        if getattr(cfg, name) != getattr(req, name)
    ]


REPR_STORE = CacheStore("quiz_model_repr", max_entries=32)


@memo(REPR_STORE)
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
        "baseline_mse": res.baseline_mse,
        "loss": list(res.train_loss),
        "seconds": res.seconds,
        "device": res.device,
        "model": res.model_repr,
    }


def sentiment_summary(res: SentimentResult) -> dict:
    """Plain data for the page's session state (Q10's predictions table and loss)."""
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


# The runs a learner's first clicks ask for, with the default seed: the start-up prewarm may
# compute them so that those clicks are cache hits. (store, trainer, config) each.
DEFAULT_RUNS: tuple[tuple[CacheStore, object, object], ...] = (
    (
        SINE_STORE,
        train_sine,
        SineConfig(**{f: getattr(SineRequirements(), f) for f in ("seq_length", "hidden_size", "epochs")}),
    ),
    (SINE_STORE, train_sine, SINE_SOLUTION),
    (SENTIMENT_STORE, train_sentiment, SentimentConfig()),
    (SENTIMENT_STORE, train_sentiment, SENTIMENT_SOLUTION),
)

# A training question's solution: (store, trainer, what its code prints), by the question's `config`.
SOLUTIONS = {
    "sine": (SINE_STORE, train_sine, sine_output),
    "sentiment": (SENTIMENT_STORE, train_sentiment, sentiment_output),
}


def solution_config(name: str, seed: int = 42):
    """The solution's config of training question `name` ("sine" | "sentiment") with the learner's seed."""
    return replace({"sine": SINE_SOLUTION, "sentiment": SENTIMENT_SOLUTION}[name], seed=seed)


def prediction_table(summary: dict) -> list[dict]:
    """Q10's predictions (from `sentiment_summary`) with Korean column names."""
    names = {"review": "리뷰", "prob": "긍정 확률", "label": "예측", "expected": "정답"}
    return [{names[k]: v for k, v in row.items()} for row in summary["predictions"]]
