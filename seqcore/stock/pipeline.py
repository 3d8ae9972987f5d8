"""Next-day price prediction (the lesson's 2.2): split, scaling, windows, models, baselines.

The pipeline is the lesson's (MinMaxScaler -> create_sequences -> StockPredictor -> MAE/RMSE)
with three honest changes the learner can switch off: the scaler is fit on the training days
only, every model is compared with simple baselines on the same test days, and the app's
default feeds a long window as several values per step relative to the window's mean.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np
import torch
import torch.nn as nn
from sklearn.preprocessing import MinMaxScaler
from threadpoolctl import threadpool_limits

from seqcore.core.cache import CacheStore
from seqcore.core.config import knob
from seqcore.core.registry import recurrent_layer
from seqcore.core.runtime import seed_everything
from seqcore.core.training import EpochCallback, evaluate_loss, fit
from seqcore.data.series import SeriesConfig, create_sequences, synthetic_series

LESSON_WINDOW = 30  # the lesson's SEQ_LENGTH
LESSON_TRAIN_FRAC = 0.8  # the lesson's train_size = int(len(X) * 0.8)
VAL_FRAC = 0.2  # the last 20% of the training targets choose alpha, window, recipe
MIN_TRAIN_TARGETS = 40  # fewer training windows than this cannot teach anything
RIDGE_ALPHAS = tuple(10 ** (k / 4) for k in range(0, 25))  # 1 .. 1e6, on prices relative to the window mean
TARGETS = ("price", "relative", "return")  # what the network predicts


KEEP_MARGIN = 0.01  # trained weights must beat the untrained start by 1% of validation MSE
STOCK_STORE = CacheStore("stock", max_entries=12)  # stock jobs (model + baselines)


@dataclass(frozen=True)
class PriceSeries:
    """A daily close-price series; `clean` is the noiseless truth (synthetic data only)."""

    name: str
    values: tuple[float, ...]
    clean: tuple[float, ...] | None = None
    dates: tuple[str, ...] | None = None  # ISO dates of an uploaded series

    def __len__(self) -> int:
        return len(self.values)


def synthetic(cfg: SeriesConfig = SeriesConfig()) -> PriceSeries:
    """The lesson's simulated price (2.2 시계열 예측 실습, 주가 데이터 생성) as a PriceSeries."""
    price, clean = synthetic_series(cfg)
    return PriceSeries("시뮬레이션 주가", tuple(map(float, price)), tuple(map(float, clean)))


TARGET_LABELS = {"relative": "창 평균 대비 가격", "return": "수익률", "price": "가격 그대로 (강의)"}
STEP_OPTIONS = (1, 2, 3, 5, 6, 10, 15, 20, 30)


