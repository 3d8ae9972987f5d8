"""1.3 기울기 소실: the lesson's simulation, real per-step gradients, long dependency, clipping."""

import streamlit as st

from seqcore import ui
from seqcore.basics import gradients, longdep
from seqcore.core.registry import DISPLAY_NAMES
from seqcore.figures import basics as fb

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("1.3 기울기 소실 문제 (Vanishing Gradient)")

st.header("왜 발생하는가?")
st.markdown("RNN에서 역전파 시 같은 가중치 행렬이 반복적으로 곱해집니다.")
st.latex(
    r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial h_T}\cdot\frac{\partial h_T}{\partial h_{T-1}}"
    r"\cdots\frac{\partial h_2}{\partial h_1}\cdot\frac{\partial h_1}{\partial W}"
)
st.markdown(
    "- tanh의 미분값 범위: (0, 1]\n"
    "- 긴 시퀀스에서 미분값이 계속 곱해짐 → 0에 수렴\n"
    "- 결과: 앞쪽 시점의 정보가 학습되지 않음"
)

st.header("기울기 소실 시뮬레이션")
st.markdown(
    "강의의 `simulate_gradient_flow`예요. 한 시점 거슬러 올라갈 때마다 그래디언트에 같은 배수를 곱합니다. "
    "**시뮬레이션**이라서 실제 모델은 없어요. 배수를 1보다 크게 하면 반대로 **폭발**합니다."
)
cols = st.columns([2, 3, 1.3])
multiplier = cols[0].slider(
    "배수 (gradient_multiplier)", 0.1, 1.5, 0.7, step=0.05, key="vanishing_gradient_mult"
)
lengths = cols[1].multiselect(
    "시퀀스 길이",
    [5, 10, 30, 50, 100, 150, 200],
    default=[10, 30, 50, 100],
    key="vanishing_gradient_sim_lengths",
)
log_y = cols[2].toggle("로그 축", value=True, key="vanishing_gradient_log")
if not lengths:
    st.info("시퀀스 길이를 하나 이상 골라 주세요.")
else:
    sim = {f"seq={n}": gradients.simulate_gradient_flow(n, multiplier) for n in sorted(lengths)}
    st.plotly_chart(fb.gradient_simulation(sim, log_y, multiplier), key="vanishing_gradient_sim_chart")
    st.code(
        "\n".join(
            f"시퀀스 길이 {n:3d}: 첫 시점 그래디언트 = {sim[f'seq={n}'][0]:.2e}" for n in sorted(lengths)
        ),
        language=None,
    )

st.header("실제 모델의 그래디언트")
st.markdown(
    "이번에는 진짜 `nn.RNN`, `nn.LSTM`, `nn.GRU`(같은 은닉 크기, 같은 입력)로 계산합니다. "
    "**마지막 시점의 은닉 상태만 보는 손실** L을 만들고 `backward()`한 뒤, 각 시점 입력 x_t가 받은 "
    "그래디언트 크기 ‖∂L/∂x_t‖를 그려요. 왼쪽(앞쪽 시점)으로 갈수록 작아지면 기울기 소실입니다. "
    "`가중치 배율`은 순환 가중치 W_hh에 곱하는 값이에요."
)
cols = st.columns(3)
g_len = cols[0].slider("시퀀스 길이", 10, 300, 100, step=10, key="vanishing_gradient_len")
g_hidden = cols[1].select_slider(
    "은닉 크기", [4, 8, 16, 32, 64, 128], value=32, key="vanishing_gradient_hidden"
)
g_scale = cols[2].slider(
    "가중치 배율 (W_hh × 배율)", 0.25, 5.0, 1.0, step=0.25, key="vanishing_gradient_scale"
)


@st.cache_data(max_entries=32, show_spinner=False)
def _norms(seq_len: int, hidden: int, scale: float, seed: int) -> dict[str, list[float]]:
    return gradients.gradient_norms_by_model(seq_len, hidden, scale, seed)


norms = _norms(g_len, g_hidden, g_scale, ui.seed())
st.plotly_chart(fb.gradient_norms(norms), key="vanishing_gradient_norms_chart")
cols = st.columns(3)
for col, (kind, values) in zip(cols, norms.items()):
    col.metric(
        f"{DISPLAY_NAMES[kind]}: 첫 시점 / 마지막 시점", f"{gradients.first_to_last_ratio(values):.1e}"
    )
st.caption(
    "학습 전 초기 가중치에서 계산한 값이에요. 기본 설정에서는 세 모델 모두 앞쪽으로 갈수록 작아지지만, "
    "RNN이 가장 가파르게 줄어요. 배율을 3~4 이상으로 올리면 RNN의 그래디언트는 오히려 앞쪽에서 폭발합니다."
)

