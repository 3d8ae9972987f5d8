"""1.5 GRU: equations, nn.GRU shapes, an exact scratch cell, parameter counts, the live comparison."""

import streamlit as st

from seqcore import ui
from seqcore.basics import compare, gru_forms, gru_table, params, scratch, symbols
from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.core.cache import CacheStore, memo
from seqcore.figures import cell_diagrams
from seqcore.figures import compare as fcmp
from seqcore.ui import predict
from seqcore.ui import stepper as step_ui

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first


@memo(CacheStore("gru_param_rows", max_entries=16))
def param_rows(input_size: int, hidden_size: int, num_layers: int) -> list[params.ParamRow]:
    return params.compare_params(input_size, hidden_size, num_layers)


def notation_choice() -> str:
    """The notation radio ("표기", "lesson" or "pytorch") of the gates part."""
    return st.radio(
        "표기",
        list(gru_forms.NOTATIONS),
        format_func=gru_forms.NOTATIONS.get,
        horizontal=True,
        **ui.keep("gru_notation"),
    )


def two_gates():
    st.header("GRU의 2가지 게이트")
    notation = notation_choice()
    lesson = notation == "lesson"
    st.caption("그림, 식, 코드가 모두 고른 표기 하나로 바뀌어요. z의 뜻과 리셋 게이트의 자리가 서로 달라요.")
    st.graphviz_chart(cell_diagrams.gru_cell_lesson() if lesson else cell_diagrams.gru_cell_pytorch())
    left, right = st.columns(2)
    with left:
        st.markdown("**1. 리셋 게이트 (Reset Gate)**: 이전 정보를 얼마나 무시할지")
        st.latex(r"r_t = \sigma(W_r \cdot [h_{t-1}, x_t] + b_r)")
        st.markdown(
            "**2. 업데이트 게이트 (Update Gate)**: "
            + ("새 정보의 비율" if lesson else "이전 상태를 남길 비율")
        )
        st.latex(r"z_t = \sigma(W_z \cdot [h_{t-1}, x_t] + b_z)")
    with right:
        st.markdown("**은닉 상태 업데이트** (" + gru_forms.NOTATIONS[notation] + ")")
        if lesson:
            st.latex(r"\tilde{h}_t = \tanh(W_h \cdot [r_t \odot h_{t-1}, x_t] + b_h)")
            st.latex(r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t")
        else:
            st.latex(r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))")
            st.latex(r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}")
    names = ("sigma", "tanh", "odot") + (("concat",) if lesson else ("n_t",))
    st.caption(symbols.caption(*names))
    forms_code = [gru_forms.lesson_step, gru_forms.lesson_update] if lesson else [gru_forms.pytorch_step]
    st.code("\n\n".join(ui.source(f) for f in forms_code), language="python")

    st.subheader("두 표기는 같은 셀일까요?")
    forms = gru_forms.compare_gru_forms(seed=ui.seed())
    st.markdown(
        "PyTorch에서 z는 '이전 상태를 얼마나 남길지'라서, z 자리에 1 − z를 넣으면 **업데이트 줄**은 같아져요. "
        "그런데 **후보** 줄은 달라요: 강의는 r을 행렬곱 전에 h에 곱하고, PyTorch는 행렬곱 뒤에 곱합니다. "
        "`nn.GRU` 하나의 가중치를 두 식에 똑같이 넣고 같은 입력(batch 2, 6시점, input 10, hidden 20)을 흘려 봤어요."
    )
    st.code(
        f"torch.allclose(pytorch_form, gru_outputs)  # {forms.pytorch_close} (최대 차이 {forms.pytorch_max_diff:.1e})\n"
        f"torch.allclose(lesson_form, gru_outputs)   # {forms.lesson_close} (z 자리에 1 - z를 넣은 강의 식)\n"
        "시점별 최대 차이: " + ", ".join(f"{d:.3f}" for d in forms.step_diffs),
        language="python",
    )
    st.markdown(gru_forms.forms_summary(forms))


def module_and_scratch():
    st.header("PyTorch nn.GRU 사용법")
    batch, seq_len, input_size, hidden, _ = ui.shape_sliders("gru", layers=False)
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
    check = scratch.scratch_check("gru", batch, seq_len, input_size, hidden, seed=ui.seed())
    st.markdown(
        f"`nn.GRU`는 세 블록을 **{', '.join(check.block_names)}** 순서로 쌓아요 "
        f"(n이 후보 h̃예요). 그래서 `weight_ih_l0`의 모양은 {check.weight_shapes['weight_ih_l0']} = (3 × hidden, input)입니다. "
        "세 조각으로 잘라 식의 이름을 붙인 셀에 넣고 같은 입력과 무작위 h0를 흘려 봅니다."
    )
    st.code(
        f"torch.allclose(outputs, scratch_outputs)  # {check.outputs_close}\n"
        f"torch.allclose(h_n[0], scratch_h)         # {check.h_close}\n"
        f"최대 차이: {check.max_abs_diff:.2e}",
        language="python",
    )


