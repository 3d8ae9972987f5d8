"""2.2 주가 예측: data (the lesson's series or a CSV), the pipeline, the model vs baselines."""

import time

import numpy as np
import streamlit as st

from seqcore import ui
from seqcore.core.registry import RECURRENT_LAYERS
from seqcore.data.series import SeriesConfig
from seqcore.figures import diagrams
from seqcore.figures import stock as figs
from seqcore.stock import pipeline as stock
from seqcore.stock.csvload import load_prices

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("시계열 예측 실습 (주가 예측)")
st.markdown(
    "과거 N일의 주가로 다음 날 주가를 예측하는 **Many-to-One** 모델입니다. "
    "강의의 코드를 그대로 따라가되, 정직한 비교를 위해 세 가지를 더했어요: "
    "**스케일러는 훈련 구간만 보고**, 모델은 **단순한 기준 예측(베이스라인)과 같은 테스트 날짜에서** 겨루고, "
    "합성 데이터에서는 **노이즈 바닥**(정답 곡선을 알아도 피할 수 없는 오차)을 함께 보여 줘요."
)
st.code("입력: [Day1, Day2, ..., Day30] (30일 주가)\n출력: [Day31] (다음 날 예측)", language=None)


@st.cache_data(max_entries=4, show_spinner=False)
def parse_upload(data: bytes, name: str):
    return load_prices(data, name)


@st.cache_resource(max_entries=48, show_spinner=False)
def cached_figure(name: str, key: int, _build):
    """Plotly figures take a while to build: one per (figure, series/job hash), bounded."""
    return _build()


# ------------------------------------------------------------------ 1. data
st.header("1. 데이터")
source = st.radio(
    "데이터", ["시뮬레이션 (강의 데이터)", "내 CSV 업로드"], horizontal=True, key="stock_source"
)
if source.startswith("시뮬레이션"):
    with st.expander("시뮬레이션 설정 (기본값 = 강의 코드: 500일, 100→150, 10·sin, 노이즈 3, 시드 42)"):
        c1, c2, c3 = st.columns(3)
        days = c1.slider("일 수", 200, 2000, 500, step=50, key="stock_days")
        trend_start = c1.slider("추세 시작 가격", 10, 300, 100, key="stock_trend_start")
        trend_end = c2.slider("추세 끝 가격", 10, 300, 150, key="stock_trend_end")
        amplitude = c2.slider("계절성 진폭", 0.0, 50.0, 10.0, step=0.5, key="stock_amplitude")
        noise = c3.slider("노이즈 표준편차", 0.0, 10.0, 3.0, step=0.5, key="stock_noise")
        data_seed = c3.number_input("노이즈 시드", 0, 9999, 42, key="stock_data_seed")
    series = stock.synthetic(
        SeriesConfig(days, float(trend_start), float(trend_end), amplitude, 8.0, noise, int(data_seed))
    )
    st.code(
        f"np.random.seed({data_seed})\ndays = {days}\ntrend = np.linspace({trend_start}, {trend_end}, days)\n"
        f"seasonal = {amplitude} * np.sin(np.linspace(0, 8*np.pi, days))\n"
        f"noise = np.random.randn(days) * {noise}\nstock_price = trend + seasonal + noise",
        language="python",
    )
else:
    st.markdown(
        "날짜 열과 종가 열이 있는 CSV를 올려 주세요. 야후 파이낸스(`Date, ..., Close`)와 "
        "국내 증권사/포털 내보내기(`날짜, 종가`, `1,967.19` 같은 천 단위 쉼표, UTF-8·CP949, 최신순 정렬)를 읽어요. "
        "최대 10 MB, 최근 2000일까지 사용해요."
    )
    upload = st.file_uploader("CSV 파일", type=["csv", "txt"], key="stock_upload")
    if upload is None:
        st.info(
            "파일을 올리면 그 데이터로 같은 실습을 해요. 위에서 '시뮬레이션'을 고르면 강의 데이터로 돌아가요."
        )
        st.stop()
    loaded = parse_upload(upload.getvalue(), upload.name)
    if loaded.error:
        st.error(loaded.error)
        st.stop()
    series = loaded.series
    st.success(
        f"'{upload.name}': {len(series)}일, 가격 열 '{loaded.price_column}'"
        + (f", 날짜 열 '{loaded.date_column}'" if loaded.date_column else "")
    )
    for note in loaded.notes:
        st.caption(f"ℹ️ {note}")