@dataclass(frozen=True)
class StockConfig:
    """One run of the pipeline. Frozen and hashable: the cache key of a trained result.
    Every field a learner can change is a knob: the page's widgets come from these lines."""

    window: int = knob(120, "창 길이 (SEQ_LENGTH, 일)", lo=10, hi=180, step=10)  # the lesson: 30
    step_values: int = knob(
        20, "한 스텝에 넣는 날 수", options=STEP_OPTIONS,
        help="강의는 하루씩(1) 넣어 30 스텝을 돌아요. 20이면 120일 창이 6 스텝이 되어 훨씬 빨라요.",
    )  # fmt: skip
    cell: str = knob(
        "gru", "셀", options=("rnn", "lstm", "gru"), labels={"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
    )
    num_layers: int = knob(1, "층 수 (num_layers)", lo=1, hi=3)
    hidden_size: int = knob(32, "은닉 크기 (hidden_size)", lo=4, hi=128)
    dropout: float = knob(0.0, "dropout (층 사이)", lo=0.0, hi=0.5, step=0.05)  # the lesson: 0.2
    epochs: int = knob(40, "최대 에포크", lo=5, hi=200, step=5)
    lr: float = knob(1e-2, "학습률", options=(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 2e-2, 3e-2))
    batch_size: int = knob(128, "배치 크기", options=(16, 32, 64, 128, 256, 512))
    input_noise: float = knob(0.1, "입력 노이즈 (학습 때만)", lo=0.0, hi=0.2, step=0.01)
    weight_decay: float = knob(0.0, "weight decay (Adam)", options=(0.0, 1e-5, 1e-4, 1e-3))
    patience: int = knob(
        0, "조기 종료 인내 (0 = 끄기)", lo=0, hi=20,
        help="검증 구간의 loss가 이만큼의 에포크 동안 나아지지 않으면 멈추고, 가장 좋았던 가중치로 돌아가요.",
    )  # fmt: skip
    target: str = knob(
        "relative", "예측 대상", options=tuple(TARGET_LABELS), labels=TARGET_LABELS, widget="radio"
    )
    scaler_on_all: bool = knob(False, "강의처럼 전체 데이터로 스케일러 학습 (데이터 누수 재현)")
    test_frac: float = 0.2  # share of the lesson's windows kept for testing
    mean_k: int = knob(5, "베이스라인: 최근 k일 평균의 k", lo=2, hi=30)
    seed: int = 0


# The lesson's recipe, one click away: window 30 fed day by day, 2-layer LSTM(50), dropout 0.2.
LESSON_RECIPE = StockConfig(
    window=30, step_values=1, cell="lstm", num_layers=2, hidden_size=50, dropout=0.2,
    epochs=50, lr=1e-3, batch_size=32, input_noise=0.0, target="price",
)  # fmt: skip
DEFAULT_RECIPE = StockConfig()


class StockPredictor(nn.Module):
    """The lesson's model (2.2, LSTM 시계열 예측 모델) with the cell type as a choice: fc(last output)."""

    def __init__(self, input_size=1, hidden_size=50, num_layers=2, dropout=0.2, cell="lstm"):
        super().__init__()
        self.lstm = recurrent_layer(cell)(
            input_size=input_size,
            hidden_size=hidden_size,
            num_layers=num_layers,
            batch_first=True,
            dropout=dropout if num_layers > 1 else 0.0,  # torch warns on dropout with one layer
        )
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        # x: (batch, seq_len, input_size)
        lstm_out, _ = self.lstm(x)  # (B, T, H)
        return self.fc(lstm_out[:, -1, :])  # (B, 1)


class GaussianNoise(nn.Module):
    """Adds N(0, std²) to its input while training, nothing in eval: a cheap regulariser."""

    def __init__(self, std: float):
        super().__init__()
        self.std = std

    def forward(self, x):
        if self.training and self.std > 0:
            return x + torch.randn_like(x) * self.std
        return x


def build_model(cfg: StockConfig) -> nn.Module:
    """StockPredictor on `step_values` features per step, behind optional input noise.

    A return model starts with a zero output layer: before training it predicts a return of 0,
    which is exactly "tomorrow = today" (persistence), and training has to earn every move away."""
    core = StockPredictor(cfg.step_values, cfg.hidden_size, cfg.num_layers, cfg.dropout, cfg.cell)
    if cfg.target == "return":
        nn.init.zeros_(core.fc.weight)
        nn.init.zeros_(core.fc.bias)
    return nn.Sequential(GaussianNoise(cfg.input_noise), core) if cfg.input_noise > 0 else core


# ---------------------------------------------------------------- split, scale, windows


def n_test_days(n_days: int, test_frac: float = 1 - LESSON_TRAIN_FRAC) -> int:
    """How many last days are test targets: the lesson's split of its window-30 samples.

    The lesson keeps int(0.8 * 470) = 376 of its 470 windows for training, so its test targets
    are the last 94 days. Fixing the test days this way keeps every window length comparable.
    """
    n = n_days - LESSON_WINDOW
    return max(1, n - int(n * (1 - test_frac)))


def check_config(cfg: StockConfig, n_days: int) -> str | None:
    """A Korean message when the series is too short for this config, else None."""
    if cfg.window % cfg.step_values:
        return f"창 길이({cfg.window})는 한 스텝의 값 수({cfg.step_values})의 배수여야 해요."
    n_test = n_test_days(n_days, cfg.test_frac)
    need = cfg.window + 1 + MIN_TRAIN_TARGETS + n_test
    if n_days < need:
        return (
            f"데이터가 {n_days}일뿐이에요. 창 {cfg.window}일 + 훈련 샘플 {MIN_TRAIN_TARGETS}개 이상 + "
            f"테스트 {n_test}일이 필요하니 {need}일 이상이어야 해요. 창 길이를 줄여 보세요."
        )
    return None


@dataclass
class Prepared:
    """Windows and targets in the model's units, with the days they predict."""

    X: np.ndarray  # (M, W) scaled inputs, as the model sees them before reshaping
    y: np.ndarray  # (M,) the model's target
    day: np.ndarray  # (M,) index of the day each target predicts
    base: np.ndarray  # (M,) what `to_price` adds back: 0, the window mean, or the last price
    scale: float  # price units per scaled unit
    offset: float  # the scaler's data_min (0 for returns): price = offset + scaled * scale
    train: np.ndarray  # boolean masks over M
    val: np.ndarray
    test: np.ndarray
    scaler_days: int  # how many days the scaler saw


def prepare(prices: np.ndarray, cfg: StockConfig) -> Prepared:
    """Split by time, fit the scaler, build windows with the lesson's create_sequences."""
    n = len(prices)
    first_test = n - n_test_days(n, cfg.test_frac)
    fit_days = prices if cfg.scaler_on_all else prices[:first_test]  # never a test day unless leaking
    if cfg.target == "return":
        rets = prices[1:] / prices[:-1] - 1.0  # rets[j]: the move into day j + 1
        fit_rets = rets if cfg.scaler_on_all else rets[: first_test - 1]
        scale = float(np.std(fit_rets)) or 1.0
        offset = 0.0
        X, y = create_sequences(rets / scale, cfg.window)
        day = np.arange(cfg.window, len(rets)) + 1
        base = prices[day - 1]  # price = yesterday * (1 + return)
    else:
        scaler = MinMaxScaler().fit(fit_days.reshape(-1, 1))
        scaled = scaler.transform(prices.reshape(-1, 1))[:, 0]
        scale = float(1.0 / scaler.scale_[0])
        offset = float(scaler.data_min_[0])
        X, y = create_sequences(scaled, cfg.window)
        day = np.arange(cfg.window, n)
        if cfg.target == "relative":
            m = X.mean(axis=1)
            X, y = X - m[:, None], y - m
            base = m * scale + float(scaler.data_min_[0])
        else:
            base = np.full(len(y), float(scaler.data_min_[0]))
    test = day >= first_test
    train_idx = np.flatnonzero(~test)
    n_val = max(1, int(round(len(train_idx) * VAL_FRAC)))
    val = np.zeros(len(day), dtype=bool)
    val[train_idx[-n_val:]] = True
    return Prepared(X, y, day, base, scale, offset, ~test & ~val, val, test, len(fit_days))


def to_price(prep: Prepared, pred: np.ndarray, target: str) -> np.ndarray:
    """Model units back to prices (the lesson's inverse_transform)."""
    if target == "return":
        return prep.base * (1.0 + pred * prep.scale)
    return prep.base + pred * prep.scale


# ---------------------------------------------------------------- baselines and metrics


def mae(a, b) -> float:
    return float(np.mean(np.abs(np.asarray(a) - np.asarray(b))))


def rmse(a, b) -> float:
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


def persistence(prices: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Tomorrow = today: the forecast to beat."""
    return prices[days - 1]


def mean_last(prices: np.ndarray, days: np.ndarray, k: int) -> np.ndarray:
    """Tomorrow = the mean of the last k days."""
    return np.array([prices[d - k : d].mean() for d in days])


def ridge_path(X: np.ndarray, y: np.ndarray, alphas) -> list[tuple[np.ndarray, float]]:
    """Ridge with an intercept (sklearn's Ridge(alpha)) for every alpha from one SVD:
    w = V diag(s / (s² + alpha)) Uᵀ (y - ȳ) on centred X. Returns [(w, b), ...]."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    with threadpool_limits(1):  # a small SVD; BLAS threads only fight over the 2 cores
        U, sv, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    Uty = U.T @ (y - y_mean)
    out = []
    for a in alphas:
        w = Vt.T @ (sv / (sv**2 + a) * Uty)
        out.append((w, float(y_mean - x_mean @ w)))
    return out


def ridge_forecast(prices: np.ndarray, days: np.ndarray, window: int, fit_mask, alphas=RIDGE_ALPHAS, folds=3):
    """Ridge predictions for every day in `days` and the alpha (see `ridge_fit`)."""
    w, b, alpha = ridge_fit(prices, days, window, fit_mask, alphas, folds)
    X = np.stack([prices[d - window : d] for d in days])
    m = X.mean(axis=1)
    return (X - m[:, None]) @ w + b + m, alpha


def ridge_fit(prices: np.ndarray, days: np.ndarray, window: int, fit_mask, alphas=RIDGE_ALPHAS, folds=3):
    """Ridge on the last `window` prices, relative to the window mean (so that test prices above
    the training range need no extrapolation). Alpha is chosen by rolling-origin validation on
    the training days only: `folds` consecutive blocks of 15% of the training targets at the end
    of the training part, each predicted by a fit on everything before it. The chosen alpha is
    then refit on all training days. Returns (w, b, alpha)."""
    X = np.stack([prices[d - window : d] for d in days])  # (M, W)
    m = X.mean(axis=1)
    X, y = X - m[:, None], prices[days] - m
    train = np.flatnonzero(fit_mask)
    block = max(1, int(len(train) * 0.15))
    errors = np.zeros(len(alphas))
    for k in range(folds):
        lo = len(train) - (folds - k) * block
        if lo < 2:
            continue
        fit_idx, val_idx = train[:lo], train[lo : lo + block]
        for i, (w, b) in enumerate(ridge_path(X[fit_idx], y[fit_idx], alphas)):
            errors[i] += mae(X[val_idx] @ w + b, y[val_idx])
    alpha = alphas[int(np.argmin(errors))]
    ((w, b),) = ridge_path(X[train], y[train], [alpha])
    return w, b, float(alpha)


# ---------------------------------------------------------------- one run


@dataclass
class StockResult:
    """Everything the page shows about one trained run, in price units."""

    config: StockConfig
    days: np.ndarray  # target day of every window
    actual: np.ndarray  # the price on those days
    pred: np.ndarray  # the model's prediction for every window (train, val and test)
    train: np.ndarray  # masks
    val: np.ndarray
    test: np.ndarray
    train_loss: list[float]
    val_loss: list[float]
    seconds: float
    n_params: int
    model_repr: str
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> {"mae", "rmse"}
    baselines: dict[str, np.ndarray] = field(default_factory=dict)  # name -> test predictions
    ridge_alpha: float = 0.0
    scaler_days: int = 0
    first_test_day: int = 0
    model: nn.Module | None = None  # the trained network (CPU, eval mode), for multi-step forecasts
    prep: Prepared | None = None
    best_epoch: int = 0  # the epoch whose weights were kept (0: the untrained start was best)
    series: PriceSeries | None = None  # what was trained on (a stale result keeps its own series)
    device: str = "cpu"


def run(
    series: PriceSeries, cfg: StockConfig = DEFAULT_RECIPE, on_epoch: EpochCallback | None = None
) -> StockResult:
    """Train one model on `series` and measure it and the baselines on the test days."""
    problem = check_config(cfg, len(series))
    if problem:
        raise ValueError(problem)
    prices = np.asarray(series.values, dtype=np.float64)
    prep = prepare(prices, cfg)
    steps = cfg.window // cfg.step_values

    def tensors(mask):
        X = torch.tensor(prep.X[mask], dtype=torch.float32).reshape(-1, steps, cfg.step_values)
        return X, torch.tensor(prep.y[mask], dtype=torch.float32).reshape(-1, 1)  # (N, T, k), (N, 1)

    seed_everything(cfg.seed)
    model = build_model(cfg)
    start = _start_state(model, tensors(prep.val), cfg)
    hist = fit(
        model, tensors(prep.train), nn.MSELoss(), epochs=cfg.epochs, lr=cfg.lr,
        batch_size=cfg.batch_size, val_data=tensors(prep.val), seed=cfg.seed,
        weight_decay=cfg.weight_decay, patience=cfg.patience or None, on_epoch=on_epoch,
    )  # fmt: skip
    best_epoch = _keep_start_if_better(model, hist, start)
    with torch.no_grad():
        X_all = torch.tensor(prep.X, dtype=torch.float32).reshape(-1, steps, cfg.step_values)
        pred = to_price(prep, model(X_all)[:, 0].numpy().astype(np.float64), cfg.target)

    days, test = prep.day, prep.test
    actual = prices[days]
    ridge_pred, alpha = ridge_forecast(prices, days, cfg.window, ~test)
    baselines = {
        "persistence": persistence(prices, days[test]),
        f"mean{cfg.mean_k}": mean_last(prices, days[test], cfg.mean_k),
        "ridge": ridge_pred[test],
    }
    if series.clean is not None:
        baselines["noise_floor"] = np.asarray(series.clean)[days[test]]
    metrics = {"model": {"mae": mae(pred[test], actual[test]), "rmse": rmse(pred[test], actual[test])}}
    for name, b in baselines.items():
        metrics[name] = {"mae": mae(b, actual[test]), "rmse": rmse(b, actual[test])}
    return StockResult(
        config=cfg, days=days, actual=actual, pred=pred, train=prep.train, val=prep.val, test=test,
        train_loss=hist.train_loss, val_loss=hist.val_loss, seconds=hist.seconds,
        n_params=sum(p.numel() for p in model.parameters()), model_repr=repr(model),
        metrics=metrics, baselines=baselines, ridge_alpha=alpha, scaler_days=prep.scaler_days,
        first_test_day=int(days[test][0]), model=model, prep=prep, best_epoch=best_epoch,
        series=series, device=hist.device,
    )  # fmt: skip


def _start_state(model: nn.Module, val_data, cfg: StockConfig):
    """(validation loss, weights) before training, when early stopping may return to them."""
    if not cfg.patience:
        return None
    return evaluate_loss(model, val_data, nn.MSELoss(), torch.device("cpu")), copy.deepcopy(
        model.state_dict()
    )


def _keep_start_if_better(model: nn.Module, hist, start) -> int:
    """Early stopping counts the untrained model as epoch 0: if no epoch beat it on the
    validation part by KEEP_MARGIN, its weights come back (for a return model: persistence)."""
    if start is None:
        return hist.best_epoch
    if hist.val_loss and min(hist.val_loss) < start[0] * (1 - KEEP_MARGIN):
        return hist.best_epoch
    model.load_state_dict(start[1])
    model.eval()
    return 0


def run_seeds(series: PriceSeries, cfg: StockConfig, seeds=range(5)) -> list[StockResult]:
    """The same run under several torch seeds (for the benchmark)."""
    return [run(series, replace(cfg, seed=s)) for s in seeds]


@dataclass(frozen=True)
class StockJob:
    """Series + config: the hashable key under which the page caches a trained result."""

    series: PriceSeries
    cfg: StockConfig


def run_job(job: StockJob, on_epoch: EpochCallback | None = None) -> StockResult:
    return run(job.series, job.cfg, on_epoch=on_epoch)


def _job_estimate_mb(job: StockJob) -> float:
    from seqcore.stock.estimate import estimate_peak_mb  # estimate imports this module

    return estimate_peak_mb(job)


def _job_estimate_s(job: StockJob) -> float:
    from seqcore.stock.estimate import estimate_seconds

    return estimate_seconds(job.cfg, len(job.series))


StockJob.estimate_mb = _job_estimate_mb  # the training queue admits a run on its memory estimate
StockJob.estimate_s = _job_estimate_s  # and tells those waiting behind it how long it takes


def fit_window(window: int, step_values: int) -> int:
    """The largest multiple of `step_values` not above `window` (at least one step)."""
    return max(step_values, window - window % step_values)


def lag_profile(prices: np.ndarray, days: np.ndarray, forecasts: dict[str, np.ndarray], max_lag: int = 5):
    """MAE between each forecast for day t and the actual price of day t - lag, lag 0..max_lag.
    A forecast that copies yesterday has its smallest error at lag 1, not at lag 0."""
    lags = list(range(max_lag + 1))
    return lags, {name: [mae(f, prices[days - lag]) for lag in lags] for name, f in forecasts.items()}
