"""The recipe search, multi-step forecasts, verdicts and estimates of the stock page."""

from dataclasses import replace

import numpy as np
import pytest

from seqcore.stock import estimate, forecast, recipe, texts, verdicts
from seqcore.stock.baselines import lag_profile
from seqcore.stock.config import DEFAULT_RECIPE, LESSON_RECIPE, StockConfig, n_test_days
from seqcore.stock.pipeline import run
from seqcore.stock.series import PriceSeries, synthetic

FAST = {}


def _walk(n=400, seed=0):
    return PriceSeries("walk", tuple(100 * np.exp(np.cumsum(np.random.RandomState(seed).randn(n) * 0.01))))


def test_the_choice_never_reads_the_test_days():
    """Replacing every test day by noise changes neither the choice nor its validation numbers."""
    series = _walk()
    n = len(series)
    first_test = n - n_test_days(n)
    noisy = np.asarray(series.values).copy()
    noisy[first_test:] = np.random.RandomState(9).uniform(1, 1000, n - first_test)
    a = recipe.choose_recipe(series, **FAST)
    b = recipe.choose_recipe(replace(series, values=tuple(noisy)), **FAST)
    assert a.config == b.config
    assert a.val_mae == pytest.approx(b.val_mae, rel=1e-9)
    assert a.val_persistence == b.val_persistence


def test_the_lessons_series_gets_the_apps_default_and_a_sentence_with_numbers():
    choice = recipe.choose_recipe(synthetic(), **FAST)
    assert choice.config == DEFAULT_RECIPE  # so that recipe.DEFAULT_JOB is what the page shows
    assert set(choice.val_mae) == {"relative", "return"}
    assert f"{choice.val_mae['relative']:.4g}" in choice.sentence and "검증 구간" in choice.sentence


def test_input_noise_follows_the_series_daily_moves():
    lesson = recipe.relative_recipe(np.asarray(synthetic().values))
    calm = recipe.relative_recipe(np.asarray(_walk(600).values))
    assert lesson.input_noise == 0.1 and calm.input_noise < 0.05


def test_a_return_model_that_learns_nothing_is_exactly_persistence_and_is_named_so():
    res = run(_walk(300), replace(recipe.RETURN_RECIPE, epochs=3))
    assert res.kept_epoch == 0  # three epochs of a random walk: no epoch beats the start
    assert res.metrics["model"]["mae"] == pytest.approx(res.metrics["persistence"]["mae"], rel=1e-6)
    assert verdicts.model_name(res) == "학습 전 GRU (=어제 값)"  # not "GRU 모델"
    kind, _ = verdicts.verdict(res, {})
    assert kind == "info"


def test_too_short_series_get_a_message_not_a_choice():
    choice = recipe.choose_recipe(_walk(40), **FAST)
    assert choice.config is None and "40일뿐" in choice.error


@pytest.mark.parametrize(
    "cfg",
    [
        replace(DEFAULT_RECIPE, epochs=2),
        replace(recipe.RETURN_RECIPE, epochs=2),
        replace(LESSON_RECIPE, epochs=1, hidden_size=8),
        replace(DEFAULT_RECIPE, epochs=2, scaler_on_all=True, target="price"),
    ],
)
def test_multi_step_at_k_1_equals_the_one_step_forecast(cfg):
    series = synthetic()
    res = run(series, cfg)
    ms = forecast.multi_step(series.values, res, 1)
    for key in ("model", "persistence", "ridge"):
        assert ms.mae[key][0] == pytest.approx(
            res.metrics[key]["mae"], rel=1e-6
        )  # float32 inputs, rounded in another order


def test_multi_step_errors_grow_for_persistence_on_a_trend():
    series = synthetic()
    res = run(series, replace(DEFAULT_RECIPE, epochs=2))
    ms = forecast.multi_step(series.values, res, 30)
    assert len(ms.horizons) == 30 and ms.mae["persistence"][-1] > ms.mae["persistence"][0]
    assert ms.origins[0] == res.test.sum() and ms.origins[-1] == res.test.sum() - 29


