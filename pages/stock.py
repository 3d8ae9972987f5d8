"""2.2 주가 예측: data (the lesson's series or a CSV), a recipe chosen on its validation part,
the model against baselines, multi-step forecasts, the lag and leak checks."""

from dataclasses import replace

import numpy as np
import streamlit as st

from seqcore import ui
from seqcore.data.series import SeriesConfig
from seqcore.figures import stock as figs
from seqcore.stock import checks, estimate, forecast, recipe, verdicts
from seqcore.stock import pipeline as stock
from seqcore.stock.csvload import ACCEPTED_TYPES, MAX_DAYS, MAX_UPLOAD_MB, load_prices

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first
st.title("시계열 예측 실습 (주가 예측)")
st.markdown(verdicts.PAGE_INTRO)
intro_box = st.empty()  # the window in use is known only after the form
SOURCES = ["시뮬레이션 (강의 데이터)", "강한 추세 (누수 실험용)", "내 CSV 업로드"]
RECIPE_FOR = "stock_recipe_for"  # the data (series name) the form's settings were last set for


def intro_markdown(window: int, step_values: int) -> str:
    """verdicts.intro as a quote, labels in bold (Markdown: a code block would load a highlighter)."""
    return "  \n".join(
        f"> **{head}:** {checks.plain(text)}" for head, text in verdicts.intro(window, step_values)
    )


def uploaded_series():
    st.markdown(verdicts.upload_help(ACCEPTED_TYPES, MAX_UPLOAD_MB, MAX_DAYS))
    upload = st.file_uploader("CSV 또는 엑셀 파일", type=list(ACCEPTED_TYPES), key="stock_upload")
    if upload is not None:
        st.session_state["stock_loaded"] = (upload.name, load_prices(upload.getvalue(), upload.name))
    if "stock_loaded" not in st.session_state:
        st.session_state.setdefault(RECIPE_FOR, None)  # the form is set for no data: a file is new data
        st.info(
            "파일을 올리면 그 데이터로 같은 실습을 해요. 위에서 '시뮬레이션'을 고르면 강의 데이터로 돌아가요."
        )
        ui.stop()
    name, loaded = st.session_state["stock_loaded"]
    short = recipe.too_short(loaded.series) if not loaded.error else None
    if loaded.error or short:
        st.error(checks.plain(loaded.error) if loaded.error else short)  # a file's column names: plain
        ui.stop()
    if upload is None:
        st.caption(f"이전에 올린 파일 {checks.plain(checks.quoted(name))} 계속 사용해요.")
    st.success(
        checks.plain(f"'{name}': {len(loaded.series)}일, 가격 열 '{loaded.price_column}'")
        + (checks.plain(f", 날짜 열 '{loaded.date_column}'") if loaded.date_column else "")
    )
    for note in loaded.notes:
        st.caption("ℹ️ " + checks.plain(note))
    if not loaded.jumps:
        return loaded.series, ()
    choice = st.radio(
        "급변 처리", list(checks.JUMP_CHOICES), format_func=checks.JUMP_CHOICES.get, **ui.keep("stock_jump")
    )
    series, note = checks.apply_jump_choice(loaded.series, loaded.jumps, choice)
    if series is None:
        st.error(note)
        ui.stop()
    st.caption("✂️ " + note)
    dates = loaded.series.dates
    cuts = [dates[j.index] if dates else j.index for j in loaded.jumps] if choice == "adjust" else ()
    return series, cuts


st.header("1. 데이터")
source = st.radio("데이터", SOURCES, horizontal=True, **ui.keep("stock_source"))
cuts = ()
if source == SOURCES[0]:
    with st.expander("시뮬레이션 설정 (기본값 = 강의 코드: 500일, 100→150, 10·sin, 노이즈 3, 시드 42)"):
        c1, c2, c3 = st.columns(3)
        fields = {"days": c1, "trend_start": c1, "trend_end": c2, "amplitude": c2, "noise": c3, "seed": c3}
        keys = {"seed": "stock_data_seed"}  # link keys kept from before the knobs
        values = {
            name: ui.knob_widget(SeriesConfig, name, key=keys.get(name, f"stock_{name}"), container=col)
            for name, col in fields.items()
        }
    scfg = SeriesConfig(**values)
    series = recipe.LESSON_SERIES if scfg == SeriesConfig() else stock.synthetic(scfg)
elif source == SOURCES[1]:
    series = verdicts.leak_demo_series()
    st.caption("추세가 100에서 400까지 올라 테스트 구간이 훈련 구간의 가격 범위를 크게 벗어나는 시리즈예요.")
else:
    series, cuts = uploaded_series()
x_axis = list(series.dates) if series.dates else list(range(len(series)))
ui.chart(figs.price_series, x_axis, series.values, series.clean, cuts, key="stock_series_chart")

st.header("2. 이 데이터에 맞춘 기본값")
choice = ui.train_cached(recipe.RECIPE_STORE, recipe.choose_job, series, label="검증 구간에서 레시피 비교 중")
if choice.config is None:
    st.error(f"이 데이터로는 학습할 수 없어요: {choice.error}")
    ui.stop()
