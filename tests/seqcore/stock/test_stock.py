import threading
from dataclasses import replace

import numpy as np
import pytest
import torch

from seqcore.core import rng
from seqcore.data.series import SeriesConfig, create_sequences, synthetic_series
from seqcore.stock.baselines import lag_profile, mae, mean_last, persistence, ridge_forecast, ridge_path, rmse
from seqcore.stock.config import (
    DEFAULT_RECIPE,
    LESSON_RECIPE,
    StockConfig,
    check_config,
    fit_window,
    n_test_days,
)
from seqcore.stock.estimate import MAX_TRAIN_SECONDS, estimate_seconds
from seqcore.stock.model import StockPredictor, build_model
from seqcore.stock.pipeline import run
from seqcore.stock.series import PriceSeries, synthetic
from seqcore.stock.windows import prepare, to_price

TINY = replace(DEFAULT_RECIPE, epochs=3, hidden_size=8)


def test_synthetic_is_the_lessons_series():
    np.random.seed(42)
    expected = (
        np.linspace(100, 150, 500) + 10 * np.sin(np.linspace(0, 8 * np.pi, 500)) + np.random.randn(500) * 3
    )
    s = synthetic()
    np.testing.assert_array_equal(np.array(s.values), expected)
    assert s.clean is not None and len(s.clean) == 500


def test_lesson_windows_and_split():
    X, y = create_sequences(np.array(synthetic().values).reshape(-1, 1), 30)
    assert X.shape == (470, 30, 1) and y.shape == (470, 1)
    assert n_test_days(500) == 470 - int(470 * 0.8) == 94


def test_create_sequences_quiz_q7_example():
    X, y = create_sequences([100, 102, 105, 103, 108, 110, 107, 112, 115, 113], 5)
    assert X.shape == (5, 5) and y.tolist() == [110, 107, 112, 115, 113]


@pytest.mark.parametrize("cfg", [LESSON_RECIPE, DEFAULT_RECIPE, replace(DEFAULT_RECIPE, target="return")])
def test_test_days_are_the_last_94_whatever_the_window(cfg):
    prep = prepare(np.array(synthetic().values), cfg)
    assert prep.test.sum() == 94
    assert prep.day[prep.test].min() == 406 and prep.day[prep.test].max() == 499
    # validation is carved from training days, before every test day
    assert prep.day[prep.val].max() < 406 and not (prep.val & prep.train).any()
    assert prep.day[prep.train].max() < prep.day[prep.val].min()


@pytest.mark.parametrize("on_all, days_seen", [(False, 406), (True, 500)])
def test_scaler_sees_only_training_days_unless_leaking(on_all, days_seen):
    prices = np.arange(500, dtype=float) + 100  # rising: test days lie above the training range
    prep = prepare(prices, replace(LESSON_RECIPE, scaler_on_all=on_all))
    assert prep.scaler_days == days_seen
    scaled_max = prep.X[prep.test].max()
    assert (scaled_max > 1.0) == (not on_all)  # fit on train only: test values exceed 1


@pytest.mark.parametrize("target", ["price", "relative", "return"])
def test_to_price_inverts_the_target(target):
    prices = np.array(synthetic().values)
    prep = prepare(prices, replace(DEFAULT_RECIPE, target=target))
    np.testing.assert_allclose(to_price(prep, prep.y, target), prices[prep.day], rtol=1e-9)


def test_baselines_on_a_hand_checked_series():
    prices = np.array([100, 102, 105, 103, 108, 110, 107, 112, 115, 113], dtype=float)
    days = np.array([5, 9])
    assert persistence(prices, days).tolist() == [108, 115]
    assert mean_last(prices, days, 3).tolist() == [
        pytest.approx((105 + 103 + 108) / 3),
        pytest.approx((107 + 112 + 115) / 3),
    ]
    assert mae([1, 2], [2, 4]) == 1.5
    assert rmse([0, 0], [3, 4]) == pytest.approx(np.sqrt(12.5))


