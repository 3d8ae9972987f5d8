"""2.3 텍스트 감성 분석 (+ 2.4 학습 곡선): the lesson's SentimentLSTM, negation, real reviews."""

import inspect

import pandas as pd
import streamlit as st

from seqcore import ui
from seqcore.core.runtime import count_params
from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS, LESSON_VOCAB
from seqcore.figures import diagrams
from seqcore.figures import sentiment as figs
from seqcore.sentiment import corpus, uci
from seqcore.sentiment import models as sm
from seqcore.sentiment.baselines import rnn_name

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

MAX_CHARS = 2000


def show_notes(notes):
    for level, message in notes:
        (st.warning if level == "warning" else st.info)(message)


st.title("2.3 텍스트 감성 분석")
st.markdown(
    "영화 리뷰를 보고 **긍정(1) / 부정(0)** 을 맞히는 모델입니다. 먼저 수업의 `SentimentLSTM`을 그대로 "
    "학습해 보고, 이 모델이 못 하는 것(부정어 'not')을 확인한 뒤, 단어 순서를 이해하는 모델과 "
    "실제 리뷰 데이터로 넘어가요."
)

# ------------------------------------------------------------------ 1. the lesson's model
st.header("1. 수업의 SentimentLSTM 그대로")
st.graphviz_chart(diagrams.sentiment_lstm())
with st.expander("수업 코드 (이 앱이 실제로 실행하는 클래스)"):
    st.code(inspect.getsource(sm.SentimentLSTM), language="python")
    st.markdown(
        "어휘 22개, `text_to_indices`로 길이 10에 맞춰 패딩/자르기, 문장 10개를 20번 복제한 200개, "
        "Embedding 32 → BiLSTM 64 → Linear → Sigmoid, `BCELoss`, Adam lr 0.01, 배치 16, 50 에포크."
    )

lesson_cfg = sm.LessonConfig(seed=ui.seed())
lesson = ui.train_cached(sm.LESSON_STORE, sm.train_lesson, lesson_cfg, label="수업 모델 학습 중")
left, right = st.columns([3, 2])
with left:
    st.plotly_chart(figs.loss_curve(lesson.history.train_loss), key="sentiment_lesson_loss")
with right:
    st.metric("파라미터 수 (count_params)", f"{count_params(lesson.model):,}")
    st.metric("마지막 에포크 Loss", f"{lesson.history.train_loss[-1]:.2e}")
    st.caption(f"시드 {lesson_cfg.seed} · 학습 {lesson.history.seconds:.1f}초 (한 번 학습하면 저장돼요)")

rows = []
for review in LESSON_TEST_REVIEWS:
    p = sm.predict_lesson(lesson.model, review)
    rows.append({"리뷰": review, "예측": p.label, "긍정 확률": round(p.probability, 4)})
st.markdown("**수업의 테스트 리뷰** (방금 학습한 모델로 계산)")
st.dataframe(pd.DataFrame(rows), hide_index=True)
wrong = [
    r["리뷰"] for r, want in zip(rows, LESSON_TEST_LABELS.values()) if (r["예측"] == "긍정") != bool(want)
]
if wrong:
    st.warning(
        f"수업 노트에서는 네 리뷰를 모두 맞혔지만, 시드 {lesson_cfg.seed}로 학습한 이 모델은 "
        + ", ".join(f"`{w}`" for w in wrong)
        + "를 틀렸어요. 학습 문장과 모양이 다른 리뷰는 시드(운)에 따라 답이 바뀌어요."
    )

text = st.text_input(
    "리뷰를 직접 입력해 보세요 (영어)",
    "this movie was great",
    max_chars=MAX_CHARS,
    key="sentiment_lesson_text",
)
pred = sm.predict_lesson(lesson.model, text)
show_notes(sm.input_messages(pred.check, 10))
if not pred.check.empty:
    table = pd.DataFrame({"위치": range(10), "모델이 보는 토큰": pred.shown, "인덱스": pred.indices})
    c1, c2 = st.columns([2, 3])
    c1.dataframe(table, hide_index=True, height=390)
    with c2:
        st.markdown(f"`text_to_indices` → `{pred.indices}`")
        st.plotly_chart(figs.probability_gauge(pred.probability), key="sentiment_lesson_gauge")
        st.markdown(f"예측: **{pred.label}** (긍정 확률 {pred.probability:.3f})")
        if pred.check.truncated:
            cut = text.lower().split()[10:]
            st.caption("잘린 단어: " + " ".join(cut[:30]) + (" …" if len(cut) > 30 else ""))