st.info(choice.sentence)
FIELDS = {key: name for column in recipe.FORM_COLUMNS for key, name in column}  # widget key -> config field


def apply_recipe(cfg: stock.StockConfig) -> None:
    for key, attr in FIELDS.items():
        st.session_state[key] = getattr(cfg, attr)


if st.session_state.get(RECIPE_FOR, series.name) != series.name:
    apply_recipe(choice.config)  # new data: its own default, before the widgets are drawn
    st.caption("데이터가 바뀌어서 아래 설정을 이 데이터에 고른 기본값으로 바꿨어요.")
st.session_state[RECIPE_FOR] = series.name
p1, p2 = st.columns(2)
p1.button("이 데이터에 고른 기본값", on_click=apply_recipe, args=(choice.config,), key="stock_preset_default")
p2.button("강의 레시피 (2층 LSTM(50), 30일 창, 50 에포크)", on_click=apply_recipe, args=(stock.LESSON_RECIPE,),
          key="stock_preset_lesson")  # fmt: skip
st.caption(
    "프리셋 버튼은 설정만 바꿔요. 학습은 아래 버튼을 눌렀을 때, 버튼 바로 아래에서 진행 상황과 함께 해요."
)

st.header("3. 모델과 학습 설정")
values = {
    name: ui.knob_widget(stock.StockConfig, name, key=key, container=col)
    for col, column in zip(st.columns(3), recipe.FORM_COLUMNS)
    for key, name in column
}
window = stock.fit_window(values["window"], values["step_values"])
if window != values["window"]:
    st.caption(f"창 길이는 한 스텝 날 수({values['step_values']})의 배수여야 해서 {window}일로 맞췄어요.")
cfg = stock.StockConfig(**(values | {"window": window, "seed": ui.seed()}))
intro_box.markdown(intro_markdown(cfg.window, cfg.step_values))
st.markdown(f"**지금 폼의 설정:** {recipe.summary(cfg)}")
ui.diagram(figs.model_diagram(cfg))
problem = stock.check_config(cfg, len(series))
if problem:
    st.error(f"지금 폼의 설정({recipe.summary(cfg)})으로는 학습할 수 없어요. {problem}")
    ui.stop()
est = estimate.estimate_seconds(cfg, len(series))
if est > estimate.MAX_TRAIN_SECONDS:
    st.error(
        f"지금 폼의 설정은 학습에 약 {est:.0f}초가 걸릴 것으로 예상돼요 (한도 {estimate.MAX_TRAIN_SECONDS:.0f}초). "
        "에포크, 은닉 크기, 층 수를 줄이거나 '한 스텝에 넣는 날 수'를 늘려 주세요."
    )
    ui.stop()
st.caption(f"예상 학습 시간: 약 {est:.1f}초 (최대 에포크 기준, 이 서버에서 잰 실행으로 보정한 추정이에요)")
job = stock.StockJob(series, cfg)
if job == recipe.DEFAULT_JOB:  # the lesson's default (prewarmed at start-up): shown without a click
    ui.train_cached(stock.STOCK_STORE, stock.run_job, job, label="GRU 학습 중 (기본값)")
result, stale = ui.train_or_last(
    stock.STOCK_STORE, stock.run_job, job, key="stock_train",
    button=f"이 설정으로 학습하기 (약 {est:.1f}초)", label=f"{cfg.cell.upper()} 학습 중 (약 {est:.1f}초)",
)  # fmt: skip
if result is None:
    ui.stop()

# What the parts below share, from the result on screen (this run's or, stale, the last one).
rcfg, rseries = result.config, result.series
m = result.metrics
names = {"model": f"{rcfg.cell.upper()} 모델", "persistence": "어제 값 그대로", f"mean{rcfg.mean_k}": f"최근 {rcfg.mean_k}일 평균",
         "ridge": f"릿지 ({rcfg.window}일 창)", "noise_floor": "노이즈 바닥"}  # fmt: skip
rx = list(rseries.dates) if rseries.dates else list(range(len(rseries)))
test_days = result.days[result.test]
test_x = [rx[d] for d in test_days]
label = f"{rcfg.cell.upper()} 예측"


