"""1.1 시퀀스 데이터: the four kinds of sequence, order matters (computed), DNN/CNN limits."""

import streamlit as st

from seqcore import ui
from seqcore.basics import order, symbols
from seqcore.basics.gradients import plain_number
from seqcore.figures import basics as fb
from seqcore.ui import predict

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

st.title("1.1 시퀀스 데이터란?")
st.markdown(
    "**시퀀스 데이터**: 데이터 포인트들이 특정 순서로 배열되어 있고, 이 순서가 중요한 의미를 갖는 데이터입니다."
)


def order_matters():
    """Four kinds of sequence, then two sentences of the same words: bag, mean and RNN state."""
    st.header("시퀀스 데이터의 특징")
    ui.chart(fb.sequence_examples, order.SEQUENCE_EXAMPLES, key="sequence_data_examples")
    st.caption("강의의 네 가지 예시예요. 가로축은 순서(t)입니다. 순서를 바꾸면 다른 데이터가 돼요.")
    two_sentences()


def two_sentences():
    """Part 1, continued: two sentences of the same words, computed three ways."""
    st.header("순서가 중요하다: 직접 계산해 보기")
    st.markdown(
        "같은 단어로 만든 두 문장을 비교합니다. 단어마다 고정된 벡터를 하나씩 주고(같은 단어는 어디에 있든 같은 벡터), "
        "**순서를 무시하는 표현**(단어 가방, 단어 벡터의 평균)과 **실제 `nn.RNN`이 단어를 하나씩 읽고 남긴 마지막 은닉 상태**를 "
        "나란히 계산해요. RNN은 학습하지 않은, 사이드바 시드로 고정한 초기 가중치 그대로입니다."
    )
    text_a = st.text_input(
        "문장 A", order.SENTENCE_A, max_chars=order.MAX_CHARS, **ui.keep("sequence_data_a")
    )
    mode = st.radio(
        "문장 B 만들기",
        ["직접 입력", "A의 단어 순서 뒤집기", "A의 단어 섞기"],
        horizontal=True,
        **ui.keep("sequence_data_mode"),
    )
    text_b = st.text_input(
        "문장 B (직접 입력)",
        order.SENTENCE_B,
        max_chars=order.MAX_CHARS,
        **ui.keep("sequence_data_b"),
        disabled=mode != "직접 입력",
    )
    split = st.toggle("조사 떼어 내기 (고양이가 → 고양이 + 가)", value=True, **ui.keep("sequence_data_split"))
    with st.expander("설정"):
        cols = st.columns(2)
        dim = cols[0].slider("단어 벡터 차원", 2, 32, 8, **ui.keep("sequence_data_dim"))
        hidden = cols[1].slider("RNN 은닉 크기", 2, 32, 8, **ui.keep("sequence_data_hidden"))

    tok_a = order.tokenize(text_a, split)
    if mode == "직접 입력":
        tok_b = order.tokenize(text_b, split)
    else:
        how = "reverse" if mode == "A의 단어 순서 뒤집기" else "shuffle"
        tok_b = order.Tokens(order.rearrange(tok_a.tokens, how, ui.seed()), tok_a.truncated, tok_a.total)

    if not tok_a.tokens or not tok_b.tokens:
        st.warning("문장이 비어 있어요. 띄어쓰기로 구분한 단어를 하나 이상 입력해 주세요.")
    else:
        for name, tok in (("A", tok_a), ("B", tok_b)):
            if tok.truncated:
                st.info(
                    f"문장 {name}가 길어서 앞의 {order.MAX_WORDS}개 토큰만 사용해요 (전체 {tok.total}개)."
                )
        comp = order.compare_orders(tok_a.tokens, tok_b.tokens, dim, hidden, ui.seed())
        # The learner's words: shown as plain text, never as markdown.
        st.text(f"A 토큰: {' · '.join(comp.tokens_a)}\nB 토큰: {' · '.join(comp.tokens_b)}")
        answer, why = order.state_verdict(comp)
        prompt = "문장 A와 B를 같은 nn.RNN에 한 단어씩 읽히면, 마지막 은닉 상태 h_n이 같을까요?"
        question = predict.Question(
            "sequence_data_guess", prompt, "choice", answer, why, options=("같다", "다르다")
        )
        if predict.ask(question, (tuple(comp.tokens_a), tuple(comp.tokens_b), dim, hidden, ui.seed())):
            show_comparison(comp)