x_axis = list(series.dates) if series.dates else list(range(len(series)))
st.plotly_chart(
    cached_figure("series", hash(series), lambda: figs.price_series(x_axis, series.values, series.clean)),
    key="stock_series_chart",
)

# ------------------------------------------------------------------ 2. model
st.header("2. 모델과 학습 설정")
st.graphviz_chart(diagrams.stock_lstm())
RECIPE_KEYS = {
    "stock_cell": "cell", "stock_layers": "num_layers", "stock_hidden": "hidden_size",
    "stock_dropout": "dropout", "stock_window": "window", "stock_step": "step_values",
    "stock_target": "target", "stock_input_noise": "input_noise", "stock_epochs": "epochs",
    "stock_lr": "lr", "stock_batch": "batch_size",
}  # fmt: skip


def apply_recipe(cfg: stock.StockConfig) -> None:
    for key, attr in RECIPE_KEYS.items():
        st.session_state[key] = getattr(cfg, attr)


p1, p2 = st.columns(2)
p1.button(
    "앱 기본값 (1층 GRU, 120일 창, 빠름)",
    on_click=apply_recipe,
    args=(stock.DEFAULT_RECIPE,),
    key="stock_preset_default",
)
p2.button(
    "강의 레시피 (2층 LSTM(50), 30일 창, 50 에포크)", on_click=apply_recipe, args=(stock.LESSON_RECIPE,),
    key="stock_preset_lesson",
)  # fmt: skip
D = stock.DEFAULT_RECIPE
TARGET_LABELS = {"relative": "창 평균 대비 가격", "price": "가격 그대로 (강의)", "return": "수익률"}
with st.form("stock_form"):
    c1, c2, c3 = st.columns(3)
    cell = c1.selectbox(
        "셀",
        list(RECURRENT_LAYERS),
        index=list(RECURRENT_LAYERS).index(D.cell),
        format_func=str.upper,
        key="stock_cell",
    )
    num_layers = c1.slider("층 수 (num_layers)", 1, 3, D.num_layers, key="stock_layers")
    hidden = c1.slider("은닉 크기 (hidden_size)", 4, 128, D.hidden_size, key="stock_hidden")
    dropout = c1.slider("dropout (층 사이)", 0.0, 0.5, D.dropout, step=0.05, key="stock_dropout")
    window = c2.slider("창 길이 (SEQ_LENGTH, 일)", 10, 180, D.window, step=10, key="stock_window")
    step_values = c2.select_slider(
        "한 스텝에 넣는 날 수", [1, 2, 3, 5, 6, 10, 15, 20, 30], D.step_values, key="stock_step",
        help="강의는 하루씩(1) 넣어 30 스텝을 돌아요. 20이면 120일 창이 6 스텝이 되어 훨씬 빨라요.",
    )  # fmt: skip
    target = c2.radio(
        "예측 대상", list(TARGET_LABELS), index=list(TARGET_LABELS).index(D.target),
        format_func=TARGET_LABELS.get, key="stock_target",
    )  # fmt: skip
    input_noise = c2.slider(
        "입력 노이즈 (학습 때만)", 0.0, 0.2, D.input_noise, step=0.01, key="stock_input_noise"
    )
    epochs = c3.slider("에포크", 5, 200, D.epochs, step=5, key="stock_epochs")
    lr = c3.select_slider("학습률", [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 2e-2, 3e-2], D.lr, key="stock_lr")
    batch = c3.select_slider("배치 크기", [16, 32, 64, 128, 256, 512], D.batch_size, key="stock_batch")
    mean_k = c3.slider("베이스라인: 최근 k일 평균의 k", 2, 30, D.mean_k, key="stock_mean_k")
    leak = st.checkbox(
        "강의처럼 전체 데이터로 MinMaxScaler 학습 (데이터 누수 재현)", value=False, key="stock_leak"
    )
    st.form_submit_button("이 설정으로 학습하기", type="primary", key="stock_train")

fitted_window = stock.fit_window(window, step_values)
if fitted_window != window:
    st.caption(f"창 길이는 한 스텝 날 수({step_values})의 배수여야 해서 {fitted_window}일로 맞췄어요.")
