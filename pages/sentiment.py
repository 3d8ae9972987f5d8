"""2.3 텍스트 감성 분석 (+ 2.4 학습 곡선): the lesson's SentimentLSTM, padding, negation, real reviews."""

import pandas as pd
import streamlit as st

from seqcore import ui
from seqcore.core.runtime import count_params
from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS
from seqcore.figures import diagrams
from seqcore.figures import sentiment as figs
from seqcore.figures import sentiment_ko as kofigs
from seqcore.sentiment import (
    corpus,
    hunger,
    inside,
    ko_builds,
    ko_demo,
    ko_eval,
    ko_read,
    ko_report,
    report,
    uci,
    uci_report,
)
from seqcore.sentiment import models as sm
from seqcore.sentiment.baselines import rnn_name
from seqcore.sentiment.inputs import check_input, input_messages
from seqcore.sentiment.rnn import RNNConfig, prefix_probabilities
from seqcore.ui import predict

ui.require_entry_point()  # a deep link on a fresh server runs the entry point first

MAX_CHARS = 2000


def ask(label: str, default: str, key: str) -> str:
    """A learner's sentence (kept across reruns, not in the URL)."""
    return st.text_input(label, default, max_chars=MAX_CHARS, **ui.keep(key, url=False))


def show_notes(notes):
    for level, message in notes:
        (st.warning if level == "warning" else st.info)(message)


def show_verdict(check, probability: float, label: str) -> None:
    """A big verdict only when the model could read the text; otherwise why not, and the number small."""
    if reason := report.unreadable_reason(check):
        st.error(reason, icon="🚫")
        st.caption(f"참고로 모델이 낸 값: 긍정 확률 {probability:.3f} (판단에 쓰지 마세요)")
    elif not check.empty:
        ui.chart(figs.probability_gauge, probability, key=f"sentiment_gauge_{label}")
        st.markdown(f"예측: **{'긍정' if probability > 0.5 else '부정'}** (긍정 확률 {probability:.3f})")


st.title("2.3 텍스트 감성 분석")
st.markdown(report.PAGE_INTRO)


