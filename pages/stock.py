"""2.2 주가 예측: data (the lesson's series or a CSV), a recipe chosen on its validation part,
the model against baselines, multi-step forecasts, the lag and leak checks."""

from dataclasses import replace

import streamlit as st

from seqcore import ui
from seqcore.core.queue import training_queue
from seqcore.data.series import SeriesConfig
from seqcore.figures import stock as figs
from seqcore.figures.stock_prediction import prediction_chart
from seqcore.stock import baselines, estimate, forecast, noise, recipe, texts, verdicts
from seqcore.stock import pipeline as stock
from seqcore.stock.config import LESSON_RECIPE, StockConfig, check_config, fit_window
from seqcore.stock.series import chart_arrays, synthetic
from seqcore.ui.stock_file import uploaded_series

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first
st.title("시계열 예측 실습 (주가 예측)")
st.markdown(texts.PAGE_INTRO)
intro_box = st.empty()  # the window in use is known only after the form
RECIPE_FOR = "stock_recipe_for"  # the data (series name) the form's settings were last set for
FIELDS = {key: name for column in recipe.FORM_COLUMNS for key, name in column.items()}  # widget -> field


def simulated_series():
    with st.expander(texts.SIMULATION_SETTINGS):
        c1, c2, c3 = st.columns(3)
        fields = {"days": c1, "trend_start": c1, "trend_end": c2, "amplitude": c2, "noise": c3, "seed": c3}
        keys = {"seed": "stock_data_seed"}  # link keys kept from before the knobs
        values = {
            name: ui.knob_widget(SeriesConfig, name, key=keys.get(name, f"stock_{name}"), container=col)
            for name, col in fields.items()
        }
    scfg = SeriesConfig(**values)
    return recipe.LESSON_SERIES if scfg == SeriesConfig() else synthetic(scfg)


def data_part():
    """Section 1: the series (and the jumps cut out of an uploaded one), drawn."""
    st.header("1. 데이터")
    source = st.radio("데이터", texts.SOURCES, horizontal=True, **ui.keep("stock_source"))
    series, cuts = (simulated_series(), ()) if source == texts.SOURCES[0] else (None, ())
    if source == texts.SOURCES[1]:
        series = verdicts.leak_demo_series()
        st.caption(texts.TREND_NOTE)
    elif source == texts.SOURCES[2]:
        series, cuts = uploaded_series(RECIPE_FOR)
    ui.chart(figs.price_series, *chart_arrays(series), cuts, key="stock_series_chart")
    return series


def apply_recipe(cfg: StockConfig) -> None:
    for key, attr in FIELDS.items():
        st.session_state[key] = getattr(cfg, attr)


def recipe_part(series):
    """Section 2: the recipe chosen on the series' validation part, and the presets."""
    st.header("2. 이 데이터에 맞춘 기본값")
    choice = ui.train_cached(
        recipe.RECIPE_STORE, recipe.choose_job, series, label="검증 구간에서 레시피 비교 중"
    )
    if choice.config is None:
        st.error(f"이 데이터로는 학습할 수 없어요: {choice.error}")
        ui.stop()
    st.info(choice.sentence)
    st.caption(texts.glossary(choice.config))  # the recipe's words, defined where a learner first meets them
    if st.session_state.get(RECIPE_FOR, series.name) != series.name:
        apply_recipe(choice.config)  # new data: its own default, before the widgets are drawn
        st.caption("데이터가 바뀌어서 아래 설정을 이 데이터에 고른 기본값으로 바꿨어요.")
    st.session_state[RECIPE_FOR] = series.name
    p1, p2 = st.columns(2)
    p1.button(
        "이 데이터에 고른 기본값", on_click=apply_recipe, args=(choice.config,), key="stock_preset_default"
    )
    p2.button(texts.LESSON_PRESET, on_click=apply_recipe, args=(LESSON_RECIPE,), key="stock_preset_lesson")
    st.caption(texts.PRESET_NOTE)


