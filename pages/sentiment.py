"""2.3 텍스트 감성 분석 (+ 2.4 학습 곡선): the lesson's SentimentLSTM, padding, negation, real reviews."""

import pandas as pd
import streamlit as st

from seqcore import ui
from seqcore.core.runtime import count_params
from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS
from seqcore.figures import diagrams
from seqcore.figures import sentiment as figs
from seqcore.sentiment import corpus, hunger, inside, report, uci
from seqcore.sentiment import models as sm
from seqcore.sentiment.baselines import rnn_name
from seqcore.sentiment.inputs import check_input, input_messages
from seqcore.sentiment.rnn import RNNConfig, prefix_probabilities

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

MAX_CHARS = 2000
# RNNConfig field -> widget key suffix (two per column).
RNN_KNOBS = {
    "cell": "cell",
    "bidirectional": "bidir",
    "num_layers": "layers",
    "dropout": "dropout",
    "hidden_size": "hidden",
    "epochs": "epochs",
}


def ask(label: str, default: str, key: str) -> str:
    """A learner's sentence (kept across reruns, not in the URL)."""
    return st.text_input(label, default, max_chars=MAX_CHARS, **ui.keep(key, url=False))


def show_notes(notes):
    for level, message in notes:
        (st.warning if level == "warning" else st.info)(message)


def show_verdict(check, probability: float, label: str) -> None:
    """A big verdict only when the model could read the text; otherwise why not, and the number small."""
    reason = report.unreadable_reason(check)
    if reason:
        st.error(reason, icon="🚫")
        st.caption(f"참고로 모델이 낸 값: 긍정 확률 {probability:.3f} (판단에 쓰지 마세요)")
    elif not check.empty:
        ui.chart(figs.probability_gauge, probability, key=f"sentiment_gauge_{label}")
        st.markdown(f"예측: **{'긍정' if probability > 0.5 else '부정'}** (긍정 확률 {probability:.3f})")


st.title("2.3 텍스트 감성 분석")
st.markdown(
    "영화 리뷰를 보고 **긍정(1) / 부정(0)** 을 맞히는 모델입니다. 수업의 `SentimentLSTM`을 그대로 학습하고, "
    "패딩과 임베딩을 들여다본 뒤, 부정어 'not'을 이해하는 모델과 **실제 리뷰**로 넘어가요."
)


def lesson_model():
    """1. The lesson's SentimentLSTM as it is: padding, 'not', the seed study."""
    st.header("1. 수업의 SentimentLSTM 그대로")
    st.graphviz_chart(diagrams.sentiment_lstm())
    with ui.folded("수업 코드 (이 앱이 실제로 실행하는 클래스)", key="sentiment_code_open") as shown:
        if shown:
            st.code(ui.source(sm.SentimentLSTM), language="python")
    lesson_cfg = sm.LessonConfig(seed=ui.seed())
    lesson = ui.train_cached(sm.LESSON_STORE, sm.train_lesson, lesson_cfg, label="수업 모델 학습 중")
    left, right = st.columns([3, 2])
    ui.chart(figs.loss_curve, lesson.history.train_loss, key="sentiment_lesson_loss", container=left)
    right.metric("파라미터 수 (count_params)", f"{count_params(lesson.model):,}")
    right.metric("마지막 에포크 Loss", f"{lesson.history.train_loss[-1]:.2e}")
    right.caption(f"시드 {lesson_cfg.seed} · 학습 {lesson.history.seconds:.1f}초 · {lesson.history.device}")
    rows = [sm.predict_lesson(lesson.model, r) for r in LESSON_TEST_REVIEWS]
    st.markdown("**수업의 테스트 리뷰** (방금 학습한 모델로 계산)")
    # Small fixed tables are st.table: the first part loads no data grid (bench.browser).
    st.table(report.lesson_table(LESSON_TEST_REVIEWS, rows), hide_index=True)
    if note := report.lesson_wrong_note(lesson_cfg.seed, report.lesson_wrong(LESSON_TEST_LABELS, rows)):
        st.warning(note)

    text = ask("리뷰를 직접 입력해 보세요 (영어)", "this movie was great", "sentiment_text")
    pred = sm.predict_lesson(lesson.model, text)
    show_notes(input_messages(pred.check, 10))
    if not pred.check.empty:
        c1, c2 = st.columns([2, 3])
        c1.table(
            pd.DataFrame({"위치": range(10), "모델이 보는 토큰": pred.shown, "인덱스": pred.indices}),
            hide_index=True,
        )
        with c2:
            st.markdown(f"`text_to_indices` → `{pred.indices}`")
            show_verdict(pred.check, pred.probability, "lesson")
            if pred.check.truncated:
                st.text(report.truncated_text(text))  # learner text: plain, never markdown
    padding_and_not(lesson, text)


