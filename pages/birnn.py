"""2.1 양방향 RNN: why both directions, the shape explorer, the lesson's BiLSTMClassifier."""

import streamlit as st

from seqcore import ui
from seqcore.basics import birnn
from seqcore.basics.birnn import BLANK_SENTENCE, LeakConfig, direction_reach, run_classifier
from seqcore.basics.shapes import ShapeConfig, explore_shapes, module_code, rule_line
from seqcore.figures import basics as fb
from seqcore.figures import diagrams
from seqcore.ui import predict

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

# The lesson's class, shown as it is in the lesson (the page computes with run_classifier).
BILSTM_CLASSIFIER_CODE = """class BiLSTMClassifier(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True, bidirectional=True)
        # 양방향이므로 hidden_size * 2
        self.fc = nn.Linear(hidden_size * 2, num_classes)

    def forward(self, x):
        outputs, (h_n, c_n) = self.lstm(x)
        # 순방향 마지막 + 역방향 마지막 concat
        forward_h = h_n[0]   # 순방향
        backward_h = h_n[1]  # 역방향
        hidden = torch.cat([forward_h, backward_h], dim=1)
        return self.fc(hidden)"""

st.title("양방향 RNN (Bidirectional RNN)")
TOPIC = {"lstm": "LSTM은", "gru": "GRU는", "rnn": "RNN은"}  # the particle follows the name's last sound


def why_both_directions():
    """Why both directions: one changed word, which direction's outputs change."""
    st.header("왜 양방향인가?")
    st.markdown(
        "일반 RNN은 **과거 → 현재** 방향으로만 정보가 흐릅니다. "
        "하지만 텍스트에서는 **미래 정보**도 중요할 수 있어요."
    )
    # The lesson's example as a quote (plain markdown: a code block would load its highlighter first).
    st.markdown(
        '> 예시: "나는 \\_\\_\\_를 먹었다. 정말 달콤했다."\n'
        ">\n"
        "> - 빈칸을 채우려면 '달콤했다'라는 미래 정보가 필요\n"
        "> - 양방향 RNN: 과거 + 미래 정보 모두 활용"
    )
    st.markdown(
        "정말 그런지 계산으로 확인해 봐요. 다섯 단어에 무작위 임베딩을 주고 양방향 LSTM에 넣은 뒤, "
        "**한 단어만 바꿔서** 각 시점의 출력이 얼마나 달라지는지 재요. "
        "순방향은 앞에서부터 읽으니 바뀐 단어 **자리와 그 이후** 시점이 달라지고, 역방향은 뒤에서부터 읽으니 "
        "바뀐 단어 **자리와 그 이전** 시점이 달라져요. 바뀐 자리 자체는 두 방향 모두 그 단어를 읽었으니 둘 다 달라집니다."
    )
    changed = st.select_slider(
        "바꿔 볼 단어",
        options=list(range(len(BLANK_SENTENCE))),
        value=len(BLANK_SENTENCE) - 1,
        format_func=lambda i: BLANK_SENTENCE[i],
        **ui.keep("birnn_changed"),
    )
    reach = direction_reach(changed=changed, seed=ui.seed())
    ui.chart(fb.direction_reach, reach, key="birnn_reach_chart")
    blank_fwd, blank_bwd = reach.forward[1], reach.backward[1]
    st.caption(
        f"빈칸('___를', 1번 시점)에서 순방향 출력 변화 {blank_fwd:.4f}, 역방향 출력 변화 {blank_bwd:.4f}. "
        "학습하지 않은 가중치라 의미는 없지만, **누가 어떤 단어를 볼 수 있는지**는 구조가 정해요."
    )


def shapes():
    """The shape explorer: outputs, h_n and c_n of a (bidirectional) RNN layer."""
    st.header("양방향 LSTM의 shape")
    st.markdown(
        "`bidirectional=True`이면 순방향과 역방향 LSTM이 따로 돌고, 두 방향의 출력을 이어 붙여요. "
        "그래서 `outputs`의 마지막 차원은 **hidden × 2**, `h_n`의 첫 차원은 **층 수 × 2**입니다."
    )
    c1, c2, c3 = st.columns(3)
    kind = c1.selectbox("셀 종류", ["lstm", "gru", "rnn"], format_func=str.upper, **ui.keep("birnn_kind"))
    batch = c1.slider("batch", 1, 16, 2, **ui.keep("birnn_batch"))
    seq_len = c2.slider("seq_len", 1, 50, 5, **ui.keep("birnn_seq_len"))
    input_size = c2.slider("input_size", 1, 64, 10, **ui.keep("birnn_input"))
    hidden = c3.slider("hidden_size", 1, 128, 20, **ui.keep("birnn_hidden"))
    layers = c3.slider("num_layers", 1, 4, 1, **ui.keep("birnn_layers"))
    bidirectional = st.toggle("bidirectional=True", value=True, **ui.keep("birnn_bidir"))
    cfg = ShapeConfig(kind, batch, seq_len, input_size, hidden, layers, True, bidirectional)
    report = explore_shapes(cfg, seed=ui.seed())

    code_slot = st.container()  # the code above the question; its printed shapes after the answer
    question = predict.Question(
        "birnn_guess", "이 코드가 출력하는 h_n.shape은?", "shape", report.h_n_shape, rule_line(report, "h_n")
    )
    revealed = predict.ask(question, cfg)
    code_slot.code(module_code(cfg, var=f"{kind}_layer", answers=revealed), language="python")
    if revealed:
        m1, m2, m3 = st.columns(3)
        m1.metric("outputs.shape", str(report.outputs_shape))
        m2.metric("h_n.shape", str(report.h_n_shape))
        m3.metric("c_n.shape", str(report.c_n_shape) if report.c_n_shape else "없음 (LSTM만)")
        st.subheader("어느 출력이 어느 최종 상태인가? (방금 계산한 결과)")
        ui.shape_checks(report, title=None)
    if revealed and bidirectional:
        st.info(
            f"역방향 {TOPIC[kind]} **마지막 시점에서 출발해 첫 시점에서 끝나요**. 그래서 역방향의 최종 상태는 "
            "`outputs[:, 0, H:]`에 있고, `outputs[:, -1, :]`를 '두 방향의 최종 상태'로 쓰면 틀립니다."
        )
    with ui.folded("print(module)", key="birnn_print_open") as shown:
        if shown:
            st.code(report.module_repr, language=None)