def test_ridge_recovers_a_linear_rule_and_uses_training_days_only():
    rng = np.random.RandomState(0)
    prices = 100 + np.cumsum(rng.randn(300))
    days = np.arange(10, 300)
    fit_mask = days < 250
    pred, alpha = ridge_forecast(prices, days, 10, fit_mask)
    assert alpha > 0
    assert mae(pred[~fit_mask], prices[days[~fit_mask]]) < 1.5 * mae(
        prices[days[~fit_mask] - 1], prices[days[~fit_mask]]
    )
    # changing the test days' prices does not change what ridge learned
    p2 = prices.copy()
    p2[260:] += 50
    pred2, alpha2 = ridge_forecast(p2, days, 10, fit_mask)
    assert alpha2 == alpha
    np.testing.assert_allclose(pred2[days < 250], pred[days < 250])


def test_lag_profile_exposes_a_copier():
    prices = np.array(synthetic().values)
    days = np.arange(406, 500)
    lags, prof = lag_profile(prices, days, {"copy": persistence(prices, days)})
    assert lags == [0, 1, 2, 3, 4, 5]
    assert prof["copy"][1] == 0.0 and prof["copy"][0] > 0


def test_stock_predictor_is_the_lessons_model():
    model = rng.attach(StockPredictor(input_size=1, hidden_size=50, num_layers=2), rng.torch_gen(0))
    assert "LSTM(1, 50, num_layers=2, batch_first=True, dropout=0.2)" in repr(model)
    assert model(torch.zeros(4, 30, 1)).shape == (4, 1)
    assert sum(p.numel() for p in model.parameters()) == 31051


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_build_model_feeds_several_values_per_step(cell):
    model = rng.attach(build_model(replace(DEFAULT_RECIPE, cell=cell, input_noise=0.1)), rng.torch_gen(0))
    x = torch.ones(3, DEFAULT_RECIPE.window // DEFAULT_RECIPE.step_values, DEFAULT_RECIPE.step_values)
    model.eval()
    assert torch.equal(model(x), model(x))  # no noise in eval
    model.train()
    assert not torch.equal(model(x), model(x))  # noise while training


@pytest.mark.parametrize(
    "n_days, cfg, fragment",
    [
        (100, DEFAULT_RECIPE, "100일뿐"),
        (500, replace(DEFAULT_RECIPE, window=50, step_values=20), "배수"),
        (500, DEFAULT_RECIPE, None),
    ],
)
def test_check_config(n_days, cfg, fragment):
    msg = check_config(cfg, n_days)
    assert (msg is None) if fragment is None else (fragment in msg)


@pytest.mark.parametrize(
    "window, step, expected", [(120, 20, 120), (130, 20, 120), (10, 20, 20), (30, 1, 30)]
)
def test_fit_window(window, step, expected):
    assert fit_window(window, step) == expected


def test_estimate_refuses_huge_runs_and_allows_the_recipes():
    huge = StockConfig(
        window=180, step_values=1, cell="lstm", num_layers=3, hidden_size=128, epochs=200, batch_size=16
    )
    assert estimate_seconds(huge, 2000) > MAX_TRAIN_SECONDS
    assert estimate_seconds(LESSON_RECIPE, 500) < MAX_TRAIN_SECONDS
    assert estimate_seconds(DEFAULT_RECIPE, 500) < 2


def test_run_reports_model_and_baselines_on_the_same_test_days():
    res = run(synthetic(), TINY)
    assert set(res.metrics) == {"model", "persistence", "mean5", "ridge", "noise_floor"}
    assert res.test.sum() == 94 and len(res.pred) == len(res.days)
    assert res.metrics["persistence"]["mae"] == pytest.approx(
        mae(res.baselines["persistence"], res.actual[res.test])
    )
    assert res.metrics["noise_floor"]["mae"] == pytest.approx(2.624, abs=1e-3)
    assert len(res.train_loss) == 3 and len(res.val_loss) == 3
    assert np.all(np.isfinite(res.pred))


def test_same_config_same_result_and_no_noise_floor_without_truth():
    a, b = run(synthetic(), TINY), run(synthetic(), TINY)
    np.testing.assert_array_equal(a.pred, b.pred)
    price, _ = synthetic_series(SeriesConfig(days=300))
    res = run(PriceSeries("x", tuple(price)), TINY)
    assert "noise_floor" not in res.metrics


def test_run_refuses_a_too_short_series():
    with pytest.raises(ValueError, match="데이터가"):
        run(PriceSeries("short", tuple(range(1, 60))), TINY)


@pytest.mark.parametrize("alpha", [0.01, 10.0, 1e4])
def test_ridge_path_matches_sklearn(alpha):
    from sklearn.linear_model import Ridge

    rng = np.random.RandomState(1)
    X, y = rng.randn(60, 8), rng.randn(60)
    ((w, b),) = ridge_path(X, y, [alpha])
    ref = Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-8)
    assert b == pytest.approx(ref.intercept_)