def korean_reviews():
    """The Korean reviews (NSMC): the shipped model reads the learner's sentence piece by piece."""
    st.header("한국어 영화 리뷰 (NSMC)")
    if (model := ko_read.shipped()) is None:
        return st.info(ko_read.MISSING)
    st.markdown(ko_report.intro(model.info))
    st.caption("부정 하나 차이인 문장 쌍: 눌러서 넣어 보세요")
    pairs = st.columns(len(ko_read.CONTRAST_PAIRS))
    for i, t in enumerate(t for pair in ko_read.CONTRAST_PAIRS for t in pair):  # a click fills the box
        fill = {"on_click": st.session_state.update, "kwargs": {"sentiment_ko_text": t}}
        pairs[i // 2].button(t, key=f"sentiment_ko_pair{i}", width="stretch", **fill)
    text = ask("한국어 리뷰를 입력해 보세요", "지루하지는 않았다", "sentiment_ko_text")
    reading = ko_read.read(model, text)
    st.code(ko_report.pieces_line(reading), language=None)  # learner text: a code block, never markdown
    st.caption(ko_report.pieces_caption(model.config.tokenizer, reading))
    if reason := reading.unreadable():
        st.error(ko_read.UNREADABLE[reason], icon="🚫")
    elif predict.ask(predict.Question(**ko_report.guess(reading)), reading.text):
        korean_verdicts(model, reading)  # the model's reading, once the learner has guessed
    korean_measures(model)
    korean_demo(model, text)


def korean_verdicts(model, reading):
    """The recurrent model's verdict after each piece, and the bag of words beside it."""
    left, right = st.columns([3, 2])
    series = (reading.pieces, reading.probabilities, reading.known)
    ui.chart(kofigs.piece_reading_chart, *series, key="sentiment_ko_reading", container=left)
    left.markdown(ko_report.verdict_line(reading.probability))
    left.caption(ko_report.reading_note(reading, ko_read.turning_points(reading), model.config))
    with right:
        if (bow := ui.train_soon(*ko_eval.KO_BOW_RUN, label="단어 가방 준비 중")) is not None:
            st.markdown(ko_report.bow_line(bow, reading.text))
            pushes = tuple(bow.model.contributions(reading.text))
            ui.chart(kofigs.bow_pushes_chart, pushes, key="sentiment_ko_bow")
            st.caption(ko_report.LOGIT)


def korean_measures(model):
    """How it was chosen and how far to trust it: tokenizers, the baseline, probes, reliability."""
    st.subheader("토큰화는 측정해서 골랐어요")
    if (table := ko_report.tokenizer_table()) is not None:
        kinds, more, data = table
        st.table(kinds, hide_index=True)
        st.caption(ko_report.tokenizer_caption(data, model.config.tokenizer))
        st.markdown(ko_report.VARIANTS_HEAD)
        st.table(more, hide_index=True)
    if (builds := ko_builds.builds_table(model.config, one_build="members" not in model.info)) is not None:
        st.markdown(builds[1])  # which build the page uses, and why: above its table
        st.table(builds[0], hide_index=True)
    st.markdown(ko_builds.ensemble_line(model.info) + ko_report.comparison(model.info))
    st.markdown(ko_report.probes_line(model.info))
    st.subheader("확률은 확신이 아니에요")
    rel = ko_report.reliability_series(model.info)
    ui.chart(kofigs.reliability_chart, *rel, key="sentiment_ko_reliability")
    st.caption(ko_report.calibration_note(model.info))


def korean_demo(model, text: str):
    """The same recipe made small, trained here on a click: the queue, a progress bar, a verdict."""
    st.subheader("같은 방법으로 작게 직접 학습해 보기")
    st.markdown(ko_report.DEMO_INTRO)
    cfg = ko_demo.KoDemoConfig(seed=ui.seed())
    button = {"key": "sentiment_ko_demo", "button": "작은 모델 학습하기", "idle": ko_report.DEMO_IDLE}
    demo, _ = ui.train_or_last(
        ko_demo.KO_DEMO_STORE, ko_demo.train_demo, cfg, label="작은 모델 학습 중", **button
    )
    if demo is None:
        return
    st.markdown(ko_report.demo_line(demo, model.info))
    small = ko_read.read(demo.model, text)
    if small.unreadable():
        return st.caption(ko_report.DEMO_UNREADABLE)
    series = (small.pieces, small.probabilities, small.known)
    ui.chart(kofigs.piece_reading_chart, *series, title=ko_report.DEMO_CHART, key="sentiment_ko_demo_reading")
    st.caption(ko_report.reading_note(small, ko_read.turning_points(small)))


def lesson_model():
    """1. The lesson's SentimentLSTM as it is: padding, 'not', the seed study."""
    st.header("1. 수업의 SentimentLSTM 그대로")
    st.graphviz_chart(diagrams.sentiment_lstm())
    with ui.folded("수업 코드 (이 앱이 실제로 실행하는 클래스)", key="sentiment_code_open") as shown:
        if shown:
            st.code(ui.source(sm.SentimentLSTM), language="python")
    cfg = sm.LessonConfig(seed=ui.seed())
    lesson = ui.train_cached(sm.LESSON_STORE, sm.train_lesson, cfg, label="수업 모델 학습 중")
    left, right = st.columns([3, 2])
    ui.chart(figs.loss_curve, lesson.history.train_loss, key="sentiment_lesson_loss", container=left)
    right.metric("파라미터 수 (count_params)", f"{count_params(lesson.model):,}")
    right.metric("마지막 에포크 손실", f"{lesson.history.train_loss[-1]:.2e}")
    right.caption(f"시드 {cfg.seed} · 학습 {lesson.history.seconds:.1f}초 · {lesson.history.device}")
    rows = [sm.predict_lesson(lesson.model, r) for r in LESSON_TEST_REVIEWS]
    st.markdown("**수업의 테스트 리뷰** (방금 학습한 모델로 계산)")
    st.table(report.lesson_table(LESSON_TEST_REVIEWS, rows), hide_index=True)  # st.table: no data grid
    if note := report.lesson_wrong_note(cfg.seed, report.lesson_wrong(LESSON_TEST_LABELS, rows)):
        st.warning(note)
    text = ask("리뷰를 직접 입력해 보세요 (영어)", "this movie was great", "sentiment_text")
    pred = sm.predict_lesson(lesson.model, text)
    show_notes(input_messages(pred.check, 10))
    if not pred.check.empty:
        c1, c2 = st.columns([2, 3])
        c1.table(report.lesson_tokens(pred), hide_index=True)
        with c2:
            st.markdown(f"`text_to_indices` → `{pred.indices}`")
            show_verdict(pred.check, pred.probability, "lesson")
        if pred.check.truncated:
            c2.text(report.truncated_text(text))  # learner text: plain, never markdown
    padding_and_not(lesson, text)


def padding_and_not(lesson, text: str):
    """Part 1, continued: what padding does to the last state, and the word the lesson lacks."""
    st.subheader("패딩이 마지막 은닉 상태에 들어가요")
    if (pad := inside.padding_report(lesson.model, text)) is None:
        st.info("영어 단어가 한 개 이상 있어야 패딩을 비교할 수 있어요.")
    else:
        problem, fixes = report.padding_texts(pad)
        st.markdown(problem)
        for col, (label, value, delta) in zip(st.columns(3), report.padding_metrics(pad)):
            col.metric(label, value, delta)
        st.markdown(fixes)
    st.subheader("수업 모델이 못 하는 것: 'not'")
    st.markdown(report.not_text(sm.predict_lesson(lesson.model, "not good at all").shown[:4]))
    study = sm.SeedStudy()
    idle = report.seed_study_idle(study.seeds, lesson.history.seconds)
    seeds, _ = ui.train_or_last(sm.SEEDS_STORE, sm.run_seed_study, study, idle=idle, **report.BUTTONS["seed"])
    if seeds is not None:
        ui.chart(figs.seed_study_chart, seeds, study.seeds, key="sentiment_seed_chart")
        st.markdown("\n".join(report.seed_lines(seeds, study.sentences, study.expected)))


def order_aware_model():
    """2. An order-aware model on the app's sentences, against bag-of-words and n-grams."""
    st.header("2. 순서를 이해하는 모델")
    data = corpus.generate()
    st.markdown(report.order_intro(data))
    cols = st.columns(3)
    knobs = {
        n: ui.knob_widget(RNNConfig, n, key=f"sentiment_{k}", container=cols[i // 2])
        for i, (n, k) in enumerate(report.RNN_KNOBS.items())
    }
    cfg = RNNConfig(**knobs, seed=ui.seed())
    comp, _ = ui.train_or_last(corpus.CORPUS_STORE, corpus.corpus_comparison, cfg, **report.rnn_button(cfg))
    if comp is None:
        return
    st.dataframe(report.corpus_table(comp), hide_index=True)
    st.markdown(report.KINDS_HEAD)
    st.dataframe(report.corpus_kind_table(comp, data), hide_index=True)
    left, right = st.columns(2)
    ui.chart(figs.accuracy_bars, comp.accuracy, key="sentiment_rnn_bars", container=left)
    curve = {
        "title": f"{rnn_name(comp.rnn.config)} 학습 곡선",
        "key": "sentiment_rnn_loss",
        "container": right,
    }
    ui.chart(figs.loss_curve, comp.rnn.history.train_loss, **curve)
    st.caption(f"학습 장치: {comp.rnn.history.device}")
    with st.expander("부정 프로브 하나하나 (✓ 맞음, ✗ 틀림)"):
        st.dataframe(report.probe_table(comp, data), hide_index=True)
    text2 = ask("영어 리뷰를 한 단어씩 읽혀 보기", "the acting was not at all good", "sentiment_text2")
    reading = prefix_probabilities(comp.rnn, text2)
    show_notes(input_messages(reading.check, comp.rnn.config.max_len))
    if reason := report.unreadable_reason(reading.check):
        st.error(reason, icon="🚫")
    elif reading.tokens:
        series = (reading.tokens, reading.probabilities, reading.known)
        ui.chart(figs.prefix_chart, *series, key="sentiment_prefix")
        st.caption(report.PREFIX_CAPTION)


def real_reviews():
    """3. Real reviews (UCI): the default is trained at start-up (ui.train_soon); the embedding."""
    st.header("3. 실제 리뷰: UCI Sentiment Labelled Sentences")
    st.markdown(uci_report.REAL_INTRO)
    if st.button("UCI 저장소에서 Yelp 문장 받기", key="sentiment_uci_download"):
        ok, message = uci_report.download()
        (st.success if ok else st.warning)(message)
    reviews = uci.load_available()
    splits = uci.available_splits(reviews)
    split = st.selectbox("나누는 방법", splits, format_func=uci.split_label, **ui.keep("sentiment_split"))
    ucfg = uci.UCIConfig(split=split, data_id=uci.fingerprint(reviews))
    st.caption(uci_report.loaded_caption(reviews) + f" · 데이터 지문 {ucfg.data_id}")
    if ucfg == uci.default_config(reviews):  # runs by itself (prewarmed at start-up); the page goes on
        res = ui.train_soon(uci.UCI_STORE, uci.train_uci, ucfg, label="실제 리뷰 모델을 준비하는 중")
    else:
        res, _ = ui.train_or_last(uci.UCI_STORE, uci.train_uci, ucfg, **report.BUTTONS["uci"])
    if res is None:
        return
    st.dataframe(uci_report.model_table(res), hide_index=True)
    st.markdown(uci_report.uci_verdict(res))
    st.caption(uci_report.uci_caption(res))
    fresh_negation(res)
    text3 = ask("실제 리뷰 모델에 문장 넣어 보기 (영어)", "the battery is not good at all", "sentiment_text3")
    tokens, evidence, weights = res.run.word_weights(text3)
    check = check_input(text3, lambda t: t in res.run.vocab, tokens, res.run.read_limit)
    show_verdict(check, res.run.probability(text3), "uci")
    if note := uci_report.pieces_note(res.run, text3):
        st.caption(note)
    if tokens and not report.unreadable_reason(check):
        ui.chart(figs.word_weights_chart, tokens, evidence, weights, key="sentiment_uci_words")
        st.caption(ko_report.LOGIT)
        st.text("<UNK>가 된 단어: " + (" ".join(t for t in tokens if t not in res.run.vocab) or "없음"))
    embedding(res.run)


def fresh_negation(res):
    """Part 3, continued: negation sentences the model never saw, written before it was tuned."""
    st.markdown(uci_report.fresh_line(*(check := uci_report.fresh_check(res))))
    with st.expander("부정 문장 하나하나 (✓ 맞음, ✗ 틀림)"):
        st.dataframe(uci_report.fresh_table(*check), hide_index=True)
    st.caption(uci_report.negation_notes(res, check[0]))


def embedding(run):
    """Part 3, continued: the embedding table and what its nearest words are worth at this size."""
    st.subheader("임베딩: 단어를 벡터로 바꾸는 표")
    st.markdown(uci_report.EMBEDDING_TEXT)
    itos = list(run.vocab.stoi)
    word = st.selectbox("단어 고르기", uci_report.embedding_choices(itos), **ui.keep("sentiment_word"))
    near = inside.nearest_words(run.model.embedding.weight, itos, word)
    st.dataframe(pd.DataFrame(near, columns=["가까운 단어", "코사인 유사도"]).round(3), hide_index=True)
    st.caption(uci_report.embedding_note(inside.neighbour_gap(run.model.embedding.weight)))


def data_hunger():
    """4. How much data before word order helps: accuracy by training-set size."""
    st.header("4. 데이터가 얼마나 있어야 순서가 도움이 될까")
    reviews = uci.load_available()  # the same sentences as part 3 (read from disk, not a widget)
    hcfg = hunger.HungerConfig(seed=ui.seed(), data_id=uci.fingerprint(reviews))
    button = {**report.BUTTONS["hunger"], "idle": report.hunger_idle(hcfg.fractions)}
    hres, _ = ui.train_or_last(hunger.HUNGER_STORE, hunger.train_hunger, hcfg, **button)
    if hres is not None:
        for col, (key, title) in zip(st.columns(2), report.HUNGER_TITLES.items()):
            args = (hres.fractions, hres.sizes[key], hres.accuracy[key], title)
            ui.chart(figs.hunger_chart, *args, key=f"sentiment_hunger_{key}", container=col)
            col.markdown(report.hunger_verdict(hres, key))


PARTS = (korean_reviews, lesson_model, order_aware_model, real_reviews, data_hunger)
ui.sections("sentiment_part", dict(zip(report.PART_LABELS, PARTS)))
