"""1.2 RNN: recurrence, hidden state, nn.RNN shapes, a scratch RNN that matches, the classifier."""

import streamlit as st

from seqcore import ui
from seqcore.basics import models as models_basics
from seqcore.basics import scratch
from seqcore.basics.cells import ScratchRNN
from seqcore.basics.shapes import ShapeConfig, explore_shapes, module_code, rule_line
from seqcore.figures import basics as fb
from seqcore.figures import cell_diagrams, diagrams
from seqcore.ui import predict
from seqcore.ui import stepper as step_ui

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first


def recurrence():
    st.header("RNN의 핵심 아이디어: 순환 (Recurrence)")
    st.markdown(
        "기존 DNN은 `x -> [신경망] -> y`로 한 번에 처리해요. RNN은 시점마다 입력 $x_t$를 하나씩 읽고, "
        "**이전 상태 $h_{t-1}$을 함께 받아** 새 상태 $h_t$를 만듭니다. 모든 시점이 같은 가중치를 써요."
    )
    steps = st.slider("펼칠 시점 수", 1, 8, 3, **ui.keep("rnn_unroll_steps"))
    st.graphviz_chart(cell_diagrams.unrolled_rnn(steps))
    st.caption(
        "시점마다 실제 h_t 값이 들어간 그림은 '한 시점씩 읽기' 탭에 있어요. 학습된 RNN이 문장을 읽으며 계산한 값이에요."
    )

    st.header("Hidden State (은닉 상태)")
    st.markdown("RNN의 '기억'을 담당하는 핵심 요소입니다.")
    st.latex(r"h_t = \tanh(W_{hh}\, h_{t-1} + W_{xh}\, x_t + b_h)")
    st.markdown(
        """
- $h_t$: 현재 시점의 은닉 상태
- $h_{t-1}$: 이전 시점의 은닉 상태
- $x_t$: 현재 시점의 입력
- $W_{hh}, W_{xh}$: 가중치 행렬 (**모든 시점에서 공유!**)
- $b_h$: 편향, $\tanh$: 값을 −1과 1 사이로 누르는 함수
"""
    )


def shapes():
    st.header("PyTorch nn.RNN 기본 사용법")
    st.markdown("값을 바꾸면 실제 `nn.RNN`을 만들어 돌리고, 나온 텐서의 모양을 보여 줘요.")
    batch, seq_len, input_size, hidden, layers = ui.shape_sliders("rnn")
    cols = st.columns(2)
    batch_first = cols[0].toggle("batch_first", value=True, **ui.keep("rnn_batch_first"))
    bidirectional = cols[1].toggle("bidirectional", value=False, **ui.keep("rnn_bidirectional"))
    cfg = ShapeConfig("rnn", batch, seq_len, input_size, hidden, layers, batch_first, bidirectional)
    report = explore_shapes(cfg, seed=ui.seed())
    code_slot = st.container()  # the code above the question; its printed shapes after the answer
    question = predict.Question(
        "rnn_guess",
        "이 코드가 출력하는 outputs.shape은?",
        "shape",
        report.outputs_shape,
        rule_line(report, "outputs"),
    )
    revealed = predict.ask(question, cfg)
    code_slot.code(
        module_code(cfg, var="rnn", with_h0=True, answers=revealed), language="python"
    )  # runs as shown
    if revealed:
        ui.shape_checks(report)
    with ui.folded("print(rnn)", key="rnn_print_open") as shown:
        if shown:
            st.code(report.module_repr, language=None)

    st.header("밑바닥부터 만든 RNN")
    st.markdown(
        "식의 이름 그대로 `W_xh`, `W_hh`, `b_h`를 가진 RNN을 만들고, 위의 크기로 만든 `nn.RNN`의 가중치를 옮겨 담아요. "
        "torch는 편향을 두 개(`bias_ih`, `bias_hh`) 두므로 식의 `b_h`는 둘의 합입니다. "
        "그리고 시점마다 한 칸씩 펼쳐 계산합니다."
    )
    st.code(ui.source(ScratchRNN.step) + "\n" + ui.source(ScratchRNN.forward), language="python")
    check = scratch.scratch_rnn_check(batch, seq_len, input_size, hidden, ui.seed())
    st.dataframe(
        [{"파라미터": n, "모양": str(s)} for n, s in check.weight_shapes.items()],
        hide_index=True,
        width="content",
    )
    st.code(
        f"torch.allclose(outputs, scratch_outputs)  # {check.outputs_close}\n"
        f"torch.allclose(h_n[0], scratch_h)         # {check.h_close}\n"
        f"최대 차이: {check.max_abs_diff:.2e}",
        language="python",
    )
    ui.chart(
        fb.hidden_heatmap,
        check.hidden,
        title="첫 번째 시퀀스의 은닉 상태 h_t (밑바닥 RNN이 한 칸씩 계산한 값)",
        key="rnn_hidden_heatmap",
    )
    st.caption("열 하나가 한 시점이에요. tanh 때문에 모든 값이 -1과 1 사이에 있습니다.")