st.header("장기 의존성 문제 (Long-term Dependency)")
st.markdown(
    "기울기 소실의 결과: 앞쪽의 중요한 정보가 뒤쪽으로 전달되지 않아요.\n\n"
    '> 예시: "나는 프랑스에서 태어났고, ... (많은 문장들) ..., 그래서 [?]어를 잘한다."\n\n'
    "직접 실험해 봐요. 각 시퀀스의 **첫 번째 값**(+1 또는 −1)이 정답을 정하고, 나머지는 전부 잡음입니다 "
    "(표준편차 3). 두 번째 특징은 '첫 시점' 표시예요. 시퀀스 길이마다 RNN, LSTM, GRU를 새로 학습하고 "
    "따로 뽑은 테스트 데이터에서 정확도를 잽니다. 50%는 찍기 수준이에요."
)
cols = st.columns([2, 1, 1, 1])
d_lengths = cols[0].multiselect(
    "시퀀스 길이 (최대 6개)", [2, 5, 10, 15, 20, 30, 40, 60], default=[5, 10, 20, 30],
    max_selections=longdep.MAX_LENGTHS, key="vanishing_gradient_dep_lengths",
)  # fmt: skip
d_epochs = cols[1].slider("에포크", 20, 120, 80, step=10, key="vanishing_gradient_dep_epochs")
d_hidden = cols[2].select_slider("은닉 크기", [8, 16, 32], value=16, key="vanishing_gradient_dep_hidden")
d_bias = cols[3].select_slider(
    "게이트 편향 초기화", [0.0, 1.0, 2.0], value=2.0, key="vanishing_gradient_dep_bias",
    help="LSTM 망각 게이트와 GRU 업데이트 게이트의 편향에 더하는 값이에요. 0이면 PyTorch 기본 초기화입니다.",
)  # fmt: skip
st.markdown(
    "**게이트 편향 초기화**는 LSTM의 망각 게이트(GRU는 업데이트 게이트)가 처음부터 '기억 유지' 쪽으로 "
    "열려 있게 하는 설정이에요. Keras의 LSTM은 망각 게이트 편향에 기본으로 1을 더합니다. "
    "0(PyTorch 기본값)으로 바꾸면 같은 에포크 안에서는 LSTM과 GRU도 길이 20에서 실패하기도 해요. "
    "게이트는 기억할 **수단**을 줄 뿐, 그 수단을 쓰는 법은 학습해야 하기 때문입니다.\n\n"
    "기본 설정에서는 보통 RNN이 길이 20부터 찍기 수준으로 떨어지고, LSTM과 GRU는 길이 30까지 거의 다 맞혀요. "
    "버튼을 눌러 직접 확인해 보세요."
)
if not d_lengths:
    st.info("시퀀스 길이를 하나 이상 골라 주세요.")
else:
    dep_cfg = longdep.DependencyConfig(
        lengths=tuple(sorted(d_lengths)),
        epochs=d_epochs,
        hidden_size=d_hidden,
        gate_bias=d_bias,
        seed=ui.seed(),
    )
    run = st.button("실험 실행", key="vanishing_gradient_dep_run", type="primary")
    if run or ui.is_cached(longdep.LONGDEP_STORE, dep_cfg):
        res = ui.train_cached(
            longdep.LONGDEP_STORE,
            longdep.run_dependency_experiment,
            dep_cfg,
            label="RNN · LSTM · GRU 학습 중",
        )
        st.plotly_chart(fb.dependency_accuracy(res.lengths, res.accuracy), key="vanishing_gradient_dep_chart")
        st.dataframe(longdep.result_rows(res), hide_index=True)
        st.markdown("**이번 실행 결과**\n\n" + longdep.summary(res))
        st.caption(
            f"학습 {len(res.lengths) * len(dep_cfg.kinds)}번, 전체 {res.seconds:.1f}초 (학습 시퀀스 {dep_cfg.n_train}개, 전체 배치 Adam, lr {dep_cfg.lr})."
        )
    else:
        st.caption(
            f"버튼을 누르면 {len(d_lengths) * 3}개 모델을 학습해요. 기본 설정은 보통 15초 안에 끝나고, 결과는 저장돼요."
        )

st.header("기울기 폭발과 Gradient Clipping")
st.markdown(
    "반대로 W_hh가 크면 그래디언트가 시점마다 커져 **폭발**해요. 학습이 한 번에 크게 튀어 손실이 발산합니다. "
    "`torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)`은 전체 그래디언트 노름이 max_norm을 넘으면 "
    "그 길이로 줄여 줘요. 같은 초기 가중치의 RNN을 클리핑 없이, 그리고 클리핑하여 SGD로 학습해 비교합니다."
)
cols = st.columns(4)
c_scale = cols[0].slider("가중치 배율", 1.0, 6.0, 4.0, step=0.5, key="vanishing_gradient_clip_scale")
c_norm = cols[1].select_slider(
    "max_norm", [0.1, 0.5, 1.0, 2.0, 5.0, 10.0], value=1.0, key="vanishing_gradient_clip_norm"
)
c_steps = cols[2].slider("학습 스텝", 20, 100, 60, step=10, key="vanishing_gradient_clip_steps")
c_len = cols[3].slider("시퀀스 길이", 10, 100, 50, step=10, key="vanishing_gradient_clip_len")
clip_cfg = gradients.ClipConfig(
    seq_len=c_len, weight_scale=c_scale, steps=c_steps, max_norm=c_norm, seed=ui.seed()
)
if st.button("클리핑 비교 실행", key="vanishing_gradient_clip_run") or ui.is_cached(
    gradients.CLIPPING_STORE, clip_cfg
):
    runs = ui.train_cached(
        gradients.CLIPPING_STORE, gradients.clipping_experiment, clip_cfg, label="클리핑 비교 학습 중"
    )
    st.plotly_chart(
        fb.clipping_runs(gradients.clipping_series(runs), c_norm), key="vanishing_gradient_clip_chart"
    )
    st.markdown(gradients.clipping_summary(runs, c_norm))
ui.page_link("pages/lstm.py", "다음: LSTM이 이 문제를 푸는 방법 →")