def test_the_weights_come_from_the_configs_seed_not_the_global_generator():
    torch.manual_seed(1)
    a = build_model(replace(DEFAULT_RECIPE, seed=3))
    torch.manual_seed(2)
    b = build_model(replace(DEFAULT_RECIPE, seed=3))
    c = build_model(replace(DEFAULT_RECIPE, seed=4))
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not torch.equal(next(a.parameters()), next(c.parameters()))


def _draw_from_the_global_generators(stop: threading.Event, draws: list) -> None:
    """What another learner's script does meanwhile: reseed and draw from torch's and numpy's."""
    k = 0
    while not stop.is_set():
        torch.manual_seed(k)
        np.random.seed(k)
        torch.randn(64)
        torch.nn.functional.dropout(torch.ones(64), 0.5, training=True)
        np.random.randn(64)
        draws.append(k)
        k += 1


def test_the_same_seed_gives_the_same_numbers_while_another_thread_draws_from_the_global_generators():
    """Weight init, input noise, between-layer dropout and shuffling all draw from the run's own
    generators: a thread that reseeds and draws from the global ones changes nothing."""
    cfg = replace(DEFAULT_RECIPE, num_layers=2, dropout=0.3, input_noise=0.1, hidden_size=8, epochs=4)
    alone = run(synthetic(), cfg)
    stop, draws = threading.Event(), []
    noisy = threading.Thread(target=_draw_from_the_global_generators, args=(stop, draws), daemon=True)
    noisy.start()
    try:
        busy = run(synthetic(), cfg)
    finally:
        stop.set()
        noisy.join()
    assert len(draws) > 10  # the other thread really drew while this one trained
    np.testing.assert_array_equal(alone.pred, busy.pred)
    assert alone.train_loss == busy.train_loss and alone.metrics == busy.metrics


def test_the_model_shown_predicts_as_the_named_epochs_weights_do():
    """Issue 29: the caption named the best validation epoch while the model kept the last one.
    Now `kept_epoch` is the epoch whose weights the model has: a retrain stopped there agrees."""
    cfg = replace(DEFAULT_RECIPE, patience=3)  # early stopping: back to the best epoch's weights
    res = run(synthetic(), cfg)
    assert 0 < res.kept_epoch == res.best_epoch < len(res.train_loss) <= cfg.epochs
    again = run(synthetic(), replace(cfg, epochs=res.kept_epoch, patience=0))
    np.testing.assert_array_equal(res.pred, again.pred)


def test_without_early_stopping_the_last_epoch_is_kept_and_named():
    cfg = replace(DEFAULT_RECIPE, epochs=12)
    res = run(synthetic(), cfg)
    assert res.kept_epoch == 12 and res.best_epoch <= 12
    if res.best_epoch < 12:  # the best epoch's weights are not the ones on screen
        best = run(synthetic(), replace(cfg, epochs=res.best_epoch))
        assert not np.array_equal(best.pred, res.pred)
