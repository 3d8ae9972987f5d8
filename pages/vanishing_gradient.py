"""1.3 기울기 소실: BPTT, the lesson's simulation, real gradients, long dependency, truncated BPTT, clipping."""

import streamlit as st

from seqcore import ui
from seqcore.basics import clipping, gradients, longdep, symbols, tbptt
from seqcore.basics.clipping import ClipConfig
from seqcore.basics.gradients import ProbeConfig, plain_number
from seqcore.basics.longdep import DependencyConfig
from seqcore.basics.tbptt import TBPTTConfig
from seqcore.core.registry import DISPLAY_NAMES
from seqcore.figures import gradients as fgr
from seqcore.ui import predict
from seqcore.ui.knob_row import knob_row

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("1.3 기울기 소실 문제 (Vanishing Gradient)")
DEP_KEYS = {"epochs": "epochs", "hidden_size": "hidden", "gate_bias": "bias"}  # field -> widget key suffix
MULTI = {"select_all": False, "placeholder": "길이를 골라 주세요"}  # no English "Select all"
PROBE_KEYS = {"seq_len": "len", "hidden_size": "hidden", "weight_scale": "scale", "forget_bias": "fbias"}


def bptt_and_simulation():
    """BPTT's sum of products, then the lesson's simulation: one multiplier per step back."""
    st.header("왜 발생하는가? 시간을 거슬러 가는 역전파 (BPTT)")
    st.markdown(
        "RNN은 모든 시점에서 같은 가중치 $W_{hh}$를 써요. 그래서 $W_{hh}$의 그래디언트는 시점마다 생기는 항을 "
        "**모두 더한 값**이에요(d2l의 'Backpropagation Through Time'). 시점 $k$에서 생긴 항은 $h_t$에서 $h_k$까지 "
        "거슬러 가는 곱을 거쳐요."
    )
    st.latex(  # two short rows and a second formula: each fits a 390 px phone
        r"\begin{aligned}\frac{\partial L}{\partial W_{hh}} &= \sum_{t=1}^{T}\sum_{k=1}^{t}"
        r"\frac{\partial L_t}{\partial h_t} \\ &\quad \times \Big(\prod_{j=k+1}^{t}"
        r"\frac{\partial h_j}{\partial h_{j-1}}\Big)\frac{\partial^{+} h_k}{\partial W_{hh}}\end{aligned}"
    )
    st.latex(r"\frac{\partial h_j}{\partial h_{j-1}} = \operatorname{diag}\big(\tanh'(a_j)\big)\,W_{hh}")
    st.caption(symbols.caption("partial_plus", "a_j", "tanh_prime", "diag", "jacobian"))
    st.markdown(
        "- 강의의 식 $\\frac{\\partial h_T}{\\partial h_{T-1}}\\cdots\\frac{\\partial h_2}{\\partial h_1}$은 "
        "이 합 가운데 **가장 긴 곱 하나**예요.\n"
        "- 한 칸 거슬러 갈 때 곱하는 것은 tanh′(≤ 1)만이 아니라 **$W_{hh}$까지 곱한 야코비안**입니다. "
        "이 행렬이 벡터를 줄이면 긴 곱은 0으로 **소실**, 키우면 **폭발**해요. tanh′ ≤ 1이어도 $W_{hh}$가 크면 폭발합니다 "
        "('실제 그래디언트' 탭에서 '가중치 배율'을 3으로 올려 보세요).\n"
        "- 결과: 먼 시점에서 오는 항이 합에서 사라져, 앞쪽 시점의 정보가 학습되지 않아요."
    )

    st.header("기울기 소실 시뮬레이션")
    st.markdown(
        "강의의 `simulate_gradient_flow`예요. 한 시점 거슬러 올라갈 때마다 그래디언트에 같은 배수를 곱합니다. "
        "**시뮬레이션**이라서 실제 모델은 없어요. 배수를 1보다 크게 하면 반대로 **폭발**합니다."
    )
    cols = st.columns([2, 3, 1.3])
    multiplier = cols[0].slider(
        "배수 (gradient_multiplier)", 0.1, 1.5, 0.7, step=0.05, **ui.keep("vanishing_gradient_mult")
    )
    lengths = cols[1].multiselect(
        "시퀀스 길이",
        [5, 10, 30, 50, 100, 150, 200],
        default=[10, 30, 50, 100],
        **MULTI,
        **ui.keep("vanishing_gradient_sim_lengths"),
    )
    log_y = cols[2].toggle("로그 축", value=True, **ui.keep("vanishing_gradient_log"))
    if not lengths:
        st.info("시퀀스 길이를 하나 이상 골라 주세요.")
    else:
        sim = {f"길이 {n}": gradients.simulate_gradient_flow(n, multiplier) for n in sorted(lengths)}
        ui.chart(fgr.gradient_simulation, sim, log_y, multiplier, key="vanishing_gradient_sim_chart")
        st.markdown(
            "\n".join(
                f"- 시퀀스 길이 {n}: 첫 시점 그래디언트 = **{plain_number(sim[f'길이 {n}'][0])}**"
                for n in sorted(lengths)
            )
        )


