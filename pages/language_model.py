"""문자 생성: a recurrent language model that learns Korean reviews here and writes, one unit at a time."""

from dataclasses import replace

import streamlit as st

from seqcore import ui
from seqcore.core.markup import plain
from seqcore.figures import lm as figs
from seqcore.lm import data, sampling, views
from seqcore.lm import trainer as lm
from seqcore.lm.trainer import LMConfig
from seqcore.lm.units import shown
from seqcore.ui import player
from seqcore.ui.training import in_progress

ui.require_entry_point()

K = "language_model_"  # every key of this page starts so (the public link format)
SOURCES = {"nsmc": "영화 리뷰 (NSMC)", "own": "내 글 붙여 넣기"}
LABEL = "문자 생성 모델 학습 중"


def settings() -> LMConfig:
    """The run every part reads: the cell, the unit, how batches are cut, clipping, the text."""
    cols = st.columns(4)
    cell = ui.knob_widget(LMConfig, "cell", key=K + "cell", container=cols[0])
    unit = ui.knob_widget(LMConfig, "unit", key=K + "unit", container=cols[1])
    batching = ui.knob_widget(LMConfig, "batching", key=K + "batching", container=cols[2])
    clip = ui.knob_widget(LMConfig, "clip", key=K + "clip", container=cols[3])
    source = st.radio(
        "학습할 글", list(SOURCES), format_func=SOURCES.get, horizontal=True, **ui.keep(K + "source")
    )
    text = None
    if source == "own":
        raw = st.text_area(
            f"한 줄에 글 하나씩 붙여 넣으세요 ({data.MIN_TEXT_CHARS:,}~{data.MAX_TEXT_CHARS:,}자)",
            height=140,
            max_chars=4 * data.MAX_TEXT_CHARS,
            **ui.keep(K + "text", url=False),
        )
        try:
            text = data.check_text(raw)
            data.text_corpus(text)
        except data.TextRefused as exc:
            st.warning(str(exc), icon="✂️")
            ui.stop()
        st.caption(
            f"{len(text):,}자를 받았어요. 조각의 해시로 10%를 떼어 검증 글로 써요 (위치가 아니라 내용으로 나눠요)."
        )
    return LMConfig(cell=cell, unit=unit, batching=batching, clip=clip, text=text, seed=ui.seed())


def run_of(cfg: LMConfig, key: str, button: str):
    """(run, stale): cached (no button then), computing, or trained on the button; else the last one."""
    if ui.is_cached(lm.LM_STORE, cfg):
        return ui.train_cached(lm.LM_STORE, lm.train_lm, cfg), False
    if in_progress(lm.LM_STORE, cfg):  # the start-up work (or a classmate) is training it: a box, no wait
        return ui.train_soon(lm.LM_STORE, lm.train_lm, cfg, label=LABEL), False
    idle = f"버튼을 누르면 이 앱에서 학습해요 (CPU {cfg.estimate_s():.0f}초쯤, 서버가 바쁘면 더 걸려요)."
    return ui.train_or_last(lm.LM_STORE, lm.train_lm, cfg, key=key, button=button, label=LABEL, idle=idle)


def trained(cfg: LMConfig):
    result, stale = run_of(cfg, K + "train", "이 설정으로 학습하기")
    if result is None:
        ui.stop()
    return result, stale


def predict_then_reveal(cfg: LMConfig):
    st.header("언어 모델: 다음 글자 맞히기")
    st.markdown(
        "언어 모델은 지금까지 읽은 글자를 보고 **다음 글자의 확률**을 내요. 그 확률에서 하나를 뽑아 다시 입력에 넣으면 "
        "글을 한 글자씩 써요. 감성 분석처럼 마지막 시점만 쓰는 many-to-one이 아니라, 모든 시점에서 답을 내는 "
        "**many-to-many**예요. 이 앱에서 영화 리뷰로 직접 학습해요."
    )
    st.subheader("먼저 예측해 보세요")
    st.markdown(
        "학습한 모델이 온도 0.5로 쓴 글을 띄어쓰기로 나누면, 두 글자 이상인 토막 중 **학습 글에 실제로 나오는 단어**는 "
        "몇 %일까요? 한 번 읽은 뒤(에포크 1)와 열 번 읽은 뒤(에포크 10)를 골라 보세요."
    )
    left, right = st.columns(2)
    guess1 = left.slider("에포크 1", 0, 100, 50, step=10, format="%d%%", **ui.keep(K + "guess1"))
    guess10 = right.slider("에포크 10", 0, 100, 50, step=10, format="%d%%", **ui.keep(K + "guess10"))
    if st.button("예측했어요: 학습하고 확인하기", type="primary", key=K + "reveal"):
        st.session_state[K + "revealed"] = cfg  # new settings: a new guess first
    if st.session_state.get(K + "revealed") != cfg:
        st.info("예측을 정하고 버튼을 누르면 학습 결과와 비교해요. 처음에는 학습에 1~2분 걸릴 수 있어요.")
        return
    result = ui.train_cached(lm.LM_STORE, lm.train_lm, cfg, label=LABEL)
    st.dataframe(views.prediction_rows(result, {1: guess1, 10: guess10}), hide_index=True)
    cols = st.columns(2)
    for col, epoch in zip(cols, (1, min(10, result.epochs))):
        col.markdown(f"**에포크 {epoch}의 샘플 (온도 0.5)**")
        col.code(result.records[epoch].samples[0.5], language=None, wrap_lines=True)
    st.caption(views.run_caption(result))