def one_step_at_a_time():
    st.header("GRU가 문장을 읽는 모습: 한 시점씩")
    st.markdown(
        "학습된 GRU에 문장을 넣고 시점을 하나씩 옮겨 보세요. r, z, 후보가 모두 실제 값이에요. "
        "스위치를 켜면 강의 표기로 써요: 강의의 z는 PyTorch의 1 − z(새 정보의 비율)이고, "
        r"업데이트 줄 $(1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$ 가 nn.GRU의 $h_t$와 같은지 실제 값으로 확인해요 "
        "(torch.allclose). "
        "후보는 nn.GRU의 식 그대로예요: 강의의 후보 식은 r을 곱하는 자리가 달라 다른 셀이 됩니다 ('두 게이트' 탭의 비교)."
    )
    # The step-through's own switch starts in the notation last chosen in the '두 게이트' part.
    notation = st.session_state.get("gru_notation", next(iter(gru_forms.NOTATIONS)))  # the radio's default
    lesson = notation == "lesson"
    step_ui.tagger_step_through("gru", ui.seed(), "gru_step", lesson=lesson)


def param_counts():
    st.header("파라미터 수 비교")
    cols = st.columns(3)
    p_in = cols[0].number_input("input_size", 1, 512, 100, **ui.keep("gru_param_input"))
    p_hidden = cols[1].number_input("hidden_size", 1, 512, 256, **ui.keep("gru_param_hidden"))
    p_layers = cols[2].number_input("num_layers", 1, 3, 1, **ui.keep("gru_param_layers"))
    rows = param_rows(int(p_in), int(p_hidden), int(p_layers))
    gru_count = next(r.counted for r in rows if r.kind == "GRU")
    question = predict.Question(
        "gru_guess",
        f"nn.GRU(input_size={p_in}, hidden_size={p_hidden}, num_layers={p_layers})의 파라미터 수는?",
        "count",
        gru_count,
        params.why("GRU", int(p_in), int(p_hidden), int(p_layers)),
    )
    if not predict.ask(question, (p_in, p_hidden, p_layers)):
        return
    st.latex(r"\text{파라미터 수} = \text{게이트 블록 수} \times (H \cdot I + H \cdot H + 2H)")
    st.caption(
        "층이 여러 개면 층마다 더해요. 두 번째 층부터는 I 자리에 H가 들어가요. torch는 편향을 두 개(b_ih, b_hh) 두므로 2H입니다."
    )
    st.dataframe(params.table_rows(rows), hide_index=True)
    ui.chart(
        fcmp.param_bars,
        {r.kind: r.formula for r in rows},
        {r.kind: r.counted for r in rows},
        key="gru_params",
    )


def versus_lstm():
    st.header("LSTM vs GRU 비교표")
    st.markdown(
        "강의의 표를 그대로 옮기고, 줄마다 **이 앱이 이 컴퓨터에서 잰 값**을 붙였어요: 실제 모듈의 파라미터 수, "
        "순전파+역전파 시간, 기울기 소실 페이지의 장기 의존성 실험(길이 30) 정확도입니다."
    )
    table, _ = ui.train_or_last(
        gru_table.TABLE_STORE,
        gru_table.measure_table,
        gru_table.TableConfig(seed=ui.seed()),
        key="gru_table_run",
        button="이 컴퓨터에서 재기",
        label="LSTM · GRU 재는 중",
        idle="버튼을 누르면 시간과 정확도를 이 앱에서 직접 재요 (처음에는 20초쯤 걸려요). 아래는 강의의 표 그대로예요.",
    )
    if table is None:
        st.markdown(gru_table.markdown_table(gru_table.lesson_table()))
    else:
        st.markdown(gru_table.markdown_table(gru_table.table_rows(table)))
        st.markdown(gru_table.table_verdict(table))
    st.markdown(gru_table.PUBLISHED)

    st.header("RNN vs LSTM vs GRU 학습 곡선 비교")
    st.markdown(
        "강의의 실험을 그대로 돌립니다: 주가 데이터(0~1 정규화), 30일 윈도우, 훈련 윈도우 앞 100개, "
        "hidden 32, Adam lr 0.01, 전체 배치. 세 모델의 초기 가중치를 사이드바 시드로 뽑아 같은 조건에서 시작해요 (시드 42면 강의의 `torch.manual_seed(42)`와 같은 값이에요)."
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
        ui.chart(fcmp.learning_curves, result.losses, key="gru_curves", container=left)
        ui.chart(fcmp.time_bars, result.seconds, key="gru_times", container=right)
        st.dataframe(compare.result_rows(result), hide_index=True)
        st.caption(
            f"한 번 학습한 설정의 결과예요 · {result.device} · 시간은 이 컴퓨터의 그때 부하에 따라 달라져요."
        )
        st.markdown(compare.comparison_verdict(result))
        ui.page_link("pages/vanishing_gradient.py", "기울기 소실 페이지의 장기 의존성 실험 보기")


st.title("1.5 GRU (Gated Recurrent Unit)")
st.markdown(
    "GRU는 LSTM의 간소화 버전입니다. LSTM의 3개 게이트를 2개로 줄이고, 셀 상태 없이 은닉 상태만 사용해요."
)

ui.sections(
    "gru_part",
    {
        "두 게이트": two_gates,
        "nn.GRU와 밑바닥 셀": module_and_scratch,
        "한 시점씩 읽기": one_step_at_a_time,
        "파라미터 수": param_counts,
        "LSTM과 비교": versus_lstm,
    },
)