def outputs_and_classifier():
    st.header("RNN 출력 활용 방식")
    st.markdown(
        """
| 작업 | 사용하는 출력 | 예시 |
|------|-------------|------|
| 분류 (Many-to-One) | h_n[-1] (마지막 은닉) | 감성 분류 |
| 태깅 (Many-to-Many, 입력과 출력 길이가 같음) | outputs (모든 시점의 은닉) | 품사 태깅, 개체명 인식 |
| 번역 (Seq2Seq, 길이가 다름) | 인코더의 h_n → 디코더 RNN | 기계 번역 |
| 시계열 예측 | outputs[:, -1, :] | 다음 값 예측 |
"""
    )
    st.markdown(
        "번역은 입력과 출력의 길이가 달라서 RNN 하나의 `outputs`(입력 시점마다 하나)로는 할 수 없어요. "
        "**인코더** RNN이 문장을 다 읽고 남긴 상태를 **디코더** RNN이 받아 새 문장을 한 단어씩 만들어요 "
        "(encoder-decoder). 시점마다 하나씩 답하는 태깅은 `outputs`를 그대로 씁니다."
    )
    st.caption(
        "단방향 1층이면 h_n[-1]과 outputs[:, -1, :]는 같은 값이에요. 'nn.RNN 사용법' 탭의 비교에서 직접 확인해 보세요."
    )

    st.header("RNN 분류 모델 아키텍처")
    st.graphviz_chart(diagrams.rnn_classifier())
    st.code(ui.source(models_basics.RNNClassifier), language="python")
    cols = st.columns(2)
    num_classes = cols[0].slider("num_classes", 2, 10, 3, **ui.keep("rnn_num_classes"))
    cls_batch = cols[1].slider("샘플 batch", 1, 16, 4, **ui.keep("rnn_cls_batch"))
    out_shape, n_params = models_basics.classifier_demo(cls_batch, 5, 10, 20, num_classes, ui.seed())
    st.code(
        f"classifier = RNNClassifier(input_size=10, hidden_size=20, num_classes={num_classes})\n"
        f"sample_input = torch.randn({cls_batch}, 5, 10)  # batch={cls_batch}, seq=5, input=10\n"
        "output = classifier(sample_input)\n\n"
        f"분류 모델 출력 shape: torch.Size({list(out_shape)})  # (batch, num_classes)\n"
        f"파라미터 수: {n_params:,}",
        language="python",
    )


def one_step_at_a_time():
    st.header("RNN이 문장을 읽는 모습: 한 시점씩")
    st.markdown(
        "학습된 RNN에 문장을 넣고 시점을 하나씩 옮겨 보세요. 입력 x_t, 이전 상태 h_{t-1}, 새 상태 h_t가 모두 "
        "실제 모델이 한 번 계산한 값이고, 고른 유닛의 식에는 실제 숫자가 들어가요."
    )
    step_ui.tagger_step_through("rnn", ui.seed(), "rnn_step", unrolled=True)


st.title("1.2 RNN (Recurrent Neural Network) 구조")

ui.sections(
    "rnn_part",
    {
        "순환과 은닉 상태": recurrence,
        "nn.RNN 사용법": shapes,
        "출력과 분류 모델": outputs_and_classifier,
        "한 시점씩 읽기": one_step_at_a_time,
    },
    next_page=("pages/vanishing_gradient.py", "다음: 기울기 소실 문제 →"),
)
