"""The default recipe, chosen on the learner's own series (validation days only, never test).

Two families of recipe are tried, each trained on the training part and scored by its MAE on
the validation part (the last 20% of the training days, see `pipeline.prepare`):

- "relative": the app's 120-day window fed as 6 steps of 20 days, predicting the price relative
  to the window mean, with input noise set from the series' own day-to-day variation
  (`NOISE_PER_DAILY_MOVE` x the standard deviation of a daily move, in scaled units).
- "return": a small GRU on the last 20 daily returns, scaled by their standard deviation, with
  weight decay and early stopping; it starts from "tomorrow = today" (zero return).

A recipe whose window does not fit the series is skipped. The search is bounded by construction:
two candidates, each with a capped number of epochs (about 1-2 s of training for 2,000 days on one
thread); every candidate always runs, so that a busy machine never changes the choice. The test days are never read: the test windows are
masked out of the validation score, and the scalers are fit on the training days.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from seqcore.core.cache import CacheStore
from seqcore.core.config import DEFAULT_SEED
from seqcore.stock.checks import flat
from seqcore.stock.config import DEFAULT_RECIPE, StockConfig, check_config, n_test_days
from seqcore.stock.noise import SPREAD_STORE, SpreadJob, run_spread
from seqcore.stock.pipeline import STOCK_STORE, StockJob, run, run_job
from seqcore.stock.series import PriceSeries, synthetic

NOISE_PER_DAILY_MOVE = 1.4  # input noise = 1.4 daily moves: 0.10 on the lesson's series
RETURN_RECIPE = StockConfig(
    window=20,
    step_values=1,
    cell="gru",
    num_layers=1,
    hidden_size=16,
    dropout=0.0,
    epochs=40,
    lr=1e-3,
    batch_size=128,
    input_noise=0.0,
    target="return",
    weight_decay=1e-4,
    patience=6,
)
# The page's form: (widget key, StockConfig field) in three columns. Keys are part of the link format.
FORM_COLUMNS = (
    {"stock_cell": "cell", "stock_layers": "num_layers", "stock_hidden": "hidden_size"}
    | {"stock_dropout": "dropout", "stock_leak": "scaler_on_all"},
    {"stock_window": "window", "stock_step": "step_values", "stock_target": "target"}
    | {"stock_input_noise": "input_noise"},
    {"stock_epochs": "epochs", "stock_patience": "patience", "stock_wd": "weight_decay", "stock_lr": "lr"}
    | {"stock_batch": "batch_size", "stock_mean_k": "mean_k"},
)
RECIPE_STORE = CacheStore("stock_recipe", max_entries=8)  # series -> RecipeChoice


def daily_move(prices: np.ndarray) -> float:
    """Std of one day's move on the training days, in MinMax-scaled units (training range = 1)."""
    n = len(prices)
    train = np.asarray(prices[: n - n_test_days(n)], dtype=np.float64)
    span = float(train.max() - train.min()) if len(train) > 1 else 0.0
    return float(np.std(np.diff(train)) / span) if span > 0 else 0.0


def relative_recipe(prices: np.ndarray) -> StockConfig:
    """The app's relative-target recipe with input noise from the series' own daily moves."""
    noise = round(min(0.2, NOISE_PER_DAILY_MOVE * daily_move(prices)), 2)  # on the slider's 0.01 grid
    return replace(DEFAULT_RECIPE, input_noise=noise)


def candidates(series: PriceSeries) -> list[tuple[str, StockConfig]]:
    prices = np.asarray(series.values, dtype=np.float64)
    out = [("relative", relative_recipe(prices)), ("return", RETURN_RECIPE)]
    return [(name, cfg) for name, cfg in out if check_config(cfg, len(series)) is None]


def too_short(series: PriceSeries) -> str | None:
    """A Korean message when the series cannot train (flat, or no recipe fits it), else None."""
    if reason := flat(series):
        return reason
    if candidates(series):
        return None
    reason = check_config(RETURN_RECIPE, len(series)).replace(" 창 길이를 줄여 보세요.", "")
    return f"이 파일은 읽었지만 학습하기에 너무 짧아요. {reason} 더 긴 기간을 내려받아 올려 주세요."


@dataclass(frozen=True)
class RecipeChoice:
    """What the search chose, its validation scores, and one Korean sentence saying why."""

    config: StockConfig | None
    val_mae: dict[str, float]  # recipe name -> validation MAE (price units)
    val_persistence: float  # "tomorrow = today" on the same validation days
    daily_move: float
    seconds: float
    sentence: str
    error: str | None = None