st.subheader("수업 모델이 못 하는 것: 'not'")
unk = [w for w in ("not", "never", "but") if w not in LESSON_VOCAB]
st.markdown(
    f"어휘에 {', '.join(f'`{w}`' for w in unk)}가 없어요. 그래서 `not good at all`은 "
    f"`{sm.predict_lesson(lesson.model, 'not good at all').shown[:4]}`로 보입니다. 모델은 **키워드**(good, "
    "terrible)만 보고 판단할 수밖에 없어요. 시드를 바꿔 다시 학습해도 그럴까요?"
)
study = sm.SeedStudy()
if st.button("시드 0~4로 다섯 번 다시 학습해 확인하기", key="sentiment_seed_button"):
    st.session_state["sentiment_seed_study"] = True
if st.session_state.get("sentiment_seed_study"):
    probs = ui.train_cached(sm.SEEDS_STORE, sm.run_seed_study, study, label="시드 0~4 학습 중")
    st.plotly_chart(figs.seed_study_chart(probs, study.seeds), key="sentiment_seed_chart")
    for sentence, want in zip(study.sentences, study.expected):
        n_pos = sum(p > 0.5 for p in probs[sentence])
        wrong = n_pos if want == 0 else len(study.seeds) - n_pos
        st.markdown(
            f"- `{sentence}` (뜻: {'부정' if want == 0 else '긍정'}) → 5개 시드 중 **{n_pos}개에서 긍정**, "
            f"틀린 시드 {wrong}개"
        )
    st.caption(
        "막대가 0.5 위면 긍정이에요. 맞는 시드가 있어도 운일 뿐이에요: 'not'은 `<UNK>`이고, 학습 데이터에 `<UNK>`가 한 번도 없어서 모델은 그 뜻을 배운 적이 없어요."
    )
else:
    st.info("버튼을 누르면 수업 모델을 시드 0~4로 다섯 번 학습해요 (CPU에서 수십 초).")

# ------------------------------------------------------------------ 2. an order-aware model
st.header("2. 순서를 이해하는 모델")
data = corpus.generate()
st.markdown(
    f"이 앱이 만든 영어 문장 {len(data.train):,}개(학습)와 {len(data.held_out):,}개(검증)입니다. "
    "검증 문장은 학습에 없던 **새 표현**(주어, 꾸밈말, 부정 문형)으로 만들었어요. "
    f"손으로 쓴 **부정 프로브** {len(data.probes)}개는 학습에서 뺐습니다."
)
samples = [next(e for e in data.train if e.kind == k) for k in corpus.KINDS]
st.dataframe(
    pd.DataFrame(
        [
            {"종류": corpus.KIND_NAMES[e.kind], "문장": e.text, "정답": "긍정" if e.label else "부정"}
            for e in samples
        ]
    ),
    hide_index=True,
)
c1, c2, c3 = st.columns(3)
cell = c1.selectbox("셀", ["lstm", "gru"], format_func=str.upper, key="sentiment_rnn_cell")
bidir = c1.toggle("양방향 (bidirectional)", value=False, key="sentiment_rnn_bidir")
layers = c2.slider("층 수 (num_layers)", 1, 3, 1, key="sentiment_rnn_layers")
dropout = c2.slider("드롭아웃", 0.0, 0.5, 0.0, 0.1, key="sentiment_rnn_dropout")
hidden = c3.select_slider("hidden_size", [16, 32, 64], 32, key="sentiment_rnn_hidden")
epochs = c3.slider("에포크", 2, 10, 6, key="sentiment_rnn_epochs")
cfg = sm.RNNConfig(
    cell=cell,
    bidirectional=bidir,
    num_layers=layers,
    dropout=dropout,
    hidden_size=hidden,
    epochs=epochs,
    seed=ui.seed(),
)
st.caption(
    "패딩은 `pack_padded_sequence`로 감싸서 마지막 은닉 상태에 들어가지 않아요. 출력은 로짓 하나, 손실은 "
    "`BCEWithLogitsLoss`. 비교 기준: 같은 데이터로 학습한 TF-IDF + 로지스틱 회귀 (단어 가방, 단어+바이그램)."
)
if st.button("학습하고 비교하기", key="sentiment_rnn_train", type="primary"):
    st.session_state["sentiment_rnn_cfg"] = cfg