cfg = stock.StockConfig(
    window=fitted_window, step_values=step_values, cell=cell, num_layers=num_layers, hidden_size=hidden,
    dropout=dropout, epochs=epochs, lr=lr, batch_size=batch, input_noise=input_noise, target=target,
    scaler_on_all=leak, mean_k=mean_k, seed=ui.seed(),
)  # fmt: skip
problem = stock.check_config(cfg, len(series))
if problem:
    st.error(problem)
    st.stop()
estimate = stock.estimate_seconds(cfg, len(series))
if estimate > stock.MAX_TRAIN_SECONDS:
    st.error(
        f"이 설정은 학습에 약 {estimate:.0f}초가 걸릴 것으로 예상돼요 (한도 {stock.MAX_TRAIN_SECONDS:.0f}초). "
        "에포크, 은닉 크기, 층 수를 줄이거나 '한 스텝에 넣는 날 수'를 늘려 주세요."
    )
    st.stop()

job = stock.StockJob(series, cfg)
live = st.empty()
losses: list[float] = []
last_draw = [0.0]


def on_epoch(epoch: int, total: int, loss: float) -> None:
    losses.append(loss)
    now = time.perf_counter()
    if now - last_draw[0] > 0.3 or epoch == total:  # redraw at most ~3 times a second
        last_draw[0] = now
        live.plotly_chart(figs.learning_curve(losses, total_epochs=total), key=f"stock_live_{epoch}")


result = ui.train_cached(
    stock.STOCK_STORE, stock.run_job, job, label=f"{cell.upper()} 학습 중", on_epoch=on_epoch
)
live.empty()

# ------------------------------------------------------------------ 3. results
st.header("3. 결과: 같은 테스트 날짜에서 비교")
test_days = result.days[result.test]
m = result.metrics
k_name = f"mean{cfg.mean_k}"
names = {
    "model": f"{cell.upper()} 모델",
    "persistence": "어제 값 그대로",
    k_name: f"최근 {cfg.mean_k}일 평균",
    "ridge": f"릿지 ({cfg.window}일 창)",
    "noise_floor": "노이즈 바닥",
}
cols = st.columns(len(m))
for col, (key, vals) in zip(cols, m.items()):
    delta = None if key == "model" else f"{vals['mae'] - m['model']['mae']:+.2f} (모델 대비)"
    col.metric(f"{names[key]} MAE", f"{vals['mae']:.2f}", delta=delta, delta_color="off")
    col.caption(f"RMSE {vals['rmse']:.2f}")
st.caption(
    f"테스트 = 마지막 {int(result.test.sum())}일 (가격 단위). 학습 {result.seconds:.2f}초, "
    f"파라미터 {result.n_params:,}개. 릿지의 alpha={result.ridge_alpha:.3g}는 훈련 구간 안의 검증 블록으로 골랐어요."
)
best_base = min((k for k in m if k not in ("model", "noise_floor")), key=lambda k: m[k]["mae"])
if m["model"]["mae"] <= m[best_base]["mae"]:
    st.success(f"모델이 가장 좋은 베이스라인({names[best_base]}, MAE {m[best_base]['mae']:.2f})보다 좋아요.")
else:
    st.warning(
        f"모델(MAE {m['model']['mae']:.2f})이 {names[best_base]}(MAE {m[best_base]['mae']:.2f})보다 못해요. "
        "복잡한 모델이 늘 이기지는 않아요. 베이스라인과 비교하지 않으면 알 수 없는 사실입니다."
    )
if "noise_floor" in m:
    st.info(
        f"노이즈 바닥 {m['noise_floor']['mae']:.2f}: 노이즈 없는 진짜 곡선을 그대로 맞혀도 이만큼 틀려요. "
        "매일의 노이즈는 예측할 수 없으니, 이보다 확실히 낮은 MAE는 기대할 수 없습니다."
    )

label = f"{cell.upper()} 예측"
split_x = x_axis[result.first_test_day]
test_x = [x_axis[d] for d in test_days]
baseline_lines = {key: (names[key], vals) for key, vals in result.baselines.items()}
st.plotly_chart(
    cached_figure("prediction", hash(job), lambda: figs.prediction_chart(
        x_axis, series.values, test_x, result.pred[result.test], split_x,
        m["model"]["mae"], m["model"]["rmse"], label=label, baselines=baseline_lines,
    )),
    key="stock_prediction_chart",
)  # fmt: skip
st.caption("범례에서 베이스라인을 눌러 켜고 끌 수 있어요.")