def val_scores(result) -> tuple[float, float]:
    """(model MAE, persistence MAE) on the validation windows only."""
    val_days = result.days[result.val]
    actual = result.actual[result.val]
    prices_before = result.actual[np.searchsorted(result.days, val_days - 1)]
    return float(np.mean(np.abs(result.pred[result.val] - actual))), float(
        np.mean(np.abs(prices_before - actual))
    )


def choose_recipe(series: PriceSeries, seed: int = 0) -> RecipeChoice:
    """Train each candidate once (torch seed `seed`) and keep the best on the validation part."""
    prices = np.asarray(series.values, dtype=np.float64)
    move = daily_move(prices)
    found = candidates(series)
    if not found or flat(series):
        error = flat(series) or check_config(RETURN_RECIPE, len(series))
        return RecipeChoice(None, {}, 0.0, move, 0.0, "", error=error)
    t0 = time.perf_counter()
    scores: dict[str, float] = {}
    configs = dict(found)
    persist = 0.0
    for name, cfg in found:  # every candidate runs: a slow machine must not change the choice
        scores[name], persist = val_scores(run(series, replace(cfg, seed=seed)))
    best = min(scores, key=scores.get)
    config = configs[best]
    return RecipeChoice(
        config, scores, persist, move, time.perf_counter() - t0, explain(best, config, scores, persist, move)
    )


def _fmt(v: float) -> str:
    return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"


def explain(best: str, cfg: StockConfig, scores: dict[str, float], persist: float, move: float) -> str:
    """One Korean sentence: what was chosen, and the validation numbers that chose it."""
    names = {"relative": "창 평균 대비 가격", "return": "수익률"}
    parts = ", ".join(f"{names[k]} 레시피 {_fmt(v)}" for k, v in scores.items())
    why = (
        f"입력 노이즈는 하루 변동(스케일 단위 {move:.3f})의 {NOISE_PER_DAILY_MOVE}배인 {cfg.input_noise:.2f}로 정했어요"
        if best == "relative"
        else f"수익률 모델은 '어제 값 그대로'에서 출발해 검증 오차가 줄 때만 움직이고, {cfg.patience} 에포크 동안 "
        "나아지지 않으면 멈춰요"
    )
    return (
        f"훈련 구간의 마지막 20%(검증 구간)에서 MAE를 재어 보니 {parts}, '어제 값 그대로' {_fmt(persist)}여서 "
        f"{summary(cfg)} 레시피를 골랐고, {why}."
    )


def summary(cfg: StockConfig) -> str:
    """One line: '1층 GRU(32), 120일 창(20일×6 스텝), 창 평균 대비 타깃, 입력 노이즈 0.10'."""
    steps = cfg.window // cfg.step_values
    shape = f"{cfg.window}일 창" + (f"({cfg.step_values}일×{steps} 스텝)" if cfg.step_values > 1 else "")
    target = {"relative": "창 평균 대비 타깃", "return": "수익률 타깃", "price": "가격 타깃"}[cfg.target]
    stop = f", 조기 종료(인내 {cfg.patience})" if cfg.patience else ""
    return (
        f"{cfg.num_layers}층 {cfg.cell.upper()}({cfg.hidden_size}), {shape}, {target}, "
        f"입력 노이즈 {cfg.input_noise:.2f}, 최대 {cfg.epochs} 에포크{stop}"
    )


def choose_job(series: PriceSeries, on_epoch=None) -> RecipeChoice:
    """`choose_recipe` as a cached trainer (series -> choice), for `ui.train_cached`."""
    return choose_recipe(series)


LESSON_SERIES = synthetic()
# The page's default view: the lesson's series, its chosen recipe (tests/seqcore/stock checks that
# the search picks DEFAULT_RECIPE there) under the app's default seed. Prewarmed at start-up.
DEFAULT_JOB = StockJob(LESSON_SERIES, replace(DEFAULT_RECIPE, seed=DEFAULT_SEED))
DEFAULT_SPREAD = SpreadJob(LESSON_SERIES, DEFAULT_JOB.cfg)  # the same under five seeds
DEFAULT_RUNS = (
    (RECIPE_STORE, choose_job, LESSON_SERIES),
    (STOCK_STORE, run_job, DEFAULT_JOB),
    (SPREAD_STORE, run_spread, DEFAULT_SPREAD),
)