def form_part(series) -> StockConfig:
    """Section 3: the form, the model it builds, and whether it can train here."""
    st.header("3. 모델과 학습 설정")
    values = {
        name: ui.knob_widget(StockConfig, name, key=key, container=col)
        for col, column in zip(st.columns(3), recipe.FORM_COLUMNS)
        for key, name in column.items()
    }
    window = fit_window(values["window"], values["step_values"])
    if window != values["window"]:
        st.caption(f"창 길이는 한 스텝 날 수({values['step_values']})의 배수여야 해서 {window}일로 맞췄어요.")
    cfg = StockConfig(**(values | {"window": window, "seed": ui.seed()}))
    intro_box.markdown(texts.intro_markdown(cfg.window, cfg.step_values))
    st.markdown(f"**지금 폼의 설정:** {recipe.summary(cfg)}")
    ui.diagram(figs.model_diagram(cfg))
    problem = check_config(cfg, len(series))
    if problem:
        st.error(f"지금 폼의 설정({recipe.summary(cfg)})으로는 학습할 수 없어요. {problem}")
        ui.stop()
    return cfg


def trained(series, cfg):
    """(result, stale): this config's run when cached or clicked, else the last one shown."""
    est = estimate.estimate_seconds(cfg, len(series))
    if est > estimate.MAX_TRAIN_SECONDS:
        st.error(texts.too_slow(est, estimate.MAX_TRAIN_SECONDS))
        ui.stop()
    est = training_queue().under_load(est)  # at the pace runs measure on this server now
    st.caption(texts.estimate_caption(est))
    job = stock.StockJob(series, cfg)
    if job == recipe.DEFAULT_JOB:  # the lesson's default (prewarmed at start-up): shown without a click
        ui.train_cached(stock.STOCK_STORE, stock.run_job, job, label="GRU 학습 중 (기본값)")
    button, label = f"이 설정으로 학습하기 (약 {est:.0f}초)", f"{cfg.cell.upper()} 학습 중"
    result, stale = ui.train_or_last(
        stock.STOCK_STORE, stock.run_job, job, key="stock_train", button=button, label=label
    )
    if result is None:
        ui.stop()
    return result, stale


series = data_part()
recipe_part(series)
result, stale = trained(series, form_part(series))
# What the parts below share, from the result on screen (this run's or, stale, the last one).
rcfg, rseries, m = result.config, result.series, result.metrics
names = texts.forecaster_names(rcfg, verdicts.model_name(result))
rx, prices, _ = chart_arrays(rseries)  # arrays: the chart cache hashes them at once
test_days = result.days[result.test]
test_x = rx[test_days]
label = f"{rcfg.cell.upper()} 예측" if result.kept_epoch else names["model"]


def scores():
    """Every forecaster's test MAE (lower is better), what trained, and one run's numbers in words."""
    for col, (key, vals) in zip(st.columns(len(m)), m.items()):
        delta = {} if key == "model" else texts.metric_delta(vals["mae"], m["model"]["mae"])
        col.metric(f"{names[key]} MAE", f"{vals['mae']:.2f}", help=texts.METRIC_HELP, **delta)
        col.caption(f"RMSE {vals['rmse']:.2f}")
    st.caption(
        texts.CARDS_NOTE + " " + texts.few_days(int(result.test.sum())) + " " + texts.run_caption(result)
    )
    kind, text = verdicts.verdict(result, names)
    getattr(st, kind)(text)
    if "noise_floor" in m:
        floor = m["noise_floor"]["mae"]
        st.info(f"노이즈 바닥 {floor:.2f}: 노이즈 없는 진짜 곡선을 그대로 맞혀도 이만큼 틀려요.")


def noise_check():
    """Predict, then reveal: does the model beat persistence beyond the noise of seeds and days?"""
    st.subheader(texts.SPREAD_TITLE)
    job, guesses = noise.SpreadJob(rseries, rcfg), st.session_state.setdefault("stock_guesses", {})
    st.session_state["stock_guess"] = guesses.get(job, st.session_state.get("stock_guess"))
    options = {
        "format_func": verdicts.GUESSES.get,
        "index": None,
        "horizontal": True,
        "disabled": job in guesses,
    }
    guess = st.radio(
        texts.GUESS_QUESTION, list(verdicts.GUESSES), **options, **ui.keep("stock_guess", url=False)
    )
    if guess is None:
        st.caption(texts.guess_wait(int(result.test.sum())))
        return
    spread, old = ui.train_or_last(
        noise.SPREAD_STORE, noise.run_spread, job, key="stock_spread_train", **texts.SPREAD_TRAIN
    )
    if spread is not None and not old:
        guesses[job] = guess  # committed: the truth is on screen
        st.markdown(verdicts.guess_line(guess, spread.ratio))
        getattr(st, (v := verdicts.spread_verdict(spread))[0])(v[1])


