"""Korean sentences the stock page shows, computed from results (pure, unit-tested).

Ranges are written with an en dash (0.69–0.86): in markdown, two '~' in one line strike through
the text between them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from seqcore.data.series import SeriesConfig
from seqcore.stock.noise import Ratio, Spread
from seqcore.stock.pipeline import StockResult
from seqcore.stock.series import PriceSeries, synthetic

LAG_MARGIN = 0.1  # "copies yesterday" only when the lag-1 error is 10% below the lag-0 error
# A series where the scaler leak matters: a strong trend that leaves the training range.
LEAK_SERIES = SeriesConfig(days=500, trend_start=100.0, trend_end=400.0, amplitude=10.0, noise=3.0)


def leak_demo_series() -> PriceSeries:
    return replace(synthetic(LEAK_SERIES), name="강한 추세 (누수 실험용)")


def _fmt(v: float) -> str:
    return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"


def kept_start(result: StockResult) -> bool:
    """Whether the model on screen is its untrained start (early stopping found no better epoch)."""
    return result.kept_epoch == 0


def model_name(result: StockResult) -> str:
    """What produced the model's numbers: the trained network, or its untrained start (a return
    model's start predicts a return of 0: exactly '어제 값 그대로')."""
    cell = result.config.cell.upper()
    if not kept_start(result):
        return f"{cell} 모델"
    return f"학습 전 {cell} (=어제 값)" if result.config.target == "return" else f"학습 전 {cell}"


def _interval(r: Ratio) -> str:
    return f"{r.value:.2f}배 (95% 구간 {r.lo:.2f}–{r.hi:.2f})"


def verdict(result: StockResult, names: dict[str, str]) -> tuple[str, str]:
    """('info', sentence): this one run against '어제 값 그대로' and the best baseline, as numbers.
    One run claims no win: whether the gap is more than noise is `spread_verdict`'s to say."""
    m = result.metrics
    model, pers = m["model"]["mae"], m["persistence"]["mae"]
    if result.config.target == "return" and kept_start(result):
        return "info", (
            f"학습한 어떤 에포크도 검증 구간에서 '어제 값 그대로'를 이기지 못해서, 모델은 학습 전 상태(수익률 0 = 어제 값)로 "
            f"돌아갔어요: 테스트 MAE {_fmt(model)} = '어제 값 그대로' {_fmt(pers)}. 위의 숫자는 학습한 모델의 것이 아니라 "
            "'어제 값 그대로'의 것이에요."
        )
    ratio = f"{model / pers:.2f}배" if pers > 0 else "(어제 값 그대로의 오차가 0이라 비율 없음)"
    best = min((k for k in m if k not in ("model", "noise_floor")), key=lambda k: m[k]["mae"])
    rival = f" 베이스라인 중에서는 {names[best]}의 MAE {_fmt(m[best]['mae'])}가 가장 낮아요."
    rival = "" if best == "persistence" else rival
    return "info", (
        f"이번 학습 한 번에서 모델 MAE({_fmt(model)})는 '어제 값 그대로'({_fmt(pers)})의 {ratio}예요.{rival} "
        "이 차이가 실력인지 우연인지는 아래 '우연일까?'에서 시드 5개로 재어 봐요."
    )


def spread_verdict(spread: Spread) -> tuple[str, str]:
    """('success' | 'warning' | 'info', sentence) from several seeds: the interval of the ratio over
    seeds and test days. "Learned nothing beyond persistence" only when the interval holds 1."""
    r = spread.ratio
    seeds = f"시드 {spread.seeds[0]}–{spread.seeds[-1]}에서 {len(spread.seeds)}번 학습해 보니"
    spread_txt = f"시드별 {min(r.seed_values):.2f}–{max(r.seed_values):.2f}"
    head = f"{seeds} 모델 MAE는 '어제 값 그대로'의 {_interval(r)}, {spread_txt}예요. "
    if spread.all_start:
        return "info", head + (
            "다섯 번 모두 학습 전 상태(= 어제 값 그대로)로 돌아갔어요: 이 데이터에서 모델은 어제 값 이상으로 배운 것이 없어요."
        )
    if r.verdict == "better":
        return "success", head + (
            "구간 전체가 1보다 작아요: 시드와 테스트 날짜의 우연을 감안해도 모델이 '어제 값 그대로'보다 나아요. "
            "어제 값만으로는 알 수 없는 무언가(이 시리즈라면 추세와 주기)를 배웠다는 뜻이에요."
        )
    if r.verdict == "worse":
        return "warning", head + (
            "구간 전체가 1보다 커요: 시드와 테스트 날짜의 우연을 감안해도 모델이 '어제 값 그대로'보다 못해요. "
            "복잡한 모델이 늘 이기지는 않아요. 베이스라인과 비교하지 않으면 알 수 없는 사실이에요."
        )
    return "info", head + (
        "구간이 1을 포함해요: 모델이 '어제 값 그대로' 이상으로 배운 것이 있다는 증거가 없어요. 실제 주가의 하루 "
        "변화는 랜덤 워크에 가까워서(이미 알려진 정보는 가격에 반영돼 있어요, 효율적 시장) 흔히 이렇게 돼요."
    )


