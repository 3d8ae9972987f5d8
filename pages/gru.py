"""1.5 GRU: equations, nn.GRU shapes, an exact scratch cell, parameter counts, the live comparison."""

import streamlit as st

from seqcore import ui
from seqcore.basics import compare, gates, params
from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.figures import diagrams
from seqcore.figures import gates as fg

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first


@st.cache_data(max_entries=16, show_spinner=False)
def param_rows(input_size: int, hidden_size: int, num_layers: int) -> list[params.ParamRow]:
    return params.compare_params(input_size, hidden_size, num_layers)


st.title("1.5 GRU (Gated Recurrent Unit)")
st.markdown(
    "GRU는 LSTM의 간소화 버전입니다. LSTM의 3개 게이트를 2개로 줄이고, 셀 상태 없이 은닉 상태만 사용해요."
)

st.header("GRU의 2가지 게이트")
st.graphviz_chart(diagrams.gru_cell())
left, right = st.columns(2)
with left:
    st.markdown("**1. 리셋 게이트 (Reset Gate)**: 이전 정보를 얼마나 무시할지")
    st.latex(r"r_t = \sigma(W_r \cdot [h_{t-1}, x_t] + b_r)")
    st.markdown("**2. 업데이트 게이트 (Update Gate)**: 새 정보와 이전 정보의 비율")
    st.latex(r"z_t = \sigma(W_z \cdot [h_{t-1}, x_t] + b_z)")
with right:
    st.markdown("**은닉 상태 업데이트 (강의의 표기)**")
    st.latex(r"\tilde{h}_t = \tanh(W_h \cdot [r_t \odot h_{t-1}, x_t] + b_h)")
    st.latex(r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t")
st.markdown("**PyTorch `nn.GRU`의 표기** (n이 후보 h̃)")
st.latex(r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))")
st.latex(r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}")
st.info(
    "**z의 뜻이 서로 반대예요.** 강의 식에서 z는 '새 정보(h̃)를 얼마나 받을지'이고, "
    "PyTorch에서 z는 '이전 상태를 얼마나 남길지'입니다. 같은 셀이고, z 자리에 1 − z를 넣으면 두 식이 같아져요. "
    "또 PyTorch는 리셋 게이트를 h에 곱하기 전이 아니라 W_hn h + b_hn에 곱해요."
)

st.header("PyTorch nn.GRU 사용법")
cols = st.columns(4)
batch = cols[0].slider("batch", 1, 8, 2, key="gru_batch")
seq_len = cols[1].slider("seq_len", 1, 50, 5, key="gru_seq_len")
input_size = cols[2].slider("input_size", 1, 64, 10, key="gru_input")
hidden = cols[3].slider("hidden_size", 1, 64, 20, key="gru_hidden")
report = explore_shapes(ShapeConfig("gru", batch, seq_len, input_size, hidden), seed=ui.seed())
st.code(
    f"gru = nn.GRU(input_size={input_size}, hidden_size={hidden}, num_layers=1, batch_first=True)\n"
    f"x = torch.randn{report.input_shape}\n"
    "outputs, h_n = gru(x)  # GRU는 hidden state만!",
    language="python",
)
st.code(
    f"GRU 출력:\n  outputs: torch.Size({list(report.outputs_shape)})\n"
    f"  h_n: torch.Size({list(report.h_n_shape)})  # cell state 없음!",
    language=None,
)
ui.shape_checks(report)

st.header("밑바닥부터 만든 GRU 셀")
check = gates.scratch_check("gru", batch, seq_len, input_size, hidden, seed=ui.seed())
st.markdown(
    f"`nn.GRU`는 세 블록을 **{', '.join(check.block_names)}** 순서로 쌓아요 "
    f"(n이 후보 h̃예요). 그래서 `weight_ih_l0`의 모양은 {check.weight_shapes['weight_ih_l0']} = (3 × hidden, input)입니다. "
    "세 조각으로 잘라 식의 이름을 붙인 셀에 넣고 같은 입력과 무작위 h0를 흘려 봅니다."
)
st.code(
    f"torch.allclose(outputs, scratch_outputs)  # {check.outputs_close}\n"
    f"torch.allclose(h_n[0], scratch_h)         # {check.h_close}\n"
    f"최대 차이: {check.max_abs_diff:.2e}\n\n"
    "# 강의의 식 h = (1 - z') * h_prev + z' * n 에\n"
    f"z' = 1 - z  # 를 넣으면 torch와 같음: {check.lesson_form_close}\n"
    f"z' = z      # 를 그대로 넣으면: {check.same_z_close}",
    language="python",
)