def real_gradients():
    """Real nn.RNN, nn.LSTM and nn.GRU: the gradient each step's input gets from the last step's loss."""
    st.header("실제 모델의 그래디언트")
    st.markdown(
        "이번에는 진짜 `nn.RNN`, `nn.LSTM`, `nn.GRU`(같은 은닉 크기, 같은 입력)로 계산합니다. "
        "**마지막 시점의 은닉 상태만 보는 손실** L을 만들고 `backward()`한 뒤, 각 시점 입력 $x_t$가 받은 "
        "그래디언트 크기 $\\lVert \\partial L / \\partial x_t \\rVert$를 그려요. 앞쪽 시점(그래프에서 t가 작은 쪽)으로 갈수록 작아지면 기울기 소실입니다. "
        "`가중치 배율`은 순환 가중치 $W_{hh}$에 곱하는 값이에요."
    )
    st.caption(symbols.caption("norm"))
    cfg = ProbeConfig(**knob_row(ProbeConfig, "vanishing_gradient", PROBE_KEYS), seed=ui.seed())
    probes = gradients.probe_models(cfg)
    question = predict.Question(
        "vanishing_gradient_guess",
        f"길이 {cfg.seq_len}에서 첫 시점 입력에 남는 그래디언트가 마지막 시점에 비해 가장 작은(가장 많이 소실되는) 모델은?",
        "choice",
        DISPLAY_NAMES[gradients.most_vanished(probes)],
        gradients.ratio_line(probes),
        options=tuple(DISPLAY_NAMES[k] for k in probes),
    )
    if not predict.ask(question, cfg):
        return
    ui.chart(
        fgr.gradient_norms, {k: p.norms for k, p in probes.items()}, key="vanishing_gradient_norms_chart"
    )
    cols = st.columns(4)
    for col, (kind, probe) in zip(cols, probes.items()):
        col.metric(
            f"{DISPLAY_NAMES[kind]}: 첫 시점 / 마지막 시점",
            plain_number(gradients.first_to_last_ratio(probe.norms)),
        )
    cols[3].metric("LSTM 평균 망각 게이트 f", f"{probes['lstm'].forget_mean:.2f}")
    st.markdown(
        "LSTM의 셀 상태 경로에서는 $\\partial C_t/\\partial C_{t-1} = f_t$예요. 그래서 망각 게이트가 1보다 작으면 "
        "LSTM의 그래디언트도 시점마다 줄어요. PyTorch 기본 초기화에서는 f가 평균 0.5 근처라 LSTM도 소실됩니다. "
        "**망각 게이트 편향**을 올려 보세요: f가 1에 가까워지면 그래디언트가 멀리까지 살아남아요. 그래서 LSTM은 "
        "기울기 소실을 '해결'하기보다 **완화**해요. 게이트는 그래디언트를 지킬 수단을 주고, 그 수단을 쓰는 법은 "
        "학습해야 합니다. (편향은 LSTM에만 더해요. RNN에는 게이트가 없고, GRU는 다음 실험에서 다뤄요.)"
    )
    st.caption(
        "학습 전 초기 가중치에서 계산한 값이에요. 배율을 3 이상으로 올리면 RNN의 그래디언트는 앞쪽에서 폭발합니다."
    )