left, right = st.columns(2)
with left:
    st.plotly_chart(
        cached_figure(
            "curve", hash(job), lambda: figs.learning_curve(result.train_loss, result.val_loss, cfg.epochs)
        ),
        key="stock_learning_curve",
    )
with right:
    st.plotly_chart(
        cached_figure(
            "bars", hash(job), lambda: figs.metric_bars({names[k]: v["mae"] for k, v in m.items()})
        ),
        key="stock_metric_bars",
    )

st.subheader("어제 값을 베끼는 모델인가?")
prices = np.asarray(series.values)
forecasts = {
    label: result.pred[result.test],
    names["ridge"]: result.baselines["ridge"],
    "어제 값 그대로": result.baselines["persistence"],
}
lags, lag_mae = stock.lag_profile(prices, test_days, forecasts)
residuals = {label: result.pred[result.test] - result.actual[result.test]}
st.plotly_chart(
    cached_figure("lag", hash(job), lambda: figs.lag_view(lags, lag_mae, test_x, residuals)),
    key="stock_lag_view",
)
today, yesterday = lag_mae[label][0], lag_mae[label][1]
st.markdown(
    "왼쪽은 오늘에 대한 예측을 **며칠 전 실제값**과 비교한 오차예요. 어제 값을 베끼는 예측은 "
    "'1일 전'에서 오차가 0이 되죠. 좋은 예측은 '0일 전'(오늘의 실제값)에서 오차가 가장 작아야 합니다. "
    + (
        f"지금 모델은 오늘보다 **어제** 값에 더 가까워요 (MAE {yesterday:.2f} < {today:.2f}): "
        "예측이 실제를 한 박자 늦게 따라가는 경향이 있어요."
        if yesterday < today
        else f"지금 모델은 어제 값보다 **오늘** 값에 더 가까워요 (MAE {today:.2f} < {yesterday:.2f}): "
        "어제 값을 베끼기만 하는 모델은 아니에요."
    )
)

st.subheader("정규화와 데이터 누수")
st.markdown(
    f"이번 실행의 MinMaxScaler는 **{result.scaler_days}일**을 보고 학습했어요 "
    f"(전체 {len(series)}일, 테스트는 {result.first_test_day}번째 날부터). "
    "강의 코드는 `scaler.fit_transform(stock_price)`로 **테스트 구간까지** 보고 최솟값과 최댓값을 정해요. "
    "그러면 '미래 가격의 범위'라는 정보가 훈련에 새어 들어가요(데이터 누수). 실제로는 미래를 모르니, "
    "스케일러는 훈련 구간으로만 학습해야 합니다. 위의 체크박스로 두 방식을 비교해 보세요."
)
if cfg.target == "return":
    st.caption(
        "'수익률' 모드에서는 MinMaxScaler 대신 수익률을 표준편차로 나눠요. 이 표준편차도 같은 규칙을 따라 "
        "훈련 구간에서만 구해요 (체크박스를 켜면 전체 구간)."
    )
if cfg.target == "price" and not cfg.scaler_on_all:
    st.caption(
        "테스트 가격이 훈련 구간의 최댓값을 넘으면 스케일된 값이 1보다 커져요. '가격 그대로' 예측은 "
        "이런 값을 본 적이 없어 약해집니다. '창 평균 대비 가격'은 창마다 평균을 빼서 이 문제를 피해요."
    )

with st.expander("모델 구조와 강의 코드"):
    st.code(result.model_repr, language=None)
    st.code(
        """class StockPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=50, num_layers=2):
        super().__init__()
        self.lstm = nn.LSTM(input_size=input_size, hidden_size=hidden_size,
                            num_layers=num_layers, batch_first=True, dropout=0.2)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        # x: (batch, seq_len, input_size)
        lstm_out, (h_n, c_n) = self.lstm(x)
        out = self.fc(lstm_out[:, -1, :])  # 마지막 시점의 출력 사용
        return out""",
        language="python",
    )
    steps = cfg.window // cfg.step_values
    st.markdown(
        f"- 입력 텐서: `(batch, {steps}, {cfg.step_values})` = 창 {cfg.window}일을 "
        f"{cfg.step_values}일씩 묶어 {steps} 스텝으로 넣어요 (강의: `(batch, 30, 1)`).\n"
        f"- 훈련 {int(result.train.sum())}개, 검증 {int(result.val.sum())}개 (훈련 구간의 마지막 부분), "
        f"테스트 {int(result.test.sum())}개 창."
    )