GUESSES = {"better": "이긴다", "same": "구별할 수 없다", "worse": "진다"}
TRUTHS = {"better": "이겼어요", "same": "구별할 수 없어요", "worse": "졌어요"}


def guess_line(guess: str, ratio: Ratio) -> str:
    """The learner's guess beside the computed truth (markdown of the app's own words)."""
    hit = "맞혔어요 ✅" if guess == ratio.verdict else "예측과 달라요. 아래 설명을 읽어 보세요 🔍"
    return (
        f"**내 예측:** {GUESSES[guess]} · **실제:** {TRUTHS[ratio.verdict]} · MAE 비율 {ratio.value:.2f}배, "
        f"95% 구간 {ratio.lo:.2f}–{ratio.hi:.2f} (1보다 작으면 모델이 나아요) → {hit}"
    )


def copies_yesterday(today: float, yesterday: float, margin: float = LAG_MARGIN) -> bool:
    """Whether the forecast is clearly closer to yesterday's price than to today's."""
    return yesterday < today * (1 - margin)


def lag_sentence(today: float, yesterday: float, margin: float = LAG_MARGIN) -> str:
    if copies_yesterday(today, yesterday, margin):
        return (
            f"지금 모델은 오늘보다 **어제** 값에 확실히 더 가까워요 (MAE {_fmt(yesterday)} < {_fmt(today)}의 "
            f"{1 - margin:.0%}): 예측이 실제를 한 박자 늦게 따라가는 경향이 있어요."
        )
    if yesterday < today:
        return (
            f"어제 값과의 오차({_fmt(yesterday)})가 오늘 값과의 오차({_fmt(today)})보다 조금 작지만 "
            f"{margin:.0%} 안쪽이라, 노이즈만으로도 생기는 차이예요. '베끼는 모델'이라고 단정할 수 없어요."
        )
    return (
        f"지금 모델은 어제 값보다 **오늘** 값에 더 가까워요 (MAE {_fmt(today)} ≤ {_fmt(yesterday)}): "
        "어제 값을 베끼기만 하는 모델은 아니에요."
    )


# Why the leak barely moves a target the scaler's range hardly touches (tests look for this text).
SCALE_FREE_TARGET = (
    "이 설정의 예측 대상(창 평균 대비 가격·수익률)은 스케일러의 최솟값·최댓값에 거의 영향을 받지 않아서 누수의 "
    "효과가 작아요. '가격 그대로' 타깃(강의 레시피)에서는 누수가 드러나요."
)


def leak_sentence(with_leak: float, without: float, beyond: int, n_test: int, target: str = "price") -> str:
    """The measured effect of fitting the scaler on every day, and why it is that size."""
    diff = with_leak - without
    size = "아주 작아요" if abs(diff) < 0.02 * without else "분명해요"
    head = (
        f"같은 설정으로 두 번 학습해 재어 보니, 스케일러를 전체 데이터로 맞추면 테스트 MAE {_fmt(with_leak)}, "
        f"훈련 구간으로만 맞추면 {_fmt(without)}이에요 (차이 {diff:+.3g}, {size}). "
    )
    if target != "price":
        return head + SCALE_FREE_TARGET
    why = (
        "테스트 가격의 범위를 미리 본 스케일러 덕분에 점수가 좋아 보였어요: 실제로는 쓸 수 없는 정보예요."
        if diff < 0 and size == "분명해요"
        else "범위를 벗어나는 날이 적으면 누수의 효과도 작아요."
    )
    return head + f"테스트 {n_test}일 중 훈련 구간의 가격 범위를 벗어난 날은 {beyond}일이에요. {why}"


def leak_report(result: StockResult, other: StockResult) -> str:
    """`leak_sentence` for two runs that differ only in where the scaler was fit."""
    leaky, clean = (result, other) if result.config.scaler_on_all else (other, result)
    prices = np.asarray(result.series.values)
    test = prices[result.days[result.test]]
    train = prices[: result.first_test_day]
    beyond = int(np.sum((test > train.max()) | (test < train.min())))
    mae = (leaky.metrics["model"]["mae"], clean.metrics["model"]["mae"])
    return leak_sentence(*mae, beyond, len(test), result.config.target)