def watch_it_learn(cfg: LMConfig):
    st.header("에포크마다 보기")
    st.latex(r"\text{PPL} = \exp\Big(-\frac{1}{N}\sum_{t=1}^{N}\log p(x_t \mid x_{<t})\Big)")
    st.markdown(
        "**퍼플렉서티**: 정답 글자에 준 확률의 로그를 평균 내 되돌린 값, 곧 '매번 몇 개 중에서 고르는 만큼 헷갈리는지'예요. "
        "앞 글자를 보지 않고 빈도로만 거는 유니그램이 기준선이에요."
    )
    result, _ = trained(cfg)

    def at_epoch(k: int) -> None:
        train, held = [r.train_ppl for r in result.records], [r.held_ppl for r in result.records]
        ui.chart(figs.perplexity_curves, train, held, result.unigram_ppl, upto=k, key=K + "ppl")
        rec = result.records[k]
        for col, t in zip(st.columns(2), lm.SAMPLE_TEMPERATURES):
            rate = rec.real_rates[t]
            col.markdown(f"**온도 {t}** · 진짜 단어 {'–' if rate is None else f'{rate:.0%}'}")
            col.code(rec.samples[t], language=None, wrap_lines=True)
        st.caption(views.epoch_caption(result, k))

    player.play(K + "epoch", result.epochs, at_epoch, label="에포크 (0: 학습 전)")


def _pair(result, stale: bool, other: LMConfig, key: str, button: str):
    """The learner's run and `other`'s, trained on a click (cached), or None when not both are fresh."""
    if stale:
        return None
    twin, stale = run_of(other, key, button)
    return (result, twin) if twin is not None and not stale else None


def how_it_trains(cfg: LMConfig):
    st.header("이어 읽기와 detach: 잘린 역전파")
    st.markdown(
        f"글 전체를 한 번에 역전파하면 메모리가 모자라요. 그래서 글을 {cfg.batch_size}줄로 나란히 잘라 "
        f"{cfg.seq_len}걸음씩 읽어요. **이어 읽기**는 앞 배치의 마지막 은닉 상태를 다음 배치의 시작으로 넘기되 "
        f"`detach()`로 그래프를 끊어요: 값은 기억하고, 역전파는 {cfg.seq_len}걸음에서 멈춰요. "
        "**무작위**는 창의 순서를 섞고 매번 0에서 시작해요."
    )
    st.code(ui.source(lm.run_epoch), language="python")
    result, stale = trained(cfg)
    other = replace(cfg, batching="random" if cfg.batching == "carried" else "carried")
    pair = _pair(result, stale, other, K + "other_batching", "다른 미니배치로도 학습하기")
    if pair:
        held, sentence = views.batching_pair(pair)
        ui.chart(figs.batching_curves, held, pair[0].unigram_ppl, key=K + "batching_chart")
        st.markdown(sentence)
    st.header("기울기 클리핑")
    st.markdown(
        f"업데이트마다 기울기 전체의 노름을 재요. 클리핑을 켜면 노름이 {cfg.clip_norm:g}를 넘을 때 길이만 "
        f"{cfg.clip_norm:g}로 줄여요."
    )
    flipped = replace(cfg, clip=not cfg.clip)
    pair = _pair(result, stale, flipped, K + "other_clip", "클리핑을 바꿔서도 학습하기")
    if pair:
        on, off = sorted(pair, key=lambda r: not r.config.clip)
        norms = {"클리핑 켬": on.grad_norms, "클리핑 끔": off.grad_norms}
        ui.chart(figs.grad_norms, norms, on.config.clip_norm, on.steps_per_epoch, key=K + "norms")
        st.markdown(views.clip_sentence(on, off) + " " + views.gap_sentence("켠 실행", on, "끈 실행", off))
    ui.page_link("pages/vanishing_gradient.py", "기울기 소실 페이지: 기울기가 왜 폭발하거나 사라지는지")