trained_cfg = st.session_state.get("sentiment_rnn_cfg")
if trained_cfg is None:
    st.info("버튼을 누르면 순환 모델과 두 기준 모델을 학습해요 (CPU에서 10초 안팎).")
else:
    if trained_cfg != cfg:
        st.warning("설정이 바뀌었어요. 아래 결과는 이전 설정입니다. 다시 학습하려면 버튼을 누르세요.")
    comp = ui.train_cached(
        corpus.CORPUS_STORE,
        corpus.corpus_comparison,
        trained_cfg,
        label=f"{rnn_name(trained_cfg)} 학습 중",
    )
    name = rnn_name(trained_cfg)
    kinds = {
        m: corpus.kind_accuracy(data.held_out, comp.probabilities[m][corpus.HELD_OUT]) for m in comp.models()
    }
    table = pd.DataFrame(
        [
            {
                "모델": m,
                **{k: f"{v:.1%}" for k, v in comp.accuracy[m].items()},
                "학습 시간 (초)": round(comp.seconds[m], 2),
            }  # fmt: skip
            for m in comp.models()
        ]
    )
    st.dataframe(table, hide_index=True)
    st.markdown("**검증 문장을 종류별로 나누면** (순서가 답을 정하는 종류에서 단어 가방이 무너져요)")
    st.dataframe(
        pd.DataFrame(
            [
                {"모델": m, **{corpus.KIND_NAMES[k]: f"{v:.1%}" for k, v in kinds[m].items()}}
                for m in comp.models()
            ]
        ),
        hide_index=True,
    )
    left, right = st.columns(2)
    left.plotly_chart(figs.accuracy_bars(comp.accuracy), key="sentiment_rnn_bars")
    right.plotly_chart(
        figs.loss_curve(comp.rnn.history.train_loss, title=f"{name} 학습 곡선"), key="sentiment_rnn_loss"
    )
    with st.expander("부정 프로브 하나하나 (✓ 맞음, ✗ 틀림)"):
        probe_rows = []
        for i, e in enumerate(data.probes):
            row = {"문장": e.text, "정답": "긍정" if e.label else "부정"}
            for m in comp.models():
                p = comp.probabilities[m][corpus.PROBE_SET][i]
                row[m] = f"{'✓' if (p > 0.5) == bool(e.label) else '✗'} {p:.2f}"
            probe_rows.append(row)
        st.dataframe(pd.DataFrame(probe_rows), hide_index=True)

    st.subheader("내 문장을 한 단어씩 읽혀 보기")
    text2 = st.text_input(
        "영어 리뷰", "the acting was not at all good", max_chars=MAX_CHARS, key="sentiment_rnn_text"
    )
    reading = sm.prefix_probabilities(comp.rnn, text2)
    show_notes(sm.input_messages(reading.check, trained_cfg.max_len))
    if reading.tokens:
        st.plotly_chart(
            figs.prefix_chart(reading.tokens, reading.probabilities, reading.known), key="sentiment_prefix"
        )
        st.caption(
            "k번째 점은 처음 k개 단어만 넣었을 때의 긍정 확률이에요. 'not' 뒤에서 어떻게 뒤집히는지 보세요."
            + (" 양방향 모델은 접두사마다 전체를 다시 읽어요." if trained_cfg.bidirectional else "")
        )
        full = comp.predict(text2)
        st.dataframe(
            pd.DataFrame(
                [
                    {"모델": m, "긍정 확률": round(p, 3), "예측": "긍정" if p > 0.5 else "부정"}
                    for m, p in full.items()
                ]
            ),
            hide_index=True,
        )