def prediction_results():
    """Section 4: the model against the baselines on the same test days, then its curves."""
    st.header("4. 결과: 같은 테스트 날짜에서 비교")
    st.markdown(f"**이 결과의 설정:** {recipe.summary(rcfg)}" + (" (이전 설정의 결과)" if stale else ""))
    for col, (key, vals) in zip(st.columns(len(m)), m.items()):
        delta = None if key == "model" else f"{vals['mae'] - m['model']['mae']:+.2f} (모델 대비)"
        col.metric(f"{names[key]} MAE", f"{vals['mae']:.2f}", delta=delta, delta_color="off")
        col.caption(f"RMSE {vals['rmse']:.2f}")
    st.caption(
        f"테스트 = 마지막 {int(result.test.sum())}일 (가격 단위). 학습 {result.seconds:.2f}초 · {result.device}, "
        f"{len(result.train_loss)} 에포크 (가중치는 {result.best_epoch} 에포크의 것), 파라미터 {result.n_params:,}개. "
        f"릿지의 alpha={result.ridge_alpha:.3g}는 훈련 구간 안의 검증 블록으로 골랐어요."
    )
    kind, text = verdicts.verdict(result, names)
    getattr(st, kind)(text)
    if "noise_floor" in m:
        st.info(
            f"노이즈 바닥 {m['noise_floor']['mae']:.2f}: 노이즈 없는 진짜 곡선을 그대로 맞혀도 이만큼 틀려요."
        )
    baselines = {key: (names[key], vals) for key, vals in result.baselines.items()}
    ui.chart(figs.prediction_chart, rx, rseries.values, test_x, result.pred[result.test], rx[result.first_test_day],
             m["model"]["mae"], m["model"]["rmse"], label=label, baselines=baselines, key="stock_prediction_chart")  # fmt: skip
    st.caption("아래 패널은 테스트 구간만 확대한 것이에요. 베이스라인은 꺼진 채 시작해요: 범례에서 이름을 누르면 켜지고, 다시 누르면 꺼져요.")  # fmt: skip
    left, right = st.columns(2)
    ui.chart(figs.learning_curve, result.train_loss, result.val_loss, rcfg.epochs, key="stock_learning_curve", container=left)  # fmt: skip
    ui.chart(figs.metric_bars, {names[k]: v["mae"] for k, v in m.items()}, key="stock_metric_bars", container=right)  # fmt: skip
    with ui.folded("모델 구조", key="stock_model_open") as shown:
        if shown:
            st.code(result.model_repr, language=None)


def multi_step():
    """Feeding the model its own forecasts: the error k days ahead."""
    st.subheader("며칠 뒤까지 맞힐 수 있을까? (다단계 예측)")
    horizon = st.slider("예측 거리 k (일)", 1, forecast.MAX_HORIZON, 10, **ui.keep("stock_horizon"))
    ms = forecast.multi_step(rseries.values, result, horizon)
    ms_names = {"model": label, "persistence": "어제 값 그대로", "ridge": names["ridge"]}
    ui.chart(
        figs.horizon_chart, ms.horizons, {ms_names[k]: ms.mae[k] for k in ms_names}, key="stock_horizon_chart"
    )
    st.caption(
        forecast.summary(ms) + f" (k=1은 '예측 결과' 탭의 한 걸음 예측과 같아요: {ms.mae['model'][0]:.2f})"
    )


def lag_check():
    """Does the model copy yesterday's price? The forecast against past days, and its residuals."""
    st.subheader("어제 값을 베끼는 모델인가?")
    prices = np.asarray(rseries.values)
    forecasts = {label: result.pred[result.test], names["ridge"]: result.baselines["ridge"],
                 "어제 값 그대로": result.baselines["persistence"]}  # fmt: skip
    lags, lag_mae = stock.lag_profile(prices, test_days, forecasts)
    residuals = {label: result.pred[result.test] - result.actual[result.test]}
    ui.chart(figs.lag_view, lags, lag_mae, test_x, residuals, key="stock_lag_view")
    st.markdown(
        "왼쪽은 오늘에 대한 예측을 **며칠 전 실제값**과 비교한 오차예요. 어제 값을 베끼는 예측은 '1일 전'에서 오차가 "
        "0이 되죠. " + verdicts.lag_sentence(lag_mae[label][0], lag_mae[label][1])
    )


def scaler_leak():
    """The scaler's days, and the same recipe trained with the leak switched the other way."""
    st.subheader("정규화와 데이터 누수")
    st.markdown(
        f"이번 실행의 스케일러는 **{result.scaler_days}일**을 보고 학습했어요 (전체 {len(rseries)}일). 강의 코드는 "
        "`scaler.fit_transform(stock_price)`로 **테스트 구간까지** 보고 최솟값과 최댓값을 정해요(데이터 누수)."
    )
    twin = stock.StockJob(rseries, replace(rcfg, scaler_on_all=not rcfg.scaler_on_all))
    other, _ = ui.train_or_last(stock.STOCK_STORE, stock.run_job, twin, key="stock_leak_train",
                                button="누수를 켠/끈 같은 설정도 학습해 효과 재기", idle="버튼을 누르면 같은 설정을 반대 방식으로 학습해 비교해요.")  # fmt: skip
    if other is not None and other.config == twin.cfg:
        st.markdown(verdicts.leak_report(result, other))
        st.caption(
            "누수가 드러나는 조합: '강한 추세 (누수 실험용)' 데이터 + 강의 레시피(가격 타깃). 테스트 가격이 훈련 범위를 "
            "벗어나서, 스케일러가 미래의 범위를 미리 보면 점수가 달라져요."
        )


ui.sections(
    "stock_part",
    {
        "예측 결과": prediction_results,
        "다단계 예측": multi_step,
        "어제 값 베끼기": lag_check,
        "정규화와 누수": scaler_leak,
    },
)
