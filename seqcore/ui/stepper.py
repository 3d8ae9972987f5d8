"""The step-through panel: watch a trained RNN, LSTM or GRU read a sentence, one step at a time.

A page calls `step_through(kind, model, cache_key=config, key="lstm_step")`. The sentence's
forward pass is traced once (seqcore.basics.stepper.trace_model, cached per model and text);
the time control (⏮ ◀ ▶ ⏭, play/pause, a slider, or a click on any chart that follows the
step) lives in a fragment, so moving it reruns only the panel and never recomputes the model.

Charts elsewhere on the page follow the chosen step too: the page puts an empty `st.container()`
where each belongs and passes it as a `Linked` chart; the fragment fills those containers on
every run (Streamlit 1.67 lets a fragment write to a container declared outside it), so one step
move redraws all of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import streamlit as st

from seqcore.basics import gates, step_models
from seqcore.basics import step_equations as eqs
from seqcore.basics import stepper as core
from seqcore.core.cache import CacheStore, memo
from seqcore.figures import cell_diagrams
from seqcore.figures import highlight as hl
from seqcore.ui import step_figures
from seqcore.ui.projector import chart_font_size
from seqcore.ui.step_figures import Linked, LinkedTable
from seqcore.ui.training import train_cached
from seqcore.ui.widgets import keep

PLAY_SECONDS = 1.0  # one step per second while playing


TRACE_STORE = CacheStore("step_traces", max_entries=24)


@memo(TRACE_STORE)
def _trace(kind: str, cache_key: Hashable, text: str, _model) -> core.StepTrace:
    """One traced forward pass per (model, sentence): every step move reads this."""
    return core.trace_model(kind, _model, text)


def sentence_input(key: str, examples: Sequence[str]) -> str:
    choice = st.selectbox("문장 고르기", [*examples, "직접 입력"], **keep(f"{key}_pick"))
    if choice != "직접 입력":
        return choice
    return st.text_input(
        "문장 (띄어쓰기로 단어 구분, 마침표로 문장 끝)",
        examples[0],
        max_chars=300,
        **keep(f"{key}_text", url=False),
    )


def _set(key: str, value: int) -> None:
    st.session_state[key] = value
    st.session_state[key + "_clicked"] = True


def _toggle_play(play_key: str, t_key: str, last: int) -> None:
    playing = not st.session_state.get(play_key, False)
    st.session_state[play_key] = playing
    if playing and st.session_state.get(t_key, 1) >= last:
        st.session_state[t_key] = 1  # play from the start when at the end
    st.session_state[t_key + "_clicked"] = True


def _controls(t_key: str, play_key: str, last: int) -> None:
    t = int(st.session_state.get(t_key, 1))
    playing = st.session_state.get(play_key, False)
    row = st.container(horizontal=True)
    row.button("⏮ 처음", key=f"{t_key}_first", on_click=_set, args=(t_key, 1), disabled=t <= 1)
    row.button("◀ 이전", key=f"{t_key}_prev", on_click=_set, args=(t_key, max(1, t - 1)), disabled=t <= 1)
    row.button(
        "⏸ 멈춤" if playing else "▶️ 재생",
        key=f"{t_key}_play",
        on_click=_toggle_play,
        args=(play_key, t_key, last),
        type="primary",
    )
    row.button(
        "다음 ▶", key=f"{t_key}_next", on_click=_set, args=(t_key, min(last, t + 1)), disabled=t >= last
    )
    row.button("끝 ⏭", key=f"{t_key}_last", on_click=_set, args=(t_key, last), disabled=t >= last)
    st.slider("시점 t", 1, max(last, 2) if last > 1 else 2, disabled=last < 2, **keep(t_key))


def _clicked_step(chart_keys: Sequence[str], seen_prefix: str) -> int | None:
    """The step (1-based) the learner just clicked on any of the charts, once per new click."""
    for chart_key in chart_keys:
        event = st.session_state.get(chart_key)
        step = hl.clicked_step(event)
        if step is None:
            continue
        sig = hl.selection_signature(event)
        if sig != st.session_state.get(seen_prefix + chart_key):
            st.session_state[seen_prefix + chart_key] = sig
            return step + 1
    return None


def _advance(chart_keys: Sequence[str], t_key: str, play_key: str, last: int) -> None:
    """Before the widgets: keep t in range, apply a chart click, and step once per play tick."""
    clicked = st.session_state.pop(t_key + "_clicked", False)
    carried = st.session_state.pop(t_key + "_carry", None)
    if carried is not None:
        # An app rerun started by the play button replays the browser's last widget values,
        # which may still show the step before: the step this panel chose wins.
        st.session_state[t_key] = carried
        clicked = True
    raw = str(st.query_params.get(t_key, ""))
    if t_key not in st.session_state and raw.isdigit() and 1 <= int(raw) <= last:
        st.session_state[t_key] = int(raw)  # a link to a step, read before the slider (others: ignored)
    picked = _clicked_step(chart_keys, t_key + "_seen_")
    if picked is not None:
        st.session_state[t_key] = picked
        clicked = True
    t = int(st.session_state.get(t_key, 1))
    if st.session_state.get(play_key) and not clicked:
        t += 1
    st.session_state[t_key] = max(1, min(t, last))
    if st.session_state.get(play_key) and st.session_state[t_key] >= last:
        st.session_state[play_key] = False


def _show_step(tr: core.StepTrace, figs: step_figures.PanelFigures, t: int, key: str, unrolled: bool) -> None:
    """Everything drawn for step t (0-based) from the cached trace."""
    H = tr.h_prev.shape[1]
    unit = st.select_slider("식을 볼 유닛", list(range(H)), value=min(3, H - 1), **keep(f"{key}_unit"))
    answer, prob, truth = eqs.answer_label(tr, t)
    st.text(
        f"시점 {t + 1}/{tr.steps} · 단어: {tr.parsed.tokens[t]} · 모델의 답: {answer} ({prob:.0%}) · 정답: {truth}"
    )
    strips, timeline, answers = figs.at(t, unit)
    st.plotly_chart(strips, key=f"{key}_strips")
    st.caption(f"한 줄이 벡터 하나, 한 칸이 유닛 하나예요. 노란 테두리가 아래 식을 쓴 유닛 {unit}입니다.")
    st.markdown(f"**유닛 {unit}의 계산** (실제 가중치와 값을 넣은 식, 소수 둘째 자리까지):")
    st.code("\n".join(eqs.equations(tr, t, unit)), language=None, wrap_lines=True)
    if unrolled:
        st.graphviz_chart(
            cell_diagrams.unrolled_rnn(
                tokens=tr.parsed.tokens, states=tr.values["h"], current=t, cell=tr.kind.upper()
            )
        )
        st.caption(
            "펼친 RNN의 각 칸에 그 시점의 실제 h_t가 색 띠로 들어 있어요 (빨강 +, 파랑 −). 지금 시점은 숫자까지 보여요."
        )
    st.plotly_chart(timeline, key=f"{key}_timeline", on_select="rerun", selection_mode="points")
    st.plotly_chart(answers, key=f"{key}_answers", on_select="rerun", selection_mode="points")
    st.caption("막대나 위 그림의 칸을 누르면 그 시점으로 이동해요. 노란 테두리가 지금 시점이에요.")


def _show_linked(linked: Sequence[Linked | LinkedTable], figs: dict[str, tuple], t: int) -> None:
    """The page's other charts over this sentence, each with step t (0-based) banded, in place."""
    for lk in linked:
        if isinstance(lk, LinkedTable):
            lk.slot.dataframe(hl.step_table(lk.rows, t), hide_index=True)
            continue
        lk.slot.plotly_chart(
            step_figures.linked_at(*figs[lk.key], t), key=lk.key, on_select="rerun", selection_mode="points"
        )
        if lk.caption:
            lk.slot.caption(lk.caption)


