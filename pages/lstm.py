"""1.4 LSTM: gates and the cell-state highway, nn.LSTM shapes, an exact scratch cell, real gates."""

import streamlit as st

from seqcore import ui
from seqcore.basics import forget, gates, params, scratch, symbols
from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.core.cache import CacheStore, memo
from seqcore.core.markup import plain
from seqcore.figures import cell_diagrams
from seqcore.figures import gates as fg
from seqcore.ui import predict
from seqcore.ui import stepper as step_ui

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("1.4 LSTM (Long Short-Term Memory)")
st.markdown(
    "기울기 소실 문제를 **완화**하기 위해 **게이트 메커니즘**과 **셀 상태**(Cell State)를 도입한 모델입니다. "
    "게이트는 0~1 사이의 값으로 정보를 얼마나 통과시킬지 정해요."
)


def core_idea():
    """Gates and equations, then the cell-state highway: the forget gate multiplies the gradient."""
    st.header("LSTM의 핵심 아이디어")
    st.graphviz_chart(cell_diagrams.lstm_cell())
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
    st.caption(symbols.caption("sigma", "tanh", "odot", "concat", "c_tilde"))

    st.subheader("셀 상태 고속도로")
    st.markdown(
        "강의는 셀 상태라는 '고속도로'로 정보가 **손실 없이** 흐르고, 셀 상태는 덧셈/곱셈만 하니 정보가 **보존**된다고 해요. "
        "덧셈 덕분에 tanh를 매번 거치지 않는 것은 맞지만, 곱셈이 바로 망각 게이트예요: "
        r"$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$ 이므로 셀 경로의 기울기는 한 단계마다 $f_t$배가 됩니다."
    )
    st.latex(r"\frac{\partial C_T}{\partial C_0}\Big|_{\text{셀 경로}} = \prod_{t=1}^{T} f_t")
    st.caption(symbols.caption("prod"))
    st.markdown(
        "그래서 LSTM은 기울기 소실을 **해결**하기보다 **완화**해요: $f_t$가 1에 가까우면 기울기가 오래 살아남고, "
        "0.5 근처면 RNN처럼 빠르게 사라져요. 실제 `nn.LSTM(10, 20)`을 새로 만들고 망각 게이트 편향에 0, +1, +2를 더해 "
        r"무작위 입력을 흘려 봤어요. $f$의 곱(셀 경로만)과, autograd로 구한 실제 기울기 $|\partial \sum C_T / \partial C_0|$"
        "(h를 거치는 길까지 모든 경로)를 함께 보여요."
    )
    decay_cfg = forget.ForgetDecayConfig(
        seq_len=ui.knob_widget(forget.ForgetDecayConfig, "seq_len", key="lstm_decay_len"), seed=ui.seed()
    )
    decay = forget.forget_gate_decay(decay_cfg)
    st.table(  # three fixed rows: a plain table (no data grid to load in the first part)
        [
            {
                "망각 게이트 편향": f"{d.bias:+.0f}",
                "평균 f": f"{d.mean_forget:.2f}",
                "∏ f (셀 경로)": f"{d.cell_path:.1e}",
                "실제 기울기 (autograd)": f"{d.autograd:.1e}",
            }
            for d in decay
        ],
        hide_index=True,
    )
    st.markdown(forget.forget_decay_summary(decay, decay_cfg.seq_len))
    st.caption("망각 게이트 편향을 바꿔 가며 RNN · LSTM · GRU의 실제 기울기를 비교해 볼 수 있어요.")
    ui.page_link("pages/vanishing_gradient.py", "기울기 소실 페이지에서 비교하기")  # one line on a phone