def write_with_it(cfg: LMConfig):
    st.header("프롬프트로 이어 쓰기")
    result, _ = trained(cfg)
    limit = sampling.MAX_PROMPT_CHARS
    prompt = st.text_input(
        "프롬프트 (비우면 리뷰의 첫 글자부터)", "이 영화", max_chars=limit, **ui.keep(K + "prompt")
    )
    low, high = sampling.MIN_TEMPERATURE, sampling.MAX_TEMPERATURE
    temp = st.slider("온도 T", low, high, 0.8, 0.1, **ui.keep(K + "temp"))
    unknown = sampling.unknown_prompt_units(result.vocab, prompt)
    if unknown:
        st.caption("학습 글에 없던 단위는 □(UNK)로 읽어요: " + plain(" ".join(shown(u) for u in unknown)))
    greedy = views.continuation(result, prompt, 0.0, ui.seed())
    sampled = views.continuation(result, prompt, temp, ui.seed())
    titles = ("탐욕 (매번 가장 높은 것)", f"샘플링 (T = {temp:g}, 시드 {ui.seed()})")
    for col, title, gen in zip(st.columns(2), titles, (greedy, sampled)):
        col.markdown(f"**{title}**")
        col.code(gen.text, language=None, wrap_lines=True)
    st.caption(
        "탐욕은 같은 구절을 되풀이하기 쉬워요. 확률대로 뽑으면 다양해지지만, T가 높을수록 지어낸 말이 늘어요."
    )
    st.subheader("같은 시드, 같은 샘플")
    st.code(views.same_seed_lines(result, prompt, temp, ui.seed(), sampled.units), language="python")
    st.dataframe(views.study_rows(result, ui.seed()), hide_index=True)
    st.caption(
        "빈 프롬프트에서 200글자씩 5번 뽑아 잰 값이에요. 온도 1.0의 단어는 대부분 학습 글에 없는 지어낸 말이에요."
    )
    next_unit_probabilities(result, sampled)


def next_unit_probabilities(result, sampled) -> None:
    st.subheader("한 걸음의 확률: 다음 단위 상위 5개")
    units = [*sampled.prompt, *sampled.units][:60]
    labels = views.step_labels(units)
    step = st.pills(
        "단위를 누르면 그다음에 올 단위의 확률을 보여 줘요",
        list(range(len(units) - 1)),
        format_func=lambda i: plain(labels[i]),
        default=0,
        **ui.keep(K + "step"),
    )
    choices = views.next_choices(result, tuple(units))[(step or 0) + 1]
    ui.chart(
        figs.next_bars,
        [shown(u) for u in choices.units],
        choices.probs,
        shown(choices.actual) if choices.actual else None,
        key=K + "next",
    )
    st.caption(plain(views.next_caption(choices)))


def units_and_shapes(cfg: LMConfig):
    st.header("음절로 읽을까, 자모로 읽을까")
    result, stale = trained(cfg)
    st.dataframe(views.vocab_summary(result), hide_index=True)
    ui.chart(figs.unit_bars, *views.top_units(result, 30), "가장 자주 나오는 단위 30개", key=K + "vocab")
    other = replace(cfg, unit="jamo" if cfg.unit == "char" else "char")
    pair = _pair(result, stale, other, K + "other_unit", "다른 단위로도 학습하기")
    if pair:
        runs = {lm.UNIT_LABELS[r.config.unit]: r for r in pair}
        st.dataframe(views.unit_rows(runs), hide_index=True)
        ui.chart(figs.bpc_curves, views.bpc_by_cpu(runs), key=K + "units_chart")
        st.markdown(views.gap_sentence(*(x for item in runs.items() for x in item)))
    st.header("같은 셀, 두 가지 모양")
    rep = views.shapes(result, ui.seed())
    for col, title, lines in zip(
        st.columns(2), ("many-to-many (이 페이지)", "many-to-one (감성 분석)"), views.shape_lines(rep)
    ):
        col.markdown(f"**{title}**")
        col.code(lines, language=None)
    st.caption(
        f"검증 글의 실제 배치 하나를 학습한 {cfg.cell.upper()}에 넣은 모양이에요. 어휘 {rep.vocab}개마다 점수가 하나씩 나와요."
    )
    ui.page_link("pages/sentiment.py", "감성 분석 페이지: many-to-one 분류")


st.title("문자 생성: 한 글자씩 쓰는 RNN")
config = settings()
ui.sections(
    K + "part",
    {
        "예측하고 학습": lambda: predict_then_reveal(config),
        "에포크마다 보기": lambda: watch_it_learn(config),
        "잘린 역전파와 클리핑": lambda: how_it_trains(config),
        "이어 쓰기": lambda: write_with_it(config),
        "단위와 모양": lambda: units_and_shapes(config),
    },
)