# ------------------------------------------------------------------ 3. real reviews
st.header("3. 실제 리뷰: UCI Sentiment Labelled Sentences")
st.markdown(
    "Kotzias et al. (2015)의 3,000문장 (IMDb, Amazon, Yelp 각 1,000개, CC BY 4.0). 버튼을 누르면 UCI 저장소에서 "
    "받아 디스크에 저장해요. 한 출처로 학습해 **다른 출처**에서 시험하면, 모델이 처음 보는 종류의 리뷰에 얼마나 "
    "통하는지 알 수 있어요."
)
split = st.selectbox(
    "나누는 방법",
    ["imdb+amazon->yelp", "imdb->amazon", "random"],
    format_func=uci.split_label,
    key="sentiment_uci_split",
)
if st.button("데이터 받고 학습하기", key="sentiment_uci_train"):
    try:
        uci.load()
        st.session_state["sentiment_uci"] = {"error": None, "split": split}
    except uci.UCIUnavailable:
        st.session_state["sentiment_uci"] = {"error": "offline", "split": split}
state = st.session_state.get("sentiment_uci")
if state is None:
    st.info("버튼을 누르면 데이터를 받고 GRU와 기준 모델을 학습해요 (CPU에서 20초 이내).")
elif state["error"]:
    st.warning(
        "UCI 저장소에서 데이터를 받을 수 없어요 (인터넷 연결이 없는 것 같아요). "
        "위의 내장 코퍼스로는 계속 실습할 수 있어요. 연결된 뒤 버튼을 다시 눌러 주세요."
    )
else:
    if state["split"] != split:
        st.warning("나누는 방법이 바뀌었어요. 아래 결과는 이전 방법입니다. 다시 학습하려면 버튼을 누르세요.")
    reviews = uci.load(allow_download=False)
    if state["split"] not in uci.available_splits(reviews):
        st.warning(
            f"'{uci.split_label(state['split'])}'에 필요한 출처 파일이 없어요. 다른 방법을 골라 주세요."
        )
    else:
        counts = ", ".join(f"{uci.SOURCE_NAMES[s]} {len(v):,}" for s, v in reviews.items())
        st.caption(
            f"불러온 문장: {counts} (줄바꿈 `\\n`으로만 나누고, 줄마다 마지막 탭에서 라벨을 떼어 냈어요)"
        )
        ucfg = uci.UCIConfig(split=state["split"])
        res = ui.train_cached(
            uci.UCI_STORE,
            lambda c, on_epoch: uci.uci_comparison(c, reviews, on_epoch),
            ucfg,
            label="실제 리뷰로 학습 중",
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "모델": m,
                        **{k: f"{v:.1%}" for k, v in res.accuracy[m].items()},
                        "학습 시간 (초)": round(res.seconds[m], 2),
                    }
                    for m in res.models()
                ]  # fmt: skip
            ),
            hide_index=True,
        )
        left, right = st.columns(2)
        left.plotly_chart(figs.accuracy_bars(res.accuracy, "실제 리뷰 정확도"), key="sentiment_uci_bars")
        right.plotly_chart(
            figs.loss_curve(
                res.rnn.history.train_loss, res.rnn.history.val_loss, "GRU 학습 곡선 (조기 종료)"
            ),
            key="sentiment_uci_loss",
        )
        test_name = uci.split_label(state["split"])
        rnn_acc = res.accuracy[rnn_name(ucfg.rnn)][test_name]
        best_base, base_acc = max(
            ((m, a[test_name]) for m, a in res.accuracy.items() if m in res.baselines), key=lambda t: t[1]
        )
        stop = (
            f"검증 Loss가 {res.rnn.history.best_epoch} 에포크에서 가장 낮아 그 가중치로 돌아갔어요"
            if res.rnn.history.stopped_early
            else "끝까지 학습했어요"
        )
        verdict = (
            f"이번에는 {best_base}({base_acc:.1%})가 순환 모델({rnn_acc:.1%})보다 나았어요"
            if base_acc > rnn_acc
            else f"이번에는 순환 모델({rnn_acc:.1%})이 {best_base}({base_acc:.1%})보다 나았어요"
        )
        st.markdown(
            f"{verdict}. 학습 문장이 {len(res.rnn.vocab):,}개 단어 어휘에 비해 적어서 순환 모델은 금방 외워 버려요 "
            f"({stop}). 순서의 힘은 데이터가 많거나, 위의 부정·대조 문장처럼 순서가 답을 정할 때 드러납니다."
        )