def test_the_lag_verdict_rarely_fires_on_the_noise_free_curve():
    """The old rule (yesterday < today) fired on the true curve for about a third of noise seeds."""
    fired_old = fired = 0
    for seed in range(40):
        from seqcore.data.series import SeriesConfig

        s = synthetic(SeriesConfig(seed=seed))
        p, clean = np.asarray(s.values), np.asarray(s.clean)
        days = np.arange(len(p) - 94, len(p))
        _, lag = lag_profile(p, days, {"truth": clean[days]})
        today, yesterday = lag["truth"][0], lag["truth"][1]
        fired_old += yesterday < today
        fired += verdicts.copies_yesterday(today, yesterday)
    assert fired == 0 and fired_old > 0
    assert verdicts.copies_yesterday(3.0, 0.0)  # persistence itself is always caught


def test_leak_sentence_reports_the_measured_difference_and_why():
    text = verdicts.leak_sentence(2.656, 2.655, 5, 94)
    assert "아주 작아요" in text and "5일" in text
    assert "분명해요" in verdicts.leak_sentence(30.6, 38.8, 90, 94) and "미리 본" in verdicts.leak_sentence(
        30.6, 38.8, 90, 94
    )
    text = verdicts.leak_sentence(3.2, 3.2, 90, 94, target="return")  # the range does not explain it here
    assert verdicts.SCALE_FREE_TARGET in text and "90일" not in text and "(차이 +0" in text


@pytest.mark.slow
def test_the_leak_matters_on_the_trend_series_with_the_lessons_price_target():
    series = verdicts.leak_demo_series()
    cfg = replace(LESSON_RECIPE, epochs=10, hidden_size=16)
    clean, leaky = run(series, cfg), run(series, replace(cfg, scaler_on_all=True))
    assert (
        abs(leaky.metrics["model"]["mae"] - clean.metrics["model"]["mae"])
        > 0.05 * clean.metrics["model"]["mae"]
    )
    assert "분명해요" in verdicts.leak_report(clean, leaky)


def test_summary_and_intro_follow_the_config():
    assert recipe.summary(DEFAULT_RECIPE).startswith(
        "1층 GRU(32), 120일 창(20일×6 스텝), 창 평균 대비 타깃, 입력 노이즈 0.10"
    )
    assert "2층 LSTM(50), 30일 창, 가격 타깃" in recipe.summary(LESSON_RECIPE)
    assert (
        "[Day1, ..., Day30]" in dict(texts.intro(30, 1))["입력"]
        and "Day121" in dict(texts.intro(120, 20))["출력"]
    )


def test_estimates_grow_with_the_work_and_refuse_the_heaviest_setting():
    small = StockConfig(window=30, step_values=1, cell="gru", hidden_size=16, epochs=10)
    big = replace(small, num_layers=3, hidden_size=128, window=180, epochs=200, batch_size=16)
    assert estimate.estimate_seconds(small, 2000) < estimate.estimate_seconds(big, 2000)
    assert estimate.estimate_seconds(big, 2000) > estimate.MAX_TRAIN_SECONDS
    assert estimate.estimate_peak_mb((small, 2000)) < estimate.estimate_peak_mb((big, 2000)) < 2000
    assert recipe.DEFAULT_JOB.estimate_mb() == estimate.estimate_peak_mb(recipe.DEFAULT_JOB)


@pytest.mark.parametrize("mae, delta", [(3.45, "+0.78"), (2.62, "-0.05"), (2.6701, "0"), (2.6651, "0")])
def test_a_baseline_card_says_its_gap_to_the_model_and_that_lower_is_better(mae, delta):
    got = texts.metric_delta(mae, 2.67)
    assert (
        got["delta"] == delta and got["delta_color"] == "inverse" and "낮을수록" in got["delta_description"]
    )


def test_the_glossary_defines_the_words_of_the_chosen_recipe():
    assert "20일×6 스텝" in texts.glossary(DEFAULT_RECIPE) and "창 평균 대비 타깃" in texts.glossary(
        DEFAULT_RECIPE
    )
    words = texts.glossary(recipe.RETURN_RECIPE)
    assert "수익률 타깃" in words and "조기 종료(인내 6)" in words and "스텝" not in words