def show_comparison(comp) -> None:
    """The two sentences' tokens, then bag, mean and RNN state side by side, computed."""
    if comp.tokens_a == comp.tokens_b:
        st.info("두 문장의 토큰이 순서까지 똑같아요. 단어가 하나뿐이면 뒤집거나 섞어도 같은 문장이 됩니다.")
    elif not comp.same_words:
        st.info(
            "두 문장의 단어 구성이 달라서 순서를 무시하는 표현도 달라져요. 같은 단어로 순서만 바꿔 보세요."
        )
    cols = st.columns(3)
    cols[0].metric("단어 가방", "같음" if comp.bow_equal else "다름")
    norm = symbols.caption("norm")
    cols[1].metric(
        "평균 벡터 거리 ‖A−B‖", plain_number(comp.mean_distance), help=norm + ". 0이면 같은 벡터예요."
    )
    cols[2].metric(
        "RNN 은닉 상태 거리 ‖h_A−h_B‖", f"{comp.h_distance:.4f}", help=norm + ". 0이면 같은 상태예요."
    )
    ui.chart(fb.order_comparison, comp, key="sequence_data_order")
    st.markdown(
        f"- `np.allclose(mean_A, mean_B)` → **{comp.mean_equal}**\n- `torch.allclose(h_n_A, h_n_B)` → **{comp.h_equal}**"
    )
    if comp.same_words and comp.tokens_a != comp.tokens_b:
        st.success(
            "같은 단어, 다른 순서: 평균과 단어 가방은 똑같지만 RNN의 마지막 은닉 상태는 달라요. "
            "RNN은 순서를 보는 모델이라서, 학습하기 전부터 이미 두 문장을 다르게 표현합니다."
        )


def dnn_cnn_limits():
    """What DNN and CNN do with order, and the lesson's concat-versus-mean example."""
    st.header("기존 모델(DNN, CNN)의 한계")
    st.markdown(
        """
| 모델 | 강의의 설명 | 더 정확히는 |
|------|------------|------------|
| DNN | 입력을 1차원 벡터로 취급 -> 순서 정보 파괴 | 이어 붙이면 순서는 **남아요**(아래 계산). 다만 길이가 고정되고, 같은 단어도 자리마다 따로 배워야 해요. 평균·합으로 합칠 때 순서가 사라집니다 |
| CNN | 공간적 특징 추출에 특화 -> 시간적 연속성 모델링 어려움 | 1-D **인과(causal) 합성곱**은 과거만 보며 시계열에 잘 쓰여요(WaveNet, TCN). 다만 한 층이 보는 범위가 커널 크기로 정해져, 먼 과거를 보려면 층을 쌓거나 dilation을 키워야 해요 |
"""
    )
    st.subheader("DNN에 순서 넣기: 이어 붙이기와 평균")
    ex = order.dnn_concat_example()
    st.code(
        f"words = {order.LESSON_WORDS}  # 간단한 임베딩\n"
        'input1 = np.concatenate([words["not"], words["good"]])  # "not good"\n'
        'input2 = np.concatenate([words["good"], words["not"]])  # "good not"\n\n'
        f"'not good': {ex['concat_not_good']}\n"
        f"'good not': {ex['concat_good_not']}\n\n"
        "# 평균을 내면 (순서 무시)\n"
        f"'not good': {ex['mean_not_good']}\n"
        f"'good not': {ex['mean_good_not']}",
        language="python",
    )
    st.markdown(
        "이어 붙이면(concat) 순서가 바뀔 때 입력도 바뀌어요: 순서 정보는 **파괴되지 않아요**. 하지만 같은 단어가 "
        "자리마다 다른 가중치에 곱해져서, 'not'이 첫 자리에서 배운 것을 둘째 자리에서 다시 배워야 해요. "
        "입력 길이도 고정되어야 하고요. 평균을 내면 아예 같은 입력이 돼 순서가 사라집니다. "
        "모든 시점에 같은 가중치를 쓰면서 길이에 상관없이 읽는 모델이 다음 페이지의 RNN이에요."
    )


ui.sections(
    "sequence_data_part",
    {"시퀀스와 순서": order_matters, "DNN·CNN의 한계": dnn_cnn_limits},
    next_page=("pages/rnn.py", "다음: RNN 구조 →"),
)
