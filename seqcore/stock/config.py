"""One stock run's settings (the page's form) and the split of a series into its parts.

The lesson's split is kept for every window length: the test targets are the last days of the
lesson's window-30 split (`n_test_days`), so runs with different windows meet on the same days.
"""

from __future__ import annotations

from dataclasses import dataclass

from seqcore.core.config import knob

LESSON_WINDOW = 30  # the lesson's SEQ_LENGTH
LESSON_TRAIN_FRAC = 0.8  # the lesson's train_size = int(len(X) * 0.8)
VAL_FRAC = 0.2  # the last 20% of the training targets choose alpha, window, recipe
MIN_TRAIN_TARGETS = 40  # fewer training windows than this cannot teach anything
TARGET_LABELS = {"relative": "창 평균 대비 가격", "return": "수익률", "price": "가격 그대로 (강의)"}
STEP_OPTIONS = (1, 2, 3, 5, 6, 10, 15, 20, 30)
STEP_HELP = "강의는 하루씩(1) 넣어 30 스텝을 돌아요. 20이면 120일 창이 6 스텝이 되어 훨씬 빨라요."
PATIENCE_HELP = (
    "검증 구간의 손실이 이만큼의 에포크 동안 나아지지 않으면 멈추고, 가장 좋았던 가중치로 돌아가요."
)
CELL_LABELS = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
WD_OPTIONS = (0.0, 1e-5, 1e-4, 1e-3)
WD_HELP = "옵티마이저(Adam)가 매 스텝 가중치를 0 쪽으로 조금씩 줄여요. 크면 모델이 단순해져 과적합을 막아요."
LEAK_HELP = (
    "강의 코드처럼 스케일러를 테스트 구간까지 포함한 전체 데이터로 학습해요. 테스트 날의 최솟값·최댓값이 "
    "학습에 새어 들어가는 데이터 누수예요. '정규화와 누수' 탭에서 두 방법을 재어 비교해요."
)


@dataclass(frozen=True)
class StockConfig:
    """One run of the pipeline. Frozen and hashable: the cache key of a trained result.
    Every field a learner can change is a knob: the page's widgets come from these lines."""

    window: int = knob(120, "창 길이 (SEQ_LENGTH, 일)", lo=10, hi=180, step=10)  # the lesson: 30
    step_values: int = knob(20, "한 스텝에 넣는 날 수", options=STEP_OPTIONS, help=STEP_HELP)
    cell: str = knob("gru", "셀", options=("rnn", "lstm", "gru"), labels=CELL_LABELS)
    num_layers: int = knob(1, "층 수 (num_layers)", lo=1, hi=3)
    hidden_size: int = knob(32, "은닉 크기 (hidden_size)", lo=4, hi=128)
    dropout: float = knob(0.0, "드롭아웃 (층 사이 dropout)", lo=0.0, hi=0.5, step=0.05)  # the lesson: 0.2
    epochs: int = knob(40, "최대 에포크", lo=5, hi=200, step=5)
    lr: float = knob(1e-2, "학습률", options=(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 2e-2, 3e-2))
    batch_size: int = knob(128, "배치 크기", options=(16, 32, 64, 128, 256, 512))
    input_noise: float = knob(0.1, "입력 노이즈 (학습 때만)", lo=0.0, hi=0.2, step=0.01)
    weight_decay: float = knob(0.0, "가중치 감쇠 (weight_decay)", options=WD_OPTIONS, help=WD_HELP)
    patience: int = knob(0, "조기 종료 인내 (0 = 끄기)", lo=0, hi=20, help=PATIENCE_HELP)
    target: str = knob(
        "relative", "예측 대상", options=tuple(TARGET_LABELS), labels=TARGET_LABELS, widget="radio"
    )
    # A toggle's label is one line that Streamlit cuts with "…": short enough for a 390 px phone.
    scaler_on_all: bool = knob(False, "누수 재현: 전체 데이터로 스케일러 학습", help=LEAK_HELP)
    test_frac: float = 0.2  # share of the lesson's windows kept for testing
    mean_k: int = knob(5, "베이스라인: 최근 k일 평균의 k", lo=2, hi=30)
    seed: int = 0


# The lesson's recipe, one click away: window 30 fed day by day, 2-layer LSTM(50), dropout 0.2.
LESSON_RECIPE = StockConfig(
    window=30,
    step_values=1,
    cell="lstm",
    num_layers=2,
    hidden_size=50,
    dropout=0.2,
    epochs=50,
    lr=1e-3,
    batch_size=32,
    input_noise=0.0,
    target="price",
)
DEFAULT_RECIPE = StockConfig()


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


def fit_window(window: int, step_values: int) -> int:
    """The largest multiple of `step_values` not above `window` (at least one step)."""
    return max(step_values, window - window % step_values)