def _trace_or_warn(kind: str, cache_key: Hashable, text: str, model):
    try:
        return _trace(kind, cache_key, text, model)
    except gates.EmptyInputError as err:
        st.warning(str(err))
        return None


def step_through(
    kind: str,
    model,
    *,
    cache_key: Hashable,
    key: str,
    unrolled: bool = False,
    text: str | None = None,
    linked: Sequence[Linked | LinkedTable] = (),
    lesson: bool = False,
) -> None:
    """The whole panel: sentence input (unless the page passes `text`), the allclose check, and
    the time-stepped view; `linked` charts elsewhere on the page follow the step.
    A GRU gets a toggle for the lesson's notation (`lesson`: its first value)."""
    own_input = text is None
    text = sentence_input(key, gates.EXAMPLES) if own_input else text
    tr = _trace_or_warn(kind, cache_key, text, model)
    if tr is None:
        return
    if own_input and tr.parsed.unknown:
        st.text("모르는 단어는 <UNK>로 읽어요: " + ", ".join(tr.parsed.unknown))
    if own_input and tr.parsed.truncated:
        st.info(f"문장이 길어서 앞의 {gates.MAX_TOKENS}개 단어만 읽었어요.")
    if kind == "gru" and st.toggle(
        "강의 표기로 보기 (강의의 z = 1 − PyTorch의 z)", value=lesson, **keep(f"{key}_lesson")
    ):
        tr = core.in_lesson_notation(tr)
    st.code(eqs.check_lines(tr), language="python")
    t_key, play_key = f"{key}_t", f"{key}_playing"
    playing = bool(st.session_state.get(play_key, False))
    figs, linked_figs = step_figures.panel_and_linked(
        tr, (kind, cache_key, text, tr.notation, chart_font_size()), linked
    )
    chart_keys = [f"{key}_answers", f"{key}_timeline", *(lk.key for lk in linked if isinstance(lk, Linked))]

    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def view() -> None:
        _advance(chart_keys, t_key, play_key, tr.steps)
        t = int(st.session_state[t_key]) - 1
        _show_linked(linked, linked_figs, t)
        _controls(t_key, play_key, tr.steps)
        _show_step(tr, figs, t, key, unrolled)
        if bool(st.session_state.get(play_key, False)) != playing:
            st.session_state[t_key + "_carry"] = st.session_state[t_key]
            st.rerun(scope="app")  # start or stop the play timer

    view()


def tagger_step_through(kind: str, seed: int, key: str, **panel) -> step_models.StepModel:
    """Train (cached) the RNN or GRU tagger of the gate task, say how good it is, step through it
    (`panel`: step_through's keyword arguments)."""
    cfg = step_models.StepTaskConfig(kind=kind, seed=seed)
    name = kind.upper()
    sm = train_cached(step_models.STEP_STORE, step_models.train_step_model, cfg, label=f"{name} 학습 중")
    st.caption(
        f"모델: nn.Embedding → {sm.model.rnn!r} → nn.Linear. 과제: 단어를 하나씩 읽으며 매 시점 "
        "'지금 문장이 보인 감정'(없음·긍정·부정)을 답하고, 마침표(.)를 만나면 다시 '없음'이 돼요. "
        f"이 앱에서 방금 학습했어요 ({cfg.epochs} 에포크, {sm.seconds:.2f}초 · {sm.device}). "
        f"따로 뽑은 검증 문장에서 정확도 {sm.val_accuracy:.1%}, 마침표에서 {sm.period_accuracy:.1%}."
    )
    step_through(kind, sm.model, cache_key=cfg, key=key, **panel)
    return sm