def long_dependency():
    """The first value decides the label: RNN, LSTM and GRU trained per length, tested on held-out data."""
    st.header("장기 의존성 문제 (Long-term Dependency)")
    st.markdown(
        "기울기 소실의 결과: 앞쪽의 중요한 정보가 뒤쪽으로 전달되지 않아요.\n\n"
        '> 예시: "나는 프랑스에서 태어났고, ... (많은 문장들) ..., 그래서 [?]어를 잘한다."\n\n'
        "직접 실험해 봐요. 각 시퀀스의 **첫 번째 값**(+1 또는 −1)이 정답을 정하고, 나머지는 전부 잡음입니다 "
        "(표준편차 3). 두 번째 특징은 '첫 시점' 표시예요. 시퀀스 길이마다 RNN, LSTM, GRU를 새로 학습하고 "
        "따로 뽑은 테스트 데이터에서 정확도를 잽니다. 50%는 찍기 수준이에요."
    )
    left, right = st.columns([2, 3])
    d_lengths = left.multiselect(
        "시퀀스 길이 (최대 6개)",
        [2, 5, 10, 15, 20, 30, 40, 60],
        default=list(DependencyConfig().lengths),
        max_selections=longdep.MAX_LENGTHS,
        **MULTI,
        **ui.keep("vanishing_gradient_dep_lengths"),
    )
    with right:
        dep_knobs = knob_row(DependencyConfig, "vanishing_gradient_dep", DEP_KEYS)
    st.markdown(
        "**게이트 편향 초기화**는 LSTM의 망각 게이트(GRU는 업데이트 게이트)가 처음부터 '기억 유지' 쪽으로 "
        "열려 있게 하는 설정이에요. Keras의 LSTM은 망각 게이트 편향에 기본으로 1을 더합니다. "
        "0(PyTorch 기본값)으로 바꾸면 같은 에포크 안에서는 LSTM과 GRU도 길이 20에서 실패하기도 해요. "
        "게이트는 기억할 **수단**을 줄 뿐, 그 수단을 쓰는 법은 학습해야 하기 때문입니다."
    )
    if not d_lengths:
        st.info("시퀀스 길이를 하나 이상 골라 주세요.")
    else:
        dep_cfg = DependencyConfig(lengths=tuple(sorted(d_lengths)), **dep_knobs, seed=ui.seed())
        res, _ = ui.train_or_last(
            longdep.LONGDEP_STORE,
            longdep.run_dependency_experiment,
            dep_cfg,
            key="vanishing_gradient_dep_run",
            button="실험 실행",
            label="RNN · LSTM · GRU 학습 중",
            idle=f"버튼을 누르면 {len(d_lengths) * 3}개 모델을 학습해요. 기본 설정은 보통 15초 안에 끝나고, 결과는 저장돼요.",
        )
        if res is not None:
            ui.chart(fgr.dependency_accuracy, res.lengths, res.accuracy, key="vanishing_gradient_dep_chart")
            st.dataframe(longdep.result_rows(res), hide_index=True)
            st.markdown("**이번 실행 결과**\n\n" + longdep.summary(res))
            st.caption(f"학습 {len(res.lengths) * 3}번, 전체 {res.seconds:.1f}초 (전체 배치 Adam).")


