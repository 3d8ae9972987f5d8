"""Korean sentences the stock page shows, computed from results (pure, unit-tested)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from seqcore.data.series import SeriesConfig
from seqcore.stock.pipeline import StockResult
from seqcore.stock.series import PriceSeries, synthetic

LAG_MARGIN = 0.1  # "copies yesterday" only when the lag-1 error is 10% below the lag-0 error
# A series where the scaler leak matters: a strong trend that leaves the training range.
LEAK_SERIES = SeriesConfig(days=500, trend_start=100.0, trend_end=400.0, amplitude=10.0, noise=3.0)


def leak_demo_series() -> PriceSeries:
    return replace(synthetic(LEAK_SERIES), name="강한 추세 (누수 실험용)")


def _fmt(v: float) -> str:
    return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"


def verdict(result: StockResult, names: dict[str, str]) -> tuple[str, str]:
    """('success' | 'warning' | 'info', sentence) comparing the model with the best baseline."""
    m = result.metrics
    model, pers = m["model"]["mae"], m["persistence"]["mae"]
    ratio = model / pers
    if result.config.target == "return" and result.best_epoch == 0:
        return "info", (
            f"학습한 어떤 에포크도 검증 구간에서 '어제 값 그대로'를 이기지 못해서, 모델은 학습 전 상태(수익률 0 = 어제 값)로 "
            f"돌아갔어요: 테스트 MAE {_fmt(model)} = '어제 값 그대로' {_fmt(pers)}. 실제 주가의 하루 변화는 "
            "랜덤 워크에 가까워서(이미 알려진 정보는 가격에 반영돼 있어요, 효율적 시장) 다음 날을 '오늘 값'보다 "
            "잘 맞히기는 매우 어려워요. 이것이 이 데이터의 정직한 결론입니다."
        )
    best = min((k for k in m if k not in ("model", "noise_floor")), key=lambda k: m[k]["mae"])
    if model <= m[best]["mae"]:
        return "success", (
            f"모델(MAE {_fmt(model)})이 가장 좋은 베이스라인 {names[best]}(MAE {_fmt(m[best]['mae'])})보다 좋아요 "
            f"('어제 값 그대로'의 {ratio:.3f}배)."
        )
    return "warning", (
        f"모델(MAE {_fmt(model)})이 {names[best]}(MAE {_fmt(m[best]['mae'])})보다 못해요 ('어제 값 그대로'의 "
        f"{ratio:.3f}배). 다음 날 가격은 랜덤 워크에 가까워 '어제 값 그대로'를 이기기 어려워요. "
        "복잡한 모델이 늘 이기지는 않으니, 베이스라인과 비교하지 않으면 알 수 없는 사실입니다."
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


def leak_sentence(with_leak: float, without: float, beyond: int, n_test: int, target: str = "price") -> str:
    """The measured effect of fitting the scaler on every day, and why it is that size."""
    diff = with_leak - without
    size = "아주 작아요" if abs(diff) < 0.02 * without else "분명해요"
    head = (
        f"같은 설정으로 두 번 학습해 재어 보니, 스케일러를 전체 데이터로 맞추면 테스트 MAE {_fmt(with_leak)}, "
        f"훈련 구간으로만 맞추면 {_fmt(without)}이에요 (차이 {diff:+.3g}, {size}). "
    )
    if target != "price":
        return head + (
            "이 설정의 예측 대상(창 평균 대비 가격·수익률)은 스케일러의 최솟값·최댓값에 거의 영향을 받지 않아서 누수의 "
            "효과가 작아요. '가격 그대로' 타깃(강의 레시피)에서는 누수가 드러나요."
        )
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
