"""Home: the lesson's goals, why it matters, its summary tables, the model guide and tips.

The lesson's tables are kept, with the places where the app's own computations say otherwise
corrected and pointed to the page that shows the computation. No torch here: the first page
a learner opens must draw in a moment.
"""

import streamlit as st

from seqcore import ui
from seqcore.figures import cell_diagrams
from seqcore.ui.catalog import PAGES, SECTION_ADVANCED, SECTION_BASICS, SECTION_QUIZ

BASICS = [p.path for p in PAGES if p.section == SECTION_BASICS]
ADVANCED = [p.path for p in PAGES if p.section == SECTION_ADVANCED]
# The lesson's goals, worded as the lesson numbers them, on the page that teaches each. A page the
# lesson has no goal for keeps its catalog title; every page is listed in the catalog's order. A
# link's label is one line that Streamlit cuts at the column's edge: each fits a 390 px phone.
GOALS = {
    "pages/sequence_data.py": "1. 시퀀스 데이터의 특성 이해하기",
    "pages/rnn.py": "2. RNN(순환 신경망) 구조 이해하기",
    "pages/vanishing_gradient.py": "3. 기울기 소실 문제 이해하기",
    "pages/lstm.py": "4. LSTM 게이트 메커니즘 이해하기",
    "pages/gru.py": "5. GRU 구조 이해하기",
    "pages/language_model.py": "더 해 보기: 문자 생성 (한 글자씩 글을 쓰는 RNN)",
    "pages/birnn.py": "1. 양방향 RNN (Bidirectional) 이해하기",
    "pages/stock.py": "2. 시계열 예측 실습 (주가) + 4. Plotly로 시각화",
    "pages/sentiment.py": "3. 텍스트 감성 분석 실습하기 (실제 리뷰 문장)",
    "pages/quiz.py": "실습 퀴즈",
}


def goal_links(*sections: str) -> None:
    """One link per catalog page of these sections, in the catalog's (the lesson's) order."""
    for info in PAGES:
        if info.section in sections:
            ui.page_link(info.path, GOALS.get(info.path, info.title))


def link_row(paths: list[str]) -> None:
    """One page link per column, with the catalog's title and icon."""
    for col, path in zip(st.columns(len(paths)), paths):
        with col:
            ui.page_link(path)


st.title("Day17_1: RNN, LSTM, GRU (시퀀스 모델링)")
st.markdown(
    "순서가 의미를 갖는 데이터를 다루는 **순환 신경망**을 직접 만져 보며 배우는 실습실입니다. "
    "각 페이지의 숫자와 그래프는 모두 이 앱이 방금 실행한 PyTorch 계산에서 나와요. "
    "실제 `nn.RNN`, 실제 학습, 실제 그래디언트입니다."
)

st.header("학습 목표")
left, right = st.columns(2)
with left:
    st.subheader(SECTION_BASICS)
    goal_links(SECTION_BASICS)
with right:
    st.subheader(SECTION_ADVANCED)
    goal_links(SECTION_ADVANCED, SECTION_QUIZ)
    st.caption(
        "문자 생성은 강의의 목표 밖에서 더한 페이지예요. GRU 다음에, 같은 순환 셀이 모든 시점에서 다음 글자를 "
        "맞히며(many-to-many) 한 글자씩 글을 쓰는 모습을 직접 학습해 봐요. "
        "강의의 목표 2와 4는 같은 페이지에서 만나요: 주가 예측 페이지가 예측을 학습하고, "
        "예측과 실제를 Plotly 그래프로 겹쳐 보여 줍니다. "
        "감성 분석은 강의가 예로 든 IMDB 데이터셋(리뷰 5만 개) 대신, 함께 들어 있는 실제 리뷰 문장 "
        "(UCI Sentiment Labelled Sentences의 IMDb·Amazon 문장), 이 앱이 만든 문장 모음, "
        "강의의 예제 문장으로 학습해요."
    )

st.header("왜 이것을 배우나요?")
st.markdown(
    """
| 개념 | 실무 활용 | 예시 |
|------|----------|------|
| 시퀀스 데이터 | 순서가 중요한 데이터 처리 | 주가, 텍스트, 센서 데이터 |
| RNN | 시간적 패턴 학습 | 음성 인식, 번역 (인코더-디코더로) |
| LSTM | 장기 의존성 학습 | 긴 문장 이해, 복잡한 시계열 |
| GRU | 효율적인 시퀀스 모델링 | 실시간 예측, 모바일 배포 |
"""
)
st.caption(
    "RNN을 시간 방향으로 펼친 모습: 모든 시점이 같은 가중치를 공유하고, 은닉 상태 h가 다음 시점으로 전달돼요."
)
st.graphviz_chart(cell_diagrams.unrolled_rnn(4))
st.info(
    "**분석가 관점**: RNN 계열 모델은 시계열 예측과 자연어 처리의 핵심입니다. "
    "LSTM과 GRU는 게이트 덕분에 기본 RNN보다 훨씬 먼 과거의 정보를 붙잡을 수 있어, "
    "주가 예측, 감성 분석, 번역 등 다양한 실무에서 활용됩니다!"
)