def padding_and_not(lesson, text: str):
    """Part 1, continued: what padding does to the last state, and the word the lesson lacks."""
    st.subheader("패딩이 마지막 은닉 상태에 들어가요")
    pad = inside.padding_report(lesson.model, text)
    if pad is None:
        st.info("영어 단어가 한 개 이상 있어야 패딩을 비교할 수 있어요.")
    else:
        problem, fixes = report.padding_texts(pad)
        st.markdown(problem)
        for col, (label, value, delta) in zip(st.columns(3), report.padding_metrics(pad)):
            col.metric(label, value, delta)
        st.markdown(fixes)

    st.subheader("수업 모델이 못 하는 것: 'not'")
    st.markdown(
        f"어휘에 `not`이 없어요. 그래서 `not good at all`은 `{sm.predict_lesson(lesson.model, 'not good at all').shown[:4]}`로 "
        "보이고, 학습 데이터에 `<UNK>`가 한 번도 없어서 모델은 그 뜻을 배운 적이 없어요."
    )
    study = sm.SeedStudy()
    seeds, _ = ui.train_or_last(
        sm.SEEDS_STORE,
        sm.run_seed_study,
        study,
        key="sentiment_seed_button",
        button="시드 0~4로 다섯 번 다시 학습해 확인하기",
        label="시드 0~4 학습 중",
        idle=report.seed_study_idle(study.seeds, lesson.history.seconds),
    )
    if seeds is not None:
        ui.chart(figs.seed_study_chart, seeds, study.seeds, key="sentiment_seed_chart")
        st.markdown("\n".join(report.seed_lines(seeds, study.sentences, study.expected)))