def classifier():
    """The lesson's BiLSTMClassifier: the concat of both final states, checked."""
    st.header("양방향 LSTM 분류 모델")
    st.graphviz_chart(diagrams.bilstm_classifier())
    st.code(BILSTM_CLASSIFIER_CODE, language="python")
    k1, k2, k3 = st.columns(3)
    cls_batch = k1.slider("batch", 1, 32, 4, **ui.keep("birnn_cls_batch"))
    cls_hidden = k2.slider("hidden_size", 1, 64, 20, **ui.keep("birnn_cls_hidden"))
    cls_classes = k3.slider("num_classes", 2, 10, 3, **ui.keep("birnn_cls_classes"))
    cls = run_classifier(batch=cls_batch, hidden_size=cls_hidden, num_classes=cls_classes, seed=ui.seed())
    st.code(
        f"model = BiLSTMClassifier(10, {cls_hidden}, {cls_classes})\n"
        f"output = model(torch.randn({cls_batch}, 5, 10))\n"
        f"print(output.shape)  # {cls.logits_shape}",
        language="python",
    )
    r1, r2, r3, r4 = st.columns(4)
    r1.metric("outputs", str(cls.outputs_shape))
    r2.metric("h_n", str(cls.h_n_shape))
    r3.metric("이어 붙인 은닉 (cat)", str(cls.hidden_shape))
    r4.metric("양방향 LSTM 분류 출력", str(cls.logits_shape))
    st.markdown(
        f"- 파라미터 수: **{cls.n_params:,}개**\n"
        f"- `hidden == cat(outputs[:, -1, :H], outputs[:, 0, H:])` → **{cls.hidden_matches_outputs}**\n"
        f"- `hidden == outputs[:, -1, :]` → **{cls.last_step_matches}** (흔한 실수)"
    )


def where_not_to_use():
    """Next-value prediction: a bidirectional model reads the future it should predict."""
    st.header("양방향을 쓰면 안 되는 곳")
    st.markdown(
        "양방향 모델은 시점 t에서 **t 이후의 입력까지** 읽어요. 문장 전체가 주어지는 분류·태깅에는 좋지만, "
        "**다음 값 예측, 텍스트 생성, 실시간 스트리밍**처럼 미래가 아직 없는 일에는 쓸 수 없어요. "
        "쓰면 어떻게 되는지 직접 확인해 봐요. 잡음 섞인 사인파에서 시점마다 **다음 값**을 맞히도록 단방향 GRU와 "
        "양방향 GRU를 똑같이 학습하고, 뒤쪽 구간(테스트)에서 두 가지로 채점합니다.\n\n"
        "- **창 전체를 줌**: 학습 때처럼 창 전체를 넣고 각 시점의 예측을 봐요. 양방향의 역방향은 이미 t+1을 읽었어요.\n"
        "- **과거만 줌**: x₁…xₜ만 넣고 마지막 예측을 봐요. 생성·스트리밍·실제 예측이 할 수 있는 유일한 방법이에요."
    )
    l1, l2 = st.columns(2)
    leak_cfg = LeakConfig(
        noise=ui.knob_widget(LeakConfig, "noise", "birnn_leak_noise", container=l1),
        epochs=ui.knob_widget(LeakConfig, "epochs", "birnn_leak_epochs", container=l2),
        seed=ui.seed(),
    )
    leak, _ = ui.train_or_last(
        birnn.LEAK_STORE,
        birnn.run_leak_experiment,
        leak_cfg,
        key="birnn_leak_run",
        button="다음 값 예측 실험 실행",
        label="단방향 · 양방향 GRU 학습 중",
        idle="버튼을 누르면 단방향과 양방향 GRU를 학습해요 (보통 10초 안). 한 번 학습한 설정은 저장돼요.",
    )
    if leak is not None:
        ui.chart(fb.next_step_leak, leak, key="birnn_leak_chart")
        st.markdown(birnn.leak_summary(leak))
        st.caption(f"사인파 주기 {leak_cfg.period}, 창 {leak_cfg.window} 시점, Adam · {leak.device}")


ui.sections(
    "birnn_part",
    {
        "왜 양방향인가": why_both_directions,
        "shape": shapes,
        "분류 모델": classifier,
        "쓰면 안 되는 곳": where_not_to_use,
    },
    next_page=("pages/stock.py", "다음: 시계열 예측 실습 (주가 예측) →"),
)