st.header("학습 정리")
st.subheader("Part 1: 기초 핵심 요약")
st.markdown(
    """
| 개념 | 핵심 내용 | 실무 활용 |
|-----|----------|----------|
| 시퀀스 데이터 | 순서가 중요한 데이터 | 시계열, 텍스트, 음성 |
| RNN | $h_t = f(h_{t-1}, x_t)$ | 순차 패턴 학습 |
| 기울기 소실 | 긴 시퀀스에서 학습 어려움 | LSTM/GRU가 **완화** (해결은 아니에요) |
| LSTM | 3개 게이트 + Cell State | 장기 의존성 학습 |
| GRU | 2개 게이트 (간소화) | LSTM보다 적은 파라미터 (같은 크기에서 3/4) |
"""
)
st.caption(
    '강의 표는 "LSTM/GRU로 해결"이라고 쓰지만, 정확히는 **완화**예요. LSTM의 셀 상태를 따라가는 '
    "기울기는 매 시점 망각 게이트 값 $f_t$만큼 곱해져서($\\partial C_t / \\partial C_{t-1} = f_t$), "
    "게이트가 1에 가깝게 열려 있어야만 살아남아요. 게이트는 기울기를 지킬 **길**을 주고, "
    "그 길을 쓰는 법은 모델이 배워야 합니다. 기울기 소실 페이지와 LSTM 페이지에서 실제 그래디언트로 확인해 보세요."
)
link_row(BASICS)

st.subheader("Part 2: 심화 핵심 요약")
st.markdown(
    """
| 개념 | 핵심 내용 | 언제 사용? |
|-----|----------|----------|
| 문자 생성 (이 앱에서 더함) | Many-to-Many: 매 시점 다음 글자 | 텍스트 생성, 자동 완성 |
| 양방향 RNN | 과거 + 미래 정보 활용 | 텍스트 분류, NER |
| 시계열 예측 | Many-to-One | 주가, 날씨 예측 |
| 감성 분석 | Embedding + LSTM | 리뷰 분류 |
| 시각화 | Plotly | 예측 vs 실제 비교 |
"""
)
link_row(ADVANCED)

st.header("RNN 계열 모델 선택 가이드")
st.markdown(
    """
1. **기본 시작**: GRU (간단: 게이트 블록이 3개라 같은 크기 LSTM 파라미터의 3/4)
2. **성능 부족 시**: LSTM으로 전환
3. **텍스트 분류**: Bidirectional 추가
4. **시계열 예측**: 단방향으로 충분
"""
)
st.caption(
    '강의는 GRU를 "빠르고 간단"하다고 소개해요. 간단한 것은 맞습니다: 파라미터 수는 '
    "게이트 블록 수 × (H·I + H·H + 2H)이고, 블록이 GRU 3개, LSTM 4개예요. 하지만 **빠르다**는 "
    "기기와 구현에 따라 달라요. 이 앱을 만든 CPU에서는 오히려 GRU가 LSTM보다 느렸어요. "
    "GRU 페이지에서 지금 이 기기로 두 모델의 파라미터 수와 학습 시간을 직접 재 볼 수 있어요. "
    "정확도는 여러 과제에서 둘이 비슷하다는 연구 결과가 있어요 "
    "(Chung et al. 2014, *Empirical Evaluation of Gated Recurrent Neural Networks on Sequence Modeling*; "
    'Greff et al. 2017, *LSTM: A Search Space Odyssey*). 그래서 "GRU로 시작"은 규칙이 아니라 '
    "출발점이고, 두 모델을 모두 재 보는 것이 가장 정확해요."
)
link_row(["pages/gru.py", "pages/lstm.py", "pages/birnn.py", "pages/stock.py"])

st.header("실무 팁")
st.markdown(
    """
1. **데이터 정규화**: 시계열 데이터는 반드시 정규화 (MinMaxScaler 또는 StandardScaler)
2. **시퀀스 길이**: 너무 길면 학습 어려움, 도메인에 맞게 설정
3. **Dropout**: 과적합 방지, 0.2~0.5 사이
4. **Gradient Clipping**: 기울기 폭발 방지 (`torch.nn.utils.clip_grad_norm_`)
5. **Early Stopping**: 검증 손실 기반 조기 종료
"""
)
cols = st.columns(3)
with cols[0]:
    ui.page_link("pages/stock.py", "정규화 · Dropout · Early Stopping → 주가 예측")
with cols[1]:
    ui.page_link("pages/vanishing_gradient.py", "시퀀스 길이 · Gradient Clipping → 기울기 소실")
with cols[2]:
    ui.page_link("pages/quiz.py", "배운 내용 확인 → 퀴즈")