def prediction_results():
    """Section 4: the model against the baselines on the same test days, whether its edge is more
    than noise, then its curves."""
    st.header("4. 결과: 같은 테스트 날짜에서 비교")
    st.markdown(f"**이 결과의 설정:** {recipe.summary(rcfg)}" + (" (이전 설정의 결과)" if stale else ""))
    scores()
    noise_check()
    shown = {key: (names[key], vals) for key, vals in result.baselines.items()}
    split, mae, rmse = rx[result.first_test_day], m["model"]["mae"], m["model"]["rmse"]
    pred = result.pred[result.test]
    args = (rx, prices, test_x, pred, split, mae, rmse)
    ui.chart(prediction_chart, *args, label=label, baselines=shown, key="stock_prediction_chart")
    st.caption(texts.ZOOM_NOTE)
    left, right = st.columns(2)
    curve = (result.train_loss, result.val_loss, rcfg.epochs, result.kept_epoch)
    ui.chart(figs.learning_curve, *curve, key="stock_learning_curve", container=left)
    bars = {names[k]: v["mae"] for k, v in m.items()}
    ui.chart(figs.metric_bars, bars, key="stock_metric_bars", container=right)
    with ui.folded("모델 구조", key="stock_model_open") as shown:
        if shown:
            st.code(result.model_repr, language=None)


def multi_step():
    """Feeding the model its own forecasts: the error k days ahead."""
    st.subheader("며칠 뒤까지 맞힐 수 있을까? (다단계 예측)")
    horizon = st.slider("예측 거리 k (일)", 1, forecast.MAX_HORIZON, 10, **ui.keep("stock_horizon"))
    ms = forecast.multi_step(rseries.values, result, horizon)
    ms_names = {"model": label, "persistence": "어제 값 그대로", "ridge": names["ridge"]}
    errors = {ms_names[k]: ms.mae[k] for k in ms_names}
    ui.chart(figs.horizon_chart, ms.horizons, errors, key="stock_horizon_chart")
    one = ms.mae["model"][0]
    st.caption(forecast.summary(ms) + f" (k=1은 '예측 결과' 탭의 한 걸음 예측과 같아요: {one:.2f})")


def lag_check():
    """Does the model copy yesterday's price? The forecast against past days, and its residuals."""
    st.subheader("어제 값을 베끼는 모델인가?")
    pred = result.pred[result.test]
    forecasts = {label: pred, names["ridge"]: result.baselines["ridge"]}
    forecasts["어제 값 그대로"] = result.baselines["persistence"]
    lags, lag_mae = baselines.lag_profile(prices, test_days, forecasts)
    residuals = {label: pred - result.actual[result.test]}
    ui.chart(figs.lag_view, lags, lag_mae, test_x.tolist(), residuals, key="stock_lag_view")
    st.markdown(texts.LAG_INTRO + verdicts.lag_sentence(lag_mae[label][0], lag_mae[label][1]))


def scaler_leak():
    """The scaler's days, and the same recipe trained with the leak switched the other way."""
    st.subheader("정규화와 데이터 누수")
    st.markdown(texts.scaler_days(result, len(rseries)))
    twin = stock.StockJob(rseries, replace(rcfg, scaler_on_all=not rcfg.scaler_on_all))
    other, _ = ui.train_or_last(
        stock.STOCK_STORE, stock.run_job, twin, key="stock_leak_train", **texts.LEAK_TRAIN
    )
    if other is not None and other.config == twin.cfg:
        st.markdown(verdicts.leak_report(result, other))
        st.caption(texts.LEAK_COMBO)


# The parts, as tabs whose labels are link values: 예측 결과, 다단계 예측, 어제 값 베끼기, 정규화와 누수.
ui.sections("stock_part", dict(zip(texts.PARTS, (prediction_results, multi_step, lag_check, scaler_leak))))