st.header("파라미터 수 비교")
cols = st.columns(3)
p_in = cols[0].number_input("input_size", 1, 512, 100, key="gru_param_input")
p_hidden = cols[1].number_input("hidden_size", 1, 512, 256, key="gru_param_hidden")
p_layers = cols[2].number_input("num_layers", 1, 3, 1, key="gru_param_layers")
rows = param_rows(int(p_in), int(p_hidden), int(p_layers))
st.latex(r"\text{파라미터 수} = \text{게이트 블록 수} \times (H \cdot I + H \cdot H + 2H)")
st.caption(
    "층이 여러 개면 층마다 더해요. 두 번째 층부터는 I 자리에 H가 들어가요. torch는 편향을 두 개(b_ih, b_hh) 두므로 2H입니다."
)
st.dataframe(
    [
        {"모델": r.kind, "공식 (첫 층)": r.expression, "공식 합계": f"{r.formula:,}",
         "count_params(실제 모듈)": f"{r.counted:,}", "일치": r.formula == r.counted,
         "RNN 대비": f"{r.ratio_to_rnn:.2f}배"}
        for r in rows
    ],
    hide_index=True,
)  # fmt: skip
st.plotly_chart(
    fg.param_bars({r.kind: r.formula for r in rows}, {r.kind: r.counted for r in rows}), key="gru_params"
)

st.header("LSTM vs GRU 비교표")
st.markdown(
    """
| 구분 | LSTM | GRU |
|------|------|-----|
| 게이트 수 | 3개 (Forget, Input, Output) | 2개 (Reset, Update) |
| 상태 | Hidden State + Cell State | Hidden State만 |
| 파라미터 수 | 많음 (4 * hidden^2) | 적음 (3 * hidden^2) |
| 학습 속도 | 느림 | 빠름 |
| 성능 | 긴 시퀀스에서 약간 우위 | 대부분 LSTM과 비슷 |
| 적합한 상황 | 복잡한 장기 의존성 | 적은 데이터, 빠른 학습 |
"""
)

st.header("RNN vs LSTM vs GRU 학습 곡선 비교")
st.markdown(
    "강의의 실험을 그대로 돌립니다: 주가 데이터(0~1 정규화), 30일 윈도우, 훈련 윈도우 앞 100개, "
    "hidden 32, Adam lr 0.01, 전체 배치, `torch.manual_seed(시드)`로 세 모델을 같은 조건에서 시작해요."
)
cols = st.columns(2)
c_epochs = ui.knob_widget(compare.CompareConfig, "epochs", key="gru_cmp_epochs", container=cols[0])
c_hidden = ui.knob_widget(compare.CompareConfig, "hidden_size", key="gru_cmp_hidden", container=cols[1])
cfg = compare.CompareConfig(epochs=c_epochs, hidden_size=c_hidden, seed=ui.seed())
result, _ = ui.train_or_last(
    compare.COMPARE_STORE,
    compare.run_comparison,
    cfg,
    key="gru_cmp_run",
    button="세 모델 학습하기",
    label="RNN · LSTM · GRU 학습 중",
    idle="버튼을 누르면 세 모델을 이 앱에서 바로 학습해요 (몇 초 걸려요). 한 번 학습한 설정은 저장돼요.",
)
if result is not None:
    left, right = st.columns([3, 2])
    left.plotly_chart(fg.learning_curves(result.losses), key="gru_curves")
    right.plotly_chart(fg.time_bars(result.seconds), key="gru_times")
    st.dataframe(
        [{"모델": k, "최종 loss": f"{result.final(k):.5f}", "최저 loss": f"{min(result.losses[k]):.5f}",
          "파라미터": f"{result.params[k]:,}", "학습 시간": f"{result.seconds[k]:.2f}초"} for k in result.losses],
        hide_index=True,
    )  # fmt: skip
    order = result.ranking()
    beaten = order[order.index("RNN") + 1 :]
    if beaten:
        verdict = f"이번 실행에서는 평범한 RNN이 {'·'.join(beaten)}보다 최종 loss가 낮아요."
    else:
        gap = result.final("RNN") / result.final(order[0])
        verdict = f"이번 실행에서는 RNN의 최종 loss가 가장 높아요 ({order[0]}의 {gap:.1f}배)."
    st.markdown(
        "최종 loss 순위: " + " < ".join(f"**{k}** ({result.final(k):.4f})" for k in order) + f". {verdict} "
        "30일짜리 짧고 쉬운 과제에서는 게이트가 없어도 충분히 배울 수 있어서, "
        "RNN이 LSTM·GRU와 비슷하거나 더 잘하기도 합니다. 게이트 모델은 파라미터가 3~4배라 계산도 더 많아요. "
        "게이트가 진짜 힘을 발휘하는 곳은 멀리 떨어진 정보를 기억해야 하는 **긴 의존성** 과제예요."
    )
    ui.page_link("pages/vanishing_gradient.py", "기울기 소실 페이지의 장기 의존성 실험 보기")