def order_aware_model():
    """2. An order-aware model on the app's sentences, against bag-of-words and n-grams."""
    st.header("2. 순서를 이해하는 모델")
    data = corpus.generate()
    st.markdown(
        f"이 앱이 만든 영어 문장 {len(data.train):,}개(학습)와 {len(data.held_out):,}개(검증, 학습에 없던 새 표현)입니다. "
        f"손으로 쓴 **부정 프로브** {len(data.probes)}개는 학습에서 뺐어요. 학습 중에 단어의 10%를 `<UNK>`로 바꿔서 "
        "(word dropout) 모델이 모르는 단어를 만나는 법도 배워요."
    )
    cols = st.columns(3)
    knobs = {
        name: ui.knob_widget(RNNConfig, name, key=f"sentiment_{key}", container=cols[i // 2])
        for i, (name, key) in enumerate(RNN_KNOBS.items())
    }
    cfg = RNNConfig(**knobs, seed=ui.seed())
    comp, _ = ui.train_or_last(
        corpus.CORPUS_STORE,
        corpus.corpus_comparison,
        cfg,
        key="sentiment_rnn_train",
        button="학습하고 비교하기",
        label=f"{rnn_name(cfg)} 학습 중",
        idle=report.CORPUS_IDLE,
    )
    if comp is not None:
        st.dataframe(report.corpus_table(comp), hide_index=True)
        st.markdown("**검증 문장을 종류별로 나누면** (순서가 답을 정하는 종류에서 단어 가방이 무너져요)")
        st.dataframe(report.corpus_kind_table(comp, data), hide_index=True)
        left, right = st.columns(2)
        ui.chart(figs.accuracy_bars, comp.accuracy, key="sentiment_rnn_bars", container=left)
        ui.chart(
            figs.loss_curve,
            comp.rnn.history.train_loss,
            title=f"{rnn_name(comp.rnn.config)} 학습 곡선",
            key="sentiment_rnn_loss",
            container=right,
        )
        st.caption(f"학습 장치: {comp.rnn.history.device}")
        with st.expander("부정 프로브 하나하나 (✓ 맞음, ✗ 틀림)"):
            st.dataframe(report.probe_table(comp, data), hide_index=True)
        text2 = ask("영어 리뷰를 한 단어씩 읽혀 보기", "the acting was not at all good", "sentiment_text2")
        reading = prefix_probabilities(comp.rnn, text2)
        show_notes(input_messages(reading.check, comp.rnn.config.max_len))
        if report.unreadable_reason(reading.check):
            st.error(report.unreadable_reason(reading.check), icon="🚫")
        elif reading.tokens:
            ui.chart(
                figs.prefix_chart,
                reading.tokens,
                reading.probabilities,
                reading.known,
                key="sentiment_prefix",
            )
            st.caption(
                "k번째 점은 처음 k개 단어만 넣었을 때의 긍정 확률이에요. 회색 (UNK)는 어휘에 없는 단어예요."
            )


def real_reviews():
    """3. Real reviews (UCI): the default is trained at start-up (ui.train_soon); the embedding."""
    st.header("3. 실제 리뷰: UCI Sentiment Labelled Sentences")
    st.markdown(
        "Kotzias et al. (KDD 2015)의 문장들 (CC BY 4.0). IMDb와 Amazon 각 1,000문장은 앱에 **들어 있어서** 인터넷 없이 "
        "바로 학습해요. 버튼으로 UCI 저장소에서 Yelp 1,000문장을 더 받을 수 있어요."
    )
    if st.button("UCI 저장소에서 Yelp 문장 받기", key="sentiment_uci_download"):
        try:
            uci.load()
            st.success("받았어요. 이제 Yelp가 들어간 나누기도 고를 수 있어요.")
        except uci.UCIUnavailable:
            st.warning(report.OFFLINE_NOTE)
    reviews = uci.load_available()
    split = st.selectbox(
        "나누는 방법",
        uci.available_splits(reviews),
        format_func=uci.split_label,
        **ui.keep("sentiment_split"),
    )
    ucfg = uci.UCIConfig(split=split, data_id=uci.fingerprint(reviews))
    st.caption(report.loaded_caption(reviews) + f" · 데이터 지문 {ucfg.data_id}")
    if ucfg == uci.default_config(reviews):  # the default runs by itself (and is prewarmed at start-up)
        res = ui.train_soon(
            uci.UCI_STORE, uci.train_uci, ucfg, label="실제 리뷰 모델을 준비하는 중"
        )  # the page goes on
    else:
        res, _ = ui.train_or_last(
            uci.UCI_STORE,
            uci.train_uci,
            ucfg,
            key="sentiment_uci_train",
            button="이 방법으로 학습하기",
            label="실제 리뷰로 학습 중",
        )
    if res is not None:
        st.dataframe(
            report.model_table(res.accuracy, res.seconds, uci.split_label(res.config.split)), hide_index=True
        )
        st.markdown(report.uci_verdict(res))
        st.caption(report.uci_caption(res))
        text3 = ask(
            "실제 리뷰 모델에 문장 넣어 보기 (영어)", "the battery is not good at all", "sentiment_text3"
        )
        tokens, evidence, weights = res.run.word_weights(text3)
        check = check_input(text3, lambda t: t in res.run.vocab, tokens, res.config.model.max_len)
        show_verdict(check, res.run.probability(text3), "uci")
        if tokens and not report.unreadable_reason(check):
            ui.chart(figs.word_weights_chart, tokens, evidence, weights, key="sentiment_uci_words")
            unk = [t for t in tokens if t not in res.run.vocab]
            st.text("<UNK>가 된 단어: " + (" ".join(unk) if unk else "없음"))

        st.subheader("임베딩: 단어를 벡터로 바꾸는 표")
        st.markdown(report.EMBEDDING_TEXT)
        itos = list(res.run.vocab.stoi)
        word = st.selectbox("단어 고르기", report.embedding_choices(itos), **ui.keep("sentiment_word"))
        near = inside.nearest_words(res.run.model.embedding.weight, itos, word)
        st.dataframe(pd.DataFrame(near, columns=["가까운 단어", "코사인 유사도"]).round(3), hide_index=True)
        st.caption(report.EMBEDDING_NOTE)


def data_hunger():
    """4. How much data before word order helps: accuracy by training-set size."""
    st.header("4. 데이터가 얼마나 있어야 순서가 도움이 될까")
    reviews = uci.load_available()  # the same sentences as part 3 (read from disk, not a widget)
    hcfg = hunger.HungerConfig(seed=ui.seed(), data_id=uci.fingerprint(reviews))
    hres, _ = ui.train_or_last(
        hunger.HUNGER_STORE,
        hunger.train_hunger,
        hcfg,
        key="sentiment_hunger_train",
        button="크기별로 학습하기",
        label="데이터 크기별 학습 중",
        idle=report.hunger_idle(hcfg.fractions),
    )
    if hres is not None:
        names = {"corpus": "만든 문장 (순서가 답을 정함)", "uci": "실제 리뷰 (UCI, 무작위 나누기)"}
        for col, (key, title) in zip(st.columns(2), names.items()):
            ui.chart(
                figs.hunger_chart,
                hres.fractions,
                hres.sizes[key],
                hres.accuracy[key],
                title,
                key=f"sentiment_hunger_{key}",
                container=col,
            )
            col.markdown(
                report.hunger_verdict(hres.fractions, hres.accuracy[key], hunger.RECURRENT, hunger.BOW)
            )


ui.sections(
    "sentiment_part",
    {
        "1. 수업 모델": lesson_model,
        "2. 순서를 이해하는 모델": order_aware_model,
        "3. 실제 리뷰": real_reviews,
        "4. 데이터 양": data_hunger,
    },
)