def torch_and_scratch():
    """nn.LSTM's shapes for the learner's sizes, and a scratch cell from its weights that matches it."""
    st.header("PyTorch nn.LSTM 사용법")
    batch, seq_len, input_size, hidden, layers = ui.shape_sliders("lstm")
    report = explore_shapes(ShapeConfig("lstm", batch, seq_len, input_size, hidden, layers), seed=ui.seed())
    st.code(
        f"lstm = nn.LSTM(input_size={input_size}, hidden_size={hidden}, num_layers={layers}, batch_first=True)\n"
        f"x = torch.randn{report.input_shape}\n"
        f"h0 = torch.zeros{report.h_n_shape}  # (num_layers, batch, hidden)\n"
        f"c0 = torch.zeros{report.c_n_shape}  # 셀 상태 (LSTM만)\n"
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
    question = predict.Question(
        "lstm_guess",
        f"nn.LSTM(input_size={input_size}, hidden_size={hidden}, num_layers={layers})의 파라미터 수는?",
        "count",
        report.n_params,
        params.why("LSTM", input_size, hidden, layers),
    )
    predict.ask(question, report.config)

    st.header("밑바닥부터 만든 LSTM 셀")
    st.markdown(
        "`nn.LSTM`은 네 개의 가중치 블록을 한 행렬에 **i, f, g, o** 순서로 쌓아 둡니다 "
        "(g가 후보 C̃예요). 그래서 `weight_ih_l0`의 모양이 (4 × hidden, input)이에요. "
        "이 행렬을 네 조각으로 잘라 식의 이름(W_xi, W_xf, W_xg, W_xo)을 붙인 셀에 넣고, 같은 입력을 흘려 봅니다. "
        "torch는 편향도 두 개(b_ih, b_hh)라서 식의 b는 둘의 합이에요."
    )
    check = scratch.scratch_check("lstm", batch, seq_len, input_size, hidden, seed=ui.seed())
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


@memo(CacheStore("lstm_gate_traces", max_entries=16))
def gate_trace(cfg: gates.GateTaskConfig, text: str, _gm: gates.GateModel) -> gates.GateTrace:
    """The gates of one sentence through the trained model (cached per model and text)."""
    return gates.trace(_gm, text)


def show_model(gm: gates.GateModel) -> None:
    """Accuracy, the lesson's simulation beside the real gates, and gates per kind of word."""
    m = st.columns(3)
    m[0].metric("검증 정확도 (모든 시점)", f"{gm.val_accuracy:.1%}")
    m[1].metric("마침표에서 정확도", f"{gm.period_accuracy:.1%}")
    m[2].metric("학습 시간", f"{gm.seconds:.2f}초")
    c = gm.config
    st.caption(
        f"학습 문장 {c.n_train}개 × {c.seq_len}단어, 전체 배치 Adam, 은닉 유닛 {c.hidden_size}, 에포크 {c.epochs}. "
        f"검증 문장 {c.n_val}개는 따로 뽑았어요 · {gm.device}"
    )
    st.subheader("강의의 시뮬레이션과 비교")
    ui.chart(fg.simulation_vs_real, gate_trace(c, gates.EXAMPLES[0], gm).states, key="lstm_sim_vs_real")
    st.caption("위: 강의가 지어낸 값. 아래: 학습된 모델이 같은 문장에서 실제로 낸 값(유닛 평균)이에요.")
    st.subheader("단어 종류별로 보면")
    ui.chart(fg.gate_profile_bars, gm.profile, key="lstm_profile")
    st.markdown(gates.profile_summary(gm.profile))


def linked_charts(tr: gates.GateTrace) -> list[step_ui.Linked]:
    """The sentence's gate charts, each in its place, following the step-through's step."""
    s, tokens = tr.states, tr.parsed.tokens
    charts = (
        ("lstm_real_bars", fg.gate_mean_bars),
        ("lstm_heatmap", fg.gate_heatmaps),
        ("lstm_states", fg.state_lines),
    )
    return [step_ui.Linked(key, st.container(), lambda t, f=f: f(s, tokens, step=t)) for key, f in charts]


def show_sentence(gm: gates.GateModel) -> None:
    """The learner's own sentence, gate by gate, then one step at a time (all charts share the step)."""
    st.subheader("문장을 골라 게이트 보기")
    choice = st.selectbox("문장 고르기", [*gates.EXAMPLES, "직접 입력"], **ui.keep("lstm_gate_pick"))
    text = choice
    if choice == "직접 입력":
        label = "문장 (띄어쓰기로 단어 구분)"
        text = st.text_input(label, gates.EXAMPLES[0], max_chars=300, **ui.keep("lstm_gate_text", url=False))
    st.caption("아는 단어: " + " · ".join(w for w in gates.VOCAB if not w.startswith("<")))
    try:
        tr = gate_trace(gm.config, text, gm)
    except gates.EmptyInputError as err:
        st.warning(str(err))
        return
    if tr.parsed.unknown:
        st.info("모르는 단어는 `<UNK>`로 읽어요: " + plain(", ".join(tr.parsed.unknown)))
    if tr.parsed.truncated:
        st.info(f"문장이 길어서 앞의 {gates.MAX_TOKENS}개 단어만 읽었어요.")
    st.code(
        "scratch = ScratchLSTM.from_torch(model.lstm)\n"
        f"torch.allclose(model.lstm(emb)[0], scratch(emb)[0])  # {tr.matches_torch} (최대 차이 {tr.max_abs_diff:.1e})",
        language="python",
    )
    st.caption(
        "아래 세 그림과 표는 '한 시점씩 따라가기'에서 고른 시점을 노란 띠로 보여 줘요. 그림을 누르면 그 시점으로 옮겨 가요."
    )
    linked = [*linked_charts(tr), step_ui.LinkedTable(st.container(), gates.trace_rows(tr))]
    st.subheader("한 시점씩 따라가기: LSTM이 문장을 읽는 모습")
    step_ui.step_through("lstm", gm.model, cache_key=gm.config, key="lstm_step", text=text, linked=linked)


def real_gates():
    """The lesson's forget-at-the-period task trained here, then its gates beside the simulation, step by step."""
    st.header("실제 게이트 들여다보기")
    st.markdown(
        "강의의 예시처럼 **마침표(.)에서 기억을 지워야 하는** 과제를 이 앱에서 직접 학습시킵니다. "
        "모델은 단어를 하나씩 읽으며 매 시점에 '지금 문장의 감정'을 답해요: "
        "마지막 감정 단어가 긍정이면 **긍정**, 부정이면 **부정**, 아직 없으면 **없음**. "
        "마침표를 만나면 답이 다시 **없음**이 되므로, 모델은 중립 단어 동안 감정을 기억하고 마침표에서 잊어야 합니다."
    )
    cols = st.columns(2)
    cfg = gates.GateTaskConfig(
        hidden_size=ui.knob_widget(
            gates.GateTaskConfig, "hidden_size", key="lstm_gate_hidden", container=cols[0]
        ),
        epochs=ui.knob_widget(gates.GateTaskConfig, "epochs", key="lstm_gate_epochs", container=cols[1]),
        seed=ui.seed(),
    )
    gm, _ = ui.train_or_last(
        gates.GATES_STORE,
        gates.train_gate_model,
        cfg,
        key="lstm_gate_run",
        button="게이트 과제 학습하기",
        label="게이트 과제 학습 중",
        idle="버튼을 누르면 이 앱에서 LSTM을 바로 학습해요 (몇 초 걸려요).",
    )
    if gm is not None:
        show_model(gm)
        show_sentence(gm)


ui.sections(
    "lstm_part",
    {"핵심 아이디어": core_idea, "nn.LSTM과 밑바닥 셀": torch_and_scratch, "실제 게이트": real_gates},
)
