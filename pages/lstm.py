"""1.4 LSTM: gates and the cell-state highway, nn.LSTM shapes, an exact scratch cell, real gates."""

import streamlit as st

from seqcore import ui
from seqcore.basics import gates
from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.figures import diagrams
from seqcore.figures import gates as fg

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("1.4 LSTM (Long Short-Term Memory)")
st.markdown(
    "기울기 소실 문제를 해결하기 위해 **게이트 메커니즘**과 **셀 상태**(Cell State)를 도입한 모델입니다. "
    "게이트는 0~1 사이의 값으로 정보를 얼마나 통과시킬지 정해요."
)

st.header("LSTM의 핵심 아이디어")
st.graphviz_chart(diagrams.lstm_cell())
left, right = st.columns(2)
with left:
    st.markdown("**1. 망각 게이트 (Forget Gate)**: 이전 기억 중 버릴 것 결정")
    st.latex(r"f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f)")
    st.markdown("**2. 입력 게이트 (Input Gate)**: 새 정보 중 저장할 것 결정")
    st.latex(r"i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i)")
    st.latex(r"\tilde{C}_t = \tanh(W_C \cdot [h_{t-1}, x_t] + b_C)")
with right:
    st.markdown("**3. 출력 게이트 (Output Gate)**: 셀 상태 중 출력할 것 결정")
    st.latex(r"o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + b_o)")
    st.latex(r"h_t = o_t \odot \tanh(C_t)")
    st.markdown("**셀 상태 업데이트**")
    st.latex(r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t")

st.subheader("셀 상태 고속도로")
st.markdown(
    "LSTM은 셀 상태(Cell State)라는 '고속도로'를 통해 정보가 손실 없이 흐를 수 있습니다. "
    "위 그림의 빨간 굵은 선이 그 길이에요."
)
st.code(
    "RNN:  정보 흐름이 매 단계 tanh를 거침 -> 소실\nLSTM: 셀 상태는 덧셈/곱셈만 -> 정보 보존", language=None
)
ui.page_link("pages/vanishing_gradient.py", "기울기 소실이 왜 생기는지 다시 보기")

st.header("PyTorch nn.LSTM 사용법")
cols = st.columns(5)
batch = cols[0].slider("batch", 1, 8, 2, key="lstm_batch")
seq_len = cols[1].slider("seq_len", 1, 50, 5, key="lstm_seq_len")
input_size = cols[2].slider("input_size", 1, 64, 10, key="lstm_input")
hidden = cols[3].slider("hidden_size", 1, 64, 20, key="lstm_hidden")
layers = cols[4].slider("num_layers", 1, 3, 1, key="lstm_layers")
report = explore_shapes(ShapeConfig("lstm", batch, seq_len, input_size, hidden, layers), seed=ui.seed())
st.code(
    f"lstm = nn.LSTM(input_size={input_size}, hidden_size={hidden}, num_layers={layers}, batch_first=True)\n"
    f"x = torch.randn{report.input_shape}\n"
    f"h0 = torch.zeros{report.h_n_shape}  # (num_layers, batch, hidden)\n"
    f"c0 = torch.zeros{report.c_n_shape}  # cell state\n"
    "outputs, (h_n, c_n) = lstm(x, (h0, c0))",
    language="python",
)
st.code(
    "LSTM 출력:\n"
    f"  outputs: torch.Size({list(report.outputs_shape)})  # 모든 시점의 hidden state\n"
    f"  h_n: torch.Size({list(report.h_n_shape)})  # 마지막 hidden state\n"
    f"  c_n: torch.Size({list(report.c_n_shape)})  # 마지막 cell state (LSTM 특유)",
    language=None,
)
ui.shape_checks(report)

st.header("밑바닥부터 만든 LSTM 셀")
st.markdown(
    "`nn.LSTM`은 네 개의 가중치 블록을 한 행렬에 **i, f, g, o** 순서로 쌓아 둡니다 "
    "(g가 후보 C̃예요). 그래서 `weight_ih_l0`의 모양이 (4 × hidden, input)이에요. "
    "이 행렬을 네 조각으로 잘라 식의 이름(W_xi, W_xf, W_xg, W_xo)을 붙인 셀에 넣고, 같은 입력을 흘려 봅니다. "
    "torch는 편향도 두 개(b_ih, b_hh)라서 식의 b는 둘의 합이에요."
)
check = gates.scratch_check("lstm", batch, seq_len, input_size, hidden, seed=ui.seed())
st.dataframe(
    [{"파라미터": n, "모양": str(s)} for n, s in check.weight_shapes.items()],
    hide_index=True,
    width="content",
)
st.markdown(f"행 블록 순서: **{' → '.join(check.block_names)}** (각 {hidden}행)")
st.code(
    f"torch.allclose(outputs, scratch_outputs)  # {check.outputs_close}\n"
    f"torch.allclose(h_n[0], scratch_h)         # {check.h_close}\n"
    f"torch.allclose(c_n[0], scratch_c)         # {check.c_close}\n"
    f"최대 차이: {check.max_abs_diff:.2e}",
    language="python",
)
st.caption("위의 크기로 만든 층 하나(layer 0)와, 무작위 (h0, c0)로 방금 계산한 결과예요.")

st.header("실제 게이트 들여다보기")
st.markdown(
    "강의의 예시처럼 **마침표(.)에서 기억을 지워야 하는** 과제를 이 앱에서 직접 학습시킵니다. "
    "모델은 단어를 하나씩 읽으며 매 시점에 '지금 문장의 감정'을 답해요: "
    "마지막 감정 단어가 긍정이면 **긍정**, 부정이면 **부정**, 아직 없으면 **없음**. "
    "마침표를 만나면 답이 다시 **없음**이 되므로, 모델은 중립 단어 동안 감정을 기억하고 마침표에서 잊어야 합니다."
)
cols = st.columns(2)
hidden_units = cols[0].select_slider("은닉 유닛 수", [4, 8, 12, 16], value=8, key="lstm_gate_hidden")
epochs = cols[1].slider("에포크", 10, 80, 40, step=10, key="lstm_gate_epochs")
cfg = gates.GateTaskConfig(hidden_size=hidden_units, epochs=epochs, seed=ui.seed())
gm = ui.train_cached(gates.GATES_STORE, gates.train_gate_model, cfg, label="게이트 과제 학습 중")
m = st.columns(3)
m[0].metric("검증 정확도 (모든 시점)", f"{gm.val_accuracy:.1%}")
m[1].metric("마침표에서 정확도", f"{gm.period_accuracy:.1%}")
m[2].metric("학습 시간", f"{gm.seconds:.2f}초")
st.caption(
    f"학습 문장 {cfg.n_train}개 × {cfg.seq_len}단어, 전체 배치 Adam. 검증 문장 {cfg.n_val}개는 따로 뽑았어요."
)

choice = st.selectbox("문장 고르기", [*gates.EXAMPLES, "직접 입력"], key="lstm_gate_pick")
text = choice
if choice == "직접 입력":
    text = st.text_input(
        "문장 (띄어쓰기로 단어 구분)", gates.EXAMPLES[0], max_chars=300, key="lstm_gate_text"
    )
st.caption("아는 단어: " + " · ".join(w for w in gates.VOCAB if not w.startswith("<")))


@st.cache_resource(max_entries=16, show_spinner=False)
def gate_view(cfg: gates.GateTaskConfig, text: str, _gm: gates.GateModel):
    """The trace of one sentence and its four figures (building them is most of a rerun)."""
    tr = gates.trace(_gm, text)
    tokens = tr.parsed.tokens
    figs = (
        fg.gate_mean_bars(tr.states, tokens),
        fg.simulated_gates(),
        fg.gate_heatmaps(tr.states, tokens),
        fg.state_lines(tr.states, tokens),
    )
    return tr, figs


try:
    tr, (bars_fig, sim_fig, heat_fig, lines_fig) = gate_view(cfg, text, gm)
except gates.EmptyInputError as err:
    st.warning(str(err))
    tr = None
if tr is not None:
    if tr.parsed.unknown:
        st.info("모르는 단어는 <UNK>로 읽어요: " + ", ".join(tr.parsed.unknown))
    if tr.parsed.truncated:
        st.info(f"문장이 길어서 앞의 {gates.MAX_TOKENS}개 단어만 읽었어요.")
    st.code(
        "scratch = ScratchLSTM.from_torch(model.lstm)\n"
        f"torch.allclose(model.lstm(emb)[0], scratch(emb)[0])  # {tr.matches_torch} (최대 차이 {tr.max_abs_diff:.1e})",
        language="python",
    )
    left, right = st.columns(2)
    left.plotly_chart(bars_fig, key="lstm_real_bars")
    right.plotly_chart(sim_fig, key="lstm_sim_bars")
    right.caption("시뮬레이션: 강의의 지어낸 값이에요. 왼쪽이 학습된 모델의 실제 값입니다.")
    st.plotly_chart(heat_fig, key="lstm_heatmap")
    st.plotly_chart(lines_fig, key="lstm_states")
    st.dataframe(gates.trace_rows(tr), hide_index=True)

st.subheader("단어 종류별로 보면")
st.plotly_chart(fg.gate_profile_bars(gm.profile), key="lstm_profile")
by_forget = sorted(gm.profile.items(), key=lambda kv: kv[1]["f"])
st.markdown(
    "검증 문장 전체에서 망각 게이트 평균이 낮은(많이 잊는) 순서: "
    + ", ".join(f"**{name}** {means['f']:.2f}" for name, means in by_forget)
    + ". 실제 모델은 시뮬레이션처럼 깔끔하지 않아요. 마침표에서만이 아니라 새 감정 단어에서도 "
    "예전 기억을 지우고 덮어쓸 수 있고, 시드나 유닛 수를 바꾸면 방법이 달라지기도 합니다."
)