def truncated_bptt():
    """detach() every k steps: where the gradient stops, and what a GRU can still learn per k."""
    st.header("긴 스트림: 잘린 BPTT (Truncated BPTT)")
    st.markdown(
        "끝이 없는 스트림(센서, 긴 글)을 한 번에 역전파하면 모든 시점의 활성값을 저장해야 해요. 그래서 보통 "
        "**k 시점마다 은닉 상태를 `detach()`** 해요. 은닉 상태의 **값**은 다음 조각으로 넘어가지만, 그래디언트는 "
        "조각의 시작에서 멈춥니다. 비용은 한 번에 k 시점만 저장하면 된다는 것, 대가는 **k 시점 이상 떨어진 의존성은 배울 수 없다**는 거예요 (손실과 그 원인이 한 조각 안에 있어야 그래디언트가 닿아요).\n\n"
        "실험: ±1이 무작위로 나오는 스트림에서 시점 t의 정답은 **lag 시점 전의 값**이에요. k를 바꿔 GRU를 학습합니다. "
        "아래가 실제로 돌아가는 학습 코드이고, 그 아래 막대는 마지막 시점의 손실에서 나온 그래디언트가 어디서 멈추는지 보여 줘요."
    )
    st.code(ui.source(tbptt.train_truncated), language="python")
    t_k = st.select_slider(
        "detach() 간격 k", TBPTTConfig().windows, value=8, **ui.keep("vanishing_gradient_tb_k")
    )
    ui.chart(fgr.truncated_reach, tbptt.gradient_reach(t_k), t_k, key="vanishing_gradient_tb_reach")
    tb_cfg = TBPTTConfig(
        **knob_row(TBPTTConfig, "vanishing_gradient_tb", {"lag": "lag", "epochs": "epochs"}), seed=ui.seed()
    )
    tb, _ = ui.train_or_last(
        tbptt.TBPTT_STORE,
        tbptt.run_tbptt_experiment,
        tb_cfg,
        key="vanishing_gradient_tb_run",
        button="잘린 BPTT 실험 실행",
        label="k마다 GRU 학습 중",
        idle=f"버튼을 누르면 k = {', '.join(map(str, tb_cfg.windows))}로 GRU {len(tb_cfg.windows)}개를 학습해요 (보통 15초 안).",
    )
    if tb is not None:
        ui.chart(fgr.tbptt_accuracy, tb.windows, tb.accuracy, tb.lag, key="vanishing_gradient_tb_chart")
        st.dataframe(tbptt.result_rows(tb), hide_index=True)
        st.markdown(tbptt.tbptt_summary(tb))
        st.caption(f"스트림 {tb_cfg.n_streams}개 × {tb.stream_len} 시점, Adam lr {tb_cfg.lr} · {tb.device}")


def exploding():
    """Exploding gradients: the same RNN trained with and without clip_grad_norm_."""
    st.header("기울기 폭발과 Gradient Clipping")
    st.markdown(
        "반대로 $W_{hh}$가 크면 그래디언트가 시점마다 커져 **폭발**해요. 학습이 한 번에 크게 튀어 손실이 발산합니다. "
        "`torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)`은 전체 그래디언트 노름이 max_norm을 넘으면 "
        "그 길이로 줄여 줘요. 같은 초기 가중치의 RNN을 클리핑 없이, 그리고 클리핑하여 SGD로 학습해 비교합니다. "
        "정답은 첫 다섯 입력의 평균이고, **항상 0을 예측하는 기준선**과 함께 봐요."
    )
    keys = {"weight_scale": "scale", "max_norm": "norm", "steps": "steps", "seq_len": "len"}
    clip_cfg = ClipConfig(**knob_row(ClipConfig, "vanishing_gradient_clip", keys), seed=ui.seed())
    runs, _ = ui.train_or_last(
        clipping.CLIPPING_STORE,
        clipping.clipping_experiment,
        clip_cfg,
        key="vanishing_gradient_clip_run",
        button="클리핑 비교 실행",
        label="클리핑 비교 학습 중",
    )
    if runs is not None:
        clip_series = clipping.clipping_series(runs)
        baseline = clipping.zero_baseline(runs.config)
        ui.chart(
            fgr.clipping_runs,
            clip_series,
            runs.config.max_norm,
            baseline,
            key="vanishing_gradient_clip_chart",
        )
        st.markdown(clipping.clipping_summary(runs))
        st.caption(f"전체 배치 SGD, lr {runs.config.lr} · {runs['clip'].device}")


ui.sections(
    "vanishing_gradient_part",
    {
        "BPTT와 시뮬레이션": bptt_and_simulation,
        "실제 그래디언트": real_gradients,
        "장기 의존성": long_dependency,
        "잘린 BPTT": truncated_bptt,
        "기울기 폭발": exploding,
    },
    next_page=("pages/lstm.py", "다음: LSTM이 이 문제를 완화하는 방법 →"),
)
